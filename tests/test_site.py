"""The real site in docs/ builds with no warning and gives the expected pages."""

from conftest import parse_html


def test_landing_page_builds_and_parses(site):
    page = parse_html(site / "index.html")
    assert page.find("html")["lang"] == "en"
    assert page.find("h1").get_text(strip=True).startswith("Bytecode Alliance")
