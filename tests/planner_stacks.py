"""Seeded random stacks for the network planner, written once for every test that needs them.

``tests/test_planner.py`` builds them with Keras, ``tests/browser/test_planner.py`` compares the
page with the Python twin on them, and ``tests/browser/test_planner_code.py`` runs the page's
Keras and PyTorch code for them. A stack mostly works and now and then holds what Keras refuses
or what leaves no output: too big a kernel, a causal 2-D conv, explicit pooling amounts, a stride
with a dilation, a skip that is off by a few cells, channels that do not add up.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "docs" / "planner" / "index.md"
# The page's preset models, by their data-preset key: each link's address query.
PRESETS = {
    key: html.unescape(query)
    for key, query in re.findall(
        r'data-preset="([^"]+)" href="\./\?([^"]+)"', PAGE.read_text(encoding="utf-8")
    )
}
# conv three times: most layers of a real model are convolutions.
OPS = ("conv", "conv", "conv", "dw", "maxpool", "avgpool", "convT", "zpad", "crop", "up",
       "concat", "add")  # fmt: skip
# What a query with typos may hold: a value out of range, an unknown field, a bad padding, a
# merge with a layer that does not exist, a per-axis value cut short.
TYPOS = ("k=0", "bogus=1", "p=full", "from=99", "k=3x")


def random_layer(rng: random.Random, index: int, ndim: int, *, typos: bool = False) -> str:
    """One layer of a query (``conv,k=3,s=2,p=same``), the ``index``-th of an ``ndim``-D stack;
    with ``typos``, one layer in a hundred has a field the planner cannot read."""
    op = rng.choice(OPS)
    fields = [op]

    def axis(low: int, high: int) -> str:
        if ndim == 2 and rng.random() < 0.2:
            return f"{rng.randint(low, high)}x{rng.randint(low, high)}"
        return str(rng.randint(low, high))

    if op in ("conv", "dw", "maxpool", "avgpool", "convT"):
        if rng.random() < 0.8:
            fields.append(f"k={axis(1, 5)}")
        if rng.random() < 0.7:
            fields.append(f"s={axis(1, 3)}")
        if op in ("conv", "dw") and rng.random() < 0.3:
            fields.append(f"d={axis(1, 3)}")
        if rng.random() < 0.8:
            choices = ["valid", "same", "valid", "same"]
            choices += ["causal"] if ndim == 1 or rng.random() < 0.1 else []
            if rng.random() < 0.15:
                choices = ["1-0x0-2" if ndim == 2 else "2-1"]
            fields.append(f"p={rng.choice(choices)}")
        if op == "convT" and rng.random() < 0.5:
            fields.append(f"op={axis(0, 2)}")
        if op in ("conv", "convT") and rng.random() < 0.3:
            fields.append(f"c={rng.randint(1, 8)}")
        if op == "dw" and rng.random() < 0.3:
            fields.append(f"m={rng.randint(1, 3)}")
    elif op in ("zpad", "crop"):
        for key in ("t", "b", "l", "r") if ndim == 2 else ("l", "r"):
            if rng.random() < 0.6:
                fields.append(f"{key}={rng.randint(0, 3)}")
    elif op == "up":
        fields.append(f"f={axis(1, 3)}")
    else:
        # Mostly a recent layer, whose size is likelier to match; now and then any earlier one.
        low = max(0, index - 3) if rng.random() < 0.7 else 0
        fields.append(f"from={rng.randint(low, index - 1)}")
    if typos and rng.random() < 0.01:
        fields.append(rng.choice(TYPOS))
    return ",".join(fields)


def random_query(
    rng: random.Random,
    *,
    sizes: tuple[int, int] = (1, 80),
    layers: tuple[int, int] = (0, 7),
    typos: bool = False,
) -> str:
    """A planner address query, ``?in=HxW&c=C&l=...``: a 1-D input one time in four, else a 2-D
    one (square seven times in ten), its sizes drawn from ``sizes``, 1 to 3 input channels, and
    a number of layers drawn from ``layers``; with ``typos``, a query in a hundred also ends with
    a layer of an unknown op, and layers hold typos (see :func:`random_layer`)."""
    ndim = 1 if rng.random() < 0.25 else 2
    n = rng.randint(*sizes)
    size = str(n) if ndim == 1 else f"{n}x{rng.randint(*sizes) if rng.random() < 0.3 else n}"
    stack = [random_layer(rng, i, ndim, typos=typos) for i in range(1, rng.randint(*layers) + 1)]
    if typos and rng.random() < 0.01:
        stack.append("bogus")
    return f"?in={size}&c={rng.randint(1, 3)}&l={';'.join(stack)}"
