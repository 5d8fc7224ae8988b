"""The ``faq`` directive: doctree, HTML contract, JSON-LD, refs, other builders, bad input."""

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from support import Build, attr, build, built, faq_anchor, faq_entry, one, rewrite

from sphinx_alliance.faq import alliance_faq_answer, alliance_faq_entry, alliance_faq_question

SUFFIX = {"myst": ".md", "rst": ".rst"}

ANCHORS = ["what-is-the-bytecode-alliance", "how-do-i-join", "is-it-open", "hostile"]
ANCHORS += ["nesting", "inner"]
HOSTILE = "Does </script><script>alert(1)</script> break \u201cthings\u201d & <stuff>?"
QUESTIONS = ["What is the Bytecode Alliance?", "How do I join?", "Is it open?", HOSTILE]
QUESTIONS += ["Can entries nest?", "Inner question?"]


def json_ld(soup: BeautifulSoup) -> dict:
    """The page's one FAQPage, checked to come after the entries and to be inert."""
    (script,) = soup.find_all("script", type="application/ld+json")
    assert script.find_parent("body") is not None
    assert script.find_previous("div", class_="sa-faq") is not None
    assert script.find_next("div", class_="sa-faq") is None
    text = script.string
    assert text is not None
    assert not set("<>&") & set(text)
    return json.loads(text)


def questions_of(data: dict) -> list[str]:
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    return [item["name"] for item in data["mainEntity"]]


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
def html(
    request: pytest.FixtureRequest, rootdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Build:
    """The MyST and the rST root, each built once with HTML."""
    srcdir = rootdir / f"test-faq-{request.param}"
    builddir = tmp_path_factory.mktemp("html")
    return build(srcdir, builddir=builddir, confoverrides={"nitpicky": True})


def test_builds_without_warnings(html: Build) -> None:
    assert html.warning_text == ""


def test_doctree(html: Build) -> None:
    doctree = html.doctree("index")
    entries = list(doctree.findall(alliance_faq_entry))
    assert [entry["ids"][0] for entry in entries] == ANCHORS
    entry_at = dict(zip(ANCHORS, entries, strict=True))
    for entry in entries:
        question, answer = entry.children
        assert isinstance(question, alliance_faq_question)
        assert isinstance(answer, alliance_faq_answer)
        assert str(question.source).endswith(("index.md", "index.rst"))
        assert question.line == entry.line
    first = entry_at["what-is-the-bytecode-alliance"]
    assert first["names"] == ["what-is-the-bytecode-alliance"]
    question = first[0]
    assert isinstance(question, alliance_faq_question)
    assert question.rawsource == "What is the *Bytecode* Alliance?"
    assert isinstance(question[1], nodes.emphasis)
    assert entry_at["how-do-i-join"]["names"] == []  # no :name:, an anchor from the question
    assert entry_at["is-it-open"]["open"]
    assert entry_at["is-it-open"]["classes"] == ["featured", "extra"]
    assert entry_at["is-it-open"]["ids"] == ["is-it-open", "joining-label"]
    inner = entry_at["inner"]
    assert inner.parent is not None
    assert isinstance(inner.parent, alliance_faq_answer)
    assert inner.parent.parent is entry_at["nesting"]  # nested in the answer


def test_html_contract(html: Build) -> None:
    soup = html.page("index.html")
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
    entry_at = dict(zip(ANCHORS, entries, strict=True))
    first, joining = entry_at["what-is-the-bytecode-alliance"], entry_at["how-do-i-join"]
    open_one = entry_at["is-it-open"]
    assert first["class"] == ["sa-faq"]
    assert one(first, ":scope > details > summary em").get_text() == "Bytecode"
    assert "zebra" in one(first, ".sa-faq-answer").get_text()
    assert one(joining, ".sa-faq-answer a")["href"] == "https://example.org/join"
    # the extra id of the (label) target: an empty span, first in the question
    assert open_one["class"] == ["sa-faq", "featured", "extra"]
    span, heading = one(open_one, ":scope > details > summary").find_all(recursive=False)
    assert span.name == "span"
    assert span.attrs == {"id": "joining-label"}
    assert span.contents == []
    assert heading.get_text() == "Is it open?"
    assert faq_entry(soup, "joining-label") is open_one
    assert [entry for entry in entries if one(entry, ":scope > details").has_attr("open")] == [
        open_one
    ]
    # code, admonitions and entries inside answers
    hostile = entry_at["hostile"]
    assert faq_entry(soup, "hostile") is hostile
    assert hostile.select(".sa-faq-answer .admonition.note")
    assert "print" in one(hostile, ".sa-faq-answer pre").get_text()
    inner = faq_entry(soup, "inner")
    assert inner is entry_at["inner"]
    outer = inner.find_parent("div", class_="sa-faq-answer")
    assert outer is not None
    assert outer.find_parent("div", class_="sa-faq") is entry_at["nesting"]


def test_questions_are_headings_for_indexers(html: Build) -> None:
    """What Read the Docs' indexer (``GenericParser``) needs to make each question a section.

    It makes a section of every h1 to h6, titled with its text, with the id of the heading
    or else of its parent, and ends the content of the section before at the next heading
    among the following elements (see ``benchmarks/rtd_sections.py``).
    """
    soup = html.page("index.html")
    for entry, question, anchor in zip(soup.select("div.sa-faq"), QUESTIONS, ANCHORS, strict=True):
        heading = entry.find(re.compile(r"^h[1-6]$"))
        assert isinstance(heading, Tag)
        assert heading.parent is one(entry, ":scope > details > summary")
        assert heading["class"] == ["sa-faq-heading"]
        assert not heading.has_attr("id")  # the parent's id is the section's
        assert heading.parent["id"] == anchor
        assert heading.get_text() == question
        # one level below the enclosing section's title, one more inside an answer
        level = 3 if anchor == "inner" else 2
        assert heading.name == f"h{level}", anchor
    # every heading of the main content, which the indexer reads, has an id to link to
    main = one(soup, "[role=main]")
    for heading in main.find_all(re.compile(r"^h[1-6]$")):
        assert heading.get("id") or (heading.parent and heading.parent.get("id")), heading


def test_json_ld(html: Build) -> None:
    soup = html.page("index.html")
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
    assert questions_of(json_ld(html.page("other.html"))) == ["Where do links go?"]


def test_ref_shows_the_question(html: Build) -> None:
    links = html.page("other.html").select("p a.reference.internal")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("index.html#what-is-the-bytecode-alliance", "What is the Bytecode Alliance?"),
        ("index.html#is-it-open", "Is it open?"),
        ("index.html#joining-label", "Is it open?"),
    ]


