"""``alliance_page_assets``: each page links the files it uses, and scripts are deferred.

The root ``test-page-assets`` has one page per kind of content; ``test-page-assets-navigation``
has pages that hold more than their own document (viewcode's source page, a title with an icon
in the other pages' navigation). Both are built under every theme of ``test_themes.py``, where
each written page's HTML is read on its own to find what it uses; the browser test
``browser/test_page_assets.py`` loads them.
"""

import shutil
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from support import THEMES, loaded_files, name_of, parse_html, used_files

from sphinx_alliance.page_assets import BUILTIN_RULES, INLINE_LIMIT

CONDITIONAL = {name for name, rule in BUILTIN_RULES.items() if "when" in rule} | {"widget.css"}
INLINE = {name for name, rule in BUILTIN_RULES.items() if rule.get("inline")}
CODE = {"pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js"}
# What each page of the root needs, of the files that rules make conditional.
NEEDS = {
    "index": set(),
    "code": CODE,
    "inline": {"pygments.css"},
    "tabs": {"sphinx-design.min.css", "design-tabs.js"},
    "grid": {"sphinx-design.min.css"},
    "icon": {"sphinx-design.min.css"},
    "widget": {"widget.css"},
    "genindex": set(),
    "search": set(),
}
DEFERRED = {"sphinx_highlight.js", "clipboard.min.js", "copybutton.js", "design-tabs.js"}
# These themes add inline scripts after the files, which read DOCUMENTATION_OPTIONS at once:
# no script before them may be deferred.
INLINE_SCRIPTS = {"pydata_sphinx_theme", "sphinx_book_theme"}


pytestmark = pytest.mark.sphinx("html", testroot="page-assets")


@pytest.fixture
def build(make_app, app_params):
    """Build the root into a folder with confoverrides: its HTML folder and its warnings."""

    def build_into(builddir: Path, **confoverrides) -> tuple[Path, str]:
        args, kwargs = app_params
        app = make_app(*args, **{**kwargs, "builddir": builddir, "confoverrides": confoverrides})
        app.build()
        app.cleanup()  # before the next app registers the same node classes
        return app.outdir, strip_escape_sequences(app.warning.getvalue())

    return build_into


def linked(html: Path, page: str) -> dict[str, str | None]:
    """The local CSS and JS files *page* links: name → "defer"/"async"/None (CSS: "css")."""
    soup = parse_html(html / f"{page}.html")
    files: dict[str, str | None] = {}
    for link in soup.find_all("link", rel="stylesheet"):
        files[name_of(link["href"])] = "css"
    for script in soup.find_all("script", src=True):
        files[name_of(script["src"])] = next(
            (key for key in ("defer", "async") if script.has_attr(key)), None
        )
    return files


