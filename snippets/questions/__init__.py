"""Predict-then-check questions. Each page's questions live in the module of this package named
by the page, as its snippet module is: ``docs/myths/same-means-same-size.md`` keeps them in
``snippets/questions/myths/same_means_same_size.py``.

A question's answer is computed from the arithmetic (or from TensorFlow in the tests) wherever the
answer is a number or a shape, so the answer key is never typed twice.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One multiple-choice question.

    ``explanation`` is Markdown; its links are relative to the ``docs/`` folder
    (``concepts/padding.md#same``) and are rewritten for the page that shows the question.
    """

    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: str
    explanation: str

    def __post_init__(self) -> None:
        if len(self.choices) < 2 or len(set(self.choices)) != len(self.choices):
            raise ValueError(f"question {self.id!r}: choices must be 2 or more distinct strings")
        if self.answer not in self.choices:
            raise ValueError(
                f"question {self.id!r}: answer {self.answer!r} is not among {self.choices!r}"
            )


def _question_modules(path: list[str], prefix: str) -> list[str]:
    """Names of the question modules under a package path, subpackages included, sorted."""
    names: list[str] = []
    for info in pkgutil.iter_modules(path):
        name = f"{prefix}{info.name}"
        if info.ispkg:
            names += _question_modules(importlib.import_module(name).__path__, f"{name}.")
        else:
            names.append(name)
    return sorted(names)


def all_questions() -> dict[str, Question]:
    """Every question of every module in this package and its subpackages, by id (ids must be
    unique). The modules mirror ``docs/``: ``concepts/padding.md`` keeps its questions in
    ``snippets/questions/concepts/padding.py``."""
    found: dict[str, Question] = {}
    for name in _question_modules(__path__, f"{__name__}."):
        for question in importlib.import_module(name).QUESTIONS:
            if question.id in found:
                raise ValueError(f"question id {question.id!r} is defined twice")
            found[question.id] = question
    return found
