"""Generated ``alliance_page_assets`` rules and stylesheets, built in batches by six builders.

One example is one Sphinx project: pages of every kind that the rules look at (code, a
sphinx-design icon in a title, a grid, raw HTML with classes, viewcode's source page), a
``conf.py`` whose ``alliance_page_assets`` holds ``RULES`` rules combined by a seeded random
from drawn parts, usable and not (names, keys, values, ``when`` entries, imports that raise),
and stylesheets of drawn text (``<``, ``&``, ``]]>``, ``</style``, ``url(``, a byte order
mark, bytes that are not UTF-8, sizes around the inline limit), each inlined by a rule. It is
built by html, dirhtml, singlehtml, epub, text and latex. Properties, for every builder:

- no exception and no traceback; each build ends within ``HANG`` seconds;
- each unusable rule gives one warning naming it, and no usable rule does (in the builds
  of HTML pages, which are the ones the rules are for);
- HTML pages parse, and no page loses a file that its HTML uses; each generated stylesheet is
  on every page, either inlined with its exact text or linked with a warning, as the reference
  says; epub pages parse as XML.
"""

import random
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st
from support import build, hrefs, loaded_files, name_of, parse_html, used_files

from sphinx_alliance.page_assets import BUILTIN_RULES, INLINE_LIMIT

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "text", "latex"]
RULES = 40  # rules in one project's alliance_page_assets
HANG = 120  # seconds

CONF = """\
import sys
sys.path.insert(0, {srcdir!r})
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_alliance",
]
version = "1"
copyright = "2026"
html_static_path = ["_static", "single.css"]
html_css_files = {stylesheets!r}
alliance_page_assets = {rules!r}
"""
PAGES = {
    "index.rst": "Generated\n=========\n\n.. toctree::\n\n   code\n   icon\n   grid\n   raw\n"
    "   plain\n   api\n",
    "code.rst": "Code\n====\n\n.. code-block:: python\n\n   print('x')\n\nInline :code:`x`.\n",
    "icon.rst": "Icon :octicon:`rocket`\n======================\n\nText.\n",
    "grid.rst": "Grid\n====\n\n.. grid:: 2\n\n   .. grid-item:: One\n\n   .. grid-item:: Two\n",
    "raw.rst": 'Raw\n===\n\n.. raw:: html\n\n   <div class="widget gen-a">raw</div>\n',
    "plain.rst": "Plain\n=====\n\nText.\n",
    "api.rst": "API\n===\n\n.. automodule:: generated_shapes\n   :members:\n",
}
MODULES = {
    "generated_shapes.py": 'def area(side):\n    """An area."""\n    return side * side\n',
    "raises_on_import.py": 'raise ValueError("boom")\n',
    "exits_on_import.py": "raise SystemExit(3)\n",
    "prints_on_import.py": 'print("imported")\nclass Node:\n    pass\n',
}

# (entry, usable) parts of a rule; a rule is usable when all of its parts are.
WHEN_ENTRIES = [
    (".widget", True),
    (".gen-*", True),
    (".sd-*", True),
    ("docutils.nodes.literal_block", True),
    ("sphinx_design.icons.sd_icon", True),
    ("", False),
    (".", False),
    ("*", False),
    (".*", False),
    (".two words", False),
    (".a*b", False),
    ("raises_on_import.Node", False),
    ("exits_on_import.Node", False),
    ("prints_on_import.Node", False),
    ("pathlib.Path", False),
    ("os.path.join", False),
    ("docutils.nodes", False),
    ("no_such_module_here.Node", False),
    (1, False),
    (b".x", False),
]
BAD_NAMES = [1, None, ("tuple.css",), "", ".", "./", "*", "*.css", " spaced.css", 2.5]
BAD_SPECS: list[object] = [
    [".x"],
    ".x",
    None,
    {"wehn": []},
    {1: True},
    {"when": ".x"},
    {"defer": "yes"},
]
FLAGS = st.sampled_from([{}, {"defer": True}, {"defer": False}, {"inline": True}])
# Parts of a stylesheet: what XML, HTML and the inline rules care about.
CSS_PARTS = [
    ".gen-a { color: red; }",
    "/* a < b && c */",
    "/* ]]> */",
    ".gen-a { & > p { color: blue; } }",
    "<!-- -->",
    "</style>",
    ".x { background: url(x.png); }",
    "@import 'other.css';",
    "/*# sourceMappingURL=x.map */",
    "é 🙂",
]


