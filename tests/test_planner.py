"""``snippets.planner.index``, the planner's Python twin: readable errors and worked examples.

Its agreement with the page is tested in ``tests/browser/test_planner.py``.
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from planner_stacks import PRESETS, random_query

from snippets.planner.index import RANGE, _defaults, _run, parse, pattern, plan

pytestmark = pytest.mark.pages("docs/planner/index.md")

UNET = "conv,k=3;conv,k=3;maxpool;conv,k=3;conv,k=3;convT,k=2,s=2"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("in=0x4", "in (the input size) must be an integer from 1 to 100000, got '0'"),
        ("in=4x4x4", "in (the input size) must be HxW or one length, got '4x4x4'"),
        ("in=8&l=nope", "layer 1: unknown op 'nope'"),
        ("in=8&l=conv,z=1", "layer 1 (conv): unknown field 'z=1'; conv takes k, s, d, p, c"),
        ("in=8x8&l=conv,k=1x2x3", "layer 1 (conv): k must be one number or 2 joined by 'x'"),
        ("in=8x8&l=conv,p=full", "layer 1 (conv): p must be valid, same, causal or explicit"),
        ("in=8&l=dw,c=2", "layer 1 (dw): unknown field 'c=2'; dw takes k, s, d, p, m"),
        ("in=8&l=dw,m=0", "layer 1 (dw): m must be an integer from 1 to 100000, got '0'"),
        ("in=8&l=add,from=1", "layer 1 (add): from must name an earlier layer"),
        ("in=8&l=zpad,t=1", "layer 1 (zpad): t: a 1-D input is padded with l and r only"),
        ("in=8&c=0", "c (the input channels) must be an integer from 1"),
    ],
)
def test_unreadable_queries_name_the_field(query: str, message: str) -> None:
    assert plan(query)["error"].startswith(message)


def first_error(query: str) -> str:
    return next(layer["error"] for layer in plan(query)["layers"] if layer["error"])


def test_problems_in_words() -> None:
    assert "the height is empty: output would be empty" in first_error("in=2x2&l=conv,k=3")
    assert "p=causal is Conv1D's padding" in first_error("in=8x8&l=conv,p=causal")
    assert "not explicit amounts" in first_error("in=8x8&l=maxpool,p=1-1")
    assert "refuses strides > 1 with dilation_rate > 1" in first_error("in=8&l=conv,s=2,d=2")
    assert "p=causal is Conv1D's padding" in first_error("in=8&l=dw,p=causal")
    assert "only with the same stride along both axes (s=1x3)" in first_error("in=8x8&l=dw,s=1x3")
    depthwise = plan("in=9&c=2&l=dw,k=3,s=2,d=2,p=same,m=3")["layers"][0]
    assert depthwise["out"] == [5] and depthwise["error"] is None
    assert depthwise["macs"] == 5 * 3 * 2 * 3  # per output cell: k taps for each of c*m filters
    assert "takes p=valid or p=same" in first_error("in=8&l=convT,p=causal")
    assert "output_padding must be smaller than stride" in first_error("in=8&l=convT,s=2,op=2")
    assert "cropping 3 + 3 from 5 cells leaves -1" in first_error("in=5&l=crop,l=3,r=3")
    assert (
        "add needs the same channels, or 1 on one side (Keras broadcasts it), got 4 "
        "(layer 1) and 2 (the input)" in first_error("in=8&c=2&l=conv,k=1,c=4;add,from=0")
    )
    broadcast = plan("in=8x1&c=1&l=conv,k=1,c=4;add,from=0;add,from=0")["layers"]
    assert broadcast[2]["out"] == [8, 1] and broadcast[2]["error"] is None
    assert plan("in=8x3&l=conv,k=1x3;add,from=0")["layers"][1]["rf"][1] is None
    unet = first_error(f"in=572x572&l={UNET};concat,from=2")
    assert "differ by 8 along the height, 8 along the width" in unet
    assert "crop the skip by crop,t=4,b=4,l=4,r=4" in unet
    smaller = first_error("in=8&l=zpad,l=1,r=2;concat,from=0")
    assert "crop layer 1's output by crop,l=1,r=2" in smaller
    odd = first_error("in=7&l=conv,k=2,s=2,p=same;convT,k=2,s=2,p=same;concat,from=0")
    assert "set op=1 on layer 2 (convT)" in odd
    merged = plan("in=8&l=conv,k=3,p=same;add,from=0")["layers"][1]
    assert merged["rf"] == [[-1, 3, 1]]


def test_worked_example_and_fits() -> None:
    result = plan("in=33x33&l=conv,k=3,s=2,p=same;conv,k=3,p=same;convT,k=3,s=2,p=same,op=0;"
                  "concat,from=0;up,f=2;zpad,t=1,l=1;crop,b=1,r=1;conv,k=1,c=2")  # fmt: skip
    first = result["layers"][0]
    assert first["out"] == [17, 17] and first["pads"] == [[1, 1], [1, 1]]
    assert first["rf"] == [[-1, 3, 2], [-1, 3, 2]]
    assert result["layers"][3]["rf"] is not None
    assert result["layers"][-1]["out"] == [66, 66]
    assert result["fits"]["pattern"] == "inputs 2k + 1"
    assert abs(sum(layer["share"] for layer in result["layers"]) - 1) < 1e-3
    assert plan("in=8&l=conv,p=2-1")["layers"][0]["uneven"] == [True]
    assert plan("in=8&l=conv")["fits"] is None
    assert plan("in=8&l=conv,k=9;conv")["layers"][1]["out"] is None


def test_pattern_words() -> None:
    assert pattern([]) == "no input size from 32 to 1024"
    assert pattern(list(range(32, 1025))) == "every input size from 32 to 1024"
    assert pattern([40, 41, 500]) == "3 sizes: 40, 41, 500"
    assert pattern([40, 41, 42, 43, 44, 45, 46, 47, 48, 500]).endswith(", …")


# --- the planner against real Keras ---------------------------------------------------------


def keras_query(rng: random.Random) -> str:
    """A random stack (``planner_stacks``) small enough to build quickly, with one layer or more
    and no typos: Keras is given every layer the planner can read."""
    return random_query(rng, sizes=(6, 40), layers=(1, 7))


def keras_layers(keras: Any, layer: dict[str, Any], ndim: int, channels: int) -> list[Any]:
    """The Keras layers that one planner layer (with its defaults filled in) stands for: explicit
    conv padding is a ZeroPadding layer before a valid conv; anything else is passed to Keras as
    written, so that Keras itself accepts or refuses it."""
    L = keras.layers
    zero = L.ZeroPadding1D if ndim == 1 else L.ZeroPadding2D
    op = layer["op"]
    one = (lambda v: v[0]) if ndim == 1 else tuple  # UpSampling1D takes an int
    if op in ("conv", "dw"):
        p = layer["p"]
        before = [zero(p[0] if ndim == 1 else p)] if isinstance(p, tuple) else []
        common = {"strides": layer["s"], "dilation_rate": layer["d"],
                  "padding": "valid" if before else p}  # fmt: skip
        if op == "dw":
            dw = L.DepthwiseConv1D if ndim == 1 else L.DepthwiseConv2D
            return [*before, dw(layer["k"], depth_multiplier=layer["m"], **common)]
        conv = L.Conv1D if ndim == 1 else L.Conv2D
        return [*before, conv(layer["c"] or channels, layer["k"], **common)]
    if op in ("maxpool", "avgpool"):
        kind = {"maxpool": "MaxPooling", "avgpool": "AveragePooling"}[op]
        return [getattr(L, f"{kind}{ndim}D")(layer["k"], strides=layer["s"], padding=layer["p"])]
    if op == "convT":
        conv = L.Conv1DTranspose if ndim == 1 else L.Conv2DTranspose
        opad = layer["opad"]
        return [conv(layer["c"] or channels, layer["k"], strides=layer["s"], padding=layer["p"],
                     output_padding=None if opad is None else tuple(opad))]  # fmt: skip
    if op in ("zpad", "crop"):
        edges = (layer["l"], layer["r"]) if ndim == 1 else (
            (layer["t"], layer["b"]), (layer["l"], layer["r"]))  # fmt: skip
        if op == "zpad":
            return [zero(edges)]
        return [(L.Cropping1D if ndim == 1 else L.Cropping2D)(edges)]
    if op == "up":
        return [(L.UpSampling1D if ndim == 1 else L.UpSampling2D)(one(layer["f"]))]
    return [L.Concatenate() if op == "concat" else L.Add()]


def keras_run(keras: Any, query: str) -> tuple[list[tuple[int, ...]], int | None]:
    """Build ``query`` with the Keras functional API and run it on zeros of the planned size:
    every layer's output size (spatial axes) until the first layer Keras refuses, and that
    layer's number (None when Keras accepts them all)."""
    import numpy as np

    parsed = parse(query)
    ndim = len(parsed["shape"])
    inputs = keras.Input(shape=(*parsed["shape"], parsed["channels"]), batch_size=1)
    tensors, stages = [inputs], []
    for index, raw in enumerate(parsed["layers"], start=1):
        layer = _defaults(raw, ndim)
        x = tensors[-1]
        try:
            built = keras_layers(keras, layer, ndim, x.shape[-1])
            if layer["op"] in ("concat", "add"):
                y = built[0]([x, tensors[layer["from"]]])
            else:
                y = x
                for part in built:
                    y = part(y)
        # Keras 3.15 refuses explicit amounts in Conv2DTranspose with an AttributeError
        # ('tuple' object has no attribute 'lower'), everything else with a ValueError.
        except (ValueError, AttributeError):
            return [tuple(t.shape[1:-1]) for t in tensors[1:]], index
        tensors.append(y)
        stages.append(y)
    model = keras.Model(inputs, stages)
    x = np.zeros((1, *parsed["shape"], parsed["channels"]), dtype="float32")
    try:
        outputs = model(x)
    except Exception:  # a TensorFlow error at run time: find its layer
        return _first_failing_at_run_time(model, x, len(stages))
    outputs = outputs if isinstance(outputs, list) else [outputs]
    return [tuple(o.shape[1:-1]) for o in outputs], None


