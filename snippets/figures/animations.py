"""Animated SVGs of a window sliding over its input, one frame per window position.

The fifteen configurations of Dumoulin & Visin's "A guide to convolution arithmetic for deep
learning" (the transposed ones derived from their forward counterparts), then four that only
TensorFlow's conventions produce: SAME at stride 2 for even and odd n, causal padding and SAME
pooling.

Each file is plain SVG with CSS keyframes: the window and the current output cell jump from
position to position (``steps(1, end)``). ``docs/javascripts/animation.js`` inlines it into the
page and adds a play/pause button; under ``prefers-reduced-motion: reduce`` it starts paused on
its first frame, and an ``<img>`` of the file holds that frame too.

A transposed convolution is drawn the way the guide draws it: as a stride-1 convolution over its
input spread apart by ``stride - 1`` zeros (dashed) and padded so that the windows number exactly
what :func:`~snippets.arithmetic.transposed_output_size` says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

from snippets.arithmetic import (
    Padding,
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    pool_output_size,
    transposed_output_size,
    window_starts,
)
from snippets.figures.grids import full_padding
from snippets.figures.registry import Figure, pad_words, plural
from snippets.figures.svg import CELL, PITCH, Svg, num, text_width

MARGIN = 12
HEAD = 30
GAP = 56
LINE = 18
FRAME_SECONDS = 0.8


@dataclass(frozen=True)
class Config:
    """One animation: a forward convolution (or pooling), or the transpose of one."""

    slug: str
    title: str
    n: int
    k: int
    stride: int = 1
    padding: Padding = "valid"
    dilation: int = 1
    dims: int = 2
    pooling: bool = False
    transposed: bool = False


@dataclass(frozen=True)
class Axis:
    """What one axis of an animation shows, in the cells of the drawn input grid."""

    side: int
    """Cells of the drawn grid: input plus padding (plus, when transposed, inserted zeros)."""
    before: int
    after: int
    real: tuple[int, ...]
    """Grid indices holding input values."""
    starts: tuple[int, ...]
    """Grid index where each window starts."""
    taps: tuple[int, ...]
    """Offsets inside a window that the kernel reads."""
    n: int
    """Input size (of the transposed convolution, when transposed)."""
    out: int


def transposed_of(config: Config) -> tuple[int, int | None]:
    """Input size and ``output_padding`` of the transposed convolution that maps the forward
    convolution's output size back to its input size."""
    n_in = conv_output_size(config.n, config.k, config.stride, config.padding, config.dilation)
    options = [None, *range(config.stride)]
    for output_padding in options:
        try:
            size = transposed_output_size(
                n_in, config.k, config.stride, config.padding, output_padding, config.dilation
            )
        except ValueError:
            continue
        if size == config.n:
            return n_in, output_padding
    raise ValueError(f"no output_padding maps {n_in} back to n={config.n} for {config!r}")


def axis(config: Config) -> Axis:
    """The geometry of one axis, from :mod:`snippets.arithmetic`."""
    k, s, d = config.k, config.stride, config.dilation
    k_eff = effective_kernel_size(k, d)
    taps = tuple(j * d for j in range(k))
    before, after = padding_amounts(config.n, k, s, config.padding, d)
    starts = tuple(start + before for start in window_starts(config.n, k, s, config.padding, d))
    if not config.transposed:
        if config.pooling:
            out = pool_output_size(config.n, k, s, config.padding)
        else:
            out = conv_output_size(config.n, k, s, config.padding, d)
        real = tuple(range(before, before + config.n))
        return Axis(before + config.n + after, before, after, real, starts, taps, config.n, out)
    n_in, output_padding = transposed_of(config)
    out = transposed_output_size(n_in, k, s, config.padding, output_padding, d)
    # The guide's construction: where the forward convolution had p cells of padding, the
    # transpose has k_eff - 1 - p; input cells the forward windows never reached (what the
    # floor dropped) come back as extra padding at the end.
    leftover = before + config.n + after - (starts[-1] + k_eff)
    lead = k_eff - 1 - before
    trail = k_eff - 1 - after + leftover
    side = lead + (n_in - 1) * s + 1 + trail
    grid_starts = tuple(window_starts(side, k, 1, "valid", d))
    real = tuple(lead + i * s for i in range(n_in))
    return Axis(side, lead, trail, real, grid_starts, taps, n_in, out)


