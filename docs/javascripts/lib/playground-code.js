// The TensorFlow code that reproduces a playground configuration.
import { isPool } from "./playground-state.js";

export function kerasRefuses(c) {
  if (isPool(c.op)) return false;
  if (c.padding === "causal") return c.sw > 1 && c.dw > 1;
  return Math.max(c.sh, c.sw) > 1 && Math.max(c.dh, c.dw) > 1;
}

// The Keras layer the playground's code would use; Keras' depthwise and separable layers
// accept a stride with a dilation, so the refusal is this layer's, not every layer's.
export function refusingLayer(c) {
  if (c.op === "transposed") return "Conv2DTranspose";
  return c.padding === "causal" ? "Conv1D" : "Conv2D";
}


// ---- The TensorFlow code that reproduces a configuration ----

export function pair(a, b) {
  return "(" + a + ", " + b + ")";
}

export function list(a, b) {
  return "[" + a + ", " + b + "]";
}

export function explicitList(H, W) {
  return "[[0, 0], " + list(H.before, H.after) + ", " + list(W.before, W.after) + ", [0, 0]]";
}

// A call formatted the way ruff formats Python: on one line when it fits, else its arguments
// on one indented line, else one argument per line.
export function call(head, args) {
  var line = head + "(" + args.join(", ") + ")";
  if (line.length <= 88) return line;
  var inner = "    " + args.join(", ");
  if (inner.length <= 88) return head + "(\n" + inner + "\n)";
  return head + "(\n" + args.map(function (a) {
    return "    " + a + ",\n";
  }).join("") + ")";
}