def _first_failing_at_run_time(model: Any, x: Any, count: int) -> tuple[list[Any], int]:
    """Run the model's outputs one at a time: the first that fails names the layer."""
    import keras

    shapes = []
    for index in range(1, count + 1):
        part = keras.Model(model.input, model.outputs[index - 1])
        try:
            shapes.append(tuple(part(x).shape[1:-1]))
        except Exception:
            return shapes, index
    raise AssertionError("the whole model failed but every layer ran")  # pragma: no cover


def planned(query: str) -> tuple[list[tuple[int, ...]], int | None]:
    layers = plan(query)["layers"]
    shapes = [tuple(layer["out"]) for layer in layers if layer["out"] is not None]
    flagged = next((i for i, layer in enumerate(layers, start=1) if layer["error"]), None)
    return shapes, flagged


def test_random_stacks_match_keras() -> None:
    """Every layer's output size, and the first layer refused, are Keras' own."""
    import keras

    rng = random.Random(1212)
    queries = [keras_query(rng) for _ in range(60)]
    failures, refused = [], 0
    for query in queries:
        want = planned(query)
        got = keras_run(keras, query)
        refused += got[1] is not None
        if got != want:
            failures.append(f"{query}: Keras {got}, planner {want}")
    assert failures == [], f"{len(failures)} differ, first:\n" + "\n".join(failures[:8])
    assert 10 <= refused <= 45, refused
    assert {q.startswith("?in=") and "x" not in q.split("&")[0] for q in queries} == {True, False}


