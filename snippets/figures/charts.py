"""Cost against stride for a real layer: output size and multiply-accumulates (MACs).

The layer is the first convolution of ResNet-50: a 224×224 RGB image, 64 filters of 7×7, SAME.
"""

from __future__ import annotations

from snippets.arithmetic import conv_output_size, effective_kernel_size
from snippets.figures.registry import Figure
from snippets.figures.svg import Svg

LAYER = {"n": 224, "k": 7, "c_in": 3, "c_out": 64, "padding": "same"}
STRIDES = (1, 2, 3, 4)

MARGIN = 12
PANEL_W = 250
BAR_H = 150
"""Height in px of the tallest bar."""


def conv_macs(n: int, k: int, stride: int, padding: str, c_in: int, c_out: int) -> int:
    """Multiply-accumulates of a square 2-D convolution on one image, bias left out.

    Each of the ``out × out × c_out`` outputs sums ``k × k × c_in`` products.

    >>> conv_macs(224, 7, 2, "same", 3, 64)
    118013952
    """
    for name, value in (("c_in", c_in), ("c_out", c_out)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    out = conv_output_size(n, k, stride, padding)
    k_eff = effective_kernel_size(k)
    return out * out * k_eff * k_eff * c_in * c_out


def cost_table(strides: tuple[int, ...] = STRIDES) -> list[tuple[int, int, int]]:
    """``(stride, output side, MACs)`` for the example layer at each stride."""
    n, k, padding = LAYER["n"], LAYER["k"], LAYER["padding"]
    return [
        (
            s,
            conv_output_size(n, k, s, padding),
            conv_macs(n, k, s, padding, LAYER["c_in"], LAYER["c_out"]),
        )
        for s in strides
    ]


def millions(macs: int) -> str:
    """MACs in millions, one decimal."""
    return f"{macs / 1e6:.1f} M"


def _bars(
    svg: Svg,
    x0: float,
    y0: float,
    title: str,
    values: list[int],
    labels: list[str],
    cls: str,
    strides: list[int],
) -> None:
    """One bar chart panel: bars scaled to the largest value, each labelled above."""
    svg.text(x0, y0, title, "f-t f-b", "start")
    base = y0 + 26 + BAR_H
    slot = PANEL_W / len(values)
    for i, (value, label, stride) in enumerate(zip(values, labels, strides, strict=True)):
        h = BAR_H * value / max(values)
        x = x0 + i * slot + slot * 0.2
        svg.rect(x, base - h, slot * 0.6, h, cls)
        svg.text(x + slot * 0.3, base - h - 5, label, "f-t f-s")
        svg.text(x + slot * 0.3, base + 15, f"stride {stride}", "f-t f-s")
    svg.line(x0, base, x0 + PANEL_W, base)


def stride_cost_figure() -> bytes:
    """Output side and MACs of the example layer at strides 1 to 4, as two bar charts."""
    table = cost_table()
    strides = [s for s, _, _ in table]
    sides = [side for _, side, _ in table]
    macs = [m for _, _, m in table]
    n, k = LAYER["n"], LAYER["k"]
    width = MARGIN * 3 + PANEL_W * 2
    svg = Svg(width, 30 + BAR_H + 70, "output size and MACs against stride")
    _bars(svg, MARGIN, 20, "output side", sides, [str(s) for s in sides], "f-in", strides)
    _bars(
        svg,
        MARGIN * 2 + PANEL_W,
        20,
        "multiply-accumulates",
        macs,
        [millions(m) for m in macs],
        "f-out",
        strides,
    )
    svg.text(
        MARGIN,
        30 + BAR_H + 60,
        f"Conv2D({LAYER['c_out']}, {k}, padding={LAYER['padding']!r}) "
        f"on a {n}×{n}×{LAYER['c_in']} image",
        "f-t f-m",
        "start",
    )
    return svg.to_bytes()


def stride_cost_alt() -> str:
    """Alt text of :func:`stride_cost_figure`."""
    rows = "; ".join(
        f"stride {s}: {side}×{side} output, {millions(m)} MACs" for s, side, m in cost_table()
    )
    return (
        f"Two bar charts for a {LAYER['k']}×{LAYER['k']} convolution with {LAYER['c_out']} filters "
        f"and SAME padding on a {LAYER['n']}×{LAYER['n']}×{LAYER['c_in']} image: {rows}. "
        "Doubling the stride quarters the work."
    )


FIGURES = [
    Figure(
        "assets/figures/stride-cost.svg",
        stride_cost_alt(),
        "Output size and multiply-accumulate count against stride for ResNet-50's first layer.",
        stride_cost_figure,
    ),
]
