"""Builds stay right when they are parallel, repeated or incremental."""

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from support import DOCS, Build, attr, build, build_site, built, parse_html

EPOCH = "1700000000"


def build_docs_copy(srcdir: Path, outdir: Path, *args: str, seed: str) -> Path:
    """Build a copy of ``docs/`` as ``make html`` does; return the HTML folder."""
    # A different hash seed per build exposes output that depends on set order.
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
    return build_site(outdir, *args, env=env, srcdir=srcdir)


@pytest.fixture(scope="module")
def docs_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("docs-copy") / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    return srcdir


@pytest.fixture(scope="module")
def serial_build(docs_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docs_copy(docs_copy, tmp_path_factory.mktemp("serial"), seed="1")


def our_pages(srcdir: Path, html: Path) -> list[Path]:
    """The HTML pages built from the site's own source files, relative to *html*."""
    sources = (path for path in srcdir.rglob("*") if path.suffix in {".md", ".rst"})
    pages = [path.relative_to(srcdir).with_suffix(".html") for path in sources]
    pages = [page for page in pages if (html / page).is_file()]
    assert Path("index.html") in pages
    return sorted(pages)


def main_content(page: BeautifulSoup) -> str:
    main = page.select_one("[role=main]") or page.find("main")
    assert main is not None
    return main.decode()


def json_ld(page: BeautifulSoup) -> list:
    return [json.loads(s.get_text()) for s in page.select("script[type='application/ld+json']")]


def test_parallel_build_matches_serial(docs_copy: Path, serial_build: Path, tmp_path: Path):
    parallel = build_docs_copy(docs_copy, tmp_path, "-j", "2", seed="2")
    serial_pages = sorted(p.relative_to(serial_build) for p in serial_build.rglob("*.html"))
    assert sorted(p.relative_to(parallel) for p in parallel.rglob("*.html")) == serial_pages
    pages_with_json_ld = 0
    for page in our_pages(docs_copy, serial_build):
        expected, actual = parse_html(serial_build / page), parse_html(parallel / page)
        assert main_content(actual) == main_content(expected), page
        assert json_ld(actual) == json_ld(expected), page
        pages_with_json_ld += bool(json_ld(expected))
    assert pages_with_json_ld, "the site has FAQ entries, so some page must carry JSON-LD"


def test_builds_are_reproducible(docs_copy: Path, serial_build: Path, tmp_path: Path):
    again = build_docs_copy(docs_copy, tmp_path, seed="3")
    for page in our_pages(docs_copy, serial_build):
        assert (again / page).read_bytes() == (serial_build / page).read_bytes(), page


def faq_questions(page: BeautifulSoup) -> list[str]:
    (data,) = json_ld(page)
    return [question["name"] for question in data["mainEntity"]]


def reference_targets(result: Build, page: str = "refs.html") -> list[str]:
    links = result.page(page).select("a.reference.internal")
    return [attr(link, "href") for link in links]


def rebuild(app: SphinxTestApp) -> tuple[Build, list[str]]:
    """Build *app*'s project again from its pickled environment, as a new process would."""
    app.cleanup()
    read: list[str] = []
    again = build(
        app.srcdir,
        connect={"env-before-read-docs": lambda app, env, docnames: read.extend(docnames)},
    )
    return again, read


@pytest.mark.sphinx("html", testroot="incremental-faq", srcdir="incremental-faq-removed")
def test_removed_faq_entry_leaves_nothing_behind(app: SphinxTestApp):
    first = built(app)
    assert first.warning_text == ""
    faq = first.page("faq.html")
    assert faq.find(id="removed-entry") is not None
    assert faq_questions(faq) == ["What stays?", "What goes away?"]
    assert reference_targets(first) == ["faq.html#kept-entry", "faq.html#removed-entry"]

    source = app.srcdir / "faq.md"
    kept = source.read_text(encoding="utf-8").split(":::{faq} What goes away?")[0]
    source.write_text(kept, encoding="utf-8")
    again, _ = rebuild(app)

    faq = again.page("faq.html")
    assert faq.find(id="removed-entry") is None
    assert faq_questions(faq) == ["What stays?"]
    std = again.app.env.domains.standard_domain
    assert "removed-entry" not in std.labels
    assert "removed-entry" not in std.anonlabels
    assert "kept-entry" in std.labels
    # refs.md was not edited, yet its dangling reference must be reported and unlinked.
    warning = r"refs\.md:\d+: .*WARNING: undefined label: 'removed-entry'"
    assert re.search(warning, again.warning_text)
    assert reference_targets(again) == ["faq.html#kept-entry"]


def move_entry(srcdir: Path, to_page: str) -> None:
    """Move the entry named removed-entry from faq.md to the end of *to_page*."""
    faq = srcdir / "faq.md"
    kept, moved = faq.read_text(encoding="utf-8").split(":::{faq} What goes away?")
    faq.write_text(kept, encoding="utf-8")
    page = srcdir / to_page
    text = page.read_text(encoding="utf-8") if page.exists() else "# Moved here\n"
    page.write_text(f"{text}\n:::{{faq}} What goes away?{moved}", encoding="utf-8")


@pytest.mark.parametrize(
    "to_page",
    [
        pytest.param(
            page,
            marks=pytest.mark.sphinx(
                "html", testroot="incremental-faq", srcdir=f"moved-to-{page}"
            ),
        )
        for page in ("index.md", "answers.md")
    ],
)
def test_moved_faq_entry_is_linked_where_it_now_is(app: SphinxTestApp, to_page: str):
    """Also when the page it moves to is read before the page it leaves (answers < faq)."""
    first = built(app)
    assert reference_targets(first) == ["faq.html#kept-entry", "faq.html#removed-entry"]

    move_entry(app.srcdir, to_page)
    if to_page == "answers.md":
        index = app.srcdir / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("refs\n", "refs\nanswers\n"))
    again, read = rebuild(app)

    assert "refs" not in read  # the reference is rewritten, not re-read
    # A serial build purges and reads one page at a time, so Sphinx itself reports a
    # label moved to a page read earlier as a duplicate (section labels too).
    warnings = again.warning_text.splitlines()
    assert [line for line in warnings if "duplicate label removed-entry" not in line] == []
    page = to_page.replace(".md", ".html")
    assert reference_targets(again) == ["faq.html#kept-entry", f"{page}#removed-entry"]
    assert again.page(page).find(id="removed-entry") is not None


