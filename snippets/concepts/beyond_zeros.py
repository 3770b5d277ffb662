"""Beyond zeros: padding modes, a replicate-padding recipe, and dilation
(page: concepts/beyond-zeros.md)."""

# --8<-- [start:pad_modes]
import tensorflow as tf

row = tf.constant([1, 2, 3])
two_each_side = [[2, 2]]  # one [before, after] pair per axis
print("CONSTANT 0 ", tf.pad(row, two_each_side).numpy())
print("CONSTANT -1", tf.pad(row, two_each_side, constant_values=-1).numpy())
print("REFLECT    ", tf.pad(row, two_each_side, mode="REFLECT").numpy())
print("SYMMETRIC  ", tf.pad(row, two_each_side, mode="SYMMETRIC").numpy())
# --8<-- [end:pad_modes]

import numpy as np

# NumPy's modes of the same names are the reference: "reflect" skips the edge, "symmetric"
# repeats it.
for mode, np_mode in [("REFLECT", "reflect"), ("SYMMETRIC", "symmetric")]:
    ours = tf.pad(row, two_each_side, mode=mode).numpy()
    assert ours.tolist() == np.pad(row.numpy(), 2, mode=np_mode).tolist(), mode
assert tf.pad(row, two_each_side, constant_values=-1).numpy().tolist() == [-1, -1, 1, 2, 3, -1, -1]

# snippet-raises: tensorflow.errors.InvalidArgumentError
# --8<-- [start:reflect_limit]
import tensorflow as tf

row = tf.constant([1, 2, 3])
tf.pad(row, [[3, 3]], mode="REFLECT")  # a mirror of 3 cells has only 2 to reflect
# --8<-- [end:reflect_limit]

# The limits: REFLECT needs pad <= dim - 1, SYMMETRIC pad <= dim.
for n in [2, 3, 4, 5]:
    cells = tf.range(n)
    for mode, limit in [("REFLECT", n - 1), ("SYMMETRIC", n)]:
        assert tf.pad(cells, [[limit, limit]], mode=mode).shape == (n + 2 * limit,)
        try:
            tf.pad(cells, [[limit + 1, 0]], mode=mode)
        except tf.errors.InvalidArgumentError as error:
            assert "paddings must be" in str(error)
        else:
            raise AssertionError(f"{mode} padded {n} cells by {limit + 1}")
try:
    tf.pad(row, [[2, 2]], mode="EDGE")
except ValueError as error:
    assert "EDGE" in str(error)
else:
    raise AssertionError("tf.pad has an EDGE mode")

# --8<-- [start:replicate_pad]
import tensorflow as tf


def replicate_pad(images, pad):
    """Pad the height and width of a (batch, height, width, channels) tensor by repeating
    its edge cells. ``pad`` is ((top, bottom), (left, right)); any size works."""
    (top, bottom), (left, right) = pad
    height, width = tf.shape(images)[1], tf.shape(images)[2]
    # Index -1 and below clip to 0, index height and above to height - 1: the edge repeats.
    rows = tf.clip_by_value(tf.range(-top, height + bottom), 0, height - 1)
    cols = tf.clip_by_value(tf.range(-left, width + right), 0, width - 1)
    return tf.gather(tf.gather(images, rows, axis=1), cols, axis=2)


image = tf.reshape(tf.range(1, 7), [1, 2, 3, 1])  # [[1 2 3], [4 5 6]]
print(replicate_pad(image, ((1, 2), (3, 1)))[0, :, :, 0].numpy())
# --8<-- [end:replicate_pad]

rng = np.random.default_rng(0)
for shape, pad in [
    ((1, 2, 3, 1), ((1, 2), (3, 1))),
    ((2, 5, 4, 3), ((0, 0), (0, 0))),
    ((1, 3, 3, 2), ((5, 4), (7, 6))),  # wider than the image: beyond REFLECT and SYMMETRIC
    ((1, 1, 1, 1), ((2, 2), (2, 2))),
]:
    data = rng.normal(size=shape).astype(np.float32)
    expected = np.pad(data, ((0, 0), *pad, (0, 0)), mode="edge")
    assert np.array_equal(replicate_pad(tf.constant(data), pad).numpy(), expected), (shape, pad)

