"""The ``faq`` directive: doctree, HTML contract, JSON-LD, refs, other builders, bad input."""

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from support import faq_anchor, faq_entry, rewrite

from sphinx_alliance.faq import alliance_faq_answer, alliance_faq_entry, alliance_faq_question

SUFFIX = {"myst": ".md", "rst": ".rst"}

ANCHORS = ["what-is-the-bytecode-alliance", "how-do-i-join", "is-it-open", "hostile"]
ANCHORS += ["nesting", "inner"]
HOSTILE = "Does </script><script>alert(1)</script> break \u201cthings\u201d & <stuff>?"
QUESTIONS = ["What is the Bytecode Alliance?", "How do I join?", "Is it open?", HOSTILE]
QUESTIONS += ["Can entries nest?", "Inner question?"]


def build_once(srcdir: Path, builddir: Path, **kwargs) -> SphinxTestApp:
    """Build *srcdir* with HTML for a module-scoped fixture (``make_app`` serves one test).

    The root is read where it is, not copied: the build writes only to *builddir*.
    """
    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=builddir, status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    """The page's one FAQPage, checked to come after the entries and to be inert."""
    (script,) = soup.find_all("script", type="application/ld+json")
    assert script.find_parent("body") is not None
    assert script.find_previous("div", class_="sa-faq") is not None
    assert script.find_next("div", class_="sa-faq") is None
    assert not set("<>&") & set(script.string)
    return json.loads(script.string)


def questions_of(data: dict) -> list[str]:
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    return [item["name"] for item in data["mainEntity"]]


