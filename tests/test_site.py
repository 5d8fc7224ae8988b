"""The real site in docs/ builds with no warning, a quiet log, and the expected pages.

The ``site`` fixture builds it with ``-q``, and fails if that prints anything at all.
"""

import logging

import sphinx.util.logging
from support import DOCS, build, one, parse_html


def test_landing_page_builds_and_parses(site):
    page = parse_html(site / "index.html")
    assert one(page, "html")["lang"] == "en"
    assert page.select("h1")[0].get_text(strip=True).startswith("Bytecode Alliance")


class Recorder(logging.Handler):
    """Every message logged at info level or above, with the name of its logger."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.name, record.getMessage()))


def test_build_log_has_only_sphinx_progress(monkeypatch, tmp_path):
    """A normal build's log holds Sphinx's own messages, nothing from an extension or theme."""
    recorder = Recorder()
    setup = sphinx.util.logging.setup

    def setup_and_record(app, status, warning, **kwargs):
        setup(app, status, warning, **kwargs)
        logging.getLogger(sphinx.util.logging.NAMESPACE).addHandler(recorder)

    monkeypatch.setattr(sphinx.util.logging, "setup", setup_and_record)
    result = build(DOCS, builddir=tmp_path)
    # Sphinx's own modules log as "sphinx." + their module name.
    assert "build succeeded" in result.app.status.getvalue()
    assert [m for m in recorder.messages if not m[0].startswith("sphinx.sphinx.")] == []
