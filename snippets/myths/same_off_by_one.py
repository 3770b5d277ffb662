"""Myth: SAME can be off by one for odd sizes (page: myths/same-off-by-one.md)."""

# --8<-- [start:stride_1_grid]
import keras

for k in [1, 2, 3, 4, 5]:
    sizes = []
    for n in [5, 6, 7, 8]:
        conv = keras.layers.Conv2D(1, kernel_size=k, strides=1, padding="same")
        sizes.append(conv(keras.ops.zeros([1, n, n, 1])).shape[1])
    print(f"kernel {k}: n = 5, 6, 7, 8 -> {sizes}")
# --8<-- [end:stride_1_grid]

from snippets.arithmetic import conv_output_size, same_padding, window_starts

for k in [1, 2, 3, 4, 5]:
    for n in [5, 6, 7, 8]:
        conv = keras.layers.Conv2D(1, kernel_size=k, strides=1, padding="same")
        assert (
            conv(keras.ops.zeros([1, n, n, 1])).shape[1] == n == conv_output_size(n, k, 1, "same")
        )

# --8<-- [start:split_by_kernel]
import tensorflow as tf

# Ones through a ones kernel: each output counts the real cells its window read,
# so a window that hangs over an edge shows up as a smaller count.
signal = tf.ones([1, 6, 1])
for k in [2, 3, 4]:
    counts = tf.nn.conv1d(signal, tf.ones([k, 1, 1]), stride=1, padding="SAME")
    print(f"kernel {k}:", counts.numpy().ravel().astype(int).tolist())
# --8<-- [end:split_by_kernel]

for k in [2, 3, 4]:
    counts = tf.nn.conv1d(signal, tf.ones([k, 1, 1]), stride=1, padding="SAME")
    expected = [min(s + k, 6) - max(s, 0) for s in window_starts(6, k, padding="same")]
    assert counts.numpy().ravel().astype(int).tolist() == expected, k
assert [same_padding(6, k) for k in [2, 3, 4]] == [(0, 1), (1, 1), (1, 2)]
