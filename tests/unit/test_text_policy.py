"""What a page can hold, and how a value is quoted in a warning: one rule for every feature."""

import json

import pytest
import yaml

from sphinx_alliance._shared import (
    code_points,
    excerpt,
    join_surrogate_pairs,
    replace_unwritable,
    unwritable_chars,
)
from sphinx_alliance.member_logos import MemberEntry

# (character, whether a page can hold it)
CHARACTERS = [
    ("a", True),
    ("\t", True),
    ("\n", True),
    ("\r", True),
    ("\x00", False),
    ("\x01", False),
    ("\x0b", False),
    ("\x0c", False),
    ("\x1f", False),
    ("\x7f", False),
    ("\x85", False),  # NEL, a C1 control
    ("\x9f", False),
    ("\xa0", True),
    ("\u2028", True),
    ("\ud800", False),  # half of a surrogate pair
    ("\udfff", False),
    ("\ufdcf", True),
    ("\ufdd0", False),  # a noncharacter
    ("\ufdef", False),
    ("\ufdf0", True),
    ("\ufffd", True),
    ("\ufffe", False),
    ("\uffff", False),
    ("\U0001f642", True),
    ("\U0001fffe", False),
    ("\U0010ffff", False),
]


@pytest.mark.parametrize(
    ("char", "holdable"), CHARACTERS, ids=[f"U+{ord(c):04X}" for c, _ in CHARACTERS]
)
def test_a_question_and_a_member_name_take_the_same_characters(char: str, holdable: bool) -> None:
    text = f"A{char}B"
    assert unwritable_chars(text) == ([] if holdable else [char])
    assert replace_unwritable(text) == (text if holdable else "A\ufffdB")
    entry = yaml.compose(f"name: {json.dumps(text)}\nlogo: a.svg")
    assert isinstance(entry, yaml.MappingNode)
    member = MemberEntry.check(entry)
    problems = [message for message, _line in member.problems]
    if holdable:
        assert problems == []
        assert member.name == text
    else:
        assert problems == [f"'name' contains {code_points(char)}, which HTML and XML cannot hold"]
        assert member.name is None


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("\ud83d\ude42", "\U0001f642"),  # as JSON writes a character beyond U+FFFF
        ("a\ud83d\ude42b", "a\U0001f642b"),
        ("\ud83d", "\ud83d"),  # a lone half stays, for the policy to refuse
        ("\ude42\ud83d", "\ude42\ud83d"),  # in the wrong order: no pair
        ("plain", "plain"),
    ],
)
def test_surrogate_pairs_are_joined_once(text: str, joined: str) -> None:
    assert join_surrogate_pairs(text) == joined
    assert unwritable_chars(text) == [c for c in joined if 0xD800 <= ord(c) <= 0xDFFF]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("", ""),
        ("short", "short"),
        ("x" * 60, "x" * 60),
        ("x" * 61, "x" * 60 + "\u2026"),
        ("\U0001f642" * 70, "\U0001f642" * 60 + "\u2026"),
    ],
)
def test_excerpt_keeps_sixty_characters(text: str, shown: str) -> None:
    assert excerpt(text) == shown


@pytest.mark.parametrize(
    ("chars", "named"),
    [("\x01", "U+0001"), (["\x00", "\ud800"], "U+0000, U+D800"), ("\U0001fffe", "U+1FFFE")],
)
def test_code_points(chars: str | list[str], named: str) -> None:
    assert code_points(chars) == named