def test_assets_only_where_used(html: Build) -> None:
    def assets(name: str) -> tuple[list[str], list]:
        soup = html.page(name)
        css = [attr(link, "href").split("?")[0] for link in soup.select("link[rel~=stylesheet]")]
        js = [s for s in soup.select("script[src]") if "sphinx-alliance-faq" in attr(s, "src")]
        return css, js

    css, (js,) = assets("index.html")
    assert "_static/sphinx-alliance-faq.css" in css
    assert js.has_attr("defer")
    css, js = assets("genindex.html")
    assert "_static/sphinx-alliance-faq.css" not in css
    assert js == []
    for name in ["sphinx-alliance-faq.css", "sphinx-alliance-faq.js"]:
        assert (html.outdir / "_static" / name).stat().st_size < 4096


def test_search_index_has_answers(html: Build) -> None:
    text = (html.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index_doc = index["docnames"].index("index")
    for word in ["zebra", "nonprofit"]:  # answer words
        docs = index["terms"][word]
        assert index_doc in (docs if isinstance(docs, list) else [docs])


@pytest.mark.parametrize("root", each_root("text"))
def test_text_builder(app: SphinxTestApp, root: str) -> None:
    result = built(app)
    assert result.warning_text == ""
    text = (result.outdir / "index.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("**What is the *Bytecode* Alliance?**")
    assert lines[first + 2] == "A nonprofit organization with the word *zebra* in its answer."
    assert "**Inner question?**" in lines
    assert "Nested note with </script> and café, 日本語 text." in text
    assert 'print("code in an answer")' in text
    assert lines[lines.index("**Is it open?**") + 2] == "Yes, it is open."


@pytest.mark.parametrize("root", each_root("latex"))
def test_latex_builder(app: SphinxTestApp, root: str) -> None:
    result = built(app)
    assert result.warning_text == ""
    (tex,) = (path for path in result.outdir.glob("*.tex") if not path.name.startswith("sphinx"))
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
    result = built(app)
    assert result.warning_text == ""
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in result.outdir.rglob("*") if path.is_file()
    )
    for word in ["Bytecode", "Inner question?", "Yes, it is open.", "zebra", "Inner answer."]:
        assert word in text


@pytest.mark.parametrize("root", each_root("gettext"))
def test_gettext_extracts_questions_and_answers(app: SphinxTestApp, root: str) -> None:
    result = built(app)
    assert result.warning_text == ""
    msgids = re.findall(r'^msgid "(.*)"$', (result.outdir / "index.pot").read_text(), re.M)
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
    result = built(app)
    assert result.warning_text == ""
    entry = faq_entry(result.page("index.html"), "is-it-open")
    assert one(entry, ":scope > details > summary").get_text() == "Ist es offen?"
    assert one(entry, ":scope > details > summary em").get_text() == "offen"
    assert one(entry, ".sa-faq-answer").get_text(strip=True) == "Ja, es ist offen."
    assert "Ist es offen?" in questions_of(json_ld(result.page("index.html")))
    links = result.page("other.html").select("p a.reference.internal")
    assert [a.get_text() for a in links][1:] == ["Ist es offen?", "Ist es offen?"]
    # the search index lists the question as translated
    text = (result.outdir / "searchindex.js").read_text(encoding="utf-8")
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
    result = built(app)
    assert result.warning_text == ""
    if buildername == "singlehtml":
        soup = result.page("index.html")
        assert questions_of(json_ld(soup)) == [
            "Where do links go?",
            *QUESTIONS,
        ]  # the toctree first
        link = soup.find("a", string="Is it open?")
        assert isinstance(link, Tag)
        # Sphinx 9.0 writes "#document-index#is-it-open", for sections too
        assert attr(link, "href").endswith("#is-it-open")
        assert faq_entry(soup, "is-it-open")["class"] == ["sa-faq", "featured", "extra"]
    else:
        index = "index.html" if buildername == "dirhtml" else "index.xhtml"
        soup = result.page(index)
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
    result = built(app)
    assert result.warning_text == ""
    soup = result.page("index.html")
    assert soup.find("script", type="application/ld+json") is None
    assert len(soup.select("div.sa-faq > details")) == len(ANCHORS)
    assert soup.select(".headerlink") == []
    links = result.page("other.html").select("p a.reference.internal")
    assert [a.get_text() for a in links] == QUESTIONS[:1] + ["Is it open?"] * 2


# (where in the MyST root, where in the rST root, message): see line_of
BAD_INPUT: list[tuple[str | tuple[str, str], str | tuple[str, str], str]] = [
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
        ("Second?", ":name: dup"),
        ("Second?", ":name: dup"),
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
        ":name: ???",
        ":name: ???",
        "faq :name: '???' is not usable as an id; "
        "the anchor is 'bad-name', made from the question",
    ),
    (
        ":name: Capital_Name",
        ":name: Capital_Name",
        "faq :name: 'Capital_Name' is not usable as an id; the anchor is 'capital-name'",
    ),
    (
        ":nmae: typo",
        ":nmae: typo",
        "faq: unknown option 'nmae' ignored (known: class, name, open)",
    ),
    (":open: false", ":open: false", "faq :open: takes no value; 'false' ignored"),
    (
        ":class: ???",
        ":class: ???",
        "faq :class: '???' ignored: cannot make \"???\" into a class name",
    ),
    (
        "How do I join?\n\nTwice",
        "How do I join?\n\n   Twice",
        "faq anchor 'how-do-i-join' is also used by faq 'How do I join?' (line {How do I join?}); "
        "give the entry a unique :name:",
    ),
]