def stylesheets(html: Path, page: str) -> list[str]:
    """The stylesheets in the ``<head>`` of *page*, in order: a file's name, a style's text."""
    head = parse_html(html / f"{page}.html").head
    return [
        name_of(tag["href"]) if tag.name == "link" else tag.string
        for tag in head.find_all(["link", "style"])
        if tag.name == "style" or "stylesheet" in tag["rel"]
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_each_page_links_what_it_uses_under_every_theme(build, tmp_path, theme):
    before, warnings = build(tmp_path / "off", html_theme=theme, alliance_page_assets=False)
    assert warnings == ""
    html, warnings = build(tmp_path / "on", html_theme=theme)
    assert warnings == ""
    for page, needs in NEEDS.items():
        files, all_files = linked(html, page), linked(before, page)
        # Off, every page links every file; on, only the files of the rules it satisfies
        # go, and the theme's and Sphinx's files stay; ours are inlined.
        assert set(all_files) >= CONDITIONAL, page
        assert set(files) == set(all_files) - (CONDITIONAL - needs) - INLINE, page
        assert all_files["copybutton.js"] is None
        deferred = page != "search" and theme not in INLINE_SCRIPTS
        for name in DEFERRED & set(files):
            assert files[name] == ("defer" if deferred else all_files[name]), (page, name)
    assert linked(html, "index")["sphinx-alliance-faq.js"] == "defer"
    # Our own stylesheet is copied into the pages that use it.
    assert "sphinx-alliance-faq.css" in linked(before, "index")
    assert "sphinx-alliance-faq.css" not in linked(html, "index")
    faq = (html / "_static" / "sphinx-alliance-faq.css").read_text().strip()
    assert faq in stylesheets(html, "index")
    assert faq not in stylesheets(html, "code")


@pytest.mark.parametrize("theme", THEMES)
def test_an_inline_stylesheet_takes_the_place_of_its_link_under_every_theme(
    build, tmp_path, theme
):
    linking, _ = build(tmp_path / "link", html_theme=theme)
    html, warnings = build(
        tmp_path / "inline",
        html_theme=theme,
        alliance_page_assets={"widget.css": {"when": [".widget"], "inline": True}},
    )
    assert warnings == ""
    widget = (html / "_static" / "widget.css").read_text().strip()
    # The stylesheets of <head> in order, a <style> by its text: the cascade is the same.
    assert stylesheets(html, "widget") == [
        widget if name == "widget.css" else name for name in stylesheets(linking, "widget")
    ]
    assert "widget.css" in stylesheets(linking, "widget")
    assert widget not in stylesheets(html, "index")
    faq = (html / "_static" / "sphinx-alliance-faq.css").read_text().strip()
    assert faq in stylesheets(html, "index")
    assert faq not in stylesheets(html, "widget")


@pytest.fixture
def root_copy(tmp_path) -> Path:
    """A copy of the root for a test to change before it builds with :func:`build_copy`."""
    srcdir = tmp_path / "page-assets"
    shutil.copytree(Path(__file__).parent / "roots" / "test-page-assets", srcdir)
    return srcdir


def build_copy(srcdir: Path, parallel: int = 1, **confoverrides) -> tuple[Path, str]:
    """Build *srcdir* in place, as a project's own builds go: its HTML folder and warnings."""
    warnings = StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        confoverrides=confoverrides,
        parallel=parallel,
        status=StringIO(),
        warning=warnings,
    )
    app.build()
    app.cleanup()
    return app.outdir, strip_escape_sequences(warnings.getvalue())


INLINE_WIDGET = {"widget.css": {"inline": True}}


def test_a_stylesheet_that_refers_to_other_files_is_linked_with_a_warning(root_copy):
    (root_copy / "_static" / "widget.css").write_text(".widget { background: url(dots.png); }")
    html, warnings = build_copy(root_copy, alliance_page_assets=INLINE_WIDGET)
    widget = html / "_static" / "widget.css"
    assert warnings.splitlines() == [
        f"WARNING: alliance_page_assets: {widget} is linked, not inlined: it holds url(), "
        "@import or </style [alliance.page-assets]"
    ]
    assert "widget.css" in linked(html, "widget")
    assert "url(dots.png)" not in (html / "widget.html").read_text()


@pytest.mark.parametrize("static_path", [["_static"], ["_static", "style/widget.css"]])
def test_pages_carry_an_inline_stylesheet_again_after_it_changes(root_copy, static_path):
    """From a folder of html_static_path, or an entry that names the file itself."""
    source = root_copy / "_static" / "widget.css"
    if "style/widget.css" in static_path:
        (root_copy / "style").mkdir()
        source = source.rename(root_copy / "style" / "widget.css")
    with (root_copy / "conf.py").open("a") as conf:
        conf.write(f"html_static_path = {static_path!r}\n")
    for colour in ("red", "blue"):
        source.write_text(f".widget {{ color: {colour}; }}")
        html, _ = build_copy(root_copy, alliance_page_assets=INLINE_WIDGET)
        # Only the stylesheet changed, not the page's source.
        for page in ("widget", "grid"):
            assert f".widget {{ color: {colour}; }}" in stylesheets(html, page)


@pytest.mark.parametrize("parallel", [1, 2])
def test_pages_carry_a_stylesheet_that_the_theme_rewrites_at_the_end_as_rewritten(
    root_copy, parallel
):
    """furo writes its pygments.css, with the dark colours, once the pages are written."""
    for edit in ("", "\nEdited.\n"):
        with (root_copy / "inline.rst").open("a") as source:
            source.write(edit)
        html, warnings = build_copy(
            root_copy,
            parallel,
            html_theme="furo",
            alliance_page_assets={
                "pygments.css": {**BUILTIN_RULES["pygments.css"], "inline": True}
            },
        )
        assert warnings == ""
        final = (html / "_static" / "pygments.css").read_text().strip()
        assert 'body[data-theme="dark"] .highlight' in final
        # The second build rewrites only inline.html: code.html keeps what the first wrote.
        for page in ("code", "inline"):
            assert final in stylesheets(html, page), (edit, page)
            assert "pygments.css" not in linked(html, page)
        assert final not in stylesheets(html, "index")