def warnings(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def each_root(buildername: str) -> list:
    """The MyST and the rST root as parameters, each built by *buildername* in its own copy."""
    return [
        pytest.param(
            root,
            marks=pytest.mark.sphinx(buildername, testroot=root, srcdir=f"{root}-{buildername}"),
        )
        for root in ["faq-myst", "faq-rst"]
    ]


@pytest.fixture(scope="module", params=["myst", "rst"])
def html_app(
    request: pytest.FixtureRequest, rootdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    """The MyST and the rST root, each built once with HTML."""
    srcdir = rootdir / f"test-faq-{request.param}"
    return build_once(srcdir, tmp_path_factory.mktemp("html"), confoverrides={"nitpicky": True})


def test_builds_without_warnings(html_app: SphinxTestApp) -> None:
    assert html_app.warning.getvalue() == ""


def test_doctree(html_app: SphinxTestApp) -> None:
    doctree = html_app.env.get_doctree("index")
    entries = list(doctree.findall(alliance_faq_entry))
    assert [entry["ids"][0] for entry in entries] == ANCHORS
    for entry in entries:
        question, answer = entry.children
        assert isinstance(question, alliance_faq_question)
        assert isinstance(answer, alliance_faq_answer)
        assert question.source.endswith(("index.md", "index.rst"))
        assert question.line == entry.line
    first = entries[0]
    assert first["names"] == ["what-is-the-bytecode-alliance"]
    assert first[0].rawsource == "What is the *Bytecode* Alliance?"
    assert isinstance(first[0][1], nodes.emphasis)
    assert entries[1]["names"] == []  # no :name:, an anchor from the question
    assert entries[2]["open"]
    assert entries[2]["classes"] == ["featured", "extra"]
    assert entries[2]["ids"] == ["is-it-open", "joining-label"]
    assert entries[5].parent.parent is entries[4]  # nested in the answer


def test_html_contract(html_app: SphinxTestApp) -> None:
    soup = page(html_app, "index.html")
    entries = soup.select("div.sa-faq")
    assert [faq_anchor(entry) for entry in entries] == ANCHORS
    for entry, question in zip(entries, QUESTIONS, strict=True):
        assert not entry.has_attr("id")  # the anchor is the question's
        details, permalink = entry.find_all(recursive=False)
        assert details.name == "details"
        assert details["class"] == ["sa-faq-details"]
        summary, answer = details.find_all(recursive=False)
        assert summary.name == "summary"
        assert summary["class"] == ["sa-faq-question"]
        assert summary.get_text() == question
        assert summary.find("a") is None  # nothing interactive in the summary
        assert answer.name == "div"
        assert answer["class"] == ["sa-faq-answer"]
        assert permalink.name == "a"
        assert permalink["class"] == ["headerlink", "sa-faq-permalink"]
        assert permalink["href"] == f"#{summary['id']}"
        assert permalink["title"] == "Link to this question"
        assert permalink.get_text() == "\u00b6"
    first, joining, open_one = entries[0], entries[1], entries[2]
    assert first["class"] == ["sa-faq"]
    assert first.summary.em.get_text() == "Bytecode"
    assert "zebra" in first.select_one(".sa-faq-answer").get_text()
    assert joining.select_one(".sa-faq-answer a")["href"] == "https://example.org/join"
    # the extra id of the (label) target: an empty span, first in the question
    assert open_one["class"] == ["sa-faq", "featured", "extra"]
    span, heading = open_one.summary.find_all(recursive=False)
    assert span.name == "span"
    assert span.attrs == {"id": "joining-label"}
    assert span.contents == []
    assert heading.get_text() == "Is it open?"
    assert faq_entry(soup, "joining-label") is open_one
    assert open_one.details.has_attr("open")
    assert [entry for entry in entries if entry.details.has_attr("open")] == [open_one]
    # code, admonitions and entries inside answers
    hostile = faq_entry(soup, "hostile")
    assert hostile.select_one(".sa-faq-answer .admonition.note")
    assert "print" in hostile.select_one(".sa-faq-answer pre").get_text()
    assert faq_entry(soup, "inner").find_parent("div", class_="sa-faq-answer").find_parent(
        "div", class_="sa-faq"
    ) is faq_entry(soup, "nesting")


def test_questions_are_headings_for_indexers(html_app: SphinxTestApp) -> None:
    """What Read the Docs' indexer (``GenericParser``) needs to make each question a section.

    It makes a section of every h1 to h6, titled with its text, with the id of the heading
    or else of its parent, and ends the content of the section before at the next heading
    among the following elements (see ``benchmarks/rtd_sections.py``).
    """
    soup = page(html_app, "index.html")
    for entry, question, anchor in zip(soup.select("div.sa-faq"), QUESTIONS, ANCHORS, strict=True):
        heading = entry.find(re.compile(r"^h[1-6]$"))
        assert heading.parent is entry.details.summary
        assert heading["class"] == ["sa-faq-heading"]
        assert not heading.has_attr("id")  # the parent's id is the section's
        assert heading.parent["id"] == anchor
        assert heading.get_text() == question
        # one level below the enclosing section's title, one more inside an answer
        level = 3 if anchor == "inner" else 2
        assert heading.name == f"h{level}", anchor
    # every heading of the main content, which the indexer reads, has an id to link to
    main = soup.select_one("[role=main]")
    for heading in main.find_all(re.compile(r"^h[1-6]$")):
        assert heading.get("id") or heading.parent.get("id"), heading


def test_json_ld(html_app: SphinxTestApp) -> None:
    soup = page(html_app, "index.html")
    data = json_ld(soup)
    assert questions_of(data) == QUESTIONS
    answers = [item["acceptedAnswer"] for item in data["mainEntity"]]
    assert all(answer["@type"] == "Answer" for answer in answers)
    assert answers[0]["text"] == "A nonprofit organization with the word zebra in its answer."
    assert "Nested note with </script> and café, 日本語 text." in answers[3]["text"]
    assert 'print("code in an answer")' in answers[3]["text"]
    assert answers[4]["text"] == "Inner question?\n\nInner answer."
    # the hostile text stayed data: no script runs it
    scripts = [s for s in soup.find_all("script") if "alert" in (s.string or "")]
    assert [s["type"] for s in scripts] == ["application/ld+json"]
    assert questions_of(json_ld(page(html_app, "other.html"))) == ["Where do links go?"]


def test_ref_shows_the_question(html_app: SphinxTestApp) -> None:
    links = page(html_app, "other.html").select("p a.reference.internal")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("index.html#what-is-the-bytecode-alliance", "What is the Bytecode Alliance?"),
        ("index.html#is-it-open", "Is it open?"),
        ("index.html#joining-label", "Is it open?"),
    ]


def test_assets_only_where_used(html_app: SphinxTestApp) -> None:
    def assets(name: str) -> tuple[list[str], list]:
        soup = page(html_app, name)
        css = [link["href"].split("?")[0] for link in soup.find_all("link", rel="stylesheet")]
        js = [s for s in soup.find_all("script", src=True) if "sphinx-alliance-faq" in s["src"]]
        return css, js

    css, (js,) = assets("index.html")
    assert "_static/sphinx-alliance-faq.css" in css
    assert js.has_attr("defer")
    css, js = assets("genindex.html")
    assert "_static/sphinx-alliance-faq.css" not in css
    assert js == []
    for name in ["sphinx-alliance-faq.css", "sphinx-alliance-faq.js"]:
        assert (html_app.outdir / "_static" / name).stat().st_size < 4096


def test_search_index_has_answers(html_app: SphinxTestApp) -> None:
    text = (html_app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index_doc = index["docnames"].index("index")
    for word in ["zebra", "nonprofit"]:  # answer words
        docs = index["terms"][word]
        assert index_doc in (docs if isinstance(docs, list) else [docs])


@pytest.mark.parametrize("root", each_root("text"))
def test_text_builder(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("**What is the *Bytecode* Alliance?**")
    assert lines[first + 2] == "A nonprofit organization with the word *zebra* in its answer."
    assert "**Inner question?**" in lines
    assert "Nested note with </script> and café, 日本語 text." in text
    assert 'print("code in an answer")' in text
    assert lines[lines.index("**Is it open?**") + 2] == "Yes, it is open."


@pytest.mark.parametrize("root", each_root("latex"))
def test_latex_builder(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    (tex,) = (path for path in app.outdir.glob("*.tex") if not path.name.startswith("sphinx"))
    text = tex.read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{What is the \sphinxstyleemphasis{Bytecode} Alliance?}" in text
    assert r"the word \sphinxstyleemphasis{zebra} in its answer" in text
    for anchor in ["what-is-the-bytecode-alliance", "is-it-open", "joining-label", "inner"]:
        assert rf"\label{{\detokenize{{index:{anchor}}}}}" in text
    ref = r"\hyperref[\detokenize{index:is-it-open}]{\sphinxcrossref{\DUrole{std}"
    assert ref + r"{\DUrole{std-ref}{Is it open?}}}}" in text


@pytest.mark.sphinx(testroot="faq-rst")
@pytest.mark.parametrize(
    "buildername",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, srcdir=f"faq-rst-{name}"))
        for name in ["man", "texinfo", "xml"]
    ],
)
def test_other_builders_keep_the_content(app: SphinxTestApp, buildername: str) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in app.outdir.rglob("*") if path.is_file()
    )
    for word in ["Bytecode", "Inner question?", "Yes, it is open.", "zebra", "Inner answer."]:
        assert word in text


