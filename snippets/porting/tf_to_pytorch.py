"""TensorFlow to PyTorch, with weights (page: porting/tf-to-pytorch.md)."""

import itertools

import numpy as np

from snippets.arithmetic import (
    conv_output_size,
    pool_output_size,
    same_padding,
    transposed_output_size,
)

# snippet-saved-as: tf_same.py
# --8<-- [start:tf_same]
"""TensorFlow's padding="same" for PyTorch layers, at any stride and for any input size."""

import math

import torch
import torch.nn.functional as F
from torch import nn


def same_pads(size, kernel, stride, dilation=1):
    """TensorFlow's SAME padding along one axis, as (before, after): the odd cell goes after."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def pad_same(x, kernel, stride, dilation=(1, 1), value=0.0):
    """Pad an NCHW tensor as TensorFlow's SAME would; a VALID layer then gives TF's result."""
    height, width = x.shape[-2:]
    top, bottom = same_pads(height, kernel[0], stride[0], dilation[0])
    left, right = same_pads(width, kernel[1], stride[1], dilation[1])
    return F.pad(x, (left, right, top, bottom), value=value)


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


class Conv2dSame(nn.Conv2d):
    """nn.Conv2d with Keras' padding="same"."""

    def forward(self, x):
        x = pad_same(x, self.kernel_size, self.stride, self.dilation)
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


class MaxPool2dSame(nn.MaxPool2d):
    """nn.MaxPool2d with Keras' padding="same": padded cells are never the maximum."""

    def forward(self, x):
        k, s = _pair(self.kernel_size), _pair(self.stride)
        return F.max_pool2d(pad_same(x, k, s, value=-math.inf), k, s)


class AvgPool2dSame(nn.AvgPool2d):
    """nn.AvgPool2d with Keras' padding="same": padded cells are left out of the divisor."""

    def forward(self, x):
        k, s = _pair(self.kernel_size), _pair(self.stride)
        sums = F.avg_pool2d(pad_same(x, k, s), k, s)
        real = F.avg_pool2d(pad_same(torch.ones_like(x[:1, :1]), k, s), k, s)
        return sums / real


class ConvTranspose2dSame(nn.ConvTranspose2d):
    """nn.ConvTranspose2d with Keras' padding="same": the output is input size x stride."""

    def forward(self, x):
        y = F.conv_transpose2d(x, self.weight, None, self.stride, 0, 0, self.groups, self.dilation)
        crops = []
        for axis in (-1, -2):  # F.pad wants the last axis first
            out = x.shape[axis] * self.stride[axis]
            k, s, d = self.kernel_size[axis], self.stride[axis], self.dilation[axis]
            before, _ = same_pads(out, k, s, d)
            # A negative amount crops; when the kernel is smaller than the stride, the result
            # is shorter than out and TensorFlow fills the rest (zeros, then the bias).
            crops += [-before, out - (y.shape[axis] - before)]
        y = F.pad(y, crops)
        return y if self.bias is None else y + self.bias.view(1, -1, 1, 1)


# --8<-- [end:tf_same]

# The module's one formula against the site's arithmetic, the single home of the formulas.
for n, k, s, d in itertools.product(range(1, 41), range(1, 8), range(1, 5), range(1, 4)):
    assert same_pads(n, k, s, d) == same_padding(n, k, s, d), (n, k, s, d)

# --8<-- [start:port]
import keras
import numpy as np
import torch
from tf_same import AvgPool2dSame, Conv2dSame, ConvTranspose2dSame, MaxPool2dSame
from torch import nn

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((12, 12, 3)),
        keras.layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(3, strides=2, padding="same"),
        keras.layers.AveragePooling2D(2, padding="same"),
        keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same"),
    ]
)
port = nn.Sequential(
    Conv2dSame(3, 8, 3, stride=2),
    nn.ReLU(),
    MaxPool2dSame(3, stride=2),
    AvgPool2dSame(2),
    ConvTranspose2dSame(8, 4, 3, stride=2),
)
# Keras kernels are (height, width, in, out), transposed ones (height, width, out, in);
# PyTorch wants (out, in, height, width) and (in, out, height, width): the same permutation.
with torch.no_grad():
    for keras_layer, torch_layer in [(model.layers[0], port[0]), (model.layers[3], port[4])]:
        kernel, bias = keras_layer.get_weights()
        torch_layer.weight.copy_(torch.from_numpy(kernel).permute(3, 2, 0, 1))
        torch_layer.bias.copy_(torch.from_numpy(bias))

