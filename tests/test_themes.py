"""The directives give the same HTML under every theme a site is likely to use.

One test root, built once per theme (one test per build, so pytest-xdist never builds
a theme twice); the checks read the parsed HTML and run the W3C checker on our markup.
"""

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp
from support import REPO, THEMES, attr, built, faq_anchor, hrefs, one

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_faq(page: BeautifulSoup) -> None:
    entries = page.select("div.sa-faq")
    assert [faq_anchor(e) for e in entries] == ["entry-look", "is-this-entry-open"]
    for entry in entries:
        details, permalink = entry.find_all(["details", "a"], recursive=False)
        assert details["class"] == ["sa-faq-details"]
        summary, answer = details.find_all(recursive=False)
        assert summary.name == "summary"
        assert summary["class"] == ["sa-faq-question"]
        assert answer.name == "div"
        assert answer["class"] == ["sa-faq-answer"]
        assert summary.find("a") is None
        assert "sa-faq-permalink" in permalink["class"]
        assert permalink["href"] == "#" + attr(summary, "id")
    looks, opened = entries
    assert summary_text(looks) == "What does an entry look like under this theme?"
    assert one(looks, "summary em").get_text() == "under this theme"
    assert [li.get_text(strip=True) for li in looks.select(".sa-faq-answer li")] == [
        "one item;",
        "another item.",
    ]
    assert not one(looks, ":scope > details").has_attr("open")
    assert one(opened, ":scope > details").has_attr("open")
    assert "extra-class" in opened["class"]

    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.get_text())
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [summary_text(e) for e in entries]


def summary_text(entry: Tag) -> str:
    return " ".join(one(entry, ":scope > details > summary").get_text().split())


def check_member_logos(page: BeautifulSoup, html: Path) -> None:
    (grid,) = page.select("ul.sa-member-logos")
    alpha, zeta = grid.find_all("li", recursive=False)
    assert alpha["class"] == zeta["class"] == ["sa-member"]
    link = one(alpha, ":scope > a")
    assert link["href"] == "https://alpha.example"
    light, dark = link.find_all("img", recursive=False)
    assert "only-light" in light["class"]
    assert "only-dark" in dark["class"]
    assert zeta.find("a") is None
    (plain,) = zeta.find_all("img")
    assert "only-light" not in plain["class"]
    for img, alt, size in [(light, "Alpha Works", "160x40"), (dark, "Alpha Works", "160x40"),
                           (plain, "Zeta Labs", "80x80")]:  # fmt: skip
        assert "sa-member-logo" in img["class"]
        assert img["alt"] == alt
        assert f"{img['width']}x{img['height']}" == size
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
        assert (html / attr(img, "src")).is_file()


def check_assets(page: BeautifulSoup, html: Path) -> None:
    stylesheets = {name.split("?")[0] for name in hrefs(page, "link[rel~=stylesheet]")}
    assert {"_static/sphinx-alliance-faq.css", "_static/sphinx-alliance-member-logos.css"} <= (
        stylesheets
    )
    (script,) = [
        s for s in page.find_all("script", src=True) if "sphinx-alliance-faq.js" in s["src"]
    ]
    assert script.has_attr("defer")
    for name in ["sphinx-alliance-faq.css", "sphinx-alliance-faq.js"]:
        assert (html / "_static" / name).is_file()


def check_markup_with_vnu(page: BeautifulSoup, tmp_path: Path) -> None:
    """Our elements alone, in a minimal document: the theme's own markup is not ours."""
    ours = page.select("div.sa-faq, ul.sa-member-logos, script[type='application/ld+json']")
    fragment = tmp_path / "ours.html"
    fragment.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ours</title></head>'
        # under a page title and a section title, as in the page: each question is a heading
        # one level below its section's (an <h3>)
        "<body><h1>Ours</h1><h2>Questions</h2>"
        + "".join(str(tag) for tag in ours)
        + "</body></html>",
        encoding="utf-8",
    )
    # A small stack with C1 only starts the checker in under a second.
    result = subprocess.run(
        ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--format", "json",
         "--stdout", str(fragment)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    problems = [
        (m["message"], m.get("extract"))
        for m in json.loads(result.stdout)["messages"]
        if (m["type"] == "error" or m.get("subType") == "warning")
        # Deliberate: Safari drops the list semantics of a list styled without bullets.
        and m["message"] != "The “list” role is unnecessary for element “ul”."
        # The permalink shows the theme's html_permalinks_icon, as Sphinx's headerlinks do;
        # sphinx_rtd_theme's is a Font Awesome glyph.
        and "Private Use Area" not in m["message"]
    ]
    assert problems == []


@pytest.mark.parametrize(
    "theme",
    [
        pytest.param(
            theme,
            marks=pytest.mark.sphinx(
                "html",
                testroot="themes",
                srcdir=f"themes-{theme}",
                confoverrides={"html_theme": theme},
            ),
        )
        for theme in THEMES
    ],
)
def test_directives_under_theme(app: SphinxTestApp, theme: str, tmp_path: Path) -> None:
    result = built(app)
    assert isinstance(app.builder, StandaloneHTMLBuilder)
    assert app.builder.theme.name == theme
    assert result.warning_text == ""
    html = result.outdir
    page = result.page("index.html")
    check_faq(page)
    check_member_logos(page, html)
    check_assets(page, html)
    assert VNU.exists(), "the W3C checker is missing: run `make test`, which installs it"
    check_markup_with_vnu(page, tmp_path)
