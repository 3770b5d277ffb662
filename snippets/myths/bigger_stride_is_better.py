"""Myth: a bigger stride is always better (page: myths/bigger-stride-is-better.md)."""

# --8<-- [start:missed_line]
import numpy as np
import tensorflow as tf

kernel = tf.ones([3, 3, 1, 1])  # responds to anything bright in its 3x3 window
for column in [2, 3]:
    image = np.zeros([1, 16, 16, 1], dtype=np.float32)
    image[0, :, column, 0] = 1.0  # a one-pixel-wide vertical line
    for stride in [1, 4]:
        out = tf.nn.conv2d(image, kernel, strides=stride, padding="VALID")
        print(
            f"line at column {column}, stride {stride}: output {out.shape[1]}x{out.shape[2]}, "
            f"strongest response {float(tf.reduce_max(out)):.0f}"
        )
# --8<-- [end:missed_line]

from snippets.arithmetic import conv_output_size, window_starts

read = {c for s in window_starts(16, 3, 4) for c in range(s, s + 3)}
assert 2 in read and 3 not in read  # column 3 falls between two windows at stride 4
assert out.shape[1] == conv_output_size(16, 3, 4)
for column, seen in [(2, True), (3, False)]:
    image = np.zeros([1, 16, 16, 1], dtype=np.float32)
    image[0, :, column, 0] = 1.0
    strongest = float(tf.reduce_max(tf.nn.conv2d(image, kernel, strides=4, padding="VALID")))
    assert (strongest == 3.0) is seen and (strongest == 0.0) is not seen


def cells_read(n, k, stride, padding):
    """Input cells some window reads (padding cells left out)."""
    return {s + t for s in window_starts(n, k, stride, padding) for t in range(k)} & set(range(n))


# A stride no larger than the kernel reads every cell with SAME, and with VALID exactly when
# (n - k) is a multiple of the stride: otherwise VALID drops the cells after the last window.
for n in range(1, 30):
    for k in range(1, 8):
        for stride in range(1, k + 1):
            assert cells_read(n, k, stride, "same") == set(range(n)), (n, k, stride)
            if n >= k:
                every = cells_read(n, k, stride, "valid") == set(range(n))
                assert every is ((n - k) % stride == 0), (n, k, stride)
assert cells_read(8, 3, 2, "valid") == set(range(7))  # n=8, k=3, stride 2: cell 7 is never read
image = np.zeros([1, 8, 8, 1], dtype=np.float32)
image[0, :, 7, 0] = 1.0  # a line in column 7
assert float(tf.reduce_max(tf.nn.conv2d(image, kernel, strides=2, padding="VALID"))) == 0.0
assert float(tf.reduce_max(tf.nn.conv2d(image, kernel, strides=2, padding="SAME"))) == 3.0
