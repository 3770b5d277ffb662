"""What the playground must show for a URL query, computed with ``snippets.arithmetic``.

The playground's own rules (which fields a query may hold, their ranges, which fields apply to
which operation, and that causal padding treats the width as a 1-D sequence) are written here once;
every number comes from ``snippets.arithmetic``, the site's reference. An ``error`` is expected
exactly when a field is out of the playground's range or the arithmetic raises ``ValueError``.
"""

from __future__ import annotations

import random
import re
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode

from snippets.arithmetic import (
    conv_output_size,
    padding_amounts,
    pool_output_size,
    transposed_output_size,
)

OPS = ("conv", "maxpool", "avgpool", "transposed")
PADDINGS = ("valid", "same", "causal", "explicit")
MAX = 64
# key -> (smallest value, default, group); oph/opw may also be empty, meaning None.
NUMBERS = {
    "h": (1, "7", "input"),
    "w": (1, "6", "input"),
    "kh": (1, "3", "kernel"),
    "kw": (1, "3", "kernel"),
    "sh": (1, "2", "stride"),
    "sw": (1, "2", "stride"),
    "dh": (1, "1", "dilation"),
    "dw": (1, "1", "dilation"),
    "pt": (0, "0", "explicit"),
    "pb": (0, "0", "explicit"),
    "pl": (0, "0", "explicit"),
    "pr": (0, "0", "explicit"),
    "oph": (0, "", "outpad"),
    "opw": (0, "", "outpad"),
}
DEFAULTS = {"op": "conv", "padding": "same"} | {key: d for key, (_, d, _) in NUMBERS.items()}
ORDER = ("op", "h", "w", "kh", "kw", "sh", "sw", "dh", "dw", "padding", *list(NUMBERS)[8:])
DIGITS = re.compile(r"[0-9]+")


class Expected(NamedTuple):
    """What the page must show; sizes and pads are None when ``error`` is True."""

    error: bool
    out_h: int | None = None
    out_w: int | None = None
    pads: tuple[int, int, int, int] | None = None
    """(top, bottom, left, right)."""
    keras_note: bool = False
    """Keras layers refuse stride > 1 with dilation > 1, but TensorFlow computes it."""


def applies(group: str, op: str, padding: str) -> bool:
    """Whether a field group is shown (and read) for this operation and padding."""
    if group == "dilation":
        return op not in ("maxpool", "avgpool")
    if group == "explicit":
        return padding == "explicit"
    if group == "outpad":
        return op == "transposed"
    return True


def read_query(query: str) -> dict[str, str]:
    """Raw field values of a query: the first value of each key, defaults for absent keys."""
    params: dict[str, str] = {}
    for key, value in parse_qsl(query.lstrip("?"), keep_blank_values=True):
        params.setdefault(key, value)
    return {key: params.get(key, default) for key, default in DEFAULTS.items()}


def check(raw: dict[str, str]) -> tuple[str, str, dict[str, Any]] | None:
    """``(op, padding, values)`` if every field that applies is in range, else None."""
    op, padding = raw["op"].lower(), raw["padding"].lower()
    ok = op in OPS and padding in PADDINGS
    values: dict[str, Any] = {}
    for key, (low, _, group) in NUMBERS.items():
        if not applies(group, op, padding):
            continue
        text = raw[key]
        if group == "outpad" and text == "":
            values[key] = None
        elif DIGITS.fullmatch(text) and low <= int(text) <= MAX:
            values[key] = int(text)
        else:
            ok = False
    return (op, padding, values) if ok else None


def keras_refuses(op: str, padding: str, v: dict[str, Any]) -> bool:
    """Keras convolution layers refuse any stride > 1 together with any dilation > 1."""
    if op not in ("conv", "transposed"):
        return False
    if padding == "causal":
        return v["sw"] > 1 and v["dw"] > 1
    return max(v["sh"], v["sw"]) > 1 and max(v["dh"], v["dw"]) > 1


def expected(query: str) -> Expected:
    """What the playground must show for ``query``, from ``snippets.arithmetic``."""
    checked = check(read_query(query))
    if checked is None:
        return Expected(error=True)
    op, padding, v = checked
    try:
        if padding == "causal" and op == "conv" and v["h"] != 1:
            raise ValueError(f"causal padding needs a 1-D input (h=1), got h={v['h']}")
        heights, widths = axes(op, padding, v)
    except ValueError:
        return Expected(error=True)
    return Expected(
        error=False,
        out_h=heights[0],
        out_w=widths[0],
        pads=(*heights[1], *widths[1]),
        keras_note=keras_refuses(op, padding, v),
    )