# --8<-- [start:edge_effect]
import tensorflow as tf

flat = tf.ones([1, 5, 5, 1])  # a uniformly grey image
box_blur = tf.ones([3, 3, 1, 1]) / 9.0  # the average of a 3x3 neighbourhood
for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
    padded = tf.pad(flat, [[0, 0], [1, 1], [1, 1], [0, 0]], mode=mode)
    blurred = tf.nn.conv2d(padded, box_blur, strides=1, padding="VALID")
    print(f"{mode:9} top row: {blurred[0, 0, :, 0].numpy().round(3)}")
# --8<-- [end:edge_effect]

for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
    padded = tf.pad(flat, [[0, 0], [1, 1], [1, 1], [0, 0]], mode=mode)
    blurred = tf.nn.conv2d(padded, box_blur, strides=1, padding="VALID")[0, :, :, 0].numpy()
    if mode == "CONSTANT":
        # Zeros are read as black: the corner averages 4 real cells of 9, the edge 6 of 9.
        assert np.isclose(blurred[0, 0], 4 / 9) and np.isclose(blurred[0, 2], 6 / 9)
        assert np.isclose(blurred[2, 2], 1.0)
    else:
        assert np.allclose(blurred, 1.0), mode
replicated = replicate_pad(flat, ((1, 1), (1, 1)))
assert np.allclose(tf.nn.conv2d(replicated, box_blur, 1, "VALID"), 1.0)
# With one cell of padding, SYMMETRIC and replicate coincide (both repeat the edge once).
ramp = tf.reshape(tf.range(12.0), [1, 3, 4, 1])
assert np.array_equal(
    tf.pad(ramp, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="SYMMETRIC"),
    replicate_pad(ramp, ((1, 1), (1, 1))),
)

# --8<-- [start:mode_in_model]
import keras
import tensorflow as tf


class ReflectionPadding2D(keras.layers.Layer):
    """Mirror-pad height and width by ``pad`` cells on every side."""

    def __init__(self, pad, **kwargs):
        super().__init__(**kwargs)
        self.pad = pad

    def call(self, images):
        p = self.pad
        return tf.pad(images, [[0, 0], [p, p], [p, p], [0, 0]], mode="REFLECT")


model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 3)),
        ReflectionPadding2D(1),
        keras.layers.Conv2D(16, kernel_size=3, padding="valid"),  # the padding is done
    ]
)
print([layer.output.shape for layer in model.layers])
# --8<-- [end:mode_in_model]

from snippets.arithmetic import conv_output_size, effective_kernel_size, window_starts

assert model.layers[-1].output.shape[1] == conv_output_size(28, 3, padding=(1, 1)) == 28
assert model(tf.ones([2, 28, 28, 3])).shape == (2, 28, 28, 16)

# --8<-- [start:dilated_taps]
import tensorflow as tf

impulse = tf.reshape(tf.one_hot(4, 9), [1, 9, 1])  # a single 1 in the middle of 9 cells
kernel = tf.ones([3, 1, 1])
for dilation in [1, 2, 3]:
    seen = tf.nn.conv1d(impulse, kernel, stride=1, padding="SAME", dilations=dilation)
    print(f"dilation {dilation}: {seen.numpy().ravel().astype(int).tolist()}")
# --8<-- [end:dilated_taps]

for dilation in [1, 2, 3]:
    seen = tf.nn.conv1d(impulse, kernel, 1, "SAME", dilations=dilation).numpy().ravel()
    starts = window_starts(9, 3, 1, "same", dilation)
    # Output i sees the impulse iff one of its 3 taps, `dilation` cells apart, lands on index 4.
    expected = [int(4 in range(s, s + 3 * dilation, dilation)) for s in starts]
    assert seen.astype(int).tolist() == expected, dilation
    # The ones spread over exactly the effective kernel.
    ones = np.flatnonzero(seen)
    assert ones[-1] - ones[0] + 1 == effective_kernel_size(3, dilation)

