"""2-D convolution and pooling in plain NumPy, written to be read rather than to be fast.

Each function does what the matching TensorFlow op does, and ``tests/test_reference.py`` proves
it over a grid of sizes, kernels, strides, dilations and paddings:

* :func:`conv2d` is ``tf.nn.conv2d`` (padded, strided, dilated);
* :func:`max_pool2d` is ``tf.nn.max_pool2d``: padded cells never win the maximum;
* :func:`avg_pool2d` is ``tf.nn.avg_pool2d``: padded cells are left out of the divisor.

Layouts are TensorFlow's defaults: images are ``[batch, height, width, channels]`` (NHWC) and
filters are ``[kernel_height, kernel_width, in_channels, out_channels]`` (HWIO).

Every size and every padding amount comes from :mod:`snippets.arithmetic`, the one place the
formulas are written; this module only slides windows.

The convolution's padding is ``"valid"``, ``"same"``, an ``int`` ``p`` (``p`` cells on every
side) or explicit ``((top, bottom), (left, right))`` amounts, as ``tf.nn.conv2d`` takes them
inside ``[[0, 0], [top, bottom], [left, right], [0, 0]]``. Pooling takes ``"valid"`` or
``"same"``: ``tf.nn.avg_pool2d`` has no explicit padding.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from snippets.arithmetic import Padding, conv_output_size, padding_amounts

IntPair = int | tuple[int, int]
"""One value for both spatial axes, or a ``(height, width)`` pair."""

Padding2D = str | int | tuple[tuple[int, int], tuple[int, int]]
"""``"valid"``, ``"same"``, ``p`` on every side, or ``((top, bottom), (left, right))``."""


def _pair(name: str, value: object) -> tuple[int, int]:
    """``value`` for (height, width), each a positive int: an int is used for both axes."""
    pair = tuple(value) if isinstance(value, tuple | list) else (value, value)
    if len(pair) != 2 or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in pair
    ):
        raise ValueError(
            f"{name} must be a positive int or a (height, width) pair of them, got {value!r}"
        )
    return pair  # type: ignore[return-value]


def _axis_paddings(padding: Padding2D) -> tuple[Padding, Padding]:
    """Split a 2-D padding spec into one spec per spatial axis, as arithmetic takes them."""
    if isinstance(padding, str | int):
        return (padding, padding)
    if (
        isinstance(padding, tuple | list)
        and len(padding) == 2
        and all(isinstance(axis, tuple | list) for axis in padding)
    ):
        return (tuple(padding[0]), tuple(padding[1]))  # type: ignore[return-value]
    raise ValueError(
        f"padding must be 'valid', 'same', an int or ((top, bottom), (left, right)), "
        f"got {padding!r}"
    )


def _check_images(x: np.ndarray) -> np.ndarray:
    """``x`` as a float64 NHWC array, or a ValueError naming ``x``."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 4:
        raise ValueError(
            f"x must be a 4-D [batch, height, width, channels] array, got shape {x.shape}"
        )
    return x


def _windows(
    padded: np.ndarray,
    out_size: tuple[int, int],
    kernel: tuple[int, int],
    stride: tuple[int, int],
    dilation: tuple[int, int],
) -> Iterator[tuple[int, int, np.ndarray]]:
    """Yield ``(i, j, window)`` for every output position ``(i, j)``.

    ``window`` is ``[batch, kernel_height, kernel_width, channels]``: the input cells that output
    ``(i, j)`` reads. Output ``i`` starts at padded row ``i * stride``, and a dilated kernel reads
    every ``dilation``-th row from there.
    """
    for i in range(out_size[0]):
        rows = i * stride[0] + dilation[0] * np.arange(kernel[0])
        for j in range(out_size[1]):
            cols = j * stride[1] + dilation[1] * np.arange(kernel[1])
            # Indexing with a column of rows and a row of columns picks the whole k x k grid.
            yield i, j, padded[:, rows[:, None], cols[None, :], :]


