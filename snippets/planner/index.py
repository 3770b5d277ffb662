"""The network planner's model (docs/planner/index.md), in Python: the twin of
``docs/javascripts/lib/planner-model.js``, built only on :mod:`snippets.arithmetic`.

A plan is the query of the planner's address, ``in=HxW&l=LAYER;LAYER;...``: an input size (one
number for a 1-D input) and layers, each an op name with optional ``,key=value`` fields.
:func:`plan` gives, for every layer, its output size per axis, its (before, after) padding, its
receptive field, jump and first window start, its multiply-adds, and the problem that stops it, in
the words the page shows. The browser tests compare the page with this module on thousands of
seeded random stacks, and ``tests/test_planner.py`` checks it against Keras.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any
from urllib.parse import parse_qsl

from snippets.arithmetic import (
    conv_output_size,
    padding_amounts,
    pool_output_size,
    receptive_field,
    transposed_output_size,
    window_starts,
)

MAX_SIZE = 100_000
FIELDS: dict[str, tuple[str, ...]] = {
    "conv": ("k", "s", "d", "p", "c"),
    "dw": ("k", "s", "d", "p", "m"),
    "maxpool": ("k", "s", "p"),
    "avgpool": ("k", "s", "p"),
    "convT": ("k", "s", "p", "op", "c"),
    "zpad": ("t", "b", "l", "r"),
    "crop": ("t", "b", "l", "r"),
    "up": ("f",),
    "concat": ("from",),
    "add": ("from",),
}
OPS = tuple(FIELDS)
AXIS_NAMES = {1: ("length",), 2: ("height", "width")}
RANGE = (32, 1024)
NUMBER = re.compile(r"[0-9]{1,6}")


class PlanError(ValueError):
    """A query the planner cannot read; the message names the layer, the field and the value."""


def _number(text: str, where: str, low: int) -> int:
    if not NUMBER.fullmatch(text) or not low <= int(text) <= MAX_SIZE:
        raise PlanError(f"{where} must be an integer from {low} to {MAX_SIZE}, got {text!r}")
    return int(text)


def _per_axis(text: str, where: str, ndim: int, low: int) -> tuple[int, ...]:
    parts = text.split("x")
    if len(parts) == 1:
        parts = parts * ndim
    if len(parts) != ndim:
        raise PlanError(
            f"{where} must be one number or {ndim} joined by 'x' for a {ndim}-D input, got {text!r}"
        )
    return tuple(_number(part, where, low) for part in parts)


def _padding(text: str, where: str, ndim: int) -> str | tuple[tuple[int, int], ...]:
    name = text.lower()
    if name in ("valid", "same", "causal"):
        return name
    parts = text.split("x")
    if len(parts) == 1:
        parts = parts * ndim
    pairs = []
    for part in parts:
        m = re.fullmatch(r"([0-9]{1,6})-([0-9]{1,6})", part)
        if m is None or len(parts) != ndim:
            raise PlanError(
                f"{where} must be valid, same, causal or explicit amounts such as "
                f"{'1-1x0-1' if ndim == 2 else '2-0'} (before-after per axis), got {text!r}"
            )
        pairs.append((int(m[1]), int(m[2])))
    return tuple(pairs)


def parse(query: str) -> dict[str, Any]:
    """The input size, channels and layers of a query; PlanError names what it cannot read."""
    params: dict[str, str] = {}
    for key, value in parse_qsl(query.lstrip("?"), keep_blank_values=True):
        params.setdefault(key, value)
    size = params.get("in", "64x64")
    shape = tuple(_number(part, "in (the input size)", 1) for part in size.split("x"))
    if len(shape) not in (1, 2):
        raise PlanError(f"in (the input size) must be HxW or one length, got {size!r}")
    ndim = len(shape)
    channels = _number(params.get("c", "1"), "c (the input channels)", 1)
    layers = []
    text = params.get("l", "")
    for index, item in enumerate(text.split(";") if text else [], start=1):
        name, *fields = item.split(",")
        op = next((o for o in OPS if o.lower() == name.lower()), None)
        if op is None:
            raise PlanError(f"layer {index}: unknown op {name!r}; the ops are {', '.join(OPS)}")
        layer: dict[str, Any] = {"op": op}
        for field in fields:
            key, sep, value = field.partition("=")
            where = f"layer {index} ({op}): {key}"
            if not sep or key not in FIELDS[op]:
                raise PlanError(
                    f"layer {index} ({op}): unknown field {field!r}; {op} takes "
                    f"{', '.join(FIELDS[op])}"
                )
            if key in ("k", "s", "d", "f"):
                layer[key] = _per_axis(value, where, ndim, 1)
            elif key == "op":  # output_padding; "op" also names the layer's kind
                layer["opad"] = _per_axis(value, where, ndim, 0)
            elif key == "p":
                layer[key] = _padding(value, where, ndim)
            elif key == "from":
                layer[key] = _number(value, where, 0)
                if layer[key] >= index:
                    raise PlanError(
                        f"{where} must name an earlier layer (0 is the input, up to "
                        f"{index - 1}), got {value!r}"
                    )
            elif key in ("c", "m"):
                layer[key] = _number(value, where, 1)
            else:
                if ndim == 1 and key in ("t", "b"):
                    raise PlanError(f"{where}: a 1-D input is padded with l and r only")
                layer[key] = _number(value, where, 0)
        layers.append(layer)
    return {"shape": shape, "channels": channels, "layers": layers}


def _defaults(layer: dict[str, Any], ndim: int) -> dict[str, Any]:
    op = layer["op"]
    one = (1,) * ndim
    full = {
        "conv": {"k": (3,) * ndim, "s": one, "d": one, "p": "valid", "c": None},
        "dw": {"k": (3,) * ndim, "s": one, "d": one, "p": "valid", "m": 1},
        "maxpool": {"k": (2,) * ndim, "s": None, "p": "valid"},
        "avgpool": {"k": (2,) * ndim, "s": None, "p": "valid"},
        "convT": {"k": (2,) * ndim, "s": one, "p": "valid", "opad": None, "c": None},
        "zpad": {"t": 0, "b": 0, "l": 0, "r": 0},
        "crop": {"t": 0, "b": 0, "l": 0, "r": 0},
        "up": {"f": (2,) * ndim},
        "concat": {"from": 0},
        "add": {"from": 0},
    }[op] | layer
    if op in ("maxpool", "avgpool") and full["s"] is None:
        full["s"] = full["k"]
    return full


def _layer_name(index: int, op: str) -> str:
    return f"Layer {index} ({op})"


def _sizes(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape)


def _edges(L: dict[str, Any], ndim: int) -> tuple[tuple[int, int], ...]:
    return ((L["l"], L["r"]),) if ndim == 1 else ((L["t"], L["b"]), (L["l"], L["r"]))


def _merge_fix(
    index: int, L: dict[str, Any], main: tuple[int, ...], skip: tuple[int, ...], prev: Any
) -> str:
    """Words for a merge whose sizes differ: by how much, and what fixes it."""
    ndim = len(main)
    names = AXIS_NAMES[ndim]
    diffs = [s - m for m, s in zip(main, skip, strict=True)]
    by = ", ".join(f"{abs(d)} along the {name}" for d, name in zip(diffs, names, strict=True) if d)
    text = (
        f"{_layer_name(index, L['op'])} joins layer {index - 1}'s output {_sizes(main)} with "
        f"{'the input' if L['from'] == 0 else 'layer ' + str(L['from']) + chr(39) + 's output'} "
        f"{_sizes(skip)}: they differ by {by}."
    )
    fixes = []
    if all(d >= 0 for d in diffs):
        pairs = [(d // 2, d - d // 2) for d in diffs]
        fixes.append(f"crop the skip by {_pairs(pairs, ndim, 'crop')}")
    if all(d <= 0 for d in diffs):
        pairs = [(-d // 2, -d - -d // 2) for d in diffs]
        fixes.append(f"crop layer {index - 1}'s output by {_pairs(pairs, ndim, 'crop')}")
    if all(d >= 0 for d in diffs):
        pairs = [(d // 2, d - d // 2) for d in diffs]
        fixes.append(f"pad layer {index - 1}'s output by {_pairs(pairs, ndim, 'zpad')}")
    if prev is not None and prev["op"] == "convT":
        ops = []
        for axis in range(ndim):
            found = None
            for op in range(prev["s"][axis]):
                try:
                    size = transposed_output_size(
                        prev["in"][axis], prev["k"][axis], prev["s"][axis], prev["p"], op
                    )
                except ValueError:
                    continue
                if size == skip[axis]:
                    found = op
                    break
            ops.append(found)
        if all(o is not None for o in ops):
            fixes.append(f"set op={'x'.join(str(o) for o in ops)} on layer {index - 1} (convT)")
    return text + (" Fix: " + "; or ".join(fixes) + "." if fixes else "")


def _pairs(pairs: list[tuple[int, int]], ndim: int, op: str) -> str:
    keys = ("l", "r") if ndim == 1 else ("t", "b", "l", "r")
    values = [v for pair in pairs for v in pair]
    return op + "," + ",".join(f"{k}={v}" for k, v in zip(keys, values, strict=True))


def _run(parsed: dict[str, Any]) -> list[dict[str, Any]]:
    """Every layer's result; after the first problem, later layers have no output."""
    shape, ndim = parsed["shape"], len(parsed["shape"])
    names = AXIS_NAMES[ndim]
    # What each tensor is: size per axis, channels, and its field per axis (start, size, jump),
    # or None once an upsampling layer makes it more than a window.
    tensors: list[dict[str, Any]] = [
        {"out": shape, "c": parsed["channels"], "rf": [(0, 1, 1)] * ndim}
    ]
    results: list[dict[str, Any]] = []
    stopped = False
    for index, raw in enumerate(parsed["layers"], start=1):
        L = _defaults(raw, ndim)
        op = L["op"]
        result: dict[str, Any] = {"op": op, "out": None, "pads": None, "uneven": None,
                                  "rf": None, "macs": 0, "error": None}  # fmt: skip
        if stopped:
            results.append(result)
            tensors.append(None)  # type: ignore[arg-type]
            continue
        x = tensors[-1]
        n, c = x["out"], x["c"]
        try:
            out, pads, c_out, macs, rf = _layer(index, L, x, tensors, results, ndim, names)
        except ValueError as error:
            result["error"] = str(error)
            stopped = True
            results.append(result)
            tensors.append(None)  # type: ignore[arg-type]
            continue
        result.update(out=out, pads=pads, macs=macs, c=c_out)
        del c
        result["uneven"] = None if pads is None else [a != b for a, b in pads]
        result["rf"] = rf
        L["in"] = n
        result["layer"] = L
        results.append(result)
        tensors.append({"out": out, "c": c_out, "rf": rf})
    return results