REWRITE_WIDGET_AT_THE_END = """

def setup(app):
    def rewrite(app, exception):
        (app.outdir / "_static" / "widget.css").write_text({css!r})

    app.connect("build-finished", rewrite)
"""


def test_a_rewritten_stylesheet_that_cannot_be_inlined_leaves_the_pages_with_a_warning(
    root_copy,
):
    rewrite = REWRITE_WIDGET_AT_THE_END.format(css=".widget { background: url(dots.png); }")
    with (root_copy / "conf.py").open("a") as conf:
        conf.write(rewrite)
    html, warnings = build_copy(root_copy, alliance_page_assets=INLINE_WIDGET)
    widget = html / "_static" / "widget.css"
    assert warnings.splitlines() == [
        f"WARNING: alliance_page_assets: {widget} was rewritten after the pages were written "
        "and it holds url(), @import or </style: they keep its earlier text "
        "[alliance.page-assets]"
    ]
    earlier = (root_copy / "_static" / "widget.css").read_text().strip()
    assert earlier in stylesheets(html, "widget")
    assert "url(dots.png)" not in (html / "widget.html").read_text()


def test_a_script_is_deferred_only_when_no_script_after_it_runs_at_once(build, tmp_path):
    html, warnings = build(
        tmp_path,
        html_js_files=[("late.js", {"priority": 600})],
        alliance_page_assets={"doctools.js": {"defer": True}},
    )
    assert warnings == ""
    files = linked(html, "tabs")
    # late.js runs at once, after every other script: none of them may wait.
    assert [files[name] for name in ("doctools.js", "sphinx_highlight.js", "design-tabs.js")] == [
        None,
        None,
        None,
    ]
    assert files["late.js"] is None
    assert linked(html, "index")["sphinx-alliance-faq.js"] == "defer"


def test_project_rules_defer_sphinx_scripts_except_on_the_search_page(build, tmp_path):
    html, _ = build(
        tmp_path,
        alliance_page_assets={
            "documentation_options.js": {"defer": True},
            "doctools.js": {"defer": True},
        },
    )
    files = linked(html, "code")
    assert [files[name] for name in ("documentation_options.js", "doctools.js")] == [
        "defer",
        "defer",
    ]
    # Sphinx's search page runs searchtools.js at once, which calls doctools.js.
    search = linked(html, "search")
    assert search["doctools.js"] is None
    assert search["searchtools.js"] is None


@pytest.mark.parametrize("name", ["copybutton.js", "_static/copybutton.js"])
def test_a_project_rule_replaces_a_builtin_one(build, tmp_path, name):
    html, _ = build(tmp_path, alliance_page_assets={name: {}})
    files = linked(html, "index")
    assert files["copybutton.js"] is None
    assert "clipboard.min.js" not in files


def test_bad_rules_warn_and_are_ignored(build, app_params, tmp_path):
    html, warnings = build(
        tmp_path,
        alliance_page_assets={
            "widget.css": {"when": ["no.such.node"]},
            "copybutton.js": {"when": ".highlight"},
            "sphinx_highlight.js": {"defer": "yes"},
            "design-tabs.js": {"wehn": [".sd-tab-set"]},
            "pygments.css": [".code"],
            "late.js": {"inline": True},
        },
    )
    lines = warnings.splitlines()
    assert len(lines) == 6, warnings
    conf = str(app_params.kwargs["srcdir"] / "conf.py")
    assert all(line.startswith("WARNING: alliance_page_assets[") for line in lines)
    assert all(f"] in {conf}: " in line for line in lines)
    assert all(line.endswith("rule ignored [alliance.page-assets]") for line in lines)
    assert "'no.such.node' is not the import path of a docutils node class" in warnings
    assert "unknown key 'wehn'" in warnings
    assert "alliance_page_assets['late.js'] in" in warnings
    assert "'inline' is for stylesheets (.css files)" in warnings
    # The built-in rules stay; a file without a rule is left alone.
    files = linked(html, "index")
    assert "widget.css" in files
    assert files["sphinx_highlight.js"] == "defer"
    assert not {"copybutton.js", "pygments.css", "design-tabs.js"} & set(files)


