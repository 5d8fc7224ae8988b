"""Strangers' HTML and script in FAQ questions and member data stay inert text.

``roots/test-hostile`` puts ``<img onerror>``, ``</script><script>``, ``<svg onload>``,
attribute break-outs and ``javascript:``/``data:`` links into questions (MyST and
reStructuredText), into answers as code, links and reStructuredText paragraphs, and into
member names and homepages (a YAML file and an inline body). Every payload would call
``alert``, log to the console or set ``window.saHostile``.

An answer is the page's own content: raw HTML in a MyST answer is passed through, as in any
paragraph of the page (MyST's feature; ``test_faq_hostile.py`` checks it), so a payload
there would run. Only questions and member data are made inert by the extension.
"""

import re

import pytest

from .harness import load_lazy_images, member_logo_problems

pytestmark = pytest.mark.browser

PAGES = ["index.html", "page.html"]
# What the directives must refuse, each with a warning at its own line: the javascript:,
# data: and quote-breaking homepages, and the javascript: link in a question.
REFUSED = {
    "index.md:35",
    "index.md:39",
    "members.yml:13",
    "members.yml:16",
    "members.yml:19",
    "page.rst:4",
}
WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<message>.*)$")

INLINE_HANDLERS = """() => [...document.querySelectorAll("*")].flatMap((el) =>
    [...el.attributes].filter((attr) => attr.name.startsWith("on"))
        .map((attr) => `${el.tagName.toLowerCase()} ${attr.name}="${attr.value}"`))"""
# Links the extension writes: member homepages, questions, permalinks.
OUR_LINKS = """() => [...document.querySelectorAll(
        ".sa-member-logos a[href], .sa-faq-question a[href], a.sa-faq-permalink")]
    .map((link) => link.protocol + " " + link.getAttribute("href"))"""
INLINE_SCRIPTS = """() => [...document.querySelectorAll("script:not([src])")]
    .filter((script) => script.type !== "application/ld+json")
    .map((script) => script.textContent)"""
JSON_LD = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent))"""
QUESTIONS = """() => [...document.querySelectorAll("summary.sa-faq-question")]
    .map((summary) => summary.textContent.replace(/\\s+/g, " ").trim())"""
ALTS = """() => [...document.querySelectorAll("img.sa-member-logo")].map((img) => img.alt)"""


def test_hostile_root_builds_and_refuses_script_links(hostile_build):
    _, stderr = hostile_build
    assert "Traceback" not in stderr
    matches = [WARNING.match(line) for line in stderr.splitlines()]
    warnings = [match for match in matches if match is not None]
    assert len(warnings) == len(matches), stderr
    assert all("test-hostile" in warning["path"] for warning in warnings), stderr
    located = {f"{warning['path'].rsplit('/', 1)[1]}:{warning['line']}" for warning in warnings}
    assert located == REFUSED, stderr


@pytest.mark.parametrize("pagename", PAGES)
def test_hostile_content_runs_no_script(browse, served_hostile, pagename):
    problems = []
    for scheme in ("light", "dark"):
        scheme_visit = browse(served_hostile, color_scheme=scheme)
        page = scheme_visit.page
        scheme_visit.goto(pagename)
        load_lazy_images(page)
        # Two of these logos have no dark variant: they must stay legible in dark mode too.
        problems += member_logo_problems(page, scheme)
        # Open every answer, point at every question and logo, and move the focus through
        # the page: handlers on elements revealed, hovered or focused would fire now.
        # (Nothing is clicked: a reader who clicks a javascript: link runs it; such links
        # are checked for below instead.)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        for target in page.locator("summary.sa-faq-question, img.sa-member-logo").all():
            if target.is_visible():
                target.hover()
        for _ in range(40):
            page.keyboard.press("Tab")
        load_lazy_images(page)
        record = scheme_visit.record
        problems += [f"{scheme}: {problem}" for problem in scheme_visit.problems()]
        problems += [f"{scheme}: console {message}" for message in record.console]
        if page.evaluate("typeof window.saHostile") != "undefined":
            problems.append(f"{scheme}: a payload set window.saHostile")
        problems += [f"{scheme}: inline handler {h}" for h in page.evaluate(INLINE_HANDLERS)]
        problems += [
            f"{scheme}: inline script {text[:80]!r}"
            for text in page.evaluate(INLINE_SCRIPTS)
            if "hostile" in text.lower()
        ]
        problems += [
            f"{scheme}: link not http(s) or on-page: {link}"
            for link in page.evaluate(OUR_LINKS)
            if not link.startswith(("http: ", "https: ")) and " #" not in link
        ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pagename", PAGES)
def test_hostile_text_is_shown_as_text(browse, served_hostile, pagename):
    """The payloads are escaped, not dropped: a reader sees them, and so does JSON-LD."""
    visit = browse(served_hostile)
    page = visit.page
    visit.goto(pagename)
    questions = page.evaluate(QUESTIONS)
    assert sum("<img src=" in question for question in questions) == 1, questions
    assert sum("</script><script>" in question for question in questions) == 1, questions
    alts = page.evaluate(ALTS)
    assert any("</script><script>" in alt or "<svg onload=" in alt for alt in alts), alts
    (json_ld,) = page.evaluate(JSON_LD)
    assert json_ld["@type"] == "FAQPage"
    names = [" ".join(item["name"].split()) for item in json_ld["mainEntity"]]
    assert names == questions
