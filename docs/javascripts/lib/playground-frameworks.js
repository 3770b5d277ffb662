// The same configuration in TensorFlow, PyTorch, JAX and ONNX: complete scripts that run it on
// np.arange input with all-ones weights and no bias, and print the output values in row-major
// order. Every size and padding amount comes from the playground's axes (./playground-compute.js)
// and ./arithmetic.js; tests/browser/test_playground_frameworks.py runs them all.
import { transposedLength } from "./arithmetic.js";
import { call } from "./playground-code.js";

export var FRAMEWORKS = [
  ["tensorflow", "TensorFlow"],
  ["pytorch", "PyTorch"],
  ["jax", "JAX"],
  ["onnx", "ONNX"],
];

function input(c, layout) {
  var causal = c.padding === "causal";
  var shape = causal
    ? (layout === "channels_last" ? "(1, " + c.w + ", 1)" : "(1, 1, " + c.w + ")")
    : (layout === "channels_last"
      ? "(1, " + c.h + ", " + c.w + ", 1)"
      : "(1, 1, " + c.h + ", " + c.w + ")");
  var what = causal
    ? (layout === "channels_last" ? "batch, steps, channels" : "batch, channels, steps")
    : (layout === "channels_last" ? "batch, height, width, channels"
      : "batch, channels, height, width");
  return "x = np.arange(1, " + c.h * c.w + " + 1, dtype=\"float32\").reshape" + shape +
    "  # " + what;
}

// Cells a transposed convolution's full result lacks after its last one (more than 0 when the
// output reaches past it, as output_padding can make it), and the full result's length.
function beyond(a) {
  var full = transposedLength(a.input, a.ke, a.s, "valid", 0);
  return { full: full, extra: a.before + a.size - full };
}

function tensorflow(c, H, W) {
  var L = ["import numpy as np", "import tensorflow as tf", "", input(c, "channels_last")];
  var explicit = "[[0, 0], [" + H.before + ", " + H.after + "], [" + W.before + ", " +
    W.after + "], [0, 0]]";
  var named = c.padding === "valid" || c.padding === "same";
  var padding = named ? '"' + c.padding.toUpperCase() + '"' : explicit;
  var strides = "strides=[" + c.sh + ", " + c.sw + "]";
  var ksize = "ksize=[" + c.kh + ", " + c.kw + "]";
  if (c.op === "conv" && c.padding === "causal") {
    L.push(
      "kernel = np.ones((" + c.kw + ", 1, 1), \"float32\")  # width, in, out; no bias",
      "# Causal: " + W.before + " zeros before the sequence, none after.",
      "padded = tf.pad(x, [[0, 0], [" + W.before + ", 0], [0, 0]])",
      call("y = tf.nn.conv1d", ["padded", "kernel", "stride=" + c.sw, 'padding="VALID"',
        "dilations=" + c.dw])
    );
  } else if (c.op === "conv") {
    L.push(
      "kernel = np.ones((" + c.kh + ", " + c.kw + ", 1, 1), \"float32\")  # height, width, in, " +
        "out; no bias",
      call("y = tf.nn.conv2d", ["x", "kernel", strides, "padding=" + padding,
        "dilations=[" + c.dh + ", " + c.dw + "]"])
    );
  } else if (c.op === "maxpool") {
    L.push(
      "# Padding never wins the maximum.",
      call("y = tf.nn.max_pool2d", ["x", ksize, strides, "padding=" + padding])
    );
  } else if (c.op === "avgpool") {
    if (named) {
      L.push(
        c.padding === "same"
          ? "# SAME leaves the padding out of each average's divisor."
          : "# VALID: no padding, every window inside the input.",
        call("y = tf.nn.avg_pool2d", ["x", ksize, strides, "padding=" + padding])
      );
    } else {
      L.push(
        "# Explicit amounts: zeros first (as ZeroPadding2D), which then count in the average.",
        "padded = tf.pad(x, " + explicit + ")",
        call("y = tf.nn.avg_pool2d", ["padded", ksize, strides, 'padding="VALID"'])
      );
    }
  } else {
    var dilated = Math.max(c.dh, c.dw) > 1;
    if (dilated) {
      L.push(
        "# TensorFlow's CPU kernels refuse dilation > 1 in a transposed convolution: write the",
        "# dilation into the kernel instead, ones " + c.dh + " rows and " + c.dw +
          " columns apart, zeros between.",
        "kernel = np.zeros((" + H.ke + ", " + W.ke + ", 1, 1), \"float32\")",
        "kernel[::" + c.dh + ", ::" + c.dw + "] = 1",
      );
    } else {
      L.push(
        "kernel = np.ones((" + c.kh + ", " + c.kw + ", 1, 1), \"float32\")  # height, width, " +
          "out, in; no bias"
      );
    }
    L.push(
      "# The output shape decides output_padding; TensorFlow checks it against the forward",
      "# convolution.",
      call("y = tf.nn.conv2d_transpose", ["x", "kernel", "output_shape=[1, " + H.size + ", " +
        W.size + ", 1]", strides, "padding=" + padding])
    );
  }
  L.push("print(y.numpy().ravel().tolist())");
  return L.join("\n");
}

