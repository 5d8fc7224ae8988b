"""``alliance_page_assets`` on another project's documentation, page by page, every theme.

Usage (from the repository root; the project is a git repository fetched beforehand, for
instance with ``git clone https://github.com/executablebooks/sphinx-design``)::

    python benchmarks/real_project_assets.py /path/to/sphinx-design

The documentation folder at ``COMMIT`` (sphinx-design's own docs as released in 0.7.0: one
title carries an icon, and most pages use sphinx-design) is exported into a temporary folder,
its ``conf.py`` loads sphinx-copybutton and this extension too, and it is built with the feature
off and on under each theme the test suite covers. For each written page the script reads its
HTML, finds what it uses (an ``sd-`` class: sphinx-design's stylesheet; a tab set: its script;
highlighted code: Pygments' stylesheet and sphinx-copybutton's files) and what it loads (links,
scripts, inlined stylesheets), and prints, per theme: the pages that lose a file they use (the
feature's defect: must be 0), and the files and bytes of CSS and JavaScript that all the pages
load, summed over pages, off and on. Nothing here is part of ``make test``; the synthetic
roots of ``tests/`` reproduce what this found.
"""

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bs4 import BeautifulSoup

COMMIT = "2e1bb52b863f8401d739f046d37af9f941e53abc"  # sphinx-design: "Release v0.7.0"
THEMES = ["furo", "alabaster", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
CODE = {"pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js"}
ADDED = '\nextensions = [*extensions, "sphinx_copybutton", "sphinx_alliance"]\n'


def export_docs(repository: Path, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(repository), "archive", "--format=tar", COMMIT, "docs"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    docs = into / "docs"
    with (docs / "conf.py").open("a") as conf:
        conf.write(ADDED)
    return docs


def build(docs: Path, out: Path, theme: str, page_assets: bool) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"html_theme={theme}",
         "-D", f"alliance_page_assets={int(page_assets)}", "-d", str(out / ".doctrees"),
         str(docs), str(out)],
        capture_output=True, text=True, check=False, env={**os.environ, "SPHINX_THEME": theme},
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"the {theme} build failed:\n{result.stderr}")
    return out


def name_of(url: str) -> str:
    return url.split("?")[0].split("#")[0].split("_static/", 1)[-1]


def used(soup: BeautifulSoup) -> set[str]:
    classes = {name for tag in soup.find_all(class_=True) for name in tag["class"]}
    files = set()
    if any(name.startswith("sd-") for name in classes):
        files.add("sphinx-design.min.css")
    if "sd-tab-set" in classes:
        files.add("design-tabs.js")
    if "highlight" in classes:
        files.add("pygments.css")
    if soup.select("div.highlight pre"):
        files |= CODE - {"pygments.css"}
    return files


def loaded(soup: BeautifulSoup, html: Path) -> tuple[set[str], int]:
    """The local files a page loads (linked or inlined), and their bytes."""
    files = {name_of(link["href"]) for link in soup.find_all("link", rel="stylesheet")}
    files |= {name_of(script["src"]) for script in soup.find_all("script", src=True)}
    files = {name for name in files if (html / "_static" / name).is_file()}
    size = sum((html / "_static" / name).stat().st_size for name in files)
    styles = [style.string.strip() for style in soup.find_all("style") if style.string]
    for css in (html / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        if any(style and style in text for style in styles):
            files.add(css.relative_to(html / "_static").as_posix())
            size += css.stat().st_size
    return files, size


def survey(html: Path) -> dict[str, tuple[set[str], set[str], int]]:
    pages = {}
    for path in sorted(html.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        files, size = loaded(soup, html)
        pages[path.relative_to(html).as_posix()] = (used(soup), files, size)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path, help="a clone of executablebooks/sphinx-design")
    parser.add_argument("--themes", nargs="+", default=THEMES)
    args = parser.parse_args()
    print(f"sphinx-design docs at {COMMIT[:7]}")
    print(
        "| theme | pages | losing a file, off | losing a file, on "
        "| files the pages load, off → on | KiB the pages load, off → on |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        docs = export_docs(args.repository, Path(tmp))
        for theme in args.themes:
            off = survey(build(docs, Path(tmp) / f"{theme}-off", theme, page_assets=False))
            on = survey(build(docs, Path(tmp) / f"{theme}-on", theme, page_assets=True))
            losing = {
                state: sorted(page for page, (uses, files, _) in pages.items() if uses - files)
                for state, pages in (("off", off), ("on", on))
            }
            files = [sum(len(p[1]) for p in pages.values()) for pages in (off, on)]
            sizes = [sum(p[2] for p in pages.values()) / 1024 for pages in (off, on)]
            print(
                f"| {theme} | {len(on)} | {len(losing['off'])} | {len(losing['on'])} "
                f"| {files[0]:.0f} → {files[1]:.0f} | {sizes[0]:.0f} → {sizes[1]:.0f} |"
            )
            for page in losing["on"]:
                print(f"  {theme}: {page} loses {sorted(on[page][0] - on[page][1])}")


if __name__ == "__main__":
    main()
