"""The site's pages: FAQ anchors, project pages linked both ways, the overview, 404, metadata."""

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import Tag
from support import DOCS, attr, build_site, faq_entry, first, hrefs, one, parse_html

# The anchors of the current site's FAQ: links to them exist out in the world.
FAQ_ANCHORS = (
    "what-is-the-bytecode-alliance",
    "why-is-this-important-now",
    "why-a-cross-industry-effort",
    "relation-to-standards-bodies",
    "projects-of-the-alliance",
    "project-licenses",
    "how-to-get-involved",
    "how-to-join",
    "governance",
    "supported-platforms",
    "supported-execution-modes",
)
PROJECTS = ("wasmtime", "cranelift", "lucet", "wamr", "enarx")
# The FAQ answers that name each project.
NAMED_BY_FAQ = {
    "wasmtime": {"projects-of-the-alliance", "supported-platforms", "supported-execution-modes"},
    "cranelift": {"projects-of-the-alliance", "supported-platforms", "supported-execution-modes"},
    "lucet": {"projects-of-the-alliance", "supported-platforms", "supported-execution-modes"},
    "wamr": {"projects-of-the-alliance", "supported-platforms", "supported-execution-modes"},
    "enarx": {"projects-of-the-alliance"},
}
KEY_FACTS = [
    "Repository",
    "Documentation",
    "Licence",
    "Language",
    "Platforms",
    "Execution modes",
]
# The extension's reference, for the site's contributors; links to these addresses exist.
REFERENCE_PAGES = (
    "extension/index.html",
    "extension/install.html",
    "extension/faq.html",
    "extension/member-logos.html",
    "extension/member-data.html",
    "extension/configuration.html",
    "extension/warnings.html",
    "extension/maintaining.html",
)
CANONICAL_URL = "https://bytecodealliance.example/en/latest/"


def project_page(name: str) -> str:
    return f"projects/{name}.html"


def links(site: Path, page: str, scope: Tag | None = None) -> set[tuple[str, str]]:
    """Internal links of ``page`` (within ``scope``) as (page, fragment) from the site root."""
    soup = scope if scope is not None else parse_html(site / page)
    found = set()
    for href in hrefs(soup, "a[href]"):
        url = urlsplit(href)
        if url.scheme:
            continue
        path = posixpath.join("/" + posixpath.dirname(page), url.path) if url.path else page
        found.add((posixpath.normpath(path).lstrip("/"), url.fragment))
    return found


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def key_facts(site: Path, name: str) -> dict[str, str]:
    table = one(parse_html(site / project_page(name)), "table.sa-key-facts")
    return {text(one(row, "th")): text(one(row, "td")) for row in table.select("tr")}


def test_every_faq_anchor_is_an_entry_of_the_landing_page(site):
    page = parse_html(site / "index.html")
    for anchor in FAQ_ANCHORS:
        targets = page.find_all(id=anchor)
        assert len(targets) == 1, anchor
        assert targets[0].name == "summary", anchor
        assert faq_entry(page, anchor) is not None, anchor
    assert len(page.select("div.sa-faq")) == len(FAQ_ANCHORS)


def test_every_heading_of_the_landing_page_has_an_id(site):
    """Read the Docs' search makes a section of each heading, linked by its or its parent's id:
    each question (a heading in its summary) and each project named in an answer."""
    main = one(parse_html(site / "index.html"), "[role=main]")
    headings = main.find_all(re.compile(r"^h[1-6]$"))
    assert len(headings) > len(FAQ_ANCHORS)
    for heading in headings:
        assert heading.get("id") or (heading.parent and heading.parent.get("id")), heading
    questions = [
        attr(h.parent, "id")
        for h in headings
        if h.parent and "sa-faq-heading" in h.get_attribute_list("class")
    ]
    assert tuple(questions) == FAQ_ANCHORS


def test_ids_on_the_landing_page_are_unique(site):
    ids = [node["id"] for node in parse_html(site / "index.html").find_all(id=True)]
    assert sorted(ids) == sorted(set(ids))


def test_faq_answers_link_to_the_projects_they_name(site):
    page = parse_html(site / "index.html")
    for name, anchors in NAMED_BY_FAQ.items():
        for anchor in anchors:
            linked = {path for path, _ in links(site, "index.html", faq_entry(page, anchor))}
            assert project_page(name) in linked, (anchor, name)


