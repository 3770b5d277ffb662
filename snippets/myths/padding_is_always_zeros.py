"""Myth: padding always adds zeros (page: myths/padding-is-always-zeros.md)."""

# --8<-- [start:pad_modes]
import tensorflow as tf

row = tf.constant([1, 2, 3, 4])
for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
    print(f"{mode:9}", tf.pad(row, [[2, 2]], mode=mode).numpy())
print("CONSTANT, constant_values=9:", tf.pad(row, [[2, 2]], constant_values=9).numpy())
# --8<-- [end:pad_modes]

assert tf.pad(row, [[2, 2]], mode="REFLECT").numpy().tolist() == [3, 2, 1, 2, 3, 4, 3, 2]
assert tf.pad(row, [[2, 2]], mode="SYMMETRIC").numpy().tolist() == [2, 1, 1, 2, 3, 4, 4, 3]

# --8<-- [start:max_pool_ignores_padding]
import keras
import numpy as np

values = np.array([-5.0, -4.0, -3.0, -2.0, -1.0], dtype=np.float32).reshape(1, 5, 1)

same = keras.layers.MaxPooling1D(pool_size=3, strides=1, padding="same")(values)
# The same windows over an input padded with real zeros:
zeros = keras.layers.ZeroPadding1D(padding=1)(values)
zero_padded = keras.layers.MaxPooling1D(pool_size=3, strides=1, padding="valid")(zeros)

print("padding='same':   ", keras.ops.convert_to_numpy(same).ravel())
print("zeros, then valid:", keras.ops.convert_to_numpy(zero_padded).ravel())
# --8<-- [end:max_pool_ignores_padding]

from snippets.arithmetic import same_padding, window_starts

# Padding (1, 1) is exactly what SAME adds here, so the only difference is what the pad holds.
assert same_padding(5, 3) == (1, 1)
expected = [max(values.ravel()[max(s, 0) : s + 3]) for s in window_starts(5, 3, padding="same")]
assert keras.ops.convert_to_numpy(same).ravel().tolist() == expected
assert keras.ops.convert_to_numpy(zero_padded).ravel().tolist() == [0.0, -3.0, -2.0, -1.0, 0.0]

# snippet-raises: ValueError
# --8<-- [start:no_edge_mode]
import tensorflow as tf

# NumPy's mode="edge" (PyTorch's "replicate") repeats the outermost cell. tf.pad has no such mode.
tf.pad(tf.constant([1, 2, 3, 4]), [[2, 2]], mode="EDGE")
# --8<-- [end:no_edge_mode]

# SYMMETRIC repeats the edge cell, so for one cell of padding it is replication; not beyond.
row = tf.constant([1, 2, 3, 4])


def edge(pad: int) -> tf.Tensor:
    """Replicate padding: every padded cell reads the nearest edge cell."""
    return tf.gather(row, tf.clip_by_value(tf.range(-pad, 4 + pad), 0, 3))


assert tf.pad(row, [[1, 1]], mode="SYMMETRIC").numpy().tolist() == edge(1).numpy().tolist()
assert tf.pad(row, [[2, 2]], mode="SYMMETRIC").numpy().tolist() != edge(2).numpy().tolist()

# Keras convolutions offer no padding mode to choose: only the padding name.
import inspect

for layer in [keras.layers.Conv1D, keras.layers.Conv2D, keras.layers.Conv3D]:
    assert "padding_mode" not in inspect.signature(layer).parameters
