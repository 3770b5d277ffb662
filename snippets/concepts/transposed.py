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

# --8<-- [start:stride_1]
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
for k, p, n in [(3, 0, 3), (3, 1, 5), (3, 2, 7), (4, 2, 6)]:
    x = rng.normal(size=(1, n, n, 2)).astype("float32")
    w = rng.normal(size=(k, k, 3, 2)).astype("float32")  # (k, k, out, in)
    size = n + k - 1 - 2 * p
    up = tf.nn.conv2d_transpose(
        x, w, [1, size, size, 3], strides=1, padding=[[0, 0], [p, p], [p, p], [0, 0]]
    )
    q = k - 1 - p
    flipped = tf.transpose(w[::-1, ::-1], [0, 1, 3, 2])  # (k, k, in, out)
    conv = tf.nn.conv2d(x, flipped, strides=1, padding=[[0, 0], [q, q], [q, q], [0, 0]])
    print(
        f"k={k}, p={p}: {n}x{n} -> {up.shape[1]}x{up.shape[2]}; "
        f"conv padded by {q}: {conv.shape[1]}x{conv.shape[2]}, "
        f"equal: {np.allclose(up, conv, atol=1e-5)}"
    )
# --8<-- [end:stride_1]


def _explicit(p: int) -> list[list[int]]:
    return [[0, 0], [p, p], [p, p], [0, 0]]


def _transpose_and_conv(n: int, k: int, p: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """conv2d_transpose with padding p, and the stride-1 conv2d with padding k - 1 - p of the
    flipped, in/out-swapped kernel, on the same random input and kernel."""
    gen = np.random.default_rng(seed)
    x = gen.normal(size=(1, n, n, 2)).astype("float32")
    w = gen.normal(size=(k, k, 3, 2)).astype("float32")
    size = transposed_output_size(n, k, 1, p)
    up = tf.nn.conv2d_transpose(x, w, [1, size, size, 3], strides=1, padding=_explicit(p))
    flipped = tf.transpose(w[::-1, ::-1], [0, 1, 3, 2])
    conv = tf.nn.conv2d(x, flipped, strides=1, padding=_explicit(k - 1 - p))
    return up.numpy(), conv.numpy()


# The shown cases: each is the transpose of a stride-1 convolution that maps 5x5 to n x n with
# padding p (the animations' configurations), and brings n x n back to 5x5.
shown = [(3, 0, 3), (3, 1, 5), (3, 2, 7), (4, 2, 6)]
for k, p, n in shown:
    assert conv_output_size(5, k, 1, p) == n
    assert transposed_output_size(n, k, 1, p) == n + k - 1 - 2 * p == 5
    assert conv_output_size(n, k, 1, k - 1 - p) == 5
    up, conv = _transpose_and_conv(n, k, p, seed=k * 10 + p)
    assert up.shape == conv.shape == (1, 5, 5, 3)
    assert np.allclose(up, conv, atol=1e-5)
# Half padding stays half, full becomes none, none becomes full.
assert [k - 1 - p for k, p, _ in shown] == [2, 1, 0, 1]
for k in [1, 3, 5, 7]:
    half, full = (k - 1) // 2, k - 1
    assert (k - 1 - 0, k - 1 - half, k - 1 - full) == (full, half, 0)
    # Half padding keeps the size, both ways.
    assert conv_output_size(9, k, 1, half) == transposed_output_size(9, k, 1, half) == 9

# The rule holds for every kernel size and padding tried, not just the shown ones.
for k in [1, 2, 3, 4, 5]:
    for p in range(k):
        smallest = max(1, 2 * p - k + 2)  # the smallest n with an output
        for n in [smallest, smallest + 1, smallest + 4]:
            up, conv = _transpose_and_conv(n, k, p, seed=100 * k + 10 * p + n)
            size = transposed_output_size(n, k, 1, p)
            assert size == n + k - 1 - 2 * p == conv_output_size(n, k, 1, k - 1 - p)
            assert up.shape[1] == conv.shape[1] == size, (k, p, n)
            assert np.allclose(up, conv, atol=1e-4), (k, p, n)

# conv2d_transpose with padding p is the transpose (adjoint) of conv2d with padding p and the
# same kernel: <conv(z), x> == <z, conv_transpose(x)>.
for k, p, n in shown:
    gen = np.random.default_rng(k + p)
    z = gen.normal(size=(1, 5, 5, 3)).astype("float32")
    x = gen.normal(size=(1, n, n, 2)).astype("float32")
    w = gen.normal(size=(k, k, 3, 2)).astype("float32")
    forward = tf.nn.conv2d(z, w, strides=1, padding=_explicit(p)).numpy()
    back = tf.nn.conv2d_transpose(x, w, z.shape, strides=1, padding=_explicit(p)).numpy()
    assert np.isclose(np.sum(forward * x), np.sum(z * back), rtol=1e-4)

# Keras Conv2DTranspose at stride 1: "valid" is p = 0, and "same" with an odd kernel is
# p = (k - 1) / 2.
for k in [1, 3, 5]:
    for padding, p in [("valid", 0), ("same", (k - 1) // 2)]:
        gen = np.random.default_rng(k)
        x = gen.normal(size=(1, 6, 6, 2)).astype("float32")
        w = gen.normal(size=(k, k, 3, 2)).astype("float32")
        layer = keras.layers.Conv2DTranspose(3, k, strides=1, padding=padding, use_bias=False)
        layer.build(x.shape)
        layer.kernel.assign(w)
        size = transposed_output_size(6, k, 1, p)
        reference = tf.nn.conv2d_transpose(x, w, [1, size, size, 3], 1, padding=_explicit(p))
        assert np.allclose(layer(x), reference, atol=1e-5), (k, padding)
