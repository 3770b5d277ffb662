"""Myth: SAME means same size at any stride (page: myths/same-means-same-size.md)."""

# --8<-- [start:same_by_stride]
import keras

x = keras.ops.zeros([1, 7, 7, 1])
for stride in [1, 2, 3, 4]:
    conv = keras.layers.Conv2D(1, kernel_size=3, strides=stride, padding="same")
    pool = keras.layers.MaxPooling2D(pool_size=3, strides=stride, padding="same")
    print(f"stride {stride}: Conv2D -> {conv(x).shape[1]}, MaxPooling2D -> {pool(x).shape[1]}")
# --8<-- [end:same_by_stride]

from snippets.arithmetic import conv_output_size, pool_output_size

for stride in [1, 2, 3, 4]:
    conv = keras.layers.Conv2D(1, kernel_size=3, strides=stride, padding="same")
    pool = keras.layers.MaxPooling2D(pool_size=3, strides=stride, padding="same")
    assert conv(x).shape[1] == conv_output_size(7, 3, stride, "same") == -(-7 // stride)
    assert pool(x).shape[1] == pool_output_size(7, 3, stride, "same")
