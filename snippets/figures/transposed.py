"""Transposed convolution and ``output_padding``: why 4 cells can come back as 7 or 8.

A SAME convolution with stride 2 maps both 7 and 8 cells to 4, so its transpose has to be told
which size to rebuild. Input cell ``i`` of the transpose writes into the cells that forward
window ``i`` reads, so the footprints drawn here are the forward windows of the output size.
"""

from __future__ import annotations

from snippets.arithmetic import (
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    transposed_output_size,
    window_starts,
)
from snippets.figures.registry import Figure
from snippets.figures.svg import PITCH, Svg

N = 4
K = 3
STRIDE = 2
OUTPUT_PADDINGS = (None, 0, 1)
MARGIN = 12
LABEL_W = 172


def rows(n: int = N, k: int = K, stride: int = STRIDE) -> list[tuple[int | None, int]]:
    """``(output_padding, output size)`` of ``Conv2DTranspose(padding="same")`` for each option."""
    return [(op, transposed_output_size(n, k, stride, "same", op)) for op in OUTPUT_PADDINGS]


def transposed_figure(n: int = N, k: int = K, stride: int = STRIDE) -> bytes:
    """The n input cells, then each output size with the footprint of every input cell."""
    k_eff = effective_kernel_size(k)
    options = rows(n, k, stride)
    longest = max(size + sum(padding_amounts(size, k, stride, "same")) for _, size in options)
    block = PITCH + 9 + 7 * -(-k_eff // stride) + 12
    x0 = MARGIN + LABEL_W
    height = MARGIN + PITCH + 20 + block * len(options) + 30
    svg = Svg(x0 + longest * PITCH + 110, height, f"transposed convolution of {n} cells")
    svg.text(MARGIN, MARGIN + 16, f"input: {n} cells", "f-t f-b", "start")
    for col in range(n):
        svg.cell(col, 0, "f-in", x0, MARGIN)
        svg.text(x0 + col * PITCH + 12, MARGIN + 16, str(col), "f-t f-s")
    y = MARGIN + PITCH + 20
    for op, size in options:
        before, after = padding_amounts(size, k, stride, "same")
        svg.text(MARGIN, y + 16, f"output_padding={op}", "f-t f-b", "start")
        for col in range(before + size + after):
            real = before <= col < before + size
            svg.cell(col, 0, "f-out" if real else "f-pad", x0, y)
        levels = -(-k_eff // stride)
        for i, start in enumerate(window_starts(size, k, stride, "same")):
            left = x0 + (start + before) * PITCH + 3
            level_y = y + PITCH + 9 + (i % levels) * 7
            svg.bracket(left, left + k_eff * PITCH - 6, level_y)
            svg.text(left - 4, level_y + 3, str(i), "f-t f-s f-acct", "end")
        svg.text(
            x0 + (before + size + after) * PITCH + 10, y + 16, f"→ {size} cells", "f-t", "start"
        )
        y += block
    sizes = sorted({size for _, size in options})
    back = ", ".join(f"{s} → {conv_output_size(s, k, stride, 'same')}" for s in sizes)
    svg.text(
        MARGIN,
        y + 14,
        f"forward SAME, stride {stride}: {back}; output_padding picks one",
        "f-t f-m",
        "start",
    )
    return svg.to_bytes()


def transposed_alt(n: int = N, k: int = K, stride: int = STRIDE) -> str:
    """Alt text of :func:`transposed_figure`."""
    sizes = "; ".join(f"output_padding={op} gives {size} cells" for op, size in rows(n, k, stride))
    return (
        f"A transposed convolution (kernel {k}, stride {stride}, SAME) of {n} input cells, with "
        f"brackets showing which output cells each input cell writes to: {sizes}. A forward SAME "
        f"convolution maps each of these sizes back to {n}."
    )


FIGURES = [
    Figure(
        "assets/figures/transposed-output-padding.svg",
        transposed_alt(),
        "Conv2DTranspose with SAME padding: output_padding picks one of the sizes that map back.",
        transposed_figure,
    ),
]
