"""The landing page's FAQ in Chromium: keyboard, mouse, deep links, print, no JavaScript, find."""

from urllib.parse import quote, urljoin

import pytest
from playwright.sync_api import expect
from support import parse_html

pytestmark = pytest.mark.browser

LANDING = "index.html"
DEEP_LINK = "relation-to-standards-bodies"
# Enough Tab presses to pass furo's header, sidebar and the page's links before the FAQ.
MAX_TABS = 400
FOCUSED_QUESTION = "document.activeElement.matches('summary.sa-faq-question')"


def entry(page, anchor):
    """The entry whose question has the id *anchor*."""
    return page.locator(f"div.sa-faq:has(> details > summary#{anchor})")


def is_open(page, anchor) -> bool:
    return entry(page, anchor).locator("> details").evaluate("details => details.open")


def test_keyboard_alone_reaches_and_toggles_a_question(browse, served_site):
    visit = browse(served_site)
    page = visit.page
    visit.goto(LANDING)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_QUESTION):
            break
    else:
        pytest.fail(f"no FAQ question reached in {MAX_TABS} Tab presses")
    anchor = page.evaluate("document.activeElement.id")
    was_open = is_open(page, anchor)
    answer = entry(page, anchor).locator(".sa-faq-answer").first
    page.keyboard.press("Enter")
    assert is_open(page, anchor) is not was_open
    page.keyboard.press("Space")
    assert is_open(page, anchor) is was_open
    page.keyboard.press("Space")
    assert is_open(page, anchor) is not was_open
    if was_open:
        expect(answer).to_be_hidden()
    else:
        expect(answer).to_be_visible()
    assert page.evaluate(FOCUSED_QUESTION), "focus left the question while toggling"
    assert visit.problems() == []


def test_mouse_opens_and_closes_every_question(browse, served_site):
    visit = browse(served_site)
    page = visit.page
    visit.goto(LANDING)
    entries = page.locator("div.sa-faq")
    assert entries.count() >= 10
    for index in range(entries.count()):
        item = entries.nth(index)
        anchor = item.locator("> details > summary").get_attribute("id")
        was_open = is_open(page, anchor)
        item.locator("> details > summary").click()
        assert is_open(page, anchor) is not was_open, anchor
        expect(item.locator(".sa-faq-answer").first).to_be_visible(visible=not was_open)
        item.locator("> details > summary").click()
        assert is_open(page, anchor) is was_open, anchor
    assert visit.problems() == []


def test_deep_link_opens_the_entry_and_scrolls_it_into_view(browse, served_site):
    visit = browse(served_site)
    page = visit.page
    visit.goto(f"{LANDING}#{DEEP_LINK}")
    target = entry(page, DEEP_LINK)
    expect(target.locator("> details")).to_have_attribute("open", "")
    expect(target.locator(".sa-faq-answer").first).to_be_visible()
    expect(target.locator("summary")).to_be_in_viewport()
    # The same on hashchange: another closed entry, reached without reloading the page.
    other = page.evaluate(
        "[...document.querySelectorAll('div.sa-faq > details:not([open]) > summary')]"
        f".find((summary) => summary.id !== {DEEP_LINK!r}).id"
    )
    page.evaluate(f"location.hash = {other!r}")
    expect(entry(page, other).locator("> details")).to_have_attribute("open", "")
    expect(entry(page, other).locator("summary")).to_be_in_viewport()
    assert visit.problems() == []


def closed_entry_links(site):
    """(page, href) of links from other pages to entries of the landing page closed by default."""
    closed = {
        summary["id"]
        for summary in parse_html(site / LANDING).select(
            "div.sa-faq > details:not([open]) > summary"
        )
    }
    for path in sorted(site.rglob("*.html")):
        pagename = path.relative_to(site).as_posix()
        for link in parse_html(path).select("article a.reference.internal[href*='#']"):
            url, _, anchor = urljoin(pagename, link["href"]).partition("#")
            if url == LANDING and anchor in closed and pagename != LANDING:
                yield pagename, link["href"], anchor


def test_following_a_link_from_another_page_opens_the_entry(browse, served_site, site):
    pagename, href, anchor = next(closed_entry_links(site))
    visit = browse(served_site)
    page = visit.page
    visit.goto(pagename)
    page.locator(f"article a[href='{href}']").first.click()
    page.wait_for_url(f"**/{LANDING}#{anchor}")
    expect(entry(page, anchor).locator("> details")).to_have_attribute("open", "")
    expect(entry(page, anchor).locator("summary")).to_be_in_viewport()
    assert visit.problems() == []


def test_clicking_a_link_to_another_entry_on_the_page_opens_it(browse, served_hostile):
    """In the hostile root, one entry's answer links to another entry of the same page."""
    visit = browse(served_hostile)
    page = visit.page
    visit.goto("index.html")
    source, target = entry(page, "img-onerror"), entry(page, "script-breakout")
    expect(target.locator("> details")).not_to_have_attribute("open", "")
    source.locator("> details > summary").click()
    source.locator(".sa-faq-answer a[href='#script-breakout']").click()
    expect(target.locator("> details")).to_have_attribute("open", "")
    expect(target.locator("summary")).to_be_in_viewport()


def test_print_shows_every_answer(browse, served_site):
    visit = browse(served_site)
    page = visit.page
    visit.goto(LANDING)
    closed = page.locator("div.sa-faq > details:not([open]) .sa-faq-answer")
    assert closed.count() > 0
    expect(closed.first).to_be_hidden()
    page.emulate_media(media="print")
    answers = page.locator("div.sa-faq .sa-faq-answer")
    for index in range(answers.count()):
        expect(answers.nth(index)).to_be_visible()
    assert visit.problems() == []


def test_questions_toggle_without_javascript(browse, served_site):
    visit = browse(served_site, java_script_enabled=False)
    page = visit.page
    visit.goto(LANDING)
    closed = page.locator("div.sa-faq").filter(has=page.locator("> details:not([open])"))
    item = entry(page, closed.first.locator("> details > summary").get_attribute("id"))
    summary = item.locator("> details > summary")
    answer = item.locator(".sa-faq-answer").first
    expect(answer).to_be_hidden()
    summary.click()
    expect(answer).to_be_visible()
    summary.press("Enter")
    expect(answer).to_be_hidden()
    summary.press("Space")
    expect(answer).to_be_visible()
    assert visit.problems() == []


def test_find_in_page_reaches_text_in_a_closed_answer(browse, served_site):
    """Chromium opens a closed <details> to reveal a match, for find-in-page and for text
    fragments (``#:~:text=``) alike.

    Playwright cannot drive the find bar (it is browser UI, not page), and ``window.find()``
    matches without opening details, so a text fragment stands in: it fails as find-in-page
    would if closed answers were taken out of the page (``display: none``, removed by script).
    """
    visit = browse(served_site)
    page = visit.page
    visit.goto(LANDING)
    closed = page.locator("div.sa-faq").filter(has=page.locator("> details:not([open])"))
    anchor = closed.last.locator("> details > summary").get_attribute("id")
    words = entry(page, anchor).locator(".sa-faq-answer p").first.text_content().split()[:6]
    visit.goto(f"{LANDING}#:~:text={quote(' '.join(words))}")
    expect(entry(page, anchor).locator("> details")).to_have_attribute("open", "")
    assert visit.problems() == []
