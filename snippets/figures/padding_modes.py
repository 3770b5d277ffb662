"""Padding modes on a real photograph: constant, reflect, symmetric and replicate.

The photograph is the portrait of Grace Hopper that ships with matplotlib (no download). It is
shrunk to a few thousand pixels so the SVG, which embeds four small PNGs, stays light.
``tf.pad`` draws the first three; replicate comes from the recipe in
:mod:`snippets.figures.replicate`, since ``tf.pad`` has no such mode.
"""

from __future__ import annotations

import base64
import io

import numpy as np

from snippets.figures.registry import Figure
from snippets.figures.svg import Svg

CROP = (96, 16, 416, 416)
"""The part of the 512×600 portrait kept: head and shoulders, cut through the cap."""
SIZE = (48, 60)
"""Width and height in pixels the crop is shrunk to."""
COLOURS = 64
"""Palette size of the embedded PNGs: a quarter of the bytes, and no visible loss at this size."""
PAD = 16
"""Pixels of padding on every side."""
MODES = ("constant", "reflect", "symmetric", "replicate")
SCALE = 2
"""Display pixels per image pixel."""
MARGIN = 12
HEAD = 22
GAP = 20


def photograph() -> np.ndarray:
    """Grace Hopper's portrait from matplotlib's sample data, shrunk to ``SIZE``, as uint8 RGB."""
    from matplotlib.cbook import get_sample_data
    from PIL import Image

    with get_sample_data("grace_hopper.jpg") as file, Image.open(file) as image:
        return np.asarray(image.convert("RGB").crop(CROP).resize(SIZE, Image.Resampling.LANCZOS))


def pad_image(image: np.ndarray, pad: int, mode: str) -> np.ndarray:
    """Pad an H×W×C image by ``pad`` pixels on each side of both spatial axes."""
    import tensorflow as tf

    from snippets.figures.replicate import replicate_pad

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    paddings = [[pad, pad], [pad, pad], [0, 0]]
    x = tf.constant(image)
    if mode == "replicate":
        return replicate_pad(x, paddings).numpy()
    return tf.pad(x, paddings, mode=mode.upper()).numpy()


def png(pixels: np.ndarray) -> bytes:
    """PNG bytes without metadata, so the same pixels always give the same bytes."""
    from PIL import Image

    out = io.BytesIO()
    image = Image.fromarray(pixels).quantize(COLOURS, dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def padding_modes_figure() -> bytes:
    """The four padded photographs in a 2×2 grid, the original border dashed on each."""
    image = photograph()
    h, w = image.shape[:2]
    panel_w, panel_h = (w + 2 * PAD) * SCALE, (h + 2 * PAD) * SCALE
    svg = Svg(
        MARGIN * 2 + panel_w * 2 + GAP,
        MARGIN + (HEAD + panel_h + GAP) * 2,
        "padding modes on a photograph",
    )
    for i, mode in enumerate(MODES):
        x = MARGIN + (i % 2) * (panel_w + GAP)
        y = MARGIN + (i // 2) * (HEAD + panel_h + GAP)
        data = base64.b64encode(png(pad_image(image, PAD, mode))).decode("ascii")
        svg.text(x, y + 14, mode, "f-t f-b", "start")
        svg.add(
            f'<image x="{x}" y="{y + HEAD}" width="{panel_w}" height="{panel_h}" '
            f'style="image-rendering:pixelated" href="data:image/png;base64,{data}"/>'
        )
        svg.rect(x + PAD * SCALE, y + HEAD + PAD * SCALE, w * SCALE, h * SCALE, "f-edge")
    return svg.to_bytes()


FIGURES = [
    Figure(
        "assets/figures/padding-modes.svg",
        f"Four copies of a small portrait of Grace Hopper, each padded by {PAD} pixels: "
        "constant adds a black frame; reflect mirrors the picture without repeating the edge "
        "row; symmetric mirrors it including the edge row; replicate smears the outermost "
        "pixels outward into stripes. A dashed line marks the original border.",
        "Padding modes (constant, reflect, symmetric, replicate) on a real photograph.",
        padding_modes_figure,
    ),
]