@pytest.mark.parametrize("root", each_root("gettext"))
def test_gettext_extracts_questions_and_answers(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    msgids = re.findall(r'^msgid "(.*)"$', (app.outdir / "index.pot").read_text(), re.M)
    for msgid in [
        "What is the *Bytecode* Alliance?",
        "A nonprofit organization with the word *zebra* in its answer.",
        "Inner question?",
        "Inner answer.",
    ]:
        assert msgid in msgids


@pytest.mark.sphinx(
    "html",
    testroot="faq-rst",
    srcdir="faq-rst-de",
    confoverrides={"language": "de", "locale_dirs": ["locale"]},
)
def test_translated_questions(app: SphinxTestApp) -> None:
    po = app.srcdir / "locale" / "de" / "LC_MESSAGES" / "index.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Is it open?"\nmsgstr "Ist es *offen*?"\n\n'
        'msgid "Yes, it is open."\nmsgstr "Ja, es ist offen."\n',
        encoding="utf-8",
    )
    app.build()
    assert app.warning.getvalue() == ""
    entry = faq_entry(page(app, "index.html"), "is-it-open")
    assert entry.summary.get_text() == "Ist es offen?"
    assert entry.summary.em.get_text() == "offen"
    assert entry.select_one(".sa-faq-answer").get_text(strip=True) == "Ja, es ist offen."
    assert "Ist es offen?" in questions_of(json_ld(page(app, "index.html")))
    links = page(app, "other.html").select("p a.reference.internal")
    assert [a.get_text() for a in links][1:] == ["Ist es offen?", "Ist es offen?"]
    # the search index lists the question as translated
    text = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    names = {obj[4] for objects in index["objects"].values() for obj in objects}
    assert "Ist es offen?" in names
    assert "Is it open?" not in names


