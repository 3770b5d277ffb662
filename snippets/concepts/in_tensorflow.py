"""Padding and stride in TensorFlow: Conv2D's arguments, tf.nn.conv2d, ZeroPadding2D, raw ops
versus layers (page: concepts/in-tensorflow.md).

Not named ``tensorflow.py``: a module of that name could shadow the real package.
"""

# --8<-- [start:lesson_example]
import tensorflow as tf

images = tf.random.normal([1, 28, 28, 3], seed=0)  # one 28x28 RGB image
conv = tf.keras.layers.Conv2D(filters=16, kernel_size=3, strides=2, padding="same")
features = conv(images)
print("output shape:", features.shape)
print("parameters:", conv.count_params())
# --8<-- [end:lesson_example]

from snippets.arithmetic import conv_output_size, same_padding

out = conv_output_size(28, 3, 2, "same")
assert features.shape == (1, out, out, 16) and out == 14
assert conv.count_params() == 3 * 3 * 3 * 16 + 16

# --8<-- [start:conv2d_arguments]
import keras

x = keras.ops.zeros([1, 28, 28, 3])
# strides: one int for both axes, or (vertical, horizontal).
tall = keras.layers.Conv2D(8, 3, strides=(2, 1), padding="same")
print("strides=(2, 1):", tall(x).shape)
# padding: "valid" or "same", in any letter case.
print('padding="SAME":', keras.layers.Conv2D(8, 3, padding="SAME")(x).shape)
# data_format="channels_first" expects (batch, channels, height, width).
first = keras.layers.Conv2D(8, 3, strides=2, padding="same", data_format="channels_first")
print("channels_first:", first.compute_output_shape((1, 3, 28, 28)))
# --8<-- [end:conv2d_arguments]

assert tall(x).shape[1:3] == (
    conv_output_size(28, 3, 2, "same"),
    conv_output_size(28, 3, 1, "same"),
)
assert tuple(first.compute_output_shape((1, 3, 28, 28))) == (1, 8, 14, 14)
# What the page says about the arguments Keras refuses, and about channels_first on a CPU.
try:
    first(keras.ops.zeros([1, 3, 28, 28]))
except tf.errors.UnimplementedError as error:
    assert "only supports the NHWC tensor format on the CPU" in str(error)
else:
    raise AssertionError("channels_first Conv2D ran on the CPU")
try:
    keras.layers.Conv2D(8, 3, padding=1)
except AttributeError as error:
    assert "'int' object has no attribute 'lower'" in str(error)
else:
    raise AssertionError("Conv2D accepted padding=1")
listed = keras.layers.Conv2D(8, 3, padding=[[1, 1], [1, 1]])  # accepted here...
try:
    listed(x)  # ...refused on the first call
except ValueError as error:
    assert "`padding` must be either `'valid'` or `'same'`" in str(error)
else:
    raise AssertionError("Conv2D accepted a list as padding")

# --8<-- [start:same_split]
import tensorflow as tf

# Ones through a 3x3 kernel of ones: each output counts the real cells its window
# read, so the corners show where SAME put its padding.
kernel = tf.ones([3, 3, 1, 1])
for n in [28, 29]:
    counts = tf.nn.conv2d(tf.ones([1, n, n, 1]), kernel, strides=2, padding="SAME")
    counts = counts[0, :, :, 0].numpy().astype(int)
    print(f"n={n}: {counts.shape}, top-left {counts[0, 0]}, bottom-right {counts[-1, -1]}")
# --8<-- [end:same_split]

for n in [28, 29]:
    before, after = same_padding(n, 3, 2)
    counts = tf.nn.conv2d(tf.ones([1, n, n, 1]), kernel, strides=2, padding="SAME")
    counts = counts[0, :, :, 0].numpy().astype(int)
    assert counts[0, 0] == (3 - before) ** 2
    last = (conv_output_size(n, 3, 2, "same") - 1) * 2 - before  # start of the last window
    assert counts[-1, -1] == (n - last) ** 2
assert same_padding(28, 3, 2) == (0, 1) and same_padding(29, 3, 2) == (1, 1)

# --8<-- [start:explicit]
import keras
import numpy as np
import tensorflow as tf

x = tf.constant(np.random.default_rng(0).normal(size=[1, 28, 28, 3]), tf.float32)
w = tf.constant(np.random.default_rng(1).normal(size=[3, 3, 3, 16]), tf.float32)

same = tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME")  # upper case
# The same, with the padding written out: none before, one cell after.
explicit = tf.nn.conv2d(x, w, strides=2, padding=[[0, 0], [0, 1], [0, 1], [0, 0]])

# Keras layers take no amounts: put a ZeroPadding2D before a VALID layer.
pad = keras.layers.ZeroPadding2D(padding=((0, 1), (0, 1)))  # ((top, bottom), (left, right))
conv = keras.layers.Conv2D(16, 3, strides=2, padding="valid", use_bias=False)
conv.build((1, 29, 29, 3))
conv.set_weights([w.numpy()])
layered = conv(pad(x))

