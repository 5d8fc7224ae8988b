"""Generated hostile input for ``member-logos``, built in batches by five builders.

One example is one Sphinx project of ``INSTANCES`` directive instances (rST and MyST,
data in files of every kind or in the body, options, YAML values of every sort), combined
by a seeded random from a few dozen drawn parts.
Each is read once and written by html, epub, text, latex and gettext, with the smallest
logo embedded as a data: URI. Properties: no exception, every page parses (epub as XML), no
markup from the input, every logo shown holds the format its name says, and each entry is
either rendered or left out with a warning pointing into its own lines.
"""

import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from support import attr, build

BUILDERS = ["html", "epub", "text", "latex", "gettext"]
INSTANCES = 160  # directive instances in one project
HANG = 300  # seconds: a build that takes longer has hung (a FIFO, a quadratic parse)
EMBED_LIMIT = 64  # bytes: ok.svg (61) is written as a data: URI, dark.svg (66) as a file

SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}/>'
LOGO_FILES = {
    "ok.svg": SVG.format('viewBox="0 0 40 10"'),
    "dark.svg": SVG.format('width="40px" height="10"'),
    "exponent.svg": SVG.format('viewBox="0 0 1e400 10"'),
    "digits.svg": SVG.format(f'width="{"9" * 400}" height="10"'),
    "nan.svg": SVG.format('viewBox="0 0 NaN 10"'),
    "infinity.svg": SVG.format('width="Infinity" height="10"'),
    "no-size.svg": SVG.format(""),
    "no-namespace.svg": '<svg viewBox="0 0 4 1"/>',
    "text.svg": "not XML",
    "bad.gif": "GIF89a",
    "fake.png": "not a PNG",
    "svg-named.png": SVG.format('width="40" height="10"'),  # a readable size, the wrong format
    "text.webp": "RIFF but not a WebP",
}
LOGOS = [
    *LOGO_FILES,
    "missing.svg",
    "folder.svg",
    "fifo.svg",
    "loop.svg",
    "/ok.svg",
    "../ok.svg",
    "logos/ok.svg",
]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://example.com/"><script>alert(1)</script>',
    "https://example.com/?a=1&b=<2>",
    "http://example.com",
    "https://example.com/ok",
    "\\ud83d\\ude42",
]
ODD_CHARS = "\ud83d\ude42\udcff\x00\x01\x1b\x7f\x85\u2028\ufffe\uffff<>&\"'\\:#-{}[]|*!%@` \t\n🙂é"
# YAML source of values that are not plain strings: huge, deep, aliased, typed, tagged.
RAW_VALUES = [
    "~",
    "",
    '""',
    "1984",
    "0x" + "f" * 5000,
    ":".join(["1"] * 3000),
    "9" * 5000,
    "1e400",
    ".nan",
    "-.inf",
    "2024-13-45",
    "[a, list]",
    "{a: mapping}",
    "[" * 200 + "]" * 200,
    "!!binary aGk=",
    "!!python/object:os.system x",
    "&anchor value",
    "yes",
    "no",
    "'single quoted'",
    "|\n    literal",
]
ACTIVE = [("true", False), ("false", True), ("no", True), ("off", True), ("maybe", False)]
KEYS = ["name", "logo", "logo_dark", "homepage", "active", "logo_drak", "<<", "? [x]"]
FATAL = (
    "cannot read data file",
    "invalid YAML",
    "the data must be a list",
    "give a data file",
)
FILE_KINDS = ["yaml", "yaml", "yaml", "missing", "folder", "fifo", "loop", "zero", "huge"]
WARNING = re.compile(r"^(\S+?):(\d+): WARNING: member-logos(.*) \[alliance\.member-logos\]$")