function pytorch(c, H, W) {
  var L = [
    "import numpy as np",
    "import torch",
    "import torch.nn.functional as F",
    "",
    "x = torch.from_numpy(",
    "    " + input(c, "channels_first").replace("x = ", "").replace(/ {2}#.*$/, ""),
    ")  # " + (c.padding === "causal" ? "batch, channels, steps" :
      "batch, channels, height, width"),
  ];
  var pads = "(" + W.before + ", " + W.after + ", " + H.before + ", " + H.after + ")";
  var padNote = "# F.pad takes (left, right, top, bottom)";
  var size = "(" + c.kh + ", " + c.kw + ")";
  var strides = "stride=(" + c.sh + ", " + c.sw + ")";
  if (c.op === "conv" && c.padding === "causal") {
    L.push(
      "weight = torch.ones(1, 1, " + c.kw + ")  # out, in, width; no bias",
      "# Causal: " + W.before + " zeros before the sequence, none after.",
      "y = F.conv1d(F.pad(x, (" + W.before + ", 0)), weight, stride=" + c.sw + ", dilation=" +
        c.dw + ")"
    );
  } else if (c.op === "conv") {
    L.push(
      "weight = torch.ones(1, 1, " + c.kh + ", " + c.kw + ")  # out, in, height, width; no bias",
      padNote + ": TensorFlow's amounts, which",
      "# PyTorch's padding= cannot split unevenly.",
      "padded = F.pad(x, " + pads + ")",
      "y = F.conv2d(padded, weight, " + strides + ", dilation=(" + c.dh + ", " + c.dw + "))"
    );
  } else if (c.op === "maxpool") {
    L.push(
      padNote + "; -inf, so that padding never wins the maximum.",
      "padded = F.pad(x, " + pads + ', value=-float("inf"))',
      "y = F.max_pool2d(padded, " + size + ", " + strides + ")"
    );
  } else if (c.op === "avgpool") {
    if (c.padding === "valid") {
      L.push("y = F.avg_pool2d(x, " + size + ", " + strides + ")  # VALID: no padding");
    } else if (c.padding === "explicit") {
      L.push(
        padNote + ": zeros that count in the average.",
        "y = F.avg_pool2d(F.pad(x, " + pads + "), " + size + ", " + strides + ")"
      );
    } else {
      L.push(
        padNote + ". TensorFlow leaves the padding out of the",
        "# divisor: divide the sums by the number of real cells in each window.",
        call("sums = F.avg_pool2d", ["F.pad(x, " + pads + ")", size, strides,
          "divisor_override=1"]),
        call("real = F.avg_pool2d", ["F.pad(torch.ones_like(x), " + pads + ")", size, strides,
          "divisor_override=1"]),
        "y = sums / real"
      );
    }
  } else {
    var bh = beyond(H);
    var bw = beyond(W);
    L.push(
      "weight = torch.ones(1, 1, " + c.kh + ", " + c.kw + ")  # in, out, height, width; no bias",
      "# The full result, " + bh.full + " × " + bw.full + ((bh.extra > 0 || bw.extra > 0)
        ? " and " + Math.max(bh.extra, 0) + " × " + Math.max(bw.extra, 0) +
          " more (output_padding)"
        : "") + ", then TensorFlow's crop:",
      "# " + H.before + " rows and " + W.before + " columns before, " + H.size + " × " + W.size +
        " kept (padding= can only crop both sides equally).",
      "full = F.conv_transpose2d(",
      "    x, weight, " + strides + ", output_padding=(" + Math.max(bh.extra, 0) + ", " +
        Math.max(bw.extra, 0) + "), dilation=(" + c.dh + ", " + c.dw + ")",
      ")",
      cropLine(H, W)
    );
  }
  L.push("print(y.flatten().tolist())");
  return L.join("\n");
}

// TensorFlow's crop of a full transposed result (NCHW): the same slice in PyTorch and JAX.
function cropLine(H, W) {
  return "y = full[:, :, " + H.before + ":" + (H.before + H.size) + ", " + W.before + ":" +
    (W.before + W.size) + "]";
}

function jax(c, H, W) {
  var ones = c.op === "maxpool" || (c.op === "avgpool" && c.padding === "same");
  var L = (ones ? ["import jax.numpy as jnp"] : []).concat(
    ["import numpy as np", "from jax import lax", ""]);
  L.push(input(c, "channels_first"));
  var pads = "((0, 0), (0, 0), (" + H.before + ", " + H.after + "), (" + W.before + ", " +
    W.after + "))";
  var window = "(1, 1, " + c.kh + ", " + c.kw + ")";
  var strides = "(1, 1, " + c.sh + ", " + c.sw + ")";
  if (c.op === "conv" && c.padding === "causal") {
    L.push(
      "kernel = np.ones((1, 1, " + c.kw + "), \"float32\")  # out, in, width; no bias",
      "# Causal: " + W.before + " zeros before the sequence, none after.",
      "y = lax.conv_general_dilated(",
      "    x, kernel, window_strides=(" + c.sw + ",), padding=[(" + W.before +
        ", 0)], rhs_dilation=(" + c.dw + ",)",
      ")"
    );
  } else if (c.op === "conv") {
    L.push(
      "kernel = np.ones((1, 1, " + c.kh + ", " + c.kw + "), \"float32\")  # out, in, height, " +
        "width; no bias",
      "y = lax.conv_general_dilated(",
      "    x,",
      "    kernel,",
      "    window_strides=(" + c.sh + ", " + c.sw + "),",
      "    padding=[(" + H.before + ", " + H.after + "), (" + W.before + ", " + W.after +
        ")],  # (top, bottom), (left, right)",
      "    rhs_dilation=(" + c.dh + ", " + c.dw + "),",
      ")"
    );
  } else if (c.op === "maxpool") {
    L.push(
      "# Padding with -inf never wins the maximum.",
      call("y = lax.reduce_window", ["x", "-jnp.inf", "lax.max", window, strides, pads])
    );
  } else if (c.op === "avgpool") {
    L.push(call("sums = lax.reduce_window", ["x", "0.0", "lax.add", window, strides, pads]));
    L.push(c.padding !== "same"
      ? "y = sums / " + c.kh * c.kw + "  # " + (c.padding === "explicit"
        ? "explicit zeros count in the average" : "VALID: every window inside the input")
      : call("real = lax.reduce_window", ["jnp.ones_like(x)", "0.0", "lax.add", window, strides,
        pads]) + "\ny = sums / real  # TensorFlow leaves padding out of the divisor");
  } else {
    var bh = beyond(H);
    var bw = beyond(W);
    L.push(
      "kernel = np.ones((1, 1, " + c.kh + ", " + c.kw + "), \"float32\")  # no bias",
      "# A transposed convolution is a convolution of the input spread out by the stride",
      "# (lhs_dilation) and padded by the effective kernel size - 1; with a kernel of ones,",
      "# flipping it changes nothing. The full result is " + bh.full + " × " + bw.full +
        "; then TensorFlow's crop.",
      "full = lax.conv_general_dilated(",
      "    x,",
      "    kernel,",
      "    window_strides=(1, 1),",
      "    padding=[(" + (H.ke - 1) + ", " + (H.ke - 1 + Math.max(bh.extra, 0)) + "), (" +
        (W.ke - 1) + ", " + (W.ke - 1 + Math.max(bw.extra, 0)) + ")],",
      "    lhs_dilation=(" + c.sh + ", " + c.sw + "),",
      "    rhs_dilation=(" + c.dh + ", " + c.dw + "),",
      ")",
      cropLine(H, W)
    );
  }
  L.push("print(np.asarray(y).ravel().tolist())");
  return L.join("\n");
}

function onnx(c, H, W) {
  var L = [
    "import numpy as np",
    "import onnxruntime as ort",
    "from onnx import TensorProto, helper, numpy_helper",
    "",
    input(c, "channels_first"),
  ];
  var causal = c.padding === "causal";
  var weight = causal ? "(1, 1, " + c.kw + ")" : "(1, 1, " + c.kh + ", " + c.kw + ")";
  var kernel = causal ? "[" + c.kw + "]" : "[" + c.kh + ", " + c.kw + "]";
  var strides = causal ? "[" + c.sw + "]" : "[" + c.sh + ", " + c.sw + "]";
  var dilations = causal ? "[" + c.dw + "]" : "[" + c.dh + ", " + c.dw + "]";
  var pads = causal
    ? "[" + W.before + ", 0]"
    : "[" + H.before + ", " + W.before + ", " + H.after + ", " + W.after + "]";
  var padNote = causal
    ? "# pads = [before, after] along the sequence: causal puts them all before."
    : "# pads = [top, left, bottom, right]: TensorFlow's amounts, spelled out.";
  var node;
  var hasWeight = c.op === "conv" || c.op === "transposed";
  if (c.op === "conv") {
    node = ['"Conv"', '["x", "w"]', '["y"]', "kernel_shape=" + kernel, "strides=" + strides,
      "dilations=" + dilations, "pads=" + pads];
  } else if (c.op === "maxpool") {
    node = ['"MaxPool"', '["x"]', '["y"]', "kernel_shape=" + kernel, "strides=" + strides,
      "pads=" + pads];
    padNote += " Padding never wins.";
  } else if (c.op === "avgpool") {
    node = ['"AveragePool"', '["x"]', '["y"]', "kernel_shape=" + kernel, "strides=" + strides,
      "pads=" + pads, "count_include_pad=" + (c.padding === "explicit" ? 1 : 0)];
    padNote = padNote + "\n" + (c.padding === "explicit"
      ? "# count_include_pad=1: explicit zeros count in the average."
      : "# count_include_pad=0: padding is left out of the divisor, as in TensorFlow.");
  } else {
    var bh = beyond(H);
    var bw = beyond(W);
    var crop = "[" + H.before + ", " + W.before + ", " + Math.max(-bh.extra, 0) + ", " +
      Math.max(-bw.extra, 0) + "]";
    node = ['"ConvTranspose"', '["x", "w"]', '["y"]', "kernel_shape=" + kernel,
      "strides=" + strides, "dilations=" + dilations, "pads=" + crop,
      "output_padding=[" + Math.max(bh.extra, 0) + ", " + Math.max(bw.extra, 0) + "]"];
    padNote = "# ConvTranspose's pads crop the full " + bh.full + " × " + bw.full +
      " result: [top, left, bottom, right];\n# output_padding adds cells after it.";
  }
  L.push(
    hasWeight
      ? "w = np.ones(" + weight + ", \"float32\")  # " + (c.op === "transposed"
        ? "in, out" : "out, in") + (causal ? ", width" : ", height, width") + "; no bias"
      : "",
    padNote,
    "node = helper.make_node(",
  );
  node.forEach(function (a) {
    L.push("    " + a + ",");
  });
  L.push(
    ")",
    "graph = helper.make_graph(",
    "    [node],",
    '    "playground",',
    '    [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],',
    '    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],',
    hasWeight ? '    initializer=[numpy_helper.from_array(w, "w")],' : "",
    ")",
    'model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])',
    "session = ort.InferenceSession(",
    '    model.SerializeToString(), providers=["CPUExecutionProvider"]',
    ")",
    '(y,) = session.run(None, {"x": x})',
    "print(y.ravel().tolist())"
  );
  var text = L.filter(function (line) {
    return line !== "";
  }).join("\n").replace("from onnx import TensorProto, helper, numpy_helper\n",
    "from onnx import TensorProto, helper, numpy_helper\n\n");
  return hasWeight ? text : text.replace(", numpy_helper\n", "\n");
}

// Every framework's script, or the reason it cannot express the configuration, by key.
export function frameworkScripts(c, H, W) {
  return {
    tensorflow: { code: tensorflow(c, H, W) },
    pytorch: { code: pytorch(c, H, W) },
    jax: { code: jax(c, H, W) },
    onnx: { code: onnx(c, H, W) },
  };
}

export var NOTHING = "# Nothing to run until the configuration is valid: see the message above.";
