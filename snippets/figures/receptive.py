"""Receptive-field growth through a stack of VALID convolutions, one row per layer.

Which cells one output depends on is found by following window_starts down the stack, layer by
layer; the tests check that the count in each row equals :func:`receptive_field` of the layers
above it.
"""

from __future__ import annotations

from functools import cache

from snippets.arithmetic import conv_output_size, receptive_field, window_starts
from snippets.figures.registry import Figure
from snippets.figures.svg import CELL, PITCH, Svg

N = 15
LAYERS = ((3, 1, 1), (3, 1, 1), (3, 2, 1), (3, 1, 1))
"""``(k, stride, dilation)`` per layer, input first."""
MARGIN = 12
LABEL_W = 96
ROW_H = 52


def lengths(n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS) -> list[int]:
    """Cells in each row: the input, then each layer's output."""
    sizes = [n]
    for k, stride, dilation in layers:
        sizes.append(conv_output_size(sizes[-1], k, stride, "valid", dilation))
    return sizes


def reads(
    row: int, index: int, n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS
) -> list[int]:
    """Cells of row ``row - 1`` that cell ``index`` of row ``row`` reads."""
    k, stride, dilation = layers[row - 1]
    start = window_starts(lengths(n, layers)[row - 1], k, stride, "valid", dilation)[index]
    return [start + j * dilation for j in range(k)]


@cache
def span(
    row: int, index: int, n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS
) -> tuple[int, int]:
    """First and last input cell that cell ``index`` of row ``row`` depends on."""
    if row == 0:
        return (index, index)
    spans = [span(row - 1, c, n, layers) for c in reads(row, index, n, layers)]
    return (min(a for a, _ in spans), max(b for _, b in spans))


def cone(n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS) -> list[set[int]]:
    """For each row, the cells the middle cell of the top row depends on."""
    sizes = lengths(n, layers)
    cells = [set() for _ in sizes]
    cells[-1] = {sizes[-1] // 2}
    for row in range(len(sizes) - 1, 0, -1):
        cells[row - 1] = {c for i in cells[row] for c in reads(row, i, n, layers)}
    return cells


def receptive_figure(n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS) -> bytes:
    """One row per layer, each cell centred over the input cells it sees; the cone shaded."""
    sizes = lengths(n, layers)
    picked = cone(n, layers)
    x0 = MARGIN + LABEL_W
    height = MARGIN + ROW_H * len(sizes) + 8
    svg = Svg(x0 + n * PITCH + 150, height, f"receptive field of a {len(layers)}-layer stack")
    centres: dict[tuple[int, int], tuple[float, float]] = {}
    for row, size in enumerate(sizes):
        y = MARGIN + ROW_H * (len(sizes) - 1 - row)
        for i in range(size):
            first, last = span(row, i, n, layers)
            centres[row, i] = (x0 + (first + last + 1) * PITCH / 2, y)
    # Lines first, so the cells cover their ends.
    for row in range(1, len(sizes)):
        for i in sorted(picked[row]):
            cx, cy = centres[row, i]
            for c in reads(row, i, n, layers):
                bx, by = centres[row - 1, c]
                svg.line(cx, cy + CELL, bx, by + 1, "f-acc")
    for row, size in enumerate(sizes):
        y = MARGIN + ROW_H * (len(sizes) - 1 - row)
        label = "input" if row == 0 else "conv {}, stride {}".format(*layers[row - 1][:2])
        svg.text(MARGIN, y + 16, label, "f-t f-b", "start")
        for i in range(size):
            cx, _ = centres[row, i]
            svg.rect(cx - CELL / 2, y + 1, CELL, CELL, "f-hot" if i in picked[row] else "f-off")
        if row == len(sizes) - 1:
            note = "one output cell"
        elif row:
            note = f"{len(picked[row])} cells feed it"
        else:
            note = f"{len(picked[row])} input cells: its field"
        svg.text(x0 + n * PITCH + 12, y + 16, note, "f-t", "start")
    return svg.to_bytes()


def receptive_alt(n: int = N, layers: tuple[tuple[int, int, int], ...] = LAYERS) -> str:
    """Alt text of :func:`receptive_figure`."""
    stack = ", ".join(f"{k}-wide stride {s}" for k, s, _ in layers)
    counts = [len(c) for c in cone(n, layers)]
    rf = receptive_field(layers)
    return (
        f"A stack of {len(layers)} VALID convolutions ({stack}) over {n} input cells, one row per "
        f"layer. Lines trace what the top cell reads; the cells it depends on are shaded: "
        f"{', '.join(map(str, reversed(counts)))} from the top row down to the input. "
        f"Receptive field {rf.size} cells, jump {rf.jump}."
    )


FIGURES = [
    Figure(
        "assets/figures/receptive-field.svg",
        receptive_alt(),
        "Receptive-field growth through a stack of convolutions; a stride speeds up the growth.",
        receptive_figure,
    ),
]
