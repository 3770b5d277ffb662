"""Stride and feature extraction: compute saved, detail lost
(page: concepts/stride-tradeoffs.md)."""

# --8<-- [start:macs]
import math

import keras

x = keras.ops.zeros([1, 224, 224, 3])  # one 224x224 RGB image
for stride in [1, 2, 4]:
    conv = keras.layers.Conv2D(64, kernel_size=7, strides=stride, padding="same")
    y = conv(x)
    _, out_h, out_w, _ = y.shape
    # Every output cell of every filter is one k_h * k_w * c_in dot product.
    macs = out_h * out_w * math.prod(conv.kernel.shape)
    print(f"stride {stride}: {tuple(y.shape)}, {conv.count_params():,} params, {macs:,} MACs")
# --8<-- [end:macs]

from snippets.arithmetic import conv_output_size, padding_amounts, window_starts


def _macs(n: int, k: int, stride: int, c_in: int, c_out: int) -> int:
    out = conv_output_size(n, k, stride, "same")
    return out * out * k * k * c_in * c_out


for stride in [1, 2, 4]:
    conv = keras.layers.Conv2D(64, kernel_size=7, strides=stride, padding="same")
    out = conv_output_size(224, 7, stride, "same")
    assert tuple(conv(x).shape) == (1, out, out, 64)
    assert conv.count_params() == 7 * 7 * 3 * 64 + 64  # stride never changes the weights
assert _macs(224, 7, 1, 3, 64) == 472_055_808
assert _macs(224, 7, 1, 3, 64) == 4 * _macs(224, 7, 2, 3, 64) == 16 * _macs(224, 7, 4, 3, 64)
assert _macs(224, 7, 2, 3, 64) == 118_013_952

# --8<-- [start:skipped_cells]
import numpy as np
import tensorflow as tf

# A single bright cell at index 3 of a 9-cell signal.
signal = np.zeros([1, 9, 1], dtype=np.float32)
signal[0, 3, 0] = 1.0
for k in [1, 3]:
    kernel = tf.ones([k, 1, 1])
    out = tf.nn.conv1d(signal, kernel, stride=2, padding="VALID")
    print(f"kernel {k}, stride 2: {out.numpy().ravel().tolist()}")
# --8<-- [end:skipped_cells]


def _cells_read(n: int, k: int, stride: int) -> set[int]:
    return {s + i for s in window_starts(n, k, stride) for i in range(k)}


assert _cells_read(9, 1, 2) == {0, 2, 4, 6, 8}  # k < stride: odd cells are never read
assert _cells_read(9, 3, 2) == set(range(9))  # k >= stride, (9 - 3) % 2 == 0: every cell is read
assert len(_cells_read(8, 1, 2)) ** 2 * 4 == 8 * 8  # 1x1 at stride 2 in 2-D: one cell in four
for k in [1, 3]:
    out = tf.nn.conv1d(signal, tf.ones([k, 1, 1]), stride=2, padding="VALID")
    assert out.shape[1] == conv_output_size(9, k, 2)
    assert float(tf.reduce_sum(out)) == (1.0 if 3 in _cells_read(9, k, 2) else 0.0)

# --8<-- [start:trailing_cell]
import numpy as np
import tensorflow as tf

# A single bright cell at the last index (7) of an 8-cell signal; a 3-wide kernel at stride 2.
signal = np.zeros([1, 8, 1], dtype=np.float32)
signal[0, 7, 0] = 1.0
kernel = tf.ones([3, 1, 1])
for padding in ["VALID", "SAME"]:
    out = tf.nn.conv1d(signal, kernel, stride=2, padding=padding)
    print(f"{padding}: {out.numpy().ravel().tolist()}")
# --8<-- [end:trailing_cell]


def _cells_read_padded(n: int, k: int, stride: int, padding: str) -> set[int]:
    starts = window_starts(n, k, stride, padding)
    return {s + i for s in starts for i in range(k)} & set(range(n))


assert window_starts(8, 3, 2) == [0, 2, 4] and 7 not in _cells_read_padded(8, 3, 2, "valid")
assert window_starts(8, 3, 2, "same") == [0, 2, 4, 6] and padding_amounts(8, 3, 2, "same") == (0, 1)
for padding in ["VALID", "SAME"]:
    out = tf.nn.conv1d(signal, kernel, stride=2, padding=padding)
    read = 7 in _cells_read_padded(8, 3, 2, padding.lower())
    assert out.numpy().ravel().tolist()[-1] == (1.0 if read else 0.0)
    assert out.shape[1] == conv_output_size(8, 3, 2, padding.lower())
# The rule, for kernels at least as wide as the stride: SAME reads every cell; VALID does exactly
# when (n - k) is a multiple of the stride. Checked against TensorFlow with a gradient...
for n in range(1, 11):
    for k in range(1, 5):
        for stride in range(1, k + 1):
            for padding in ["SAME", "VALID"] if n >= k else ["SAME"]:
                x = tf.Variable(tf.zeros([1, n, 1]))
                with tf.GradientTape() as tape:
                    total = tf.reduce_sum(tf.nn.conv1d(x, tf.ones([k, 1, 1]), stride, padding))
                grad = tape.gradient(total, x).numpy().ravel()
                read = {i for i in range(n) if grad[i] != 0}
                assert read == _cells_read_padded(n, k, stride, padding.lower())
# ...and with the arithmetic on a wider grid.
for n in range(1, 30):
    for k in range(1, 8):
        for stride in range(1, k + 1):
            assert _cells_read_padded(n, k, stride, "same") == set(range(n))
            if n >= k:
                every = _cells_read_padded(n, k, stride, "valid") == set(range(n))
                assert every is ((n - k) % stride == 0), (n, k, stride)

# --8<-- [start:aliasing]
import tensorflow as tf

stripes = tf.constant([1.0, -1.0] * 4)  # a pattern that flips every cell
shifted = tf.roll(stripes, shift=1, axis=0)  # the same pattern, one cell to the right
sample = tf.reshape(tf.constant([1.0]), [1, 1, 1])  # kernel 1: keep every 2nd cell
blur = tf.reshape(tf.constant([0.25, 0.5, 0.25]), [3, 1, 1])  # average neighbours first

for name, kernel in [("sample", sample), ("blur", blur)]:
    for label, x in [("stripes", stripes), ("shifted", shifted)]:
        y = tf.nn.conv1d(tf.reshape(x, [1, 8, 1]), kernel, stride=2, padding="VALID")
        print(f"{name:6} {label:7} -> {y.numpy().ravel().tolist()}")
# --8<-- [end:aliasing]


def _strided(x: tf.Tensor, kernel: tf.Tensor) -> list[float]:
    return tf.nn.conv1d(tf.reshape(x, [1, 8, 1]), kernel, 2, "VALID").numpy().ravel().tolist()


assert _strided(stripes, sample) == [1.0] * conv_output_size(8, 1, 2)
assert _strided(shifted, sample) == [-1.0] * conv_output_size(8, 1, 2)
assert _strided(stripes, blur) == _strided(shifted, blur) == [0.0] * conv_output_size(8, 3, 2)
