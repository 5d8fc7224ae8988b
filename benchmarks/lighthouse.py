"""Lighthouse on built sites served from 127.0.0.1: scores, paint metrics, bytes, requests.

Usage (from the repository root; ``make lighthouse`` runs the first line)::

    python benchmarks/lighthouse.py                                  # docs/_build/html
    python benchmarks/lighthouse.py --site before=/tmp/before/html --site after=docs/_build/html

Lighthouse (``node_modules/.bin/lighthouse``, pinned in package.json) drives Debian's
Chromium with its default mobile profile (simulated slow 4G, 4x CPU slowdown). Each site is
served as plain files by Python's HTTP server, uncompressed (``--gzip``: text files
compressed, as Read the Docs serves them); the runs of the sites
alternate, so a change in the machine's load falls on all of them, and the table shows
medians. "gzip" is what the same files weigh compressed (gzip -6), as a host that compresses
would send them.
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["index.html", "projects/wasmtime.html"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


class GzipHandler(QuietHandler):
    """Send text files gzip-compressed, as Read the Docs' CDN does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        if path.suffix not in {".html", ".css", ".js", ".svg"} or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, handler_class=QuietHandler) -> http.server.ThreadingHTTPServer:
    """Serve *directory* on a free port of 127.0.0.1 from a background thread."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str) -> dict:
    """One Lighthouse run on *url*: its JSON report."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def figures(report: dict, root: Path) -> dict[str, float]:
    """The figures of one report; gzip sizes are those of the served files."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    gzip_bytes = 0
    for request in requests:
        path = root / unquote(urlsplit(request["url"]).path).lstrip("/")
        if path.is_dir():
            path /= "index.html"
        if path.is_file():
            gzip_bytes += len(gzip.compress(path.read_bytes(), compresslevel=6))
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    row = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    row |= {
        "FCP ms": audits["first-contentful-paint"]["numericValue"],
        "LCP ms": audits["largest-contentful-paint"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "gzip": gzip_bytes,
        # Lighthouse's own count ("resource-summary"): requests that reach the network, not
        # data: URLs, which network-requests lists too.
        "requests": next(
            item["requestCount"]
            for item in audits["resource-summary"]["details"]["items"]
            if item["resourceType"] == "total"
        ),
        "blocking": len(blocking),
    }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        action="append",
        metavar="LABEL=DIR",
        help="a built HTML folder to measure (repeatable; default: docs/_build/html)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--page", action="append", help=f"pages to measure (default {PAGES})")
    parser.add_argument("--gzip", action="store_true", help="serve text files gzip-compressed")
    args = parser.parse_args()
    sites = dict(site.split("=", 1) for site in args.site or [f"site={REPO}/docs/_build/html"])
    pages = args.page or PAGES
    handler = GzipHandler if args.gzip else QuietHandler
    servers = {label: serve(Path(path), handler) for label, path in sites.items()}
    rows: dict[tuple[str, str], list[dict[str, float]]] = {}
    for run in range(args.runs):
        for page in pages:
            for label, server in servers.items():
                url = f"http://127.0.0.1:{server.server_port}/{page}"
                row = figures(lighthouse(url), Path(sites[label]))
                rows.setdefault((page, label), []).append(row)
                print(f"run {run + 1}/{args.runs} {page} {label}: {row}", flush=True)
    columns = list(next(iter(rows.values()))[0])
    served = "gzip-compressed" if args.gzip else "uncompressed"
    print(f"\nLighthouse medians of {args.runs} runs, mobile profile, served {served}\n")
    print("| page | site | " + " | ".join(columns) + " |")
    print("|---|---|" + "---:|" * len(columns))
    for (page, label), runs in rows.items():
        medians = [statistics.median(run[column] for run in runs) for column in columns]
        cells = [f"{value:.3f}" if column == "CLS" else f"{value:,.0f}"
                 for column, value in zip(columns, medians, strict=True)]  # fmt: skip
        print(f"| {page} | {label} | " + " | ".join(cells) + " |")
    for server in servers.values():
        server.shutdown()


if __name__ == "__main__":
    main()