def test_fits_is_the_model_run_at_every_size() -> None:
    """The cheap search for the sizes where every merge lines up gives exactly the sizes for
    which running the whole plan, at that size on every axis, flags no layer."""
    rng = random.Random(7)
    checked = 0
    while checked < 12:
        query = keras_query(rng)
        result = plan(query)
        if result["fits"] is None:
            continue
        checked += 1
        parsed = parse(query)
        ndim = len(parsed["shape"])
        brute = [
            size
            for size in range(RANGE[0], RANGE[1] + 1)
            if not any(r["error"] for r in _run({**parsed, "shape": (size,) * ndim}))
        ]
        assert result["fits"]["sizes"] == brute, query
    causal = plan("in=40x40&l=conv,k=3,p=causal;concat,from=1")["fits"]
    assert causal["sizes"] == [] and causal["pattern"] == "no input size from 32 to 1024"


# --- the presets on the page ----------------------------------------------------------------

# keras.applications model, its input shape, and its layers that the preset's layers are.
APPLICATIONS = {
    "resnet50": ("ResNet50", ["conv1_pad", "conv1_conv", "pool1_pad", "pool1_pool"]),
    "mobilenetv2": ("MobileNetV2", ["Conv1", "expanded_conv_depthwise", "expanded_conv_project",
                                    "block_1_expand", "block_1_pad", "block_1_depthwise"]),
    "vgg16": ("VGG16", [f"block{b}_{name}" for b, convs in enumerate((2, 2, 3, 3, 3), start=1)
                        for name in [f"conv{i}" for i in range(1, convs + 1)] + ["pool"]]),
}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(APPLICATIONS))
def application(request: pytest.FixtureRequest) -> tuple[str, Any]:
    """A keras.applications model (weights=None), built once for the module."""
    import keras

    name, _ = APPLICATIONS[request.param]
    shape = parse(PRESETS[request.param])
    model = getattr(keras.applications, name)(
        weights=None, include_top=False, input_shape=(*shape["shape"], shape["channels"])
    )
    return request.param, model


