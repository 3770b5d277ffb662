"""Pitfall: assuming SAME pads symmetrically (page: pitfalls/same-assumed-symmetric.md)."""

# --8<-- [start:centres]
import tensorflow as tf


def same_centres(n):
    """Input index at the centre of each window of a 3-tap, stride-2 SAME convolution."""
    positions = tf.reshape(tf.range(1, n + 1, dtype=tf.float32), [1, n, 1])  # 1-based
    centre = tf.reshape(tf.constant([0.0, 1.0, 0.0]), [3, 1, 1])  # copies the middle cell
    out = tf.nn.conv1d(positions, centre, stride=2, padding="SAME")
    return (out.numpy().ravel() - 1).astype(int).tolist()


for n in [6, 7]:
    print(f"n={n}: SAME centres {same_centres(n)}; assumed 2*i: {list(range(0, n, 2))}")
# --8<-- [end:centres]

from snippets.arithmetic import conv_output_size, same_padding, window_starts

for n in [6, 7]:
    assert same_centres(n) == [s + 1 for s in window_starts(n, 3, 2, "same")]
assert same_padding(6, 3, 2) == (0, 1) and same_padding(7, 3, 2) == (1, 1)
assert same_centres(6) != list(range(0, 6, 2)) and same_centres(7) == list(range(0, 7, 2))

# --8<-- [start:fixed_alignment]
import tensorflow as tf

centre = tf.reshape(tf.constant([0.0, 1.0, 0.0]), [3, 1, 1])
for n in [6, 7]:
    positions = tf.reshape(tf.range(1, n + 1, dtype=tf.float32), [1, n, 1])
    padded = tf.pad(positions, [[0, 0], [1, 1], [0, 0]])  # one zero on each side, always
    out = tf.nn.conv1d(padded, centre, stride=2, padding="VALID")
    same = tf.nn.conv1d(positions, centre, stride=2, padding="SAME")
    centres = (out.numpy().ravel() - 1).astype(int).tolist()
    print(f"n={n}: size {out.shape[1]} (SAME: {same.shape[1]}), centres {centres}")
# --8<-- [end:fixed_alignment]

for n in range(1, 40):
    # For k=3, stride 2, symmetric (1, 1) gives SAME's size for every n, centred at 2 * i.
    assert conv_output_size(n, 3, 2, (1, 1)) == conv_output_size(n, 3, 2, "same")
    assert [s + 1 for s in window_starts(n, 3, 2, (1, 1))] == list(range(0, n, 2))
for n in [6, 7]:
    positions = tf.reshape(tf.range(1, n + 1, dtype=tf.float32), [1, n, 1])
    out = tf.nn.conv1d(tf.pad(positions, [[0, 0], [1, 1], [0, 0]]), centre, 2, "VALID")
    assert (out.numpy().ravel() - 1).astype(int).tolist() == list(range(0, n, 2))

import keras

# The Keras docstring this page corrects: "padding evenly" (uneven whenever the total is odd).
assert "padding evenly" in keras.layers.Conv2D.__doc__

# Any odd kernel at stride 2 with k // 2 cells on each side: SAME's size, output i centred on 2i.
for k in range(1, 12, 2):
    for n in range(1, 40):
        assert conv_output_size(n, k, 2, k // 2) == conv_output_size(n, k, 2, "same"), (n, k)
        assert [s + k // 2 for s in window_starts(n, k, 2, k // 2)] == list(range(0, n, 2))

# Keras' ResNet50 pads its stem that way: (3, 3) before the 7x7 stride-2 convolution and (1, 1)
# only before the 3x3 stride-2 max pooling, each followed by VALID.
resnet = keras.applications.ResNet50(weights=None, include_top=False, input_shape=(224, 224, 3))
conv_pad, conv, pool_pad, pool = (
    resnet.get_layer(name).get_config()
    for name in ["conv1_pad", "conv1_conv", "pool1_pad", "pool1_pool"]
)
assert conv_pad["padding"] == ((3, 3), (3, 3)) and pool_pad["padding"] == ((1, 1), (1, 1))
assert conv["kernel_size"] == (7, 7) and conv["strides"] == (2, 2)
assert pool["pool_size"] == (3, 3) and pool["strides"] == (2, 2)
assert conv["padding"] == pool["padding"] == "valid"
names = [layer.name for layer in resnet.layers]
assert names.index("conv1_pad") + 1 == names.index("conv1_conv")
assert names.index("pool1_pad") + 1 == names.index("pool1_pool")
zero_paddings = [
    name for name in names if isinstance(resnet.get_layer(name), keras.layers.ZeroPadding2D)
]
assert zero_paddings == ["conv1_pad", "pool1_pad"]
