"""Static grids: VALID, SAME and full padding, TensorFlow's uneven SAME split, window positions
for several strides, the output-size formula as a picture, and dilation footprints.

Every size, padding amount and window position comes from :mod:`snippets.arithmetic`.
"""

from __future__ import annotations

from snippets.arithmetic import (
    Padding,
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    window_starts,
)
from snippets.figures.registry import Figure, pad_words, plural
from snippets.figures.svg import PITCH, Svg

MARGIN = 12
HEAD = 30
"""Room above a grid for its heading."""
LINE = 18
"""Height of one caption line."""

# The examples, written once: pages and alt texts read them from here.
GRID_N = 5
GRID_K = 3
SPLIT_NS = (6, 7)
SPLIT_K = 3
SPLIT_STRIDE = 2
STRIDE_N = 8
STRIDE_K = 3
STRIDES = (1, 2, 3)
FORMULA = {"n": 8, "k": 3, "stride": 2, "padding": (1, 1)}
DILATION_K = 3
DILATIONS = (1, 2, 3)


def full_padding(k: int, dilation: int = 1) -> int:
    """Padding per side that lets a window overlap the input by a single cell: ``k_eff - 1``."""
    return effective_kernel_size(k, dilation) - 1


def times(a: int) -> str:
    """``a×a``: how figures and alt texts write a square size."""
    return f"{a}×{a}"


def padded_grid(svg: Svg, x0: float, y0: float, n: int, before: int, after: int) -> int:
    """Draw an n×n input (blue) inside its dashed padding; return the padded side in cells."""
    side = before + n + after
    for row in range(side):
        for col in range(side):
            inside = before <= row < before + n and before <= col < before + n
            svg.cell(col, row, "f-in" if inside else "f-pad", x0, y0)
    return side


def outline(svg: Svg, x0: float, y0: float, row: int, col: int, span: int, cls: str) -> None:
    """Outline a span×span block of cells whose top-left cell is (row, col)."""
    svg.rect(x0 + col * PITCH, y0 + row * PITCH, span * PITCH, span * PITCH, cls)


def padding_figure(padding: Padding, n: int = GRID_N, k: int = GRID_K, stride: int = 1) -> bytes:
    """A padded n×n input with its first and last window, and the output grid beside it."""
    before, after = padding_amounts(n, k, stride, padding)
    starts = window_starts(n, k, stride, padding)
    out = conv_output_size(n, k, stride, padding)
    k_eff = effective_kernel_size(k)
    side = before + n + after
    gap = 56
    x_out = MARGIN + side * PITCH + gap
    grid_h = max(side, out) * PITCH
    svg = Svg(
        x_out + out * PITCH + MARGIN,
        HEAD + grid_h + 2 * LINE + MARGIN,
        f"padding={padding!r}: {times(n)} input, {times(out)} output",
    )
    y_in = HEAD + (grid_h - side * PITCH) / 2
    y_out = HEAD + (grid_h - out * PITCH) / 2
    svg.text(MARGIN, HEAD - 10, "input + padding", "f-t f-b", "start")
    svg.text(x_out, HEAD - 10, "output", "f-t f-b", "start")
    padded_grid(svg, MARGIN, y_in, n, before, after)
    for start in (starts[0], starts[-1]):
        outline(svg, MARGIN, y_in, start + before, start + before, k_eff, "f-win")
    for row in range(out):
        for col in range(out):
            last = row == col == out - 1
            svg.cell(col, row, "f-hot" if row == col == 0 or last else "f-out", x_out, y_out)
    svg.text(x_out - gap / 2, HEAD + grid_h / 2 + 4, "→", "f-t f-b")
    y_text = HEAD + grid_h + LINE
    svg.text(
        MARGIN,
        y_text,
        f"n = {n}, k = {k}, stride {stride}: pads ({before}, {after})",
        "f-t",
        "start",
    )
    svg.text(
        MARGIN,
        y_text + LINE,
        f"output {times(out)}; first and last window outlined",
        "f-t f-m",
        "start",
    )
    return svg.to_bytes()


