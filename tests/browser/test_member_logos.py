"""The landing page's member logo grid at phone and desktop widths."""

import pytest

from .harness import DESKTOP, PHONE, load_lazy_images

pytestmark = pytest.mark.browser

LANDING = "index.html"
# Elements wider than their box that the reader would have to scroll sideways.
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll("body *")]
    .filter((el) => el.scrollWidth > el.clientWidth
        && ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
        && el.checkVisibility())
    .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}: `
        + `${el.scrollWidth} > ${el.clientWidth}`)"""
PAGE_WIDTHS = """() => ({
    viewport: document.documentElement.clientWidth,
    html: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
})"""
ROW_TOPS = """() => [...document.querySelectorAll(".sa-member-logos .sa-member")]
    .map((member) => Math.round(member.getBoundingClientRect().top))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_sideways_scrolling_on_a_phone(browse, served_site, scheme):
    visit = browse(served_site, viewport=PHONE, color_scheme=scheme)
    page = visit.page
    visit.goto(LANDING)
    load_lazy_images(page)
    widths = page.evaluate(PAGE_WIDTHS)
    assert widths["viewport"] == PHONE["width"]
    assert widths["html"] <= widths["viewport"], widths
    assert widths["body"] <= widths["viewport"], widths
    assert page.evaluate(SIDEWAYS_SCROLLERS) == []
    assert page.locator(".sa-member-logos .sa-member").count() >= 10
    assert visit.problems() == []


def test_several_logos_per_row_on_a_desktop(browse, served_site):
    visit = browse(served_site, viewport=DESKTOP)
    page = visit.page
    visit.goto(LANDING)
    load_lazy_images(page)
    tops = page.evaluate(ROW_TOPS)
    per_row = [tops.count(top) for top in sorted(set(tops))]
    assert len(tops) >= 10
    assert min(per_row[:-1] or per_row) >= 3, per_row
    assert visit.problems() == []
