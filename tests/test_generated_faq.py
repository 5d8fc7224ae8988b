"""Generated ``faq`` input, built in batches: no traceback, no hang, no live markup, nothing lost.

One Hypothesis example is one Sphinx project: an rST and a MyST page of ``ENTRIES`` entries
each, their questions and options combined from drawn fragments (hostile payloads, arbitrary
text with control characters, markup soup), built in-process, so that an exception fails the
test, once per builder of ``BUILDERS``. The properties, for every builder:

- no exception and no "Exception occurred"; each build ends within ``HANG`` seconds;
- HTML pages parse, with one ``div.sa-faq`` per entry and JSON-LD that parses and holds the
  questions and answers as shown (answers mix visible blocks with comments, substitution
  definitions, targets and content for other formats; the HTML is written in a drawn
  ``html_output_encoding``: UTF-8, ASCII or Latin-1); epub pages parse as XML;
- no ``<script>``, ``on*`` attribute or non-http(s) link or image inside an entry;
- every entry is rendered (its answer's token is in the output), and every entry whose
  question holds an unsafe link, image or character gets a warning at its line.
"""

import json
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from support import build, one, shown_text_of

ENTRIES = 100  # per page, so one example holds 200 entries
BUILDERS = ["html", "epub", "text", "latex", "gettext"]
HANG = 120  # seconds: a build this slow is a hang, not a slow build
BUILT: dict[str, int] = {"examples": 0, "instances": 0}

CONF = """\
extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "substitution"]
myst_substitutions = {"bold": '<b onmouseover="alert(1)">bold</b>', "plain": "substituted"}
version = "1"
copyright = "2026"
html_output_encoding = "{encoding}"
"""
ENCODINGS = ["utf-8", "ascii", "latin-1"]
RST_HEAD = """\
Generated rST
=============

.. role:: html(raw)
   :format: html
.. role:: latex(raw)
   :format: latex

.. |raw| raw:: html

   <b onmouseover="alert(1)">raw</b>

.. |img| image:: javascript:alert(1)
.. |data| image:: data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSkvPg==
.. |link| replace:: `link <javascript:alert(2)>`__
.. |lone| unicode:: U+D800
.. |pair| unicode:: U+1F642
.. |control| unicode:: U+0001 U+FFFE U+009F

.. _evil: javascript:alert(3)

"""
MYST_HEAD = "# Generated MyST\n\n"

# (source, warned): payloads that reach a question intact when spaces surround them; warned
# ones must give a faq warning at the entry's line.
RST_PAYLOADS = [
    ('<script>alert("x")</script>', False),
    ("<img src=x onerror=alert(1)>", False),
    (':html:`<i onclick="alert(1)">role</i>`', False),
    (r":latex:`\input{/etc/passwd}`", False),
    ("|raw|", False),
    ("|pair|", False),
    ("`http <https://example.org/>`__", False),
    ("`x <javascript:alert(1)>`__", True),
    ("`v6 <http://[::1>`__", True),
    ("`mail <mailto:me@example.org>`__", True),
    ("`evil`_", True),
    ("|img|", True),
    ("|data|", True),
    ("|link|", True),
    ("|lone|", True),
    ("|control|", True),
]
MYST_PAYLOADS = [
    ('<script>alert("x")</script>', False),
    ('<b onmouseover="alert(1)">b</b>', False),
    ("{{ bold }}", False),
    ("[x](javascript:alert(1))", False),  # markdown-it refuses the link itself
    ("&#xD800; &#0;", False),  # markdown-it writes U+FFFD
    ("[ok](https://example.org/){.cls}", False),
    ("[mail](mailto:me@example.org){.cls}", True),
    ("![png](data:image/png;base64,AAAA)", True),
    # markdown-it normalizes this to the http link "http://:1%5B:" (as in any paragraph),
    # which a browser refuses as a URL: nothing to warn about
    ("[v6](http://[::1)", False),
]
# Markup characters of rST and MyST: arbitrary text leaves them out so that payloads stay
# intact; markup soup is made of them, and makes its entry's warnings unpredictable.
MARKUP = "*`_|\\[]<>{}:&!#~$=^+-.'\"()@/%"
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters=MARKUP + LINE_BREAKS),
    max_size=12,
)
SOUP = st.text(st.sampled_from(MARKUP + "ab "), min_size=1, max_size=12)

