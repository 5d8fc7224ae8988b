"""The harness counts what goes wrong on a page, and not what the browser cancels itself."""

import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .harness import DESKTOP, NavigationCancels, Record, serve, watch

ABORTED = "net::ERR_ABORTED"
HEAD = '<!doctype html><link rel="icon" href="data:,">'  # no request for /favicon.ico


@dataclass(eq=False)
class FakeRequest:
    """What ``NavigationCancels`` reads of a Playwright request."""

    frame: object
    failure: str | None = None
    url: str = "http://127.0.0.1/favicon.ico"


def test_only_requests_aborted_by_their_frames_navigation_are_cancels() -> None:
    main, other = object(), object()
    cancels = NavigationCancels()
    first_page = FakeRequest(main)
    favicon = FakeRequest(main)
    refused = FakeRequest(main)
    fetch_aborted = FakeRequest(main)  # aborted by the page itself, before any navigation
    in_other_frame = FakeRequest(other)
    cancels.started(first_page)
    cancels.committed(main)
    for request in (favicon, refused, in_other_frame):
        cancels.started(request)
    fetch_aborted.failure = ABORTED
    cancels.started(fetch_aborted)
    assert not cancels.cancelled(fetch_aborted)

    cancels.started(FakeRequest(main))  # the test's next goto: the old page is still shown
    late_favicon = FakeRequest(main, failure=ABORTED)  # sent as the next page was requested
    cancels.started(late_favicon)
    cancels.committed(main)  # the next page is shown
    favicon.failure = ABORTED
    refused.failure = "net::ERR_CONNECTION_REFUSED"
    in_other_frame.failure = ABORTED
    assert cancels.cancelled(favicon)
    assert cancels.cancelled(late_favicon)
    assert not cancels.cancelled(refused)
    assert not cancels.cancelled(in_other_frame)
    assert not cancels.cancelled(FakeRequest(main, failure=ABORTED))  # never seen starting


def test_an_abort_is_judged_when_the_problems_are_read() -> None:
    """Chromium may report an abort before the page that caused it is shown."""
    main = object()
    record = Record()
    favicon = FakeRequest(main, failure=ABORTED)
    record.navigation_cancels.started(favicon)
    record.aborted.append(favicon)
    assert record.problems == [f"request failed: {favicon.url} ({ABORTED})"]
    record.navigation_cancels.committed(main)
    assert record.problems == []


@pytest.mark.browser
def test_a_page_left_while_it_loads_is_no_problem(browser: Browser, tmp_path: Path) -> None:
    """An image still loading when the page is left fails with ERR_ABORTED, unrecorded;
    a refused connection and a 404 on the next page are recorded."""
    (tmp_path / "slow.html").write_text(f'{HEAD}<title>Slow</title><img src="held.png">')
    # bound, never listening: connections are refused, and no one else can take the port
    unused = socket.socket()
    unused.bind(("127.0.0.1", 0))
    port = unused.getsockname()[1]
    (tmp_path / "broken.html").write_text(
        f"{HEAD}<title>Broken</title>"
        f'<img src="http://127.0.0.1:{port}/refused.png"><img src="missing.png">'
    )
    with unused, serve(tmp_path) as server:
        context = browser.new_context(viewport=DESKTOP)
        try:
            record = watch(context)
            page = context.new_page()
            # never answered: the image loads until the page is left
            page.route("**/held.png", lambda route: None)
            with page.expect_request("**/held.png") as held:
                page.goto(server.url + "slow.html", wait_until="commit")
            refused = f"http://127.0.0.1:{port}/refused.png"
            with (
                page.expect_event("requestfailed", lambda request: request.url == refused),
                page.expect_response("**/missing.png"),
                page.expect_event("requestfailed", lambda request: request is held.value) as left,
            ):
                page.goto(server.url + "broken.html")
            assert left.value.failure == ABORTED
        finally:
            context.close()
    # (the console's errors about the same two requests may come later)
    assert sorted(p for p in record.problems if not p.startswith("console error: ")) == [
        f"HTTP 404: {server.url}missing.png",
        f"request failed: {refused} (net::ERR_CONNECTION_REFUSED)",
    ]
