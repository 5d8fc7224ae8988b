"""Questions whose unsafe parts arrive after the directive runs, in every builder.

``roots/test-faq-hostile`` brings raw markup, ``javascript:``/``data:``/``mailto:`` links
and images, and characters that HTML and XML cannot hold into questions through a raw
role, substitutions, named and anonymous targets, MyST attributes and translations.
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document
from sphinx import locale
from sphinx.testing.util import SphinxTestApp
from support import Build, built, faq_entry, one

import sphinx_alliance
from sphinx_alliance.faq import (
    MESSAGE_CATALOG,
    alliance_faq_answer,
    alliance_faq_entry,
    alliance_faq_question,
    faq_json_ld,
)

ROOT = Path(__file__).parent / "roots" / "test-faq-hostile"
PACKAGE = Path(sphinx_alliance.__file__).parent

# Not xml: it writes the substitution definitions too, with their lone surrogate.
BUILDERS = ["html", "epub", "text", "latex", "gettext", "man", "texinfo"]
ANSWERS = ["role", "raw", "images", "substitution", "targets", "characters", "translated"]
ANSWERS += ["mail", "inline HTML", "translated MyST"]
LINK = "is not http, https or relative; shown as text"
IMAGE = "is not http, https or relative; left out"
# (file, text on the entry's first line, message)
WARNINGS = [
    ("index.rst", "Image substitutions", f"image 'javascript:alert(1)' {IMAGE}"),
    # base64: Sphinx 8.2's image post-transform crashes on any other data: URI
    ("index.rst", "Image substitutions", f"image 'data:image/svg+xml;base64,PHN2Zy8+' {IMAGE}"),
    ("index.rst", "A link substitution", f"link 'javascript:alert(2)' {LINK}"),
    ("index.rst", "A named", f"link 'javascript:alert(3)' {LINK}"),
    ("index.rst", "A named", f"link 'javascript:alert(4)' {LINK}"),
    (
        "index.rst",
        "Characters |chars|",
        "characters that HTML and XML cannot hold (U+0001, U+D800, U+FFFE) shown as U+FFFD",
    ),
    ("myst.md", "Mail", f"link 'mailto:me@example.org' {LINK}"),
]
TRANSLATED = [
    ("index.rst", "Translated?", f"link 'javascript:alert(5)' {LINK}"),
    ("myst.md", "Translated in MyST?", f"link 'mailto:me@example.org' {LINK}"),
]
QUESTIONS = {
    "role": 'A role with a class <i onclick="alert(1)">role</i>?',
    "raw-substitution": 'A raw substitution <b onmouseover="alert(1)">raw</b>?',
    "images": "Image substitutions   here?",
    "substitution": "A link substitution sub?",
    "targets": "A named evil and an anonymous anon target?",
    "characters": "Characters \ufffd\ufffd\ufffd and \U0001f642 *escaped*?",
    "mail": "Mail me with a class?",
    "inline-html": 'Inline <b onmouseover="alert(1)">HTML</b> and a '
    '<b onmouseover="alert(1)">bold</b> substitution?',
}


def faq_warnings(result: Build) -> list[str]:
    return [line for line in result.warnings if line.endswith("[alliance.faq]")]


def expected(result: Build, warnings: list[tuple[str, str, str]]) -> list[str]:
    """Each warning at the line of its entry, as Sphinx prints it."""
    lines = []
    for filename, text, message in warnings:
        source = (result.srcdir / filename).read_text(encoding="utf-8")
        line = source[: source.index(text)].count("\n") + 1
        lines.append(
            f"{result.srcdir / filename}:{line}: WARNING: faq question: {message} [alliance.faq]"
        )
    return sorted(lines)


def output_text(result: Build) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in result.outdir.rglob("*")
        if path.is_file() and path.suffix not in {".png", ".svg", ".woff", ".woff2", ".gif"}
    )


def check_inert(summary) -> None:
    """Nothing in *summary* can run script or leave the page for another scheme."""
    assert summary.find(["script", "img", "iframe", "svg", "object"]) is None, summary
    for tag in [summary, *summary.find_all(True)]:
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
    for link in summary.find_all("a"):
        assert re.match(r"(https?:|#|[\w./-]+\.x?html)", link["href"]), link


def check_html_page(page: Path, xml: bool) -> BeautifulSoup:
    text = page.read_text(encoding="utf-8")
    if xml:
        ET.fromstring(text)  # epub pages must be well-formed XML
    soup = BeautifulSoup(text, "html.parser")
    summaries = soup.select("summary.sa-faq-question")
    for summary in summaries:
        check_inert(summary)
    (script,) = soup.find_all("script", type="application/ld+json")
    names = [item["name"] for item in json.loads(script.get_text())["mainEntity"]]
    assert names == [summary.get_text() for summary in summaries]
    return soup


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(b, marks=pytest.mark.sphinx(b, testroot="faq-hostile", srcdir=b))
        for b in BUILDERS
    ],
)
def test_every_builder_warns_and_keeps_every_entry(app: SphinxTestApp, builder: str) -> None:
    result = built(app)
    warnings = faq_warnings(result)
    assert sorted(set(warnings)) == expected(result, WARNINGS)
    # epub resolves the root document again for its table of contents, and repeats its
    # post-transform warnings (Sphinx's own "undefined label" too)
    assert len(warnings) == len(set(warnings)) or builder == "epub"
    output = output_text(result)
    for answer in ANSWERS:
        assert f"Answer {answer}" in output
    assert "\ufffd\ufffd\ufffd and \U0001f642" in output or builder == "gettext"
    if builder in {"html", "epub"}:
        pages = {
            name: result.outdir / f"{name}.{'xhtml' if builder == 'epub' else 'html'}"
            for name in ("index", "myst")
        }
        index, myst = (check_html_page(page, xml=builder == "epub") for page in pages.values())
        shown = {s["id"]: s.get_text() for s in index.select("summary") + myst.select("summary")}
        assert {anchor: shown[anchor] for anchor in QUESTIONS} == QUESTIONS
        assert one(faq_entry(index, "characters"), ":scope > details")["open"] == "open"
        assert faq_entry(index, "role").select("summary span.html")  # the role's class kept
        assert faq_entry(myst, "mail").select("summary span.cls")
        # raw HTML in a MyST answer is the author's: MyST passes it through
        assert (
            one(faq_entry(myst, "inline-html"), ".sa-faq-answer kbd").get_text()
            == "passed through"
        )
        ref = myst.select("p a.reference.internal")[0]
        assert ref.get_text() == QUESTIONS["characters"]


@pytest.mark.sphinx(
    "html", testroot="faq-hostile", srcdir="faq-hostile-de", confoverrides={"language": "de"}
)
def test_translated_questions_are_checked(app: SphinxTestApp) -> None:
    result = built(app)
    assert sorted(faq_warnings(result)) == expected(result, WARNINGS + TRANSLATED)
    for page, anchor in [("index.html", "translated"), ("myst.html", "translated-myst")]:
        soup = check_html_page(result.outdir / page, xml=False)
        summary = one(soup, f"#{anchor}")
        assert summary.get_text().startswith("Übersetzt <script>alert(1)</script> mit")
        assert summary.find("a") is None


@pytest.mark.sphinx(
    "html", testroot="faq-rst", srcdir="faq-permalink-de", confoverrides={"language": "de"}
)
def test_permalink_title_is_translatable(app: SphinxTestApp) -> None:
    catalog = Catalog(locale="de")
    catalog.add("Link to this question", "Link zu dieser Frage")
    mo = app.srcdir / "locale" / "de" / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
    mo.parent.mkdir(parents=True)
    with mo.open("wb") as file:
        write_mo(file, catalog)
    # as a translation shipped in the package's locale folder would be loaded
    locale.init([app.srcdir / "locale"], "de", MESSAGE_CATALOG)
    soup = built(app).page("index.html")
    titles = {link["title"] for link in soup.select("a.sa-faq-permalink")}
    assert titles == {"Link zu dieser Frage"}


def test_pot_lists_every_translatable_string() -> None:
    extracted = {message for _, _, message, *_ in extract_from_dir(PACKAGE)}
    with (PACKAGE / "locale" / f"{MESSAGE_CATALOG}.pot").open("rb") as file:
        stored = {message.id for message in read_po(file) if message.id}
    assert extracted == stored
    assert "Link to this question" in stored


def test_json_ld_escapes_what_html_and_xml_cannot_hold() -> None:
    document = new_document("<test>")
    answer_text = "Lone \ud800, \x01, \ufffe, \U0001fffe, </script> & \U0001f642."
    document += alliance_faq_entry(
        "",
        alliance_faq_question("", "Q?"),
        alliance_faq_answer("", nodes.paragraph("", answer_text), shown_text=answer_text),
    )
    script = faq_json_ld(document)
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>\n")
    assert re.fullmatch(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\U0001fffe<>&]*", body)
    assert json.loads(body)["mainEntity"][0]["acceptedAnswer"]["text"] == answer_text
