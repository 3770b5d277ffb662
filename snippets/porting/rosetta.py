"""Rosetta: one operation, four frameworks (page: porting/rosetta.md).

Each operation has a tab per framework. Every tab makes the same integer input and weights
(exact in float32, so every framework prints the same numbers) and prints its result; the
assertions under each tab compare its values with the TensorFlow tab's, and check each padding
amount it spells out against snippets.arithmetic.
"""

import numpy as np

from snippets.arithmetic import (
    conv_output_size,
    padding_amounts,
    pool_output_size,
    same_padding,
    transposed_output_size,
)


def nhwc(y):
    """A channels-first result (PyTorch, ONNX) in TensorFlow's channels-last layout."""
    return np.moveaxis(np.asarray(y), 1, -1)


def same_values(a, b):
    return a.shape == b.shape and np.allclose(a, b)


def onnx_pads(node):
    """An ONNX node's pads attribute: every axis' before, then every axis' after."""
    from onnx import helper

    return next(helper.get_attribute_value(a) for a in node.attribute if a.name == "pads")


def onnx_spelling(*per_axis):
    """ONNX pads from (before, after) pairs, one per axis."""
    return [b for b, _ in per_axis] + [a for _, a in per_axis]


# ---------------------------------------------------------------- convolution, stride 2, SAME

# --8<-- [start:conv_tf]
import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.integers(-3, 4, size=(1, 6, 6, 2)).astype(np.float32)  # (batch, height, width, channels)
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)  # (height, width, in, out)

conv = keras.layers.Conv2D(2, 3, strides=2, padding="same", use_bias=False)
conv.build(x.shape)
conv.set_weights([w])
y = keras.ops.convert_to_numpy(conv(x))
print(y.shape)
print(y[0, :, :, 0])
# --8<-- [end:conv_tf]

reference = y
assert y.shape[1] == conv_output_size(6, 3, 2, "same")

