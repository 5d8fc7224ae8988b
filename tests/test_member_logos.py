"""The ``member-logos`` directive: doctree, HTML, other builders, bad input, rebuilds."""

import os
import re
import struct
import zlib
from pathlib import Path
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from support import attr, build, built, first, parse_html

from sphinx_alliance.member_logos import (
    EmbedSmallLogos,
    alliance_member,
    alliance_member_logo,
    alliance_member_logos,
)

SORTED = ["Alpha", "beta Labs", "Mid Corp", "Omega"]  # case-insensitive
FILE_ORDER = ["beta Labs", "Omega", "Alpha", "Mid Corp"]
SIZES = {
    "square.svg": "64x64",  # width/height attributes win over the viewBox
    "square-dark.svg": "64x64",
    "wide.svg": "240x60",  # viewBox only
    "tiny.png": "30x10",
    "banner.webp": "48x16",
    "one.svg": "120x40",  # "px" units
}
HOMEPAGES = {
    "Alpha": "https://alpha.example/?a=1&b=2",
    "beta Labs": "https://beta.example",
    "Mid Corp": None,
    "Omega": "https://omega.example/",
}


def grid(page: BeautifulSoup) -> Tag:
    (ul,) = page.select("ul.sa-member-logos")
    return ul


def names(ul: Tag) -> list[str]:
    return [attr(first(li, "img"), "alt") for li in ul.find_all("li", recursive=False)]


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(root, marks=pytest.mark.sphinx("html", testroot=root, srcdir=f"{root}-grid"))
        for root in ["member-logos-myst", "member-logos-rst"]
    ],
)
def test_grid_html(app, root):
    assert built(app).warning_text == ""

    page = parse_html(app.outdir / "index.html")
    ul = grid(page)
    assert ul["class"] == ["sa-member-logos"]
    assert ul["role"] == "list"
    assert names(ul) == SORTED  # "Gone Ltd" is inactive
    for li in ul.find_all("li", recursive=False):
        assert li["class"] == ["sa-member"]
        link = li.select_one(":scope > a")
        imgs = (link or li).select(":scope > img")
        name = attr(imgs[0], "alt")
        if HOMEPAGES[name] is None:
            assert link is None
        else:
            assert link is not None
            assert attr(link, "href") == HOMEPAGES[name]
            assert link["class"] == ["reference", "external"]
        for img in imgs:
            assert attr(img, "alt") == name
            assert (img["loading"], img["decoding"]) == ("lazy", "async")
            assert attr(img, "src").startswith("_images/")
            assert (app.outdir / attr(img, "src")).is_file()
            assert f"{img['width']}x{img['height']}" == SIZES[Path(attr(img, "src")).name]
        if name == "Alpha":
            light, dark = imgs
            assert light["class"] == ["sa-member-logo", "only-light"]
            assert dark["class"] == ["sa-member-logo", "only-dark"]
            assert (Path(attr(light, "src")).name, Path(attr(dark, "src")).name) == (
                "square.svg",
                "square-dark.svg",
            )
        else:
            assert [img["class"] for img in imgs] == [["sa-member-logo"]]
    assert not (app.outdir / "_images" / "missing-but-inactive.svg").exists()

    ordered = grid(parse_html(app.outdir / "file-order.html"))
    assert ordered["class"] == ["sa-member-logos", "compact", "extra"]
    assert names(ordered) == FILE_ORDER

    inline = grid(parse_html(app.outdir / "inline.html"))
    assert names(inline) == ["Inline One", "Rooted"]
    assert attr(first(inline, "img[alt=Rooted]"), "src") == "_images/tiny.png"  # "/" is the srcdir
    (img,) = inline.select("a[href='http://one.example'] > img")
    assert (attr(img, "alt"), attr(img, "src"), img["width"], img["height"]) == (
        "Inline One",
        "_images/one.svg",
        "120",
        "40",
    )

    def stylesheets(page: str) -> list[str]:
        links = parse_html(app.outdir / page).find_all("link", rel="stylesheet")
        return [attr(link, "href").split("?")[0] for link in links]

    assert "_static/sphinx-alliance-member-logos.css" in stylesheets("index.html")
    assert "_static/sphinx-alliance-member-logos.css" not in stylesheets("other.html")
    assert (app.outdir / "_static" / "sphinx-alliance-member-logos.css").is_file()