odd_text = st.text(st.sampled_from(ODD_CHARS) | st.characters(), max_size=12)
yaml_scalar = st.one_of(
    odd_text.map(lambda text: json.dumps(text)),  # a double-quoted YAML string
    st.sampled_from(HOSTILE).map(json.dumps),
    st.sampled_from(RAW_VALUES),
)
option_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=10)
name_value = yaml_scalar | odd_text.map(json.dumps)
logo_file = st.sampled_from(LOGOS)
logo_value = logo_file | odd_text
active_value = st.sampled_from(ACTIVE)
homepage_value = st.sampled_from(HOSTILE)
option_value = st.sampled_from(["name", "none", ".", "logos", "nope", "loop"]) | option_text
# unique: docutils refuses a directive with a duplicate option (an error of its own)
option_keys = st.lists(
    st.sampled_from(["sort", "class", "logos", "srot"]), max_size=2, unique=True
)
other_keys = st.lists(st.sampled_from(KEYS), max_size=3)
# A whole document of anything, but no member: no name or logo key can be spelled.
raw_document = st.text(
    st.sampled_from(
        ODD_CHARS.replace("`", "").replace("\u2028", "").replace("\x85", "") + "ab19,"
    ),
    max_size=40,
)


@st.composite
def entry(draw) -> tuple[list[str], bool]:
    """The YAML lines of one member, and whether it is inactive (so rightly not shown)."""
    if draw(st.integers(0, 30)) == 0:
        return [f"- {draw(yaml_scalar)}"], False
    lines = [f"  name: {draw(name_value)}"]
    lines.append(f"  logo: {json.dumps(draw(logo_value))}")
    inactive = False
    for key in draw(other_keys):
        if key == "active":
            value, inactive = draw(active_value)
        elif key in {"logo", "logo_dark"}:
            value = json.dumps(draw(logo_file))
        elif key == "homepage":
            value = json.dumps(draw(homepage_value))
        else:
            value = draw(yaml_scalar)
        lines.append(f"  {key}: {value}")
    turn = draw(st.integers(0, len(lines) - 1))  # not st.permutations: slow on long values
    lines = lines[turn:] + lines[:turn]
    lines[0] = "-" + lines[0][1:]
    return [line for text in lines for line in text.split("\n")], inactive


@dataclass
class Instance:
    """One directive: where its data is, and the line ranges of its entries."""

    number: int
    kind: str  # "body" or a FILE_KINDS item
    data_path: str = ""  # the file that warnings about its data point to
    lines: tuple[int, float] = (0, float("inf"))  # the data's 0-based lines in that file
    entries: list[tuple[int, int, bool]] = field(default_factory=list)  # first, last, inactive
    document: list[str] = field(default_factory=list)  # YAML lines


@st.composite
def shape(draw) -> tuple[str, list[tuple[str, str]], str]:
    """Where an instance's data is, its options, and raw YAML if not a list of entries."""
    kind = draw(st.sampled_from(["body", "body", *FILE_KINDS]))
    options = [(key, draw(option_value).strip()) for key in draw(option_keys)]
    raw = draw(raw_document) if draw(st.integers(0, 15)) == 0 else ""
    return kind, options, raw


def combine(
    shapes: list, members: list, seed: int
) -> list[tuple[Instance, list[tuple[str, str]], str]]:
    """``INSTANCES`` instances combined from drawn shapes and entries by a seeded random.

    Hypothesis draws a few dozen small parts; combining them here gives thousands of
    instances per run without the cost (and the size limit) of drawing each one.
    """
    rng = random.Random(seed)
    result = []
    for number in range(INSTANCES):
        kind, options, raw = rng.choice(shapes)
        item = Instance(number, kind)
        if not raw:
            for lines, inactive in rng.choices(members, k=rng.randint(0, 5)):
                first = len(item.document)
                item.document += lines
                item.entries.append((first, len(item.document) - 1, inactive))
        result.append((item, options, raw))
    return result