def cell_class(rows: Axis | None, cols: Axis, row: int, col: int) -> str:
    """Theme class of a grid cell: input value, padding, or a zero the transpose inserts."""
    kinds = [cols.before <= col < cols.side - cols.after]
    values = [col in cols.real]
    if rows is not None:
        kinds.append(rows.before <= row < rows.side - rows.after)
        values.append(row in rows.real)
    if not all(kinds):
        return "f-pad"
    return "f-in" if all(values) else "f-gap"


def keyframes(name: str, offsets: list[tuple[int, int]]) -> str:
    """CSS that jumps an element through ``offsets`` (in px), one frame each, forever."""
    frames = "".join(
        f"{num(100 * i / len(offsets))}%{{transform:translate({x}px,{y}px)}}"
        for i, (x, y) in enumerate(offsets)
    )
    seconds = num(len(offsets) * FRAME_SECONDS)
    return (
        f"@keyframes {name}{{{frames}}}.{name}{{animation:{name} {seconds}s steps(1,end) infinite}}"
    )


# An <img> has no play/pause button, so honour reduced motion there by holding the first frame.
STILL_CSS = "@media (prefers-reduced-motion:reduce){svg:root .f-mv{animation-play-state:paused}}"


def real_count(ax: Axis, start: int) -> int:
    """How many input values (not padding) a window starting at ``start`` covers."""
    return sum(1 for tap in ax.taps if start + tap in ax.real)


def render(config: Config) -> bytes:
    """The animated SVG of one configuration."""
    ax = axis(config)
    rows = ax if config.dims == 2 else None
    k_eff = effective_kernel_size(config.k, config.dilation)
    row_starts = ax.starts if rows else (0,)
    frames = list(product(range(len(row_starts)), range(len(ax.starts))))
    height_cells = ax.side if rows else 1
    x0, y0 = MARGIN, HEAD
    if rows:
        x_out = x0 + ax.side * PITCH + GAP
        y_out = y0 + (ax.side - ax.out) * PITCH / 2
        out_cells = [
            (x_out + j * PITCH, y_out + i * PITCH) for i in range(ax.out) for j in range(ax.out)
        ]
        width = x_out + ax.out * PITCH + MARGIN
        bottom = y0 + ax.side * PITCH
        out_moves = [(j * PITCH, i * PITCH) for i, j in frames]
    else:
        y_out = y0 + PITCH + GAP / 2
        # Output t sits under the last cell its window reads: a causal window never reads past it.
        out_cells = [(x0 + (s + k_eff - 1) * PITCH, y_out) for s in ax.starts]
        width = x0 + ax.side * PITCH + MARGIN
        bottom = y_out + PITCH
        out_moves = [((s - ax.starts[0]) * PITCH, 0) for s in ax.starts]
    win_moves = [
        ((ax.starts[j] - ax.starts[0]) * PITCH, (row_starts[i] - row_starts[0]) * PITCH)
        for i, j in frames
    ]
    lines = describe(config, ax)
    name = f"f-{config.slug}"
    svg = Svg(
        max(width, MARGIN * 2 + max(text_width(line) for line in lines)),
        bottom + LINE * len(lines) + MARGIN,
        config.title,
        STILL_CSS + keyframes(f"{name}-w", win_moves) + keyframes(f"{name}-o", out_moves),
    )
    svg.text(x0, y0 - 10, "input", "f-t f-b", "start")
    svg.text(out_cells[0][0], y_out - 8, "output", "f-t f-b", "start")
    svg.add('<g class="f-grid-in">')
    for row in range(height_cells):
        for col in range(ax.side):
            svg.cell(col, row, cell_class(rows, ax, row, col), x0, y0)
    svg.add('</g><g class="f-grid-out">')
    for i, (x, y) in enumerate(out_cells):
        svg.rect(x + 1, y + 1, CELL, CELL, "f-out")
        if config.pooling:
            r, c = divmod(i, ax.out)
            count = real_count(ax, ax.starts[r]) * real_count(ax, ax.starts[c])
            svg.text(x + 12, y + 16, f"÷{count}", "f-t f-s")
    svg.add(f'</g><g class="f-mv {name}-w">')
    row_taps = ax.taps if rows else (0,)
    for ty, tx in product(row_taps, ax.taps):
        svg.cell(ax.starts[0] + tx, row_starts[0] + ty, "f-win", x0, y0)
    svg.add("</g>")
    svg.rect(out_cells[0][0] + 1, out_cells[0][1] + 1, CELL, CELL, f"f-win f-mv {name}-o")
    for i, line in enumerate(lines):
        svg.text(x0, bottom + LINE * (i + 1), line, "f-t" if i == 0 else "f-t f-m", "start")
    return svg.to_bytes()


def _size(config: Config, value: int) -> str:
    return f"{value}×{value}" if config.dims == 2 else str(value)


