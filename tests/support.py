"""What the tests share: building a project and reading its warnings, pages and doctrees.

A plain module, not a test module nor a conftest: tests import it by name (pytest puts
``tests/`` on ``sys.path`` for the conftest there). Fixtures stay in ``conftest.py``.

One way to build: :func:`build` makes a Sphinx app for a folder and builds it, or
:func:`built` builds the ``app`` of a ``@pytest.mark.sphinx`` test; either gives a
:class:`Build`. :func:`build_site` is the one exception: ``docs/`` built by Sphinx's
command line, as ``make html`` builds it.
"""

import copy
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = REPO / "tests" / "roots"

# The themes the directives and page assets are tested under.
THEMES = ["furo", "alabaster", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]


@dataclass(frozen=True)
class Build:
    """A finished build: its app, warnings, pages and doctrees."""

    app: SphinxTestApp

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    @property
    def warning_text(self) -> str:
        """Everything the build wrote to its warning stream, without colours."""
        return strip_escape_sequences(self.app.warning.getvalue())

    @property
    def warnings(self) -> list[str]:
        """The warning stream's lines, without colours: ``path:line: WARNING: message [type]``."""
        return self.warning_text.splitlines()

    def page(self, name: str) -> BeautifulSoup:
        """The written file *name* (``index.html``, ``api/index.html``...), parsed as HTML."""
        return parse_html(self.outdir / name)

    def text(self, name: str) -> str:
        """The written file *name* as text."""
        return (self.outdir / name).read_text(encoding="utf-8")

    def doctree(self, docname: str) -> nodes.document:
        """The pickled doctree of *docname*, as read (before resolving)."""
        return self.app.env.get_doctree(docname)


def build(
    srcdir: Path,
    buildername: str = "html",
    *,
    builddir: Path | None = None,
    parallel: int = 0,
    timeout: int | None = None,
    connect: Mapping[str, Callable[..., object]] | None = None,
    **options: Any,
) -> Build:
    """Build *srcdir* where it is (the output goes to *builddir*, by default
    ``srcdir/_build``); *options* go to :class:`SphinxTestApp` (``confoverrides``...).
    With a *timeout* in seconds, a build that takes longer fails (generated input);
    *connect* maps events to handlers connected before the build.

    For a module-scoped fixture, or a project a test writes itself; a test with its own
    copy of a root takes the ``app`` fixture and calls :func:`built`.
    """
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        parallel=parallel,
        status=StringIO(),
        warning=StringIO(),
        **options,
    )
    for event, handler in (connect or {}).items():
        app.connect(event, handler)
    try:
        if timeout is None:
            app.build()
        else:
            with hang_guard(timeout, f"the {buildername} build of {srcdir}"):
                app.build()
    finally:
        # Undo the app's global registrations, so that another app can be made after it.
        app.cleanup()
    return Build(app)


def built(app: SphinxTestApp) -> Build:
    """Build *app* (the ``app`` of a ``@pytest.mark.sphinx`` test, or one of ``make_app``,
    new or built before); the fixture cleans it up."""
    app.build()
    return Build(app)


def build_site(
    outdir: Path, *args: str, env: dict[str, str] | None = None, srcdir: Path = DOCS
) -> Path:
    """Build ``docs/`` (or *srcdir*) the way ``make html`` does; return the HTML folder."""
    html = outdir / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "-d",
            str(outdir / "doctrees"),
            *args,
            str(srcdir),
            str(html),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    # -q leaves warnings and errors only: a clean build prints nothing.
    assert result.stdout == "", result.stdout
    return html


def parse_html(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def one(tag: Tag, selector: str) -> Tag:
    """The one element under *tag* that the CSS *selector* matches (fails unless one)."""
    found = tag.select(selector)
    assert len(found) == 1, (selector, found)
    return found[0]


def attr(tag: Tag, name: str) -> str:
    """The value of the attribute *name* of *tag* (fails if it has none, or a list)."""
    value = tag.get(name)
    assert isinstance(value, str), (name, tag)
    return value


def rewrite(path: Path, old: str, new: str) -> None:
    """Edit a source so that Sphinx sees it changed, however fast the test runs."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    mtime = path.stat().st_mtime + 10
    os.utime(path, (mtime, mtime))


# Elements that a browser shows as blocks (HTML's default style sheet), and <br>.
BLOCKS = "address, article, aside, blockquote, br, caption, dd, details, div, dl, dt, "
BLOCKS += "figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, "
BLOCKS += "p, pre, section, summary, table, td, th, tr, ul"


def shown_text_of(tag: Tag) -> str:
    """The text of *tag* a reader sees, white space collapsed, blocks apart: no script,
    style, template, ``hidden`` element or permalink mark."""
    tag = copy.copy(tag)
    for hidden in tag.select("script, style, template, [hidden], a.headerlink"):
        hidden.decompose()
    for block in tag.select(BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    return " ".join(tag.get_text().split())


@contextmanager
def hang_guard(seconds: int, what: str) -> Iterator[None]:
    """Fail (rather than hang the suite) if the block runs longer than *seconds*."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def faq_entry(soup: BeautifulSoup, anchor: str) -> Tag:
    """The ``div.sa-faq`` that *anchor* (its question's id, or an extra id) leads to."""
    target = soup.find(id=anchor)
    assert isinstance(target, Tag), f"no element has the id {anchor!r}"
    entry = target.find_parent("div", class_="sa-faq")
    assert entry is not None, f"#{anchor} is in no FAQ entry"
    return entry


def faq_anchor(entry: Tag) -> str:
    """The anchor of the entry ``div.sa-faq``: the id of its question, the ``<summary>``."""
    return attr(one(entry, ":scope > details > summary"), "id")


def name_of(url: str) -> str:
    """The name of a file of ``_static/`` that *url* links, without its query."""
    return url.split("?")[0].split("_static/", 1)[-1]


def used_files(soup: BeautifulSoup) -> set[str]:
    """The files of the built-in rules that a written page uses, read from its HTML alone."""
    classes = {
        name for tag in soup.find_all(class_=True) for name in tag.get_attribute_list("class")
    }
    used = set()
    if any(name.startswith("sd-") for name in classes):
        used.add("sphinx-design.min.css")
    if "sd-tab-set" in classes:
        used.add("design-tabs.js")
    if "highlight" in classes:
        used.add("pygments.css")
    # sphinx-copybutton's default copybutton_selector
    if soup.select("div.highlight pre"):
        used |= {"copybutton.css", "clipboard.min.js", "copybutton.js"}
    return used


def loaded_files(soup: BeautifulSoup, html: Path) -> set[str]:
    """The files a page links, and the stylesheets whose text it holds in a ``<style>``."""
    loaded = {name_of(attr(link, "href")) for link in soup.select("link[rel~=stylesheet]")}
    loaded |= {name_of(attr(script, "src")) for script in soup.select("script[src]")}
    styles = [style.string.strip() for style in soup.find_all("style") if style.string]
    for css in (html / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        if any(style and style in text for style in styles):
            loaded.add(css.relative_to(html / "_static").as_posix())
    return loaded


def hrefs(soup: Tag, selector: str) -> list[str]:
    """The ``href`` of each element that *selector* matches, in order."""
    return [attr(tag, "href") for tag in soup.select(selector)]


def first(tag: Tag, selector: str) -> Tag:
    """The first element under *tag* that the CSS *selector* matches (fails if none)."""
    found = tag.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found