# Blocks of an answer: "{id}" is unique in the project, "hidden{id}" is never shown (and
# longer than TEXT). Controls and noncharacters are left out of answer text: a browser shows
# their character references in an ASCII or Latin-1 page as other characters (U+0080 as €).
ANSWER_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn"), exclude_characters=MARKUP + LINE_BREAKS),
    min_size=1,
    max_size=12,
)
RST_BLOCKS = [
    ".. note to editors: hidden{id}",
    ".. |s{id}| replace:: substituted\n\nWith |s{id}| text.",
    ".. |d{id}| replace:: hidden{id}",
    ".. raw:: latex\n\n   hidden{id}",
    ".. only:: latex\n\n   hidden{id}",
    "Inline :latex:`hidden{id}` raw and an _`inline target {id}`.",
    ".. _t{id}:\n\nA targeted paragraph.",
    '.. raw:: html\n\n   <b>raw</b><span hidden="hidden">hidden{id}</span>',
    ".. code-block:: text\n   :caption: Caption {id}\n\n   code {id}\n     indented",
    "- one\n- two\n\n  * nested",
    ".. note::\n\n   Noted {id}.",
]
MYST_BLOCKS = [
    "% hidden{id}",
    "<!-- hidden{id} -->",
    "With {{ plain }} text.",
    "```{raw} latex\nhidden{id}\n```",
    "```{only} latex\nhidden{id}\n```",
    "(t{id})=\nA targeted paragraph.",
    'Inline <b>raw</b><span hidden="hidden">hidden{id}</span> HTML.',
    "```{code-block} text\n:caption: Caption {id}\n\ncode {id}\n  indented\n```",
    "- one\n- two\n\n  * nested",
    "```{note}\nNoted {id}.\n```",
]


def answer_blocks(blocks: list[str]) -> st.SearchStrategy:
    """Blocks of an answer: markup from *blocks*, or a paragraph of text."""
    return st.one_of(st.sampled_from(blocks), ANSWER_TEXT)


def fragments(payloads: list[tuple[str, bool]]) -> st.SearchStrategy:
    """(text, warned, predictable) parts of a question."""
    return st.one_of(
        st.sampled_from([(text, warned, True) for text, warned in payloads]),
        TEXT.map(lambda text: (text, False, True)),
        SOUP.map(lambda text: (text, False, False)),
    )


OPTION_VALUES = st.one_of(TEXT, SOUP, st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True))
OPTIONS = st.dictionaries(
    st.sampled_from(["name", "open", "class", "nmae"]),
    st.one_of(st.just(""), OPTION_VALUES),
    max_size=3,
)


@dataclass
class Page:
    """One page of generated entries, and what its build must show."""

    name: str
    source: str
    tokens: list[str] = field(default_factory=list)
    warned_lines: set[int] = field(default_factory=set)


def entry_source(
    syntax: str, question: str, options: dict[str, str], answer: str, fence: str = ":::"
) -> str:
    if syntax == "rst":
        lines = [f".. faq:: {question}".rstrip()]
        lines += [f"   :{key}: {value}".rstrip() for key, value in options.items()]
        body = "\n".join(f"   {line}".rstrip() for line in answer.splitlines())
        return "\n".join([*lines, "", body, "", ""])
    lines = [f"{fence}{{faq}} {question}".rstrip()]
    lines += [f":{key}: {value}".rstrip() for key, value in options.items()]
    return "\n".join([*lines, "", answer, fence, "", ""])


def page(syntax: str, parts: list, options: list, blocks: list[str], seed: int) -> Page:
    """``ENTRIES`` entries combined from *parts*, *options* and *blocks* by a seeded random."""
    rng = random.Random(seed)
    name = "generated-" + syntax
    result = Page(name, RST_HEAD if syntax == "rst" else MYST_HEAD)
    for number in range(ENTRIES):
        chosen = rng.sample(parts, rng.randint(0, min(4, len(parts))))
        question = " ".join(text for text, _, _ in chosen)
        token = f"answer{syntax}{number:04d}x"
        line = result.source.count("\n") + 1
        more = rng.choices(blocks, k=rng.randint(0, 3))
        answer = "\n\n".join(
            [
                f"Answer {token}.",
                *(block.replace("{id}", f"{token}{n}") for n, block in enumerate(more)),
            ]
        )
        result.source += entry_source(syntax, question, rng.choice(options), answer)
        result.tokens.append(token)
        if all(predictable for _, _, predictable in chosen) and any(w for _, w, _ in chosen):
            result.warned_lines.add(line)
    return result


def check_entries_inert(soup: BeautifulSoup, where: str) -> None:
    for entry in soup.select("div.sa-faq"):
        assert entry.find(["script", "iframe", "object", "embed"]) is None, (where, entry)
        for tag in [entry, *entry.find_all(True)]:
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (where, tag)
            for attribute in ("href", "src"):
                value = tag.get(attribute)
                if isinstance(value, str):
                    assert not re.match(r"\s*[a-z][a-z0-9+.-]*:", value, re.I) or re.match(
                        r"https?:", value
                    ), (where, tag)