def pages_losing_files(html: Path) -> dict[str, set[str]]:
    """Each written page that does not load a file it uses, with those files."""
    losing = {}
    for path in html.rglob("*.html"):
        soup = parse_html(path)
        if missing := used_files(soup) - loaded_files(soup, html):
            losing[path.relative_to(html).as_posix()] = missing
    return losing


@pytest.fixture
def navigation_copy(tmp_path) -> Path:
    """A copy of ``test-page-assets-navigation``, for :func:`build_copy`."""
    srcdir = tmp_path / "page-assets-navigation"
    shutil.copytree(Path(__file__).parent / "roots" / "test-page-assets-navigation", srcdir)
    return srcdir


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_loses_a_file_it_uses_under_every_theme(root_copy, navigation_copy, theme):
    """Each written page loads what its HTML uses, whatever the theme put into it."""
    for srcdir in (root_copy, navigation_copy):
        html, warnings = build_copy(srcdir, html_theme=theme, alliance_page_assets=True)
        assert warnings == "", srcdir
        assert pages_losing_files(html) == {}, srcdir
    # The icon of a title is in the navigation of the other pages (the test would not
    # test it otherwise), and viewcode's source page is highlighted.
    pages = {page: parse_html(html / f"{page}.html") for page in ("api", "_modules/navshapes")}
    assert pages["api"].select(".sd-octicon")
    assert pages["_modules/navshapes"].select("div.highlight pre")
    # The savings stay: no page without code links the code's files.
    for page in ("index", "badges", "api", "plain", "genindex", "search", "py-modindex"):
        assert not CODE & loaded_files(parse_html(html / f"{page}.html"), html), page
    assert loaded_files(pages["_modules/navshapes"], html) >= CODE


# Each rule is unusable in its own way; conf.py puts the root's folder on sys.path, where
# raises.py and exits.py fail on import.
UNUSABLE_RULES = """
import sys
sys.path.insert(0, {srcdir!r})
alliance_page_assets = {{
    1: {{}},
    None: {{"when": [".x"]}},
    ("tuple.css",): {{}},
    "": {{}},
    ".": {{}},
    "*": {{"when": [".x"]}},
    " spaced.css": {{}},
    "empty.css": {{"when": [""]}},
    "dot.css": {{"when": ["."]}},
    "any.css": {{"when": [".*"]}},
    "star.css": {{"when": ["*"]}},
    "inner.css": {{"when": [".a*b"]}},
    "words.css": {{"when": [".two words"]}},
    "raises.css": {{"when": ["raises.Node"]}},
    "exits.css": {{"when": ["exits.Node"]}},
    "path.css": {{"when": ["pathlib.Path"]}},
    "function.css": {{"when": ["os.path.join"]}},
    "module.css": {{"when": ["docutils.nodes"]}},
    "absent.css": {{"when": ["no_such_module_here.Node"]}},
    "attribute.css": {{"when": ["docutils.nodes.no_such_node"]}},
    "relative.css": {{"when": [".docutils.nodes.paragraph"]}},
    "key.css": {{"when": [".x"], 1: True}},
    "string.css": {{"when": "docutils.nodes.paragraph"}},
    "bytes.css": {{"when": [b".x"]}},
    "defer.css": {{"defer": 1}},
    "list.css": [".x"],
}}
"""


def test_every_unusable_rule_is_one_warning_and_ignored(root_copy):
    (root_copy / "raises.py").write_text('raise ValueError("boom")\n')
    (root_copy / "exits.py").write_text("raise SystemExit(3)\n")
    with (root_copy / "conf.py").open("a") as conf:
        conf.write(UNUSABLE_RULES.format(srcdir=str(root_copy)))
    html, warnings = build_copy(root_copy)
    lines = warnings.splitlines()
    conf = root_copy / "conf.py"
    assert len(lines) == 26, warnings
    assert all(line.startswith("WARNING: alliance_page_assets[") for line in lines), warnings
    assert all(f"] in {conf}: " in line for line in lines)
    assert all(line.endswith("; rule ignored [alliance.page-assets]") for line in lines)
    assert "importing 'raises.Node' failed: ValueError: boom" in warnings
    assert "importing 'exits.Node' failed: SystemExit: 3" in warnings
    # The built-in rules still apply; the root's own widget.css rule was replaced by the
    # conf.py above, so the file is linked everywhere.
    files = linked(html, "index")
    assert not {"pygments.css", "copybutton.js", "sphinx-design.min.css"} & set(files)
    assert "widget.css" in files


