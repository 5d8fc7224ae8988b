"""From a search to an open entry, in Chromium: Sphinx's search page, its highlight, Read the
Docs' visual diff."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANDING = "index.html"
FAQ_SCRIPT = re.compile(
    r'<script defer="defer" src="_static/sphinx-alliance-faq\.js[^"]*"></script>'
)
HIGHLIGHT_SCRIPT = re.compile(
    r'<script defer="defer" src="_static/sphinx_highlight\.js[^"]*"></script>'
)
# A word of one closed answer only: "committer" (How do developers get involved?)
HIGHLIGHTED_WORD, HIGHLIGHTED_ENTRY = "committer", "how-to-get-involved"


def details(page, anchor):
    """The ``<details>`` of the entry whose question has the id *anchor*."""
    return page.locator(f"details:has(> summary#{anchor})")


def search(page, query):
    """The links of the search page's results for *query*, in order, once it has finished."""
    page.goto(f"search.html?q={query}")
    expect(page.locator("#search-results > p.search-summary")).to_have_text(
        re.compile("^Search finished")
    )
    return page.locator("#search-results ul.search li > a")


def test_search_lists_the_question_first_and_opens_it(browse, served_site):
    visit = browse(served_site, base_url=served_site.url)
    page = visit.page
    results = search(page, "join")
    first = results.first
    expect(first).to_have_text("How do organizations join the Alliance?")
    assert first.get_attribute("href") == f"{LANDING}#how-to-join"
    # page hits come after the question: the landing page and the Membership page
    assert results.count() > 1
    expect(details(page, "how-to-join")).to_have_count(0)  # still the search page
    first.click()
    page.wait_for_url(f"**/{LANDING}#how-to-join")
    expect(details(page, "how-to-join")).to_have_attribute("open", "")
    expect(page.locator("summary#how-to-join")).to_be_in_viewport()
    assert visit.problems() == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("governed", "How will the Alliance be governed?"),
        ("licensed", "How are these projects licensed?"),
        ("architectures", "Which architectures and OS platforms are supported?"),
        ("cross-industry", "Why does this require a cross-industry effort?"),
    ],
)
def test_each_question_is_a_result_of_its_own(browse, served_site, query, first):
    visit = browse(served_site, base_url=served_site.url)
    expect(search(visit.page, query).first).to_have_text(first)
    assert visit.problems() == []


def swap_scripts(route):
    """Serve the page with sphinx_highlight.js after the FAQ script, rather than before."""
    html = route.fetch().text()
    faq, highlight = FAQ_SCRIPT.search(html), HIGHLIGHT_SCRIPT.search(html)
    assert faq
    assert highlight
    assert highlight.start() < faq.start()
    html = html.replace(highlight[0], "").replace(faq[0], faq[0] + highlight[0])
    route.fulfill(body=html, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("order", ["highlight-first", "faq-first"])
def test_a_highlighted_word_opens_its_entry(browse, served_site, order):
    visit = browse(served_site)
    page = visit.page
    if order == "faq-first":
        page.route(f"**/{LANDING}?highlight=*", swap_scripts)
    visit.goto(f"{LANDING}?highlight={HIGHLIGHTED_WORD}")
    mark = page.locator(f"#{HIGHLIGHTED_ENTRY} ~ .sa-faq-answer span.highlighted")
    expect(mark.first).to_be_visible()
    expect(details(page, HIGHLIGHTED_ENTRY)).to_have_attribute("open", "")
    # the entries without the word stay closed
    expect(details(page, "governance")).not_to_have_attribute("open", "")
    scripts = page.evaluate(
        "[...document.scripts].map((s) => s.src.split('/').pop().split('?')[0]).filter(Boolean)"
    )
    faq, highlight = scripts.index("sphinx-alliance-faq.js"), scripts.index("sphinx_highlight.js")
    assert (highlight < faq) is (order == "highlight-first")
    assert visit.problems() == []


# What Read the Docs' docdiff does (readthedocs/addons, src/docdiff.js): it replaces the main
# element by a copy with the changes marked by visual-dom-diff.
DOCDIFF = """([anchor, tag, cls]) => {
    const main = document.querySelector("[role=main]");
    const copy = main.cloneNode(true);
    const mark = document.createElement(tag);
    mark.className = cls;
    mark.textContent = " changed words";
    copy.querySelector(`#${anchor}`).parentElement.querySelector(".sa-faq-answer p").append(mark);
    main.replaceWith(copy);
}"""


@pytest.mark.parametrize(
    ("tag", "cls"),
    [("ins", "doc-diff-added"), ("del", "doc-diff-removed"), ("p", "doc-diff-modified")],
)
def test_a_docdiff_change_opens_its_entry(browse, served_site, tag, cls):
    visit = browse(served_site)
    page = visit.page
    visit.goto(LANDING)
    expect(details(page, "governance")).not_to_have_attribute("open", "")
    page.evaluate(DOCDIFF, ["governance", tag, cls])
    expect(details(page, "governance")).to_have_attribute("open", "")
    expect(page.locator(f".{cls}")).to_be_visible()
    expect(details(page, "project-licenses")).not_to_have_attribute("open", "")
    assert visit.problems() == []
