"""Full-page screenshots of the built site for a reviewer: ``make screenshots``.

Usage: python tests/browser/screenshots.py HTML_DIR OUT_DIR
Writes {landing,project}-{light,dark}-{desktop,phone}.png into OUT_DIR.
"""

import sys
from pathlib import Path

from harness import DESKTOP, PHONE, launch, load_lazy_images, serve, watch
from playwright.sync_api import sync_playwright

PAGES = {"landing": "index.html", "project": "projects/wasmtime.html"}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}


def main(html: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(html) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for scheme in ("light", "dark"):
            for device, viewport in DEVICES.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                record = watch(context)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(server.url + path)
                    load_lazy_images(page)
                    target = out / f"{name}-{scheme}-{device}.png"
                    page.screenshot(path=target, full_page=True)
                    print(target)
                context.close()
                for problem in record.problems + server.errors:
                    print(f"warning: {problem}", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