@pytest.mark.sphinx("html", testroot="member-logos-myst")
def test_doctree(app):
    assert built(app).warning_text == ""
    doctree = app.env.get_doctree("index")
    (grid_node,) = doctree.findall(alliance_member_logos)
    assert [node["name"] for node in grid_node.findall(alliance_member)] == SORTED
    alpha = next(node for node in grid_node.findall(alliance_member) if node["name"] == "Alpha")
    (reference,) = alpha.children
    assert isinstance(reference, nodes.reference)
    assert reference["refuri"] == HOMEPAGES["Alpha"]
    assert [
        (logo["uri"], logo["size"], logo["alt"]) for logo in alpha.findall(alliance_member_logo)
    ] == [
        ("_data/square.svg", (64, 64), "Alpha"),
        ("_data/square-dark.svg", (64, 64), "Alpha"),
    ]
    assert app.env.images["_data/square.svg"][0] == {"index", "file-order"}


@pytest.mark.sphinx(
    testroot="member-logos-rst", confoverrides={"version": "1", "copyright": "2026, Tests"}
)
@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, srcdir=f"member-logos-{name}"))
        for name in ["dirhtml", "singlehtml", "epub"]
    ],
)
def test_images_copied_by_other_html_builders(app, builder):
    assert built(app).warning_text == ""
    page = {
        "dirhtml": "index.html",
        "singlehtml": "index.html",
        "epub": "index.xhtml",
    }[builder]
    html = app.outdir / page
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    imgs = soup.select("ul.sa-member-logos img.sa-member-logo")
    assert {attr(img, "alt") for img in imgs} >= set(SORTED)
    for img in imgs:
        assert (html.parent / attr(img, "src")).is_file()


LOGO_FILES = {  # (alt, dark) -> the logo file of the rST root
    ("Alpha", False): "_data/square.svg",
    ("Alpha", True): "_data/square-dark.svg",
    ("beta Labs", False): "_data/wide.svg",
    ("Omega", False): "_data/banner.webp",  # 520 bytes
    ("Mid Corp", False): "_data/tiny.png",
    ("Rooted", False): "_data/tiny.png",
    ("Inline One", False): "logos/one.svg",
}
# An SVG cannot run script from an <img>; in the page, its text must stay inside the URI.
HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60">'
    "<style>/* \"'&amp;#%20 </style><script>alert(1)</script><title>é&lt;/title&gt; --></title>"
    '<rect width="240" height="60" fill="#246"/></svg>\n'
)
SVG_URI = re.compile(r"data:image/svg\+xml,[A-Za-z0-9%/:;,=()!*'~@$+._-]*")
PAGES = {"html": "*.html", "dirhtml": "**/*.html", "singlehtml": "*.html", "epub": "*.xhtml"}


def decoded(data_uri: str) -> bytes:
    """The bytes a data: URI holds, as the standard library decodes them."""
    with urlopen(data_uri) as response:
        return response.read()


def logos_by_file(outdir: Path, pages: str) -> dict[str, list[Tag]]:
    """The member logos of all pages, by the logo file each one shows."""
    found: dict[str, list[Tag]] = {}
    for page in outdir.glob(pages):
        for img in parse_html(page).select("ul.sa-member-logos img.sa-member-logo"):
            dark = "only-dark" in img["class"]
            found.setdefault(LOGO_FILES[attr(img, "alt"), dark], []).append(img)
    return found


