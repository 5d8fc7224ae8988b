"""What the features share: their warning, the words of a message, the text a page can hold.

Pure functions and constants, besides :func:`warn`; the features import from here, never
from each other.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# Each own asset's file name, as its feature adds it and as the page-assets rules name it.
FAQ_CSS = "sphinx-alliance-faq.css"
FAQ_JS = "sphinx-alliance-faq.js"
MEMBER_LOGOS_CSS = "sphinx-alliance-member-logos.css"

EXCERPT_LENGTH = 60  # the most characters of a value that a warning quotes

# What neither HTML nor XML (an epub page) may hold as text: controls other than tab and
# newlines (C1 ones included: HTML calls a control character in text a parse error), lone
# surrogates and noncharacters.
_NONCHARACTERS = "".join(
    chr(plane + low) for plane in range(0, 0x110000, 0x10000) for low in (0xFFFE, 0xFFFF)
)
UNWRITABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]"
)
CANNOT_HOLD = "HTML and XML cannot hold"  # how every warning about them says it

# Never allowed unescaped in a URL.
URL_FORBIDDEN = frozenset('"<>\\^`{|}')


def warn(subtype: str, message: str, location: nodes.Node | str | None = None) -> None:
    """Warn with the type ``alliance.<subtype>``, at *location* (a node or "path:line")."""
    logger.warning(message, location=location, type="alliance", subtype=subtype)


def conf_py(app: Sphinx) -> Path:
    """The project's ``conf.py``, which a warning about a config value names."""
    return Path(app.confdir, "conf.py")


def excerpt(text: str) -> str:
    """*text*, shortened to what a warning quotes."""
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "\u2026"


def code_points(chars: str | list[str]) -> str:
    """*chars* as a message names them: ``U+0001, U+D800``."""
    return ", ".join(f"U+{ord(char):04X}" for char in chars)


def join_surrogate_pairs(text: str) -> str:
    """*text* with each pair of surrogates (as JSON writes a character beyond U+FFFF)
    joined into its character."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def unwritable_chars(text: str) -> list[str]:
    """The characters of *text* (its surrogate pairs joined) that a page cannot hold."""
    return UNWRITABLE.findall(join_surrogate_pairs(text)) if UNWRITABLE.search(text) else []


def replace_unwritable(text: str) -> str:
    """*text* with surrogate pairs joined and what a page cannot hold as U+FFFD."""
    if not UNWRITABLE.search(text):
        return text
    return UNWRITABLE.sub("\ufffd", join_surrogate_pairs(text))


def is_safe_link(uri: str) -> bool:
    """Whether *uri* may be linked from a page: http, https or relative."""
    try:
        return urlsplit(uri).scheme in {"", "http", "https"}
    except ValueError:  # e.g. an unclosed [ in the host
        return False


def is_web_url(url: str) -> bool:
    """Whether *url* is an absolute http(s) URL with none of the characters URLs forbid."""
    if any(char.isspace() or not char.isprintable() or char in URL_FORBIDDEN for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)
