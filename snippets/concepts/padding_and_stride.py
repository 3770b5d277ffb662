"""Combining padding and stride: exact halving, size plans, the half-padding rule
(page: concepts/padding-and-stride.md)."""

# --8<-- [start:halving]
import keras

for n in [5, 6, 7, 8, 28]:
    x = keras.ops.zeros([1, n, n, 1])
    sizes = {}
    for padding in ["same", "valid"]:
        conv = keras.layers.Conv2D(1, kernel_size=3, strides=2, padding=padding)
        sizes[padding] = conv(x).shape[1]
    print(f"n={n:2}  n/2={n / 2:4}  same: {sizes['same']:2}  valid: {sizes['valid']:2}")
# --8<-- [end:halving]

import math

from snippets.arithmetic import conv_output_size

for n in [5, 6, 7, 8, 28]:
    x = keras.ops.zeros([1, n, n, 1])
    for padding in ["same", "valid"]:
        conv = keras.layers.Conv2D(1, kernel_size=3, strides=2, padding=padding)
        assert conv(x).shape[1] == conv_output_size(n, 3, 2, padding), (n, padding)
    assert conv_output_size(n, 3, 2, "same") == math.ceil(n / 2)
assert conv_output_size(28, 3, 2, "valid") == 13

# --8<-- [start:size_plan]
import keras

for n in [28, 30]:
    model = keras.Sequential(
        [
            keras.Input(shape=(n, n, 1)),
            keras.layers.Conv2D(8, 3, strides=1, padding="same", name="keep"),
            keras.layers.Conv2D(16, 3, strides=2, padding="same", name="halve"),
            keras.layers.Conv2D(32, 3, strides=2, padding="same", name="halve_again"),
        ]
    )
    sizes = [layer.output.shape[1] for layer in model.layers]
    print(f"input {n}: " + " -> ".join(str(size) for size in [n, *sizes]))
# --8<-- [end:size_plan]

for n in [28, 30]:
    model = keras.Sequential(
        [
            keras.Input(shape=(n, n, 1)),
            keras.layers.Conv2D(8, 3, strides=1, padding="same"),
            keras.layers.Conv2D(16, 3, strides=2, padding="same"),
            keras.layers.Conv2D(32, 3, strides=2, padding="same"),
        ]
    )
    keep = conv_output_size(n, 3, 1, "same")
    half = conv_output_size(keep, 3, 2, "same")
    quarter = conv_output_size(half, 3, 2, "same")
    assert [layer.output.shape[1] for layer in model.layers] == [keep, half, quarter]
    # Two SAME halvings land where one SAME stride-4 layer would: ceil(ceil(n/2)/2) = ceil(n/4).
    assert quarter == conv_output_size(n, 3, 4, "same")
assert conv_output_size(conv_output_size(30, 3, 2, "same"), 3, 2, "same") == 8

# --8<-- [start:half_padding]
import keras

x = keras.ops.zeros([1, 28, 28, 1])
for k, stride in [(3, 1), (5, 1), (3, 2), (4, 1)]:
    p = k // 2  # the "half padding" rule
    padded = keras.layers.ZeroPadding2D(padding=p)(x)
    y = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding="valid")(padded)
    print(f"k={k} stride={stride} p={p}: 28 -> {y.shape[1]}")
# --8<-- [end:half_padding]

for k, stride in [(3, 1), (5, 1), (3, 2), (4, 1)]:
    padded = keras.layers.ZeroPadding2D(padding=k // 2)(x)
    y = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding="valid")(padded)
    assert y.shape[1] == conv_output_size(28, k, stride, k // 2)
    # Keeps the size only at stride 1 with an odd kernel.
    assert (y.shape[1] == 28) == (stride == 1 and k % 2 == 1)
# For odd k, symmetric half padding gives SAME's size at any stride (not always SAME's values).
for n in range(1, 40):
    for k in [1, 3, 5, 7]:
        for stride in [1, 2, 3]:
            assert conv_output_size(n, k, stride, k // 2) == conv_output_size(n, k, stride, "same")

# ...but at n=28, stride 2 TensorFlow's SAME splits its one cell (0, 1), not (1, 1): same size,
# windows shifted by one cell.
import numpy as np
import tensorflow as tf

from snippets.arithmetic import same_padding

image = tf.constant(np.random.default_rng(0).normal(size=[1, 28, 28, 1]), tf.float32)
kernel = tf.constant(np.random.default_rng(1).normal(size=[3, 3, 1, 1]), tf.float32)
same = tf.nn.conv2d(image, kernel, strides=2, padding="SAME")
half = tf.nn.conv2d(image, kernel, strides=2, padding=[[0, 0], [1, 1], [1, 1], [0, 0]])
assert same_padding(28, 3, 2) == (0, 1)
assert same.shape == half.shape and not np.allclose(same, half, atol=1e-4)

from snippets.arithmetic import transposed_output_size

# Claims in the page's prose.
for n in [5, 6, 7, 8, 28]:
    assert conv_output_size(n, 3, 2, "same") == conv_output_size(n, 3, 2, "valid") + 1
for n in range(1, 200):
    halved_twice = conv_output_size(conv_output_size(n, 1, 2, "same"), 1, 2, "same")
    assert halved_twice == conv_output_size(n, 1, 4, "same") == math.ceil(n / 4)
assert transposed_output_size(8, 3, 2, "same") == 16 != conv_output_size(30, 3, 2, "same")
assert same_padding(28, 4, 1) == (1, 2)
