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