def axes(
    op: str, padding: str, v: dict[str, Any]
) -> tuple[tuple[int, tuple[int, int]], tuple[int, tuple[int, int]]]:
    """``(size, (before, after))`` along the height and the width; ValueError if impossible."""

    def spec(before: str, after: str) -> str | tuple[int, int]:
        return (v[before], v[after]) if padding == "explicit" else padding

    result = []
    for n, k, s, d, pads, op_pad in (
        ("h", "kh", "sh", "dh", ("pt", "pb"), "oph"),
        ("w", "kw", "sw", "dw", ("pl", "pr"), "opw"),
    ):
        p = spec(*pads)
        if op == "conv":
            # Causal padding runs along the width (the sequence); the height of 1 is unpadded.
            if p == "causal" and n == "h":
                p = "valid"
            size = conv_output_size(v[n], v[k], v[s], p, v[d])
            amounts = padding_amounts(v[n], v[k], v[s], p, v[d])
        elif op in ("maxpool", "avgpool"):
            size = pool_output_size(v[n], v[k], v[s], p)
            amounts = padding_amounts(v[n], v[k], v[s], p)
        else:
            size = transposed_output_size(v[n], v[k], v[s], p, v[op_pad], v[d])
            # The forward convolution that maps the transposed output back to the input.
            amounts = padding_amounts(size, v[k], v[s], p, v[d])
        result.append((size, amounts))
    return result[0], result[1]


def query(**fields: object) -> str:
    """A query string in the playground's field order."""
    return "?" + urlencode({k: fields[k] for k in ORDER if k in fields})


BAD_VALUES = ("0", "65", "abc", "true", "True", "", "1.5", "-1", " 3", "3 ", "1e1", "0x3", "٣")


def random_fields(rng: random.Random, bad: float = 0.015, big: float = 0.15) -> dict[str, str]:
    """A random configuration: a share ``bad`` of numbers out of range or not numbers, a share
    ``big`` anywhere up to 64, the rest small so that most configurations are valid."""

    def number(small: int, large: int, low: int = 1) -> str:
        if rng.random() < bad:
            return rng.choice(BAD_VALUES)
        top = large if rng.random() < big else small
        return str(rng.randint(low, top))

    op = rng.choice(OPS)
    # Causal padding is mostly tried where it can work: convolution.
    padding = rng.choice(
        PADDINGS if op == "conv" or rng.random() < 0.2 else ("valid", "same", "explicit")
    )
    one_d = padding == "causal" and rng.random() < 0.7
    fields = {
        "op": op,
        "h": "1" if one_d else number(12, 64),
        "w": number(12, 64),
        "kh": "1" if one_d and rng.random() < 0.8 else number(5, 64),
        "kw": number(5, 64),
        "sh": number(3, 64),
        "sw": number(3, 64),
        "dh": number(3, 64) if rng.random() < 0.3 else "1",
        "dw": number(3, 64) if rng.random() < 0.3 else "1",
        "padding": padding,
    }
    if padding == "explicit":
        fields.update({key: number(2, 64, low=0) for key in ("pt", "pb", "pl", "pr")})
    if op == "transposed":
        for key in ("oph", "opw"):
            # Mostly below the stride, which is mostly small.
            fields[key] = "" if rng.random() < 0.4 else number(1, 64, low=0)
    return fields


