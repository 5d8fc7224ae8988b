"""Directive options that a typo cannot turn into a lost directive."""

from collections.abc import Callable
from typing import Any

from docutils.parsers.rst import directives


# Sphinx's OptionSpec spelled out: from Sphinx 9.2 it is a ``type`` alias, which no class
# can derive from.
class TextOptions(dict[str, Callable[[str], Any]]):
    """An option spec taking every option as text, unknown ones too, for ``run`` to check.

    In reStructuredText docutils drops the whole directive when an option is unknown
    or its converter raises, while MyST drops only the option: checked in ``run``,
    both keep the content and give the same warning.
    """

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged


def text_options(*names: str) -> TextOptions:
    """An option spec for *names*, each taken as text."""
    return TextOptions({name: directives.unchanged for name in names})


def unknown_options(options: dict[str, str], spec: TextOptions) -> str:
    """A warning for the options not in *spec* ('' when there are none)."""
    unknown = sorted(set(options) - set(spec))
    if not unknown:
        return ""
    return (
        f"unknown option {', '.join(map(repr, unknown))} ignored "
        f"(known: {', '.join(sorted(spec))})"
    )
