"""Print, per built page, the sections Read the Docs' search would index.

Runs Read the Docs' own indexer, ``GenericParser`` of ``readthedocs/search/parsers.py``
(MIT), read from a clone of https://github.com/readthedocs/readthedocs.org at a fixed
commit, on the HTML pages of a built site. Nothing of it is copied here: the module's text
is read from the clone with ``git show`` and run as a module, with stand-ins for the three
imports that need Read the Docs' Django settings (storage, constants, logging).

Needs the ``selectolax`` that Read the Docs pins (``requirements/pip.txt``: 0.4.11 at that
commit; ``.venv/bin/python -m pip install selectolax==0.4.11``)::

    .venv/bin/python benchmarks/rtd_sections.py --rtd-git-dir PATH [--commit SHA] \\
        [docs/_build/html] [--page index.html ...] [--full]

``--rtd-git-dir`` (or ``$RTD_GIT_DIR``) is the clone's git directory (``.git`` of a work
tree, or a bare repository).
"""

import argparse
import os
import subprocess
import sys
import types
from pathlib import Path

# readthedocs/readthedocs.org, main on 2026-08-22
DEFAULT_COMMIT = "7937196123747181054d4c2361ec81f93c37f8f2"
PARSERS = "readthedocs/search/parsers.py"
# Pages that Read the Docs does not index (Sphinx's generated pages), as its Sphinx
# indexing leaves them out.
SKIPPED = {"genindex.html", "search.html", "py-modindex.html", "404.html"}


class _Log:
    """structlog's logger, silent."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


def _stub(name: str, **attributes: object) -> None:
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules.setdefault(name, module)


def load_generic_parser(git_dir: str, commit: str) -> type:
    """``GenericParser`` as defined in *git_dir* at *commit*."""
    source = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{PARSERS}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _stub("structlog", get_logger=lambda *args: _Log())
    _stub("readthedocs")
    _stub("readthedocs.projects")
    _stub("readthedocs.projects.constants", MEDIA_TYPE_HTML="html")
    _stub("readthedocs.storage", build_media_storage=None)
    module = types.ModuleType("rtd_parsers")
    module.__file__ = f"{git_dir}@{commit}:{PARSERS}"
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module.GenericParser


def parse_page(parser_class: type, html_dir: Path, page: str) -> dict:
    """What the parser makes of *page*: its title and sections."""
    parser = parser_class.__new__(parser_class)  # no project, no storage: we pass the HTML
    parser.project = types.SimpleNamespace(slug="local")
    parser.version = types.SimpleNamespace(slug="latest", project=parser.project)
    content = (html_dir / page).read_text(encoding="utf-8")
    return parser._process_content(page, content)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("html_dir", nargs="?", default="docs/_build/html", type=Path)
    arguments.add_argument("--rtd-git-dir", default=os.environ.get("RTD_GIT_DIR"))
    arguments.add_argument("--commit", default=os.environ.get("RTD_COMMIT", DEFAULT_COMMIT))
    arguments.add_argument("--page", action="append", help="only these pages (repeatable)")
    arguments.add_argument("--full", action="store_true", help="print each section's content")
    options = arguments.parse_args()
    if not options.rtd_git_dir:
        arguments.error("--rtd-git-dir (or $RTD_GIT_DIR) is required")
    parser_class = load_generic_parser(options.rtd_git_dir, options.commit)
    pages = options.page or sorted(
        path.relative_to(options.html_dir).as_posix()
        for path in options.html_dir.rglob("*.html")
        if not path.relative_to(options.html_dir).parts[0].startswith("_")
    )
    print(f"Read the Docs GenericParser at {options.commit[:12]}, pages in {options.html_dir}")
    for page in pages:
        if page in SKIPPED:
            continue
        result = parse_page(parser_class, options.html_dir, page)
        sections = result["sections"]
        no_id = sum(1 for section in sections if not section["id"])
        print(f"\n{page}: {result['title']!r}, {len(sections)} sections, {no_id} without id")
        for section in sections:
            print(f"  #{section['id'] or '':<36} {len(section['content']):>6}  {section['title']}")
            if options.full:
                print(f"      {section['content']}")


if __name__ == "__main__":
    main()