# --8<-- [start:dilated_sizes]
import keras

x = keras.ops.zeros([1, 9, 9, 1])
for dilation in [1, 2, 3]:
    sizes = {}
    for padding in ["valid", "same"]:
        conv = keras.layers.Conv2D(1, 3, dilation_rate=dilation, padding=padding)
        sizes[padding] = conv(x).shape[1]
    print(f"dilation {dilation}: valid {sizes['valid']}, same {sizes['same']}")
# --8<-- [end:dilated_sizes]

for dilation in [1, 2, 3]:
    for padding in ["valid", "same"]:
        conv = keras.layers.Conv2D(1, 3, dilation_rate=dilation, padding=padding)
        assert conv(x).shape[1] == conv_output_size(9, 3, 1, padding, dilation)

# snippet-raises: ValueError
# --8<-- [start:stride_dilation_keras]
import keras

keras.layers.Conv2D(1, kernel_size=3, strides=2, dilation_rate=2, padding="same")
# --8<-- [end:stride_dilation_keras]

# --8<-- [start:stride_dilation_raw]
import tensorflow as tf

x = tf.ones([1, 9, 9, 1])
w = tf.ones([3, 3, 1, 1])
y = tf.nn.conv2d(x, w, strides=2, padding="SAME", dilations=2)
print(y.shape)
# --8<-- [end:stride_dilation_raw]

assert y.shape[1] == conv_output_size(9, 3, 2, "same", 2) == 5
# For this input, it is the stride-1 dilated output sampled every second cell.
a = tf.constant(rng.normal(size=[1, 9, 9, 1]), tf.float32)
b = tf.constant(rng.normal(size=[3, 3, 1, 1]), tf.float32)
strided = tf.nn.conv2d(a, b, strides=2, padding="SAME", dilations=2)
dense = tf.nn.conv2d(a, b, strides=1, padding="SAME", dilations=2)
assert np.allclose(strided, dense[:, ::2, ::2], atol=1e-5)
# tf.nn.convolution and keras.ops.conv refuse it like the layers do.
for call in (
    lambda: tf.nn.convolution(x, w, strides=2, padding="SAME", dilations=2),
    lambda: keras.ops.conv(x, w, strides=2, padding="same", dilation_rate=2),
):
    try:
        call()
    except ValueError as error:
        assert "not supported in conjunction with" in str(error)
    else:
        raise AssertionError("stride 2 with dilation 2 was accepted")

# Which Keras layers refuse it (Keras 3.15): the plain and transposed convolutions; the
# depthwise and separable ones run it.
from snippets.keras_layers import check_stride_with_dilation

check_stride_with_dilation()
# The depthwise layer computes what tf.nn.conv2d computes.
depthwise = keras.layers.DepthwiseConv2D(
    3, strides=2, dilation_rate=2, padding="same", use_bias=False
)
assert np.allclose(
    depthwise(a), tf.nn.conv2d(a, depthwise.get_weights()[0], 2, "SAME", dilations=2), atol=1e-5
)

# The page's other claims: no padding-mode argument on Keras layers, a 2x2 map reflects by one
# cell only, and the replicate recipe has a gradient.
import inspect

for layer_class in [keras.layers.Conv1D, keras.layers.Conv2D, keras.layers.Conv3D]:
    assert "padding_mode" not in inspect.signature(layer_class).parameters
small = tf.ones([1, 2, 2, 1])
assert tf.pad(small, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT").shape == (1, 4, 4, 1)
try:
    tf.pad(small, [[0, 0], [2, 2], [2, 2], [0, 0]], mode="REFLECT")
except tf.errors.InvalidArgumentError:
    pass
else:
    raise AssertionError("a 2x2 map was reflect-padded by 2")
with tf.GradientTape() as tape:
    tape.watch(small)
    total = tf.reduce_sum(replicate_pad(small, ((1, 1), (1, 1))))
# Each of the 4 cells of a 2x2 map appears 4 times in its 4x4 replicate-padded version.
assert tape.gradient(total, small).numpy().ravel().tolist() == [4.0] * 4
