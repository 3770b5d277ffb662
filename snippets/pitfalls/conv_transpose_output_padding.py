"""Pitfall: Conv2DTranspose and output_padding (page: pitfalls/conv-transpose-output-padding.md)."""

# --8<-- [start:table]
import keras

x = keras.ops.zeros([1, 4, 4, 1])
for padding in ["valid", "same"]:
    sizes = {}
    for output_padding in [None, 0, 1]:
        layer = keras.layers.Conv2DTranspose(
            1, kernel_size=3, strides=2, padding=padding, output_padding=output_padding
        )
        sizes[output_padding] = layer(x).shape[1]
    print(f"padding={padding!r:7} output_padding None / 0 / 1 -> {list(sizes.values())}")
# --8<-- [end:table]

from snippets.arithmetic import conv_output_size, transposed_output_size

for padding in ["valid", "same"]:
    for output_padding in [None, 0, 1]:
        layer = keras.layers.Conv2DTranspose(
            1, kernel_size=3, strides=2, padding=padding, output_padding=output_padding
        )
        got = layer(x).shape[1]
        assert got == transposed_output_size(4, 3, 2, padding, output_padding), (padding, got)
        # Every size here is one the forward convolution maps back to 4.
        assert conv_output_size(got, 3, 2, padding) == 4

# snippet-raises: ValueError
# --8<-- [start:too_large]
import keras

keras.layers.Conv2DTranspose(1, kernel_size=3, strides=2, output_padding=2)
# --8<-- [end:too_large]

# snippet-raises: tensorflow.errors.InvalidArgumentError
# --8<-- [start:even_kernel]
import keras

x = keras.ops.zeros([1, 4, 4, 1])
kernel = keras.ops.ones([2, 2, 1, 1])  # an even kernel: 2x2
# The operation Conv2DTranspose(1, 2, strides=2, padding="same", output_padding=0) runs:
keras.ops.conv_transpose(x, kernel, strides=2, padding="same", output_padding=0)
# --8<-- [end:even_kernel]

import pytest
import tensorflow as tf

# The layer fails like the operation it runs, and the arithmetic refuses the size up front.
layer = keras.layers.Conv2DTranspose(1, 2, strides=2, padding="same", output_padding=0)
with pytest.raises(tf.errors.InvalidArgumentError, match="Size of out_backprop doesn't match"):
    layer(keras.ops.zeros([1, 4, 4, 1]))
with pytest.raises(ValueError, match="does not map back"):
    transposed_output_size(4, 2, 2, "same", output_padding=0)
for op, size in [(None, 8), (1, 7)]:
    layer = keras.layers.Conv2DTranspose(1, 2, strides=2, padding="same", output_padding=op)
    assert layer(keras.ops.zeros([1, 4, 4, 1])).shape[1] == size
    assert transposed_output_size(4, 2, 2, "same", op) == size
# Nothing is checked when the layer is built or called on a symbolic input: it reports size 6.
layer = keras.layers.Conv2DTranspose(1, 2, strides=2, padding="same", output_padding=0)
layer.build((1, 4, 4, 1))
assert tuple(layer.compute_output_shape((1, 4, 4, 1))) == (1, 6, 6, 1)
assert layer(keras.Input((4, 4, 1))).shape == (None, 6, 6, 1)
