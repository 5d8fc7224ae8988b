"""The examples of the extension's reference build to the doctrees stored in tests/snippets/.

Each example lives once, in ``docs/extension/snippets/{myst,rst}/NAME.txt``: the reference
pages show it and render it, and here every snippet becomes a page of a small project
(one project per syntax, laid out like ``docs/`` so relative paths agree). Its resolved
doctree must equal ``tests/snippets/{myst,rst}-NAME.xml``, and the two syntaxes must give
the same doctree. The built site must show both sources of each example and render it.
After an intended change, regenerate the stored files with pytest-regressions::

    .venv/bin/python -m pytest tests/test_snippets.py --force-regen
"""

import re
import shutil
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from support import DOCS, build, one, parse_html

SNIPPETS = DOCS / "extension" / "snippets"
EXPECTED = Path(__file__).parent / "snippets"
NAMES = sorted(path.stem for path in (SNIPPETS / "myst").glob("*.txt"))
SUFFIX = {"myst": ".md", "rst": ".rst"}
ORPHAN = {"myst": "---\norphan: true\n---\n", "rst": ":orphan:\n\n"}

CONF = """\
extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
"""


class Project:
    """The snippets of one syntax, each as a page ``extension/NAME``, built with html."""

    def __init__(self, syntax: str, srcdir: Path) -> None:
        shutil.copytree(SNIPPETS, srcdir / "extension" / "snippets")
        (srcdir / "conf.py").write_text(CONF)
        (srcdir / ("index" + SUFFIX[syntax])).write_text("Snippets\n========\n")
        for snippet in (SNIPPETS / syntax).glob("*.txt"):
            page = srcdir / "extension" / (snippet.stem + SUFFIX[syntax])
            page.write_text(ORPHAN[syntax] + snippet.read_text(encoding="utf-8"))
        self.doctrees: dict[str, str] = {}

        def keep(app: Sphinx, doctree: nodes.document, docname: str) -> None:
            """The doctree the writer gets, as pseudo-XML without local paths."""
            name = docname.removeprefix("extension/")
            text = doctree.pformat().replace(str(srcdir), "SRCDIR")
            # docutils < 0.22 writes boolean attributes as True/False, later ones as 1/0.
            text = text.replace('="False"', '="0"').replace('="True"', '="1"')
            self.doctrees[name] = text

        # The stream as written, compared whole with "" below.
        self.warnings = build(srcdir, connect={"doctree-resolved": keep}).app.warning.getvalue()


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory):
    """Each syntax's project, built on first use."""
    built: dict[str, Project] = {}

    def get(syntax: str) -> Project:
        if syntax not in built:
            built[syntax] = Project(syntax, tmp_path_factory.mktemp(syntax))
        return built[syntax]

    return get


def test_every_example_exists_in_both_syntaxes_and_belongs_to_a_page():
    assert NAMES
    assert sorted(path.stem for path in (SNIPPETS / "rst").glob("*.txt")) == NAMES
    # The page test below finds each example on the page its name starts with.
    assert [n for n in NAMES if not n.startswith(("faq-", "member-logos-"))] == []


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_examples_build_without_warnings(projects, syntax):
    assert projects(syntax).warnings == ""


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("name", NAMES)
def test_example_doctree_matches_the_stored_one(projects, syntax, name, file_regression):
    actual = projects(syntax).doctrees[name]
    file_regression.check(actual, fullpath=EXPECTED / f"{syntax}-{name}.xml")


@pytest.mark.parametrize("name", NAMES)
def test_myst_and_rst_examples_give_the_same_doctree(projects, name):
    def body(syntax: str) -> str:
        # Only the document element names the source file; MyST splits text nodes at
        # line ends where reStructuredText keeps one node, which changes only whitespace.
        doctree = re.sub(r"<document [^\n]*\n", "", projects(syntax).doctrees[name], count=1)
        return " ".join(doctree.split())

    assert body("myst") == body("rst")


@pytest.mark.parametrize(
    ("page", "rendered"),
    [("faq", "div.sa-faq"), ("member-logos", "ul.sa-member-logos")],
)
def test_reference_pages_show_both_sources_and_render_each_example(site, page, rendered):
    html = parse_html(site / "extension" / f"{page}.html")
    names = [name for name in NAMES if name.startswith(page + "-")]
    results = html.select(f"article {rendered}")
    # Each source is a code block captioned with its syntax.
    sources = {
        (one(block, ".caption-text").get_text(), one(block, "pre").get_text())
        for block in html.select("article div.literal-block-wrapper")
    }
    for name in names:
        for syntax, caption in (("myst", "MyST Markdown"), ("rst", "reStructuredText")):
            snippet = (SNIPPETS / syntax / f"{name}.txt").read_text(encoding="utf-8")
            assert (caption, snippet) in sources, f"{syntax}/{name} is not shown on {page}.html"
    expected = sum(
        (SNIPPETS / "myst" / f"{name}.txt").read_text().count("{" + page) for name in names
    )
    assert len(results) == expected
