"""What a figure is (a file under ``docs/``, its alt text, the code that draws it), and the
words its alt texts share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One generated file, drawn by ``render`` and shown on pages with ``alt``."""

    path: str
    """Where it lives, relative to ``docs/``: ``assets/figures/`` or ``assets/animations/``."""
    alt: str
    """Alt text for ``![alt](path)``: what the picture shows, numbers included."""
    summary: str
    """One line saying what the figure is for (listed in the gallery and the report)."""
    render: Callable[[], bytes]

    @property
    def is_animation(self) -> bool:
        """True for files under ``assets/animations/``."""
        return self.path.startswith("assets/animations/")


def plural(count: int, word: str) -> str:
    """``1 cell``, ``2 cells``: alt texts and captions count things."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def pad_words(before: int, after: int) -> str:
    """Words for a ``(before, after)`` padding pair along each axis."""
    if before == after == 0:
        return "no padding"
    if before == after:
        return f"{plural(before, 'padding cell')} on each side"
    return f"{plural(before, 'padding cell')} before and {after} after"
