"""The two URL predicates: what a question may link, what a member's homepage must be."""

import pytest

from sphinx_alliance._shared import is_safe_link, is_web_url

# (URL, may a question link it, is it a member's homepage)
URLS = [
    ("https://example.com", True, True),
    ("http://example.com/a?b=c#d", True, True),
    ("HTTPS://EXAMPLE.COM", True, True),
    ("page.html#anchor", True, False),
    ("/absolute/path", True, False),
    ("#anchor", True, False),
    ("", True, False),
    ("https://", True, False),  # no host
    ("//example.com", True, False),  # no scheme
    ("javascript:alert(1)", False, False),
    ("JavaScript:alert(1)", False, False),
    ("data:text/html,<script>", False, False),
    ("mailto:someone@example.com", False, False),
    ("ftp://example.com", False, False),
    ("http://[::1", False, False),  # urlsplit refuses an unclosed [
    ("https://example.com/a b", True, False),  # a space
    ('https://example.com/"><script>', True, False),
    ("https://example.com/\x00", True, False),
    ("https://example.com/\u2028", True, False),
    ("https://exämple.com", True, True),
]


@pytest.mark.parametrize(("url", "safe", "web"), URLS)
def test_url_predicates(url: str, safe: bool, web: bool) -> None:
    assert is_safe_link(url) is safe
    assert is_web_url(url) is web
