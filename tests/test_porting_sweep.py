"""A seeded random sweep: TensorFlow against PyTorch, JAX and ONNX Runtime, value by value.

For each framework pair, more than a thousand random 2-D convolutions (input size, kernel,
stride and dilation drawn per axis, channels too), plus max pooling, average pooling and
transposed convolutions, all with TensorFlow's SAME padding as the reference. What each page
says about the other frameworks is asserted here over the whole sweep:

- PyTorch: the ``tf_same`` module of the TensorFlow-to-PyTorch page equals TensorFlow for every
  layer; PyTorch's own ``padding="same"`` equals it at stride 1.
- JAX: ``lax``'s ``"SAME"`` equals TensorFlow for convolutions, pooling and transposed
  convolutions.
- ONNX Runtime: explicit ``pads`` with TensorFlow's split (from ``snippets.arithmetic``) equal
  TensorFlow everywhere; ``auto_pad="SAME_UPPER"`` equals it wherever TensorFlow's windows leave
  no input cell unread at the end, and disagrees only where they do; ``SAME_LOWER`` equals it
  exactly when the padding is even; dilation with ``SAME_*`` is refused.

The work is batched: TensorFlow runs eagerly (fast per call), JAX compiles one function per
kind of layer, ONNX Runtime runs one graph per kind of layer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pytest

from sitekit.sections import ROOT, saved_modules
from snippets.arithmetic import (
    effective_kernel_size,
    same_padding,
    transposed_output_size,
    window_starts,
)

pytestmark = pytest.mark.tf
N_CONV, N_POOL, N_TRANSPOSED = 1200, 400, 400
JAX_POOLS = 150
SEED = 20261202


@dataclass(frozen=True)
class Config:
    n: tuple[int, int]
    k: tuple[int, int]
    s: tuple[int, int]
    d: tuple[int, int]
    c_in: int
    c_out: int

    def pads(self, n: tuple[int, int] | None = None) -> list[tuple[int, int]]:
        """TensorFlow's SAME (before, after) per axis, from the arithmetic."""
        n = self.n if n is None else n
        return [same_padding(*args) for args in zip(n, self.k, self.s, self.d, strict=True)]

    def onnx_pads(self, n: tuple[int, int] | None = None) -> list[int]:
        pads = self.pads(n)
        return [b for b, _ in pads] + [a for _, a in pads]

    def unread(self) -> bool:
        """Whether TensorFlow's SAME windows leave input cells unread after the last one."""
        return any(
            n - (window_starts(n, k, s, "same", d)[-1] + effective_kernel_size(k, d)) > 0
            for n, k, s, d in zip(self.n, self.k, self.s, self.d, strict=True)
        )


def _draw(count: int, kind: str, seed: int) -> list[Config]:
    rng = np.random.default_rng(seed)
    configs = []
    while len(configs) < count:
        n = tuple(int(v) for v in rng.integers(1, 25, 2))
        k = tuple(int(v) for v in rng.integers(1, 8 if kind == "conv" else 6, 2))
        s = tuple(int(v) for v in rng.integers(1, 5, 2))
        d = tuple(int(v) for v in rng.integers(1, 4, 2)) if kind == "conv" else (1, 1)
        if max(s) > 1 and max(d) > 1:
            continue  # TensorFlow refuses strides > 1 together with dilation > 1
        if kind == "transposed":
            n = tuple(min(v, 12) for v in n)
        configs.append(Config(n, k, s, d, int(rng.integers(1, 4)), int(rng.integers(1, 4))))
    return configs


CONV = _draw(N_CONV, "conv", SEED)
POOL = _draw(N_POOL, "pool", SEED + 1)
TRANSPOSED = _draw(N_TRANSPOSED, "transposed", SEED + 2)