def line_of(source: str, text: str | tuple[str, str]) -> int:
    """The 1-based line where *text* starts (the first line holding it); for a pair
    (before, text), the first line holding text after the first holding before."""
    before, text = text if isinstance(text, tuple) else ("", text)
    return source[: source.index(text, source.index(before))].count("\n") + 1


@pytest.fixture(scope="module", params=["myst", "rst"])
def bad(
    request: pytest.FixtureRequest, rootdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Build, str]:
    srcdir = rootdir / f"test-faq-bad-{request.param}"
    return build(srcdir, builddir=tmp_path_factory.mktemp("bad")), request.param


def test_bad_input_warns_with_file_and_line(bad: tuple[Build, str]) -> None:
    result, syntax = bad
    path = result.srcdir / f"index{SUFFIX[syntax]}"
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
    assert sorted(result.warnings) == sorted(expected)


def test_bad_input_keeps_every_entry(bad: tuple[Build, str]) -> None:
    result, _ = bad
    soup = result.page("index.html")
    entries = soup.select("div.sa-faq")
    answers = [one(entry, ".sa-faq-answer").get_text(strip=True) for entry in entries]
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
    entry_of = dict(zip(answers, entries, strict=True))  # by its answer
    # a bad option value is dropped, the rest of the entry kept, in MyST and rST alike
    assert entry_of["Values."]["class"] == ["sa-faq"]
    assert not one(entry_of["Values."], ":scope > details").has_attr("open")
    assert one(entry_of["Typo option."], ":scope > details > summary").get_text() == "Typo?"
    ids = [faq_anchor(entry) for entry in entries]
    assert len(set(ids)) == len(ids)
    assert [faq_anchor(entry_of[a]) for a in ["First.", "Second."]] == ["dup", "second"]
    assert [faq_anchor(entry_of[a]) for a in ["Bad.", "Capital."]] == ["bad-name", "capital-name"]
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
    result = built(make_app("html", srcdir=tmp_path))
    assert result.warnings == [
        f"{tmp_path / 'index.rst'}:4: WARNING: faq question: link 'javascript:alert(1)' "
        "is not http, https or relative; shown as text [alliance.faq]"
    ]
    summary = one(result.page("index.html"), "summary.sa-faq-question")
    assert summary.get_text() == "Run this or read?"
    assert [a["href"] for a in summary.find_all("a")] == ["https://example.org/"]