@pytest.mark.sphinx(
    testroot="member-logos-rst",
    confoverrides={
        "version": "1",
        "copyright": "2026, Tests",
        "alliance_member_logos_embed_limit": 519,
    },
)
@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, srcdir=f"member-logos-embed-{name}"))
        for name in PAGES
    ],
)
def test_logos_up_to_the_limit_are_data_uris(app, builder):
    (app.srcdir / "_data" / "wide.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    assert built(app).warning_text == ""

    found = logos_by_file(app.outdir, PAGES[builder])
    assert set(found) == set(LOGO_FILES.values())
    for name, imgs in found.items():
        content = (app.srcdir / name).read_bytes()
        for img in imgs:
            assert (img["loading"], img["decoding"]) == ("lazy", "async")
            assert f"{img['width']}x{img['height']}" == SIZES[Path(name).name]
            if name.endswith(".webp"):
                assert not attr(img, "src").startswith("data:")
                continue
            assert attr(img, "src").startswith(
                "data:image/svg+xml," if name.endswith(".svg") else "data:image/png;base64,"
            )
            assert decoded(attr(img, "src")) == content
    images = app.outdir / "_images"
    assert sorted(path.name for path in images.iterdir()) == ["banner.webp"]
    page = app.outdir / ("index.xhtml" if builder == "epub" else "index.html")
    ul = first(parse_html(page), "ul.sa-member-logos")  # singlehtml: of all pages
    banner = first(ul, "img[alt=Omega]")
    assert (page.parent / attr(banner, "src")).resolve() == images.resolve() / "banner.webp"
    if builder == "epub":  # the page must stay well-formed XML
        ElementTree.parse(page)

    # The hostile SVG: all of it inside the attribute, percent-encoded.
    raw = page.read_text(encoding="utf-8")
    hostile = re.findall(r'src="(data:image/svg\+xml,[^"]*%3Cscript[^"]*)"', raw)
    assert hostile
    assert all(SVG_URI.fullmatch(uri) for uri in hostile)
    assert not ul.find_all(["script", "style", "svg", "title"])


@pytest.mark.sphinx(
    "html",
    testroot="member-logos-rst",
    srcdir="member-logos-embed-limit",
    confoverrides={"alliance_member_logos_embed_limit": 520},
)
def test_a_logo_of_exactly_the_limit_is_embedded(app):
    assert built(app).warning_text == ""
    for banner in logos_by_file(app.outdir, "*.html")["_data/banner.webp"]:
        assert attr(banner, "src").startswith("data:image/webp;base64,")
        assert decoded(attr(banner, "src")) == (app.srcdir / "_data" / "banner.webp").read_bytes()
    assert not (app.outdir / "_images").exists()


@pytest.mark.sphinx(
    "html",
    testroot="member-logos-rst",
    srcdir="member-logos-embed-gone",
    confoverrides={"alliance_member_logos_embed_limit": 4096},
)
def test_a_logo_gone_before_writing_stays_a_link(app):
    gone = app.srcdir / "_data" / "wide.svg"
    app.connect("env-updated", lambda app, env: gone.unlink())
    # Sphinx's own warning, the only one: the file it was asked to copy is gone.
    (warning,) = built(app).warnings
    assert "WARNING: cannot copy image file" in warning
    assert "wide.svg" in warning
    found = logos_by_file(app.outdir, "*.html")
    assert [attr(img, "src") for img in found["_data/wide.svg"]] == ["_images/wide.svg"] * 2
    assert attr(found["_data/square.svg"][0], "src").startswith("data:")


@pytest.mark.sphinx("html", testroot="member-logos-rst", srcdir="member-logos-embed-bad")
@pytest.mark.parametrize("limit", ["4096", -1, True, 4096.0, None])
def test_a_bad_embed_limit_warns_and_embeds_nothing(app_params, make_app, limit):
    args, kwargs = app_params
    with (kwargs["srcdir"] / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"alliance_member_logos_embed_limit = {limit!r}\n")
    app = make_app(*args, **kwargs)
    assert built(app).warning_text.splitlines() == [
        "WARNING: alliance_member_logos_embed_limit must be a number of bytes (an int >= 0), "
        f"not {limit!r}; logos are not embedded (in {app.srcdir / 'conf.py'}) "
        "[alliance.member-logos]"
    ]
    for imgs in logos_by_file(app.outdir, "*.html").values():
        assert all(attr(img, "src").startswith("_images/") for img in imgs)


@pytest.mark.sphinx(
    "html",
    testroot="member-logos-rst",
    srcdir="member-logos-embed-off",
    confoverrides={"alliance_member_logos_embed_limit": 0},
)
def test_an_embed_limit_of_0_embeds_nothing(app):
    assert built(app).warning_text == ""
    found = logos_by_file(app.outdir, "*.html")
    assert set(found) == set(LOGO_FILES.values())
    for imgs in found.values():
        assert all((app.outdir / attr(img, "src")).is_file() for img in imgs)


@pytest.mark.sphinx(
    testroot="member-logos-rst", confoverrides={"alliance_member_logos_embed_limit": 4096}
)
@pytest.mark.parametrize(
    ("builder", "pages"),
    [
        pytest.param(
            name, pages, marks=pytest.mark.sphinx(name, srcdir=f"member-logos-embed-{name}")
        )
        for name, pages in [("text", "*.txt"), ("latex", "*.tex")]
    ],
)
def test_builders_without_data_uris_do_not_embed(app, builder, pages):
    assert built(app).warning_text == ""
    text = "".join(path.read_text(encoding="utf-8") for path in app.outdir.glob(pages))
    assert all(name in text for name in SORTED)
    assert "data:" not in text
    assert "svg" not in text
    assert EmbedSmallLogos not in app.registry.get_post_transforms()


@pytest.mark.sphinx("text", testroot="member-logos-rst", srcdir="member-logos-text")
def test_text_builder_lists_names(app):
    assert built(app).warning_text == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert re.findall(r"^\* (.+)$", text, flags=re.MULTILINE)[:4] == SORTED  # then the toctree
    ordered = (app.outdir / "file-order.txt").read_text(encoding="utf-8")
    assert re.findall(r"^\* (.+)$", ordered, flags=re.MULTILINE) == FILE_ORDER


@pytest.mark.sphinx("latex", testroot="member-logos-rst", srcdir="member-logos-latex")
def test_latex_builder_links_names(app):
    assert built(app).warning_text == ""
    (tex,) = app.outdir.glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    first_list = latex.split(r"\begin{itemize}", 1)[1].split(r"\end{itemize}", 1)[0]
    items = [
        item.split(r"\sphinxAtStartPar", 1)[1].strip()
        for item in first_list.split(r"\item {}")[1:]
    ]
    assert items == [
        r"\sphinxhref{https://alpha.example/?a=1\&b=2}{Alpha}",
        r"\sphinxhref{https://beta.example}{beta Labs}",
        "Mid Corp",
        r"\sphinxhref{https://omega.example/}{Omega}",
    ]
    assert r"\sphinxincludegraphics" not in latex
    assert not list(app.outdir.glob("*.svg"))


@pytest.mark.sphinx(testroot="member-logos-rst")
@pytest.mark.parametrize(
    ("builder", "link"),
    [
        pytest.param(
            builder, link, marks=pytest.mark.sphinx(builder, srcdir=f"member-logos-{builder}")
        )
        for builder, link in [
            # docutils 0.22 writes "Omega <url>", 0.21 a terminal hyperlink; both escape the URL.
            (
                "man",
                r"Omega \\%<https://\\:omega\\:\.example/>|tty: link https://omega\.example/'.*Omega",
            ),
            ("texinfo", re.escape("Omega@footnote{https://omega.example/}")),
            ("xml", re.escape('<reference refuri="https://omega.example/">Omega</reference>')),
        ]
    ],
)
def test_other_builders_get_a_list(app, builder, link):
    assert built(app).warning_text == ""
    (output,) = app.outdir.glob({"man": "*.1", "texinfo": "*.texi", "xml": "index.xml"}[builder])
    text = output.read_text(encoding="utf-8")
    assert re.search(link, text)
    assert "Mid Corp" in text
    assert "square.svg" not in text


def draw_stand_in(path: Path) -> None:
    """A small SVG or PNG logo, sized by its position in the list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".svg":
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40">'
            '<rect width="160" height="40" fill="#456"/></svg>',
            encoding="utf-8",
        )
        return
    width, height = 8, 4
    pixels = b"".join(b"\x00" + b"\x40\x80\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"/>'
PROLOG = '<?xml version="1.0"?>\n<!-- a <svg> in a comment -->\n<!DOCTYPE svg [<!ENTITY e ">">]>\n'
LOGO_CONTENTS = {  # file: (content, what the warning says it holds, or None: accepted)
    "svg-as.png": (SVG.encode(), "an SVG image, not a PNG image"),
    "png-as.svg": (None, "a PNG image, not an SVG image"),
    "text-as.webp": (b"not an image\n", "text, not a WebP image"),
    "png-as.webp": (None, "a PNG image, not a WebP image"),
    "html-as.svg": (b"<!doctype html><html><p>Logo</p>", "HTML, not an SVG image"),
    "gif-as.png": (b"GIF89a\x01\x00\x01\x00", "a GIF image, not a PNG image"),
    "empty.png": (b"", "nothing (an empty file), not a PNG image"),
    "prolog.svg": ((PROLOG + SVG).encode("utf-8-sig"), None),
    "utf-16.svg": ((PROLOG.replace("1.0", '1.0" encoding="utf-16') + SVG).encode("utf-16"), None),
    "real.png": (None, None),
}


def test_a_logo_that_is_not_what_its_name_says_is_left_out(tmp_path: Path) -> None:
    """Browsers show nothing for it, linked or embedded: a warning at its line instead."""
    data = "".join(f"- name: M {name}\n  logo: {name}\n" for name in LOGO_CONTENTS)
    for name, (content, _) in LOGO_CONTENTS.items():
        if content is None:
            draw_stand_in(tmp_path / "real.png")
            content = (tmp_path / "real.png").read_bytes()
        (tmp_path / name).write_bytes(content)
    (tmp_path / "members.yml").write_text(data)
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_alliance"]\nalliance_member_logos_embed_limit = 4096\n'
    )
    (tmp_path / "index.rst").write_text("Logos\n=====\n\n.. member-logos:: members.yml\n")
    result = build(tmp_path)
    expected = [
        f"{tmp_path}/members.yml:{2 * number + 2}: WARNING: member-logos: member 'M {name}': "
        f"logo {name!r} holds {holds} as its name says; entry left out [alliance.member-logos]"
        for number, (name, (_, holds)) in enumerate(LOGO_CONTENTS.items())
        if holds is not None
    ]
    assert result.warnings == expected
    ul = grid(result.page("index.html"))
    accepted = [name for name, (_, holds) in LOGO_CONTENTS.items() if holds is None]
    assert names(ul) == sorted(f"M {name}" for name in accepted)
    for img in ul.find_all("img"):
        expected_type = "svg+xml" if attr(img, "alt").endswith(".svg") else "png"
        assert attr(img, "src").startswith(f"data:image/{expected_type}"), img


@pytest.mark.sphinx("html", testroot="member-logos-upstream")
def test_upstream_file_loads_unchanged(app):
    entries = yaml.safe_load((app.srcdir / "members.yml").read_text(encoding="utf-8"))
    assert len(entries) == 36
    for entry in entries:
        draw_stand_in(app.srcdir / "images" / "member-logos" / entry["logo"])
    active = [entry["name"] for entry in entries if entry["active"]]
    assert 0 < len(active) < 36

    assert built(app).warning_text == ""
    ul = grid(parse_html(app.outdir / "index.html"))
    assert names(ul) == sorted(active, key=str.casefold)
    homepages = {entry["name"]: entry["homepage"].strip() for entry in entries}
    for li in ul.find_all("li", recursive=False):
        assert attr(first(li, "a"), "href") == homepages[attr(first(li, "img"), "alt")]
        assert (app.outdir / attr(first(li, "img"), "src")).is_file()
        expected = "160x40" if attr(first(li, "img"), "src").endswith(".svg") else "8x4"
        img = first(li, "img")
        assert f"{img['width']}x{img['height']}" == expected


BAD_ENTRIES = [  # (line in members.yml, message)
    (5, "a member must be a mapping (name: ..., logo: ...); entry left out"),
    (6, "missing 'name'; entry left out"),
    (7, "member 'No Logo': missing 'logo'; entry left out"),
    (10, "member 'Maybe Active': 'active' must be true or false, not maybe; entry left out"),
    (
        13,
        "member 'Typo': unknown key 'logo_drak' (allowed: name, logo, homepage, active, "
        "logo_dark); entry left out",
    ),
    (15, "member 'Missing File': logo file 'nothere.svg' not found; entry left out"),
    (
        18,
        "member 'Script Homepage': homepage 'javascript:alert(1)' is not a valid http or https "
        "URL; entry left out",
    ),
    (
        21,
        "member 'Data Homepage': homepage 'data:text/html,<script>alert(1)</script>' is not "
        "a valid http or https URL; entry left out",
    ),
    (26, "member 'Gif Logo': logo 'good.gif' must be an SVG, PNG or WebP file; entry left out"),
    (
        28,
        "member 'Not An SVG': logo 'broken.svg' holds HTML, not an SVG image as its name says; "
        "entry left out",
    ),
    (29, "'name' must be a non-empty string, not [a, list]; entry left out"),
    (32, "member 'Twice': duplicate key 'name'; entry left out"),
    (36, "member 'Missing Dark': logo file 'gone-dark.svg' not found; entry left out"),
    (37, "'name' must be a non-empty string, not 1984; entry left out"),
    (41, "member 'Bad Date': 'active' must be true or false, not 2024-13-45; entry left out"),
    (
        44,
        "member 'Empty Homepage': 'homepage' must be a non-empty string, not an empty value; "
        "entry left out",
    ),
    (
        50,
        "member 'Quote Homepage': homepage "
        "'https://quote.example/?q=\"><script>alert(1)</script>' is not a valid http or https "
        "URL; entry left out",
    ),
]
SORT_CHOICES = """:sort: 'random' ignored: "random" unknown; choose from "name", or "none\""""
INVALID_YAML = "invalid YAML: expected <block end>, but found '<block sequence start>'"
OTHER_FILES = [  # (location, message): the problems of the other files, one warning each
    ("missing.rst:4", "member-logos: cannot read data file 'nope.yml': No such file or directory"),
    # syntax.yml is used twice
    *[("syntax.yml:3", "member-logos: " + INVALID_YAML)] * 2,
    ("not-a-list.yml:2", "member-logos: the data must be a list of members (- name: ...)"),
    ("both.rst:4", "member-logos: both a data file and a body were given; the body is ignored"),
    ("empty.rst:4", "member-logos: give a data file, or the data as the directive's body"),
    (
        "body-rst.rst:10",
        "member-logos: member 'Body Typo': homepage 'ftp://files.example' is not a valid http "
        "or https URL; entry left out",
    ),
    (
        "body-myst.md:12",
        "member-logos: member 'Body Typo': homepage 'ftp://files.example' is not a valid http "
        "or https URL; entry left out",
    ),
    # An invalid option value or an unknown option: the same warning in both syntaxes, on
    # the option's own line.
    ("option-rst.rst:5", "member-logos " + SORT_CHOICES),
    ("option-myst.md:4", "member-logos " + SORT_CHOICES),
    (
        "option-rst.rst:6",
        "member-logos: unknown option 'sortt' ignored (known: class, logos, sort)",
    ),
]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.mark.sphinx("html", testroot="member-logos-bad")
def test_bad_input_warns_with_file_and_line(app: SphinxTestApp) -> None:
    result = built(app)
    expected = [(f"members.yml:{line}", f"member-logos: {text}") for line, text in BAD_ENTRIES]
    # One warning per problem, each typed so that it can be suppressed, nothing else.
    assert sorted(result.warnings) == sorted(
        f"{result.srcdir}/{location}: WARNING: {message} [alliance.member-logos]"
        for location, message in expected + OTHER_FILES
    )

    # The good entries still render; names and URLs are escaped data.
    page = parse_html(app.outdir / "index.html")
    ul = grid(page)
    assert names(ul) == [HOSTILE, "Good", "Scripted SVG"]
    assert [attr(img, "alt") for img in ul.find_all("img")] == [HOSTILE, "Good", "Scripted SVG"]
    assert ul.find("img", src="x") is None
    # An SVG is only ever an <img>, where its scripts do not run; it is never inlined.
    assert ul.find_all(["script", "svg"]) == []
    assert attr(first(page, "img[alt='Scripted SVG']"), "src") == "_images/scripted.svg"
    assert attr(first(ul, "a"), "href") == "https://hostile.example/?q='onmouseover='alert(1)"
    assert names(grid(parse_html(app.outdir / "option-myst.html"))) == ["Good", "Zed"]
    assert names(grid(parse_html(app.outdir / "body-myst.html"))) == ["Good"]
    assert names(grid(parse_html(app.outdir / "option-rst.html"))) == ["Good"]


@pytest.mark.sphinx("html", testroot="member-logos-bad", warningiserror=True, freshenv=True)
def test_bad_input_fails_a_strict_build(app):
    app.build()
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="member-logos-myst", srcdir="member-logos-incremental")
def test_incremental_rebuild(app):
    srcdir = app.srcdir
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    assert built(app).warning_text == ""
    assert sorted(read) == ["file-order", "index", "inline", "other"]

    read.clear()
    data = srcdir / "_data" / "members.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Mid Corp", "Middle Corp"), "utf-8")
    app.build()
    assert sorted(read) == ["file-order", "index"]
    assert "Middle Corp" in names(grid(parse_html(app.outdir / "index.html")))

    read.clear()
    logo = srcdir / "logos" / "one.svg"
    logo.write_text(
        logo.read_text(encoding="utf-8").replace('width="120px"', 'width="150px"'), "utf-8"
    )
    app.build()
    assert read == ["inline"]
    img = first(grid(parse_html(app.outdir / "inline.html")), "img[alt='Inline One']")
    assert img["width"] == "150"
    assert app.warning.getvalue() == ""


