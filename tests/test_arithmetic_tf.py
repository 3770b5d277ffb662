"""The arithmetic of ``snippets/arithmetic.py`` against real TensorFlow and Keras.

TensorFlow is the oracle: over an exhaustive grid (n 1..16, k 1..7, stride 1..4, dilation 1..3,
every padding kind the API takes) each test runs the real layer or op and compares the shape it
produces, or its refusal, with the arithmetic. Where the arithmetic says "no output" (it raises
ValueError), the framework must refuse too or produce an empty tensor; where the framework refuses,
the arithmetic must raise, except for the documented asymmetries checked explicitly here.

The inputs hold position codes (cell (i, j) holds ``(i + 1) * CODE_ROW + (j + 1)``) and the
kernels are one-hot, so the values of one run also tell where each window starts and ends: this
checks :func:`window_starts` and the padding split with the same call.

To stay fast: one layer per (k, stride, dilation, padding), built once and reused for every
n; batch 1, one channel, cached input tensors; eager calls only, except XLA for the dilated
transposed convolutions, which CPU TensorFlow cannot run eagerly.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable

import keras
import numpy as np
import pytest
import tensorflow as tf

from snippets.arithmetic import (
    Padding,
    conv_output_size,
    padding_amounts,
    pool_output_size,
    same_padding,
    transposed_output_size,
    window_starts,
)

pytestmark = pytest.mark.tf

SIZES = range(1, 17)
KERNELS = range(1, 8)
STRIDES = range(1, 5)
DILATIONS = range(1, 4)
EXPLICIT_INTS = [2]  # an int p is (p, p): one is enough next to the pairs
EXPLICIT_PAIRS = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 1), (0, 3)]
EXPLICIT: list[Padding] = [*EXPLICIT_INTS, *EXPLICIT_PAIRS]
# 2-D inputs are n high and 17 - n wide, so one call checks two sizes and height and width are
# never equal (a swapped axis would show); where no window fits into 17 - n, the width is
# PARTNER, large enough for every window that fits at all.
PARTNER = 16
CODE_ROW = 64  # > PARTNER + 1: a code tells row and column apart

# With oneDNN on (TF's default on x86), raw ops return uninitialised memory of the input's shape
# instead of an empty tensor when the kernel does not fit (see facts.md, "Raw ops versus layers");
# the empty-size check of raw ops only holds with oneDNN off, which conftest.py and the top of
# this module ask for.
ONEDNN_OFF = os.environ.get("TF_ENABLE_ONEDNN_OPTS") == "0"

STRIDE_DILATION_ERROR = "`strides > 1` not supported in conjunction with `dilation_rate > 1`"
# What TF and Keras say when the kernel does not fit; which one depends on the path taken:
# Keras' build-time shape check, Keras' check of an empty result, or the TF kernel itself
# (stride 1 only: with a larger stride TF's integer division rounds to 0 and gives an empty tensor).
# A layer built beforehand skips Keras' build-time check; a dilated conv then fails inside the
# space-to-batch op that tf.nn.convolution uses for dilation, with a less helpful message.
EMPTY_ERRORS = (
    "Computed output size would be zero or negative",
    "The convolution operation resulted in an empty output",
    "Computed output size would be negative",
    "must be non-negative [Op:BatchToSpaceND]",
)
BACKPROP_MISMATCH = "Size of out_backprop doesn't match computed"
CPU_DILATED_BACKPROP = "Current CPU implementations do not yet support dilation rates larger than 1"
FrameworkError = (ValueError, tf.errors.InvalidArgumentError)


def arithmetic(fn: Callable[..., int], *args: object, **kwargs: object) -> int | None:
    """``fn(*args, **kwargs)``, or None where the arithmetic refuses (raises ValueError)."""
    try:
        return fn(*args, **kwargs)
    except ValueError:
        return None


def run(fn: Callable[..., tf.Tensor], *args: object, **kwargs: object) -> tf.Tensor | Exception:
    """The tensor ``fn(*args, **kwargs)`` returns, or the error TensorFlow or Keras raised."""
    try:
        return fn(*args, **kwargs)
    except FrameworkError as error:
        return error


def pair(padding: Padding) -> list[int]:
    """An explicit int or (before, after) padding as TensorFlow's [before, after]."""
    return [padding, padding] if isinstance(padding, int) else list(padding)


