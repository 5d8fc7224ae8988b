"""Shared fixtures: Sphinx's own test fixtures, test roots, and the built site."""

import copy
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, Phase, settings

pytest_plugins = ("sphinx.testing.fixtures",)

# Generated-input tests build Sphinx projects: each example is a batch of many
# instances, so few examples go a long way. `make fuzz` runs the long profile.
# No shrinking in the suite: each try rebuilds a project (minutes in all), and the
# failing example, printed whole, reproduces from its seed.
settings.register_profile(
    "suite",
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", settings.get_profile("suite"), max_examples=24, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

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


# Elements that a browser shows as blocks (HTML's default style sheet), and <br>.
BLOCKS = "address, article, aside, blockquote, br, caption, dd, details, div, dl, dt, "
BLOCKS += "figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, "
BLOCKS += "p, pre, section, summary, table, td, th, tr, ul"


def shown_text_of(tag: Tag) -> str:
    """The text of *tag* a reader sees, white space collapsed, blocks apart: no script,
    style, template, ``hidden`` element or permalink mark."""
    tag = copy.copy(tag)
    for hidden in tag.select("script, style, template, [hidden], a.headerlink"):
        hidden.decompose()
    for block in tag.select(BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    return " ".join(tag.get_text().split())


@contextmanager
def hang_guard(seconds: int, what: str) -> Iterator[None]:
    """Fail (rather than hang the suite) if the block runs longer than *seconds*."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def faq_entry(soup: BeautifulSoup, anchor: str):
    """The ``div.sa-faq`` that *anchor* (its question's id, or an extra id) leads to."""
    target = soup.find(id=anchor)
    return None if target is None else target.find_parent("div", class_="sa-faq")


def faq_anchor(entry) -> str:
    """The anchor of the entry ``div.sa-faq``: the id of its question, the ``<summary>``."""
    return entry.find("details", recursive=False).find("summary", recursive=False)["id"]
