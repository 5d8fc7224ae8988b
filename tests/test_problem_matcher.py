"""The CI's problem matcher, run over the real output of ``make check`` on a broken site.

The workflow's ``check`` job registers ``.github/problem-matchers/sphinx.json`` and runs
``make check``. GitHub's runner then reads each line of the output with the matcher's regexp
(a .NET regex compiled with ``RegexOptions.ECMAScript``) and makes an annotation of each
match. ``annotations`` below does what the runner does (actions/runner,
``src/Runner.Worker/Handlers/OutputManager.cs`` and ``IssueMatcher.cs``), with Python's
``re``: the test of the regexps' dialect keeps them to what both engines read alike.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support import DOCS, REPO, build

MATCHER = REPO / ".github" / "problem-matchers" / "sphinx.json"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
COLOUR = re.compile(r"\x1b\[[0-9;]*m?")  # the runner strips these before matching
PROBLEM = re.compile(r": (WARNING|ERROR|CRITICAL): ")


@dataclass(frozen=True)
class Annotation:
    file: str | None  # relative to the repository, as GitHub shows it
    line: int | None
    severity: str
    message: str


def annotations(output: str, repository: Path) -> list[Annotation]:
    """The annotations GitHub's runner makes of *output*, the workspace being *repository*.

    Per line, colour codes are stripped and the first matcher whose regexp matches (searched,
    not anchored) makes the annotation. Its severity is the severity group, else the
    matcher's own, else "error"; any other word than error, warning or notice (in any case)
    drops the line, as does an empty message. A relative file is taken from the workspace; a
    file is kept only if it exists in the repository, as a path relative to it.
    """
    matchers = json.loads(MATCHER.read_text(encoding="utf-8"))["problemMatcher"]
    found = []
    for raw in output.splitlines():
        text = COLOUR.sub("", raw)
        for matcher in matchers:
            (pattern,) = matcher["pattern"]
            match = re.search(pattern["regexp"], text)
            if match is None:
                continue

            def group(key: str, match: re.Match = match, pattern: dict = pattern) -> str:
                return (match[pattern[key]] or "") if key in pattern else ""

            message = group("message")
            severity = (group("severity") or matcher.get("severity") or "error").lower()
            if not message.strip() or severity not in {"error", "warning", "notice"}:
                continue
            file = None
            if group("file").strip():
                path = Path(os.path.normpath(repository / group("file")))
                if path.is_file() and path.is_relative_to(repository):
                    file = path.relative_to(repository).as_posix()
            line = int(group("line")) if group("line").isdigit() else None
            found.append(Annotation(file, line, severity, message))
            break
    return found


def test_the_regexps_mean_the_same_to_python_and_to_the_runner():
    config = json.loads(MATCHER.read_text(encoding="utf-8"))
    owners = [matcher["owner"] for matcher in config["problemMatcher"]]
    assert len(set(owners)) == len(owners)
    for matcher in config["problemMatcher"]:
        assert matcher.get("severity", "error") in {"error", "warning", "notice"}
        for pattern in matcher["pattern"]:
            regexp = pattern["regexp"]
            # No escapes (\d, \s, \w and \b are Unicode-aware in Python, ASCII in ECMAScript
            # mode) and no group syntax but (?:...) (no lookbehind, names, inline flags).
            assert "\\" not in regexp
            assert "(?" not in regexp.replace("(?:", "")
            groups = re.compile(regexp).groups
            indexes = [value for key, value in pattern.items() if key != "regexp"]
            assert all(isinstance(index, int) and 0 < index <= groups for index in indexes)
            assert "message" in pattern


def test_the_workflow_registers_the_matcher_before_make_check():
    steps = [step.get("run", "") for step in workflow_job("check")["steps"]]
    register = steps.index('echo "::add-matcher::.github/problem-matchers/sphinx.json"')
    assert steps.index("make check") > register


def workflow_job(name: str) -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"][name]


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first *old* in *path* by *new*; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def append(path: Path, text: str) -> int:
    """Append *text* (lines) to *path*; return the 1-based line where it starts."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def copy_of_the_site(repository: Path) -> Path:
    """What ``make check`` reads, copied into *repository*: the site and the tools."""
    docs = repository / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(REPO / "tools", repository / "tools", ignore=shutil.ignore_patterns("__*"))
    shutil.copytree(
        REPO / "sphinx_alliance" / "schemas", repository / "sphinx_alliance" / "schemas"
    )
    return docs


def make_check(repository: Path) -> str:
    """``make check``'s output in *repository*, with this suite's Python; it must fail."""
    result = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "check", "STAMP=",
         f"BIN={Path(sys.executable).parent}"],
        cwd=repository, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    return result.stdout + result.stderr


