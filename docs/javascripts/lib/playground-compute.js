// A playground configuration along both axes, in words close to Keras' and TensorFlow's own
// refusals. Every number comes from ./arithmetic.js, the mirror of snippets/arithmetic.py.
import {
  ArithmeticError,
  convOutputSize,
  effectiveKernelSize,
  paddingAmounts,
  transposedLength,
  transposedOutputSize,
} from "./arithmetic.js";
import { isPool } from "./playground-state.js";

// A refusal the page shows in words, as opposed to a bug.
export function Refusal(message) {
  this.message = message;
}

// Windows of a forward convolution or pooling: the axis object every view works from.
function forward(axis, n, k, s, spec, d, what) {
  var pads = paddingAmounts(n, k, s, spec, d);
  var ke = effectiveKernelSize(k, d);
  var windows;
  try {
    windows = convOutputSize(n, k, s, spec, d);
  } catch (e) {
    if (!(e instanceof ArithmeticError)) throw e;
    var padded = n + pads[0] + pads[1];
    throw new Refusal(
      "Computed output size would be zero or negative along the " + axis + ": the " + what +
        " " + (d > 1 ? "(" + k + " − 1) × " + d + " + 1 = " + ke : ke) +
        " does not fit into the padded input " + n + " + " + pads[0] + " + " + pads[1] +
        " = " + padded + "."
    );
  }
  return {
    n: n, k: k, s: s, d: d, ke: ke, spec: spec,
    before: pads[0], after: pads[1], base: n,
    windows: windows,
  };
}

function withSize(a) {
  a.size = a.windows;
  return a;
}

function transposed(axis, n, k, s, spec, op, d) {
  if (op !== null && op >= s) {
    throw new Refusal(
      "`output_padding` must be strictly less than `strides` (Keras): along the " + axis +
        ", output_padding is " + op + " but the stride is " + s + "."
    );
  }
  var out;
  try {
    out = transposedOutputSize(n, k, s, spec, op, d);
  } catch (e) {
    if (!(e instanceof ArithmeticError)) throw e;
    // Why: what the formula gives, and what the matching forward convolution makes of it.
    var length = transposedLength(n, effectiveKernelSize(k, d), s, spec, op);
    var back = null;
    if (length >= 1) {
      try {
        back = convOutputSize(length, k, s, spec, d);
      } catch (inner) {
        if (!(inner instanceof ArithmeticError)) throw inner;
      }
    }
    throw new Refusal(
      "No consistent output along the " + axis + ": the formula gives " + length + " cells, " +
        (back !== null
          ? "which the matching forward convolution maps to " + back + ", not " + n
          : "into which the matching forward convolution fits no window") +
        "; TensorFlow refuses such a transposed convolution."
    );
  }
  // The padding shown is that of the forward convolution mapping the output back to n.
  var a = forward(axis, out, k, s, spec, d, "");
  a.size = out;
  a.op = op;
  a.input = n;
  return a;
}

// Both axes, or a list of refusals in words close to the ones Keras and TensorFlow use.
export function compute(c) {
  var spec = function (before, after) {
    return c.padding === "explicit" ? [before, after] : c.padding;
  };
  if (c.padding === "causal") {
    if (c.op !== "conv") {
      throw [
        isPool(c.op)
          ? "Pooling takes padding 'valid', 'same' or explicit amounts, not 'causal' " +
            "(causal padding belongs to Conv1D)."
          : "Conv2DTranspose takes padding 'valid' or 'same' (tf.nn.conv2d_transpose also " +
            "takes explicit amounts), not 'causal'.",
      ];
    }
    if (c.h !== 1) {
      throw [
        "padding 'causal' is for 1-D sequences (Keras Conv1D): the width is the sequence, " +
          "so set the height h to 1 (got h = " + c.h + ").",
      ];
    }
  }
  var errors = [];
  var attempt = function (f) {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      errors.push(e.message);
      return null;
    }
  };
  var H, W;
  if (c.op === "transposed") {
    H = attempt(function () {
      return transposed("height", c.h, c.kh, c.sh, spec(c.pt, c.pb), c.oph, c.dh);
    });
    W = attempt(function () {
      return transposed("width", c.w, c.kw, c.sw, spec(c.pl, c.pr), c.opw, c.dw);
    });
  } else {
    var pool = isPool(c.op);
    var what = pool ? "pool size" : "effective kernel";
    var axis = function (name, n, k, s, spec, d) {
      // As tf.nn.max_pool2d requires, so that every window holds a real cell.
      if (pool && Array.isArray(spec) && Math.max(spec[0], spec[1]) >= k) {
        throw new Refusal(
          "Explicit padding must be smaller than the pool size on each side: along the " +
            name + ", padding (" + spec[0] + ", " + spec[1] + ") with pool size " + k +
            " (tf.nn.max_pool2d: “Top padding " + spec[0] + " needs to be smaller than the " +
            "window size " + k + "”)."
        );
      }
      return withSize(forward(name, n, k, s, spec, pool ? 1 : d, what));
    };
    H = attempt(function () {
      return axis("height", c.h, c.kh, c.sh, c.padding === "causal" ? "valid" : spec(c.pt, c.pb),
        c.dh);
    });
    W = attempt(function () {
      return axis("width", c.w, c.kw, c.sw, spec(c.pl, c.pr), c.dw);
    });
  }
  if (errors.length) throw errors;
  return { H: H, W: W };
}