@st.composite
def rules(draw: st.DrawFn) -> tuple[dict, set]:
    """``RULES`` rules and the reprs of the names of the unusable ones."""
    seed = draw(st.integers(0, 2**32))
    rng = random.Random(seed)
    result, unusable = {}, set()
    for number in range(RULES):
        usable = True
        if rng.random() < 0.2:
            name = rng.choice(BAD_NAMES)
            usable = False
        else:
            name = f"gen-{number}." + rng.choice(["css", "js"])
        spec: Any  # a rule as a project writes it, usable or not
        if rng.random() < 0.2:
            spec = rng.choice(BAD_SPECS)
            usable = False
        else:
            spec = dict(draw(FLAGS))
            if rng.random() < 0.7:
                entries = rng.sample(WHEN_ENTRIES, rng.randint(0, 3))
                spec["when"] = [entry for entry, _ in entries]
                usable = usable and all(ok for _, ok in entries)
            if spec.get("inline") and not str(name).endswith(".css"):
                usable = False
        if name in result:  # a later rule of the same name replaces the earlier one
            unusable.discard(repr(name))
        result[name] = spec
        if not usable:
            unusable.add(repr(name))
    return result, unusable


stylesheet = st.tuples(
    st.lists(st.sampled_from(CSS_PARTS), max_size=4),
    st.booleans(),  # a byte order mark
    st.sampled_from([None, None, None, "at limit", "over limit", "not utf-8"]),
)


def stylesheet_bytes(parts: list[str], bom: bool, oddity: str | None) -> bytes:
    text = ("\ufeff" if bom else "") + "\n".join(parts)
    data = text.encode()
    if oddity == "not utf-8":
        return data + b"\xff"
    if oddity in {"at limit", "over limit"}:
        padding = INLINE_LIMIT - len(data) - 4 + (oddity == "over limit")
        return data + b"/*" + b"x" * max(padding, 0) + b"*/"
    return data


def inlined_text(data: bytes) -> str | None:
    """The text that the reference says a page carries of *data*, or None: linked."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if len(data) > INLINE_LIMIT or re.search(r"url\(|@import|</style", text, re.I):
        return None
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", text).strip()


def check_html(outdir: Path, builder: str, stylesheets: dict[str, bytes]) -> None:
    html = outdir
    for page in html.rglob("*.xhtml" if builder == "epub" else "*.html"):
        soup = parse_html(page)
        where = (builder, page.relative_to(html).as_posix())
        used = used_files(soup)
        if builder == "epub":  # a book has no scripts
            used = {name for name in used if not name.endswith(".js")}
        assert not used - loaded_files(soup, html), where
        # The book's navigation document is the epub builder's own, without stylesheets.
        if soup.head is None or page.name == "nav.xhtml":
            continue
        links = {name_of(href) for href in hrefs(soup.head, "link[rel~=stylesheet]")}
        styles = [style.string or "" for style in soup.head.find_all("style")]
        assert not any("\ufeff" in style for style in styles), where
        for name, data in stylesheets.items():
            expected = inlined_text(data)
            if expected is None or builder == "epub":
                assert name in links, (where, name)
            else:
                assert expected in [style.strip() for style in styles], (where, name)
                assert name not in links, (where, name)


@given(
    generated=rules(),
    sheets=st.lists(stylesheet, min_size=1, max_size=6),
    inline_pygments=st.booleans(),
)
def test_generated_rules_and_stylesheets(generated, sheets, inline_pygments, tmp_path_factory):
    page_assets, unusable = generated
    srcdir = tmp_path_factory.mktemp("generated-page-assets")
    static = srcdir / "_static"
    static.mkdir()
    stylesheets = {}
    for number, (parts, bom, oddity) in enumerate(sheets):
        name = f"sheet-{number}.css"
        stylesheets[name] = stylesheet_bytes(parts, bom, oddity)
        (static / name).write_bytes(stylesheets[name])
        page_assets[name] = {"inline": True}
    # An html_static_path entry that names one file.
    stylesheets["single.css"] = b".gen-a { margin: 0; }"
    (srcdir / "single.css").write_bytes(stylesheets["single.css"])
    page_assets["single.css"] = {"inline": True}
    if inline_pygments:
        page_assets["pygments.css"] = {**BUILTIN_RULES["pygments.css"], "inline": True}
    (srcdir / "conf.py").write_text(
        CONF.format(srcdir=str(srcdir), stylesheets=list(stylesheets), rules=page_assets)
    )
    for name, text in {**PAGES, **MODULES}.items():
        (srcdir / name).write_text(text)
    for builder in BUILDERS:
        warnings = build(srcdir, builder, timeout=HANG).warning_text
        assert "Traceback" not in warnings
        assert "Exception occurred" not in warnings
        warned = re.findall(r"WARNING: alliance_page_assets\[(.*?)\] in \S*conf\.py: ", warnings)
        # The rules are for the builders that write HTML pages.
        html_pages = builder in {"html", "dirhtml", "singlehtml", "epub"}
        assert sorted(warned) == sorted(unusable if html_pages else []), builder
        outdir = srcdir / "_build" / builder
        if builder == "epub":
            for page in outdir.glob("*.xhtml"):
                ElementTree.parse(page)
        if html_pages:
            check_html(outdir, builder, stylesheets)
