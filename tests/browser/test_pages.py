"""Every page of the built site, light and dark: accessible, complete, and self-contained."""

from pathlib import Path

import pytest

from .harness import axe_violations, load_lazy_images, member_logo_problems

pytestmark = pytest.mark.browser

DOCS = Path(__file__).parent.parent.parent / "docs"
# Pages Sphinx (and its extensions) write without a source file.
GENERATED_PAGES = ["genindex", "search"]
PAGES = sorted(
    [
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*")
        if path.suffix in (".md", ".rst") and "_build" not in path.parts
    ]
    + GENERATED_PAGES
)
# The body's background in furo's light and dark themes is far from mid-grey either way.
BODY_LUMINANCE = """() => {
    const colour = getComputedStyle(document.body).backgroundColor;
    const [r, g, b] = colour.match(/[\\d.]+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
FAVICON = """() => new URL(
    document.querySelector('link[rel~="icon"]')?.getAttribute("href") ?? "/favicon.ico",
    location.href).href"""
BROKEN_IMAGES = """() => [...document.images]
    .filter((img) => img.checkVisibility() && img.naturalWidth === 0)
    .map((img) => img.currentSrc || img.src)"""


def test_every_built_page_is_checked(site):
    built = sorted(
        path.relative_to(site).with_suffix("").as_posix() for path in site.rglob("*.html")
    )
    assert built == PAGES


@pytest.mark.parametrize("pagename", PAGES)
def test_page(browse, served_site, pagename):
    """Axe (WCAG 2.1 A/AA), images and member logos in light and dark mode; nothing fails."""
    problems = []
    for scheme in ("light", "dark"):
        # One context per scheme: navigating away would abort the first one's lazy images.
        scheme_visit = browse(served_site, color_scheme=scheme)
        page = scheme_visit.page
        scheme_visit.goto(f"{pagename}.html")
        load_lazy_images(page)
        luminance = page.evaluate(BODY_LUMINANCE)
        assert (luminance < 0.2) if scheme == "dark" else (luminance > 0.8), (scheme, luminance)
        problems += [f"{scheme}: broken image {src}" for src in page.evaluate(BROKEN_IMAGES)]
        problems += member_logo_problems(page, scheme)
        problems += [f"{scheme}: {violation}" for violation in axe_violations(page)]
        favicon = page.evaluate(FAVICON)
        if not (response := page.request.get(favicon)).ok:
            problems.append(f"{scheme}: favicon {favicon}: HTTP {response.status}")
        problems += [f"{scheme}: {problem}" for problem in scheme_visit.problems()]
    assert not problems, "\n".join(problems)
