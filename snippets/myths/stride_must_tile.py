"""Myth: the stride must tile the input evenly (page: myths/stride-must-tile.md)."""

# --8<-- [start:uneven]
import keras

for n, k, stride in [(8, 3, 2), (10, 3, 4), (224, 7, 2)]:
    x = keras.ops.zeros([1, n, n, 1])
    sizes = {}
    for padding in ["valid", "same"]:
        conv = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding=padding)
        sizes[padding] = conv(x).shape[1]
    leftover = (n - k) % stride
    print(f"n={n:3} k={k} stride {stride}: (n - k) % stride = {leftover}, sizes {sizes}")
# --8<-- [end:uneven]

from snippets.arithmetic import conv_output_size, window_starts

for n, k, stride in [(8, 3, 2), (10, 3, 4), (224, 7, 2)]:
    assert (n - k) % stride != 0
    x = keras.ops.zeros([1, n, n, 1])
    for padding in ["valid", "same"]:
        conv = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding=padding)
        assert conv(x).shape[1] == conv_output_size(n, k, stride, padding)
    # VALID leaves exactly (n - k) % stride trailing cells unread.
    assert n - (window_starts(n, k, stride)[-1] + k) == (n - k) % stride
