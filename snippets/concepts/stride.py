"""Stride: how far the window jumps, and what it does to the output (page: concepts/stride.md)."""

# --8<-- [start:stride_shapes]
import keras

x = keras.random.normal([1, 7, 7, 1], seed=0)
for stride in [1, 2, 3]:
    conv = keras.layers.Conv2D(filters=1, kernel_size=3, strides=stride, padding="valid")
    print(f"stride {stride}: {tuple(conv(x).shape)}")
# --8<-- [end:stride_shapes]

from snippets.arithmetic import conv_output_size, window_starts

for stride in [1, 2, 3]:
    conv = keras.layers.Conv2D(filters=1, kernel_size=3, strides=stride, padding="valid")
    assert conv(x).shape[1] == conv_output_size(7, 3, stride), stride

# --8<-- [start:window_starts]
import tensorflow as tf

# Input cells hold their own index; the kernel [1, 0, 0] copies the first cell
# of each window, so the output lists where every window starts.
positions = tf.reshape(tf.range(7, dtype=tf.float32), [1, 7, 1])
first_cell = tf.reshape(tf.constant([1.0, 0.0, 0.0]), [3, 1, 1])
for stride in [1, 2, 3]:
    starts = tf.nn.conv1d(positions, first_cell, stride=stride, padding="VALID")
    print(f"stride {stride}: windows start at {starts.numpy().ravel().astype(int).tolist()}")
# --8<-- [end:window_starts]

for stride in [1, 2, 3]:
    starts = tf.nn.conv1d(positions, first_cell, stride=stride, padding="VALID")
    assert starts.numpy().ravel().astype(int).tolist() == window_starts(7, 3, stride)

# --8<-- [start:leftover_ignored]
import numpy as np
import tensorflow as tf

# n=8, k=3, stride 2, VALID: windows start at 0, 2 and 4; the last one ends at
# index 6, so input index 7 is never read. Changing it changes nothing.
x = np.arange(8, dtype=np.float32).reshape(1, 8, 1)
w = np.ones([3, 1, 1], dtype=np.float32)
before = tf.nn.conv1d(x, w, stride=2, padding="VALID")
x[0, 7, 0] = 1000.0
after = tf.nn.conv1d(x, w, stride=2, padding="VALID")
print("outputs:", before.numpy().ravel().tolist())
print("unchanged after editing the last cell:", bool(tf.reduce_all(before == after)))
# --8<-- [end:leftover_ignored]

assert before.shape[1] == conv_output_size(8, 3, 2) == 3
assert window_starts(8, 3, 2)[-1] + 3 == 7  # the last window stops before index 7
assert bool(tf.reduce_all(before == after))