def test_faq_keeps_its_external_links(site):
    entry = faq_entry(parse_html(site / "index.html"), "projects-of-the-alliance")
    hrefs = {a["href"] for a in entry.find_all("a", href=True)}
    assert "https://github.com/bytecodealliance/wasmtime" in hrefs
    assert "https://confidentialcomputing.io/" in hrefs
    contact = faq_entry(parse_html(site / "index.html"), "how-to-join")
    assert contact.find("a", href=lambda href: href.startswith("mailto:"))


@pytest.mark.parametrize("name", PROJECTS)
def test_project_page_links_back_to_the_faq(site, name):
    landing = parse_html(site / "index.html")
    back = {fragment for path, fragment in links(site, project_page(name)) if path == "index.html"}
    assert NAMED_BY_FAQ[name] <= back
    for fragment in back - {""}:
        assert landing.find(id=fragment), fragment


@pytest.mark.parametrize("name", PROJECTS)
def test_project_page_has_key_facts_and_review_date(site, name):
    assert list(key_facts(site, name)) == KEY_FACTS
    assert all(key_facts(site, name).values())
    data = yaml.safe_load((DOCS / "_data" / "projects.yml").read_text(encoding="utf-8"))
    reviewed = first(parse_html(site / project_page(name)), "p.sa-reviewed")
    assert data[name]["reviewed"].isoformat() in text(reviewed)


def test_overview_compares_the_five_projects_from_the_same_data(site):
    table = one(parse_html(site / "projects/index.html"), "table.sa-projects-overview")
    headers = [text(th) for th in table.select("thead th")]
    assert headers == ["Project", "Status", "Execution modes", "Platforms"]
    rows = table.select("tbody tr")
    assert len(rows) == len(PROJECTS)
    for name, row in zip(PROJECTS, rows, strict=True):
        cells = dict(zip(headers, row.find_all("td"), strict=True))
        assert links(site, "projects/index.html", cells["Project"]) == {(project_page(name), "")}
        facts = key_facts(site, name)
        assert text(cells["Execution modes"]) == facts["Execution modes"]
        assert text(cells["Platforms"]) == facts["Platforms"]
        assert text(cells["Status"])


def test_status_of_projects_that_changed(site):
    lucet = text(first(parse_html(site / "projects/lucet.html"), "article"))
    assert "end of life" in lucet
    assert (project_page("wasmtime"), "") in links(site, project_page("lucet"))
    wamr = text(first(parse_html(site / "projects/wamr.html"), "article"))
    assert "independent project" in wamr
    assert "July 2026" in wamr
    enarx = text(first(parse_html(site / "projects/enarx.html"), "article"))
    assert "hiatus" in enarx


@pytest.mark.parametrize("name", ["wasmtime", "cranelift", "wamr", "enarx"])
def test_getting_started_snippets_get_a_copy_button(site, name):
    page = parse_html(site / project_page(name))
    assert page.select("article div.highlight pre")
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    assert any("copybutton.js" in src for src in scripts)


def navigation(site: Path, page: str) -> dict[str | None, set[str]]:
    """The pages the sidebar of ``page`` links, by caption (``None`` before the first)."""
    tree = first(parse_html(site / page), ".sidebar-tree")
    groups: dict[str | None, set[str]] = {}
    caption = None
    for child in tree.find_all(["p", "ul"], recursive=False):
        if child.name == "p":
            # A heading role needs its level (furo's template in docs/_templates adds it).
            assert child["role"] == "heading", child
            assert child["aria-level"], child
            caption = text(child)
        else:
            groups[caption] = {path for path, _ in links(site, page, child)}
    return groups


@pytest.mark.parametrize("page", ["index.html", "membership.html", "extension/faq.html"])
def test_navigation_keeps_the_reference_apart_from_the_visitors_pages(site, page):
    nav = navigation(site, page)
    assert list(nav) == [None, "For contributors"]
    visitors = {"projects/index.html", "membership.html", *map(project_page, PROJECTS)}
    assert nav[None] == visitors
    assert nav["For contributors"] == {"contributing.html", *REFERENCE_PAGES}


def test_reference_keeps_its_addresses(site):
    built = {path.relative_to(site).as_posix() for path in (site / "extension").glob("*.html")}
    assert built == set(REFERENCE_PAGES)


def test_contributing_page_explains_editing_and_links_the_reference(site):
    article = first(parse_html(site / "contributing.html"), "article")
    assert "make livehtml" in text(article)
    for anchor in ("faq-on-this-site", "member-on-this-site", "adding-a-page"):
        assert article.find("section", id=anchor), anchor
    assert "docs/_data/members.yml" in text(one(article, "#member-on-this-site"))
    linked = {path for path, _ in links(site, "contributing.html", article)}
    assert set(REFERENCE_PAGES) <= linked