@pytest.fixture(scope="module")
def data() -> dict[str, list]:
    """Inputs, weights and TensorFlow's results for every configuration (NHWC, HWIO)."""
    import tensorflow as tf

    rng = np.random.default_rng(SEED)
    out: dict[str, list] = {"conv": [], "max": [], "avg": [], "transposed": []}
    for c in CONV:
        x = rng.normal(size=(1, *c.n, c.c_in)).astype(np.float32)
        w = rng.normal(size=(*c.k, c.c_in, c.c_out)).astype(np.float32)
        y = tf.nn.conv2d(x, w, c.s, "SAME", dilations=c.d).numpy()
        out["conv"].append((c, x, w, y))
    for c in POOL:
        x = rng.normal(size=(1, *c.n, c.c_in)).astype(np.float32)
        out["max"].append((c, x, None, tf.nn.max_pool2d(x, c.k, c.s, "SAME").numpy()))
        out["avg"].append((c, x, None, tf.nn.avg_pool2d(x, c.k, c.s, "SAME").numpy()))
    for c in TRANSPOSED:
        x = rng.normal(size=(1, *c.n, c.c_in)).astype(np.float32)
        w = rng.normal(size=(*c.k, c.c_out, c.c_in)).astype(np.float32)  # (h, w, out, in)
        shape = (1, c.n[0] * c.s[0], c.n[1] * c.s[1], c.c_out)  # Keras' SAME: n * stride
        y = tf.nn.conv2d_transpose(x, w, shape, c.s, "SAME").numpy()
        out["transposed"].append((c, x, w, y))
    return out


def close(got, want: np.ndarray) -> bool:
    got = np.asarray(got)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-4, atol=1e-4)


def test_sweep_is_large_and_seeded() -> None:
    assert len(CONV) >= 1000 and _draw(5, "conv", SEED) == CONV[:5]
    assert any(c.unread() for c in CONV) and any(max(c.d) > 1 for c in CONV)
    # Cells left unread after the last window take a kernel smaller than the stride.
    for c in CONV + POOL:
        if c.unread():
            assert any(
                effective_kernel_size(k, d) < s for k, s, d in zip(c.k, c.s, c.d, strict=True)
            ), c
    assert any(sum(p) % 2 for c in CONV for p in c.pads())


