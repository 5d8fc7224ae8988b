"""An FAQ entry's anchor made from its question's text."""

import pytest

from sphinx_alliance.faq import anchor_from_text

# (the question, its anchor)
QUESTIONS = [
    ("How do I join?", "how-do-i-join"),
    ("  Spaces   around  ", "spaces-around"),
    ("Ünïcödé", "unicode"),
    ("C++ or Rust?", "c-or-rust"),
    ("1984", "faq-d0ee345e31"),  # an id starts with a letter: the hash of the text instead
    ("???", "faq-2d86c2a659"),
    ("", "faq-da39a3ee5e"),
    ("\ud800 lone surrogate", "lone-surrogate"),
    ("\U0001f642", "faq-0402582bd3"),
]


@pytest.mark.parametrize(("text", "anchor"), QUESTIONS)
def test_anchor_from_text(text: str, anchor: str) -> None:
    assert anchor_from_text(text) == anchor


def test_the_hash_tells_questions_apart() -> None:
    assert anchor_from_text("???") != anchor_from_text("!!!")