# (location, start of the message after "member-logos: ")
HOSTILE_WARNINGS: list[tuple[str, str | re.Pattern[str]]] = [
    ("numbers.yml:4", "'name' must be a non-empty string, not 0xffffffff"),
    ("numbers.yml:6", "'name' must be a non-empty string, not 1:1:1:1:1"),
    ("numbers.yml:10", "member 'Laughs': 'homepage' must be a non-empty string, not [&a0 [x,"),
    ("numbers.yml:13", "member 'Laughing key': unknown key [&b0 [x, x,"),
    ("deep.yml:1", "invalid YAML: nested more than 20 levels deep"),
    ("members.json:3", "'name' contains U+D83D, which HTML and XML cannot hold; entry left out"),
    ("members.json:4", "'name' contains U+0001, which HTML and XML cannot hold; entry left out"),
    ("members.json:5", "'name' contains U+FFFE, which HTML and XML cannot hold; entry left out"),
    ("members.json:6", "'name' contains U+0000, which HTML and XML cannot hold; entry left out"),
    ("sizes.yml:4", "member 'Exponent': cannot read the size of logo 'exponent.svg': "),
    ("sizes.yml:6", "member 'Digits': cannot read the size of logo 'digits.svg': "),
    ("sizes.yml:8", "member 'Infinity': cannot read the size of logo 'infinity.svg': "),
    ("sizes.yml:10", "member 'NaN': cannot read the size of logo 'nan.svg': "),
    ("sizes.yml:12", "member 'Long tag': cannot read the size of logo 'long-tag.svg': "),
    ("sizes.yml:14", "member 'Huge logo': cannot read logo file 'huge.png': larger than 5 MiB;"),
    ("paths.yml:4", "member 'Nul': 'logo' contains U+0000, which HTML and XML cannot hold"),
    ("paths.yml:6", "member 'Surrogate': 'logo' contains U+DCFF, which HTML and XML cannot hold"),
    ("paths.yml:8", "member 'Loop': cannot read logo file 'loop.svg': Too many levels of symb"),
    ("paths.yml:10", "member 'Folder': cannot read logo file 'folder.svg': Is a directory;"),
    ("paths.yml:12", "member 'Fifo': cannot read logo file 'fifo.svg': not a regular file;"),
    ("index.rst:16", "cannot read data file 'fifo.yml': not a regular file"),
    ("index.rst:18", re.compile(r"cannot read data file '(\.\./)+dev/zero': not a regular file")),
    ("index.rst:20", "cannot read data file 'huge.yml': larger than 1 MiB"),
    ("nul-path.rst:4", "cannot read data file 'a\\x00b.yml': the path has a character no file"),
    # Line numbers of data in the directive's body, past the directive's own line.
    ("lines-myst.md:11", "member 'Late': logo 'late.gif' must be an SVG, PNG or WebP file"),
    ("lines-myst.md:24", "member 'Later': logo 'later.gif' must be an SVG, PNG or WebP file"),
    ("lines-rst.rst:9", "member 'Late': logo 'late.gif' must be an SVG, PNG or WebP file"),
    ("included.txt:6", "member 'Included': logo 'included.gif' must be an SVG, PNG or WebP"),
]
FINE = "Fine \N{SLIGHTLY SMILING FACE}"  # from a JSON escape: two surrogates, paired