x = np.random.default_rng(0).normal(size=(1, 12, 12, 3)).astype(np.float32)
expected = keras.ops.convert_to_numpy(model(x))
got = port(torch.from_numpy(x).permute(0, 3, 1, 2)).detach().permute(0, 2, 3, 1).numpy()
print("Keras:", expected.shape, "PyTorch:", got.shape)
print("same values:", np.allclose(got, expected, atol=1e-5))
# --8<-- [end:port]

assert np.allclose(got, expected, atol=1e-5)
# Every layer of this model pads unevenly: 12 -> 6 -> 3 -> 2 -> 4, one cell after each time.
assert same_padding(12, 3, 2) == same_padding(6, 3, 2) == same_padding(3, 2, 2) == (0, 1)
assert same_padding(4, 3, 2) == (0, 1)  # the transposed layer crops (0, 1) of its 5x5 result
sizes = [12, conv_output_size(12, 3, 2, "same")]
sizes.append(pool_output_size(sizes[-1], 3, 2, "same"))
sizes.append(pool_output_size(sizes[-1], 2, padding="same"))
sizes.append(transposed_output_size(sizes[-1], 3, 2, "same"))
assert sizes == [12, 6, 3, 2, 4] and got.shape == (1, 4, 4, 4)
keras_model, torch_port = model, port

# --8<-- [start:naive_port]
import keras
import numpy as np
import torch
from torch import nn

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((12, 12, 3)),
        keras.layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(3, strides=2, padding="same"),
        keras.layers.AveragePooling2D(2, padding="same"),
        keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same"),
    ]
)
# The usual translation of "same": kernel // 2 on every side, and output_padding=1 to double.
port = nn.Sequential(
    nn.Conv2d(3, 8, 3, stride=2, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(3, stride=2, padding=1),
    nn.AvgPool2d(2, padding=1),
    nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1),
)
with torch.no_grad():
    for keras_layer, torch_layer in [(model.layers[0], port[0]), (model.layers[3], port[4])]:
        kernel, bias = keras_layer.get_weights()
        torch_layer.weight.copy_(torch.from_numpy(kernel).permute(3, 2, 0, 1))
        torch_layer.bias.copy_(torch.from_numpy(bias))

x = np.random.default_rng(0).normal(size=(1, 12, 12, 3)).astype(np.float32)
expected = keras.ops.convert_to_numpy(model(x))
got = port(torch.from_numpy(x).permute(0, 3, 1, 2)).detach().permute(0, 2, 3, 1).numpy()
print("Keras:", expected.shape, "PyTorch:", got.shape)
print("same values:", np.allclose(got, expected, atol=1e-5))
print(f"outputs that differ: {np.mean(~np.isclose(got, expected, atol=1e-3)):.0%}")
# --8<-- [end:naive_port]

assert got.shape == expected.shape
assert np.mean(~np.isclose(got, expected, atol=1e-3)) > 0.5

# snippet-raises: ValueError
# --8<-- [start:pytorch_same]
import torch

# PyTorch's own padding="same" exists at stride 1 only.
torch.nn.Conv2d(3, 8, kernel_size=3, stride=2, padding="same")
# --8<-- [end:pytorch_same]

# --8<-- [start:any_size]
import torch
from tf_same import Conv2dSame

conv = Conv2dSame(1, 1, kernel_size=3, stride=2, bias=False)
for size in (6, 7, 224, 225):
    print(size, "->", tuple(conv(torch.zeros(1, 1, size, size)).shape[-2:]))
# --8<-- [end:any_size]

for size in (6, 7, 224, 225):
    assert conv(torch.zeros(1, 1, size, size)).shape[-1] == conv_output_size(size, 3, 2, "same")
