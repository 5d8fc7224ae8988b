"""Check a release's sdist and wheel, and print its notes from CHANGELOG.md.

    python tools/release.py check DIST [--tag vX.Y.Z]   # the checks the release workflow runs
    python tools/release.py notes VERSION               # the CHANGELOG entry of VERSION

``make dist`` builds both artefacts and runs ``check``; the release workflow does the same
on a tag before it publishes, and the test suite runs it on every ``make test``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "sphinx_alliance"


def project_version() -> str:
    """The version, as ``pyproject.toml`` sets it: the one place it is written."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return str(pyproject["project"]["version"])


def release_notes(version: str, changelog: str) -> str:
    """The body of the ``## [version]`` entry of *changelog* ('' when there is none)."""
    heading = re.compile(rf"^## \[{re.escape(version)}\][^\n]*\n", re.MULTILINE)
    match = heading.search(changelog)
    if match is None:
        return ""
    end = re.compile(r"^## ", re.MULTILINE).search(changelog, match.end())
    return changelog[match.end() : end.start() if end else None].strip()


def package_files() -> set[str]:
    """What the wheel must hold of the package: its tracked files, nothing else."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", PACKAGE], cwd=REPO, capture_output=True, check=True, text=True
    ).stdout
    return {name for name in listed.split("\0") if name}


def wheel_problems(wheel: Path, version: str) -> list[str]:
    """What is wrong with *wheel*: its files and its version."""
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = f"{PACKAGE}-{version}.dist-info/"
    contents = {name for name in names if not name.startswith(dist_info)}
    expected = package_files()
    problems = [f"wheel lacks {name}" for name in sorted(expected - contents)]
    problems += [
        f"wheel holds {name}, which is not the package's" for name in sorted(contents - expected)
    ]
    for needed in (f"{PACKAGE}/py.typed", f"{PACKAGE}/locale/{PACKAGE}.pot"):
        if needed not in contents:
            problems.append(f"wheel lacks {needed}")
    if not any(name.startswith(f"{PACKAGE}/static/") for name in contents):
        problems.append("wheel holds no static files")
    if f"{dist_info}METADATA" not in names:
        return [*problems, f"wheel has no {dist_info}METADATA (is its version {version}?)"]
    metadata = Parser().parsestr(zipfile.ZipFile(wheel).read(f"{dist_info}METADATA").decode())
    if metadata["Version"] != version:
        problems.append(f"wheel's version is {metadata['Version']}, pyproject.toml's {version}")
    return problems


def sdist_problems(sdist: Path, version: str) -> list[str]:
    """What is wrong with *sdist*: its name, its package files and its build leftovers."""
    top = f"{PACKAGE}-{version}/"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(top) for name in archive.getnames()}
    problems = [f"sdist lacks {name}" for name in sorted(package_files() - names)]
    problems += [
        f"sdist holds {name}"
        for name in sorted(names)
        if "__pycache__" in name or "_build/" in name
    ]
    return problems


def check(dist: Path, tag: str | None) -> list[str]:
    """Every problem of the artefacts in *dist* (and of *tag*, when given)."""
    version = project_version()
    wheels = sorted(dist.glob(f"{PACKAGE}-*.whl"))
    sdists = sorted(dist.glob(f"{PACKAGE}-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        return [f"{dist} must hold one wheel and one sdist, not {wheels + sdists}"]
    problems = wheel_problems(wheels[0], version) + sdist_problems(sdists[0], version)
    twine = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", wheels[0], sdists[0]],
        capture_output=True,
        text=True,
        check=False,
    )
    if twine.returncode != 0:
        problems.append(f"twine check: {twine.stdout}{twine.stderr}".strip())
    if tag is not None:
        if tag != f"v{version}":
            problems.append(f"tag {tag} does not name pyproject.toml's version (v{version})")
        changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
        if not release_notes(version, changelog):
            problems.append(f"CHANGELOG.md has no entry '## [{version}]' to be the release note")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check the sdist and wheel in DIST")
    check_parser.add_argument("dist", type=Path)
    check_parser.add_argument("--tag", help="the Git tag being released, e.g. v0.2.0")
    notes_parser = commands.add_parser("notes", help="print VERSION's CHANGELOG entry")
    notes_parser.add_argument("version")
    args = parser.parse_args(argv)
    if args.command == "notes":
        notes = release_notes(args.version, (REPO / "CHANGELOG.md").read_text(encoding="utf-8"))
        if not notes:
            print(f"CHANGELOG.md has no entry '## [{args.version}]'", file=sys.stderr)
            return 1
        print(notes)
        return 0
    problems = check(args.dist, args.tag)
    for problem in problems:
        print(f"release: {problem}", file=sys.stderr)
    if not problems:
        print(f"release: {args.dist} holds a good sdist and wheel of version {project_version()}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
