"""PyTorch to TensorFlow (page: porting/pytorch-to-tf.md)."""

# --8<-- [start:conv_padding]
import keras
import numpy as np
import torch

torch.manual_seed(0)
conv = torch.nn.Conv2d(3, 4, kernel_size=3, stride=2, padding=1)
x = np.random.default_rng(0).normal(size=(1, 8, 8, 3)).astype(np.float32)  # channels last
expected = conv(torch.from_numpy(x).permute(0, 3, 1, 2)).detach().permute(0, 2, 3, 1).numpy()

# PyTorch (out, in, height, width) -> Keras (height, width, in, out)
weights = [conv.weight.detach().numpy().transpose(2, 3, 1, 0), conv.bias.detach().numpy()]
port = keras.Sequential(
    [
        keras.Input((8, 8, 3)),
        keras.layers.ZeroPadding2D(1),  # PyTorch's padding=1: one cell on every side
        keras.layers.Conv2D(4, 3, strides=2, padding="valid"),
    ]
)
port.layers[-1].set_weights(weights)
naive = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3, 2, padding="same")])
naive.layers[-1].set_weights(weights)

for name, model in [("ZeroPadding2D(1) + valid", port), ('padding="same"', naive)]:
    got = keras.ops.convert_to_numpy(model(x))
    print(f"{name:25} shape {got.shape}, same values: {np.allclose(got, expected, atol=1e-5)}")
# --8<-- [end:conv_padding]

import pytest

from snippets.arithmetic import conv_output_size, padding_amounts, pool_output_size, same_padding

assert expected.shape[1] == conv_output_size(8, 3, 2, 1) == conv_output_size(8, 3, 2, "same")
assert padding_amounts(8, 3, 2, 1) == (1, 1) != same_padding(8, 3, 2) == (0, 1)
assert np.allclose(keras.ops.convert_to_numpy(port(x)), expected, atol=1e-5)
assert not np.allclose(keras.ops.convert_to_numpy(naive(x)), expected, atol=1e-5)

# --8<-- [start:count_include_pad]
import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(size=(1, 8, 8, 3)).astype(np.float32)
x_torch = torch.from_numpy(x).permute(0, 3, 1, 2)
included = torch.nn.AvgPool2d(3, stride=2, padding=1)(x_torch)  # count_include_pad=True
excluded = torch.nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)(x_torch)

pad, pool = keras.layers.ZeroPadding2D(1), keras.layers.AveragePooling2D(3, strides=2)
# count_include_pad=True: the padded zeros are ordinary cells of the window.
with_zeros = pool(pad(x))
# count_include_pad=False: divide by the share of real cells in each window.
without_zeros = with_zeros / pool(pad(np.ones_like(x)))
same = keras.layers.AveragePooling2D(3, strides=2, padding="same")(x)

for name, got, want in [
    ("ZeroPadding2D + pool vs count_include_pad=True", with_zeros, included),
    ("... / pooled ones vs count_include_pad=False", without_zeros, excluded),
    ('padding="same" vs count_include_pad=False', same, excluded),
]:
    got = keras.ops.convert_to_numpy(got)
    want = want.permute(0, 2, 3, 1).numpy()
    print(f"{name}: {got.shape == want.shape and np.allclose(got, want, atol=1e-5)}")
# --8<-- [end:count_include_pad]


def nhwc(t):
    return t.permute(0, 2, 3, 1).numpy()


def nhwc_to_nchw(a):
    return torch.from_numpy(a).permute(0, 3, 1, 2)


def close(a, b):
    a = keras.ops.convert_to_numpy(a)
    return a.shape == b.shape and np.allclose(a, b, atol=1e-5)


assert close(with_zeros, nhwc(included)) and close(without_zeros, nhwc(excluded))
assert not close(same, nhwc(excluded)) and not close(with_zeros, nhwc(excluded))
# Keras' SAME pads (0, 1) at n=8, PyTorch's padding=1 pads (1, 1): same size, other windows.
assert pool_output_size(8, 3, 2, "same") == pool_output_size(8, 3, 2, 1) == 4
assert same_padding(8, 3, 2) == (0, 1)

