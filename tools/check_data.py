"""Check YAML data files against the JSON Schema that each one names, in seconds.

A data file names its schema the way editors read it, in a comment near its top:
``# yaml-language-server: $schema=<path relative to the file>``. Each problem is printed as
``file:line: ERROR: message``, the form of Sphinx's own warnings, so that the site build's
problem matcher (.github/problem-matchers/sphinx.json) turns these into annotations too.

The YAML is read as the build reads it (PyYAML's safe loader, YAML 1.1), except that a date
stays the text it is written as, as in JSON and in an editor. A key given twice, a key that is
not a string, and anchors and aliases are refused.

Usage: python tools/check_data.py [FILE ...]   (default: docs/_data/*.yml)
Exit status: 0 if every file is valid, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jsonschema import ValidationError
from jsonschema.validators import validator_for

DEFAULT_FILES = "docs/_data/*.yml"
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.MULTILINE)
HEAD = 1024  # the modeline is among the first lines
TIMESTAMP = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
SHOWN = 60  # the most characters of a value that a message quotes
LONGEST = 300  # the most characters of a message (jsonschema's quote whole values)
REFUSED = object()  # stands for a value that cannot be read


class Mapping(dict[str, Any]):
    """A mapping that knows the line of each of its keys."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


class Sequence(list[Any]):
    """A list that knows the line where each of its items starts."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []


class LongInteger(int):
    """An integer written with too many digits to show: only its type is checked."""

    def __repr__(self) -> str:
        return self.shown

    shown = ""


def source(node: yaml.Node) -> str:
    """A node's source text, shortened, for a message."""
    start, end = node.start_mark, node.end_mark
    text = str(start.buffer)[start.index : min(end.index, start.index + SHOWN)]
    return repr(text) if text else "an empty value"


def construct(node: yaml.Node, seen: set[int], found: list[tuple[int, str]]) -> Any:
    """The value of *node*, mappings and lists knowing their lines; problems go to *found*.

    A value that cannot be read is REFUSED, a key given twice keeps its first value.
    """
    if id(node) in seen:
        found.append((node.start_mark.line, "anchors and aliases (& and *) are not supported"))
        return REFUSED
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        mapping = Mapping()
        for key_node, value_node in node.value:
            line = key_node.start_mark.line
            if key_node.tag != STR_TAG:
                found.append((line, f"a key must be a name, not {source(key_node)}"))
            elif key_node.value in mapping:
                found.append((line, f"duplicate key {key_node.value!r}"))
            else:
                mapping[key_node.value] = construct(value_node, seen, found)
                mapping.lines[key_node.value] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = Sequence()
        for item in node.value:
            sequence.append(construct(item, seen, found))
            sequence.lines.append(item.start_mark.line)
        return sequence
    if node.tag == TIMESTAMP:
        return node.value
    if node.tag == INT_TAG and len(node.value) > SHOWN:  # its repr() may be refused
        number = LongInteger()
        number.shown = source(node)
        return number
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as err:
        found.append((node.start_mark.line, f"cannot read {source(node)}: {err}"))
        return REFUSED


def line_of(root: Any, error: ValidationError) -> int:
    """The 0-based line that a schema error is about: its key's, else its entry's."""
    line, value = 0, root
    for step in error.absolute_path:
        line = value.lines[step]
        value = value[step]
    if error.validator == "additionalProperties" and isinstance(value, Mapping):
        unknown = [key for key in value if key not in error.schema.get("properties", {})]
        line = value.lines[unknown[0]] if unknown else line
    return line


def describe(error: ValidationError) -> str:
    """Where the error is (``[3].homepage``) and what it is, in the schema's words."""
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in error.path)
    message = error.message
    if error.validator in {"pattern", "not", "minLength"} and "description" in error.schema:
        shown = repr(error.instance)
        shown = shown if len(shown) <= SHOWN else shown[:SHOWN] + "…"
        message = f"{shown} does not fit: {error.schema['description']}"
    message = message if len(message) <= LONGEST else message[:LONGEST] + "…"
    return f"{path.lstrip('.') or 'the data'}: {message}"


def problems(text: str, schema: dict[str, Any]) -> list[tuple[int, str]]:
    """The problems of a YAML document against *schema*, as (0-based line, message)."""
    found: list[tuple[int, str]] = []
    try:
        root_node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or str(err)
        return [(mark.line if mark else 0, f"invalid YAML: {reason}")]
    except RecursionError:
        return [(0, "invalid YAML: nested too deeply")]
    root = construct(root_node, set(), found) if root_node is not None else None
    validator = validator_for(schema)(schema)
    for error in validator.iter_errors(root):
        if error.instance is not REFUSED:  # already said why
            found.append((line_of(root, error), describe(error)))
    return sorted(found)


def schema_of(path: Path, text: str) -> Path | None:
    """The schema a data file names in its modeline."""
    modeline = MODELINE.search(text[:HEAD])
    return Path(os.path.normpath(path.parent / modeline[1])) if modeline else None


def check(path: Path) -> Iterator[str]:
    """Lines in the form of Sphinx's warnings, one per problem of a data file."""
    try:
        text = path.read_text(encoding="utf-8")
        schema_path = schema_of(path, text)
        if schema_path is None:
            yield f"{path}:1: ERROR: no '# yaml-language-server: $schema=...' names the schema"
            return
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        yield f"{path}:1: ERROR: cannot read the file or its schema: {err}"
        return
    for line, message in problems(text, schema):
        yield f"{path}:{line + 1}: ERROR: {message} (schema: {schema_path})"


def main(arguments: list[str]) -> int:
    paths = [Path(arg) for arg in arguments] or sorted(Path().glob(DEFAULT_FILES))
    found = [line for path in paths for line in check(path)]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