@pytest.mark.sphinx("html", testroot="incremental-faq", srcdir="incremental-faq-question")
def test_edited_question_shows_in_references(app: SphinxTestApp):
    assert built(app).warning_text == ""
    source = app.srcdir / "faq.md"
    text = source.read_text(encoding="utf-8").replace("What stays?", "What remains?")
    source.write_text(text, encoding="utf-8")
    again, read = rebuild(app)

    assert read == ["faq"]
    links = again.page("refs.html").select("a.reference.internal")
    assert [link.get_text() for link in links] == ["What remains?", "What goes away?"]


def member_names(page: BeautifulSoup) -> list[str]:
    return [attr(img, "alt") for img in page.select("ul.sa-member-logos img.sa-member-logo")]


@pytest.mark.sphinx("html", testroot="incremental-members")
def test_members_edit_shows_after_incremental_build(app: SphinxTestApp):
    first = built(app)
    assert first.warning_text == ""
    assert member_names(first.page("index.html")) == ["Alpha Systems", "Beta Labs"]

    members = app.srcdir / "_data" / "members.yml"
    text = members.read_text(encoding="utf-8").replace("Beta Labs", "Beta Research")
    text += "- name: Gamma Works\n  logo: logos/gamma.svg\n"
    members.write_text(text, encoding="utf-8")
    again, read = rebuild(app)

    assert again.warning_text == ""
    assert read == ["index"]
    names = member_names(again.page("index.html"))
    assert names == ["Alpha Systems", "Beta Research", "Gamma Works"]
    assert (again.outdir / "_images" / "gamma.svg").is_file()
