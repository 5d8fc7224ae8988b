"""``alliance_page_assets``: each page links the files it uses, and scripts are deferred.

The root ``test-page-assets`` has one page per kind of content; ``test-page-assets-navigation``
has pages that hold more than their own document (viewcode's source page, a title with an icon
in the other pages' navigation). Both are built under every theme of ``test_themes.py``, where
each written page's HTML is read on its own to find what it uses; the browser test
``browser/test_page_assets.py`` loads them.
"""

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support import THEMES, Build, attr, build, loaded_files, name_of, one, parse_html, used_files

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
def root(app_params) -> Path:
    """The test's copy of the root; each test builds it into folders of its own."""
    return app_params.kwargs["srcdir"]


def linked(html: Build, page: str) -> dict[str, str | None]:
    """The local CSS and JS files *page* links: name → "defer"/"async"/None (CSS: "css")."""
    soup = html.page(f"{page}.html")
    files: dict[str, str | None] = {}
    for link in soup.select("link[rel~=stylesheet]"):
        files[name_of(attr(link, "href"))] = "css"
    for script in soup.select("script[src]"):
        files[name_of(attr(script, "src"))] = next(
            (key for key in ("defer", "async") if script.has_attr(key)), None
        )
    return files


def stylesheets(html: Build, page: str) -> list[str | None]:
    """The stylesheets in the ``<head>`` of *page*, in order: a file's name, a style's text."""
    head = one(html.page(f"{page}.html"), "head")
    return [
        name_of(attr(tag, "href")) if tag.name == "link" else tag.string
        for tag in head.select("link[rel~=stylesheet], style")
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_each_page_links_what_it_uses_under_every_theme(root, tmp_path, theme):
    before = build(
        root,
        builddir=tmp_path / "off",
        confoverrides=dict(html_theme=theme, alliance_page_assets=False),
    )
    assert before.warning_text == ""
    html = build(root, builddir=tmp_path / "on", confoverrides=dict(html_theme=theme))
    assert html.warning_text == ""
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
    faq = (html.outdir / "_static" / "sphinx-alliance-faq.css").read_text().strip()
    assert faq in stylesheets(html, "index")
    assert faq not in stylesheets(html, "code")


@pytest.mark.parametrize("theme", THEMES)
def test_an_inline_stylesheet_takes_the_place_of_its_link_under_every_theme(root, tmp_path, theme):
    linking = build(root, builddir=tmp_path / "link", confoverrides=dict(html_theme=theme))
    html = build(
        root,
        builddir=tmp_path / "inline",
        confoverrides=dict(
            html_theme=theme,
            alliance_page_assets={"widget.css": {"when": [".widget"], "inline": True}},
        ),
    )
    assert html.warning_text == ""
    widget = (html.outdir / "_static" / "widget.css").read_text().strip()
    # The stylesheets of <head> in order, a <style> by its text: the cascade is the same.
    assert stylesheets(html, "widget") == [
        widget if name == "widget.css" else name for name in stylesheets(linking, "widget")
    ]
    assert "widget.css" in stylesheets(linking, "widget")
    assert widget not in stylesheets(html, "index")
    faq = (html.outdir / "_static" / "sphinx-alliance-faq.css").read_text().strip()
    assert faq in stylesheets(html, "index")
    assert faq not in stylesheets(html, "widget")


@pytest.fixture
def root_copy(tmp_path) -> Path:
    """A copy of the root for a test to change before it builds with :func:`build_copy`."""
    srcdir = tmp_path / "page-assets"
    shutil.copytree(Path(__file__).parent / "roots" / "test-page-assets", srcdir)
    return srcdir


INLINE_WIDGET = {"widget.css": {"inline": True}}


def test_a_stylesheet_that_refers_to_other_files_is_linked_with_a_warning(root_copy):
    (root_copy / "_static" / "widget.css").write_text(".widget { background: url(dots.png); }")
    html = build(root_copy, confoverrides=dict(alliance_page_assets=INLINE_WIDGET))
    widget = html.outdir / "_static" / "widget.css"
    assert html.warnings == [
        f"WARNING: alliance_page_assets: {widget} is linked, not inlined: it holds url(), "
        "@import or </style [alliance.page-assets]"
    ]
    assert "widget.css" in linked(html, "widget")
    assert "url(dots.png)" not in (html.outdir / "widget.html").read_text()


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
        html = build(root_copy, confoverrides=dict(alliance_page_assets=INLINE_WIDGET))
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
        html = build(
            root_copy,
            parallel=parallel,
            confoverrides=dict(
                html_theme="furo",
                alliance_page_assets={
                    "pygments.css": {**BUILTIN_RULES["pygments.css"], "inline": True}
                },
            ),
        )
        assert html.warning_text == ""
        final = (html.outdir / "_static" / "pygments.css").read_text().strip()
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
    html = build(root_copy, confoverrides=dict(alliance_page_assets=INLINE_WIDGET))
    widget = html.outdir / "_static" / "widget.css"
    assert html.warnings == [
        f"WARNING: alliance_page_assets: {widget} was rewritten after the pages were written "
        "and it holds url(), @import or </style: they keep its earlier text "
        "[alliance.page-assets]"
    ]
    earlier = (root_copy / "_static" / "widget.css").read_text().strip()
    assert earlier in stylesheets(html, "widget")
    assert "url(dots.png)" not in (html.outdir / "widget.html").read_text()


def test_a_script_is_deferred_only_when_no_script_after_it_runs_at_once(root, tmp_path):
    html = build(
        root,
        builddir=tmp_path,
        confoverrides=dict(
            html_js_files=[("late.js", {"priority": 600})],
            alliance_page_assets={"doctools.js": {"defer": True}},
        ),
    )
    assert html.warning_text == ""
    files = linked(html, "tabs")
    # late.js runs at once, after every other script: none of them may wait.
    assert [files[name] for name in ("doctools.js", "sphinx_highlight.js", "design-tabs.js")] == [
        None,
        None,
        None,
    ]
    assert files["late.js"] is None
    assert linked(html, "index")["sphinx-alliance-faq.js"] == "defer"


def test_project_rules_defer_sphinx_scripts_except_on_the_search_page(root, tmp_path):
    html = build(
        root,
        builddir=tmp_path,
        confoverrides=dict(
            alliance_page_assets={
                "documentation_options.js": {"defer": True},
                "doctools.js": {"defer": True},
            }
        ),
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
def test_a_project_rule_replaces_a_builtin_one(root, tmp_path, name):
    html = build(root, builddir=tmp_path, confoverrides=dict(alliance_page_assets={name: {}}))
    files = linked(html, "index")
    assert files["copybutton.js"] is None
    assert "clipboard.min.js" not in files


def test_bad_rules_warn_and_are_ignored(root, tmp_path):
    html = build(
        root,
        builddir=tmp_path,
        confoverrides=dict(
            alliance_page_assets={
                "widget.css": {"when": ["no.such.node"]},
                "copybutton.js": {"when": ".highlight"},
                "sphinx_highlight.js": {"defer": "yes"},
                "design-tabs.js": {"wehn": [".sd-tab-set"]},
                "pygments.css": [".code"],
                "late.js": {"inline": True},
            }
        ),
    )
    lines = html.warnings
    assert len(lines) == 6, html.warning_text
    conf = str(root / "conf.py")
    assert all(line.startswith("WARNING: alliance_page_assets[") for line in lines)
    assert all(f"] in {conf}: " in line for line in lines)
    assert all(line.endswith("rule ignored [alliance.page-assets]") for line in lines)
    assert "'no.such.node' is not the import path of a docutils node class" in html.warning_text
    assert "unknown key 'wehn'" in html.warning_text
    assert "alliance_page_assets['late.js'] in" in html.warning_text
    assert "'inline' is for stylesheets (.css files)" in html.warning_text
    # The built-in rules stay; a file without a rule is left alone.
    files = linked(html, "index")
    assert "widget.css" in files
    assert files["sphinx_highlight.js"] == "defer"
    assert not {"copybutton.js", "pygments.css", "design-tabs.js"} & set(files)


def pages_losing_files(html: Build) -> dict[str, set[str]]:
    """Each written page that does not load a file it uses, with those files."""
    losing = {}
    for path in html.outdir.rglob("*.html"):
        soup = parse_html(path)
        if missing := used_files(soup) - loaded_files(soup, html.outdir):
            losing[path.relative_to(html.outdir).as_posix()] = missing
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
        html = build(srcdir, confoverrides=dict(html_theme=theme, alliance_page_assets=True))
        assert html.warning_text == "", srcdir
        assert pages_losing_files(html) == {}, srcdir
    # The icon of a title is in the navigation of the other pages (the test would not
    # test it otherwise), and viewcode's source page is highlighted.
    pages = {page: html.page(f"{page}.html") for page in ("api", "_modules/navshapes")}
    assert pages["api"].select(".sd-octicon")
    assert pages["_modules/navshapes"].select("div.highlight pre")
    # The savings stay: no page without code links the code's files.
    for page in ("index", "badges", "api", "plain", "genindex", "search", "py-modindex"):
        assert not CODE & loaded_files(html.page(f"{page}.html"), html.outdir), page
    assert loaded_files(pages["_modules/navshapes"], html.outdir) >= CODE


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
    html = build(root_copy)
    lines = html.warnings
    conf = root_copy / "conf.py"
    assert len(lines) == 26, html.warning_text
    assert all(line.startswith("WARNING: alliance_page_assets[") for line in lines), (
        html.warning_text
    )
    assert all(f"] in {conf}: " in line for line in lines)
    assert all(line.endswith("; rule ignored [alliance.page-assets]") for line in lines)
    assert "importing 'raises.Node' failed: ValueError: boom" in html.warning_text
    assert "importing 'exits.Node' failed: SystemExit: 3" in html.warning_text
    # The built-in rules still apply; the root's own widget.css rule was replaced by the
    # conf.py above, so the file is linked everywhere.
    files = linked(html, "index")
    assert not {"pygments.css", "copybutton.js", "sphinx-design.min.css"} & set(files)
    assert "widget.css" in files


def test_an_empty_dict_turns_the_builtin_rules_on_and_another_type_leaves_them_off(root, tmp_path):
    html = build(root, builddir=tmp_path / "dict", confoverrides=dict(alliance_page_assets={}))
    assert html.warning_text == ""
    assert "pygments.css" not in linked(html, "index")
    html = build(root, builddir=tmp_path / "list", confoverrides=dict(alliance_page_assets=[".x"]))
    assert "alliance_page_assets" in html.warning_text  # Sphinx's check of the type
    assert "pygments.css" in linked(html, "index")


HOSTILE_CSS = "/* a < b && c ]]> d */\n.widget { & > p { color: red; } }\n"


def test_epub_pages_are_xml_with_inline_rules(root_copy):
    (root_copy / "_static" / "widget.css").write_text(HOSTILE_CSS)
    # sphinx-design writes its tabs' <input> as HTML, not XML, whatever the rules.
    (root_copy / "tabs.rst").unlink()
    index = root_copy / "index.rst"
    index.write_text(index.read_text().replace("   tabs\n", ""))
    inline = {"widget.css": {"when": [".widget"], "inline": True}}
    book = build(
        root_copy,
        "epub",
        confoverrides={
            "alliance_page_assets": inline,
            "html_theme": "epub",
            "version": "1",
            "copyright": "2026",
        },
    )
    assert book.warning_text == ""
    pages = sorted(book.outdir.glob("*.xhtml"))
    assert len(pages) >= 8
    for page in pages:
        ElementTree.parse(page)  # raises on ill-formed XML
    # In a book, the stylesheets are linked: ours and the project's.
    widget = ElementTree.parse(book.outdir / "widget.xhtml").getroot()
    links = [link.get("href") for link in widget.iter("{http://www.w3.org/1999/xhtml}link")]
    assert "_static/widget.css" in links
    assert not list(widget.iter("{http://www.w3.org/1999/xhtml}style"))
    index = ElementTree.parse(book.outdir / "index.xhtml").getroot()
    links = [link.get("href") for link in index.iter("{http://www.w3.org/1999/xhtml}link")]
    assert "_static/sphinx-alliance-faq.css" in links
    # HTML pages take the same text inline: "<" and "&" are text in an HTML <style>.
    html = build(root_copy, confoverrides=dict(alliance_page_assets=inline))
    assert html.warning_text == ""
    assert HOSTILE_CSS.strip() in stylesheets(html, "widget")


def test_a_byte_order_mark_is_not_inlined(root_copy):
    (root_copy / "_static" / "widget.css").write_text("\ufeff.widget { color: red; }")
    html = build(root_copy, confoverrides=dict(alliance_page_assets=INLINE_WIDGET))
    assert html.warning_text == ""
    assert ".widget { color: red; }" in stylesheets(html, "widget")


def test_a_stylesheet_over_the_limit_is_linked_with_a_warning(root_copy):
    rule = ".widget { color: red; }\n"
    for size, inlined in ((INLINE_LIMIT, True), (INLINE_LIMIT + 1, False)):
        css = rule + "/*" + "x" * (size - len(rule) - 4) + "*/"
        (root_copy / "_static" / "widget.css").write_text(css)
        html = build(root_copy, confoverrides=dict(alliance_page_assets=INLINE_WIDGET))
        assert (html.outdir / "_static" / "widget.css").stat().st_size == size
        assert (css in stylesheets(html, "widget")) is inlined
        assert ("widget.css" in linked(html, "widget")) is not inlined
        widget = html.outdir / "_static" / "widget.css"
        assert html.warnings == (
            []
            if inlined
            else [
                f"WARNING: alliance_page_assets: {widget} is linked, not inlined: it is larger "
                f"than 64 KiB ({size} bytes) [alliance.page-assets]"
            ]
        )


def test_parallel_writers_see_the_titles_of_every_document(navigation_copy):
    html = build(navigation_copy, parallel=2, confoverrides=dict(html_theme="furo"))
    assert html.warning_text == ""
    assert pages_losing_files(html) == {}
    assert "sphinx-design.min.css" in linked(html, "plain")