print("shapes:", same.shape, explicit.shape, layered.shape)
print("explicit == SAME:", np.allclose(explicit, same, atol=1e-4))
print("ZeroPadding2D + valid == SAME:", np.allclose(layered, same, atol=1e-4))
# --8<-- [end:explicit]

assert same_padding(28, 3, 2) == (0, 1)
assert same.shape == (1, conv_output_size(28, 3, 2, (0, 1)), conv_output_size(28, 3, 2, (0, 1)), 16)
assert np.allclose(explicit, same, atol=1e-4) and np.allclose(layered, same, atol=1e-4)
try:
    tf.nn.conv2d(x, w, strides=2, padding="same")
except tf.errors.InvalidArgumentError as error:
    assert "not in the list of allowed values" in str(error)
else:
    raise AssertionError("tf.nn.conv2d accepted a lower-case padding name")
# strides: an int, or a list of one, two (vertical, horizontal) or four (one per axis) values.
tall = tf.nn.conv2d(x, w, strides=[1, 2, 1, 1], padding="VALID")
assert tall.shape == (1, conv_output_size(28, 3, 2), conv_output_size(28, 3, 1), 16)
assert np.array_equal(tf.nn.conv2d(x, w, strides=[2, 1], padding="VALID"), tall)
assert np.array_equal(
    tf.nn.conv2d(x, w, strides=[2], padding="VALID"), tf.nn.conv2d(x, w, 2, "VALID")
)
try:
    tf.nn.conv2d(x, w, strides=[1, 2, 2], padding="VALID")
except ValueError as error:
    assert "strides should be of length 1, 2 or 4" in str(error)
else:
    raise AssertionError("tf.nn.conv2d accepted three strides")

# --8<-- [start:raw_vs_layer]
import keras
import tensorflow as tf

x = tf.ones([1, 3, 3, 1])  # a 3x3 input...
w = tf.ones([6, 6, 1, 1])  # ...and a 6x6 kernel that cannot fit in it

try:
    keras.layers.Conv2D(1, kernel_size=6, strides=2)(x)
except ValueError as error:
    print("Keras layer:   ValueError:", str(error).split(".")[0])

for stride in [1, 2]:
    try:
        y = tf.nn.conv2d(x, w, strides=stride, padding="VALID")
        print(f"tf.nn.conv2d, stride {stride}: returned a tensor of shape {y.shape}")
    except tf.errors.InvalidArgumentError:
        print(f"tf.nn.conv2d, stride {stride}: InvalidArgumentError")
# --8<-- [end:raw_vs_layer]

try:
    tf.nn.conv2d(x, w, strides=1, padding="VALID")
except tf.errors.InvalidArgumentError as error:
    assert "Computed output size would be negative" in str(error)
else:
    raise AssertionError("tf.nn.conv2d accepted a kernel larger than the input at stride 1")
# With oneDNN off (how this site runs TensorFlow) stride 2 returns an empty tensor, no error.
assert tf.nn.conv2d(x, w, strides=2, padding="VALID").shape == (1, 0, 0, 1)

# --8<-- [start:pooling_eager]
import keras
import tensorflow as tf

x = tf.ones([1, 3, 3, 1])  # a 3x3 input and a 5x5 pool that cannot fit in it
for layer in [keras.layers.MaxPooling2D(5), keras.layers.AveragePooling2D(5)]:
    print(f"{layer.__class__.__name__}, eager: shape {tuple(layer(x).shape)}")
try:
    keras.layers.MaxPooling2D(5)(keras.Input((3, 3, 1)))
except ValueError as error:
    print(f"MaxPooling2D, symbolic keras.Input: {type(error).__name__}")
# --8<-- [end:pooling_eager]

# Eagerly (oneDNN off, as this site runs), any pool larger than the input, at default strides,
# returns the VALID formula's 0 cells; the symbolic call raises.
for pool in range(2, 7):
    for n in range(1, pool):
        assert (n - pool) // pool + 1 == 0
        for layer_class in [keras.layers.MaxPooling2D, keras.layers.AveragePooling2D]:
            assert layer_class(pool)(tf.ones([1, n, n, 1])).shape == (1, 0, 0, 1)
            try:
                layer_class(pool)(keras.Input((n, n, 1)))
            except ValueError as error:
                assert "Computed output size would be zero or negative" in str(error)
            else:
                raise AssertionError(f"{layer_class.__name__} accepted a symbolic input")
        # A convolution layer checks either way.
        for inputs in [tf.ones([1, n, n, 1]), keras.Input((n, n, 1))]:
            try:
                keras.layers.Conv2D(1, pool)(inputs)
            except ValueError as error:
                assert "Computed output size would be zero or negative" in str(error)
            else:
                raise AssertionError("Conv2D accepted a kernel larger than the input")
