"""Myth: average pooling counts the padded zeros (page: myths/avg-pool-counts-padding.md)."""

# --8<-- [start:avg_pool_same]
import keras
import numpy as np

image = np.arange(1, 26, dtype=np.float32).reshape(1, 5, 5, 1)  # 1..25

same = keras.layers.AveragePooling2D(pool_size=2, padding="same")(image)
# What you would get if the padded zeros were averaged in:
zeros = keras.layers.ZeroPadding2D(padding=((0, 1), (0, 1)))(image)
with_zeros = keras.layers.AveragePooling2D(pool_size=2, padding="valid")(zeros)

print("padding='same':")
print(keras.ops.convert_to_numpy(same)[0, :, :, 0])
print("zeros counted:")
print(keras.ops.convert_to_numpy(with_zeros)[0, :, :, 0])
# --8<-- [end:avg_pool_same]

from snippets.arithmetic import pool_output_size, same_padding, window_starts

assert same_padding(5, 2, 2) == (0, 1)  # the zeros added above are exactly SAME's padding
assert same.shape[1] == pool_output_size(5, 2, padding="same") == with_zeros.shape[1]
grid = image[0, :, :, 0]
starts = window_starts(5, 2, 2, "same")
expected = [[grid[r : r + 2, c : c + 2].mean() for c in starts] for r in starts]
assert np.allclose(keras.ops.convert_to_numpy(same)[0, :, :, 0], expected)
assert keras.ops.convert_to_numpy(same)[0, -1, -1, 0] == 25.0
assert keras.ops.convert_to_numpy(with_zeros)[0, -1, -1, 0] == 25.0 / 4
