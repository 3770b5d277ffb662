"""The NumPy reference in snippets/reference.py equals TensorFlow, value for value.

Every case draws seeded random data, runs the reference and the TensorFlow op, and compares all
values, so a wrong padding split, stride, dilation or divisor shows up as a mismatch.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import tensorflow as tf

from snippets.arithmetic import conv_output_size, same_padding
from snippets.reference import avg_pool2d, conv2d, max_pool2d

pytestmark = pytest.mark.tf

# Height n and width n + 1: each case has an odd and an even axis.
SIZES = (4, 5, 6, 7)
EXPLICIT = (((1, 0), (0, 2)), ((2, 1), (1, 1)))


def _fits(n: int, k: int, stride: int, dilation: int, padding: object) -> bool:
    """Whether a kernel fits the padded (n, n + 1) input; when not, the reference refuses."""
    specs = padding if isinstance(padding, tuple) else (padding, padding)
    try:
        for size, spec in zip((n, n + 1), specs, strict=True):
            conv_output_size(size, k, stride, spec, dilation)
    except ValueError:
        return False
    return True


CONV_CASES = [
    case
    for case in itertools.product(SIZES, (1, 2, 3), (1, 2, 3), (1, 2), ("valid", "same", *EXPLICIT))
    if _fits(*case)
]
POOL_CASES = list(itertools.product(SIZES, (1, 2, 3), (None, 1, 2, 3), ("valid", "same")))
# Pool sizes larger than the input leave nothing for VALID.
POOL_CASES = [c for c in POOL_CASES if c[3] == "same" or c[0] >= c[1]]


def _images(seed: int, n: int, channels: int = 2) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(2, n, n + 1, channels)).astype(np.float32)


def _tf_padding(padding: str | tuple) -> str | list[list[int]]:
    """The reference's padding as tf.nn.conv2d spells it."""
    if isinstance(padding, str):
        return padding.upper()
    return [[0, 0], list(padding[0]), list(padding[1]), [0, 0]]


def test_grids_cover_what_they_claim() -> None:
    assert len(CONV_CASES) > 250
    assert any(c[2] == 2 and c[4] == "same" and c[0] % 2 for c in CONV_CASES)
    assert any(c[2] == 2 and c[4] == "same" and c[0] % 2 == 0 for c in CONV_CASES)
    assert any(c[2] > 1 and c[3] > 1 for c in CONV_CASES)
    assert len(POOL_CASES) > 60


@pytest.mark.parametrize(("n", "k", "stride", "dilation", "padding"), CONV_CASES)
def test_conv2d_equals_tf(n: int, k: int, stride: int, dilation: int, padding: object) -> None:
    seed = n * 1000 + k * 100 + stride * 10 + dilation
    x = _images(seed, n)
    w = np.random.default_rng(seed + 1).normal(size=(k, k, 2, 3)).astype(np.float32)
    expected = tf.nn.conv2d(
        x, w, strides=stride, padding=_tf_padding(padding), dilations=dilation
    ).numpy()
    got = conv2d(x, w, stride=stride, padding=padding, dilation=dilation)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_conv2d_takes_per_axis_stride_and_dilation() -> None:
    x = _images(1, 7)
    w = np.random.default_rng(2).normal(size=(3, 2, 2, 1)).astype(np.float32)
    expected = tf.nn.conv2d(x, w, strides=[1, 2, 1, 1], padding="SAME", dilations=[1, 1, 2, 1])
    got = conv2d(x, w, stride=(2, 1), padding="same", dilation=(1, 2))
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-5, atol=1e-5)


def test_conv2d_int_padding_is_on_every_side() -> None:
    x = _images(3, 5)
    w = np.ones((3, 3, 2, 1))
    np.testing.assert_allclose(conv2d(x, w, padding=2), conv2d(x, w, padding=((2, 2), (2, 2))))
    assert conv2d(x, w, padding=2).shape[1] == conv_output_size(5, 3, padding=2)


def test_same_at_stride_2_puts_the_odd_cell_after() -> None:
    # A one-hot kernel copies the padded input cell under its first tap: where the copy of
    # x[0, 0] lands shows how much padding TensorFlow put before the input.
    for n in (6, 7):
        x = np.arange(1.0, n * n + 1).reshape(1, n, n, 1)
        w = np.zeros((3, 3, 1, 1))
        w[0, 0] = 1
        got = conv2d(x, w, stride=2, padding="same")
        before, after = same_padding(n, 3, stride=2)
        assert (before, after) == ((0, 1) if n == 6 else (1, 1))
        assert (got[0, 0, 0, 0] == 0) == (before == 1)
        np.testing.assert_allclose(got, tf.nn.conv2d(x, w, 2, "SAME").numpy())


@pytest.mark.parametrize(("n", "pool", "stride", "padding"), POOL_CASES)
def test_pooling_equals_tf(n: int, pool: int, stride: int | None, padding: str) -> None:
    # All values negative: a reference that let SAME padding (0) win the maximum would differ.
    x = _images(n * 100 + pool * 10 + (stride or 0), n) - 10
    tf_stride = pool if stride is None else stride
    np.testing.assert_allclose(
        max_pool2d(x, pool, stride, padding),
        tf.nn.max_pool2d(x, pool, tf_stride, padding.upper()).numpy(),
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        avg_pool2d(x, pool, stride, padding),
        tf.nn.avg_pool2d(x, pool, tf_stride, padding.upper()).numpy(),
        rtol=1e-5,
    )


def test_pooling_takes_rectangular_windows() -> None:
    x = _images(4, 5)
    for ours, theirs in ((max_pool2d, tf.nn.max_pool2d), (avg_pool2d, tf.nn.avg_pool2d)):
        expected = theirs(x, ksize=[2, 3], strides=[2, 1], padding="SAME").numpy()
        np.testing.assert_allclose(ours(x, (2, 3), (2, 1), "same"), expected, rtol=1e-5)


def test_avg_pool_divides_by_real_cells_only() -> None:
    # 5x5 ones, 2x2 windows, stride 2, SAME: the last row and column of windows hang over the
    # padding. Excluding padded cells from the divisor keeps every average at exactly 1.
    out = avg_pool2d(np.ones((1, 5, 5, 1)), 2, padding="same")
    assert out.shape == (1, 3, 3, 1)
    assert np.all(out == 1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: conv2d(np.ones((4, 4)), np.ones((3, 3, 1, 1))), "x must be a 4-D"),
        (lambda: conv2d(np.ones((1, 4, 4, 2)), np.ones((3, 3, 1, 1))), "in_channels = 2"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1))), "w must be a 4-D"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 1)), stride=0), "stride"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 1)), stride=(1, 2, 3)), "stride"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 1)), dilation=True), "dilation"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 1)), padding="full"), "padding"),
        (lambda: conv2d(np.ones((1, 4, 4, 1)), np.ones((3, 3, 1, 1)), padding=(1, 2)), "padding"),
        (lambda: conv2d(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 1))), "output would be empty"),
        (lambda: max_pool2d(np.ones((1, 4, 4, 1)), 0), "pool"),
        (lambda: max_pool2d(np.ones((1, 4, 4, 1)), 2, padding=1), "padding for pooling"),
        (lambda: avg_pool2d(np.ones((1, 4, 4, 1)), 2, padding="causal"), "padding"),
        (lambda: avg_pool2d(np.ones((1, 4, 4, 1)), 2, stride=(2,)), "stride"),
    ],
)
def test_bad_input_is_refused_clearly(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
