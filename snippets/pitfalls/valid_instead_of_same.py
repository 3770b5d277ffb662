"""Pitfall: VALID where SAME was meant (page: pitfalls/valid-instead-of-same.md)."""

# snippet-raises: ValueError
# --8<-- [start:wrong]
import keras

x = keras.random.normal([1, 8, 8, 4], seed=0)
conv = keras.layers.Conv2D(4, kernel_size=3)  # padding defaults to "valid"
keras.layers.Add()([x, conv(x)])  # a residual connection: x + f(x)
# --8<-- [end:wrong]

# --8<-- [start:fix]
import keras

x = keras.random.normal([1, 8, 8, 4], seed=0)
conv = keras.layers.Conv2D(4, kernel_size=3, padding="same")
out = keras.layers.Add()([x, conv(x)])
print(tuple(x.shape), "+", tuple(conv(x).shape), "->", tuple(out.shape))
# --8<-- [end:fix]

from snippets.arithmetic import conv_output_size

assert conv_output_size(8, 3) == 6 and conv_output_size(8, 3, padding="same") == 8
assert tuple(out.shape) == (1, 8, 8, 4)
assert keras.layers.Conv2D(1, 3).get_config()["padding"] == "valid"  # the default
for layer in [
    keras.layers.Conv1D(1, 3),
    keras.layers.Conv2DTranspose(1, 3),
    keras.layers.MaxPooling2D(2),
    keras.layers.AveragePooling2D(2),
]:
    assert layer.get_config()["padding"] == "valid", layer