def _layer(
    index: int,
    L: dict[str, Any],
    x: dict[str, Any],
    tensors: list[dict[str, Any]],
    results: list[dict[str, Any]],
    ndim: int,
    names: tuple[str, ...],
) -> tuple[Any, ...]:
    op, n, c = L["op"], x["out"], x["c"]
    head = _layer_name(index, op)
    out, pads, rf = [], [], []
    c_out, macs = c, 0

    def empty(axis: int, error: ValueError) -> ValueError:
        return ValueError(f"{head}: the {names[axis]} is empty: {error}")

    if op in ("conv", "dw", "maxpool", "avgpool"):
        pool = op in ("maxpool", "avgpool")
        p = L["p"]
        if p == "causal" and (op != "conv" or ndim == 2):
            raise ValueError(
                f"{head}: p=causal is Conv1D's padding: it needs a conv layer on a 1-D input"
            )
        if pool and isinstance(p, tuple):
            raise ValueError(
                f"{head}: Keras' pooling layers take p=valid or p=same, not explicit amounts; "
                f"put a zpad layer before it"
            )
        d = (1,) * ndim if pool else L["d"]
        # DepthwiseConv takes both (tests/test_planner.py builds it): only Conv refuses.
        if op == "conv" and max(L["s"]) > 1 and max(d) > 1:
            raise ValueError(
                f"{head}: Keras' Conv{ndim}D refuses strides > 1 with dilation_rate > 1 "
                f"(s={'x'.join(map(str, L['s']))}, d={'x'.join(map(str, d))})"
            )
        if op == "dw" and len(set(L["s"])) > 1:  # Keras builds it; the run fails
            raise ValueError(
                f"{head}: TensorFlow runs a depthwise convolution only with the same stride "
                f"along both axes (s={'x'.join(map(str, L['s']))})"
            )
        for axis in range(ndim):
            spec = p[axis] if isinstance(p, tuple) else p
            k, s = L["k"][axis], L["s"][axis]
            try:
                size = (
                    pool_output_size(n[axis], k, s, spec)
                    if pool
                    else conv_output_size(n[axis], k, s, spec, d[axis])
                )
            except ValueError as error:
                raise empty(axis, error) from None
            pads.append(padding_amounts(n[axis], k, s, spec, d[axis]))
            out.append(size)
            rf.append(_field(x["rf"][axis], (k, s, d[axis]), n[axis], spec))
        if op == "conv":
            c_out = L["c"] or c
            macs = math.prod(out) * math.prod(L["k"]) * c * c_out
        elif op == "dw":  # each input channel has its own m filters, and sees only itself
            c_out = c * L["m"]
            macs = math.prod(out) * math.prod(L["k"]) * c_out
    elif op == "convT":
        p = L["p"]
        if p not in ("valid", "same"):
            raise ValueError(f"{head}: Keras' Conv{ndim}DTranspose takes p=valid or p=same")
        for axis in range(ndim):
            k, s = L["k"][axis], L["s"][axis]
            opad = None if L["opad"] is None else L["opad"][axis]
            try:
                size = transposed_output_size(n[axis], k, s, p, opad)
            except ValueError as error:
                raise ValueError(f"{head}: along the {names[axis]}: {error}") from None
            out.append(size)
            pads.append(padding_amounts(size, k, s, p))
            rf.append(None)
        c_out = L["c"] or c
        macs = math.prod(n) * math.prod(L["k"]) * c * c_out
    elif op in ("zpad", "crop"):
        sign = 1 if op == "zpad" else -1
        for axis, (before, after) in enumerate(_edges(L, ndim)):
            size = n[axis] + sign * (before + after)
            if size < 1:
                raise ValueError(
                    f"{head}: the {names[axis]} is empty: cropping {before} + {after} from "
                    f"{n[axis]} cells leaves {size}"
                )
            out.append(size)
            pads.append((before, after) if op == "zpad" else (-before, -after))
            field = x["rf"][axis]
            rf.append(None if field is None else (field[0] - sign * before * field[2], *field[1:]))
    elif op == "up":
        out = [a * f for a, f in zip(n, L["f"], strict=True)]
        rf = [None] * ndim
        pads = None
    else:
        skip = tensors[L["from"]]
        if skip is None:
            raise ValueError(f"{head}: layer {L['from']} has no output")  # pragma: no cover
        # Add broadcasts, as Keras' Add does: a size of 1 on one side meets any size.
        widen = op == "add"
        if not all(a == b or (widen and 1 in (a, b)) for a, b in zip(n, skip["out"], strict=True)):
            prev = results[-1].get("layer") if results else None
            raise ValueError(_merge_fix(index, L, tuple(n), tuple(skip["out"]), prev))
        if widen and skip["c"] != c and 1 not in (c, skip["c"]):
            raise ValueError(
                f"{head}: add needs the same channels, or 1 on one side (Keras broadcasts it), "
                f"got {c} (layer {index - 1}) and {skip['c']} "
                f"({'the input' if L['from'] == 0 else 'layer ' + str(L['from'])})"
            )
        c_out = c + skip["c"] if op == "concat" else max(c, skip["c"])
        out = [max(a, b) for a, b in zip(n, skip["out"], strict=True)]
        pads = None
        rf = [
            _union(a, b) if m == s else None
            for a, b, m, s in zip(x["rf"], skip["rf"], n, skip["out"], strict=True)
        ]
    return tuple(out), None if pads is None else [tuple(p) for p in pads], c_out, macs, rf