def tf_padding(padding: Padding) -> str | list[list[int]]:
    """A padding spec as ``tf.nn`` takes it for both spatial axes of an NHWC tensor."""
    if isinstance(padding, str):
        return padding.upper()
    return [[0, 0], pair(padding), pair(padding), [0, 0]]


@functools.cache
def codes(h: int, w: int) -> tf.Tensor:
    """An NHWC input whose cell (i, j) holds ``(i + 1) * CODE_ROW + (j + 1)``."""
    rows = np.arange(1, h + 1)[:, None] * CODE_ROW
    cols = np.arange(1, w + 1)[None, :]
    return tf.constant((rows + cols)[None, :, :, None], dtype=tf.float32)


def code_grid(rows: np.ndarray, cols: np.ndarray, h: int, w: int) -> np.ndarray:
    """Code of each (row, col) of an h x w input, 0 where the cell lies in the padding."""
    inside = ((rows >= 0) & (rows < h))[:, None] & ((cols >= 0) & (cols < w))[None, :]
    return np.where(inside, (rows[:, None] + 1) * CODE_ROW + cols[None, :] + 1, 0)


def first_last_taps(k: int, dims: int) -> np.ndarray:
    """A kernel with two output channels: one-hot at the first tap, one-hot at the last tap."""
    kernel = np.zeros((k,) * dims + (1, 2), dtype=np.float32)
    kernel[(0,) * dims + (0, 0)] = 1.0
    kernel[(k - 1,) * dims + (0, 1)] = 1.0
    return kernel


def expected_taps(
    h: int, w: int, k: int, stride: int, padding: Padding, dilation: int
) -> np.ndarray:
    """What a first/last-tap kernel reads from ``codes(h, w)``, from :func:`window_starts`."""
    rows = np.array(window_starts(h, k, stride, padding, dilation))
    cols = np.array(window_starts(w, k, stride, padding, dilation))
    span = (k - 1) * dilation
    first = code_grid(rows, cols, h, w)
    last = code_grid(rows + span, cols + span, h, w)
    return np.stack([first, last], axis=-1)


def assert_refused(result: object, label: str) -> None:
    """Assert that the framework refused with one of its 'kernel does not fit' messages."""
    assert isinstance(result, Exception), (
        f"{label}: the arithmetic says the output is empty, TF gave shape {result.shape}"
    )
    assert any(message in str(result) for message in EMPTY_ERRORS), f"{label}: {result}"


def assert_raw_op_shape(result: tf.Tensor | Exception, want: list[int | None], label: str) -> bool:
    """Compare a raw ``tf.nn`` op's spatial shape with the arithmetic, axis by axis.

    Raw ops do not refuse every empty output: with a stride > 1 they return a tensor with a 0
    axis. Returns True when there is a full output whose values can be compared.
    """
    if isinstance(result, Exception):
        assert None in want, f"{label}: TF refused ({result}), the arithmetic gives {want}"
        assert_refused(result, label)
        return False
    got = list(result.shape[1 : 1 + len(want)])
    for axis, (size, expected) in enumerate(zip(got, want, strict=True)):
        if expected is not None:
            assert size == expected, f"{label}: axis {axis} has {size}, arithmetic says {expected}"
        elif ONEDNN_OFF:
            assert size == 0, f"{label}: axis {axis} has {size}, the arithmetic says it is empty"
    return None not in want


