"""Every figure and animation of the site, drawn from :mod:`snippets.arithmetic`.

``python -m snippets.figures`` (``make figures``) rewrites the files under ``docs/assets/``;
``--out DIR`` writes them under ``DIR`` instead; ``--report`` prints how many bytes the committed
animations weigh. ``tests/test_figures.py`` fails when a committed file differs from a fresh
render, when no page but the visual guide shows a file, when a page's alt text for a figure is not
its ``alt``, or when the animations outgrow their budget.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from snippets.figures import (
    animations,
    charts,
    grids,
    padding_modes,
    pooling,
    receptive,
    transposed,
)
from snippets.figures.registry import Figure

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ANIMATION_BUDGET = 340_000
"""Bytes all animations may weigh together: a tenth of the reference GIF set."""

FIGURES: list[Figure] = [
    *grids.FIGURES,
    *charts.FIGURES,
    *pooling.FIGURES,
    *transposed.FIGURES,
    *receptive.FIGURES,
    *padding_modes.FIGURES,
    *animations.FIGURES,
]


def write_all(root: Path = DOCS) -> list[Path]:
    """Render every figure into ``root`` (``docs/`` by default); return the paths written."""
    written = []
    for figure in FIGURES:
        path = root / figure.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(figure.render())
        written.append(path)
    return written


def animation_bytes(root: Path = DOCS) -> int:
    """Total size in bytes of the animation files under ``root`` (the committed ones by default)."""
    return sum((root / f.path).stat().st_size for f in FIGURES if f.is_animation)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m snippets.figures``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder to write into (docs/)")
    parser.add_argument(
        "--report", action="store_true", help="print the animations' total bytes, write nothing"
    )
    args = parser.parse_args(argv)
    if args.report:
        print(animation_bytes(args.out))
        return 0
    written = write_all(args.out)
    print(f"wrote {len(written)} files under {args.out}")
    return 0
