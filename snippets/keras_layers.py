"""What Keras' convolution layers do with a stride and a dilation together, measured.

Several pages state it (the cheat sheet, the errata, the expert zone, under the hood, beyond
zeros); each page's snippet file asserts what it says against :func:`stride_with_dilation`, which
builds every layer and runs the ones that accept.
"""

from __future__ import annotations

import re

import keras

from snippets.arithmetic import conv_output_size

# Plain and transposed convolutions refuse at construction; depthwise and separable ones run.
REFUSING = (
    "Conv1D",
    "Conv2D",
    "Conv3D",
    "Conv1DTranspose",
    "Conv2DTranspose",
    "Conv3DTranspose",
)
ACCEPTING = ("DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D")
REFUSAL = "`strides > 1` not supported in conjunction with `dilation_rate > 1`"


def stride_with_dilation(n: int = 9, k: int = 3) -> tuple[dict[str, str], dict[str, tuple]]:
    """Build each layer with ``strides=2, dilation_rate=2, padding="same"``.

    Returns ``(refused, accepted)``: the first line of each refusing layer's ``ValueError``, and
    the spatial output shape of each accepting layer on an ``n`` (or ``n``×``n``) input of ones.
    """
    refused: dict[str, str] = {}
    accepted: dict[str, tuple] = {}
    for name in REFUSING + ACCEPTING:
        layer_class = getattr(keras.layers, name)
        rank = int(re.search(r"\d", name).group())
        args = (k,) if name.startswith("Depthwise") else (1, k)
        try:
            layer = layer_class(*args, strides=2, dilation_rate=2, padding="same")
        except ValueError as error:
            refused[name] = str(error).split(".")[0]
            continue
        out = layer(keras.ops.ones([1, *[n] * rank, 1]))
        accepted[name] = tuple(out.shape[1:-1])
    return refused, accepted


def check_stride_with_dilation() -> None:
    """Assert the facts the pages state: the six plain and transposed layers refuse with
    :data:`REFUSAL`; the four depthwise and separable layers run and give SAME's size."""
    refused, accepted = stride_with_dilation()
    assert refused == dict.fromkeys(REFUSING, REFUSAL), refused
    size = conv_output_size(9, 3, 2, "same", dilation=2)
    assert size == 5
    assert accepted == {name: (size,) * int(name[-2]) for name in ACCEPTING}, accepted
