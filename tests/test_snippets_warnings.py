"""docs/extension/warnings.md describes every warning the extension gives, and no other.

A project full of mistakes is built; each of its ``alliance`` warnings must match a
message documented on the page (a term of its definition lists), and each documented
message must be produced by the project.
"""

import re
from io import StringIO

import pytest
from conftest import DOCS
from sphinx.testing.util import SphinxTestApp

WARNINGS_PAGE = DOCS / "extension" / "warnings.md"

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'
NO_SIZE = '<svg xmlns="http://www.w3.org/2000/svg"/>'

MISTAKES = """\
Mistakes
========

Installation
------------

.. faq:: A typo in an option?
   :nmae: typo

   Yes.

.. faq::

   An answer without a question.

.. faq:: A question without an answer?

.. faq:: First
   :name: twice

   Yes.

.. faq:: Second
   :name: twice

   Yes.

.. faq:: Not an id
   :name: Not An Id!

   Yes.

.. faq:: Same as the section
   :name: installation

   Yes.

.. member-logos:: missing.yml

.. member-logos:: members.yml

   - name: Also a body

.. member-logos::

   - name: [unclosed

.. member-logos::

   name: not a list

.. member-logos::

   - just a string
   - name: No Logo
   - logo: ok.svg
   - name: Typo
     logo: ok.svg
     logo_drak: ok.svg
   - name: Twice
     homepage: https://example.com
     homepage: https://example.com
     logo: ok.svg
   - name: ""
     logo: ok.svg
   - name: Script
     logo: ok.svg
     homepage: javascript:alert(1)
   - name: Maybe
     logo: ok.svg
     active: maybe
   - name: Gif
     logo: logo.gif
   - name: Gone
     logo: gone.svg
   - name: No Size
     logo: no-size.svg
"""


def normalize(message: str) -> str:
    """A message without its values: quoted text, numbers and the member's name."""
    message = re.sub(r"member ('[^']*'|\"[^\"]*\"): ", "", message)
    message = message.removesuffix("; entry left out")
    # Values are repr()s; an apostrophe inside a word (entry's) is not a quote.
    message = re.sub(r"(?<!\w)('[^']*'|\"[^\"]*\")(?!\w)", "'…'", message)
    return re.sub(r"\d+", "0", message)


def documented() -> dict[str, re.Pattern]:
    """Each term of the page that is a faq or member-logos message, as a pattern.

    A term ending in ``: ...`` stands for any explanation after the colon.
    """
    terms = re.findall(r"^`((?:faq|member-logos)[^`]*)`", WARNINGS_PAGE.read_text(), re.M)
    return {
        term: re.compile(": .*".join(map(re.escape, normalize(term).split(": ..."))))
        for term in terms
    }


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    srcdir = tmp_path_factory.mktemp("mistakes")
    (srcdir / "conf.py").write_text('extensions = ["sphinx_alliance"]\n')
    (srcdir / "index.rst").write_text(MISTAKES)
    (srcdir / "members.yml").write_text("- name: Fine\n  logo: ok.svg\n")
    (srcdir / "ok.svg").write_text(LOGO)
    (srcdir / "no-size.svg").write_text(NO_SIZE)
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    lines = re.findall(r"WARNING: (.*) \[alliance\.(?:faq|member-logos)\]", warnings.getvalue())
    assert len(lines) >= 20, warnings.getvalue()
    return {normalize(line) for line in lines}


def test_every_warning_is_documented(produced: set[str]):
    patterns = documented().values()
    undocumented = [m for m in produced if not any(p.fullmatch(m) for p in patterns)]
    assert undocumented == []


def test_every_documented_warning_is_real(produced: set[str]):
    unused = [t for t, p in documented().items() if not any(p.fullmatch(m) for m in produced)]
    assert unused == []
