"""Directive options that a typo cannot turn into a lost directive."""

from collections.abc import Callable
from typing import Any

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


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


def option_location(directive: SphinxDirective, *names: str) -> str:
    """Where the first of the options *names* is written (``path:line``), so that a warning
    about an option points at the line a contributor changed; else the directive's line.

    Options are the ``:name: value`` lines after the opening line (or, in MyST, the
    ``name: value`` lines of a ``---`` block there), up to the first blank line.
    """
    source, line = directive.get_source_info()
    in_yaml_block = False
    for offset, text in enumerate(map(str.strip, directive.block_text.splitlines()[1:]), 1):
        if text == "---":
            if in_yaml_block:
                break
            in_yaml_block = True
            continue
        if not text and not in_yaml_block:
            break
        key, colon, _ = (text if in_yaml_block else text.removeprefix(":")).partition(":")
        if colon and key in names:
            return f"{source}:{line + offset}"
    return f"{source}:{line}"