export function codeFor(c, H, W) {
  var shape = "  # (1, " + H.size + ", " + W.size + ", 1)";
  var size = "kernel_size=" + pair(c.kh, c.kw);
  var strides = "strides=" + pair(c.sh, c.sw);
  var dilation = "dilation_rate=" + pair(c.dh, c.dw);
  var refused = kerasRefuses(c);
  var padded = H.before + H.after + W.before + W.after > 0;
  var x = "x = tf.ones([1, " + c.h + ", " + c.w + ", 1])  # batch, height, width, channels";
  var kernel = "kernel = tf.ones([" + c.kh + ", " + c.kw + ", 1, 1])";
  var zeroPad = "padded = keras.layers.ZeroPadding2D(" +
    pair(pair(H.before, H.after), pair(W.before, W.after)) + ")(x)";
  var nnArgs = [
    "strides=" + list(c.sh, c.sw),
    "padding=" + (c.padding === "valid" || c.padding === "same"
      ? '"' + c.padding.toUpperCase() + '"'
      : explicitList(H, W)),
    "dilations=" + list(c.dh, c.dw),
  ];
  // Keras' own argument order: padding right after strides.
  var keras = function (target, layer, args, padding) {
    var at = 1 + args.findIndex(function (a) {
      return a.indexOf("strides=") === 0;
    });
    var full = args.slice(0, at).concat('padding="' + padding + '"', args.slice(at));
    return call(target + " = keras.layers." + layer, full);
  };
  var refusal = "# Keras' " + refusingLayer(c) + " refuses strides > 1 with dilation_rate > 1; ";
  var L;
  if (c.op === "conv" && c.padding === "causal" && !refused) {
    var args1d = ["1", "kernel_size=" + c.kw, "strides=" + c.sw, "dilation_rate=" + c.dw];
    var steps = "  # (1, " + W.size + ", 1)";
    L = [
      "x = tf.ones([1, " + c.w + ", 1])  # batch, steps (the width), channels",
      keras("conv", "Conv1D", args1d, "causal"),
      "print(conv(x).shape)" + steps,
      "",
      "# The same by hand: (kw - 1) * dw zeros before the sequence, none after.",
      "padded = keras.layers.ZeroPadding1D(" + pair(W.before, 0) + ")(x)",
      keras("conv_valid", "Conv1D", args1d, "valid"),
      "print(conv_valid(padded).shape)" + steps,
    ];
  } else if (c.op === "conv") {
    var args2d = ["1", size, strides, dilation];
    L = refused || c.padding === "explicit"
      ? [
        refused
          ? refusal + "tf.nn.conv2d takes both."
          : "# Explicit amounts: tf.nn.conv2d takes them, Keras layers do not.",
        x,
        kernel,
        call("y = tf.nn.conv2d", ["x", "kernel"].concat(nnArgs)),
        "print(y.shape)" + shape,
      ]
      : [x, keras("conv", "Conv2D", args2d, c.padding), "print(conv(x).shape)" + shape];
    if (!refused && padded) {
      L.push(
        "",
        c.padding === "same"
          ? "# SAME is this zero padding followed by a VALID convolution."
          : "# With Keras layers: pad first, then convolve without padding.",
        zeroPad,
        keras("conv_valid", "Conv2D", args2d, "valid"),
        "print(conv_valid(padded).shape)" + shape
      );
    }
  } else if (isPool(c.op)) {
    var layer = c.op === "maxpool" ? "MaxPooling2D" : "AveragePooling2D";
    var poolArgs = ["pool_size=" + pair(c.kh, c.kw), strides];
    if (c.padding !== "explicit") {
      L = [x, keras("pool", layer, poolArgs, c.padding), "print(pool(x).shape)" + shape];
    } else if (c.op === "avgpool") {
      L = [
        "# tf.nn.avg_pool2d takes no explicit amounts: pad with zeros, which then count",
        "# in every average they fall into.",
        x,
        zeroPad,
        keras("pool", layer, poolArgs, "valid"),
        "print(pool(padded).shape)" + shape,
      ];
    } else {
      L = [
        "# Padding cells never win the maximum.",
        x,
        call("y = tf.nn.max_pool2d", ["x", "ksize=" + list(c.kh, c.kw)].concat(
          nnArgs.slice(0, 2))),
        "print(y.shape)" + shape,
      ];
    }
  } else {
    var cpu = Math.max(c.dh, c.dw) > 1;
    var outpad = "output_padding=" + (c.oph === null ? "None" : pair(c.oph, c.opw));
    if (!refused && c.padding !== "explicit" && (c.oph === null) === (c.opw === null)) {
      L = [x, keras("conv_t", "Conv2DTranspose", ["1", size, strides, outpad, dilation],
        c.padding)];
      L = L.concat(cpu
        ? [
          "# TensorFlow's CPU kernels refuse dilation > 1 in a transposed convolution;",
          "# the layer still computes its output shape.",
          "print(tuple(conv_t.compute_output_shape(x.shape)))" + shape,
        ]
        : ["print(conv_t(x).shape)" + shape]);
    } else {
      L = refused
        ? [refusal + "tf.nn.conv2d_transpose does not."]
        : c.padding === "explicit"
          ? ["# Conv2DTranspose takes no explicit amounts; tf.nn.conv2d_transpose does."]
          : [
            "# Keras takes output_padding as None or as a pair: for one of each, ask",
            "# tf.nn.conv2d_transpose for the output shape directly.",
          ];
      L.push(
        "# It checks the output shape against the forward convolution.",
        x,
        "kernel = tf.ones([" + c.kh + ", " + c.kw + ", 1, 1])  # height, width, out, in"
      );
      if (cpu) {
        L.push("# On a CPU this raises: TensorFlow's CPU kernels refuse dilation > 1 here.");
      }
      L.push(
        call("y = tf.nn.conv2d_transpose", [
          "x", "kernel", "output_shape=[1, " + H.size + ", " + W.size + ", 1]",
        ].concat(nnArgs)),
        "print(y.shape)" + shape
      );
    }
  }
  var body = L.join("\n");
  return (body.indexOf("keras.") >= 0 ? "import keras\n" : "") + "import tensorflow as tf\n\n" +
    body;
}