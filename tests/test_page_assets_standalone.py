"""``sphinx_alliance.page_assets`` loads on its own, and beside ``sphinx_alliance``."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

PAGES = {
    "index": "Index\n=====\n\n.. toctree::\n\n   code\n",
    "code": "Code\n====\n\n.. code-block:: python\n\n   print(1)\n",
}


def build(tmp_path: Path, extensions: list[str]) -> tuple[SphinxTestApp, str]:
    """Build a two-page project, one page with a code block: the app and its warnings."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        f"extensions = {['sphinx_copybutton', *extensions]!r}\nalliance_page_assets = True\n"
    )
    for name, text in PAGES.items():
        (srcdir / f"{name}.rst").write_text(text)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    return app, app.warning.getvalue()


def scripts(app: SphinxTestApp, page: str) -> set[str]:
    """The names of the local scripts that *page* links."""
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return {
        str(tag["src"]).split("?")[0].rsplit("/", 1)[-1]
        for tag in soup.find_all("script", src=True)
    }


@pytest.mark.parametrize(
    "extensions",
    [
        ["sphinx_alliance.page_assets"],
        ["sphinx_alliance.page_assets", "sphinx_alliance"],
        ["sphinx_alliance", "sphinx_alliance.page_assets"],
    ],
    ids=["alone", "page-assets-first", "package-first"],
)
def test_page_assets_prunes_alone_and_beside_the_package(
    tmp_path: Path, extensions: list[str]
) -> None:
    app, warnings = build(tmp_path, extensions)
    assert warnings == ""
    assert app.extensions["sphinx_alliance.page_assets"].parallel_read_safe
    assert app.extensions["sphinx_alliance.page_assets"].parallel_write_safe
    # The rule for sphinx-copybutton's script: only the page with a code block links it.
    assert "copybutton.js" in scripts(app, "code")
    assert "copybutton.js" not in scripts(app, "index")
    # Alone, the package (and its directives) is not loaded.
    assert ("sphinx_alliance" in app.extensions) == ("sphinx_alliance" in extensions)