@pytest.mark.sphinx(
    "html",
    testroot="faq-bad-rst",
    srcdir="faq-bad-rst-suppressed",
    confoverrides={"suppress_warnings": ["alliance.faq"]},
)
def test_warnings_can_be_suppressed(app: SphinxTestApp) -> None:
    result = built(app)
    assert result.warning_text == ""


def ref_links(result: Build) -> list[tuple[str, str]]:
    links = result.page("other.html").select("p a.reference.internal")
    return [(attr(a, "href"), a.get_text()) for a in links]


@pytest.mark.sphinx("html", testroot="faq-myst")
@pytest.mark.parametrize(
    "parallel",
    [
        pytest.param(n, marks=pytest.mark.sphinx(parallel=n, srcdir=f"faq-incremental-{n}"))
        for n in [0, 2]
    ],
)
def test_incremental_build(make_app, app_params, rootdir: Path, parallel: int) -> None:
    def rebuild() -> Build:
        """A new app on the same folders: it rebuilds what changed."""
        result = built(make_app(*app_params.args, **app_params.kwargs))
        result.app.cleanup()  # before the next app registers the same node classes
        return result

    srcdir = app_params.kwargs["srcdir"]
    index = srcdir / "index.md"
    rebuild()

    rewrite(index, "Is it open?", "Is it free?")
    result = rebuild()
    assert result.warning_text == ""
    assert "Is it free?" in questions_of(json_ld(result.page("index.html")))
    assert ref_links(result)[1:] == [
        ("index.html#is-it-open", "Is it free?"),
        ("index.html#joining-label", "Is it free?"),
    ]

    start = index.read_text(encoding="utf-8").index("(joining-label)=")
    end = index.read_text(encoding="utf-8").index("::::{faq} Does")
    rewrite(index, index.read_text(encoding="utf-8")[start:end], "")
    result = rebuild()
    assert result.warnings == [
        f"{srcdir / 'other.md'}:3: WARNING: undefined label: {label!r} [ref.ref]"
        for label in ["is-it-open", "joining-label"]
    ]
    soup = result.page("index.html")
    assert soup.find(id="is-it-open") is None
    assert soup.find(id="joining-label") is None
    assert "Is it free?" not in questions_of(json_ld(soup))
    assert ref_links(result) == [
        ("index.html#what-is-the-bytecode-alliance", "What is the Bytecode Alliance?")
    ]

    # the entry comes back: so do the links to it
    shutil.copy(rootdir / "test-faq-myst" / "index.md", index)
    rewrite(index, "Is it open?", "Is it open?")
    result = rebuild()
    assert result.warning_text == ""
    assert ref_links(result)[1:] == [
        ("index.html#is-it-open", "Is it open?"),
        ("index.html#joining-label", "Is it open?"),
    ]


@pytest.mark.sphinx("html", testroot="faq-myst", srcdir="faq-myst-serial")
def test_parallel_build_equals_serial(app: SphinxTestApp, make_app, tmp_path: Path) -> None:
    def entries(result: Build) -> list[str]:
        return [
            str(tag)
            for name in ["index.html", "other.html"]
            for tag in result.page(name).select(
                "div.sa-faq, script[type='application/ld+json'], p:has(a)"
            )
        ]

    serial = built(app)
    app.cleanup()  # before the next app registers the same node classes
    # the same sources, built into a folder of its own
    parallel = built(make_app("html", srcdir=serial.srcdir, builddir=tmp_path, parallel=2))
    assert parallel.warning_text == ""
    assert entries(parallel) == entries(serial)
    assert len(entries(serial)) > len(ANCHORS)
    assert parallel.app.env.domaindata["alliance"] == serial.app.env.domaindata["alliance"]
    by_page = parallel.app.env.domaindata["alliance"]["entries"]
    assert {docname: set(labels) for docname, labels in by_page.items()} == {
        "index": {"what-is-the-bytecode-alliance", "is-it-open", "joining-label", "hostile"}
        | {"nesting", "inner"},
        "other": {"where-links-go"},
    }
