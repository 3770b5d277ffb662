"""The question bank and its rendering."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from sitekit.quiz import MARKER, expand, relink, render
from sitekit.sections import ROOT
from snippets.questions import Question, all_questions


@pytest.mark.site_wide
def test_bank_loads_with_unique_ids() -> None:
    questions = all_questions()
    assert len(questions) >= 6
    for qid, question in questions.items():
        assert qid == question.id and question.answer in question.choices


@pytest.mark.parametrize(
    ("choices", "answer", "message"),
    [
        (("a",), "a", "2 or more distinct"),
        (("a", "a"), "a", "2 or more distinct"),
        (("a", "b"), "c", "'c' is not among"),
    ],
)
def test_bad_questions_are_refused(choices: tuple[str, ...], answer: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Question("q", "prompt", choices, answer, "why")


def test_render_marks_exactly_one_correct_choice() -> None:
    for question in all_questions().values():
        html = render(question, "concepts/padding.md")
        assert html.count('data-correct="true"') == 1
        assert html.count("<button") == len(question.choices)


def test_links_are_rewritten_for_the_page() -> None:
    text = "[a](concepts/output-size.md#x) [b](https://example.org/a.md) [c](#here)"
    assert relink(text, "concepts/padding.md") == (
        "[a](output-size.md#x) [b](https://example.org/a.md) [c](#here)"
    )
    assert relink(text, "quiz.md").startswith("[a](concepts/output-size.md#x)")
    assert relink(text, "myths/a/b.md").startswith("[a](../../concepts/output-size.md#x)")


def test_expand_all_and_unknown() -> None:
    page = expand("<!-- quiz: all -->", "quiz.md")
    assert page.count('class="quiz"') == len(all_questions())
    assert re.search(r"Answered 0 of \d+", page)
    with pytest.raises(ValueError, match="unknown question 'nope'"):
        expand("<!-- quiz: nope -->", "x.md")


def test_duplicate_ids_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import pkgutil

    import snippets.questions as bank

    twice = [pkgutil.ModuleInfo(None, "connections", False)] * 2  # type: ignore[arg-type]
    monkeypatch.setattr(bank.pkgutil, "iter_modules", lambda _path: twice)
    with pytest.raises(ValueError, match="defined twice"):
        bank.all_questions()


QUESTION_FILES = sorted(
    p for p in (ROOT / "snippets" / "questions").rglob("*.py") if p.name != "__init__.py"
)


@pytest.mark.parametrize("module", QUESTION_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_pages_questions_render_and_are_asked_on_it(module: Path) -> None:
    """A page's questions module (``make check PAGE=...`` runs the page's): each question
    renders with exactly one right choice, and the page named like the module asks it."""
    name = module.relative_to(ROOT / "snippets" / "questions").with_suffix("").as_posix()
    page = ROOT / "docs" / f"{name.replace('_', '-')}.md"
    questions = importlib.import_module(f"snippets.questions.{name.replace('/', '.')}").QUESTIONS
    assert questions, f"{module.relative_to(ROOT)}: QUESTIONS is empty"
    assert page.is_file(), f"{module.relative_to(ROOT)} belongs to no page ({page} is missing)"
    asked = {m["id"] for m in MARKER.finditer(page.read_text(encoding="utf-8"))}
    src = page.relative_to(ROOT / "docs").as_posix()
    for question in questions:
        assert isinstance(question, Question), f"{module.relative_to(ROOT)}: {question!r}"
        assert render(question, src).count('data-correct="true"') == 1, question.id
        assert question.id in asked, f"docs/{src} does not ask {question.id!r}"
