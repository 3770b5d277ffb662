"""Output size: formulas, SAME's uneven split, explicit padding (page: concepts/output-size.md)."""

# --8<-- [start:valid_sizes]
import keras

for n, k, stride in [(7, 3, 1), (7, 3, 2), (8, 3, 2), (224, 7, 2)]:
    x = keras.ops.zeros([1, n, n, 1])
    conv = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding="valid")
    print(f"n={n:3} k={k} stride={stride}: output {conv(x).shape[1]}")
# --8<-- [end:valid_sizes]

from snippets.arithmetic import conv_output_size, same_padding, window_starts

for n, k, stride in [(7, 3, 1), (7, 3, 2), (8, 3, 2), (224, 7, 2)]:
    conv = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding="valid")
    assert conv(keras.ops.zeros([1, n, n, 1])).shape[1] == conv_output_size(n, k, stride)

# --8<-- [start:same_sizes]
import keras

for stride in [1, 2]:
    sizes = []
    for n in [5, 6, 7, 8]:
        conv = keras.layers.Conv2D(1, kernel_size=3, strides=stride, padding="same")
        sizes.append(conv(keras.ops.zeros([1, n, n, 1])).shape[1])
    print(f"stride {stride}: n = 5, 6, 7, 8 -> {sizes}")
# --8<-- [end:same_sizes]

assert sizes == [conv_output_size(n, 3, 2, "same") for n in [5, 6, 7, 8]]

# --8<-- [start:same_split]
import tensorflow as tf


def real_cells_per_window(n, k=3, stride=2):
    """Ones through a ones kernel: each output counts the real cells its window read."""
    signal = tf.ones([1, n, 1])
    kernel = tf.ones([k, 1, 1])
    out = tf.nn.conv1d(signal, kernel, stride=stride, padding="SAME")
    return out.numpy().ravel().astype(int).tolist()


print("n=6:", real_cells_per_window(6))
print("n=7:", real_cells_per_window(7))
# --8<-- [end:same_split]

for n in [6, 7]:
    expected = [min(s + 3, n) - max(s, 0) for s in window_starts(n, 3, 2, "same")]
    assert real_cells_per_window(n) == expected, n
assert same_padding(6, 3, 2) == (0, 1)
assert same_padding(7, 3, 2) == (1, 1)

# --8<-- [start:explicit_padding]
import keras
import numpy as np
import tensorflow as tf

x = tf.constant(np.random.default_rng(0).normal(size=[1, 224, 224, 3]), tf.float32)
w = tf.constant(np.random.default_rng(1).normal(size=[7, 7, 3, 8]), tf.float32)

same = tf.nn.conv2d(x, w, strides=2, padding="SAME")
# TensorFlow's SAME for n=224, k=7, stride 2 is 2 before and 3 after: say so explicitly.
explicit = tf.nn.conv2d(x, w, strides=2, padding=[[0, 0], [2, 3], [2, 3], [0, 0]])
# Keras layers take only "valid"/"same": explicit amounts go in a ZeroPadding2D first.
padded = keras.layers.ZeroPadding2D(padding=((2, 3), (2, 3)))(x)
via_layer = tf.nn.conv2d(padded, w, strides=2, padding="VALID")
# PyTorch-style symmetric padding=3 gives the same shape but different numbers.
symmetric = tf.nn.conv2d(x, w, strides=2, padding=[[0, 0], [3, 3], [3, 3], [0, 0]])

print("shapes:", same.shape, explicit.shape, symmetric.shape)
print("SAME == explicit (2, 3):", np.allclose(same, explicit, atol=1e-4))
print("SAME == ZeroPadding2D + VALID:", np.allclose(same, via_layer, atol=1e-4))
print("SAME == symmetric (3, 3):", np.allclose(same, symmetric, atol=1e-4))
# --8<-- [end:explicit_padding]

assert same_padding(224, 7, 2) == (2, 3)
assert same.shape[1] == conv_output_size(224, 7, 2, "same") == conv_output_size(224, 7, 2, (3, 3))
assert np.allclose(same, explicit, atol=1e-4) and np.allclose(same, via_layer, atol=1e-4)
assert not np.allclose(same, symmetric, atol=1e-4)

# snippet-raises: ValueError
# --8<-- [start:too_small]
import keras

x = keras.ops.zeros([1, 3, 3, 1])
keras.layers.Conv2D(1, kernel_size=5, padding="valid")(x)  # 5 does not fit into 3
# --8<-- [end:too_small]
