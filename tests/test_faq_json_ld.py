"""The FAQPage JSON-LD holds what a reader sees, in every output encoding.

``roots/test-faq-json-ld`` puts into answers what the doctree holds and HTML does not show
(comments, a substitution definition, raw text for LaTeX, an ``only`` block for LaTeX, a
``todo`` left out, a ``hidden`` element, targets, a permalink mark) and characters that ASCII
and Latin-1 cannot write.
"""

import json

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from support import built, one, shown_text_of

from sphinx_alliance.faq import shown_text

ANSWERS = {
    "index": [
        "Only the answer: qu\u00e9, \u65e5\u672c\u8a9e, \U0001f642.",
        "The replaced text is shown.",
        "Shown.\n\nRaw HTML shown",
        "An inline target is shown.",
        'The caption\n\nprint("code")',
    ],
    "myst": ["Shown, qu\u00e9 \U0001f642.\n\nAlso shown."],
}
ENCODINGS = ["utf-8", "ascii", "latin-1"]


def check_json_ld_as_shown(pages: dict[str, BeautifulSoup]) -> None:
    for name, soup in pages.items():
        (script,) = soup.find_all("script", type="application/ld+json")
        # a character reference is not decoded inside <script>
        text = script.get_text()
        assert "&" not in text, name
        data = json.loads(text)
        entries = soup.select("div.sa-faq")
        answers = [item["acceptedAnswer"]["text"] for item in data["mainEntity"]]
        assert answers == ANSWERS[name]
        assert "HIDDEN" not in text
        shown = [shown_text_of(one(entry, ".sa-faq-answer")) for entry in entries]
        assert [" ".join(answer.split()) for answer in answers] == shown
        questions = [" ".join(item["name"].split()) for item in data["mainEntity"]]
        assert questions == [
            shown_text_of(one(entry, ":scope > details > summary")) for entry in entries
        ]


def sphinx_marks(builder: str, encoding: str) -> pytest.MarkDecorator:
    return pytest.mark.sphinx(
        builder,
        testroot="faq-json-ld",
        srcdir=f"faq-json-ld-{builder}-{encoding}",
        confoverrides={"html_output_encoding": encoding},
    )


@pytest.mark.parametrize(
    ("builder", "encoding"),
    [
        pytest.param(builder, encoding, marks=sphinx_marks(builder, encoding))
        for builder in ["html", "epub"]
        for encoding in ENCODINGS
    ],
)
def test_json_ld_is_the_shown_text(app: SphinxTestApp, builder: str, encoding: str) -> None:
    result = built(app)
    assert result.warning_text == ""
    suffix = ".xhtml" if builder == "epub" else ".html"
    pages = {
        name: BeautifulSoup(
            (result.outdir / (name + suffix)).read_bytes().decode(encoding), "html.parser"
        )
        for name in ANSWERS
    }
    check_json_ld_as_shown(pages)


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<p> a <em> b</em>\nc </p>", "a b c"),  # white space collapsed across elements
        ("<p>a</p>\n<ul><li><p>b</p></li></ul>", "a\n\nb"),
        ("<p>a<br /> b<br>c</p>", "a\nb\nc"),
        ("<pre>  x  y\n  z\n</pre>", "  x  y\n  z"),  # kept as it is
        ("a &amp; &#233;", "a & \u00e9"),
        ("<div hidden>a<div>b</div>c</div>d<!-- e -->", "d"),  # to the hiding element's end
        ('<img hidden src="x.png" alt="a">b<script>"</div>"</script><style>c</style>', "b"),
        ('<span>a</span><a class="headerlink" href="#a">\u00b6</a>', "a"),
        ("<template><p>a</p></template><p>b</p>", "b"),
    ],
)
def test_shown_text(html: str, shown: str) -> None:
    assert shown_text(html) == shown