# --8<-- [start:conv_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(0)
x = rng.integers(-3, 4, size=(1, 6, 6, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x = torch.from_numpy(x).permute(0, 3, 1, 2)  # PyTorch wants (batch, channels, height, width)
w = torch.from_numpy(w).permute(3, 2, 0, 1)  # and (out, in, height, width)

pad = (0, 1, 0, 1)  # (left, right, top, bottom): TensorFlow's SAME for n=6, k=3, stride 2
y = F.conv2d(F.pad(x, pad), w, stride=2)
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:conv_torch]

assert pad == same_padding(6, 3, 2) * 2
assert same_values(nhwc(y), reference)

# --8<-- [start:conv_jax]
import numpy as np
from jax import lax

rng = np.random.default_rng(0)
x = rng.integers(-3, 4, size=(1, 6, 6, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)

# lax's "SAME" is TensorFlow's: the odd padding cell goes after the input.
y = lax.conv_general_dilated(
    x, w, window_strides=(2, 2), padding="SAME", dimension_numbers=("NHWC", "HWIO", "NHWC")
)
print(y.shape)
print(np.asarray(y)[0, :, :, 0])
# --8<-- [end:conv_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:conv_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
x = rng.integers(-3, 4, size=(1, 6, 6, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x = x.transpose(0, 3, 1, 2)  # ONNX wants (batch, channels, height, width)
w = w.transpose(3, 2, 0, 1)  # and (out, in, height, width)

# pads = [top, left, bottom, right]: TensorFlow's SAME for n=6, k=3, stride 2.
node = helper.make_node("Conv", ["x", "w"], ["y"], strides=[2, 2], pads=[0, 0, 1, 1])
graph = helper.make_graph(
    [node],
    "conv",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    initializer=[numpy_helper.from_array(w, "w")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:conv_onnx]

assert onnx_pads(node) == onnx_spelling(same_padding(6, 3, 2), same_padding(6, 3, 2))
assert same_values(nhwc(y), reference)

# ---------------------------------------------------------------- dilated convolution, SAME

# --8<-- [start:dilated_tf]
import keras
import numpy as np

rng = np.random.default_rng(1)
x = rng.integers(-3, 4, size=(1, 7, 7, 2)).astype(np.float32)
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)

conv = keras.layers.Conv2D(2, 3, dilation_rate=2, padding="same", use_bias=False)
conv.build(x.shape)
conv.set_weights([w])
y = keras.ops.convert_to_numpy(conv(x))
print(y.shape)
print(y[0, :, :, 0])
# --8<-- [end:dilated_tf]

reference = y
assert y.shape[1] == conv_output_size(7, 3, 1, "same", dilation=2) == 7

# --8<-- [start:dilated_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(1)
x = rng.integers(-3, 4, size=(1, 7, 7, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x = torch.from_numpy(x).permute(0, 3, 1, 2)
w = torch.from_numpy(w).permute(3, 2, 0, 1)

# At stride 1, PyTorch's padding="same" splits the padding as TensorFlow does.
y = F.conv2d(x, w, padding="same", dilation=2)
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:dilated_torch]

assert same_values(nhwc(y), reference)

# --8<-- [start:dilated_jax]
import numpy as np
from jax import lax

rng = np.random.default_rng(1)
x = rng.integers(-3, 4, size=(1, 7, 7, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)

y = lax.conv_general_dilated(
    x,
    w,
    window_strides=(1, 1),
    padding="SAME",
    rhs_dilation=(2, 2),  # the kernel's dilation
    dimension_numbers=("NHWC", "HWIO", "NHWC"),
)
print(y.shape)
print(np.asarray(y)[0, :, :, 0])
# --8<-- [end:dilated_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:dilated_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(1)
x = rng.integers(-3, 4, size=(1, 7, 7, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x, w = x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1)

# ONNX Runtime refuses auto_pad="SAME_UPPER" with dilation: spell the padding out.
# A 3x3 kernel with dilation 2 spans 5 cells: 2 before and 2 after, on both axes.
node = helper.make_node(
    "Conv", ["x", "w"], ["y"], dilations=[2, 2], strides=[1, 1], pads=[2, 2, 2, 2]
)
graph = helper.make_graph(
    [node],
    "dilated",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    initializer=[numpy_helper.from_array(w, "w")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:dilated_onnx]

assert onnx_pads(node) == onnx_spelling(*[same_padding(7, 3, 1, dilation=2)] * 2)
assert same_values(nhwc(y), reference)

# ---------------------------------------------------------------- max pooling, SAME

# --8<-- [start:maxpool_tf]
import keras
import numpy as np

rng = np.random.default_rng(2)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)

y = keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2, padding="same")(x))
print(y.shape)
print(y[0, :, :, 0])
# --8<-- [end:maxpool_tf]

reference = y
assert y.shape[1] == pool_output_size(5, 2, padding="same")

# --8<-- [start:maxpool_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(2)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab
x = torch.from_numpy(x).permute(0, 3, 1, 2)

# Pad with -inf, not zeros: TensorFlow's max pooling never picks a padded cell.
pad = (0, 1, 0, 1)  # (left, right, top, bottom): TensorFlow's SAME for n=5, pool 2, stride 2
y = F.max_pool2d(F.pad(x, pad, value=-float("inf")), kernel_size=2, stride=2)
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:maxpool_torch]

assert pad == padding_amounts(5, 2, 2, "same") * 2
assert same_values(nhwc(y), reference)
# Padded with zeros instead, a window of negative numbers would return the padded zero.
zeros = nhwc(F.max_pool2d(F.pad(x, pad), kernel_size=2, stride=2))
assert (zeros[0, :, -1] == 0).any() and not same_values(zeros, reference)

# --8<-- [start:maxpool_jax]
import jax.numpy as jnp
import numpy as np
from jax import lax

rng = np.random.default_rng(2)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab

y = lax.reduce_window(x, -jnp.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "SAME")
print(y.shape)
print(np.asarray(y)[0, :, :, 0])
# --8<-- [end:maxpool_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:maxpool_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

rng = np.random.default_rng(2)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab
x = x.transpose(0, 3, 1, 2)

# pads = [top, left, bottom, right]; MaxPool never picks a padded cell.
node = helper.make_node(
    "MaxPool", ["x"], ["y"], kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 1, 1]
)
graph = helper.make_graph(
    [node],
    "maxpool",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:maxpool_onnx]

assert onnx_pads(node) == onnx_spelling(*[padding_amounts(5, 2, 2, "same")] * 2)
assert same_values(nhwc(y), reference)

# ---------------------------------------------------------------- average pooling, SAME

# --8<-- [start:avgpool_tf]
import keras
import numpy as np

rng = np.random.default_rng(3)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)

y = keras.ops.convert_to_numpy(keras.layers.AveragePooling2D(2, padding="same")(x))
print(y.shape)
print(y[0, :, :, 0])
# --8<-- [end:avgpool_tf]

reference = y
assert y.shape[1] == pool_output_size(5, 2, padding="same")

# --8<-- [start:avgpool_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(3)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab
x = torch.from_numpy(x).permute(0, 3, 1, 2)

# TensorFlow divides by the real cells in each window, not by the window's size:
# average the padded input, then divide by the share of real cells.
pad = (0, 1, 0, 1)  # (left, right, top, bottom): TensorFlow's SAME for n=5, pool 2, stride 2
sums = F.avg_pool2d(F.pad(x, pad), kernel_size=2, stride=2)
real = F.avg_pool2d(F.pad(torch.ones_like(x), pad), kernel_size=2, stride=2)
y = sums / real
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:avgpool_torch]

assert pad == padding_amounts(5, 2, 2, "same") * 2
assert same_values(nhwc(y), reference)
# Without the division the padded zeros count, in the last row and column only.
wrong = ~np.isclose(nhwc(sums), reference)
assert wrong.any() and not wrong[:, :-1, :-1].any()

# --8<-- [start:avgpool_jax]
import jax.numpy as jnp
import numpy as np
from jax import lax

rng = np.random.default_rng(3)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab

window, strides = (1, 2, 2, 1), (1, 2, 2, 1)
sums = lax.reduce_window(x, 0.0, lax.add, window, strides, "SAME")
real = lax.reduce_window(jnp.ones_like(x), 0.0, lax.add, window, strides, "SAME")
y = sums / real  # divide by the real cells, as TensorFlow does
print(y.shape)
print(np.asarray(y)[0, :, :, 0])
# --8<-- [end:avgpool_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:avgpool_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

rng = np.random.default_rng(3)
x = rng.integers(-3, 4, size=(1, 5, 5, 2)).astype(np.float32)  # as in the TensorFlow tab
x = x.transpose(0, 3, 1, 2)

# count_include_pad=0 (the default) leaves the padding out of the divisor, as TensorFlow does.
node = helper.make_node(
    "AveragePool",
    ["x"],
    ["y"],
    kernel_shape=[2, 2],
    strides=[2, 2],
    pads=[0, 0, 1, 1],
    count_include_pad=0,
)
graph = helper.make_graph(
    [node],
    "avgpool",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:avgpool_onnx]

assert onnx_pads(node) == onnx_spelling(*[padding_amounts(5, 2, 2, "same")] * 2)
assert same_values(nhwc(y), reference)

# ---------------------------------------------------------------- transposed convolution, SAME

# --8<-- [start:transposed_tf]
import keras
import numpy as np

rng = np.random.default_rng(4)
x = rng.integers(-3, 4, size=(1, 4, 4, 2)).astype(np.float32)
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)  # (height, width, out, in)