def _field(
    field: tuple[int, int, int] | None, layer: tuple[int, int, int], n: int, spec: Any
) -> tuple[int, int, int] | None:
    """(first window start, size, jump), in input cells, after one more window layer: the
    layer's own field (``receptive_field``) read in steps of the incoming jump."""
    if field is None:
        return None
    start, size, jump = field
    first = window_starts(n, *layer[:2], spec, layer[2])[0]
    own = receptive_field([layer])
    return (start + first * jump, size + (own.size - 1) * jump, jump * own.jump)


def _union(a: Any, b: Any) -> Any:
    if a is None or b is None or a[2] != b[2]:
        return None
    start = min(a[0], b[0])
    end = max(a[0] + a[1], b[0] + b[1])
    return (start, end - start, a[2])


def plan(query: str) -> dict[str, Any]:
    """What the planner shows for ``query``: ``error`` for a query it cannot read, else every
    layer's ``out``, ``pads``, ``uneven``, ``rf`` (start, size, jump per axis), ``macs``,
    ``share`` and ``error``, the totals, and the input sizes for which every merge lines up."""
    try:
        parsed = parse(query)
    except PlanError as error:
        return {"error": str(error), "layers": []}
    results = _run(parsed)
    total = sum(r["macs"] for r in results)
    layers = [
        {
            "out": None if r["out"] is None else list(r["out"]),
            "pads": None if r["pads"] is None else [list(p) for p in r["pads"]],
            "uneven": r["uneven"],
            "rf": None if r["rf"] is None else [None if f is None else list(f) for f in r["rf"]],
            "macs": r["macs"],
            "share": round(r["macs"] / total, 4) if total else 0,
            "error": r["error"],
        }
        for r in results
    ]
    return {
        "error": None,
        "shape": list(parsed["shape"]),
        "layers": layers,
        "macs": total,
        "fits": fits(parsed),
    }