def write_project(srcdir: Path, instances: list) -> list[Instance]:
    """Write the generated instances into a project: half in rST, half in MyST."""
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_alliance"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'project = "Generated"\nversion = "1"\ncopyright = "2026, Tests"\n'
        f"alliance_member_logos_embed_limit = {EMBED_LIMIT}\n"
    )
    for name, text in LOGO_FILES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    (srcdir / "logos").mkdir()
    (srcdir / "logos" / "ok.svg").write_text(LOGO_FILES["ok.svg"])
    (srcdir / "folder.svg").mkdir()
    os.mkfifo(srcdir / "fifo.svg")
    (srcdir / "loop.svg").symlink_to("loop.svg")
    (srcdir / "loop").symlink_to("loop")
    (srcdir / "huge.yml").write_text("- name: Big\n  logo: ok.svg\n" * 40_000)
    pages = {"rst": ["Generated (rST)", "===============", ""], "md": ["# Generated (MyST)", ""]}
    result = []
    for item, options, raw in instances:
        syntax = "rst" if item.number % 2 else "md"
        page = pages[syntax]
        page += [f"Instance {item.number}.", ""]
        text = raw or "\n".join(item.document)
        argument = ""
        if item.kind != "body":
            argument = f"data-{item.number}.yml"
            path = srcdir / argument
            item.data_path = str(path)
            if item.kind == "yaml":
                path.write_text(text, encoding="utf-8", errors="surrogatepass")
            elif item.kind == "folder":
                path.mkdir()
            elif item.kind == "fifo":
                os.mkfifo(path)
            elif item.kind == "loop":
                path.symlink_to(path.name)
            elif item.kind == "zero":
                path.symlink_to("/dev/zero")
            elif item.kind == "huge":
                argument = "huge.yml"
        open_line = (
            f".. member-logos:: {argument}"
            if syntax == "rst"
            else f"```{{member-logos}} {argument}"
        )
        page.append(open_line.rstrip())
        indent = "   " if syntax == "rst" else ""
        page += [f"{indent}:{key}: {value}".rstrip() for key, value in options]
        if item.kind == "body":
            page.append("")
            item.data_path = str(srcdir / f"{syntax}.{syntax}")
            body_start = len(page)  # 0-based line of the body's first line
            lines = text.split("\n")
            page += [f"{indent}{line}" if line else "" for line in lines]
            item.lines = (body_start, len(page) - 1)
            item.entries = [(a + body_start, b + body_start, i) for a, b, i in item.entries]
        if syntax == "md":
            page.append("```")
        page.append("")
        result.append(item)
    for syntax, page in pages.items():
        text = "\n".join(page)
        # a page that is not UTF-8 is Sphinx's own error: only data files may be broken
        (srcdir / f"{syntax}.{syntax}").write_text(text, encoding="utf-8", errors="replace")
    (srcdir / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   rst\n   md\n")
    return result


def check_markup(page: BeautifulSoup) -> None:
    """No script, handler or dangerous URL that the input could have put there.

    The one data: URI allowed is that of ok.svg, the logo under the embedding limit.
    """
    for tag in page.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for name in ("href", "src"):
            if name == "src" and tag.find_parent("ul", class_="sa-member-logos"):
                continue  # a logo: checked below
            url = str(tag.get(name, "")).strip().lower()
            assert not url.startswith(("javascript:", "data:", "vbscript:")), tag
    for script in page.find_all("script"):  # the input's scripts all call alert()
        assert "alert" not in script.get_text() + str(script.get("src", "")), script
    for grid in page.select("ul.sa-member-logos"):
        assert not grid.find_all(["script", "svg", "iframe", "object"])
        for link in grid.find_all("a"):
            assert attr(link, "href").startswith(("http://", "https://")), link
        for img in grid.find_all("img"):
            src = attr(img, "src")
            if src.startswith("data:"):
                with urlopen(src) as logo:
                    assert logo.read() == LOGO_FILES["ok.svg"].encode(), img
            else:
                assert src.startswith("_images/"), img


def check_formats(page: BeautifulSoup, outdir: Path) -> None:
    """Each linked logo holds the format its name says, which a browser needs to show it."""
    for img in page.select("ul.sa-member-logos img"):
        src = attr(img, "src")
        if src.startswith("data:"):
            continue  # ok.svg, checked by check_markup
        content = (outdir / src).read_bytes()
        suffix = Path(src).suffix
        if suffix == ".png":
            assert content.startswith(b"\x89PNG\r\n\x1a\n"), img
        elif suffix == ".webp":
            assert (content[:4], content[8:12]) == (b"RIFF", b"WEBP"), img
        else:
            assert content.lstrip().startswith(b"<svg"), img


def grid_sizes(page: BeautifulSoup) -> dict[int, int]:
    """For each "Instance N." paragraph followed by a grid: N and the grid's member count."""
    sizes = {}
    for paragraph in page.find_all("p"):
        if match := re.fullmatch(r"Instance (\d+)\.", paragraph.get_text()):
            grid = paragraph.find_next_sibling()
            if grid is not None and "sa-member-logos" in grid.get_attribute_list("class"):
                sizes[int(match[1])] = len(grid.find_all("li", recursive=False))
    return sizes


def expected_sizes(instances: list[Instance], warnings: str) -> dict[int, int]:
    """What each instance must show, given its warnings: every other entry."""
    found = [WARNING.match(line) for line in warnings.splitlines()]
    ours = [(m[1], int(m[2]) - 1, m[3]) for m in found if m]
    sizes = {}
    for item in instances:
        if item.kind not in {"body", "yaml"} or not item.entries:
            continue  # a file that cannot be read, or no member: no grid
        first, last = item.lines
        here = [(n, message) for path, n, message in ours if path == item.data_path]
        here = [(n, message) for n, message in here if first <= n <= last]
        if any(message.removeprefix(": ").startswith(FATAL) for _n, message in here):
            continue
        left_out = {line for line, message in here if message.endswith("; entry left out")}
        shown = sum(
            1
            for first, last, inactive in item.entries
            if not inactive and not any(first <= line <= last for line in left_out)
        )
        if shown:
            sizes[item.number] = shown
    return sizes


@pytest.fixture(scope="module")
def counts():
    """Instances and entries built, reported at the end of the module."""
    total = {"instances": 0, "entries": 0, "builds": 0}
    yield total
    print(f"\ngenerated member-logos: {total}")


@given(
    shapes=st.lists(shape(), min_size=1, max_size=10),
    members=st.lists(entry(), min_size=1, max_size=20),
    seed=st.integers(0, 2**32),
)
def test_generated_member_logos(tmp_path_factory, counts, shapes, members, seed):
    generated = combine(shapes, members, seed)
    srcdir = tmp_path_factory.mktemp("generated-member-logos")
    instances = write_project(srcdir, generated)
    counts["instances"] += len(instances)
    counts["entries"] += sum(len(item.entries) for item in instances)

    for builder in BUILDERS:
        # The others write from the environment read by the first; gettext needs its own.
        builddir = srcdir / ("_gettext" if builder == "gettext" else "_build")
        warnings = build(srcdir, builder, builddir=builddir, timeout=HANG).warning_text
        counts["builds"] += 1
        assert "Exception occurred" not in warnings
        ours = [line for line in warnings.splitlines() if "[alliance.member-logos]" in line]
        assert all(WARNING.match(line) and len(line) < 1000 for line in ours), ours
        if builder == "html":
            first_warnings = warnings
        if builder in {"html", "epub"}:
            suffix = ".html" if builder == "html" else ".xhtml"
            outdir = srcdir / "_build" / builder
            sizes: dict[int, int] = {}
            for name in ("rst", "md"):
                path = outdir / f"{name}{suffix}"
                if builder == "epub":
                    ElementTree.parse(path)
                page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                check_markup(page)
                check_formats(page, outdir)
                sizes |= grid_sizes(page)
            assert sizes == expected_sizes(instances, first_warnings)