up = keras.layers.Conv2DTranspose(2, 3, strides=2, padding="same", use_bias=False)
up.build(x.shape)
up.set_weights([w])
y = keras.ops.convert_to_numpy(up(x))
print(y.shape)
print(y[0, :, :, 0])
# --8<-- [end:transposed_tf]

reference = y
assert y.shape[1] == transposed_output_size(4, 3, 2, "same") == 8

# --8<-- [start:transposed_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(4)
x = rng.integers(-3, 4, size=(1, 4, 4, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x = torch.from_numpy(x).permute(0, 3, 1, 2)
w = torch.from_numpy(w).permute(3, 2, 0, 1)  # PyTorch wants (in, out, height, width) here

full = F.conv_transpose2d(x, w, stride=2)  # 9x9: (4 - 1) * 2 + 3
# TensorFlow's SAME keeps 8 = 4 * 2 of them: it crops 0 before and 1 after, on both axes.
# padding= crops both sides equally, so slice instead.
y = full[:, :, :-1, :-1]
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:transposed_torch]

assert full.shape[2] == transposed_output_size(4, 3, 2, "valid")
# padding=p crops p from both ends: it cannot crop (0, 1).
assert torch.equal(F.conv_transpose2d(x, w, stride=2, padding=1), full[:, :, 1:-1, 1:-1])
assert same_padding(8, 3, 2) == (0, 1)
assert same_values(nhwc(y), reference)

# --8<-- [start:transposed_jax]
import numpy as np
from jax import lax

rng = np.random.default_rng(4)
x = rng.integers(-3, 4, size=(1, 4, 4, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)

# transpose_kernel=True reads the kernel as Keras stores it.
y = lax.conv_transpose(
    x, w, (2, 2), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"), transpose_kernel=True
)
print(y.shape)
print(np.asarray(y)[0, :, :, 0])
# --8<-- [end:transposed_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:transposed_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(4)
x = rng.integers(-3, 4, size=(1, 4, 4, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 3, 2, 2)).astype(np.float32)
x, w = x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1)  # ONNX: (in, out, height, width)

# ConvTranspose's pads crop the full 9x9 result: 0 rows and columns before, 1 after.
node = helper.make_node("ConvTranspose", ["x", "w"], ["y"], strides=[2, 2], pads=[0, 0, 1, 1])
graph = helper.make_graph(
    [node],
    "transposed",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    initializer=[numpy_helper.from_array(w, "w")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:transposed_onnx]

assert onnx_pads(node) == onnx_spelling(*[same_padding(8, 3, 2)] * 2)
assert same_values(nhwc(y), reference)

# ---------------------------------------------------------------- causal 1-D convolution

# --8<-- [start:causal_tf]
import keras
import numpy as np

rng = np.random.default_rng(5)
x = rng.integers(-3, 4, size=(1, 8, 2)).astype(np.float32)  # (batch, time, channels)
w = rng.integers(-3, 4, size=(3, 2, 2)).astype(np.float32)  # (width, in, out)

conv = keras.layers.Conv1D(2, 3, dilation_rate=2, padding="causal", use_bias=False)
conv.build(x.shape)
conv.set_weights([w])
y = keras.ops.convert_to_numpy(conv(x))
print(y.shape)
print(y[0, :, 0])
# --8<-- [end:causal_tf]

reference = y
assert y.shape[1] == conv_output_size(8, 3, 1, "causal", dilation=2)

# --8<-- [start:causal_torch]
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(5)
x = rng.integers(-3, 4, size=(1, 8, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 2, 2)).astype(np.float32)
x = torch.from_numpy(x).permute(0, 2, 1)  # (batch, channels, time)
w = torch.from_numpy(w).permute(2, 1, 0)  # (out, in, width)

# Causal: dilation * (k - 1) = 4 zeros before the sequence, none after.
y = F.conv1d(F.pad(x, (4, 0)), w, dilation=2)
print(tuple(y.shape))
print(y[0, 0].numpy())
# --8<-- [end:causal_torch]

assert padding_amounts(8, 3, 1, "causal", dilation=2) == (4, 0)
assert same_values(nhwc(y), reference)

# --8<-- [start:causal_jax]
import numpy as np
from jax import lax

rng = np.random.default_rng(5)
x = rng.integers(-3, 4, size=(1, 8, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 2, 2)).astype(np.float32)

y = lax.conv_general_dilated(
    x,
    w,
    window_strides=(1,),
    padding=[(4, 0)],  # (before, after): 4 zeros before, none after
    rhs_dilation=(2,),
    dimension_numbers=("NWC", "WIO", "NWC"),
)
print(y.shape)
print(np.asarray(y)[0, :, 0])
# --8<-- [end:causal_jax]

assert same_values(np.asarray(y), reference)

# --8<-- [start:causal_onnx]
import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(5)
x = rng.integers(-3, 4, size=(1, 8, 2)).astype(np.float32)  # as in the TensorFlow tab
w = rng.integers(-3, 4, size=(3, 2, 2)).astype(np.float32)
x, w = x.transpose(0, 2, 1), w.transpose(2, 1, 0)

# pads = [before, after] along time: 4 before, 0 after.
node = helper.make_node("Conv", ["x", "w"], ["y"], dilations=[2], pads=[4, 0])
graph = helper.make_graph(
    [node],
    "causal",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    initializer=[numpy_helper.from_array(w, "w")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
(y,) = session.run(None, {"x": x})
print(y.shape)
print(y[0, 0])
# --8<-- [end:causal_onnx]

assert onnx_pads(node) == onnx_spelling(padding_amounts(8, 3, 1, "causal", dilation=2))
assert same_values(nhwc(y), reference)