# --8<-- [start:ceil_mode]
import keras
import numpy as np
import torch

rng = np.random.default_rng(0)
for size, window in [(5, 2), (7, 3)]:
    x = rng.normal(size=(1, size, size, 1)).astype(np.float32)
    pool = torch.nn.MaxPool2d(window, stride=2, ceil_mode=True)
    want = pool(torch.from_numpy(x).permute(0, 3, 1, 2)).permute(0, 2, 3, 1).numpy()
    print(f"{size}x{size}, {window}x{window} windows: PyTorch ceil_mode gives {want.shape[1:3]}")
    for padding in ("valid", "same"):
        got = keras.layers.MaxPooling2D(window, strides=2, padding=padding)(x)
        got = keras.ops.convert_to_numpy(got)
        equal = got.shape == want.shape and np.allclose(got, want)
        print(f"  Keras padding={padding!r:8} gives {got.shape[1:3]}, same values: {equal}")
# --8<-- [end:ceil_mode]

# 5x5, 2x2 windows: ceil_mode adds a last window that starts inside the input; SAME pads
# (0, 1), so its windows start at the same places. 7x7, 3x3: ceil_mode adds no window.
assert pool_output_size(5, 2, 2, "valid") == 2 and pool_output_size(5, 2, 2, "same") == 3
assert padding_amounts(5, 2, 2, "same") == (0, 1)
assert pool_output_size(7, 3, 2, "valid") == 3 and pool_output_size(7, 3, 2, "same") == 4
assert padding_amounts(7, 3, 2, "same") == (1, 1)

rng = np.random.default_rng(0)
for size, window, agrees in [(5, 2, "same"), (7, 3, "valid")]:
    x = rng.normal(size=(1, size, size, 1)).astype(np.float32)
    want = nhwc(torch.nn.MaxPool2d(window, stride=2, ceil_mode=True)(nhwc_to_nchw(x)))
    for padding in ("valid", "same"):
        got = keras.layers.MaxPooling2D(window, strides=2, padding=padding)(x)
        assert close(got, want) == (padding == agrees)

# --8<-- [start:padding_mode]
import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(size=(1, 6, 6, 1)).astype(np.float32)
torch.manual_seed(0)
for mode, keras_mode in [("reflect", "reflect"), ("replicate", "symmetric")]:
    conv = torch.nn.Conv2d(1, 1, 3, padding=1, padding_mode=mode, bias=False)
    want = conv(torch.from_numpy(x).permute(0, 3, 1, 2)).detach().permute(0, 2, 3, 1).numpy()

    # Keras layers pad with zeros only: pad first, then convolve with VALID.
    padded = keras.ops.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], mode=keras_mode)
    valid = keras.layers.Conv2D(1, 3, padding="valid", use_bias=False)
    valid.build(padded.shape)
    valid.set_weights([conv.weight.detach().numpy().transpose(2, 3, 1, 0)])
    got = keras.ops.convert_to_numpy(valid(padded))
    print(
        f"padding_mode={mode!r}: keras.ops.pad(mode={keras_mode!r}) + VALID, "
        f"same values: {np.allclose(got, want, atol=1e-5)}"
    )
# --8<-- [end:padding_mode]

# With one cell of padding, mirroring the edge cell (SYMMETRIC) repeats it: that is replicate.
# From two cells on they differ, and zeros differ from both.
assert np.allclose(got, want, atol=1e-5)
wide = torch.nn.functional.pad(torch.from_numpy(x).permute(0, 3, 1, 2), (2, 2, 2, 2), "replicate")
symmetric = keras.ops.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]], mode="symmetric")
assert not np.allclose(wide.permute(0, 2, 3, 1).numpy(), keras.ops.convert_to_numpy(symmetric))
# The default is zeros, and circular is the fourth mode.
assert torch.nn.Conv2d(1, 1, 3).padding_mode == "zeros"
assert torch.nn.Conv2d(1, 1, 3, padding=1, padding_mode="circular")(torch.zeros(1, 1, 4, 4)).shape
with pytest.raises(ValueError, match="padding_mode"):
    torch.nn.Conv2d(1, 1, 3, padding=1, padding_mode="edge")