def edge_queries() -> list[str]:
    """Hand-picked corners: sizes of 1, kernels larger than the input, big dilation, explicit
    amounts, output_padding against stride, causal rules, bad URL values and spellings."""
    base = {"op": "conv", "h": 7, "w": 6, "kh": 3, "kw": 3, "sh": 2, "sw": 2, "dh": 1, "dw": 1}
    cases: list[dict[str, object]] = []
    for op in OPS:
        for padding in PADDINGS:
            cases += [
                {**base, "op": op, "padding": padding, "pt": 1, "pb": 2, "pl": 0, "pr": 3},
                {**base, "op": op, "padding": padding, "h": 1, "w": 1, "kh": 1, "kw": 1},
                {**base, "op": op, "padding": padding, "h": 1, "w": 1, "kh": 1, "kw": 3},
                {**base, "op": op, "padding": padding, "h": 3, "w": 3, "kh": 5, "kw": 5},
                {**base, "op": op, "padding": padding, "h": 64, "w": 64, "kh": 64, "kw": 64},
                {**base, "op": op, "padding": padding, "dh": 64, "dw": 64, "sh": 1, "sw": 1},
                {**base, "op": op, "padding": padding, "dh": 2, "dw": 3, "sh": 2, "sw": 1},
                {**base, "op": op, "padding": padding, "h": 1, "kh": 1, "dw": 2, "sw": 2},
                {**base, "op": op, "padding": padding, "h": 1, "kh": 1, "dw": 2, "sh": 2, "sw": 1},
                {**base, "op": op, "padding": padding, "sh": 64, "sw": 64, "kh": 1, "kw": 2},
                {**base, "op": op, "padding": padding, "pt": 64, "pb": 64, "pl": 0, "pr": 0},
                {**base, "op": op, "padding": padding, "pt": 3, "pb": 0, "pl": 2, "pr": 2},
            ]
    for padding in ("valid", "same", "explicit"):
        for k in (2, 3, 4):
            for oph in ("", "0", "1", "2", "3"):
                for opw in ("", "0", "1"):
                    cases.append(
                        {
                            **base,
                            "op": "transposed",
                            "padding": padding,
                            "h": 4,
                            "w": 5,
                            "kh": k,
                            "kw": k + 1,
                            "oph": oph,
                            "opw": opw,
                            "pt": 1,
                            "pb": 1,
                            "pl": 0,
                            "pr": 2,
                        }
                    )
    for key, (low, _, _) in NUMBERS.items():
        for value in (*BAD_VALUES, str(low), str(MAX), "007", str(MAX + 1)):
            cases.append({**base, "op": "transposed", "padding": "explicit", key: value})
            cases.append({**base, "op": "maxpool", "padding": "same", key: value})
    queries = [query(**case) for case in cases]
    queries += [
        "",
        "?",
        "?op=CONV&padding=SAME",
        "?op=Transposed&padding=Valid&oph=1&opw=1",
        "?op=conv2d",
        "?padding=full",
        "?op=&padding=",
        "?op=true&h=false",
        "?h=3&h=4",
        "?unknown=1&h=5",
        "?op=conv&h=9&w=9&kh=3&kw=3&sh=2&sw=2&dh=2&dw=2&padding=same",
        "?op=avgpool&h=5&w=5&kh=2&kw=2&sh=2&sw=2&padding=same",
        "?op=transposed&h=4&w=4&kh=3&kw=3&sh=2&sw=2&padding=same&oph=0&opw=0",
        "?op=transposed&h=4&w=4&kh=2&kw=2&sh=2&sw=2&padding=same&oph=0&opw=0",
        "?op=conv&h=1&w=10&kh=1&kw=3&sh=1&sw=1&dh=1&dw=2&padding=causal",
        "?op=conv&h=2&w=10&kh=1&kw=3&padding=causal",
        "?op=maxpool&h=1&w=10&kh=1&kw=3&padding=causal",
        "?op=maxpool&h=3&w=3&kh=2&kw=2&sh=1&sw=1&padding=explicit&pt=3&pb=0&pl=0&pr=0",
        "?op=conv&h=7&w=6&padding=explicit&pt=%2B1",
    ]
    return queries


def walk(seed: int, steps: int) -> list[tuple[list[str], dict[str, str]]]:
    """What a reader does: from the defaults, change one or two shown controls at a time, and
    mostly fix a field the page flags. Each step is the controls changed, in order, and the
    whole state of the controls after it, hidden ones included."""
    rng = random.Random(seed)
    state = dict(DEFAULTS)
    states = []
    for _ in range(steps):
        changed = []
        for _ in range(rng.choice((1, 1, 2))):
            op, padding = state["op"], state["padding"]
            shown = [k for k, (_, _, group) in NUMBERS.items() if applies(group, op, padding)]
            flagged = [k for k in shown if check({**DEFAULTS, k: state[k]}) is None]
            roll = rng.random()
            if flagged and roll < 0.7:
                key = rng.choice(flagged)
            elif roll < 0.8:
                key = "op"
                state["op"] = rng.choice(OPS)
            elif roll < 0.9:
                key = "padding"
                state["padding"] = rng.choice(
                    ("valid", "same", "explicit", "valid", "same", "causal")
                )
                if state["padding"] == "causal" and rng.random() < 0.7:
                    state["h"] = state["kh"] = "1"  # what the page's hint asks for
                    changed += ["padding", "h", "kh"]
            else:
                key = rng.choice(shown)
            changed.append(key)
            if key in ("op", "padding"):
                continue
            if rng.random() < 0.1 and key not in flagged:
                state[key] = rng.choice(BAD_VALUES)
            elif key in ("oph", "opw") and rng.random() < 0.3:
                state[key] = ""
            else:
                top = 2 if NUMBERS[key][0] == 0 else 4 if key[0] in "sd" else 9
                state[key] = str(rng.randint(NUMBERS[key][0], top))
        states.append((changed, dict(state)))
    return states


def random_queries(seed: int, count: int) -> list[str]:
    """``count`` seeded random queries."""
    rng = random.Random(seed)
    return [query(**random_fields(rng)) for _ in range(count)]
