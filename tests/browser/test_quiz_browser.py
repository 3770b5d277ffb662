"""Predict-then-check questions work in real Chromium: mouse, keyboard, instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from snippets.questions import all_questions


def answer(page, qid: str, correct: bool, keyboard: bool = False) -> None:
    quiz = page.locator(f'.quiz[data-quiz="{qid}"]')
    choice = quiz.locator(f'.quiz__choice[data-correct="{"true" if correct else "false"}"]').first
    if keyboard:
        choice.focus()
        page.keyboard.press("Enter")
    else:
        choice.click()


@pytest.mark.pages("docs/concepts/padding.md")
def test_right_and_wrong_answers_on_a_page(page) -> None:
    page.goto("concepts/padding/")
    quiz = page.locator('.quiz[data-quiz="same-stride-1-size"]')
    explanation = quiz.locator(".quiz__explanation")
    assert explanation.is_hidden()
    answer(page, "same-stride-1-size", correct=True)
    assert quiz.get_attribute("data-answered") == "right"
    assert quiz.locator(".quiz__verdict").inner_text().startswith("Right")
    assert explanation.is_visible()
    # A second click changes nothing: the first answer is the committed one.
    quiz.locator('.quiz__choice[data-correct="false"]').first.dispatch_event("click")
    assert quiz.get_attribute("data-answered") == "right"

    other = page.locator('.quiz[data-quiz="same-split-side"]')
    answer(page, "same-split-side", correct=False, keyboard=True)
    assert other.get_attribute("data-answered") == "wrong"
    verdict = other.locator(".quiz__verdict").inner_text()
    assert verdict.startswith("Not quite") and all_questions()["same-split-side"].answer in verdict
    assert page.console_errors == [] and page.page_errors == []
    # The explanation links to the tested proof, and the link lands on it.
    other.locator(".quiz__explanation a").first.click()
    page.wait_for_url("**/concepts/output-size/#sames-uneven-split")
    # Instant navigation swaps the content after the address changes: wait for the heading.
    expect(page.locator("#sames-uneven-split")).to_be_visible()


@pytest.mark.pages("docs/quiz.md")
def test_quiz_page_keeps_score_after_instant_navigation(page) -> None:
    page.goto("./")
    page.evaluate("window.__noReload = true")
    # The home page's sidebar holds its own tab only (navigation.prune); Tools opens on the quiz.
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Tools").click()
    page.wait_for_url("**/quiz/")
    assert page.evaluate("window.__noReload") is True, "instant navigation reloaded the page"
    total = len(all_questions())
    # The address changes before the new content is in: wait for it (count() would not).
    expect(page.locator(".quiz")).to_have_count(total)
    answer(page, "resnet-stem-size", correct=True)
    answer(page, "stride-2-valid-size", correct=False)
    score = page.locator(".quiz-score").inner_text()
    assert score == f"Answered 2 of {total}: 1 right."
    assert page.console_errors == [] and page.page_errors == [] and page.foreign_requests == []