def other_axis(n: int, fits: Callable[[int], bool]) -> int:
    """A width for an n-high input: 17 - n where a window ``fits`` into it, else PARTNER.

    With both axes running through the sizes, one call checks two sizes of n; when a window
    does not fit into 17 - n the other axis falls back to the large PARTNER.
    """
    width = PARTNER + 1 - n
    return width if fits(width) else PARTNER


def conv_fits(k: int, stride: int, padding: Padding, dilation: int) -> Callable[[int], bool]:
    """Whether the arithmetic has a convolution output for a size."""
    return lambda size: arithmetic(conv_output_size, size, k, stride, padding, dilation) is not None


def pool_fits(pool: int, stride: int | None, padding: Padding) -> Callable[[int], bool]:
    """Whether the arithmetic has a pooling output for a size."""
    return lambda size: arithmetic(pool_output_size, size, pool, stride, padding) is not None


# --- tf.nn.conv2d ---------------------------------------------------------------------------


@functools.cache
def keras_valid_conv2d(k: int, stride: int, dilation: int) -> keras.layers.Conv2D:
    """A built VALID ``Conv2D``, to stand in for explicit padding after ``ZeroPadding2D``."""
    layer = keras.layers.Conv2D(
        1, k, strides=stride, dilation_rate=dilation, padding="valid", use_bias=False
    )
    layer.build((1, None, None, 1))
    return layer


@pytest.mark.parametrize("padding", ["valid", "same", *EXPLICIT], ids=str)
@pytest.mark.parametrize("k", KERNELS)
def test_tf_nn_conv2d(k: int, padding: Padding) -> None:
    """``tf.nn.conv2d``: output size and where each window starts, every stride and dilation.

    ``tf.nn.conv2d`` accepts stride > 1 with dilation > 1, which Keras layers refuse.
    """
    kernel = tf.constant(first_last_taps(k, 2))
    for stride, dilation, n in itertools.product(STRIDES, DILATIONS, SIZES):
        width = other_axis(n, conv_fits(k, stride, padding, dilation))
        label = f"n={n}x{width} k={k} stride={stride} dilation={dilation} padding={padding!r}"
        want = [
            arithmetic(conv_output_size, size, k, stride, padding, dilation) for size in (n, width)
        ]
        x = codes(n, width)
        result = run(
            tf.nn.conv2d,
            x,
            kernel,
            strides=stride,
            padding=tf_padding(padding),
            dilations=dilation,
        )
        if assert_raw_op_shape(result, want, label):
            np.testing.assert_array_equal(
                result.numpy()[0],
                expected_taps(n, width, k, stride, padding, dilation),
                err_msg=label,
            )
        elif not isinstance(padding, str) and not (stride > 1 and dilation > 1):
            # The raw op may answer an empty output with an empty tensor; the Keras way to
            # pad explicitly (ZeroPadding2D, then a VALID Conv2D) must refuse it.
            before, after = pair(padding)
            padded = keras.layers.ZeroPadding2D(((before, after), (before, after)))(x)
            conv = keras_valid_conv2d(k, stride, dilation)
            assert_refused(run(conv, padded), label)


@pytest.mark.parametrize("k", KERNELS)
def test_same_split_matches_explicit_padding(k: int) -> None:
    """A SAME ``tf.nn.conv2d`` equals the same conv with ``same_padding`` as explicit padding.

    Random input and kernel, height n and width 17 - n, so the two axes get different splits.
    """
    rng = np.random.default_rng(k)
    kernel = tf.constant(rng.standard_normal((k, k, 1, 1)), dtype=tf.float32)
    for stride, dilation, n in itertools.product(STRIDES, DILATIONS, SIZES):
        width = PARTNER + 1 - n
        x = tf.constant(rng.standard_normal((1, n, width, 1)), dtype=tf.float32)
        explicit = [
            [0, 0],
            list(same_padding(n, k, stride, dilation)),
            list(same_padding(width, k, stride, dilation)),
            [0, 0],
        ]
        same = tf.nn.conv2d(x, kernel, strides=stride, padding="SAME", dilations=dilation)
        padded = tf.nn.conv2d(x, kernel, strides=stride, padding=explicit, dilations=dilation)
        label = (
            f"n={n}x{width} k={k} stride={stride} dilation={dilation}: explicit padding "
            f"{explicit} from same_padding() in snippets/arithmetic.py is not TensorFlow's SAME"
        )
        assert same.shape == padded.shape, label
        np.testing.assert_allclose(
            padded.numpy(), same.numpy(), rtol=1e-5, atol=1e-5, err_msg=label
        )


