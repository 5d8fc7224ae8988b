"""What a heading inside an FAQ entry's ``<summary>`` changes for assistive technology.

Two pages, identical but for the question's markup (plain text in ``<summary>``, or an
``<h3>`` in it), opened in Debian's Chromium: prints the accessibility tree of an entry as
Chromium exposes it (CDP ``Accessibility.getFullAXTree``), the page's headings as a screen
reader lists them, and axe-core's violations (WCAG 2.1 A/AA, then its best practices)::

    .venv/bin/python benchmarks/faq_heading_a11y.py
"""

import sys
import tempfile
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.harness import WCAG_TAGS, launch, serve

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>FAQ</title></head>
<body><main>
<h1>Bytecode Alliance</h1>
<section id="faq"><h2>Frequently Asked Questions</h2>
{entries}
</section>
</main></body></html>
"""
ENTRY = """<div class="sa-faq">
<details class="sa-faq-details"><summary class="sa-faq-question" id="{anchor}">{question}</summary>
<div class="sa-faq-answer"><p>{answer}</p></div></details>
<a class="headerlink sa-faq-permalink" href="#{anchor}" title="Link to this question">¶</a>
</div>"""
QUESTIONS = [
    ("how-to-join", "How do organizations join the Alliance?", "They write to the board."),
    ("governance", "How will the Alliance be governed?", "By its board of directors."),
]
VARIANTS = {
    "text": "{}",
    "h3": '<h3 class="sa-faq-heading">{}</h3>',
}


def page_html(variant: str) -> str:
    entries = "\n".join(
        ENTRY.format(anchor=anchor, question=VARIANTS[variant].format(question), answer=answer)
        for anchor, question, answer in QUESTIONS
    )
    return PAGE.format(entries=entries)


def ax_nodes(page: Page) -> list[dict]:
    session = page.context.new_cdp_session(page)
    return session.send("Accessibility.getFullAXTree")["nodes"]


def describe(node: dict) -> str:
    role = node.get("role", {}).get("value", "")
    name = node.get("name", {}).get("value", "")
    properties = {
        prop["name"]: prop["value"].get("value")
        for prop in node.get("properties", [])
        if prop["name"] in {"expanded", "level"}
    }
    return f"{role} {name!r}" + (f" {properties}" if properties else "")


def ax_tree(page: Page) -> list[str]:
    """The first entry's accessibility subtree, one indented line per exposed node."""
    nodes = ax_nodes(page)
    by_id = {node["nodeId"]: node for node in nodes}
    lines: list[str] = []

    def walk(node: dict, depth: int) -> None:
        role = node.get("role", {}).get("value", "")
        if role in {"InlineTextBox", "StaticText"}:
            return
        if not node.get("ignored"):
            lines.append("  " * depth + describe(node))
            depth += 1
        for child in node.get("childIds", []):
            walk(by_id[child], depth)

    triangle = next(
        node for node in nodes if node.get("role", {}).get("value") == "DisclosureTriangle"
    )
    entry = by_id[by_id[triangle["parentId"]]["parentId"]]  # the details' parent
    walk(entry, 0)
    return lines


def headings(page: Page) -> list[str]:
    """The headings a screen reader lists, with their level."""
    return [
        describe(node)
        for node in ax_nodes(page)
        if node.get("role", {}).get("value") == "heading" and not node.get("ignored")
    ]


def axe(page: Page, tags: list[str]) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    return [f"{v['id']} ({len(v['nodes'])} nodes): {v['help']}" for v in response["violations"]]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        for variant in VARIANTS:
            Path(folder, f"{variant}.html").write_text(page_html(variant), encoding="utf-8")
        browser = launch(playwright)
        with serve(Path(folder)) as server:
            for variant in VARIANTS:
                page = browser.new_page()
                page.goto(f"{server.url}{variant}.html")
                print(f"## question as {variant}")
                print("accessibility tree of the first entry (closed):")
                print("\n".join(f"  {line}" for line in ax_tree(page)))
                page.locator("summary").first.click()
                print("opened:")
                print("\n".join(f"  {line}" for line in ax_tree(page)))
                print("headings:", "; ".join(headings(page)))
                print("axe WCAG 2.1 A/AA:", axe(page, WCAG_TAGS) or "none")
                print("axe best practices:", axe(page, ["best-practice"]) or "none")
                print()
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
