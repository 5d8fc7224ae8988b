"""Fixtures for the browser tests: one Chromium per worker, the built sites served locally."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from support import ROOTS, build

from .harness import DESKTOP, Record, Server, launch, serve, watch


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[Server]:
    """The real site (built once by the ``site`` fixture) on http://127.0.0.1."""
    with serve(site) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``roots/test-hostile`` built to HTML, with the warnings the build gave."""
    result = build(ROOTS / "test-hostile", builddir=tmp_path_factory.mktemp("hostile"))
    return result.outdir, result.warning_text


@pytest.fixture(scope="session")
def served_hostile(hostile_build: tuple[Path, str]) -> Iterator[Server]:
    with serve(hostile_build[0]) as server:
        yield server


@dataclass
class Visit:
    """One browser context on one served site, with what went wrong in it."""

    page: Page
    record: Record
    server: Server
    first_server_error: int

    def goto(self, path: str) -> None:
        self.page.goto(self.server.url + path)

    def problems(self) -> list[str]:
        """Console errors, failed or foreign requests, dialogs, and the server's 4xx/5xx."""
        served = self.server.errors[self.first_server_error :]
        return self.record.problems + [f"server answered {error}" for error in served]


@pytest.fixture
def browse(browser: Browser):
    """Open a fresh, watched browser context on a served site: ``browse(server, **options)``."""
    contexts = []

    def open_visit(server: Server, **options) -> Visit:
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        record = watch(context)
        return Visit(context.new_page(), record, server, len(server.errors))

    yield open_visit
    for context in contexts:
        context.close()