@pytest.mark.sphinx(testroot="faq-myst", confoverrides={"version": "1", "copyright": "2026"})
@pytest.mark.parametrize(
    "buildername",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, srcdir=f"faq-myst-{name}"))
        for name in ["singlehtml", "dirhtml", "epub"]
    ],
)
def test_html_builders(app: SphinxTestApp, buildername: str) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    if buildername == "singlehtml":
        soup = page(app, "index.html")
        assert questions_of(json_ld(soup)) == [
            "Where do links go?",
            *QUESTIONS,
        ]  # the toctree first
        link = soup.find("a", string="Is it open?")
        # Sphinx 9.0 writes "#document-index#is-it-open", for sections too
        assert link["href"].endswith("#is-it-open")
        assert faq_entry(soup, "is-it-open")["class"] == ["sa-faq", "featured", "extra"]
    else:
        index = "index.html" if buildername == "dirhtml" else "index.xhtml"
        soup = page(app, index)
        assert [faq_anchor(entry) for entry in soup.select("div.sa-faq")] == ANCHORS
        assert questions_of(json_ld(soup)) == QUESTIONS


@pytest.mark.sphinx(
    "html",
    testroot="faq-rst",
    srcdir="faq-rst-numfig",
    confoverrides={
        "nitpicky": True,
        "numfig": True,
        "alliance_faq_json_ld": False,
        "html_permalinks": False,
    },
)
def test_numfig_no_json_ld_no_permalinks(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = page(app, "index.html")
    assert soup.find("script", type="application/ld+json") is None
    assert len(soup.select("div.sa-faq > details")) == len(ANCHORS)
    assert soup.select(".headerlink") == []
    links = page(app, "other.html").select("p a.reference.internal")
    assert [a.get_text() for a in links] == QUESTIONS[:1] + ["Is it open?"] * 2


BAD_INPUT = [
    (
        ":::{faq}\n",
        ".. faq::\n",
        "faq entry without a question: give the question as the argument",
    ),
    (
        "Where is the answer?",
        "Where is the answer?",
        "faq entry 'Where is the answer?' has no answer",
    ),
    (
        "Second?",
        "Second?",
        "faq :name: 'dup' is already used on this page (line {First?}); "
        "this entry's anchor is 'second'",
    ),
    (
        "Same as the section?",
        "Same as the section?",
        "faq anchor 'intro' is also used by section 'Intro' (line {Intro|title}); "
        "give the entry a unique :name:",
    ),
    (
        "Same as a later section?",
        "Same as a later section?",
        "faq anchor 'later' is also used by section 'Later' (line {Later|title}); "
        "give the entry a unique :name:",
    ),
    (
        "Bad name?",
        "Bad name?",
        "faq :name: '???' is not usable as an id; "
        "the anchor is 'bad-name', made from the question",
    ),
    (
        "Capitals?",
        "Capitals?",
        "faq :name: 'Capital_Name' is not usable as an id; the anchor is 'capital-name'",
    ),
    ("Typo?", "Typo?", "faq: unknown option 'nmae' ignored (known: class, name, open)"),
    ("Open with a value?", "Open with a value?", "faq :open: takes no value; 'false' ignored"),
    (
        "Open with a value?",
        "Open with a value?",
        "faq :class: '???' ignored: cannot make \"???\" into a class name",
    ),
    (
        "How do I join?\n\nTwice",
        "How do I join?\n\n   Twice",
        "faq anchor 'how-do-i-join' is also used by faq 'How do I join?' (line {How do I join?}); "
        "give the entry a unique :name:",
    ),
]


def line_of(source: str, text: str) -> int:
    """The 1-based line where *text* starts (the first line holding it)."""
    return source[: source.index(text)].count("\n") + 1


@pytest.fixture(scope="module", params=["myst", "rst"])
def bad_app(
    request: pytest.FixtureRequest, rootdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[SphinxTestApp, str]:
    srcdir = rootdir / f"test-faq-bad-{request.param}"
    return build_once(srcdir, tmp_path_factory.mktemp("bad")), request.param


def test_bad_input_warns_with_file_and_line(bad_app: tuple[SphinxTestApp, str]) -> None:
    app, syntax = bad_app
    path = app.srcdir / f"index{SUFFIX[syntax]}"
    source = path.read_text(encoding="utf-8")
    expected = []
    for myst, rst, message in BAD_INPUT:
        line = line_of(source, myst if syntax == "myst" else rst)
        # "{text}" in a message: the line of that text; docutils gives an rST
        # title the line of its underline
        message = re.sub(
            r"\{([^}|]+)(\|title)?\}",
            lambda m: str(line_of(source, m[1]) + bool(m[2] and syntax == "rst")),
            message,
        )
        expected.append(f"{path}:{line}: WARNING: {message} [alliance.faq]")
    # one warning each, nothing else (no docutils duplicate-name or MyST option noise)
    assert sorted(warnings(app)) == sorted(expected)


def test_bad_input_keeps_every_entry(bad_app: tuple[SphinxTestApp, str]) -> None:
    app, _ = bad_app
    soup = page(app, "index.html")
    entries = soup.select("div.sa-faq")
    answers = [entry.select_one(".sa-faq-answer").get_text(strip=True) for entry in entries]
    assert answers == [
        "An answer without a question.",
        "",
        "First.",
        "Second.",
        "Clash with the heading above.",
        "Clash with the heading below.",
        "Bad.",
        "Capital.",
        "Typo option.",
        "Once.",
        "Twice.",
        "Values.",
    ]
    # a bad option value is dropped, the rest of the entry kept, in MyST and rST alike
    assert entries[-1]["class"] == ["sa-faq"]
    assert not entries[-1].details.has_attr("open")
    assert entries[8].summary.get_text() == "Typo?"
    ids = [faq_anchor(entry) for entry in entries]
    assert len(set(ids)) == len(ids)
    assert ids[2:4] == ["dup", "second"]
    assert ids[6:8] == ["bad-name", "capital-name"]
    all_ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(set(all_ids)) == len(all_ids)  # collisions never yield duplicate ids
    # entries without a question or an answer are left out of the structured data
    assert len(json_ld(soup)["mainEntity"]) == len(entries) - 2


def test_unsafe_links_in_a_question_are_text(make_app, tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_alliance"]\n')
    (tmp_path / "index.rst").write_text(
        "Links\n=====\n\n"
        ".. faq:: Run `this <javascript:alert(1)>`_ or `read <https://example.org/>`_?\n\n"
        "   No.\n"
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert warnings(app) == [
        f"{tmp_path / 'index.rst'}:4: WARNING: faq question: link 'javascript:alert(1)' "
        "is not http, https or relative; shown as text [alliance.faq]"
    ]
    summary = page(app, "index.html").select_one("summary.sa-faq-question")
    assert summary.get_text() == "Run this or read?"
    assert [a["href"] for a in summary.find_all("a")] == ["https://example.org/"]


@pytest.mark.sphinx(
    "html",
    testroot="faq-bad-rst",
    srcdir="faq-bad-rst-suppressed",
    confoverrides={"suppress_warnings": ["alliance.faq"]},
)
def test_warnings_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


def ref_links(app: SphinxTestApp) -> list[tuple[str, str]]:
    links = page(app, "other.html").select("p a.reference.internal")
    return [(a["href"], a.get_text()) for a in links]


@pytest.mark.sphinx("html", testroot="faq-myst")
@pytest.mark.parametrize(
    "parallel",
    [
        pytest.param(n, marks=pytest.mark.sphinx(parallel=n, srcdir=f"faq-incremental-{n}"))
        for n in [0, 2]
    ],
)
def test_incremental_build(make_app, app_params, rootdir: Path, parallel: int) -> None:
    def build() -> SphinxTestApp:
        """A new app on the same folders: it rebuilds what changed."""
        app = make_app(*app_params.args, **app_params.kwargs)
        app.build()
        app.cleanup()  # before the next app registers the same node classes
        return app

    srcdir = app_params.kwargs["srcdir"]
    index = srcdir / "index.md"
    build()

    rewrite(index, "Is it open?", "Is it free?")
    app = build()
    assert app.warning.getvalue() == ""
    assert "Is it free?" in questions_of(json_ld(page(app, "index.html")))
    assert ref_links(app)[1:] == [
        ("index.html#is-it-open", "Is it free?"),
        ("index.html#joining-label", "Is it free?"),
    ]

    start = index.read_text(encoding="utf-8").index("(joining-label)=")
    end = index.read_text(encoding="utf-8").index("::::{faq} Does")
    rewrite(index, index.read_text(encoding="utf-8")[start:end], "")
    app = build()
    assert warnings(app) == [
        f"{srcdir / 'other.md'}:3: WARNING: undefined label: {label!r} [ref.ref]"
        for label in ["is-it-open", "joining-label"]
    ]
    soup = page(app, "index.html")
    assert soup.find(id="is-it-open") is None
    assert soup.find(id="joining-label") is None
    assert "Is it free?" not in questions_of(json_ld(soup))
    assert ref_links(app) == [
        ("index.html#what-is-the-bytecode-alliance", "What is the Bytecode Alliance?")
    ]

    # the entry comes back: so do the links to it
    shutil.copy(rootdir / "test-faq-myst" / "index.md", index)
    rewrite(index, "Is it open?", "Is it open?")
    app = build()
    assert app.warning.getvalue() == ""
    assert ref_links(app)[1:] == [
        ("index.html#is-it-open", "Is it open?"),
        ("index.html#joining-label", "Is it open?"),
    ]


@pytest.mark.sphinx("html", testroot="faq-myst", srcdir="faq-myst-serial")
def test_parallel_build_equals_serial(app: SphinxTestApp, make_app, tmp_path: Path) -> None:
    def entries(app: SphinxTestApp) -> list[str]:
        return [
            str(tag)
            for name in ["index.html", "other.html"]
            for tag in page(app, name).select(
                "div.sa-faq, script[type='application/ld+json'], p:has(a)"
            )
        ]

    serial = app
    serial.build()
    serial.cleanup()  # before the next app registers the same node classes
    # the same sources, built into a folder of its own
    parallel = make_app("html", srcdir=serial.srcdir, builddir=tmp_path, parallel=2)
    parallel.build()
    assert parallel.warning.getvalue() == ""
    assert entries(parallel) == entries(serial)
    assert len(entries(serial)) > len(ANCHORS)
    assert parallel.env.domaindata["alliance"] == serial.env.domaindata["alliance"]
    entries = parallel.env.get_domain("alliance").entries
    assert {docname: set(labels) for docname, labels in entries.items()} == {
        "index": {"what-is-the-bytecode-alliance", "is-it-open", "joining-label", "hostile"}
        | {"nesting", "inner"},
        "other": {"where-links-go"},
    }
