"""With ``alliance_page_assets`` on, pages still work in Chromium under every theme.

Copy buttons where there is code, tabs, search and its highlighting, the theme's own
scripts (no console error), on ``roots/test-page-assets`` and on the site.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import ROOTS, THEMES, build

from .harness import serve

pytestmark = pytest.mark.browser

ROOT = ROOTS / "test-page-assets"
SEARCH_RESULTS = "#search-results li a, .search li a"


def build_with(srcdir: Path, builddir: Path, theme: str, page_assets: bool) -> Path:
    """Build *srcdir* under *theme*, page assets on or off: the HTML folder."""
    options = {"html_theme": theme, "alliance_page_assets": page_assets}
    return build(srcdir, builddir=builddir, confoverrides=options).outdir


def observe(visit) -> dict:
    """What a reader gets on the root's pages: copy buttons, colours, tabs, search."""
    page = visit.page
    seen = {}
    visit.goto("code.html")
    page.wait_for_load_state("load")
    seen["copy buttons"] = page.locator("button.copybtn").count()
    seen["code coloured"] = page.evaluate(
        "getComputedStyle(document.querySelector('.highlight .s2')).color"
        " !== getComputedStyle(document.querySelector('.highlight pre')).color"
    )
    visit.goto("tabs.html")
    page.locator(".sd-tab-set > label").nth(1).click()
    seen["tabs"] = [page.locator(".sd-tab-content").nth(i).is_visible() for i in (0, 1)]
    visit.goto("search.html?q=widget")
    result = page.locator(SEARCH_RESULTS).first
    result.wait_for()
    result.click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    seen["search highlights"] = page.locator("span.highlighted").count()
    for name in ("index", "inline", "grid", "icon", "widget", "genindex"):
        visit.goto(f"{name}.html")
        page.wait_for_load_state("load")
    seen["problems"] = [problem.split(" (")[0] for problem in visit.problems()]
    return seen


def seen_without_and_with(
    browse, tmp_path: Path, srcdir: Path, theme: str, look: Callable[[Any], dict]
) -> dict[bool, dict]:
    """What *look* sees on *srcdir* built under *theme*, page assets off and on."""
    seen = {}
    for page_assets in (False, True):
        out = build_with(srcdir, tmp_path / f"html-{page_assets}", theme, page_assets)
        with serve(out) as server:
            seen[page_assets] = look(browse(server))
    return seen


@pytest.mark.parametrize("theme", THEMES)
def test_pages_work_under_every_theme_as_without_it(browse, tmp_path, theme):
    seen = seen_without_and_with(browse, tmp_path, ROOT, theme, observe)
    assert seen[True] == seen[False]
    assert seen[True]["copy buttons"] == 1
    assert seen[True]["code coloured"]
    assert seen[True]["tabs"] == [False, True]
    if theme in ("furo", "alabaster", "sphinx_rtd_theme"):
        assert seen[True]["search highlights"] > 0
        assert seen[True]["problems"] == []


def test_site_keeps_theme_toggle_copy_buttons_and_search_highlighting(browse, served_site):
    visit = browse(served_site, color_scheme="light")
    page = visit.page
    visit.goto("index.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.dataset.theme") == "auto"
    page.locator(".theme-toggle:visible").first.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    # Dark mode shows the dark logos: leaving before they arrive would abort them.
    page.wait_for_load_state("networkidle")
    # The choice is applied by the inline script at the top of <body>, before any paint.
    visit.goto("projects/wasmtime.html")
    assert page.evaluate("document.body.dataset.theme") == "dark"
    # Chromium asks for the favicon after the load: leaving at once would abort it.
    page.wait_for_load_state("networkidle")
    visit.goto("extension/faq.html?highlight=answer")
    page.locator("span.highlighted").first.wait_for()
    page.locator("button.copybtn").first.wait_for(state="attached")
    assert visit.problems() == []


NAVIGATION = ROOTS / "test-page-assets-navigation"


def observe_navigation(visit) -> dict:
    """The icon of another page's title, as the API page shows it; viewcode's source page."""
    page = visit.page
    seen = {}
    visit.goto("api.html")
    page.wait_for_load_state("load")
    seen["icon"] = page.evaluate(
        "[...document.querySelectorAll('svg.sd-octicon')].map(icon => {"
        " const style = getComputedStyle(icon);"
        " return [style.display, style.verticalAlign, style.fill]; })"
    )
    visit.goto("_modules/navshapes.html")
    page.wait_for_load_state("load")
    seen["copy buttons"] = page.locator("button.copybtn").count()
    seen["code background"] = page.evaluate(
        "getComputedStyle(document.querySelector('div.highlight')).backgroundColor"
    )
    return seen


@pytest.mark.parametrize("theme", THEMES)
def test_other_pages_content_and_source_pages_look_as_without_it(browse, tmp_path, theme):
    seen = seen_without_and_with(browse, tmp_path, NAVIGATION, theme, observe_navigation)
    assert seen[True] == seen[False]
    assert seen[True]["icon"]
    assert all(display == "inline-block" for display, _, _ in seen[True]["icon"])
    assert seen[True]["copy buttons"] >= 1
