"""Transposed convolution: output sizes, output_padding, odd sizes
(page: concepts/transposed.md)."""

# --8<-- [start:many_to_one]
import keras

down = keras.layers.Conv2D(1, kernel_size=3, strides=2, padding="same")
for n in [7, 8]:
    print(f"{n}x{n} -> {down(keras.ops.zeros([1, n, n, 1])).shape[1]}")
# --8<-- [end:many_to_one]

import numpy as np
import tensorflow as tf

from snippets.arithmetic import conv_output_size, transposed_output_size

assert conv_output_size(7, 3, 2, "same") == conv_output_size(8, 3, 2, "same") == 4
for n in [7, 8]:
    assert down(keras.ops.zeros([1, n, n, 1])).shape[1] == conv_output_size(n, 3, 2, "same")

# --8<-- [start:output_padding]
import keras

x = keras.ops.zeros([1, 4, 4, 1])
for padding in ["same", "valid"]:
    for output_padding in [None, 0, 1]:
        up = keras.layers.Conv2DTranspose(
            1, kernel_size=3, strides=2, padding=padding, output_padding=output_padding
        )
        print(f"{padding}, output_padding={output_padding}: 4 -> {up(x).shape[1]}")
# --8<-- [end:output_padding]

for padding in ["same", "valid"]:
    for output_padding in [None, 0, 1]:
        up = keras.layers.Conv2DTranspose(
            1, 3, strides=2, padding=padding, output_padding=output_padding
        )
        assert up(x).shape[1] == transposed_output_size(4, 3, 2, padding, output_padding)
assert [transposed_output_size(4, 3, 2, "same", op) for op in [None, 0, 1]] == [8, 7, 8]
# Both transposed sizes map back to 4: the transposed op can only be told which one.
for op in [0, 1]:
    assert conv_output_size(transposed_output_size(4, 3, 2, "same", op), 3, 2, "same") == 4

# --8<-- [start:odd_sizes]
import keras

image = keras.ops.zeros([1, 7, 7, 8])
down = keras.layers.Conv2D(16, 3, strides=2, padding="same")(image)
up_default = keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same")(down)
up_exact = keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same", output_padding=0)(down)
print("down:", down.shape)
print("up, output_padding=None:", up_default.shape)
print("up, output_padding=0:   ", up_exact.shape)
print("skip connection:", keras.layers.Concatenate()([image, up_exact]).shape)
# --8<-- [end:odd_sizes]

assert down.shape[1] == conv_output_size(7, 3, 2, "same")
assert up_default.shape[1] == transposed_output_size(4, 3, 2, "same") == 8
assert up_exact.shape[1] == transposed_output_size(4, 3, 2, "same", 0) == 7
try:
    keras.layers.Concatenate()([image, up_default])
except ValueError as error:
    assert "matching shapes" in str(error)
else:
    raise AssertionError("7x7 and 8x8 maps were concatenated")

# snippet-raises: ValueError
# --8<-- [start:output_padding_rule]
import keras

keras.layers.Conv2DTranspose(1, kernel_size=3, strides=2, output_padding=2)
# --8<-- [end:output_padding_rule]

try:
    transposed_output_size(4, 3, 2, "same", output_padding=2)
except ValueError as error:
    assert "output_padding must be smaller than stride" in str(error)
else:
    raise AssertionError("the arithmetic accepted output_padding == stride")

# --8<-- [start:even_kernel]
import keras
import tensorflow as tf

x = tf.zeros([1, 4, 4, 1])
up = keras.layers.Conv2DTranspose(1, kernel_size=2, strides=2, padding="same", output_padding=0)
print("Keras predicts:", up.compute_output_shape(x.shape))
try:
    up(x)
except tf.errors.InvalidArgumentError as error:
    print("calling it raises", type(error).__name__)
# --8<-- [end:even_kernel]

# The predicted 6 would map back to 3, not 4, under the forward SAME convolution.
assert tuple(up.compute_output_shape(x.shape))[1] == 6
assert conv_output_size(6, 2, 2, "same") == 3
try:
    up(x)
except tf.errors.InvalidArgumentError as error:
    assert "Size of out_backprop doesn't match computed" in str(error)
else:
    raise AssertionError("even-kernel SAME transposed conv with output_padding=0 ran")
for k in [2, 4]:
    try:
        transposed_output_size(4, k, 2, "same", output_padding=0)
    except ValueError as error:
        assert "does not map back" in str(error)
    else:
        raise AssertionError(f"the arithmetic accepted k={k}, same, output_padding=0")
    # With output_padding=None (n * stride) the even kernel works.
    ok = keras.layers.Conv2DTranspose(1, k, strides=2, padding="same")(x)
    assert ok.shape[1] == transposed_output_size(4, k, 2, "same") == 8
assert np.all(np.isfinite(ok.numpy()))

# output_padding = 0 .. s-1 picks each of the s sizes that a SAME stride-s convolution maps to n.
for n in [1, 4, 7]:
    for stride in [2, 3]:
        sources = [
            m for m in range(1, n * stride + 5) if conv_output_size(m, 3, stride, "same") == n
        ]
        ups = [transposed_output_size(n, 3, stride, "same", a) for a in range(stride)]
        assert ups == sources, (n, stride)
