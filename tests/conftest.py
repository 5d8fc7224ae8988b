"""Shared fixtures: Sphinx's own test fixtures, test roots, and the built site."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-*``."""
    return Path(__file__).parent / "roots"


def build_site(
    outdir: Path, *args: str, env: dict[str, str] | None = None, srcdir: Path = DOCS
) -> Path:
    """Build ``docs/`` (or *srcdir*) the way ``make html`` does; return the HTML folder."""
    html = outdir / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "-d",
            str(outdir / "doctrees"),
            *args,
            str(srcdir),
            str(html),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    # -q leaves warnings and errors only: a clean build prints nothing.
    assert result.stdout == "", result.stdout
    return html


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test session with warnings as errors."""
    return build_site(tmp_path_factory.mktemp("site"))


def parse_html(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
