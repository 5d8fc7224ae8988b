"""The reference in docs/extension/ describes what the code does: no more, no less.

- warnings.md: a project full of mistakes is built; each of its ``alliance`` warnings
  must start like a message documented on the page (a term of its definition lists,
  values aside), and each documented message must be produced by the project.
- configuration.md: every ``alliance_`` config value, with its type and default.
- faq.md and member-logos.md: every option of each directive.
"""

import re
from io import StringIO

import pytest
from docutils.languages import get_language
from docutils.parsers.rst import directives
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp
from support import DOCS, build

REFERENCE = DOCS / "extension"
WARNINGS_PAGE = REFERENCE / "warnings.md"

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

.. faq:: Nothing of an id
   :name: !!!

   Yes.

.. faq:: A value for a flag
   :open: yes

   Yes.

.. faq:: Not a class
   :class: !!!

   Yes.

.. faq:: Same as the section
   :name: installation

   Yes.

.. |script| image:: javascript:alert(1)
.. |control| unicode:: U+0001

.. faq:: A `script <javascript:alert(1)>`_ link, a |script| image, a |control| character?

   Yes.

.. member-logos:: missing.yml

.. member-logos::

.. member-logos:: members.yml

   - name: Also a body

.. member-logos::

   - name: [unclosed

.. member-logos::

   name: not a list

.. member-logos::
   :sort: random
   :sortt: none

   - name: Options
     logo: ok.svg

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
   - name: "Control\\x01"
     logo: ok.svg
   - name: Folder
     logo: folder.svg
   - name: Disguised
     logo: disguised.png

.. member-logos::
   :logos: loop

   - name: Looped
     logo: /ok.svg
"""


PAGE_ASSETS_MISTAKES = """
import sys
sys.path.insert(0, {srcdir!r})
html_static_path = ["_static"]
html_css_files = ["url.css", "big.css", "latin1.css", "rewritten.css"]
alliance_page_assets = {{
    **{{name: {{"inline": True}} for name in html_css_files}},
    "list.css": [".x"],
    "key.css": {{"wehn": [".x"]}},
    "defer.js": {{"defer": "yes"}},
    "string.css": {{"when": ".x"}},
    "words.css": {{"when": [".two words"]}},
    "star.css": {{"when": ["*"]}},
    "raises.css": {{"when": ["raises.Node"]}},
    "path.css": {{"when": ["pathlib.Path"]}},
    1: {{}},
    "": {{}},
    "*": {{}},
    "inline.js": {{"inline": True}},
}}


def setup(app):
    def rewrite(app, exception):
        (app.outdir / "_static" / "rewritten.css").write_text(".x {{ background: url(x.png); }}")

    app.connect("build-finished", rewrite, 500)
"""


def normalize(message: str) -> str:
    """A message without its values: quoted text, numbers and the member's name."""
    message = re.sub(r"member ('[^']*'|\"[^\"]*\"): ", "", message)
    # Paths: the project's conf.py, a stylesheet in the output's _static folder.
    message = re.sub(r"\S*/conf\.py", "conf.py", message)
    message = re.sub(r"\S*_static/\S+", "_static/…", message)
    message = message.removesuffix("; entry left out")
    # Values are repr()s; an apostrophe inside a word (entry's) is not a quote.
    message = re.sub(r"(?<!\w)('[^']*'|\"[^\"]*\")(?!\w)", "'…'", message)
    return re.sub(r"\d+", "0", message)


def documented() -> dict[str, re.Pattern]:
    """Each term of the page that is a faq or member-logos message, as a pattern.

    A term ending in ``: ...`` stands for any explanation after the colon.
    """
    terms = re.findall(
        r"^`((?:faq|member-logos|alliance_member_logos|alliance_page_assets)[^`]*)`",
        WARNINGS_PAGE.read_text(),
        re.M,
    )
    return {
        term: re.compile(": .*".join(map(re.escape, normalize(term).split(": ..."))))
        for term in terms
    }


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    srcdir = tmp_path_factory.mktemp("mistakes")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_alliance"]\nalliance_member_logos_embed_limit = "4 KiB"\n'
        + PAGE_ASSETS_MISTAKES.format(srcdir=str(srcdir))
    )
    static = srcdir / "_static"
    static.mkdir()
    (static / "url.css").write_text(".x { background: url(x.png); }")
    (static / "big.css").write_text("/*" + "x" * 70000 + "*/")
    (static / "latin1.css").write_bytes(b"/* \xe9 */")
    (static / "rewritten.css").write_text(".x { color: red; }")
    (srcdir / "raises.py").write_text('raise ValueError("boom")\n')
    (srcdir / "index.rst").write_text(MISTAKES)
    (srcdir / "members.yml").write_text("- name: Fine\n  logo: ok.svg\n")
    (srcdir / "ok.svg").write_text(LOGO)
    (srcdir / "no-size.svg").write_text(NO_SIZE)
    (srcdir / "disguised.png").write_text(LOGO)
    (srcdir / "folder.svg").mkdir()
    (srcdir / "loop").symlink_to("loop")
    warnings = build(srcdir).warning_text
    lines = re.findall(r"WARNING: (.*) \[alliance\.(?:faq|member-logos|page-assets)\]", warnings)
    assert len(lines) >= 20, warnings
    return {normalize(line) for line in lines}


def test_every_warning_is_documented(produced: set[str]):
    patterns = documented().values()
    undocumented = [m for m in produced if not any(p.match(m) for p in patterns)]
    assert undocumented == []


def test_every_documented_warning_is_real(produced: set[str]):
    unused = [t for t, p in documented().items() if not any(p.match(m) for m in produced)]
    assert unused == []


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the extension registers: its config values and its directives' options."""
    srcdir = tmp_path_factory.mktemp("setup")
    (srcdir / "conf.py").write_text('extensions = ["sphinx_alliance"]\n')
    (srcdir / "index.rst").write_text("Setup\n=====\n")
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        config = {
            value.name: app.config.values[value.name]
            for value in app.config
            if value.name.startswith("alliance_")
        }
        language, document = get_language("en"), new_document("")
        options = {}
        for name in ("faq", "member-logos"):
            directive, _ = directives.directive(name, language, document)
            assert directive is not None, name
            assert directive.option_spec is not None, name
            options[name] = set(directive.option_spec)
    finally:
        app.cleanup()
    return {"config": config, "options": options}


def test_every_config_value_is_documented_with_type_and_default(registered):
    page = (REFERENCE / "configuration.md").read_text()
    documented = dict(re.findall(r"^:+\{confval\} (\S+)\n((?::\w+: .*\n)+)", page, re.M))
    assert set(documented) == set(registered["config"])
    for name, option in registered["config"].items():
        fields = dict(re.findall(r"^:(\w+): `(.*)`$", documented[name], re.M))
        assert fields["default"] == repr(option.default)
        assert fields["type"] == " or ".join(sorted(t.__name__ for t in option.valid_types))


@pytest.mark.parametrize(
    ("directive", "page"), [("faq", "faq.md"), ("member-logos", "member-logos.md")]
)
def test_every_directive_option_is_documented(registered, directive, page):
    text = (REFERENCE / page).read_text()
    documented = re.findall(r"^:+\{rst:directive:option\} ([\w-]+)", text, re.M)
    assert sorted(documented) == sorted(registered["options"][directive])