def _shape(config: Config, value: int, what: str) -> str:
    """``5×5 input`` in 2-D, ``input of 8 cells`` in 1-D."""
    return f"{value}×{value} {what}" if config.dims == 2 else f"{what} of {plural(value, 'cell')}"


def _zeros(stride: int) -> str:
    if stride == 1:
        return "nothing inserted between inputs"
    return f"{plural(stride - 1, 'zero')} inserted between inputs"


def describe(config: Config, ax: Axis) -> list[str]:
    """The caption lines drawn under an animation."""
    k = _size(config, config.k)
    out = _size(config, ax.out)
    if config.transposed:
        return [
            f"transposed: input {_size(config, ax.n)}, kernel {k}, stride {config.stride}",
            f"drawn at stride 1, {_zeros(config.stride)}",
            f"pads ({ax.before}, {ax.after}) → output {out}",
        ]
    what = "pool" if config.pooling else "kernel"
    first = f"input {_size(config, config.n)}, {what} {k}, stride {config.stride}"
    if config.dilation > 1:
        first += f", dilation {config.dilation}"
    padding = f"padding {config.padding!r}: " if isinstance(config.padding, str) else ""
    lines = [first, f"{padding}pads ({ax.before}, {ax.after}) → output {out}"]
    if config.pooling:
        lines.append("÷: how many real cells each average divides by")
    return lines


def alt(config: Config) -> str:
    """Alt text: what the animation shows, with the arithmetic's numbers."""
    ax = axis(config)
    frames = ax.out**config.dims
    output = _shape(config, ax.out, "output")
    if config.transposed:
        return (
            f"Animation, {config.title}: the transposed convolution of the "
            f"{_shape(config, ax.n, 'input')} with the {_shape(config, config.k, 'kernel')} at "
            f"stride {config.stride}, drawn as a stride-1 convolution over the input with "
            f"{_zeros(config.stride)} and {pad_words(ax.before, ax.after)}; "
            f"{frames} window positions fill the {output}."
        )
    if config.pooling:
        what = f"the {_shape(config, config.k, 'pooling window')}"
    else:
        what = f"the {_shape(config, config.k, 'kernel')}"
        what += f" with dilation {config.dilation}" if config.dilation > 1 else ""
    text = (
        f"Animation, {config.title}: {what} slides over the {_shape(config, config.n, 'input')} "
        f"with {pad_words(ax.before, ax.after)} at stride {config.stride}; each of the "
        f"{frames} frames shows one window and the cell it produces in the {output}."
    )
    if config.pooling:
        text += " Each output cell shows how many real (not padding) cells its average divides by."
    if config.padding == "causal":
        text += " Each output cell sits under the last input cell its window reads."
    return text


FORWARD = [
    Config("no-padding-no-strides", "No padding, no strides", n=4, k=3),
    Config("arbitrary-padding-no-strides", "Arbitrary padding, no strides", n=5, k=4, padding=2),
    Config("same-padding-no-strides", "Half (same) padding, no strides", n=5, k=3, padding="same"),
    Config(
        "full-padding-no-strides", "Full padding, no strides", n=5, k=3, padding=full_padding(3)
    ),
    Config("no-padding-strides", "No padding, strides", n=5, k=3, stride=2),
    Config("padding-strides", "Padding, strides", n=5, k=3, stride=2, padding=1),
    Config("padding-strides-odd", "Padding, strides (odd)", n=6, k=3, stride=2, padding=1),
]
CONFIGS = [
    *FORWARD,
    *(
        replace(c, slug=f"{c.slug}-transposed", title=f"{c.title}, transposed", transposed=True)
        for c in FORWARD
    ),
    Config("dilation", "Dilation", n=7, k=3, dilation=2),
    Config(
        "tf-same-stride2-even",
        "TensorFlow SAME, stride 2, even n",
        n=6,
        k=3,
        stride=2,
        padding="same",
    ),
    Config(
        "tf-same-stride2-odd",
        "TensorFlow SAME, stride 2, odd n",
        n=7,
        k=3,
        stride=2,
        padding="same",
    ),
    Config("tf-causal-1d", "Causal padding (Conv1D)", n=8, k=3, padding="causal", dims=1),
    Config(
        "tf-same-pooling", "SAME average pooling", n=5, k=2, stride=2, padding="same", pooling=True
    ),
]

FIGURES = [
    Figure(
        f"assets/animations/{c.slug}.svg",
        alt(c),
        f"Animation: {c.title}.",
        lambda c=c: render(c),
    )
    for c in CONFIGS
]
