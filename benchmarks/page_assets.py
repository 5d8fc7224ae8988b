"""What ``alliance_page_assets`` costs per page: its decision timed inside a real build.

Usage (from the repository root)::

    python benchmarks/page_assets.py              # 5,000 pages
    python benchmarks/page_assets.py --pages 500

Writes a project of N small pages (a heading and two paragraphs each; a code block on every
third page, a sphinx-design tab set on every tenth), builds it to HTML in this process with
``sphinx_copybutton``, ``sphinx_design`` and ``sphinx_alliance``, the feature on and no
sidebars (alabaster's navigation would list every page on every page), and
times every call of the ``html-page-context`` handler that decides a page's files. Pygments'
stylesheet is inlined, and rewritten when the build finishes, as furo rewrites it: the
extension's pass that puts the final text into the written pages is timed too, and so is the
gathering of every document's titles, once before the pages are written. The whole build's
CPU time is printed for scale.
"""

import argparse
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

from sphinx.application import Sphinx

import sphinx_alliance.page_assets as page_assets

PAGE = """Page {n}
=========

A paragraph with *emphasis*, ``code`` and a `link <https://example.org/{n}>`_.

Another paragraph, long enough to be a page of documentation like any other, with a
cross-reference to :ref:`the first page <page-0>`.
"""
CODE = """
.. code-block:: python

   print("page {n}")
"""
TABS = """
.. tab-set::

   .. tab-item:: One

      First.

   .. tab-item:: Two

      Second.
"""

# As furo does: its own pygments.css, once the pages are written.
REWRITE_PYGMENTS_AT_THE_END = """
def setup(app):
    def rewrite(app, exception):
        path = app.outdir / "_static" / "pygments.css"
        path.write_text(path.read_text() + ".highlight .x { color: inherit }")

    app.connect("build-finished", rewrite)
"""


def write_project(root: Path, pages: int) -> None:
    (root / "conf.py").write_text(
        'extensions = ["sphinx_copybutton", "sphinx_design", "sphinx_alliance"]\n'
        "from sphinx_alliance.page_assets import BUILTIN_RULES\n"
        'alliance_page_assets = {"pygments.css": {**BUILTIN_RULES["pygments.css"], '
        '"inline": True}}\n'
        'exclude_patterns = ["_build"]\n'
        # No navigation sidebar: its toctree of N pages on every page would cost N².
        'html_sidebars = {"**": []}\n' + REWRITE_PYGMENTS_AT_THE_END
    )
    names = [f"p{n:05d}" for n in range(pages)]
    (root / "index.rst").write_text(
        ".. _page-0:\n\nIndex\n=====\n\n.. toctree::\n   :maxdepth: 1\n\n"
        + "".join(f"   {name}\n" for name in names)
    )
    for n, name in enumerate(names):
        text = PAGE.format(n=n)
        if n % 3 == 0:
            text += CODE.format(n=n)
        if n % 10 == 0:
            text += TABS
        (root / f"{name}.rst").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    args = parser.parse_args()
    timings: list[float] = []
    select = page_assets.select_page_assets

    def timed(*call_args) -> None:
        start = time.process_time()
        select(*call_args)
        timings.append(time.process_time() - start)

    page_assets.select_page_assets = timed
    update_pages = page_assets.RewrittenStylesheets.update_pages
    rewrite: list[float] = []

    def timed_update(*call_args) -> None:
        start = time.process_time()
        update_pages(*call_args)
        rewrite.append(time.process_time() - start)

    page_assets.RewrittenStylesheets.update_pages = timed_update
    gather = page_assets.Navigation.gather
    gathered: list[float] = []

    def timed_gather(*call_args) -> None:
        start = time.process_time()
        gather(*call_args)
        gathered.append(time.process_time() - start)

    page_assets.Navigation.gather = timed_gather
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root, args.pages)
        start = time.process_time()
        app = Sphinx(root, root, root / "_build/html", root / "_build/doctrees", "html",
                     status=StringIO(), warning=StringIO())  # fmt: skip
        app.build()
        build = time.process_time() - start
        rewritten = sum(
            "highlight .x" in path.read_text() for path in (root / "_build/html").glob("p*.html")
        )
    total = sum(timings)
    print(f"{len(timings)} pages written; build {build:.2f} s CPU")
    print(
        f"decision per page: median {statistics.median(timings) * 1e6:.0f} µs, "
        f"max {max(timings) * 1e6:.0f} µs; all pages {total:.3f} s "
        f"({total / build:.1%} of the build)"
    )
    print(f"titles of every document gathered once: {sum(gathered) * 1e3:.1f} ms CPU")
    print(
        f"final pygments.css put into {rewritten} pages with code: {sum(rewrite):.3f} s CPU "
        f"({sum(rewrite) / build:.1%} of the build)"
    )


if __name__ == "__main__":
    main()
