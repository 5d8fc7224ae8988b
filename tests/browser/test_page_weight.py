"""What the landing page costs a first-time visitor, and what our extension adds to it."""

import pytest
from support import parse_html

from .harness import DESKTOP, PHONE, load_lazy_images

pytestmark = pytest.mark.browser

LANDING = "index.html"
# Measured on a cold load of the landing page at 1280 px, light mode, every lazy image
# scrolled into view, served uncompressed as a plain file server does (2026-12-01, with
# alliance_page_assets, every stylesheet but furo's inline, no sphinx-design on the page and
# the member logos in data: URIs): 10 requests, 140,291 bytes (furo.css 51 KB, HTML 67 KB
# with the other stylesheets and the 10 logos in it, scripts 19 KB, 2 images 3 KB, the
# favicon); 21 and 136,650 bytes with the logos as files and site.css linked, 25 and 190,436
# bytes before, 30 and 238,980 without alliance_page_assets. The budget leaves about 5%:
# going past it should be a decision.
BUDGET_REQUESTS = 11
BUDGET_BYTES = 147_000
# The one stylesheet that may block a page's first paint: alliance_page_assets inlines the
# others (Pygments' too, on pages with code); scripts never may.
BLOCKING = {"furo.css"}
OUR_CSS = ("sphinx-alliance-faq.css", "sphinx-alliance-member-logos.css")
OUR_STATIC = (*OUR_CSS, "sphinx-alliance-faq.js")
MAX_OUR_FILE_BYTES = 4096
RENDER_BLOCKING = """() => Object.fromEntries(performance.getEntriesByType("resource")
    .map((entry) => [new URL(entry.name).pathname, entry.renderBlockingStatus]))"""


def test_landing_page_weight_is_within_budget(browse, served_site):
    visit = browse(served_site, viewport=DESKTOP)
    page = visit.page
    visit.goto(LANDING)
    load_lazy_images(page)
    by_type: dict[str, tuple[int, int]] = {}
    for request in visit.record.requests:
        sizes = request.sizes()
        count, weight = by_type.get(request.resource_type, (0, 0))
        weight += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        by_type[request.resource_type] = count + 1, weight
    requests = sum(count for count, _ in by_type.values())
    total = sum(weight for _, weight in by_type.values())
    figures = f"landing page: {requests} requests, {total} bytes transferred; " + ", ".join(
        f"{kind} {count}/{weight} B" for kind, (count, weight) in sorted(by_type.items())
    )
    print(figures)
    assert visit.problems() == []
    assert requests <= BUDGET_REQUESTS, figures
    assert total <= BUDGET_BYTES, figures


def test_our_css_is_inline_and_our_js_does_not_block_rendering(browse, served_site, site):
    for name in OUR_STATIC:
        size = (site / "_static" / name).stat().st_size
        assert 0 < size < MAX_OUR_FILE_BYTES, f"{name}: {size} bytes"
    pages = {path.relative_to(site).as_posix(): parse_html(path) for path in site.rglob("*.html")}
    our_scripts = [
        (page, script)
        for page, soup in pages.items()
        for script in soup.select("script[src*='sphinx-alliance']")
    ]
    assert our_scripts
    assert [(page, str(tag)) for page, tag in our_scripts if not tag.has_attr("defer")] == []
    # Our stylesheets are in the <head> of the pages that use them (the grid and the FAQ
    # would jump otherwise), never fetched.
    assert [
        page for page, soup in pages.items() if soup.select("link[href*='sphinx-alliance']")
    ] == []
    styles = [style.string for style in pages[LANDING].select("head style")]
    for name in OUR_CSS:
        assert (site / "_static" / name).read_text().strip() in styles, name
    visit = browse(served_site)
    visit.goto(LANDING)
    blocking = visit.page.evaluate(RENDER_BLOCKING)
    ours = {path: status for path, status in blocking.items() if "sphinx-alliance" in path}
    assert ours == {"/_static/sphinx-alliance-faq.js": "non-blocking"}
    assert visit.problems() == []


@pytest.mark.parametrize(
    "page",
    [
        LANDING,
        *(f"projects/{name}.html" for name in ("wasmtime", "cranelift", "lucet", "wamr", "enarx")),
        "search.html",
    ],
)
def test_a_page_blocks_rendering_only_on_the_allowed_stylesheet(browse, served_site, page):
    visit = browse(served_site)
    visit.goto(page)
    blocking = visit.page.evaluate(RENDER_BLOCKING)
    assert {
        path.rsplit("/", 1)[1] for path, status in blocking.items() if status == "blocking"
    } == BLOCKING
    assert visit.problems() == []


def test_no_page_runs_a_script_file_before_it_is_parsed(site):
    """Every script file waits for the page (alliance_page_assets), but on the search page.

    Sphinx's search page runs searchtools.js at once, and it calls doctools.js.
    """
    waiting = []
    for path in sorted(site.rglob("*.html")):
        for script in parse_html(path).select("script[src]"):
            waits = script.has_attr("defer") or script.has_attr("async")
            waiting.append((path.relative_to(site).as_posix(), script["src"], waits))
    assert len({page for page, _, _ in waiting}) > 10
    assert [
        (page, src) for page, src, waits in waiting if not waits and page != "search.html"
    ] == []
    assert not all(waits for page, _, waits in waiting if page == "search.html")


# What furo's script reveals (its theme toggles, at the top of the page on a phone and on a
# desktop) and what sits beside them.
TOP_OF_PAGE = """() => ({
    noJs: document.documentElement.classList.contains("no-js"),
    boxes: [".mobile-header .brand", ".header-right", ".content-icon-container"].map((s) => {
        const box = document.querySelector(s).getBoundingClientRect();
        return [s, box.x, box.y, box.width, box.height];
    }),
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("page", [LANDING, "projects/wasmtime.html"])
def test_nothing_moves_when_furo_shows_its_theme_toggle(browser, served_site, page, viewport):
    """furo shows the toggles from its deferred script, after the first paint: CLS 0."""

    def top_of_page(*, script: bool) -> dict:
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        if not script:
            tab.route("**/scripts/furo.js*", lambda route: route.abort())
        tab.goto(served_site.url + page)
        tab.wait_for_load_state("load")
        top = tab.evaluate(TOP_OF_PAGE)
        context.close()
        return top

    first_paint, loaded = top_of_page(script=False), top_of_page(script=True)
    assert first_paint["noJs"]
    assert not loaded["noJs"]
    assert first_paint["boxes"] == loaded["boxes"]