def fits(parsed: dict[str, Any]) -> dict[str, Any] | None:
    """For a plan with merges: the sizes in RANGE for which every layer works, per axis (the
    same size on every axis), with the pattern they follow if there is one.

    Cheap: a layer's size checks look at one axis at a time, so each axis (once per distinct
    set of per-axis fields) is followed through the sizes alone, stopping at its first failure;
    one full run at the first size that passes them then decides the checks no size changes
    (a causal 2-D conv, channels that do not add up), which hold for all sizes or for none."""
    if not any(layer["op"] in ("concat", "add") for layer in parsed["layers"]):
        return None
    ndim = len(parsed["shape"])
    layers = [_defaults(layer, ndim) for layer in parsed["layers"]]
    axes = {_axis_fields(layers, axis, ndim) for axis in range(ndim)}
    good = [
        size
        for size in range(RANGE[0], RANGE[1] + 1)
        if all(_axis_works(fields, size) for fields in axes)
    ]
    if good and any(r["error"] for r in _run({**parsed, "shape": (good[0],) * ndim})):
        good = []
    return {"sizes": good, "pattern": pattern(good)}


def _axis_fields(layers: list[dict[str, Any]], axis: int, ndim: int) -> tuple[tuple[Any, ...], ...]:
    """What decides one axis' sizes: per layer, its op and its fields along that axis."""
    fields: list[tuple[Any, ...]] = []
    for L in layers:
        op = L["op"]
        if op in ("conv", "dw", "maxpool", "avgpool", "convT"):
            p = L["p"][axis] if isinstance(L["p"], tuple) else L["p"]
            extra = L["d"][axis] if op in ("conv", "dw") else None
            if op == "convT" and L["opad"] is not None:
                extra = L["opad"][axis]
            fields.append((op, L["k"][axis], L["s"][axis], p, extra))
        elif op in ("zpad", "crop"):
            fields.append((op, sum(_edges(L, ndim)[axis])))
        elif op == "up":
            fields.append((op, L["f"][axis]))
        else:
            fields.append((op, L["from"]))
    return tuple(fields)