# --- Keras Conv1D and Conv2D ----------------------------------------------------------------


def assert_keras_refuses_stride_with_dilation(make: Callable[[], object]) -> None:
    """Keras layers refuse stride > 1 with dilation > 1 when they are constructed."""
    with pytest.raises(ValueError, match=STRIDE_DILATION_ERROR.replace("`", ".")):
        make()


@pytest.mark.parametrize("padding", ["valid", "same", "causal"])
@pytest.mark.parametrize("k", KERNELS)
def test_keras_conv1d(k: int, padding: str) -> None:
    """``keras.layers.Conv1D``: output size and window positions, including 'causal'.

    The arithmetic accepts stride > 1 with dilation > 1 (``tf.nn.conv2d`` runs it, see
    ``test_tf_nn_conv2d``); Keras refuses it, and that refusal is asserted here.
    """
    for stride, dilation in itertools.product(STRIDES, DILATIONS):
        options = {"strides": stride, "dilation_rate": dilation, "padding": padding}
        if stride > 1 and dilation > 1:
            assert conv_output_size(4 * PARTNER, k, stride, padding, dilation) >= 1
            assert_keras_refuses_stride_with_dilation(
                lambda o=options: keras.layers.Conv1D(1, k, **o)
            )
            continue
        layer = keras.layers.Conv1D(2, k, use_bias=False, **options)
        layer.build((1, None, 1))
        layer.kernel.assign(first_last_taps(k, 1))
        for n in SIZES:
            label = f"Conv1D n={n} k={k} stride={stride} dilation={dilation} padding={padding!r}"
            want = arithmetic(conv_output_size, n, k, stride, padding, dilation)
            x = tf.range(1, n + 1, dtype=tf.float32)[None, :, None]
            result = run(layer, x)
            if want is None:
                assert_refused(result, label)
                continue
            assert not isinstance(result, Exception), f"{label}: Keras refused: {result}"
            starts = np.array(window_starts(n, k, stride, padding, dilation))
            span = (k - 1) * dilation
            expected = np.stack(
                [np.where((s >= 0) & (s < n), s + 1, 0) for s in (starts, starts + span)], axis=-1
            )
            np.testing.assert_array_equal(result.numpy()[0], expected, err_msg=label)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("k", KERNELS)
def test_keras_conv2d(k: int, padding: str) -> None:
    """``keras.layers.Conv2D``: output size and window positions on n x (17 - n) inputs."""
    for stride, dilation in itertools.product(STRIDES, DILATIONS):
        options = {"strides": stride, "dilation_rate": dilation, "padding": padding}
        if stride > 1 and dilation > 1:
            assert_keras_refuses_stride_with_dilation(
                lambda o=options: keras.layers.Conv2D(1, k, **o)
            )
            continue
        layer = keras.layers.Conv2D(2, k, use_bias=False, **options)
        layer.build((1, None, None, 1))
        layer.kernel.assign(first_last_taps(k, 2))
        for h in SIZES:
            w = other_axis(h, conv_fits(k, stride, padding, dilation))
            label = f"Conv2D {h}x{w} k={k} stride={stride} dilation={dilation} {padding!r}"
            want = [arithmetic(conv_output_size, s, k, stride, padding, dilation) for s in (h, w)]
            result = run(layer, codes(h, w))
            if None in want:
                assert_refused(result, label)
                continue
            assert not isinstance(result, Exception), f"{label}: Keras refused: {result}"
            np.testing.assert_array_equal(
                result.numpy()[0],
                expected_taps(h, w, k, stride, padding, dilation),
                err_msg=label,
            )