def padding_alt(padding: Padding, n: int = GRID_N, k: int = GRID_K, stride: int = 1) -> str:
    """Alt text of :func:`padding_figure`, from the same arithmetic."""
    before, after = padding_amounts(n, k, stride, padding)
    out = conv_output_size(n, k, stride, padding)
    side = before + n + after
    return (
        f"A {times(n)} input grid with {pad_words(before, after)}, {times(side)} in all; "
        f"the first and last {times(k)} windows are outlined, and the output beside it is "
        f"{times(out)}."
    )


def same_split_figure(
    ns: tuple[int, ...] = SPLIT_NS, k: int = SPLIT_K, stride: int = SPLIT_STRIDE
) -> bytes:
    """SAME at stride 2 for an even and an odd n: the padding split moves."""
    k_eff = effective_kernel_size(k)
    sides = [sum(padding_amounts(n, k, stride, "same")) + n for n in ns]
    gap = 48
    width = MARGIN * 2 + sum(sides) * PITCH + gap * (len(ns) - 1)
    height = HEAD + max(sides) * PITCH + 2 * LINE + MARGIN
    svg = Svg(width, height, f"SAME padding, k={k}, stride {stride}, n = {ns}")
    x0 = MARGIN
    for n, side in zip(ns, sides, strict=True):
        before, after = padding_amounts(n, k, stride, "same")
        starts = window_starts(n, k, stride, "same")
        out = conv_output_size(n, k, stride, "same")
        svg.text(x0, HEAD - 10, f"n = {n}", "f-t f-b", "start")
        padded_grid(svg, x0, HEAD, n, before, after)
        for start in (starts[0], starts[-1]):
            outline(svg, x0, HEAD, start + before, start + before, k_eff, "f-win")
        y_text = HEAD + max(sides) * PITCH + LINE
        svg.text(x0, y_text, f"pads ({before}, {after})", "f-t", "start")
        svg.text(x0, y_text + LINE, f"output {times(out)}", "f-t f-m", "start")
        x0 += side * PITCH + gap
    return svg.to_bytes()


def same_split_alt(
    ns: tuple[int, ...] = SPLIT_NS, k: int = SPLIT_K, stride: int = SPLIT_STRIDE
) -> str:
    """Alt text of :func:`same_split_figure`."""
    parts = []
    for n in ns:
        before, after = padding_amounts(n, k, stride, "same")
        out = conv_output_size(n, k, stride, "same")
        parts.append(f"n = {n} gets {pad_words(before, after)}, output {times(out)}")
    return (
        f"SAME padding with a {times(k)} kernel at stride {stride}, first and last window "
        f"outlined: " + "; ".join(parts) + "."
    )


