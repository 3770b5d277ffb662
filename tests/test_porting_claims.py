"""No untested claim about another framework: every paragraph, list item or admonition outside the
Porting pages that names PyTorch, JAX, ONNX, timm or Caffe links to a page whose code runs it
(the Porting pages or the porting pitfall), and so does every question that names one.

The Porting pages and the porting pitfall are exempt as wholes: their claims sit next to the
snippets that run the frameworks (``tests/test_snippets.py``) and the sweep
(``tests/test_porting_sweep.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit.sections import ROOT
from snippets.questions import all_questions

FRAMEWORK = re.compile(r"\b(PyTorch|torch|JAX|jax|ONNX|onnx|timm|Caffe2?|MXNet)\b")
TESTED = re.compile(r"\]\((?:\.\./)*(?:porting/[\w-]+\.md|[\w./-]*porting-weights\.md)")
EXEMPT = {"docs/pitfalls/porting-weights.md"}
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)
PAGES = [
    p
    for p in sorted((ROOT / "docs").rglob("*.md"))
    if not p.relative_to(ROOT).as_posix().startswith("docs/porting/")
    and p.relative_to(ROOT).as_posix() not in EXEMPT
]


def blocks(text: str) -> list[tuple[int, str]]:
    """Paragraphs, list items and admonitions of a page's body, with their first line."""
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    offset = text.count("\n", 0, len(text) - len(body))
    body = FENCE.sub(lambda m: "\n" * m[0].count("\n"), body)
    found, start, current = [], 0, []
    for number, line in enumerate(body.splitlines(), start=offset + 1):
        new_item = re.match(r"^\s*(?:[-*+]|\d+\.)\s", line) or re.match(r"^\s*!!!", line)
        in_admonition = len(current) == 1 and current[0].startswith("!!!")
        if not line.strip() and in_admonition:
            continue  # an admonition's title and its indented body are one block
        if not line.strip() or new_item:
            if current:
                found.append((start, " ".join(current)))
            current, start = ([line.strip()], number) if line.strip() else ([], number + 1)
            continue
        if not current:
            start = number
        current.append(line.strip())
    if current:
        found.append((start, " ".join(current)))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_framework_sentences_link_to_tested_code(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    untested = [
        f"{page.relative_to(ROOT)}:{line}: {block[:120]}"
        for line, block in blocks(text)
        if FRAMEWORK.search(re.sub(r"\]\([^)]*\)", "]", block)) and not TESTED.search(block)
    ]
    assert not untested, (
        "these name another framework without a link to code that runs it (docs/porting/ or "
        "the porting pitfall):\n" + "\n".join(untested)
    )


def test_questions_that_name_a_framework_link_to_tested_code() -> None:
    untested = [
        q.id
        for q in all_questions().values()
        if FRAMEWORK.search(q.prompt + q.explanation) and not TESTED.search(q.explanation)
    ]
    assert not untested, f"questions naming another framework without a tested link: {untested}"
