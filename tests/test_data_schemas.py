"""The JSON Schemas of the data files, and ``tools/check_data.py`` that applies them.

The member data schema ships in the package and must agree with the ``member-logos``
directive: every bad member entry of the test roots is run through both.
"""

import importlib.util
import json
import re
import shutil
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from jsonschema.validators import validator_for
from support import DOCS, REPO, build

spec = importlib.util.spec_from_file_location("check_data", REPO / "tools" / "check_data.py")
assert spec is not None
assert spec.loader is not None
check_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_data)

MEMBERS_SCHEMA = REPO / "sphinx_alliance" / "schemas" / "members.schema.json"
PROJECTS_SCHEMA = DOCS / "_data" / "projects.schema.json"
ROOTS = Path(__file__).parent / "roots"
# The member data files of the test roots, each with bad entries.
BAD_DATA = {
    "test-member-logos-bad": ["members.yml", "not-a-list.yml", "syntax.yml"],
    "test-member-logos-hostile": [
        "numbers.yml",
        "deep.yml",
        "members.json",
        "sizes.yml",
        "paths.yml",
    ],
}
# Entries only the build can refuse: the logo file is missing, is not a regular file, or its
# size cannot be read (the hostile root's long-tag.svg and huge.png are made by its test).
BUILD_ONLY = {
    ("members.yml", "Missing File"),
    ("members.yml", "Not An SVG"),
    ("members.yml", "Missing Dark"),
    ("sizes.yml", "Exponent"),
    ("sizes.yml", "Digits"),
    ("sizes.yml", "Infinity"),
    ("sizes.yml", "NaN"),
    ("sizes.yml", "Long tag"),
    ("sizes.yml", "Huge logo"),
    ("paths.yml", "Loop"),
    ("paths.yml", "Folder"),
    ("paths.yml", "Fifo"),
}
WARNING = re.compile(r"^(\S+?):(\d+): WARNING: member-logos: (.*)$", re.MULTILINE)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [MEMBERS_SCHEMA, PROJECTS_SCHEMA], ids=lambda p: p.name)
def test_schemas_are_valid_json_schemas(path):
    schema = load(path)
    # The YAML language server (VS Code's YAML extension) reads JSON Schema draft 7 and older.
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    validator_for(schema).check_schema(schema)


def test_the_package_ships_the_member_schema():
    shipped = files("sphinx_alliance") / "schemas" / "members.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == load(MEMBERS_SCHEMA)


def test_each_data_file_names_its_schema_in_a_modeline():
    for name, schema in [("members.yml", MEMBERS_SCHEMA), ("projects.yml", PROJECTS_SCHEMA)]:
        path = DOCS / "_data" / name
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        assert check_data.schema_of(path, text).resolve() == schema


def test_the_site_data_is_valid(capsys):
    assert check_data.main([str(path) for path in sorted((DOCS / "_data").glob("*.yml"))]) == 0
    assert capsys.readouterr().out == ""


def entry_lines(text: str) -> list[tuple[int, int]] | None:
    """The 0-based first and last line of each entry, None if the data is not a list."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.SequenceNode):
        return None
    spans = []
    for item in root.value:
        end = item.end_mark.line - (item.end_mark.column == 0)
        spans.append((item.start_mark.line, end))
    return spans


def entry_name(text: str, first: int) -> str:
    match = re.match(r"\s*(?:-\s*)?\{?\s*\"?name\"?:\s*(.*)", text.splitlines()[first])
    return match[1].strip().rstrip(",") if match else text.splitlines()[first].strip()


@pytest.fixture(scope="module")
def directive_warnings(tmp_path_factory) -> tuple[Path, str]:
    """One build with a grid for each bad data file: the warnings of the directive."""
    srcdir = tmp_path_factory.mktemp("schema-agreement")
    lines = ["Bad data", "========", ""]
    for root, names in BAD_DATA.items():
        for path in (ROOTS / root).iterdir():
            if path.suffix in {".yml", ".json", ".svg", ".png", ".webp"}:
                shutil.copy(path, srcdir / path.name)
        lines += [f".. member-logos:: {name}\n" for name in names]
    (srcdir / "conf.py").write_text('extensions = ["sphinx_alliance"]\n')
    (srcdir / "index.rst").write_text("\n".join(lines))
    return srcdir, build(srcdir).warning_text


def test_schema_and_directive_refuse_the_same_entries(directive_warnings):
    srcdir, warnings = directive_warnings
    refused_by_build = {
        (Path(path).name, int(line) - 1) for path, line, _ in WARNING.findall(warnings)
    }
    schema = load(MEMBERS_SCHEMA)
    disagree = set()
    entries = 0
    for names in BAD_DATA.values():
        for name in names:
            text = (srcdir / name).read_text(encoding="utf-8")
            by_schema = {line for line, _message in check_data.problems(text, schema)}
            by_build = {line for file, line in refused_by_build if file == name}
            spans = entry_lines(text)
            if spans is None:  # not a list of entries: both refuse the whole file
                assert by_schema, name
                assert by_build, name
                continue
            for first, last in spans:
                entries += 1
                schema_refuses = any(first <= line <= last for line in by_schema)
                build_refuses = any(first <= line <= last for line in by_build)
                if schema_refuses != build_refuses:
                    disagree.add((name, entry_name(text, first), schema_refuses))
    assert entries > 30
    # Where they differ, only the build can know: the schema accepts, the build refuses.
    assert disagree == {(name, member, False) for name, member in BUILD_ONLY}


def test_a_misspelled_key_is_flagged_at_its_line(tmp_path, capsys):
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    members = (DOCS / "_data" / "members.yml").read_text(encoding="utf-8")
    modeline = f"# yaml-language-server: $schema={MEMBERS_SCHEMA}"
    members = modeline + "\n" + members.split("\n", 1)[1].replace("  homepage:", "  hompage:", 1)
    (data / "members.yml").write_text(members, encoding="utf-8")
    line = members.splitlines().index(next(x for x in members.splitlines() if "hompage" in x))
    assert check_data.main([str(data / "members.yml")]) == 1
    (output,) = capsys.readouterr().out.splitlines()
    assert output.startswith(f"{data / 'members.yml'}:{line + 1}: ERROR: [0]: ")
    assert "('hompage' was unexpected)" in output
