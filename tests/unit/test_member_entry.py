"""A member entry's checks, from its YAML to its values and problems: no Sphinx, no files."""

import pytest
import yaml

from sphinx_alliance.member_logos import MemberEntry


def mapping(text: str) -> yaml.MappingNode:
    """The YAML node of one entry."""
    node = yaml.compose(text)
    assert isinstance(node, yaml.MappingNode)
    return node


ALLOWED = "name, logo, homepage, active, logo_dark"

# (YAML of one entry, its name, homepage, active, logos, problems as (message, 0-based line))
ENTRIES = [
    ("name: Acme\nlogo: acme.svg", "Acme", None, True, [("acme.svg", 1)], []),
    (
        "name: Acme\nlogo: a.svg\nlogo_dark: a-dark.svg\nhomepage: https://acme.example\n"
        "active: false",
        "Acme",
        "https://acme.example",
        False,
        [("a.svg", 1), ("a-dark.svg", 2)],
        [],
    ),
    ("logo: a.svg", None, None, True, [("a.svg", 0)], [("missing 'name'", 0)]),
    ("name: Acme", "Acme", None, True, [], [("missing 'logo'", 0)]),
    (
        "name: Acme\nlogo: a.svg\nlogo_drak: b.svg",
        "Acme",
        None,
        True,
        [("a.svg", 1)],
        [(f"unknown key 'logo_drak' (allowed: {ALLOWED})", 2)],
    ),
    (
        "name: Acme\nname: Other\nlogo: a.svg",
        "Acme",
        None,
        True,
        [("a.svg", 2)],
        [("duplicate key 'name'", 1)],
    ),
    (
        "name: 1984\nlogo: a.svg",
        None,
        None,
        True,
        [("a.svg", 1)],
        [("'name' must be a non-empty string, not 1984", 0)],
    ),
    (
        'name: ""\nlogo: a.svg',
        None,
        None,
        True,
        [("a.svg", 1)],
        [("'name' must be a non-empty string, not \"\"", 0)],
    ),
    (
        "name: Acme\nlogo: a.svg\nhomepage: javascript:alert(1)",
        "Acme",
        "javascript:alert(1)",
        True,
        [("a.svg", 1)],
        [("homepage 'javascript:alert(1)' is not a valid http or https URL", 2)],
    ),
    (
        "name: Acme\nlogo: a.svg\nactive: maybe",
        "Acme",
        None,
        True,
        [("a.svg", 1)],
        [("'active' must be true or false, not maybe", 2)],
    ),
    (
        'name: "\\ud83d\\ude42 Smile"\nlogo: a.svg',  # a pair from JSON, joined
        "\U0001f642 Smile",
        None,
        True,
        [("a.svg", 1)],
        [],
    ),
    (
        "? [a, key]\n: value\nname: Acme\nlogo: a.svg",
        "Acme",
        None,
        True,
        [("a.svg", 3)],
        [(f"unknown key [a, key] (allowed: {ALLOWED})", 0)],
    ),
    (
        "name: " + "x" * 70 + "\nlogo: a.svg\nhomepage: [1]",
        "x" * 70,
        None,
        True,
        [("a.svg", 1)],
        [("'homepage' must be a non-empty string, not [1]", 2)],
    ),
]


@pytest.mark.parametrize(("text", "name", "homepage", "active", "logos", "problems"), ENTRIES)
def test_member_entry(
    text: str,
    name: str | None,
    homepage: str | None,
    active: bool,
    logos: list[tuple[str, int]],
    problems: list[tuple[str, int]],
) -> None:
    member = MemberEntry.check(mapping(text))
    assert (member.name, member.homepage, member.active) == (name, homepage, active)
    assert member.logos == logos
    assert member.problems == problems


@pytest.mark.parametrize(
    ("name", "label"),
    [("Acme", "member 'Acme': "), (None, ""), ("x" * 61, f"member '{'x' * 60}\u2026': ")],
)
def test_a_warning_names_the_member_shortened(name: str | None, label: str) -> None:
    member = MemberEntry(line=0, name=name)
    assert member.label == label
