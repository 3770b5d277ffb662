"""Pitfall: a large stride in the first layer (page: pitfalls/large-stride-early.md)."""

# --8<-- [start:fraction_read]
import keras
import tensorflow as tf


def fraction_read(layers, n=32):
    """Share of input pixels that can change the output (kernels of ones, so nothing cancels)."""
    x = tf.Variable(tf.zeros([1, n, n, 1]))
    with tf.GradientTape() as tape:
        h = x
        for layer in layers:
            h = layer(h)
        total = tf.reduce_sum(h)
    read = tape.gradient(total, x) != 0
    return float(tf.reduce_mean(tf.cast(read, tf.float32))), tuple(h.shape[1:3])


def conv(k, stride):
    return keras.layers.Conv2D(1, k, strides=stride, padding="same", kernel_initializer="ones")


stacks = {
    "3x3, stride 4": [conv(3, 4)],
    "3x3 stride 1, then 3x3 stride 2 twice": [conv(3, 1), conv(3, 2), conv(3, 2)],
    "5x5, stride 4": [conv(5, 4)],
}
for name, layers in stacks.items():
    share, shape = fraction_read(layers)
    print(f"{name:38}: output {shape}, reads {share:.0%} of the input pixels")
# --8<-- [end:fraction_read]

from snippets.arithmetic import conv_output_size, window_starts

for name, layers in stacks.items():
    share, shape = fraction_read(layers)
    n = 32
    for layer in layers:
        n = conv_output_size(n, layer.kernel_size[0], layer.strides[0], "same")
    assert shape == (n, n), name
    if len(layers) == 1:
        k, stride = layers[0].kernel_size[0], layers[0].strides[0]
        covered = {
            i for s in window_starts(32, k, stride, "same") for i in range(s, s + k) if 0 <= i < 32
        }
        assert share == (len(covered) / 32) ** 2, name
    else:
        assert share == 1.0