# ------------------------------------------------------------------------------------ PyTorch


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths")
def test_pytorch(data: dict[str, list]) -> None:
    import torch

    with saved_modules(ROOT / "snippets" / "porting" / "tf_to_pytorch.py"):
        from tf_same import (  # type: ignore[import-not-found]
            AvgPool2dSame,
            Conv2dSame,
            ConvTranspose2dSame,
            MaxPool2dSame,
        )

    def nchw(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(a).permute(0, 3, 1, 2)

    def nhwc(t: torch.Tensor) -> np.ndarray:
        return t.detach().permute(0, 2, 3, 1).numpy()

    wrong: list[str] = []
    stride_1 = 0
    started = time.perf_counter()
    with torch.no_grad():
        for c, x, w, want in data["conv"]:
            conv = Conv2dSame(c.c_in, c.c_out, c.k, stride=c.s, dilation=c.d, bias=False)
            conv.weight.copy_(torch.from_numpy(w).permute(3, 2, 0, 1))
            if not close(nhwc(conv(nchw(x))), want):
                wrong.append(f"Conv2dSame {c}")
            if c.s == (1, 1):
                stride_1 += 1
                own = torch.nn.functional.conv2d(nchw(x), conv.weight, padding="same", dilation=c.d)
                if not close(nhwc(own), want):
                    wrong.append(f"padding='same' at stride 1 {c}")
        for kind, layer in (("max", MaxPool2dSame), ("avg", AvgPool2dSame)):
            for c, x, _, want in data[kind]:
                if not close(nhwc(layer(c.k, stride=c.s)(nchw(x))), want):
                    wrong.append(f"{layer.__name__} {c}")
        for c, x, w, want in data["transposed"]:
            up = ConvTranspose2dSame(c.c_in, c.c_out, c.k, stride=c.s, bias=False)
            up.weight.copy_(torch.from_numpy(w).permute(3, 2, 0, 1))
            if not close(nhwc(up(nchw(x))), want):
                wrong.append(f"ConvTranspose2dSame {c}")
    print(f"torch {time.perf_counter() - started:.1f} s")
    assert stride_1 >= 100
    assert not wrong, f"{len(wrong)} disagreements with TensorFlow, e.g. {wrong[:5]}"


# ---------------------------------------------------------------------------------------- JAX


def test_jax(data: dict[str, list]) -> None:
    import jax
    import jax.numpy as jnp
    from jax import lax

    nhwc = ("NHWC", "HWIO", "NHWC")
    # Compiling hundreds of small operations dominates; XLA's optimisations do not change what
    # an operation computes, only how fast, so leave them out.
    fast = {"xla_backend_optimization_level": 0}

    def convs(xs, ws):
        return [
            lax.conv_general_dilated(x, w, c.s, "SAME", rhs_dilation=c.d, dimension_numbers=nhwc)
            for (c, *_), x, w in zip(data["conv"], xs, ws, strict=True)
        ]

    # XLA compiles reduce_window slowly (about 10 ms each): the conv and transposed sweeps
    # carry the count for JAX, and pooling gets a share.
    pooled = data["max"][:JAX_POOLS]

    def pools(xs):
        out = []
        for (c, *_), x in zip(pooled, xs, strict=True):
            window, strides = (1, *c.k, 1), (1, *c.s, 1)
            out.append(lax.reduce_window(x, -jnp.inf, lax.max, window, strides, "SAME"))
            # Sums of the input and of a channel of ones (the real cells) in one reduction.
            both = jnp.concatenate([x, jnp.ones_like(x[..., :1])], axis=-1)
            sums = lax.reduce_window(both, 0.0, lax.add, window, strides, "SAME")
            out.append(sums[..., :-1] / sums[..., -1:])
        return out

    def transposed(xs, ws):
        return [
            lax.conv_transpose(x, w, c.s, "SAME", dimension_numbers=nhwc, transpose_kernel=True)
            for (c, *_), x, w in zip(data["transposed"], xs, ws, strict=True)
        ]

    wrong: list[str] = []
    items = data["conv"]
    started = time.perf_counter()
    got = jax.jit(convs, compiler_options=fast)([i[1] for i in items], [i[2] for i in items])
    wrong += [f"conv {i[0]}" for i, g in zip(items, got, strict=True) if not close(g, i[3])]
    timings = {"conv": time.perf_counter() - started}
    started = time.perf_counter()
    got = jax.jit(pools, compiler_options=fast)([x for _, x, _, _ in pooled])
    for i, (c, _, _, y) in enumerate(pooled):
        if not close(got[2 * i], y):
            wrong.append(f"max pool {c}")
        if not close(got[2 * i + 1], data["avg"][i][3]):
            wrong.append(f"average pool {c}")
    timings["pools"] = time.perf_counter() - started
    started = time.perf_counter()
    items = data["transposed"]
    got = jax.jit(transposed, compiler_options=fast)([i[1] for i in items], [i[2] for i in items])
    wrong += [f"transposed {i[0]}" for i, g in zip(items, got, strict=True) if not close(g, i[3])]
    timings["transposed"] = time.perf_counter() - started
    print(" ".join(f"jax {kind} {seconds:.1f} s" for kind, seconds in timings.items()))
    assert not wrong, f"{len(wrong)} disagreements with TensorFlow, e.g. {wrong[:5]}"


# ------------------------------------------------------------------------------- ONNX Runtime


def _session(nodes, inputs, initializers):
    """One ONNX Runtime session for many independent nodes; outputs y0, y1, ..."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        nodes,
        "sweep",
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, a.shape) for name, a in inputs],
        [helper.make_tensor_value_info(n.output[0], TensorProto.FLOAT, None) for n in nodes],
        initializer=initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, ["CPUExecutionProvider"])
    return dict(zip([n.output[0] for n in nodes], session.run(None, dict(inputs)), strict=True))


def test_onnx_runtime(data: dict[str, list]) -> None:
    from onnx import helper, numpy_helper

    nodes, inputs, weights, checks = [], [], [], []

    def node(op, i, want, spelling, **attributes):
        name = f"y{len(nodes)}"
        names = [f"x{i}", f"w{i}"] if op in ("Conv", "ConvTranspose") else [f"x{i}"]
        nodes.append(helper.make_node(op, names, [name], **attributes))
        checks.append((name, op, spelling, want))

    for i, (c, x, w, want) in enumerate(data["conv"]):
        inputs.append((f"x{i}", x.transpose(0, 3, 1, 2)))
        weights.append(numpy_helper.from_array(w.transpose(3, 2, 0, 1), f"w{i}"))
        common = {"strides": list(c.s), "dilations": list(c.d)}
        node("Conv", i, (c, want), "pads", pads=c.onnx_pads(), **common)
        if c.d == (1, 1):  # ONNX Runtime refuses SAME_* with dilation: checked below
            node("Conv", i, (c, want), "SAME_UPPER", auto_pad="SAME_UPPER", **common)
            node("Conv", i, (c, want), "SAME_LOWER", auto_pad="SAME_LOWER", **common)
    for i, (c, x, _, want) in enumerate(data["max"], start=len(inputs)):
        inputs.append((f"x{i}", x.transpose(0, 3, 1, 2)))
        common = {"kernel_shape": list(c.k), "strides": list(c.s)}
        node("MaxPool", i, (c, want), "pads", pads=c.onnx_pads(), **common)
        avg = data["avg"][i - len(data["conv"])][3]
        node("AveragePool", i, (c, avg), "pads", pads=c.onnx_pads(), **common)
        if not c.unread():  # where TensorFlow's windows leave cells unread, MaxPool refuses
            node("MaxPool", i, (c, want), "SAME_UPPER", auto_pad="SAME_UPPER", **common)
            node("AveragePool", i, (c, avg), "SAME_UPPER", auto_pad="SAME_UPPER", **common)
    for i, (c, x, w, want) in enumerate(data["transposed"], start=len(inputs)):
        inputs.append((f"x{i}", x.transpose(0, 3, 1, 2)))
        weights.append(numpy_helper.from_array(w.transpose(3, 2, 0, 1), f"w{i}"))
        out = (c.n[0] * c.s[0], c.n[1] * c.s[1])
        pads = c.pads(out)
        # Explicit pads crop the full result; a kernel smaller than the stride leaves it short
        # of n * stride, and output_padding adds the rest (TensorFlow's result is zero there).
        extra = [
            o - transposed_output_size(n, k, s, p)
            for o, n, k, s, p in zip(out, c.n, c.k, c.s, pads, strict=True)
        ]
        common = {"strides": list(c.s)}
        node("ConvTranspose", i, (c, want), "pads", pads=c.onnx_pads(out), output_padding=extra,
             **common)  # fmt: skip
        node("ConvTranspose", i, (c, want), "SAME_UPPER", auto_pad="SAME_UPPER", **common)
    results = _session(nodes, inputs, weights)

    agree: dict[tuple[str, str], list[bool]] = {}
    wrong: list[str] = []
    for name, op, spelling, (c, want) in checks:
        got = results[name].transpose(0, 2, 3, 1)
        ok = close(got, want)
        agree.setdefault((op, spelling), []).append(ok)
        if spelling == "pads" and not ok:
            wrong.append(f"{op} pads {c}")
        if spelling == "SAME_UPPER" and op != "ConvTranspose" and not ok and not c.unread():
            wrong.append(f"{op} SAME_UPPER where no cell is left unread {c}")
        if spelling == "SAME_LOWER" and not c.unread():
            even = all(sum(p) % 2 == 0 for p in c.pads())
            if ok != even:
                wrong.append(f"{op} SAME_LOWER {'differs' if even else 'agrees'} {c}")
        kernel_covers_stride = c.k[0] >= c.s[0] and c.k[1] >= c.s[1]
        if op == "ConvTranspose" and spelling == "SAME_UPPER" and kernel_covers_stride and not ok:
            wrong.append(f"ConvTranspose SAME_UPPER with kernel >= stride {c}")
    assert not wrong, f"{len(wrong)} unexpected results, e.g. {wrong[:5]}"
    assert sum(len(v) for k, v in agree.items() if k[1] == "pads") >= 2000
    # The disagreements are real: some configurations do differ.
    assert not all(agree[("Conv", "SAME_UPPER")])
    assert not all(agree[("Conv", "SAME_LOWER")])


def test_onnx_runtime_refuses_same_with_dilation(data: dict[str, list]) -> None:
    from onnxruntime.capi.onnxruntime_pybind11_state import InvalidArgument

    with saved_modules(ROOT / "snippets" / "porting" / "onnx_runtime.py"):
        from onnx_run import run  # type: ignore[import-not-found]

        dilated = [item for item in data["conv"] if max(item[0].d) > 1][:20]
        assert len(dilated) == 20
        for c, x, w, _ in dilated:
            for auto_pad in ("SAME_UPPER", "SAME_LOWER"):
                with pytest.raises(InvalidArgument, match="Dilation not supported"):
                    run("Conv", x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1),
                        dilations=list(c.d), auto_pad=auto_pad)  # fmt: skip


def test_onnx_runtime_max_pool_refuses_where_cells_are_left_unread(data: dict[str, list]) -> None:
    from onnxruntime.capi.onnxruntime_pybind11_state import RuntimeException

    with saved_modules(ROOT / "snippets" / "porting" / "onnx_runtime.py"):
        from onnx_run import run  # type: ignore[import-not-found]

        unread = [item for item in data["max"] if item[0].unread()]
        assert len(unread) >= 20
        for c, x, _, _ in unread:
            with pytest.raises(RuntimeException, match="padding values must be non-negative"):
                run("MaxPool", x.transpose(0, 3, 1, 2), kernel_shape=list(c.k),
                    strides=list(c.s), auto_pad="SAME_UPPER")  # fmt: skip
