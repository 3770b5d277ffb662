"""The ``>>>`` examples in the docstrings of ``snippets/`` and ``sitekit/`` are true.

Every docstring that holds an example is one test, named after what it documents (found by
reading the source, so a new example is collected without being listed here); it runs with
``doctest`` and fails with doctest's report of the first wrong example.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest
from support import ROOT

from sitekit.deps import LOCAL_PACKAGES

PROMPT = ">>>"


def _documented(body: list[ast.stmt], prefix: str) -> list[str]:
    """Dotted names, as doctest names them, of the functions and classes (methods included)
    whose docstring holds an example."""
    found = []
    for node in body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        name = f"{prefix}.{node.name}"
        if PROMPT in (ast.get_docstring(node, clean=False) or ""):
            found.append(name)
        if isinstance(node, ast.ClassDef):
            found += _documented(node.body, name)
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def examples() -> list[tuple[str, str]]:
    """``(module, name)`` of every docstring with an example under snippets/ and sitekit/."""
    found = []
    for package in LOCAL_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if PROMPT not in text:
                continue
            tree = ast.parse(text)
            module = module_name(path)
            if PROMPT in (ast.get_docstring(tree, clean=False) or ""):
                found.append((module, module))
            found += [(module, name) for name in _documented(tree.body, module)]
    return found


EXAMPLES = examples()


def failures(test: doctest.DocTest) -> str:
    """Doctest's report of the wrong examples of ``test``; empty when every one is right."""
    report: list[str] = []
    result = doctest.DocTestRunner(verbose=False).run(test, out=report.append, clear_globs=True)
    assert result.attempted == len(test.examples) > 0, f"{test.name}: no example ran"
    return "".join(report) if result.failed else ""


def test_there_are_examples() -> None:
    modules = {module for module, _ in EXAMPLES}
    assert {"snippets.arithmetic", "sitekit.notebooks"} <= modules, modules


@pytest.mark.parametrize(("module", "name"), EXAMPLES, ids=[name for _, name in EXAMPLES])
def test_docstring_examples_are_true(module: str, name: str) -> None:
    found = {t.name: t for t in doctest.DocTestFinder().find(importlib.import_module(module))}
    assert name in found, f"doctest does not find {name} (found: {sorted(found)})"
    report = failures(found[name])
    assert not report, f"{name}: a docstring example is wrong\n{report}"


@pytest.mark.parametrize("module", sorted({m for m, _ in EXAMPLES}))
def test_every_example_of_the_module_is_collected(module: str) -> None:
    """What doctest would run in the module is exactly what this file collected."""
    finder = doctest.DocTestFinder()
    with_examples = {t.name for t in finder.find(importlib.import_module(module)) if t.examples}
    assert with_examples == {name for m, name in EXAMPLES if m == module}


def test_a_wrong_example_fails() -> None:
    wrong = doctest.DocTestParser().get_doctest(
        ">>> 1 + 1\n3\n>>> 2 + 2\n4\n", {}, "wrong", "wrong.py", 0
    )
    report = failures(wrong)
    assert "Expected:\n    3\nGot:\n    2" in report, report
