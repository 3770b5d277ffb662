"""Pooling: default strides, and what max and average pooling do with SAME's padding
(page: concepts/pooling.md)."""

# --8<-- [start:default_strides]
import keras

x = keras.ops.zeros([1, 5, 5, 1])
for padding, strides in [("valid", None), ("same", None), ("same", 1)]:
    pool = keras.layers.AveragePooling2D(pool_size=2, strides=strides, padding=padding)
    size = tuple(pool(x).shape[1:3])
    print(f"{padding}, strides={strides} (uses {pool.strides}): 5x5 -> {size}")
# --8<-- [end:default_strides]

import numpy as np

from snippets.arithmetic import pool_output_size, same_padding, window_starts

for padding, strides in [("valid", None), ("same", None), ("same", 1)]:
    for layer_class in [keras.layers.AveragePooling2D, keras.layers.MaxPooling2D]:
        pool = layer_class(pool_size=2, strides=strides, padding=padding)
        assert pool.strides == (strides or 2,) * 2
        assert pool(x).shape[1] == pool_output_size(5, 2, strides, padding)
assert pool_output_size(5, 2, padding="same") == 3 != 5 == pool_output_size(5, 2, 1, "same")
# The installed docstring's claim, quoted on the page.
doc = keras.layers.AveragePooling2D.__doc__
assert 'The resulting output shape when using the `"same"` padding option is:' in doc
assert "`output_shape = input_shape`" in doc
words = " ".join(doc.split())
assert "results in padding evenly to the left/right or up/down of the input" in words
assert "such that output has the same height/width dimension as the input" in words

# --8<-- [start:max_ignores_padding]
import keras
import tensorflow as tf

x = -tf.reshape(tf.range(1.0, 26.0), [1, 5, 5, 1])  # -1 ... -25: all negative
pooled = keras.layers.MaxPooling2D(pool_size=2, padding="same")(x)
print("max pool, SAME:")
print(pooled[0, :, :, 0].numpy())

# If SAME padded with zeros that the max could see, the border would read 0:
zero_padded = tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]])
pooled_zeros = keras.layers.MaxPooling2D(pool_size=2, padding="valid")(zero_padded)
print("max pool over explicit zeros:")
print(pooled_zeros[0, :, :, 0].numpy())
# --8<-- [end:max_ignores_padding]


def _pool_reference(image: np.ndarray, n: int, reduce) -> np.ndarray:
    """Pool 2x2/stride 2/SAME over the real cells of each window only."""
    starts = window_starts(n, 2, 2, "same")
    return np.array(
        [[reduce(image[max(r, 0) : r + 2, max(c, 0) : c + 2]) for c in starts] for r in starts]
    )


assert same_padding(5, 2, 2) == (0, 1)  # the zeros added above are exactly SAME's padding
values = x[0, :, :, 0].numpy()
assert np.array_equal(pooled[0, :, :, 0].numpy(), _pool_reference(values, 5, np.max))
assert pooled[0, -1, -1, 0] == -25.0 and pooled_zeros[0, -1, -1, 0] == 0.0
assert np.all(pooled.numpy() < 0)

# --8<-- [start:average_divisor]
import keras
import tensorflow as tf

x = tf.reshape(tf.range(1.0, 26.0), [1, 5, 5, 1])  # 1 ... 25
pooled = keras.layers.AveragePooling2D(pool_size=2, padding="same")(x)
print("average pool, SAME:")
print(pooled[0, :, :, 0].numpy())

# Counting the padded zeros in the divisor instead:
zero_padded = tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]])
with_zeros = keras.layers.AveragePooling2D(pool_size=2, padding="valid")(zero_padded)
print("average over explicit zeros:")
print(with_zeros[0, :, :, 0].numpy())
# --8<-- [end:average_divisor]

values = x[0, :, :, 0].numpy()
assert np.allclose(pooled[0, :, :, 0].numpy(), _pool_reference(values, 5, np.mean))
assert pooled[0, -1, -1, 0] == 25.0  # the corner window holds one real cell: 25 / 1
assert with_zeros[0, -1, -1, 0] == 25.0 / 4  # with the three zeros counted: 25 / 4
assert np.allclose(pooled[0, :2, :2, 0], with_zeros[0, :2, :2, 0])  # no padding, no difference
assert pooled[0, 0, 2, 0] == (5 + 10) / 2 and with_zeros[0, 0, 2, 0] == (5 + 10) / 4
