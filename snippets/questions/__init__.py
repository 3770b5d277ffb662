"""Predict-then-check questions. Each page's questions live in a module of this package.

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


def _modules(package: str, path: list[str]) -> list[str]:
    """Every module of a package and its subpackages (one per docs folder), sorted by name."""
    names = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
        name = f"{package}.{info.name}"
        if info.ispkg:
            names += _modules(name, importlib.import_module(name).__path__)
        else:
            names.append(name)
    return names


def all_questions() -> dict[str, Question]:
    """Every question of every module in this package and its subpackages, by id (ids must be
    unique)."""
    found: dict[str, Question] = {}
    for name in _modules(__name__, __path__):
        for question in importlib.import_module(name).QUESTIONS:
            if question.id in found:
                raise ValueError(f"question id {question.id!r} is defined twice")
            found[question.id] = question
    return found