def test_an_empty_dict_turns_the_builtin_rules_on_and_another_type_leaves_them_off(
    build, tmp_path
):
    html, warnings = build(tmp_path / "dict", alliance_page_assets={})
    assert warnings == ""
    assert "pygments.css" not in linked(html, "index")
    html, warnings = build(tmp_path / "list", alliance_page_assets=[".x"])
    assert "alliance_page_assets" in warnings  # Sphinx's check of the type
    assert "pygments.css" in linked(html, "index")


HOSTILE_CSS = "/* a < b && c ]]> d */\n.widget { & > p { color: red; } }\n"


def test_epub_pages_are_xml_with_inline_rules(root_copy):
    (root_copy / "_static" / "widget.css").write_text(HOSTILE_CSS)
    # sphinx-design writes its tabs' <input> as HTML, not XML, whatever the rules.
    (root_copy / "tabs.rst").unlink()
    index = root_copy / "index.rst"
    index.write_text(index.read_text().replace("   tabs\n", ""))
    inline = {"widget.css": {"when": [".widget"], "inline": True}}
    app = SphinxTestApp(
        "epub",
        srcdir=root_copy,
        confoverrides={
            "alliance_page_assets": inline,
            "html_theme": "epub",
            "version": "1",
            "copyright": "2026",
        },
        status=StringIO(),
        warning=StringIO(),
    )
    app.build()
    app.cleanup()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    pages = sorted(app.outdir.glob("*.xhtml"))
    assert len(pages) >= 8
    for page in pages:
        ElementTree.parse(page)  # raises on ill-formed XML
    # In a book, the stylesheets are linked: ours and the project's.
    widget = ElementTree.parse(app.outdir / "widget.xhtml").getroot()
    links = [link.get("href") for link in widget.iter("{http://www.w3.org/1999/xhtml}link")]
    assert "_static/widget.css" in links
    assert not list(widget.iter("{http://www.w3.org/1999/xhtml}style"))
    index = ElementTree.parse(app.outdir / "index.xhtml").getroot()
    links = [link.get("href") for link in index.iter("{http://www.w3.org/1999/xhtml}link")]
    assert "_static/sphinx-alliance-faq.css" in links
    # HTML pages take the same text inline: "<" and "&" are text in an HTML <style>.
    html, warnings = build_copy(root_copy, alliance_page_assets=inline)
    assert warnings == ""
    assert HOSTILE_CSS.strip() in stylesheets(html, "widget")


def test_a_byte_order_mark_is_not_inlined(root_copy):
    (root_copy / "_static" / "widget.css").write_text("\ufeff.widget { color: red; }")
    html, warnings = build_copy(root_copy, alliance_page_assets=INLINE_WIDGET)
    assert warnings == ""
    assert ".widget { color: red; }" in stylesheets(html, "widget")


def test_a_stylesheet_over_the_limit_is_linked_with_a_warning(root_copy):
    rule = ".widget { color: red; }\n"
    for size, inlined in ((INLINE_LIMIT, True), (INLINE_LIMIT + 1, False)):
        css = rule + "/*" + "x" * (size - len(rule) - 4) + "*/"
        (root_copy / "_static" / "widget.css").write_text(css)
        html, warnings = build_copy(root_copy, alliance_page_assets=INLINE_WIDGET)
        assert (html / "_static" / "widget.css").stat().st_size == size
        assert (css in stylesheets(html, "widget")) is inlined
        assert ("widget.css" in linked(html, "widget")) is not inlined
        widget = html / "_static" / "widget.css"
        assert warnings.splitlines() == (
            []
            if inlined
            else [
                f"WARNING: alliance_page_assets: {widget} is linked, not inlined: it is larger "
                f"than 64 KiB ({size} bytes) [alliance.page-assets]"
            ]
        )


def test_parallel_writers_see_the_titles_of_every_document(navigation_copy):
    html, warnings = build_copy(navigation_copy, parallel=2, html_theme="furo")
    assert warnings == ""
    assert pages_losing_files(html) == {}
    assert "sphinx-design.min.css" in linked(html, "plain")
