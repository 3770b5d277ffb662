"""Pooling with SAME padding: which cells count.

Max pooling ignores the padding, and average pooling leaves it out of the divisor, so a window
that hangs over the edge pools only the real cells it covers. The input is negative on purpose:
if padding counted as zeros, every border maximum would be 0.
"""

from __future__ import annotations

import numpy as np

from snippets.arithmetic import padding_amounts, pool_output_size, window_starts
from snippets.figures.registry import Figure
from snippets.figures.svg import Svg

N = 5
POOL = 2
STRIDE = POOL  # Keras' default: strides = pool_size
MARGIN = 12
HEAD = 30
BIG = 36
"""Pitch of the pooling grids: wide enough for a value like -4.25."""


def example_input(n: int = N) -> np.ndarray:
    """The n×n input the figure pools: seeded negative integers."""
    return np.random.default_rng(0).integers(-9, 0, size=(n, n))


def real_cells(n: int, pool: int, stride: int) -> list[range]:
    """For each window along one axis, the input indices it covers that are not padding."""
    return [
        range(max(start, 0), min(start + pool, n))
        for start in window_starts(n, pool, stride, "same")
    ]


def same_pool(
    x: np.ndarray, pool: int = POOL, stride: int = STRIDE
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Max, average and divisor of SAME pooling of a square array, counting only real cells."""
    n = x.shape[0]
    spans = real_cells(n, pool, stride)
    out = len(spans)
    maxima = np.zeros((out, out), dtype=x.dtype)
    means = np.zeros((out, out))
    counts = np.zeros((out, out), dtype=int)
    for i, rows in enumerate(spans):
        for j, cols in enumerate(spans):
            window = x[rows.start : rows.stop, cols.start : cols.stop]
            maxima[i, j] = window.max()
            means[i, j] = window.mean()
            counts[i, j] = window.size
    return maxima, means, counts


def _grid(
    svg: Svg,
    x0: float,
    y0: float,
    side: int,
    text: dict[tuple[int, int], tuple[str, str]],
    cls: dict[tuple[int, int], str],
) -> None:
    for row in range(side):
        for col in range(side):
            svg.rect(
                x0 + col * BIG + 1,
                y0 + row * BIG + 1,
                BIG - 2,
                BIG - 2,
                cls.get((row, col), "f-pad"),
            )
            if (row, col) in text:
                main, sub = text[row, col]
                cx = x0 + col * BIG + BIG / 2
                svg.text(cx, y0 + row * BIG + (17 if sub else 22), main)
                if sub:
                    svg.text(cx, y0 + row * BIG + 30, sub, "f-t f-s")


def pooling_figure(n: int = N, pool: int = POOL, stride: int = STRIDE) -> bytes:
    """The padded input with its windows, then the max-pooled and average-pooled outputs."""
    x = example_input(n)
    before, after = padding_amounts(n, pool, stride, "same")
    out = pool_output_size(n, pool, stride, "same")
    maxima, means, counts = same_pool(x, pool, stride)
    side = before + n + after
    gap = 44
    x_max = MARGIN + side * BIG + gap
    x_avg = x_max + out * BIG + gap
    width = x_avg + out * BIG + MARGIN
    svg = Svg(width, HEAD + side * BIG + 40, f"SAME pooling of a {n}×{n} input")
    svg.text(MARGIN, HEAD - 10, "input + SAME padding", "f-t f-b", "start")
    _grid(
        svg,
        MARGIN,
        HEAD,
        side,
        {(r + before, c + before): (str(x[r, c]), "") for r in range(n) for c in range(n)},
        {(r + before, c + before): "f-in" for r in range(n) for c in range(n)},
    )
    for start_r in window_starts(n, pool, stride, "same"):
        for start_c in window_starts(n, pool, stride, "same"):
            svg.rect(
                MARGIN + (start_c + before) * BIG,
                HEAD + (start_r + before) * BIG,
                pool * BIG,
                pool * BIG,
                "f-acc",
            )
    outputs = [
        (x_max, "max", lambda i, j: (str(maxima[i, j]), "")),
        (x_avg, "average", lambda i, j: (f"{means[i, j]:g}", f"÷{counts[i, j]}")),
    ]
    for x0, title, label in outputs:
        svg.text(x0, HEAD - 10, title, "f-t f-b", "start")
        cells = {(i, j) for i in range(out) for j in range(out)}
        _grid(svg, x0, HEAD, out, {c: label(*c) for c in cells}, dict.fromkeys(cells, "f-out"))
    svg.text(
        MARGIN,
        HEAD + side * BIG + 24,
        f"pool {pool}×{pool}, stride {stride}, pads ({before}, {after}): "
        "dashed cells are never pooled",
        "f-t",
        "start",
    )
    return svg.to_bytes()


def pooling_alt(n: int = N, pool: int = POOL, stride: int = STRIDE) -> str:
    """Alt text of :func:`pooling_figure`."""
    before, after = padding_amounts(n, pool, stride, "same")
    _, _, counts = same_pool(example_input(n), pool, stride)
    divisors = ", ".join(map(str, sorted(set(counts.ravel().tolist()), reverse=True)))
    return (
        f"A {n}×{n} grid of negative numbers with SAME padding ({before} before, {after} after) "
        f"cut into {pool}×{pool} windows at stride {stride}. The max-pooled output keeps the "
        f"negative border values, since padding never wins a maximum; the average-pooled output "
        f"divides each window by the real cells it covers ({divisors})."
    )


FIGURES = [
    Figure(
        "assets/figures/pooling-same.svg",
        pooling_alt(),
        "SAME pooling: max ignores padding, average leaves it out of the divisor.",
        pooling_figure,
    ),
]
