"""The W3C Nu HTML Checker (vnu) finds no error in the site or in the hostile root's pages."""

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VNU = Path(__file__).parent.parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
# Errors in markup other projects write, one line each: (whose, message part, extract part).
# furo 2025.12.19 itself gives vnu no error on these pages.
KNOWN_ERRORS = [
    # sphinx-design 0.8 writes aria-controls on the <label> of each tab's radio <input>: the
    # ARIA is redundant, not harmful; the tabs work by keyboard and axe passes them.
    ("sphinx-design tab labels", "must not be used on any “label”", 'class="sd-tab-label"'),
]


def known_error(message: dict) -> str | None:
    """The name of the known error *message* is, if any."""
    for whose, part, marker in KNOWN_ERRORS:
        if part in message["message"] and marker in message.get("extract", ""):
            return whose
    return None


def test_no_html_errors(site, hostile_build):
    """One JVM run over every page of the site and of the hostile root."""
    roots = {"site": site, "hostile": hostile_build[0]}
    names = {
        str(page): f"{name}/{page.relative_to(root).as_posix()}"
        for name, root in roots.items()
        for page in root.rglob("*.html")
    }
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *names],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{names.get(message.get('url', '').removeprefix('file:'), message.get('url'))}:"
        f"{message.get('lastLine')}: {message['message']} "
        f"[{message.get('extract', '').strip()[:120]}]"
        for message in messages
        if message["type"] in ("error", "non-document-error") and not known_error(message)
    ]
    assert not errors, "\n".join(errors)
    seen = {known_error(message) for message in messages if message["type"] == "error"}
    stale = [whose for whose, _, _ in KNOWN_ERRORS if whose not in seen]
    assert not stale, f"known errors no longer seen, remove them: {stale}"
