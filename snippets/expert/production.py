"""Production patterns (page: expert/production-patterns.md)."""

# --8<-- [start:check_shapes]
import keras

model = keras.Sequential(
    [
        keras.Input(shape=(225, 225, 3)),  # an odd size on purpose
        keras.layers.Conv2D(32, 3, strides=2, padding="same"),
        keras.layers.Conv2D(64, 3, strides=2, padding="same"),
        keras.layers.Conv2D(64, 3, strides=2, padding="valid"),
        keras.layers.MaxPooling2D(2),
    ]
)
for layer in model.layers:
    print(f"{layer.__class__.__name__:13} -> {layer.output.shape}")
# --8<-- [end:check_shapes]

from snippets.arithmetic import conv_output_size, pool_output_size

n = conv_output_size(conv_output_size(225, 3, 2, "same"), 3, 2, "same")
n = pool_output_size(conv_output_size(n, 3, 2), 2)
assert model.output_shape == (None, n, n, 64)

# --8<-- [start:reflection_padding]
import keras


class ReflectionPadding2D(keras.layers.Layer):
    """Mirror `pad` cells onto each side of height and width (no edge repeat)."""

    def __init__(self, pad=1, **kwargs):
        super().__init__(**kwargs)
        self.pad = pad

    def call(self, x):
        p = self.pad
        return keras.ops.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], mode="reflect")


x = keras.ops.reshape(keras.ops.arange(1.0, 10.0), [1, 3, 3, 1])
block = keras.Sequential([ReflectionPadding2D(1), keras.layers.Conv2D(1, 3, padding="valid")])
print(keras.ops.convert_to_numpy(ReflectionPadding2D(1)(x))[0, :, :, 0])
print("block output:", tuple(block(x).shape))
# --8<-- [end:reflection_padding]

import numpy as np

assert np.array_equal(
    keras.ops.convert_to_numpy(ReflectionPadding2D(1)(x))[0, :, :, 0],
    np.pad(np.arange(1.0, 10.0).reshape(3, 3), 1, mode="reflect"),
)
assert block(x).shape[1] == conv_output_size(3, 3, padding=(1, 1)) == 3
