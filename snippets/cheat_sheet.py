"""The cheat sheet's example numbers, each from a real layer (page: cheat-sheet.md)."""

# --8<-- [start:sizes]
import keras

L = keras.layers
examples = [
    ("Conv2D(k=3, s=1, 'valid')", 7, L.Conv2D(1, 3, padding="valid")),
    ("Conv2D(k=3, s=1, 'same')", 7, L.Conv2D(1, 3, padding="same")),
    ("Conv2D(k=3, s=2, 'valid')", 7, L.Conv2D(1, 3, strides=2, padding="valid")),
    ("Conv2D(k=3, s=2, 'same')", 7, L.Conv2D(1, 3, strides=2, padding="same")),
    ("Conv2D(k=7, s=2, 'same')", 224, L.Conv2D(1, 7, strides=2, padding="same")),
    ("Conv2D(k=3, d=2, 'valid')", 7, L.Conv2D(1, 3, dilation_rate=2, padding="valid")),
    ("MaxPooling2D(2)", 7, L.MaxPooling2D(2)),
    ("MaxPooling2D(3, s=2, 'same')", 112, L.MaxPooling2D(3, strides=2, padding="same")),
    ("Conv2DTranspose(k=3, s=2, 'same')", 4, L.Conv2DTranspose(1, 3, strides=2, padding="same")),
    ("... output_padding=0", 4, L.Conv2DTranspose(1, 3, 2, padding="same", output_padding=0)),
    ("Conv2DTranspose(k=3, s=2, 'valid')", 4, L.Conv2DTranspose(1, 3, strides=2)),
]
print(f"{'layer':36} {'n':>4} {'out':>4}")
for name, n, layer in examples:
    print(f"{name:36} {n:4} {layer(keras.ops.zeros([1, n, n, 1])).shape[1]:4}")
causal = L.Conv1D(1, 3, dilation_rate=2, padding="causal")
print(f"{'Conv1D(k=3, d=2, causal)':36} {5:4} {causal(keras.ops.zeros([1, 5, 1])).shape[1]:4}")
# --8<-- [end:sizes]

from snippets.arithmetic import (
    conv_output_size,
    padding_amounts,
    pool_output_size,
    same_padding,
    transposed_output_size,
)

expected = [
    conv_output_size(7, 3, 1, "valid"),
    conv_output_size(7, 3, 1, "same"),
    conv_output_size(7, 3, 2, "valid"),
    conv_output_size(7, 3, 2, "same"),
    conv_output_size(224, 7, 2, "same"),
    conv_output_size(7, 3, 1, "valid", dilation=2),
    pool_output_size(7, 2),
    pool_output_size(112, 3, 2, "same"),
    transposed_output_size(4, 3, 2, "same"),
    transposed_output_size(4, 3, 2, "same", output_padding=0),
    transposed_output_size(4, 3, 2, "valid"),
]
for (name, n, layer), size in zip(examples, expected, strict=True):
    assert layer(keras.ops.zeros([1, n, n, 1])).shape[1] == size, name
assert causal(keras.ops.zeros([1, 5, 1])).shape[1] == conv_output_size(5, 3, 1, "causal", 2) == 5

# --8<-- [start:splits]
import tensorflow as tf


def same_split(n, k, stride):
    """TensorFlow's SAME padding as (before, after), measured: ones through a ones kernel.

    Each output counts the real cells its window read, so the first window is short by the
    padding before the input and the last by the padding after it (valid for n >= k).
    """
    counts = tf.nn.conv1d(tf.ones([1, n, 1]), tf.ones([k, 1, 1]), stride, "SAME")
    counts = counts.numpy().ravel().astype(int)
    return k - counts[0], k - counts[-1]


for n, k, stride in [(6, 3, 2), (7, 3, 2), (112, 3, 2), (224, 7, 2), (8, 2, 1), (8, 4, 1)]:
    before, after = same_split(n, k, stride)
    print(f"n={n:3} k={k} stride {stride}: SAME pads ({before}, {after})")
# --8<-- [end:splits]

for n in range(1, 17):
    for k in range(1, n + 1):
        for stride in range(1, 5):
            assert tuple(map(int, same_split(n, k, stride))) == same_padding(n, k, stride)

# --8<-- [start:defaults]
import inspect

import keras
import tensorflow as tf

conv = keras.layers.Conv2D(1, 3).get_config()
print(f"Conv2D:          padding {conv['padding']!r} strides {conv['strides']}")
print(f"                 dilation_rate {conv['dilation_rate']}")
print("MaxPooling2D(3): strides", keras.layers.MaxPooling2D(3).strides)
print("Conv2DTranspose: output_padding", keras.layers.Conv2DTranspose(1, 3).output_padding)
print("ZeroPadding2D(): padding", keras.layers.ZeroPadding2D().padding)
print("tf.pad:          mode", repr(inspect.signature(tf.pad).parameters["mode"].default))
# --8<-- [end:defaults]

assert conv["padding"] == "valid" and conv["strides"] == conv["dilation_rate"] == (1, 1)
assert keras.layers.MaxPooling2D(3).strides == (3, 3)
assert keras.layers.Conv2DTranspose(1, 3).output_padding is None
assert keras.layers.ZeroPadding2D().padding == ((1, 1), (1, 1))
assert inspect.signature(tf.pad).parameters["mode"].default == "CONSTANT"

# The table's other rows: causal padding and the mirror limits.
import pytest

for n in range(1, 12):
    for stride in [1, 2, 3]:
        for k, d in [(2, 1), (3, 1), (3, 2)]:
            assert padding_amounts(n, k, stride, "causal", d) == (d * (k - 1), 0)
            assert conv_output_size(n, k, stride, "causal", d) == -(-n // stride)
assert (
    keras.layers.Conv1D(1, 3, strides=2, padding="causal")(keras.ops.zeros([1, 9, 1])).shape[1] == 5
)
for n in range(2, 6):
    row = tf.range(n)
    for mode, limit in [("REFLECT", n - 1), ("SYMMETRIC", n)]:
        assert tf.pad(row, [[limit, limit]], mode=mode).shape[0] == n + 2 * limit
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.pad(row, [[limit + 1, 0]], mode=mode)

# The VALID and pooling rows: a convolution that does not fit raises, eager or symbolic; a
# pooling layer at its default strides raises only on a symbolic keras.Input, and called eagerly
# returns the formula's 0 cells.
for pool in range(2, 7):
    for n in range(1, pool):
        assert (n - pool) // pool + 1 == 0  # the VALID formula with s = pool
        x = tf.ones([1, n, n, 1])
        for layer_class in [keras.layers.MaxPooling2D, keras.layers.AveragePooling2D]:
            assert layer_class(pool)(x).shape == (1, 0, 0, 1)
            with pytest.raises(ValueError, match="zero or negative"):
                layer_class(pool)(keras.Input((n, n, 1)))
        with pytest.raises(ValueError, match="zero or negative"):
            keras.layers.Conv2D(1, pool)(x)
        with pytest.raises(ValueError, match="zero or negative"):
            keras.layers.Conv2D(1, pool)(keras.Input((n, n, 1)))

# The stride-with-dilation row (Keras 3.15): which layers refuse, which run it.
from snippets.keras_layers import check_stride_with_dilation

check_stride_with_dilation()