def _axis_works(fields: tuple[tuple[Any, ...], ...], n: int) -> bool:
    """Whether every layer's size checks pass along one axis from an input of ``n`` cells."""
    sizes = [n]
    for field in fields:
        if field[0] in ("concat", "add"):
            skip = sizes[field[1]]
            if n != skip and not (field[0] == "add" and 1 in (n, skip)):
                return False
            n = max(n, skip)
        else:
            n = _axis_step(field, n)
            if n < 1:
                return False
        sizes.append(n)
    return True


@functools.lru_cache(maxsize=1 << 16)
def _axis_step(field: tuple[Any, ...], n: int) -> int:
    """One layer's output size along one axis, or 0 when that layer has no output there."""
    op, *f = field
    try:
        if op in ("conv", "dw"):
            return conv_output_size(n, f[0], f[1], f[2], f[3])
        if op == "convT":
            return transposed_output_size(n, f[0], f[1], f[2], f[3])
        if op in ("maxpool", "avgpool"):
            return pool_output_size(n, f[0], f[1], f[2])
    except ValueError:
        return 0
    if op == "up":
        return n * f[0]
    return max(n + (f[0] if op == "zpad" else -f[0]), 0)


def pattern(sizes: list[int]) -> str:
    """``sizes`` in words: none, every size, or ``16k + 12`` when membership follows the size
    modulo a period (up to 64) across RANGE, else the list."""
    if not sizes:
        return f"no input size from {RANGE[0]} to {RANGE[1]}"
    good = set(sizes)
    for period in range(1, 65):
        residues = sorted({n % period for n in good})
        if all((n in good) == (n % period in residues) for n in range(RANGE[0], RANGE[1] + 1)):
            if period == 1:
                return f"every input size from {RANGE[0]} to {RANGE[1]}"
            return "inputs " + " or ".join(f"{period}k + {r}" for r in residues)
    shown = ", ".join(map(str, sizes[:8]))
    return f"{len(sizes)} sizes: {shown}{', …' if len(sizes) > 8 else ''}"
