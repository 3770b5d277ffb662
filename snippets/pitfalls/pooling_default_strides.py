"""Pitfall: pooling strides default to the pool size (page: pitfalls/pooling-default-strides.md)."""

# --8<-- [start:defaults]
import keras

x = keras.ops.zeros([1, 8, 8, 1])
for name, layer in [
    ("MaxPooling2D(2)", keras.layers.MaxPooling2D(2)),
    ("MaxPooling2D(2, strides=1)", keras.layers.MaxPooling2D(2, strides=1)),
    ("MaxPooling2D(3)", keras.layers.MaxPooling2D(3)),
    ("MaxPooling2D(3, strides=1, padding='same')", keras.layers.MaxPooling2D(3, 1, "same")),
    ("AveragePooling2D(2, padding='same')", keras.layers.AveragePooling2D(2, padding="same")),
]:
    print(f"{name:44} strides={layer.strides} -> {tuple(layer(x).shape)}")
# --8<-- [end:defaults]

from snippets.arithmetic import pool_output_size

cases = [(2, None, "valid"), (2, 1, "valid"), (3, None, "valid"), (3, 1, "same"), (2, None, "same")]
layers = [
    keras.layers.MaxPooling2D(2),
    keras.layers.MaxPooling2D(2, strides=1),
    keras.layers.MaxPooling2D(3),
    keras.layers.MaxPooling2D(3, 1, "same"),
    keras.layers.AveragePooling2D(2, padding="same"),
]
for (pool, stride, padding), layer in zip(cases, layers, strict=True):
    assert layer(x).shape[1] == pool_output_size(8, pool, stride, padding)
    assert layer.strides == (stride or pool,) * 2
# The docstring claim this page corrects is still in the installed Keras.
assert "`output_shape = input_shape`" in keras.layers.AveragePooling2D.__doc__
assert pool_output_size(8, 2, padding="same") != 8
