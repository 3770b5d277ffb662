"""Padding: what it adds around an input, and what VALID and SAME do (page: concepts/padding.md)."""

# --8<-- [start:tf_pad]
import tensorflow as tf

image = tf.reshape(tf.range(1, 10), [3, 3])
padded = tf.pad(image, [[1, 1], [1, 1]])  # one ring of zeros: [before, after] per axis
print(padded.numpy())
# --8<-- [end:tf_pad]

assert padded.shape == (5, 5)
assert int(tf.reduce_sum(padded)) == int(tf.reduce_sum(image))

# --8<-- [start:valid_vs_same]
import keras

x = keras.random.normal([1, 5, 5, 1], seed=0)  # one 5x5 single-channel image
shapes = {}
for padding in ["valid", "same"]:
    conv = keras.layers.Conv2D(filters=1, kernel_size=3, padding=padding)
    shapes[padding] = tuple(conv(x).shape)
    print(f"{padding!r:8} -> {shapes[padding]}")
# --8<-- [end:valid_vs_same]

from snippets.arithmetic import conv_output_size

for padding, shape in shapes.items():
    assert shape[1] == shape[2] == conv_output_size(5, 3, padding=padding), (padding, shape)

# --8<-- [start:edge_coverage]
import tensorflow as tf

# A 1-D signal of ones and a 3-tap kernel of ones: each output counts how many
# real (not padded) input cells its window covered.
signal = tf.ones([1, 5, 1])
kernel = tf.ones([3, 1, 1])
for padding in ["VALID", "SAME"]:
    counts = tf.nn.conv1d(signal, kernel, stride=1, padding=padding)
    print(padding, tf.reshape(counts, [-1]).numpy().astype(int).tolist())
# --8<-- [end:edge_coverage]

from snippets.arithmetic import window_starts

for padding in ["VALID", "SAME"]:
    counts = tf.nn.conv1d(signal, kernel, stride=1, padding=padding)
    expected = [min(s + 3, 5) - max(s, 0) for s in window_starts(5, 3, padding=padding)]
    assert tf.reshape(counts, [-1]).numpy().astype(int).tolist() == expected