def test_keras_refuses_explicit_and_2d_causal_padding() -> None:
    """Keras conv layers take no explicit amounts, and 'causal' only in 1-D."""
    # The arithmetic answers both, as tf.nn.conv2d (explicit) and Conv1D (causal) do.
    assert conv_output_size(5, 2, padding=(1, 1)) == forward_size(5, 2, 1, (1, 1), 1)
    with pytest.raises(ValueError, match="`padding` must be either"):
        keras.layers.Conv1D(1, 2, padding=(1, 1))(tf.zeros((1, 5, 1)))
    assert (
        conv_output_size(5, 2, padding="causal")
        == (keras.layers.Conv1D(1, 2, padding="causal")(tf.zeros((1, 5, 1))).shape[1])
    )
    with pytest.raises(ValueError, match="causal"):
        keras.layers.Conv2D(1, 2, padding="causal")


# --- pooling --------------------------------------------------------------------------------


def expected_pool(
    h: int, w: int, pool: int, stride: int, padding: Padding
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of the first and last real cell of each window, and each window's mean code.

    Padding never counts: max pooling ignores it, average pooling leaves it out of the divisor.
    """
    rows = np.array(window_starts(h, pool, stride, padding))
    cols = np.array(window_starts(w, pool, stride, padding))
    r0, r1 = np.maximum(rows, 0), np.minimum(rows + pool - 1, h - 1)
    c0, c1 = np.maximum(cols, 0), np.minimum(cols + pool - 1, w - 1)
    first = code_grid(r0, c0, h, w)
    last = code_grid(r1, c1, h, w)
    mean = ((r0 + r1) / 2 + 1)[:, None] * CODE_ROW + ((c0 + c1) / 2 + 1)[None, :]
    return first, last, mean


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("kind", ["max", "average"])
def test_keras_pooling(kind: str, padding: str) -> None:
    """``MaxPooling2D`` / ``AveragePooling2D``: size and windows, default strides = pool size.

    Surprise: where no window fits, Keras pooling does not refuse like Conv layers do; it
    returns a tensor with an empty axis (TF refuses only at stride 1, where the size is negative).
    """
    cls = keras.layers.MaxPooling2D if kind == "max" else keras.layers.AveragePooling2D
    for pool, stride in itertools.product(KERNELS, [None, *STRIDES]):
        layer = cls(pool, strides=stride, padding=padding)
        for h in SIZES:
            w = other_axis(h, pool_fits(pool, stride, padding))
            label = f"{cls.__name__} {h}x{w} pool={pool} strides={stride} {padding!r}"
            want = [arithmetic(pool_output_size, s, pool, stride, padding) for s in (h, w)]
            result = run(layer, codes(h, w))
            if not assert_raw_op_shape(result, want, label):
                continue
            _, last, mean = expected_pool(h, w, pool, stride or pool, padding)
            got = result.numpy()[0, :, :, 0]
            if kind == "max":
                np.testing.assert_array_equal(got, last, err_msg=label)
            else:
                np.testing.assert_allclose(got, mean, rtol=1e-6, err_msg=label)


@pytest.mark.parametrize("padding", ["valid", "same", *EXPLICIT], ids=str)
def test_tf_nn_max_pool2d(padding: Padding) -> None:
    """``tf.nn.max_pool2d``, which also takes explicit padding, smaller than the window only."""
    for pool, stride, n in itertools.product(KERNELS, STRIDES, SIZES):
        h, w = n, other_axis(n, pool_fits(pool, stride, padding))
        label = f"max_pool2d {h}x{w} pool={pool} stride={stride} padding={padding!r}"
        want = [arithmetic(pool_output_size, s, pool, stride, padding) for s in (h, w)]
        x = codes(h, w)
        result = run(tf.nn.max_pool2d, x, pool, stride, tf_padding(padding))
        if not isinstance(padding, str) and max(pair(padding)) >= pool:
            assert want == [None, None], label
            assert isinstance(result, Exception), f"{label}: TF accepted padding >= pool"
            assert "needs to be smaller than the window size" in str(result), label
            continue
        if not assert_raw_op_shape(result, want, label):
            continue
        first, last, _ = expected_pool(h, w, pool, stride, padding)
        np.testing.assert_array_equal(result.numpy()[0, :, :, 0], last, err_msg=label)
        lowest = -tf.nn.max_pool2d(-x, pool, stride, tf_padding(padding))
        np.testing.assert_array_equal(lowest.numpy()[0, :, :, 0], first, err_msg=label)


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_tf_nn_avg_pool2d(padding: str) -> None:
    """``tf.nn.avg_pool2d``: size, windows, and padding left out of the divisor."""
    for pool, stride, n in itertools.product(KERNELS, STRIDES, SIZES):
        h, w = n, other_axis(n, pool_fits(pool, stride, padding))
        label = f"avg_pool2d {h}x{w} pool={pool} stride={stride} padding={padding!r}"
        want = [arithmetic(pool_output_size, s, pool, stride, padding) for s in (h, w)]
        x = codes(h, w)
        result = run(tf.nn.avg_pool2d, x, pool, stride, padding.upper())
        if assert_raw_op_shape(result, want, label):
            _, _, mean = expected_pool(h, w, pool, stride, padding)
            np.testing.assert_allclose(result.numpy()[0, :, :, 0], mean, rtol=1e-6, err_msg=label)


# --- transposed convolution -----------------------------------------------------------------


def output_paddings(stride: int) -> list[int | None]:
    """None (Keras' default) and every output_padding Keras allows for ``stride``."""
    return [None, *range(stride)]


def transposed_inputs() -> list[tf.Tensor]:
    """n x (17 - n) inputs for n = 1..8: every n in 1..16 on one axis or the other."""
    return [tf.ones((1, n, PARTNER + 1 - n, 1)) for n in range(1, PARTNER // 2 + 1)]


def transposed_want(
    x: tf.Tensor, k: int, stride: int, padding: str, output_padding: int | None, dilation: int
) -> list[int | None]:
    """The arithmetic's output size along both spatial axes of ``x``."""
    return [
        arithmetic(transposed_output_size, n, k, stride, padding, output_padding, dilation)
        for n in x.shape[1:3]
    ]


def make_transpose(
    k: int, stride: int, padding: str, output_padding: int | None, dilation: int
) -> keras.layers.Conv2DTranspose:
    """A built one-filter ``Conv2DTranspose``."""
    layer = keras.layers.Conv2DTranspose(
        1,
        k,
        strides=stride,
        padding=padding,
        output_padding=output_padding,
        dilation_rate=dilation,
        use_bias=False,
    )
    layer.build((1, None, None, 1))
    return layer


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("k", KERNELS)
def test_keras_conv2d_transpose(k: int, padding: str) -> None:
    """``Conv2DTranspose`` without dilation, run eagerly, every stride and output_padding.

    Dilation: with stride > 1 Keras refuses it when the layer is built (asserted here; the
    arithmetic still answers, and ``test_transposed_sizes_are_the_forward_preimages`` checks
    those answers against the forward ``tf.nn.conv2d``, which takes the combination). With
    stride 1 the CPU kernel refuses it at call time (asserted here);
    ``test_keras_conv2d_transpose_dilated`` runs those configurations through XLA instead.
    """
    for stride in STRIDES:
        # output_padding must stay below stride, for Keras and for the arithmetic.
        assert arithmetic(transposed_output_size, 4, k, stride, padding, stride) is None
        with pytest.raises(ValueError, match="must be strictly less than `strides`"):
            make_transpose(k, stride, padding, stride, 1)
        for output_padding in output_paddings(stride):
            for dilation in (2, 3):
                options = (k, stride, padding, output_padding, dilation)
                if stride > 1:
                    assert_keras_refuses_stride_with_dilation(lambda o=options: make_transpose(*o))
                else:
                    with pytest.raises(tf.errors.InvalidArgumentError, match=CPU_DILATED_BACKPROP):
                        make_transpose(*options)(tf.ones((1, 4, 5, 1)))
            layer = make_transpose(k, stride, padding, output_padding, 1)
            for x in transposed_inputs():
                want = transposed_want(x, k, stride, padding, output_padding, 1)
                label = (
                    f"Conv2DTranspose {x.shape[1:3]} k={k} stride={stride} {padding!r} "
                    f"output_padding={output_padding}"
                )
                result = run(layer, x)
                if None in want:
                    assert isinstance(result, Exception), f"{label}: gave {result.shape}"
                    assert BACKPROP_MISMATCH in str(result), label
                else:
                    assert not isinstance(result, Exception), f"{label}: refused: {result}"
                    assert list(result.shape[1:3]) == want, label


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("dilation", [2, 3])
def test_keras_conv2d_transpose_dilated(dilation: int, padding: str) -> None:
    """Dilated ``Conv2DTranspose`` (stride 1, the only stride Keras allows with dilation).

    CPU TensorFlow has no eager kernel for it, so the layers run compiled by XLA: one compiled
    function for all the configurations the arithmetic accepts, one per input for the others.
    """
    accepted: list[tuple[keras.layers.Layer, list[list[int | None]], str]] = []
    inputs = transposed_inputs()
    for k, output_padding in itertools.product(KERNELS, output_paddings(1)):
        layer = make_transpose(k, 1, padding, output_padding, dilation)
        wants = [transposed_want(x, k, 1, padding, output_padding, dilation) for x in inputs]
        label = f"Conv2DTranspose k={k} dilation={dilation} {padding!r} op={output_padding}"
        for x, want in zip(inputs, wants, strict=True):
            # The shape Keras promises (and passes to the TF op) matches where the arithmetic
            # accepts; where it refuses, the compiled run below must fail.
            promised = layer.compute_output_shape(x.shape)[1:3]
            for size, expected in zip(promised, want, strict=True):
                assert expected is None or size == expected, f"{label}: Keras promises {promised}"
        if all(None not in want for want in wants):
            accepted.append((layer, wants, label))
            continue
        compiled = tf.function(lambda x, layer=layer: layer(x), jit_compile=True)
        for x, want in zip(inputs, wants, strict=True):
            assert None in want, f"{label}: the arithmetic refuses only some sizes"
            result = run(compiled, x)
            assert isinstance(result, Exception), f"{label} {x.shape}: gave {result.shape}"
            assert BACKPROP_MISMATCH in str(result), label
    assert accepted

    @tf.function(jit_compile=True)
    def all_layers(*xs: tf.Tensor) -> list[list[tf.Tensor]]:
        return [[layer(x) for x in xs] for layer, _, _ in accepted]

    for (_, wants, label), outputs in zip(accepted, all_layers(*inputs), strict=True):
        for want, y in zip(wants, outputs, strict=True):
            assert list(y.shape[1:3]) == want, label


@functools.cache
def zeros(*shape: int) -> tf.Tensor:
    """A cached zero tensor: creating tensors costs as much as running these tiny ops."""
    return tf.zeros(shape)


def height_padding(padding: Padding) -> str | list[list[int]]:
    """A padding spec for the height axis only of an NHWC tensor (width 1, no padding)."""
    if isinstance(padding, str):
        return padding.upper()
    return [[0, 0], pair(padding), [0, 0], [0, 0]]


def forward_size(o: int, k: int, stride: int, padding: Padding, dilation: int) -> int | None:
    """Height of a real ``tf.nn.conv2d`` on an o x 1 input; None where TF refuses."""
    result = run(
        tf.nn.conv2d,
        zeros(1, o, 1, 1),
        zeros(k, 1, 1, 1),
        strides=(stride, 1),
        padding=height_padding(padding),
        dilations=(dilation, 1),
    )
    return None if isinstance(result, Exception) else result.shape[1]


@pytest.mark.parametrize("padding", ["valid", "same", 2, (1, 0), (0, 3), (2, 1)], ids=str)
@pytest.mark.parametrize("k", KERNELS)
def test_transposed_sizes_are_the_forward_preimages(k: int, padding: Padding) -> None:
    """The transposed sizes over all output_paddings are exactly the sizes TF maps back to n.

    TF's transposed op is the gradient of the forward one, and accepts an output size o only
    if the forward convolution maps o back to n. So the forward ``tf.nn.conv2d`` is run on every
    o up to one whose output is longer than any n, and for each n the o it maps to n must be
    the arithmetic's sizes for output_padding None, 0, ..., stride - 1. This covers explicit
    padding and stride > 1 with dilation > 1, which Keras layers do not take. Without dilation,
    ``tf.nn.conv2d_transpose`` itself is asked too: it accepts each of those sizes and refuses
    the size just below and just above them.
    """
    for stride, dilation in itertools.product(STRIDES, DILATIONS):
        config = f"k={k} stride={stride} dilation={dilation} padding={padding!r}"
        forward: dict[int, int | None] = {}
        o = 0
        while not forward or (forward[o] or 0) <= max(SIZES):
            o += 1
            forward[o] = forward_size(o, k, stride, padding, dilation)
        # The forward size never shrinks as o grows: nothing past o maps to any n in SIZES.
        known = [size or 0 for size in forward.values()]
        assert known == sorted(known), config
        for n in SIZES:
            sizes = {
                arithmetic(transposed_output_size, n, k, stride, padding, op, dilation)
                for op in output_paddings(stride)
            } - {None}
            preimage = {o for o, size in forward.items() if size == n}
            assert sizes == preimage, f"n={n} {config}: arithmetic {sizes}, TF {preimage}"
            if dilation > 1:
                continue  # the CPU kernel of conv2d_transpose refuses dilation
            low, high = min(sizes, default=1), max(sizes, default=0)
            for o in {low - 1, *sizes, high + 1} - {0}:
                result = run(
                    tf.nn.conv2d_transpose,
                    zeros(1, n, 1, 1),
                    zeros(k, 1, 1, 1),
                    (1, o, 1, 1),
                    strides=(stride, 1),
                    padding=height_padding(padding),
                )
                accepted = not isinstance(result, Exception)
                assert accepted == (o in sizes), f"n={n} {config}: conv2d_transpose o={o}"
                assert accepted or BACKPROP_MISMATCH in str(result), str(result)


def test_causal_padding_amounts_match_keras() -> None:
    """``padding_amounts(..., 'causal')`` padded explicitly gives Keras' causal Conv1D values."""
    x = tf.range(1, 8, dtype=tf.float32)[None, :, None]
    for k, dilation in itertools.product(KERNELS, DILATIONS):
        before, after = padding_amounts(7, k, 1, "causal", dilation)
        kernel = np.ones((k, 1, 1), dtype=np.float32)
        causal = keras.layers.Conv1D(1, k, padding="causal", dilation_rate=dilation, use_bias=False)
        causal.build((1, None, 1))
        causal.kernel.assign(kernel)
        explicit = tf.nn.conv1d(
            tf.pad(x, [[0, 0], [before, after], [0, 0]]), kernel, 1, "VALID", dilations=dilation
        )
        np.testing.assert_array_equal(causal(x).numpy(), explicit.numpy())