def check_html(app: SphinxTestApp, pages: list[Page], xml: bool) -> None:
    suffix = ".xhtml" if xml else ".html"
    encoding = app.config.html_output_encoding
    for generated in pages:
        text = (app.outdir / (generated.name + suffix)).read_bytes().decode(encoding)
        if xml:
            ET.fromstring(text)
        soup = BeautifulSoup(text, "html.parser")
        check_entries_inert(soup, generated.name)
        entries = soup.select("div.sa-faq")
        assert len(entries) == ENTRIES
        answers = [
            shown_text_of(one(entry, ":scope > details > .sa-faq-answer")) for entry in entries
        ]
        for answer, token in zip(answers, generated.tokens, strict=True):
            assert answer.startswith(f"Answer {token}."), (answer, token)
            assert "hidden" + token not in answer, answer  # or the property below is void
        scripts = soup.find_all("script", type="application/ld+json")
        assert len(scripts) <= 1  # none when no entry has both a question and an answer
        assert not any("&" in script.get_text() for script in scripts)  # <script> decodes none
        # as a reader sees them: runs of white space collapsed
        in_json_ld = [
            (" ".join(item["name"].split()), " ".join(item["acceptedAnswer"]["text"].split()))
            for script in scripts
            for item in json.loads(script.get_text())["mainEntity"]
        ]
        questions = [shown_text_of(one(entry, ":scope > details > summary")) for entry in entries]
        shown = zip(questions, answers, strict=True)
        assert in_json_ld == [(question, answer) for question, answer in shown if question]


def check_output(app: SphinxTestApp, pages: list[Page]) -> None:
    output = "\n".join(
        path.read_text(encoding="utf-8")
        for path in app.outdir.rglob("*")
        if path.suffix in {".txt", ".tex", ".pot"}
    )
    for generated in pages:
        missing = [token for token in generated.tokens if token not in output]
        assert not missing, (app.builder.name, missing)


def build_and_check(srcdir: Path, builder: str, pages: list[Page]) -> str:
    # The other builders share one environment; gettext's (with versioning) is its own.
    builddir = srcdir / ("_build-gettext" if builder == "gettext" else "_build")
    result = build(srcdir, builder, builddir=builddir, timeout=HANG)
    warnings = result.warning_text
    assert "Exception occurred" not in warnings
    assert "Traceback" not in warnings
    if builder in {"html", "epub"}:
        check_html(result.app, pages, xml=builder == "epub")
    else:
        check_output(result.app, pages)
    return warnings


@pytest.fixture(scope="module", autouse=True)
def report_instances(pytestconfig: pytest.Config) -> Iterator[None]:
    yield
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(
            f"\ntest_generated_faq: {BUILT['examples']} projects, {BUILT['instances']} faq "
            f"instances, each built with {len(BUILDERS)} builders; HTML output encodings: "
            + ", ".join(f"{BUILT.get(encoding, 0)} {encoding}" for encoding in ENCODINGS)
        )


@given(
    rst_parts=st.lists(fragments(RST_PAYLOADS), min_size=1, max_size=12),
    myst_parts=st.lists(fragments(MYST_PAYLOADS), min_size=1, max_size=12),
    options=st.lists(OPTIONS, min_size=1, max_size=8),
    rst_blocks=st.lists(answer_blocks(RST_BLOCKS), min_size=1, max_size=12),
    myst_blocks=st.lists(answer_blocks(MYST_BLOCKS), min_size=1, max_size=12),
    encoding=st.sampled_from(ENCODINGS),
    seed=st.integers(0, 2**32),
)
def test_generated_entries(
    rst_parts, myst_parts, options, rst_blocks, myst_blocks, encoding, seed, tmp_path_factory
) -> None:
    srcdir = tmp_path_factory.mktemp("generated-faq")
    (srcdir / "conf.py").write_text(CONF.replace("{encoding}", encoding))
    pages = [
        page("rst", rst_parts, options, rst_blocks, seed),
        page("myst", myst_parts, options, myst_blocks, seed),
    ]
    toctree = "".join(f"   {generated.name}\n" for generated in pages)
    (srcdir / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n{toctree}")
    for generated, suffix in zip(pages, [".rst", ".md"], strict=True):
        (srcdir / (generated.name + suffix)).write_text(generated.source, encoding="utf-8")
    warnings = "".join(build_and_check(srcdir, builder, pages) for builder in BUILDERS)
    for generated, suffix in zip(pages, [".rst", ".md"], strict=True):
        path = srcdir / (generated.name + suffix)
        warned = {
            int(line)
            for line in re.findall(
                rf"^{re.escape(str(path))}:(\d+): .*\[alliance\.faq\]$", warnings, re.M
            )
        }
        assert generated.warned_lines <= warned, generated.warned_lines - warned
    BUILT["examples"] += 1
    BUILT["instances"] += ENTRIES * len(pages)
    BUILT[encoding] = BUILT.get(encoding, 0) + 1