def _window_rows(
    svg: Svg, x0: float, y0: float, starts: list[int], before: int, k_eff: int, stride: int
) -> float:
    """Brackets under a row of cells, one per window, staggered so overlaps stay readable;
    return the height they take."""
    levels = -(-k_eff // stride)
    for i, start in enumerate(starts):
        left = x0 + (start + before) * PITCH + 3
        svg.bracket(left, left + k_eff * PITCH - 6, y0 + 9 + (i % levels) * 7)
    return 9 + levels * 7


def stride_windows_figure(
    n: int = STRIDE_N, k: int = STRIDE_K, strides: tuple[int, ...] = STRIDES
) -> bytes:
    """One row per stride: where each window lands and which cells are never read."""
    k_eff = effective_kernel_size(k)
    label_w = 70
    block = PITCH + 9 + 7 * k_eff + 14
    width = MARGIN + label_w + n * PITCH + 190
    svg = Svg(width, MARGIN + block * len(strides), f"window positions for strides {strides}")
    y = MARGIN
    x0 = MARGIN + label_w
    for stride in strides:
        starts = window_starts(n, k, stride)
        read = {start + j for start in starts for j in range(k_eff)}
        svg.text(MARGIN, y + 16, f"stride {stride}", "f-t f-b", "start")
        for col in range(n):
            svg.cell(col, 0, "f-in" if col in read else "f-off", x0, y)
        _window_rows(svg, x0, y + PITCH, starts, 0, k_eff, stride)
        unread = n - len(read)
        note = f"{len(starts)} windows → {len(starts)} outputs"
        svg.text(x0 + n * PITCH + 12, y + 12, note, "f-t", "start")
        if unread:
            svg.text(
                x0 + n * PITCH + 12,
                y + 27,
                f"{plural(unread, 'cell')} never read",
                "f-t f-m",
                "start",
            )
        y += block
    return svg.to_bytes()


def stride_windows_alt(
    n: int = STRIDE_N, k: int = STRIDE_K, strides: tuple[int, ...] = STRIDES
) -> str:
    """Alt text of :func:`stride_windows_figure`."""
    parts = []
    for stride in strides:
        starts = window_starts(n, k, stride)
        unread = n - len({start + j for start in starts for j in range(k)})
        parts.append(
            f"stride {stride}: {len(starts)} windows starting at cells "
            + ", ".join(map(str, starts))
            + (f", last {plural(unread, 'cell')} never read" if unread else "")
        )
    return (
        f"A row of {n} input cells and a {k}-cell window, VALID padding; " + "; ".join(parts) + "."
    )


def formula_figure(n: int, k: int, stride: int, padding: tuple[int, int]) -> bytes:
    """The output-size formula drawn on a padded row: one window, then hops of ``stride``."""
    before, after = padding_amounts(n, k, stride, padding)
    k_eff = effective_kernel_size(k)
    starts = window_starts(n, k, stride, padding)
    out = conv_output_size(n, k, stride, padding)
    padded = before + n + after
    travel = padded - k_eff
    x0 = MARGIN
    y_row = 40
    svg = Svg(MARGIN * 2 + max(padded * PITCH, 430), y_row + PITCH + 120, f"output size: {out}")
    # Labelled spans above the row: padding before, the input, padding after.
    spans = [("pad", 0, before), (f"n = {n}", before, before + n), ("pad", before + n, padded)]
    for label, a, b in spans:
        if b > a:
            svg.bracket(x0 + a * PITCH + 2, x0 + b * PITCH - 2, y_row - 6, "f-ln", tick=-5)
            svg.text(x0 + (a + b) * PITCH / 2, y_row - 16, label, "f-t f-s")
    used = {start + before + j for start in starts for j in range(k_eff)}
    for col in range(padded):
        real = before <= col < before + n
        svg.cell(col, 0, "f-in" if real else "f-pad", x0, y_row)
        if col not in used:
            svg.text(x0 + col * PITCH + 12, y_row + 15, "×", "f-t f-acct")
    depth = _window_rows(svg, x0, y_row + PITCH, starts, before, k_eff, stride)
    y = y_row + PITCH + depth + LINE
    svg.text(
        x0,
        y,
        f"{out} windows of k_eff = {k_eff}, each {stride} cells after the last",
        "f-t",
        "start",
    )
    svg.text(x0, y + LINE + 6, "o = ⌊(n + p_before + p_after − k_eff) / s⌋ + 1", "f-t f-b", "start")
    svg.text(
        x0 + 10,
        y + 2 * LINE + 10,
        f"= ⌊({n} + {before} + {after} − {k_eff}) / {stride}⌋ + 1 "
        f"= ⌊{travel / stride:g}⌋ + 1 = {out}",
        "f-t",
        "start",
    )
    if len(used) < padded:
        svg.text(
            x0,
            y + 3 * LINE + 14,
            "× = left over: too few cells for another window",
            "f-t f-m",
            "start",
        )
    return svg.to_bytes()


def formula_alt(n: int, k: int, stride: int, padding: tuple[int, int]) -> str:
    """Alt text of :func:`formula_figure`."""
    before, after = padding_amounts(n, k, stride, padding)
    out = conv_output_size(n, k, stride, padding)
    starts = window_starts(n, k, stride, padding)
    return (
        f"A row of {n} input cells with {pad_words(before, after)}; "
        f"{out} windows of {k} cells start at cells "
        f"{', '.join(str(s + before) for s in starts)} of the padded row "
        f"(stride {stride}). The formula o = floor((n + p_before + p_after - k_eff) / s) + 1 "
        f"is worked out with these numbers and gives {out}."
    )


def dilation_figure(k: int = DILATION_K, dilations: tuple[int, ...] = DILATIONS) -> bytes:
    """The cells a k×k kernel reads at each dilation, on a k_eff×k_eff patch."""
    sizes = [effective_kernel_size(k, d) for d in dilations]
    gap = 36
    width = MARGIN * 2 + sum(sizes) * PITCH + gap * (len(sizes) - 1)
    svg = Svg(width, HEAD + max(sizes) * PITCH + 2 * LINE, f"dilation footprints, k={k}")
    x0 = MARGIN
    for d, size in zip(dilations, sizes, strict=True):
        taps = {i * d for i in range(k)}
        svg.text(x0, HEAD - 10, f"dilation {d}", "f-t f-b", "start")
        for row in range(size):
            for col in range(size):
                svg.cell(col, row, "f-in" if row in taps and col in taps else "f-off", x0, HEAD)
        svg.text(x0, HEAD + max(sizes) * PITCH + LINE, f"k_eff = {size}", "f-t", "start")
        x0 += size * PITCH + gap
    return svg.to_bytes()


def dilation_alt(k: int = DILATION_K, dilations: tuple[int, ...] = DILATIONS) -> str:
    """Alt text of :func:`dilation_figure`."""
    parts = [
        f"dilation {d} spreads them over {times(effective_kernel_size(k, d))}" for d in dilations
    ]
    return f"The {k * k} cells a {times(k)} kernel reads, shaded: " + "; ".join(parts) + "."


FIGURES = [
    Figure(
        "assets/figures/padding-valid.svg",
        padding_alt("valid"),
        "VALID: no padding, the output shrinks by k - 1.",
        lambda: padding_figure("valid"),
    ),
    Figure(
        "assets/figures/padding-same.svg",
        padding_alt("same"),
        "SAME at stride 1: one ring of padding keeps the size.",
        lambda: padding_figure("same"),
    ),
    Figure(
        "assets/figures/padding-full.svg",
        padding_alt(full_padding(GRID_K)),
        "Full padding (k - 1 per side): every overlap of window and input, output grows by k - 1.",
        lambda: padding_figure(full_padding(GRID_K)),
    ),
    Figure(
        "assets/figures/same-split-stride2.svg",
        same_split_alt(),
        f"TensorFlow's SAME split at stride {SPLIT_STRIDE} moves with n: "
        + ", ".join(
            f"{padding_amounts(n, SPLIT_K, SPLIT_STRIDE, 'same')} for n = {n}" for n in SPLIT_NS
        )
        + ".",
        same_split_figure,
    ),
    Figure(
        "assets/figures/stride-windows.svg",
        stride_windows_alt(),
        f"Window positions for strides {', '.join(map(str, STRIDES))}, and the cells a stride "
        "leaves unread.",
        stride_windows_figure,
    ),
    Figure(
        "assets/figures/output-size-formula.svg",
        formula_alt(**FORMULA),
        "The output-size formula as a picture: one window, then hops of the stride, floored.",
        lambda: formula_figure(**FORMULA),
    ),
    Figure(
        "assets/figures/dilation-footprints.svg",
        dilation_alt(),
        f"Dilation footprints: one {times(DILATION_K)} kernel at dilations "
        f"{', '.join(map(str, DILATIONS))}.",
        dilation_figure,
    ),
]