def make_check_on_broken_copy(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, dict[str, tuple[str, int, str, str]], Path]:
    """``make check``'s output on a copy of the repository broken in every way at once.

    Returns the output; per mistake, the annotation expected (file, line, severity and a
    part of the message); and the copy.
    """
    repository = tmp_path_factory.mktemp("broken") / "repository"
    docs = copy_of_the_site(repository)
    members = docs / "_data" / "members.yml"
    projects = docs / "_data" / "projects.yml"
    index = docs / "index.md"
    contributing = docs / "contributing.md"
    expected = {}

    line = replace_once(members, "  homepage:", "  hompage:")
    expected["misspelled member key (schema)"] = (
        "docs/_data/members.yml",
        line,
        "error",
        "('hompage' was unexpected)",
    )
    expected["misspelled member key (build)"] = (
        "docs/_data/members.yml",
        line,
        "warning",
        "unknown key 'hompage'",
    )
    line = replace_once(members, "logo: dfinity.svg", "logo: dfinity-logo.svg")
    expected["missing logo file"] = (
        "docs/_data/members.yml", line, "warning",
        "logo file '_static/members/dfinity-logo.svg' not found",
    )  # fmt: skip
    first, second = re.findall(r"^:name: (\S+)$", index.read_text(encoding="utf-8"), re.M)[:2]
    line = replace_once(index, f":name: {second}\n", f":name: {first}\n")
    expected["reused :name:"] = (
        "docs/index.md",
        line,
        "warning",
        f"faq :name: '{first}' is already used",
    )
    line = replace_once(index, ":name: how-to-join\n", ":name: how-to-join\n:opne:\n")
    expected["unknown directive option"] = (
        "docs/index.md",
        line + 1,
        "warning",
        "faq: unknown option 'opne' ignored",
    )
    line = append(contributing, "See {ref}`no-such-entry`.\n")
    expected["undefined {ref}"] = (
        "docs/contributing.md",
        line,
        "warning",
        "undefined label: 'no-such-entry'",
    )
    line = append(contributing, ":::{fqa} A misspelled directive?\n\nAnswer.\n:::\n")
    expected["unknown directive (MyST)"] = (
        "docs/contributing.md",
        line,
        "warning",
        "Unknown directive type: 'fqa'",
    )
    line = replace_once(projects, "  language: Rust\n", "  langauge: Rust\n")
    expected["misspelled project field (schema)"] = (
        "docs/_data/projects.yml",
        line,
        "error",
        "('langauge' was unexpected)",
    )
    page = docs / "projects" / "wasmtime.md"
    expected["misspelled project field (page)"] = (
        "docs/projects/wasmtime.md",
        line_of(page, "  - {{ projects.wasmtime.language }}"),
        "warning",
        "has no attribute 'language'",
    )

    return make_check(repository), expected, repository


def test_each_mistake_is_an_annotation_on_its_line(tmp_path_factory):
    # One build for all the mistakes: one test, so that xdist never builds it twice.
    output, expected, repository = make_check_on_broken_copy(tmp_path_factory)
    found = annotations(output, repository)
    for mistake, (file, line, severity, message) in expected.items():
        here = [a for a in found if (a.file, a.line, a.severity) == (file, line, severity)]
        assert any(message in a.message for a in here), (mistake, here, output)

    # Every problem line, and only those, is an annotation with a file and a line.
    problems = [line for line in output.splitlines() if PROBLEM.search(line)]
    assert len(found) == len(problems) >= len(expected)
    assert all(a.file and a.line for a in found), found
    # The build names files by their absolute path; the runner makes them relative.
    assert all(a.file and a.file.startswith("docs/") for a in found)


def test_docutils_errors_are_error_annotations(tmp_path):
    (tmp_path / "conf.py").write_text("")
    (tmp_path / "index.rst").write_text(
        "Title\n=====\n\n.. fqa:: Misspelled?\n\n=======\n Other\n\nText.\n"
    )
    result = build(tmp_path)
    # docutils' errors span lines: the first one, with the location, is the annotation.
    # The stream as written (a runner's log is no terminal either), not un-coloured.
    found = annotations(result.app.warning.getvalue(), tmp_path)
    assert [(a.file, a.line, a.severity, a.message) for a in found] == [
        ("index.rst", 4, "error", 'Unknown directive type "fqa".'),
        ("index.rst", 6, "error", "Missing matching underline for section title overline."),
    ]


def test_a_yaml_mistake_in_the_sites_data_is_an_annotation_not_a_traceback(tmp_path):
    repository = tmp_path / "repository"
    projects = copy_of_the_site(repository) / "_data" / "projects.yml"
    line = replace_once(projects, "wasmtime:\n", "wasmtime: : :\n")
    output = make_check(repository)
    assert "Traceback" not in output
    found = annotations(output, repository)
    here = {(a.severity, a.message) for a in found if a.file == "docs/_data/projects.yml"}
    assert (
        "warning",
        "mapping values are not allowed here; the project pages lack their facts",
    ) in here
    assert all(a.line == line for a in found if a.file == "docs/_data/projects.yml")