def test_application_presets_are_the_keras_models(application: tuple[str, Any]) -> None:
    """Every layer of the ResNet-50, MobileNetV2 and VGG-16 presets has the output shape
    (size and channels) of the keras.applications layer it stands for."""
    import keras
    import numpy as np

    key, model = application
    names = APPLICATIONS[key][1]
    parsed = parse(PRESETS[key])
    stem = keras.Model(model.input, [model.get_layer(name).output for name in names])
    outputs = stem(np.zeros((1, *parsed["shape"], parsed["channels"]), dtype="float32"))
    got = [tuple(o.shape[1:]) for o in outputs]
    planned_layers = _run(parsed)
    want = [(*r["out"], r["c"]) for r in planned_layers]
    assert got == want
    assert len(names) == len(parsed["layers"])
    # Multiply-adds: each output cell takes one for every weight of the kernel (a depthwise
    # kernel holds k taps for each of its c * m filters; a full one, k * c_in for each filter).
    kernels = [getattr(model.get_layer(name), "kernel", None) for name in names]
    want_macs = [0 if k is None else math.prod(o.shape[1:-1]) * math.prod(k.shape)
                 for k, o in zip(kernels, outputs, strict=True)]  # fmt: skip
    assert [r["macs"] for r in planned_layers] == want_macs


@pytest.mark.parametrize("key", ["unet-valid", "unet-same", "wavenet"])
def test_network_presets_match_keras(key: str) -> None:
    """The U-Nets and the WaveNet-style stack, built with Keras' functional API: the same
    shapes, and the original U-Net's skip refused at the layer the planner flags."""
    import keras

    assert keras_run(keras, PRESETS[key]) == planned(PRESETS[key])
    flagged = planned(PRESETS[key])[1]
    assert flagged == (16 if key == "unet-valid" else None)
    if key == "unet-valid":
        error = plan(PRESETS[key])["layers"][15]["error"]
        assert "differ by 8 along the height, 8 along the width" in error
        assert "crop the skip by crop,t=4,b=4,l=4,r=4" in error


def test_depthwise_rules_are_keras_own() -> None:
    """What the planner says of ``dw`` is what Keras does: unequal strides fail when the model
    runs, causal padding is refused, stride with dilation runs (only Conv refuses it)."""
    import keras

    for query in ("?in=8x8&l=dw,s=1x3", "?in=8&l=dw,p=causal", "?in=9x9&c=2&l=dw,s=2,d=2,m=2"):
        assert keras_run(keras, query) == planned(query), query
    assert planned("?in=9x9&c=2&l=dw,s=2,d=2,m=2") == ([(3, 3)], None)


def test_page_lists_every_preset() -> None:
    assert sorted(PRESETS) == sorted([*APPLICATIONS, "unet-valid", "unet-same", "wavenet"])
    same = plan(PRESETS["unet-same"])["layers"]
    assert [same[2]["out"], same[5]["out"], same[6]["out"]] == [[51, 51], [102, 102], [101, 101]]
    assert plan(PRESETS["wavenet"])["layers"][5]["rf"] == [[-63, 64, 1]]
