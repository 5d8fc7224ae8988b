"""Serve a built site on 127.0.0.1 and watch what Chromium does with it.

Shared by the browser tests and ``make screenshots``; it imports nothing from pytest.
"""

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    Playwright,
    Request,
    ViewportSize,
)

CHROMIUM = "/usr/bin/chromium"
# Playwright manages the profile itself: no --user-data-dir.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
LOCAL_HOST = "127.0.0.1"
# The WCAG 2.1 A and AA rules of axe-core, nothing from its best practices.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (Playwright's own download does not run here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging to stderr; remember every answer with status >= 400."""

    def log_request(self, code="-", size="-") -> None:
        if isinstance(code, int) and code >= 400:
            assert isinstance(self.server, _Server)
            self.server.errors.append(f"{code} {self.path}")

    def log_message(self, format, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    errors: list[str]

    def handle_error(self, request, client_address) -> None:
        # The browser drops connections it no longer needs (a page left while it loads).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Server:
    """The base URL of a served site and the error answers it has given so far."""

    url: str
    errors: list[str]


@contextmanager
def serve(directory: Path) -> Iterator[Server]:
    """Serve *directory* on a free port of 127.0.0.1 from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = _Server((LOCAL_HOST, 0), handler)
    httpd.errors = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://{LOCAL_HOST}:{httpd.server_port}/", httpd.errors)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def is_local(url: str) -> bool:
    """Whether a request stays on the local server (data: and blob: never leave the page)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or (
        parts.scheme == "http" and parts.hostname == LOCAL_HOST
    )


class RequestSeen(Protocol):
    """What ``NavigationCancels`` and ``Record`` read of a Playwright ``Request``."""

    @property
    def url(self) -> str: ...
    @property
    def frame(self) -> object: ...
    @property
    def failure(self) -> str | None: ...


class NavigationCancels:
    """Tells the requests that the browser cancelled because their page was left.

    A page left while it loads (the test's next ``goto``, a clicked link) has its pending
    requests fail with ``net::ERR_ABORTED``: that is the browser tidying up, not a problem
    of the page. Such a request was sent while an earlier document of its frame was shown:
    the favicon's, which Chromium asks for after the load, may even be sent after the next
    navigation has started, so documents are counted as they commit, not as requested.
    """

    ABORTED = "net::ERR_ABORTED"

    def __init__(self) -> None:
        self.documents: dict[object, int] = {}  # per frame: documents committed
        self.issued: dict[object, int] = {}  # per request: its frame's documents then

    @staticmethod
    def _frame(request: RequestSeen) -> object:
        try:
            return request.frame
        except Error:  # a service worker's request has no frame
            return None

    def committed(self, frame: object) -> None:
        """Note that *frame* shows a new document (Playwright's ``framenavigated``)."""
        self.documents[frame] = self.documents.get(frame, 0) + 1

    def started(self, request: RequestSeen) -> None:
        """Note a request as the browser sends it."""
        self.issued[request] = self.documents.get(self._frame(request), 0)

    def cancelled(self, request: RequestSeen) -> bool:
        """Whether a failed request was aborted because its frame has shown another
        document since it was sent."""
        if request.failure != self.ABORTED or request not in self.issued:
            return False
        return self.documents.get(self._frame(request), 0) > self.issued[request]


@dataclass
class Record:
    """What a browser context did: its requests and everything that went wrong."""

    requests: list = field(default_factory=list)
    reported: list[str] = field(default_factory=list)  # problems, as they happen
    aborted: list[RequestSeen] = field(default_factory=list)  # judged when problems are read
    navigation_cancels: NavigationCancels = field(default_factory=NavigationCancels)
    console: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Everything that went wrong so far.

        An aborted request counts unless its frame has navigated since it was sent, judged
        now rather than when it failed: Chromium may report the abort of a request (such as
        the favicon's, fetched after the load) before the navigation that caused it.
        """
        return self.reported + [
            f"request failed: {request.url} ({request.failure})"
            for request in self.aborted
            if not self.navigation_cancels.cancelled(request)
        ]


def watch(context: BrowserContext) -> Record:
    """Block every request that would leave 127.0.0.1 and record what goes wrong.

    Routing every request also switches the HTTP cache off, so each load is a cold one.
    Requests cancelled by a navigation are not problems (see ``NavigationCancels``).
    """
    record = Record()

    def route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            record.reported.append(f"request leaves {LOCAL_HOST}: {route.request.url}")
            route.abort("blockedbyclient")

    def on_console(message) -> None:
        record.console.append(f"{message.type}: {message.text}")
        if message.type == "error":
            record.reported.append(f"console error: {message.text} ({message.location})")

    def on_dialog(dialog) -> None:
        record.reported.append(f"dialog opened: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def on_response(response) -> None:
        if response.status >= 400:
            record.reported.append(f"HTTP {response.status}: {response.url}")

    def on_request(request: Request) -> None:
        record.requests.append(request)
        record.navigation_cancels.started(request)

    def on_request_failed(request: Request) -> None:
        if request.failure == NavigationCancels.ABORTED:
            record.aborted.append(request)
        else:
            record.reported.append(f"request failed: {request.url} ({request.failure})")

    def on_page(page) -> None:
        page.on("console", on_console)
        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: record.reported.append(f"page error: {error}"))
        page.on("framenavigated", record.navigation_cancels.committed)
        page.on("request", on_request)
        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)

    context.route("**/*", route)
    context.on("page", on_page)
    return record


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line per node."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"axe {violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


LOAD_LAZY_IMAGES = """async () => {
    const frame = () =>
        new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const pending = () =>
        [...document.images].some((img) => img.checkVisibility() && !img.complete);
    const step = window.innerHeight;
    for (let top = 0; pending() && top < document.documentElement.scrollHeight; top += step) {
        window.scrollTo({top, behavior: "instant"});
        await frame();
    }
    window.scrollTo({top: 0, behavior: "instant"});
}"""
SHOWN_IMAGES_COMPLETE = (
    "[...document.images].filter((img) => img.checkVisibility()).every((img) => img.complete)"
)


def load_lazy_images(page: Page) -> None:
    """Scroll down the page until every shown image has started loading; wait until all have."""
    page.evaluate(LOAD_LAZY_IMAGES)
    page.wait_for_function(SHOWN_IMAGES_COMPLETE)


# For each member of every logo grid: which of its images is shown, and how legible that one
# is. The shown image is drawn on a canvas over the backgrounds actually behind it (its own
# and its ancestors', composited as the browser does), and the "ink" (pixels that differ
# visibly from that plate) is measured against the plate with the WCAG contrast formula.
MEMBER_LOGOS = """() => {
    const channel = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    const luminance = ([r, g, b]) =>
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const contrast = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    const legibility = (img) => {
        const style = getComputedStyle(img);
        const px = (...names) => names.reduce((sum, name) => sum + parseFloat(style[name]), 0);
        const scale = 2;  // draw at twice the CSS size, as on a high-density screen
        const width = Math.round((img.clientWidth - px("paddingLeft", "paddingRight")) * scale);
        const height = Math.round((img.clientHeight - px("paddingTop", "paddingBottom")) * scale);
        const canvas = document.createElement("canvas");
        [canvas.width, canvas.height] = [width, height];
        const ctx = canvas.getContext("2d", {willReadFrequently: true});
        const backgrounds = [];
        for (let el = img; el; el = el.parentElement) {
            backgrounds.unshift(getComputedStyle(el).backgroundColor);
        }
        ctx.fillStyle = "#fff";  // the canvas of a page without any background
        ctx.fillRect(0, 0, width, height);
        for (const colour of backgrounds) {
            ctx.fillStyle = colour;
            ctx.fillRect(0, 0, width, height);
        }
        const plate = [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        ctx.drawImage(img, 0, 0, width, height);
        const pixels = ctx.getImageData(0, 0, width, height).data;
        const ink = [];
        for (let i = 0; i < pixels.length; i += 4) {
            const ratio = contrast([pixels[i], pixels[i + 1], pixels[i + 2]], plate);
            if (ratio > 1.5) ink.push(ratio);
        }
        ink.sort((a, b) => a - b);
        return {
            plate: `rgb(${plate})`,
            inkShare: ink.length / (pixels.length / 4),
            inkContrast: ink.length ? ink[Math.floor(ink.length / 2)] : 1,
        };
    };
    return [...document.querySelectorAll(".sa-member-logos .sa-member")].map((member) => {
        const images = [...member.querySelectorAll("img.sa-member-logo")];
        const shown = images.filter((img) => img.checkVisibility());
        return {
            name: images.length ? images[0].alt : member.textContent.trim(),
            images: images.map((img) => ({
                classes: img.className,
                shown: img.checkVisibility(),
                naturalWidth: img.naturalWidth,
            })),
            legibility: shown.length === 1 && shown[0].naturalWidth ? legibility(shown[0]) : null,
        };
    });
}"""
# What "legible" means for a logo: at least 1% of its box is ink, and the median ink pixel
# has 3:1 contrast with the plate (WCAG's bar for graphics a reader needs, 1.4.11).
MIN_INK_SHARE = 0.01
MIN_INK_CONTRAST = 3.0


def member_logo_problems(page: Page, scheme: str) -> list[str]:
    """What is wrong with the member logos shown on the page in the given colour scheme."""
    problems = []
    for member in page.evaluate(MEMBER_LOGOS):
        where = f"{scheme}: logo of {member['name']!r}"
        images = member["images"]
        shown = [image for image in images if image["shown"]]
        if len(shown) != 1:
            problems.append(f"{where}: {len(shown)} of its {len(images)} images shown")
            continue
        if len(images) == 2:
            wanted = "only-dark" if scheme == "dark" else "only-light"
            if wanted not in shown[0]["classes"].split():
                problems.append(f"{where}: shows {shown[0]['classes']!r}, not the {wanted} one")
        legibility = member["legibility"]
        if legibility is None:
            problems.append(f"{where}: the shown image did not load")
        elif (
            legibility["inkShare"] < MIN_INK_SHARE or legibility["inkContrast"] < MIN_INK_CONTRAST
        ):
            problems.append(f"{where}: not legible on its plate: {legibility}")
    return problems