def test_landing_page_layout(site):
    page = parse_html(site / "index.html")
    assert text(first(page, "h1")).startswith("Bytecode Alliance")
    assert first(page, "h1").find_next_sibling(class_="sa-hero")
    assert page.select_one(".sa-hero img.sa-hero-wordmark")
    assert "no-toc" in first(page, ".toc-drawer").get_attribute_list("class")
    join = first(page, ".sa-join")
    assert join.select_one("img.sa-join-illustration")
    button = first(join, "a.sa-button")
    assert text(button) == "Join Now"
    assert links(site, "index.html", join) == {("membership.html", "")}
    assert page.select("ul.sa-member-logos > li.sa-member")
    # The page's own CSS draws its grid and buttons: sphinx-design's 55 KB are not loaded.
    assert not page.select("[class*='sd-']")
    assert not page.select("link[href*='sphinx-design']")


def test_membership_page_gives_the_contact_address(site):
    page = parse_html(site / "membership.html")
    mail = first(page, "a[href^='mailto:']")
    assert mail.get_text() == "hello@bytecodealliance.org"


def site_pages(site: Path) -> list[str]:
    """Every page built from a document of the site (not Sphinx's own index and search)."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")
        and path.name not in {"genindex.html", "search.html"}
    )


def test_every_page_has_title_description_and_opengraph(site):
    pages = site_pages(site)
    assert {"index.html", "404.html", "membership.html", "projects/index.html"} <= set(pages)
    for page in pages:
        html = parse_html(site / page)
        title = text(one(html, "head > title"))
        assert title.endswith("Bytecode Alliance"), page
        descriptions = html.find_all("meta", attrs={"name": "description"})
        assert len(descriptions) == 1, page
        assert len(attr(descriptions[0], "content")) > 40, page
        for prop in ("og:title", "og:description", "og:image", "og:url", "og:type"):
            tags = html.find_all("meta", property=prop)
            assert len(tags) == 1, (page, prop)
            assert tags[0]["content"], (page, prop)
        image = attr(one(html, "meta[property='og:image']"), "content")
        assert (site / urlsplit(image).path.lstrip("/")).is_file(), page


def test_favicon(site):
    assert (site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    icon = first(parse_html(site / "index.html"), "link[rel~=icon]")
    assert (site / urlsplit(attr(icon, "href")).path).is_file()


def test_internal_links_resolve(site):
    targets = {}
    for page in site_pages(site):
        for path, fragment in links(site, page):
            if path.startswith("_") or path in {"genindex.html", "search.html"}:
                continue
            assert (site / path).is_file(), (page, path)
            if fragment:
                if path not in targets:
                    targets[path] = {
                        node["id"] for node in parse_html(site / path).find_all(id=True)
                    }
                assert fragment in targets[path], (page, path, fragment)


def resource_urls(page) -> list[str]:
    """Every URL a page links or loads, except in-page fragments and external URLs."""
    urls = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for node in page.find_all(tag, attrs={attribute: True}):
            url = node[attribute]
            if not url.startswith("#") and not urlsplit(url).scheme:
                urls.append(url)
    return urls


def test_404_page_links_are_absolute(site):
    urls = resource_urls(parse_html(site / "404.html"))
    body = links(site, "404.html", parse_html(site / "404.html").find("article"))
    assert {"index.html", "projects/index.html", "membership.html"} <= {path for path, _ in body}
    assert urls
    for url in urls:
        assert url.startswith("/"), url
        assert (site / urlsplit(url).path.lstrip("/")).exists(), url


@pytest.fixture(scope="module")
def site_on_read_the_docs(tmp_path_factory):
    """The site built as Read the Docs builds it, with a canonical URL."""
    return build_site(
        tmp_path_factory.mktemp("rtd"), env={"READTHEDOCS_CANONICAL_URL": CANONICAL_URL}
    )


def test_404_page_follows_the_canonical_url(site_on_read_the_docs):
    page = parse_html(site_on_read_the_docs / "404.html")
    urls = resource_urls(page)
    assert urls
    for url in urls:
        assert url.startswith("/en/latest/"), url
        assert (site_on_read_the_docs / urlsplit(url).path.removeprefix("/en/latest/")).exists()
    image = attr(one(page, "meta[property='og:image']"), "content")
    assert image == CANONICAL_URL + "_static/og-image.png"


def test_landing_page_shares_its_own_description(site):
    html = parse_html(site / "index.html")
    description = attr(one(html, "meta[name=description]"), "content")
    assert one(html, "meta[property='og:description']")["content"] == description
