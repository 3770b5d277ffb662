"""Myth: SAME's extra padding cell goes first (page: myths/extra-padding-goes-first.md)."""

# --8<-- [start:windows]
import tensorflow as tf

# Cells hold 1..6, so a 0 in a window is padding. extract_patches pads exactly like a
# convolution with the same sizes and shows what every window reads.
row = tf.reshape(tf.range(1, 7), [1, 1, 6, 1])
for k, stride in [(3, 2), (2, 1), (4, 1)]:
    windows = tf.image.extract_patches(
        row, sizes=[1, 1, k, 1], strides=[1, 1, stride, 1], rates=[1, 1, 1, 1], padding="SAME"
    )
    print(f"k={k}, stride {stride}:", windows.numpy().reshape(-1, k).tolist())
# --8<-- [end:windows]

from snippets.arithmetic import same_padding, window_starts

cells = list(range(1, 7))
for k, stride in [(3, 2), (2, 1), (4, 1)]:
    windows = tf.image.extract_patches(
        row, sizes=[1, 1, k, 1], strides=[1, 1, stride, 1], rates=[1, 1, 1, 1], padding="SAME"
    )
    expected = [
        [cells[i] if 0 <= i < 6 else 0 for i in range(s, s + k)]
        for s in window_starts(6, k, stride, "same")
    ]
    assert windows.numpy().reshape(-1, k).tolist() == expected, (k, stride)
    before, after = same_padding(6, k, stride)
    assert after == before + 1  # every case shown has an odd total: the extra cell goes after

# The same split through a real Conv2D: a kernel that copies the first cell of each window.
conv = tf.nn.conv2d(
    tf.cast(row, tf.float32), tf.reshape([1.0, 0.0, 0.0], [1, 3, 1, 1]), strides=2, padding="SAME"
)
assert conv.numpy().ravel().tolist() == [1.0, 3.0, 5.0]

# --8<-- [start:d2l_stride_example]
import keras
import tensorflow as tf

x = tf.zeros([1, 8, 8, 1])
kernel = tf.zeros([3, 5, 1, 1])
# A 3x5 kernel, strides (3, 4), no padding: what a Keras layer can express.
layer = keras.layers.Conv2D(1, kernel_size=(3, 5), strides=(3, 4), padding="valid")
# The same kernel and strides with one column of padding on each side, padding=(0, 1) in PyTorch.
explicit = tf.nn.conv2d(x, kernel, strides=[1, 3, 4, 1], padding=[[0, 0], [0, 0], [1, 1], [0, 0]])
print("Keras, padding='valid':  ", tuple(layer(x).shape[1:3]))
print("explicit padding (0, 1): ", tuple(explicit.shape[1:3]))
# --8<-- [end:d2l_stride_example]

from snippets.arithmetic import conv_output_size

assert (
    tuple(layer(x).shape[1:3]) == (conv_output_size(8, 3, 3), conv_output_size(8, 5, 4)) == (2, 1)
)
assert tuple(explicit.shape[1:3]) == (conv_output_size(8, 3, 3), conv_output_size(8, 5, 4, 1))
assert tuple(explicit.shape[1:3]) == (2, 2)
padded = keras.layers.ZeroPadding2D(padding=(0, 1))(x)  # 0 rows, 1 column on each side
assert tuple(layer(padded).shape[1:3]) == (2, 2)
