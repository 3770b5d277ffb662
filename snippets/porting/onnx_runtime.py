"""ONNX and ONNX Runtime: auto_pad against TensorFlow's SAME (page: porting/onnx-runtime.md)."""

import numpy as np

from snippets.arithmetic import effective_kernel_size, same_padding, window_starts

# snippet-saved-as: onnx_run.py
# --8<-- [start:onnx_run]
"""Run one ONNX operator in ONNX Runtime on a channels-first array."""

import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper


def run(op, x, weight=None, **attributes):
    """The output of operator `op` (Conv, ConvTranspose, MaxPool, ...) on x."""
    inputs = ["x"] if weight is None else ["x", "w"]
    initializer = [] if weight is None else [numpy_helper.from_array(weight, "w")]
    graph = helper.make_graph(
        [helper.make_node(op, inputs, ["y"], **attributes)],
        op,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        initializer=initializer,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # as written
    session = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    return session.run(None, {"x": x})[0]


# --8<-- [end:onnx_run]

# --8<-- [start:auto_pad]
import keras
import numpy as np
from onnx_run import run

rng = np.random.default_rng(0)
for size, pads in [(6, [0, 0, 1, 1]), (7, [1, 1, 1, 1])]:  # TensorFlow's SAME, spelled out
    x = rng.normal(size=(1, size, size, 2)).astype(np.float32)
    w = rng.normal(size=(3, 3, 2, 4)).astype(np.float32)
    conv = keras.layers.Conv2D(4, 3, strides=2, padding="same", use_bias=False)
    conv.build(x.shape)
    conv.set_weights([w])
    want = keras.ops.convert_to_numpy(conv(x)).transpose(0, 3, 1, 2)

    x, w = x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1)
    print(f"{size}x{size}, 3x3 kernel, stride 2, TensorFlow pads {pads}:")
    for name, spelling in [
        ("auto_pad=SAME_UPPER", {"auto_pad": "SAME_UPPER"}),
        ("auto_pad=SAME_LOWER", {"auto_pad": "SAME_LOWER"}),
        (f"pads={pads}", {"pads": pads}),
    ]:
        got = run("Conv", x, w, strides=[2, 2], **spelling)
        print(f"  {name:22} same values: {np.allclose(got, want, atol=1e-5)}")
# --8<-- [end:auto_pad]

# The spelled-out pads are TensorFlow's split; SAME_LOWER agrees only when it is even.
assert same_padding(6, 3, 2) == (0, 1) and same_padding(7, 3, 2) == (1, 1)

# --8<-- [start:kernel_smaller_than_stride]
import keras
import numpy as np
from onnx_run import run

x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)  # cells numbered 0 to 15
w = np.ones((1, 1, 1, 1), np.float32)  # a 1x1 kernel that copies the cell it reads
conv = keras.layers.Conv2D(1, 1, strides=4, padding="same", use_bias=False)
conv.build(x.shape)
conv.set_weights([w])
print("TensorFlow SAME reads cell", keras.ops.convert_to_numpy(conv(x)).ravel())

x = x.transpose(0, 3, 1, 2)
upper = run("Conv", x, w, strides=[4, 4], auto_pad="SAME_UPPER")
print("ONNX Runtime SAME_UPPER reads cell", upper.ravel())
explicit = run("Conv", x, w, strides=[4, 4], pads=[0, 0, 0, 0])
print("ONNX Runtime pads=[0, 0, 0, 0] reads cell", explicit.ravel())
# --8<-- [end:kernel_smaller_than_stride]

# TensorFlow pads nothing and its one window leaves 3 cells unread after it on each axis.
assert same_padding(4, 1, 4) == (0, 0)
assert 4 - (window_starts(4, 1, 4, "same")[-1] + effective_kernel_size(1)) == 3
assert upper.ravel().tolist() == [5.0] and explicit.ravel().tolist() == [0.0]

# snippet-raises: onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument
# --8<-- [start:dilation]
import numpy as np
from onnx_run import run

x = np.zeros((1, 1, 7, 7), np.float32)
w = np.zeros((1, 1, 3, 3), np.float32)
run("Conv", x, w, dilations=[2, 2], auto_pad="SAME_UPPER")
# --8<-- [end:dilation]

# snippet-raises: onnxruntime.capi.onnxruntime_pybind11_state.RuntimeException
# --8<-- [start:maxpool_refused]
import numpy as np
from onnx_run import run

# 1x1 windows, stride 2, on 6x6: TensorFlow's SAME reads cells 0, 2, 4 and pads nothing.
run(
    "MaxPool",
    np.zeros((1, 1, 6, 6), np.float32),
    kernel_shape=[1, 1],
    strides=[2, 2],
    auto_pad="SAME_UPPER",
)
# --8<-- [end:maxpool_refused]

assert same_padding(6, 1, 2) == (0, 0) and window_starts(6, 1, 2, "same") == [0, 2, 4]

# --8<-- [start:conv_transpose]
import keras
import numpy as np
from onnx_run import run

rng = np.random.default_rng(0)
x = rng.normal(size=(1, 4, 4, 2)).astype(np.float32)
w = rng.normal(size=(3, 3, 4, 2)).astype(np.float32)  # (height, width, out, in)
up = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same", use_bias=False)
up.build(x.shape)
up.set_weights([w])
want = keras.ops.convert_to_numpy(up(x)).transpose(0, 3, 1, 2)

x, w = x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1)  # ONNX: (in, out, height, width)
for auto_pad in ("SAME_UPPER", "SAME_LOWER"):
    got = run("ConvTranspose", x, w, strides=[2, 2], auto_pad=auto_pad)
    print(f"{auto_pad}: shape {got.shape}, same values: {np.allclose(got, want, atol=1e-5)}")
# --8<-- [end:conv_transpose]

assert got.shape == want.shape and not np.allclose(got, want, atol=1e-5)  # SAME_LOWER
assert np.allclose(run("ConvTranspose", x, w, strides=[2, 2], auto_pad="SAME_UPPER"), want, 1e-5)

# TensorFlow crops (0, 1) of the 9x9 full result: the odd cell after, as SAME_UPPER does.
assert same_padding(8, 3, 2) == (0, 1)
