"""The rules of ``alliance_page_assets``: checked before anything is imported, then built;
and the defer pass over a page's scripts."""

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from docutils import nodes

from sphinx_alliance.page_assets import (
    BUILTIN_RULES,
    Rule,
    RuleError,
    RuleSpec,
    check_file_name,
    check_rule_spec,
    compile_rule,
    defer_scripts,
)

# (file name, rule as written, the checked spec)
GOOD_SPECS: list[tuple[str, object, RuleSpec]] = [
    ("a.css", {}, RuleSpec(None)),
    ("a.css", {"when": []}, RuleSpec(())),
    ("a.js", {"when": [".x", ".sd-*"], "defer": True}, RuleSpec((".x", ".sd-*"), defer=True)),
    ("a.css", {"when": ("docutils.nodes.paragraph",)}, RuleSpec(("docutils.nodes.paragraph",))),
    ("a.css", {"inline": True}, RuleSpec(None, inline=True)),
    ("a.css", {"when": None, "defer": False}, RuleSpec(None)),
]
# (file name, rule as written, the start of the error)
BAD_SPECS: list[tuple[str, object, str]] = [
    ("a.css", [".x"], "a rule is a dict with the keys 'when', 'defer' and 'inline', not ['.x']"),
    ("a.css", None, "a rule is a dict"),
    ("a.css", {"wehn": []}, "unknown key 'wehn' (known: 'defer', 'inline', 'when')"),
    ("a.css", {1: True}, "unknown key 1 "),
    ("a.js", {"defer": "yes"}, "'defer' must be True or False, not 'yes'"),
    ("a.js", {"defer": 1}, "'defer' must be True or False, not 1"),
    ("a.css", {"inline": None}, "'inline' must be True or False, not None"),
    ("a.css", {"when": ".x"}, "'when' must be a list of strings, not '.x'"),
    ("a.css", {"when": [b".x"]}, "'when' must be a list of strings, not [b'.x']"),
    ("a.css", {"when": ["."]}, "'.' is not a CSS class ('.name', '.prefix-*')"),
    ("a.css", {"when": [".*"]}, "'.*' is not a CSS class"),
    ("a.css", {"when": [".a*b"]}, "'.a*b' is not a CSS class"),
    ("a.css", {"when": [".two words"]}, "'.two words' is not a CSS class"),
    ("a.css", {"when": [""]}, "'' is neither a CSS class ('.name', '.prefix-*') nor an import"),
    ("a.css", {"when": ["*"]}, "'*' is neither a CSS class"),
    ("a.css", {"when": ["module"]}, "'module' is neither a CSS class"),
    ("a.css", {"when": ["x/y.Node"]}, "'x/y.Node' is neither a CSS class"),
    ("a.js", {"inline": True}, "'inline' is for stylesheets (.css files)"),
]


@pytest.mark.parametrize(("name", "spec", "checked"), GOOD_SPECS)
def test_a_usable_rule_is_checked(name: str, spec: object, checked: RuleSpec) -> None:
    assert check_rule_spec(spec, name) == checked


@pytest.mark.parametrize(("name", "spec", "error"), BAD_SPECS)
def test_an_unusable_rule_is_refused_before_any_import(
    name: str, spec: object, error: str
) -> None:
    with pytest.raises(RuleError) as raised:
        check_rule_spec(spec, name)
    assert str(raised.value).startswith(error)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        (1, "a file name is a string, not int"),
        ("", "not the name of a file"),
        ("  ", "not the name of a file"),
        ("./", "not the name of a file"),
        (" a.css", "not the name of a file"),
        ("*.css", "a rule names one file: '*' is not a wildcard here"),
    ],
)
def test_a_file_name_that_names_no_file_is_refused(name: object, error: str) -> None:
    with pytest.raises(RuleError, match=re.escape(error)):
        check_file_name(name)


@pytest.mark.parametrize(
    ("spec", "rule"),
    [
        (RuleSpec(None, defer=True), Rule(conditional=False, defer=True)),
        (RuleSpec(()), Rule(conditional=True)),
        (
            RuleSpec((".x", ".sd-*", "docutils.nodes.paragraph"), inline=True),
            Rule(
                conditional=True,
                node_types=(nodes.paragraph,),
                classes=frozenset({"x"}),
                class_prefixes=("sd-",),
                inline=True,
            ),
        ),
    ],
)
def test_a_rule_is_built_from_its_spec(spec: RuleSpec, rule: Rule) -> None:
    assert compile_rule(spec) == rule


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("pathlib.Path", "'pathlib.Path' is not the import path of a docutils node class"),
        ("no_such_module_here.Node", "is not the import path of a docutils node class"),
    ],
)
def test_a_node_class_that_is_none_is_an_error_unless_the_rule_is_builtin(
    path: str, error: str
) -> None:
    with pytest.raises(RuleError, match=error):
        compile_rule(RuleSpec((path,)))
    assert compile_rule(RuleSpec((path,)), builtin=True) == Rule(conditional=True)


def test_the_builtin_rules_are_usable() -> None:
    for name, spec in BUILTIN_RULES.items():
        check_rule_spec(spec, name)


@dataclass(frozen=True)
class Script:
    """A script as Sphinx's ``_JavaScript`` is: a file name, a priority, attributes."""

    filename: str
    priority: int = 500
    attributes: dict[str, str] = field(default_factory=dict)

    def __init__(self, filename: str, *, priority: int = 500, **attributes: Any) -> None:
        object.__setattr__(self, "filename", filename)
        object.__setattr__(self, "priority", priority)
        object.__setattr__(self, "attributes", attributes)


RULES = {
    "may.js": Rule(conditional=False, defer=True),
    "also.js": Rule(conditional=False, defer=True),
    "must.js": Rule(conditional=False),
}


def script_word(script: Script) -> str:
    return (script.filename or "inline") + ("*" if "defer" in script.attributes else "")


# (the page's scripts in order, which are deferred)
PAGES = [
    ("may.js", "may.js*"),
    ("may.js also.js", "may.js* also.js*"),
    ("may.js must.js", "may.js must.js"),  # must.js runs at once and might call may.js
    ("must.js may.js", "must.js may.js*"),
    ("may.js other.js also.js", "may.js other.js also.js*"),  # a file without a rule
    ("may.js inline", "may.js inline"),  # an inline script runs at once
    ("may.js async:other.js", "may.js* other.js"),  # an async one waits anyway
    ("may.js module:other.js", "may.js* other.js"),
    ("may.js defer:other.js", "may.js* other.js*"),
    ("", ""),
]


@pytest.mark.parametrize(("page", "deferred"), PAGES)
def test_a_script_is_deferred_when_no_later_script_runs_at_once(page: str, deferred: str) -> None:
    scripts = [script_of(word) for word in page.split()]
    result = defer_scripts(scripts, RULES)
    assert " ".join(script_word(script) for script in result) == deferred
    # The search page: a script that the page loads after these runs at once.
    assert not any(
        "defer" in s.attributes and s.filename in RULES
        for s in defer_scripts(scripts, RULES, last=False)
    )


def script_of(word: str) -> Script:
    """A script from a word of PAGES: ``kind:name``, or ``inline`` for one without a file."""
    kind, _, name = word.rpartition(":")
    filename = "" if name == "inline" else name
    if kind == "async":
        attributes: dict[str, Any] = {"async": "async"}  # a keyword: no async="async"
        return Script(filename, **attributes)
    if kind == "module":
        return Script(filename, type="module")
    if kind == "defer":
        return Script(filename, defer="defer")
    return Script(filename)
