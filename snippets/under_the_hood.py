"""Under the hood: padded, strided, dilated convolution and pooling in plain NumPy, written to be
read, and proven equal to TensorFlow over a grid (page: under-the-hood.md).

The shown sections must run alone and use NumPy only, so they carry their own short padding
rule instead of importing ``snippets.arithmetic``; the assertions below prove that rule equal to
the arithmetic's.
"""

# --8<-- [start:conv2d]
import numpy as np
import tensorflow as tf


def pad_amounts(n, k, stride, padding, dilation=1):
    """(before, after) cells of padding along one axis of n cells."""
    if not isinstance(padding, str):
        return tuple(padding)  # explicit amounts, as tf.nn.conv2d takes them
    if padding == "valid":
        return 0, 0
    span = (k - 1) * dilation + 1  # the cells one window covers
    out = -(-n // stride)  # SAME promises ceil(n / stride) outputs
    total = max((out - 1) * stride + span - n, 0)  # just enough for the last window
    return total // 2, total - total // 2  # the odd cell goes after the input


def conv2d(image, kernel, stride=1, padding="valid", dilation=1):
    """Convolve a [height, width, in_channels] image with a
    [k_h, k_w, in_channels, out_channels] kernel, as tf.nn.conv2d does.

    padding: "valid", "same", or ((top, bottom), (left, right))."""
    k_h, k_w, _, out_channels = kernel.shape
    if isinstance(padding, str):
        padding = (padding, padding)
    rows_pad = pad_amounts(image.shape[0], k_h, stride, padding[0], dilation)
    cols_pad = pad_amounts(image.shape[1], k_w, stride, padding[1], dilation)
    padded = np.pad(image, [rows_pad, cols_pad, (0, 0)])  # zeros around the image
    out_h = (padded.shape[0] - (k_h - 1) * dilation - 1) // stride + 1
    out_w = (padded.shape[1] - (k_w - 1) * dilation - 1) // stride + 1
    if out_h < 1 or out_w < 1:
        raise ValueError(f"kernel {k_h}x{k_w} does not fit the padded image")
    out = np.zeros([out_h, out_w, out_channels])
    for i in range(out_h):
        for j in range(out_w):
            # Window (i, j) starts at (i * stride, j * stride); taps are `dilation` apart.
            rows = i * stride + dilation * np.arange(k_h)
            cols = j * stride + dilation * np.arange(k_w)
            window = padded[np.ix_(rows, cols)]  # [k_h, k_w, in_channels]
            # Multiply tap by tap and add it all up, once per output channel.
            out[i, j] = np.tensordot(window, kernel, axes=3)
    return out


rng = np.random.default_rng(0)
image = rng.normal(size=[7, 7, 2])
kernel = rng.normal(size=[3, 3, 2, 4])
for stride, padding, dilation in [(1, "valid", 1), (2, "same", 1), (2, "same", 2)]:
    ours = conv2d(image, kernel, stride, padding, dilation)
    tfs = tf.nn.conv2d(image[None], kernel, stride, padding.upper(), dilations=dilation)
    print(f"stride {stride}, {padding}, dilation {dilation}: {ours.shape},", end=" ")
    print("equal to tf.nn.conv2d:", np.allclose(ours, tfs[0]))
# --8<-- [end:conv2d]

import itertools

from snippets.arithmetic import conv_output_size, padding_amounts, pool_output_size

assert conv2d(image, kernel, 2, "same").shape == (conv_output_size(7, 3, 2, "same"),) * 2 + (4,)

# The shown padding rule is the arithmetic's, everywhere on a grid.
for n, k, stride, dilation in itertools.product(range(1, 12), range(1, 6), (1, 2, 3), (1, 2, 3)):
    for padding in ["valid", "same", (0, 2)]:
        assert pad_amounts(n, k, stride, padding, dilation) == padding_amounts(
            n, k, stride, padding, dilation
        ), (n, k, stride, padding, dilation)

# conv2d equals tf.nn.conv2d over a grid of sizes, kernels, strides, dilations and paddings
# (non-square images and kernels, several channels).
grid_rng = np.random.default_rng(1)
checked = 0
for h, k, stride, dilation in itertools.product(
    (1, 2, 5, 6, 7, 9), (1, 2, 3, 4), (1, 2, 3), (1, 2)
):
    w = h + 1
    for padding in ["valid", "same", ((1, 0), (2, 1))]:
        tf_padding = padding.upper() if isinstance(padding, str) else [[0, 0], *padding, [0, 0]]
        pads = [padding] * 2 if isinstance(padding, str) else padding
        try:
            sizes = [
                conv_output_size(n, kk, stride, p, dilation)
                for n, kk, p in zip((h, w), (k, k + 1), pads, strict=True)
            ]
        except ValueError:
            continue  # no window fits: Keras refuses, and so does conv2d (checked below)
        x = grid_rng.normal(size=[h, w, 2]).astype(np.float32)
        f = grid_rng.normal(size=[k, k + 1, 2, 3]).astype(np.float32)
        ours = conv2d(x, f, stride, padding, dilation)
        theirs = tf.nn.conv2d(x[None], f, strides=stride, padding=tf_padding, dilations=dilation)
        assert ours.shape == (*sizes, 3) == tuple(theirs.shape[1:])
        assert np.allclose(ours, theirs[0], atol=1e-4), (h, k, stride, dilation, padding)
        checked += 1
assert checked > 300
try:
    conv2d(np.zeros([3, 3, 1]), np.zeros([5, 5, 1, 1]))
except ValueError as error:
    assert "does not fit" in str(error)
else:
    raise AssertionError("conv2d accepted a kernel larger than the image")

# --8<-- [start:pool2d]
import numpy as np


def pool2d(image, size, stride, pads, reduce):
    """Pool a [height, width, channels] image with a size x size window.

    pads: ((top, bottom), (left, right)); reduce: np.nanmax or np.nanmean."""
    # The padding holds NaN, "no value", which nanmax and nanmean skip: it never wins a
    # maximum and never counts in an average's divisor, exactly as in TensorFlow.
    padded = np.pad(image.astype(float), [*pads, (0, 0)], constant_values=np.nan)
    out_h = (padded.shape[0] - size) // stride + 1
    out_w = (padded.shape[1] - size) // stride + 1
    out = np.zeros([out_h, out_w, image.shape[2]])
    for i in range(out_h):
        for j in range(out_w):
            top, left = i * stride, j * stride
            window = padded[top : top + size, left : left + size]
            out[i, j] = reduce(window, axis=(0, 1))
    return out


# 5x5, pool 2, stride 2, SAME: TensorFlow pads (0, 1) on both axes (pad_amounts in conv2d).
image = np.arange(1.0, 26.0).reshape(5, 5, 1)
print(pool2d(image, 2, 2, ((0, 1), (0, 1)), np.nanmean)[:, :, 0])
print(pool2d(-image, 2, 2, ((0, 1), (0, 1)), np.nanmax)[:, :, 0])
# --8<-- [end:pool2d]

assert padding_amounts(5, 2, 2, "same") == (0, 1)

# pool2d equals tf.nn.max_pool2d and tf.nn.avg_pool2d over a grid.
for h, size, stride in itertools.product((1, 2, 3, 5, 6, 7), (1, 2, 3), (1, 2, 3)):
    w = h + 2
    x = grid_rng.normal(size=[h, w, 2]).astype(np.float32)
    for padding in ["valid", "same"]:
        try:
            sizes = [pool_output_size(n, size, stride, padding) for n in (h, w)]
        except ValueError:
            continue
        pads = [padding_amounts(n, size, stride, padding) for n in (h, w)]
        for reduce, op in [(np.nanmax, tf.nn.max_pool2d), (np.nanmean, tf.nn.avg_pool2d)]:
            ours = pool2d(x, size, stride, pads, reduce)
            theirs = op(x[None], size, stride, padding.upper())[0]
            assert ours.shape == (*sizes, 2) == tuple(theirs.shape)
            assert np.allclose(ours, theirs, atol=1e-5), (h, size, stride, padding, op)

# --8<-- [start:shrinking]
import keras

x = keras.ops.zeros([1, 32, 32, 1])
layers = 0
while True:
    try:
        x = keras.layers.Conv2D(1, kernel_size=3, padding="valid")(x)
    except ValueError:
        break  # "Computed output size would be zero or negative"
    layers += 1
print(f"{layers} VALID 3x3 layers: 32x32 -> {x.shape[1]}x{x.shape[2]}; one more fails")
# --8<-- [end:shrinking]

size, survived = 32, 0
while True:
    try:
        size = conv_output_size(size, 3)
    except ValueError:
        break
    survived += 1
assert (layers, x.shape[1]) == (survived, size) == (15, 2)
same = keras.ops.zeros([1, 32, 32, 1])
for _ in range(20):
    same = keras.layers.Conv2D(1, 3, padding="same")(same)
assert same.shape[1] == 32

# The design section's quotations from TensorFlow's own docstrings.
words = " ".join(tf.nn.convolution.__doc__.split())
assert "Currently, however, output striding is not supported for atrous convolutions." in words
assert "x[0]*strides[0] + dilation_rate[0]*z[0]" in words

# Keras' Conv1D/2D/3D and transposed layers refuse stride 2 with dilation 2, with the message
# tf.nn.convolution uses; the depthwise and separable layers compute it.
from snippets.keras_layers import REFUSAL, check_stride_with_dilation

try:
    tf.nn.convolution(tf.ones([1, 9, 9, 1]), tf.ones([3, 3, 1, 1]), 2, "SAME", dilations=2)
except ValueError as error:
    assert str(error).split(".")[0] == REFUSAL, error
else:
    raise AssertionError("tf.nn.convolution accepted stride 2 with dilation 2")
check_stride_with_dilation()
