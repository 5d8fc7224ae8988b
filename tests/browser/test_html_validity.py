"""The W3C Nu HTML Checker (vnu) finds no error in the site or in the hostile root's pages."""

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VNU = Path(__file__).parent.parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


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
        if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)