def add_hostile_files(srcdir: Path) -> None:
    """The files of the hostile root that git cannot hold, or should not."""
    for name in ("loop.svg", "zero.yml", "fifo.svg", "fifo.yml", "folder.svg"):
        path = srcdir / name
        if path.is_symlink() or path.exists():
            continue
        if name == "loop.svg":
            path.symlink_to(name)
        elif name == "zero.yml":
            path.symlink_to("/dev/zero")
        elif name.startswith("fifo"):
            os.mkfifo(path)
        else:
            path.mkdir()
    # A root tag of 4 MiB: reading its size must not take time quadratic in its length.
    attributes = "".join(f' a{i}="{i}"' for i in range(300_000))
    (srcdir / "long-tag.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"{attributes} viewBox="0 0 40 10"/>'
    )
    with (srcdir / "huge.png").open("wb") as stream:
        stream.truncate(5 * 2**20 + 1)
    (srcdir / "huge.yml").write_text("- name: Fine\n  logo: ok.svg\n" * 40_000)


@pytest.mark.sphinx(testroot="member-logos-hostile")
@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, srcdir=f"member-logos-hostile-{name}"))
        for name in ["html", "epub", "text", "latex", "gettext", "man", "texinfo", "xml"]
    ],
)
def test_hostile_data_warns_in_every_builder(app, builder):
    srcdir = app.srcdir
    add_hostile_files(srcdir)
    warnings = built(app).warning_text  # an exception would propagate

    found = re.findall(
        r"^(\S+):(\d+): WARNING: member-logos: (.*) \[alliance\.member-logos\]$",
        warnings,
        flags=re.MULTILINE,
    )
    assert len(found) == len(HOSTILE_WARNINGS), warnings
    for (path, line, message), (location, start) in zip(
        sorted(found, key=lambda f: (Path(f[0]).name, int(f[1]))),
        sorted(HOSTILE_WARNINGS, key=lambda w: (w[0].split(":")[0], int(w[0].split(":")[1]))),
        strict=True,
    ):
        # docutils names an included file relative to the working directory when the two
        # share more than "/"
        assert f"{Path(os.path.abspath(path)).relative_to(srcdir)}:{line}" == location
        pattern = start if isinstance(start, re.Pattern) else re.compile(re.escape(start))
        assert pattern.match(message), (location, message)
        assert len(message) < 300
    assert len(warnings.splitlines()) == len(found), warnings

    if builder in {"html", "epub"}:
        pages = {"html": "*.html", "epub": "*.xhtml"}[builder]
        index = app.outdir / pages.replace("*", "index")
        if builder == "epub":  # every page must be well-formed XML
            for page in app.outdir.glob(pages):
                ElementTree.parse(page)
        grids = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").select(
            "ul.sa-member-logos"
        )
        assert [names(ul) for ul in grids] == [["Fine"], [FINE], ["Fine"], ["Fine"]]
    elif builder == "text":
        text = (app.outdir / "index.txt").read_text(encoding="utf-8")
        items = re.findall(r"^\* (.+)$", text, flags=re.MULTILINE)
        assert items[:4] == ["Fine", FINE, "Fine", "Fine"]
