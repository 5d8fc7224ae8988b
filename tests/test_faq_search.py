"""Every question is an object of Sphinx's search index, linking to its entry."""

import html
import json
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from sphinx.testing.util import SphinxTestApp
from support import Build, built, one, rewrite

# (page, question, anchor) in the order Sphinx sorts the objects: by question
OBJECTS = [
    ("guide/joining", "Can an entry nest?", "nested-entry"),
    ("guide/joining", "How do organizations join the Alliance?", "how-to-join"),
    ("other", "Is this question found?", "other-question"),
    ("index", 'Tom & Jerry <together> "quoted"?', "tom-and-jerry"),
    ("index", "What is WASI 0.2?", "what-is-wasi-0-2"),
    ("index", "join", "question-join"),
    ("index", "wasi", "wasi"),
]


def search_index(result: Build) -> dict:
    """The JSON that Sphinx writes into ``searchindex.js`` as ``Search.setIndex(...)``."""
    text = result.text("searchindex.js")
    assert text.startswith("Search.setIndex(")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def questions(index: dict) -> list[tuple[str, str, str]]:
    """(page, question, anchor) of each question, rebuilt as ``searchtools.js`` does.

    The name is split at its last "." into a prefix and a name; the anchor is stored as
    "" when it equals the name and as "-" when it is the type, "-" and the name. The index
    holds names HTML-escaped.
    """
    found = []
    for prefix, objects in index["objects"].items():
        for doc, typeindex, priority, anchor, name in objects:
            domain, objtype, label = index["objnames"][str(typeindex)]
            if (domain, objtype) != ("alliance", "question"):
                continue
            assert label == "question"
            assert priority == 0  # Sphinx's search adds 15 to the score: above page hits
            fullname = f"{prefix}.{name}" if prefix else name
            if anchor == "":
                anchor = fullname
            elif anchor == "-":
                anchor = f"{objtype}-{fullname}"
            found.append((index["docnames"][doc], html.unescape(fullname), anchor))
    return sorted(found, key=lambda item: item[1])


def stored_form(index: dict, question: str) -> tuple[str, str]:
    """(prefix, anchor) as the index stores the object named *question*."""
    for prefix, objects in index["objects"].items():
        for _, _, _, anchor, name in objects:
            if html.unescape(f"{prefix}.{name}" if prefix else name) == question:
                return prefix, anchor
    raise AssertionError(question)


def built_cleanly(app: SphinxTestApp) -> Build:
    """Build *app*, which must give no warning."""
    result = built(app)
    assert result.warning_text == ""
    return result


def target(result: Build, page: str, anchor: str) -> Tag:
    """The element of *page* with the id *anchor*."""
    return one(result.page(page), f"[id={json.dumps(anchor)}]")


def question_at(element: Tag) -> str:
    """The question of the entry whose anchor is on *element*."""
    summary = element if element.name == "summary" else one(element, "details summary")
    return summary.get_text()


@pytest.mark.sphinx("html", testroot="faq-search")
def test_each_question_is_a_search_object(app: SphinxTestApp) -> None:
    result = built_cleanly(app)
    index = search_index(result)
    assert questions(index) == sorted(OBJECTS, key=lambda item: item[1])
    # the cases that searchtools.js rebuilds
    assert stored_form(index, "What is WASI 0.2?") == ("What is WASI 0", "what-is-wasi-0-2")
    assert stored_form(index, "wasi") == ("", "")
    assert stored_form(index, "join") == ("", "-")
    assert "Tom &amp; Jerry &lt;together&gt; &quot;quoted&quot;?" in {
        name for objects in index["objects"].values() for *_, name in objects
    }
    # each anchor is the entry's, on its page
    for page, question, anchor in OBJECTS:
        element = target(result, f"{page}.html", anchor)
        assert question_at(element) == question
    # words only in an answer or a page still find the page
    for word, page in [("zeppelin", "guide/joining"), ("aardvark", "index")]:
        docs = index["terms"][word]
        assert index["docnames"].index(page) in (docs if isinstance(docs, list) else [docs])


@pytest.mark.sphinx("dirhtml", testroot="faq-search", srcdir="faq-search-dirhtml")
def test_dirhtml(app: SphinxTestApp) -> None:
    result = built_cleanly(app)
    assert questions(search_index(result)) == sorted(OBJECTS, key=lambda item: item[1])
    for page, _, anchor in OBJECTS:
        path = "index.html" if page == "index" else f"{page}/index.html"
        assert question_at(target(result, path, anchor)), anchor


@pytest.mark.sphinx(
    "html",
    testroot="faq-search",
    srcdir="faq-search-off",
    confoverrides={"alliance_faq_search": False},
)
def test_option_turns_the_objects_off(app: SphinxTestApp) -> None:
    result = built_cleanly(app)
    index = search_index(result)
    assert questions(index) == []
    docs = index["terms"]["zeppelin"]  # the answers are still page text
    assert index["docnames"].index("guide/joining") in (docs if isinstance(docs, list) else [docs])
    inventory = (result.outdir / "objects.inv").read_bytes()
    assert b"alliance:question" not in inventory


@pytest.mark.sphinx("html", testroot="faq-search", srcdir="faq-search-serial")
def test_parallel_build_equals_serial(app: SphinxTestApp, make_app, tmp_path: Path) -> None:
    serial = built_cleanly(app)
    app.cleanup()  # before the next app registers the same node classes
    parallel = built_cleanly(make_app("html", srcdir=serial.srcdir, builddir=tmp_path, parallel=2))
    assert questions(search_index(parallel)) == questions(search_index(serial))
    assert parallel.app.env.domaindata["alliance"] == serial.app.env.domaindata["alliance"]


@pytest.mark.sphinx("html", testroot="faq-search")
@pytest.mark.parametrize(
    "parallel",
    [
        pytest.param(n, marks=pytest.mark.sphinx(parallel=n, srcdir=f"faq-search-incremental-{n}"))
        for n in [0, 2]
    ],
)
def test_incremental_build(make_app, app_params, parallel: int) -> None:
    def rebuild() -> list[tuple[str, str, str]]:
        result = built_cleanly(make_app(*app_params.args, **app_params.kwargs))
        result.app.cleanup()  # before the next app registers the same node classes
        return questions(search_index(result))

    srcdir = app_params.kwargs["srcdir"]
    assert len(rebuild()) == len(OBJECTS)
    # a renamed question and a removed entry leave the index; the other pages' stay
    joining = srcdir / "guide" / "joining.md"
    rewrite(joining, "How do organizations join", "How do companies join")
    text = joining.read_text(encoding="utf-8")
    rewrite(joining, text[text.index(":::{faq} Can") : text.index(":::\n::::")], "")
    rewrite(srcdir / "other.rst", "faq:: Is this", "faq:: Was this")
    expected = [
        ("guide/joining", "How do companies join the Alliance?", "how-to-join"),
        ("other", "Was this question found?", "other-question"),
        *OBJECTS[3:],
    ]
    assert rebuild() == sorted(expected, key=lambda item: item[1])
    # a removed page takes its questions with it
    (srcdir / "other.rst").unlink()
    rewrite(srcdir / "index.rst", "   other\n", "")
    assert rebuild() == sorted(
        [item for item in expected if item[0] != "other"], key=lambda item: item[1]
    )
    shutil.rmtree(srcdir / "guide")
    rewrite(srcdir / "index.rst", "   guide/joining\n", "")
    assert [page for page, *_ in rebuild()] == ["index"] * 4
