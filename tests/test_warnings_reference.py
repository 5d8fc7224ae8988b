"""Every warning the code can emit is in the reference's warnings page, read from the code.

``test_snippets_reference.py`` builds a project full of mistakes and matches what it warns
against ``warnings.md``; this test reads the package's source instead, so that a warning no
mistake of that project triggers is held to the page too. A message is written in one of
three places: the message argument of ``warn(...)`` (or a feature's own ``self.warn``), a
problem noted for a member (``.problem(...)``), or ``msg = ...`` before an exception whose
text becomes a warning. Each literal clause of such a message must stand in the page.
"""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_alliance"
WARNINGS_PAGE = PACKAGE.parent / "docs" / "extension" / "warnings.md"
# A literal run worth holding to the page: at least two words, or one long one.
SUBSTANTIAL = re.compile(r"[A-Za-z]{3,}\W+[A-Za-z]{2,}|[A-Za-z_]{8,}")


def message_arguments(tree: ast.AST) -> list[ast.expr]:
    """The expressions that hold a warning's text, as the package writes them."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name == "warn" and len(node.args) >= 2 and isinstance(node.func, ast.Name):
                found.append(node.args[1])  # warn(subtype, message, location)
            elif name in {"warn", "problem"} and isinstance(node.func, ast.Attribute):
                found.append(node.args[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "msg" for target in node.targets
        ):
            found.append(node.value)
    return found


def literal_runs(expression: ast.expr) -> list[str]:
    """The literal text of a message, one item per run between formatted values."""
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, ast.JoinedStr):
        return [
            part.value
            for part in expression.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        ]
    return []


def messages() -> list[tuple[str, int, str]]:
    """(module, line, literal run) of every substantial run of every message."""
    runs = []
    for module in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for expression in message_arguments(tree):
            for run in literal_runs(expression):
                # Clause by clause: the page may show a message's example values, and says
                # once for a group of messages how they all end ("entry left out").
                for clause in re.split(r";| \(", run):
                    clause = clause.strip(" :,")
                    if SUBSTANTIAL.search(clause):
                        runs.append((module.name, expression.lineno, clause))
    return runs


def test_the_package_writes_messages_where_this_test_reads_them():
    # A message written some other way would escape the test below.
    assert len(messages()) > 40
    for module in PACKAGE.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        if module.name != "_shared.py":
            assert "logger.warning(" not in text, module.name


@pytest.mark.parametrize(("module", "line", "run"), messages(), ids=lambda v: str(v)[:40])
def test_every_message_of_the_code_is_in_the_warnings_page(module, line, run):
    page = " ".join(WARNINGS_PAGE.read_text(encoding="utf-8").split())
    assert " ".join(run.split()) in page, f"{module}:{line}: {run!r} is not in warnings.md"