def _plan(
    x: np.ndarray,
    kernel: tuple[int, int],
    stride: tuple[int, int],
    padding: Padding2D,
    dilation: tuple[int, int] = (1, 1),
) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The ``(before, after)`` padding and the output size along height and width."""
    pads, out = [], []
    for axis, spec in enumerate(_axis_paddings(padding)):
        n, k, s, d = x.shape[1 + axis], kernel[axis], stride[axis], dilation[axis]
        pads.append(padding_amounts(n, k, s, spec, d))
        out.append(conv_output_size(n, k, s, spec, d))
    return pads, (out[0], out[1])


def _pool_plan(
    x: np.ndarray, pool: IntPair, stride: IntPair | None, padding: str
) -> tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], tuple[int, int]]:
    """Window, stride, padding and output size of a pooling, checked as TensorFlow checks them."""
    # tf.nn.avg_pool2d has no explicit padding: refuse it rather than guess a divisor.
    if not isinstance(padding, str) or padding.lower() not in ("valid", "same"):
        raise ValueError(f"padding for pooling must be 'valid' or 'same', got {padding!r}")
    kernel = _pair("pool", pool)
    strides = kernel if stride is None else _pair("stride", stride)
    # Pooling windows are sized exactly like convolution windows without dilation.
    pads, out_size = _plan(x, kernel, strides, padding)
    return kernel, strides, pads, out_size


def conv2d(
    x: np.ndarray,
    w: np.ndarray,
    stride: IntPair = 1,
    padding: Padding2D = "valid",
    dilation: IntPair = 1,
) -> np.ndarray:
    """2-D convolution (a cross-correlation, as in every deep-learning library): ``tf.nn.conv2d``.

    Args:
        x: images, ``[batch, height, width, in_channels]``.
        w: filters, ``[kernel_height, kernel_width, in_channels, out_channels]``.
        stride: step between windows, an int or a ``(height, width)`` pair.
        padding: ``"valid"``, ``"same"``, an int, or ``((top, bottom), (left, right))``.
        dilation: gap between the kernel's taps (1: none), an int or a pair.

    Returns:
        ``[batch, out_height, out_width, out_channels]``, float64.

    >>> x = np.arange(16.0).reshape(1, 4, 4, 1)
    >>> conv2d(x, np.ones((2, 2, 1, 1)), stride=2)[0, :, :, 0]
    array([[10., 18.],
           [42., 50.]])
    """
    x = _check_images(x)
    w = np.asarray(w, dtype=np.float64)
    if w.ndim != 4 or w.shape[2] != x.shape[3]:
        raise ValueError(
            f"w must be a 4-D [kernel_height, kernel_width, in_channels, out_channels] array "
            f"with in_channels = {x.shape[3]} (the channels of x), got shape {w.shape}"
        )
    kernel = (w.shape[0], w.shape[1])
    strides, dilations = _pair("stride", stride), _pair("dilation", dilation)
    pads, out_size = _plan(x, kernel, strides, padding, dilations)
    # Zero padding: padded cells add nothing to a window's weighted sum.
    padded = np.pad(x, [(0, 0), *pads, (0, 0)])
    out = np.zeros((x.shape[0], *out_size, w.shape[3]))
    for i, j, window in _windows(padded, out_size, kernel, strides, dilations):
        # Multiply every tap by its weight and add over rows, columns and input channels.
        out[:, i, j, :] = np.einsum("bhwc,hwco->bo", window, w)
    return out


def max_pool2d(
    x: np.ndarray, pool: IntPair, stride: IntPair | None = None, padding: str = "valid"
) -> np.ndarray:
    """Max pooling, like ``tf.nn.max_pool2d``: SAME padding never wins the maximum.

    Args:
        x: images, ``[batch, height, width, channels]``.
        pool: window size, an int or a ``(height, width)`` pair.
        stride: step between windows; defaults to ``pool``, as in Keras.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        ``[batch, out_height, out_width, channels]``, float64.

    >>> x = -np.arange(1.0, 10.0).reshape(1, 3, 3, 1)
    >>> max_pool2d(x, 2, padding="same")[0, :, :, 0]
    array([[-1., -3.],
           [-7., -9.]])
    """
    x = _check_images(x)
    kernel, strides, pads, out_size = _pool_plan(x, pool, stride, padding)
    # -inf loses every comparison, so a window's maximum is the maximum of its real cells,
    # even when all of them are negative.
    padded = np.pad(x, [(0, 0), *pads, (0, 0)], constant_values=-np.inf)
    out = np.zeros((x.shape[0], *out_size, x.shape[3]))
    for i, j, window in _windows(padded, out_size, kernel, strides, (1, 1)):
        out[:, i, j, :] = window.max(axis=(1, 2))
    return out


def avg_pool2d(
    x: np.ndarray, pool: IntPair, stride: IntPair | None = None, padding: str = "valid"
) -> np.ndarray:
    """Average pooling, like ``tf.nn.avg_pool2d``: padded cells are not counted.

    A window that overlaps SAME padding is divided by the number of *real* cells it covers, not by
    the window size (PyTorch's default ``count_include_pad=True`` divides by the window size).

    Args:
        x: images, ``[batch, height, width, channels]``.
        pool: window size, an int or a ``(height, width)`` pair.
        stride: step between windows; defaults to ``pool``, as in Keras.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        ``[batch, out_height, out_width, channels]``, float64.

    >>> x = np.arange(1.0, 10.0).reshape(1, 3, 3, 1)
    >>> avg_pool2d(x, 2, padding="same")[0, :, :, 0]
    array([[3. , 4.5],
           [7.5, 9. ]])
    """
    x = _check_images(x)
    kernel, strides, pads, out_size = _pool_plan(x, pool, stride, padding)
    padded = np.pad(x, [(0, 0), *pads, (0, 0)])
    # A mask of ones over the real cells, zeros over the padding: its window sum is the divisor.
    real = np.pad(np.ones_like(x), [(0, 0), *pads, (0, 0)])
    out = np.zeros((x.shape[0], *out_size, x.shape[3]))
    windows = _windows(padded, out_size, kernel, strides, (1, 1))
    counts = _windows(real, out_size, kernel, strides, (1, 1))
    for (i, j, window), (_, _, count) in zip(windows, counts, strict=True):
        out[:, i, j, :] = window.sum(axis=(1, 2)) / count.sum(axis=(1, 2))
    return out
