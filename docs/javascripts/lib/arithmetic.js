// Convolution arithmetic as TensorFlow and Keras compute it: the browser's mirror of
// snippets/arithmetic.py, the site's single home of the formulas. Same functions, same argument
// order, same results and the same error messages (the ValueError text, naming the argument and
// its value); tests/browser/test_arithmetic_js.py compares the two on thousands of seeded inputs.
//
// Values are Python's as JSON brings them: integers are numbers, a (before, after) pair is a
// two-item array, None is null. Bad input throws ArithmeticError, the mirror of ValueError.

export class ArithmeticError extends Error {
  constructor(message) {
    super(message);
    this.name = "ValueError";
  }
}

export const PADDING_NAMES = ["valid", "same", "causal"];

// Python's repr of a value, for messages: 'text', None, True, (1, 2).
export function repr(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") {
    return value.indexOf("'") >= 0 && value.indexOf('"') < 0
      ? '"' + value + '"'
      : "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
  }
  if (Array.isArray(value)) {
    if (value.length === 1) return "(" + repr(value[0]) + ",)";
    return "(" + value.map(repr).join(", ") + ")";
  }
  return String(value);
}

function typeName(value) {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "tuple";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return typeof value;
}

function isInt(value) {
  return typeof value === "number" && Number.isInteger(value);
}

function checkInt(name, value, minimum) {
  if (!isInt(value)) {
    throw new ArithmeticError(
      name + " must be an integer >= " + minimum + ", got " + repr(value) + " (" +
        typeName(value) + ")"
    );
  }
  if (value < minimum) {
    throw new ArithmeticError(
      name + " must be an integer >= " + minimum + ", got " + repr(value)
    );
  }
  return value;
}

function ceilDiv(a, b) {
  return -Math.floor(-a / b);
}

export function effectiveKernelSize(k, dilation = 1) {
  k = checkInt("k", k, 1);
  dilation = checkInt("dilation", dilation, 1);
  return (k - 1) * dilation + 1;
}

// A lower-case padding name from `allowed`, or an explicit [before, after] pair.
export function normalizePadding(padding, allowed = PADDING_NAMES) {
  if (typeof padding === "string") {
    const name = padding.toLowerCase();
    if (allowed.indexOf(name) < 0) {
      throw new ArithmeticError(
        "padding must be one of " + allowed.map(repr).join(", ") +
          ", an int or a (before, after) pair, got " + repr(padding)
      );
    }
    return name;
  }
  if (!isInt(padding) && !Array.isArray(padding)) {
    throw new ArithmeticError(
      "padding must be a string, an int or a (before, after) pair of ints, got " + repr(padding)
    );
  }
  if (isInt(padding)) {
    const p = checkInt("padding", padding, 0);
    return [p, p];
  }
  if (padding.length !== 2) {
    throw new ArithmeticError(
      "padding as a sequence must be a (before, after) pair, got " + repr(padding) + " with " +
        padding.length + " items"
    );
  }
  const before = checkInt("padding[0] (before)", padding[0], 0);
  const after = checkInt("padding[1] (after)", padding[1], 0);
  return [before, after];
}

export function samePadding(n, k, stride = 1, dilation = 1) {
  n = checkInt("n", n, 1);
  stride = checkInt("stride", stride, 1);
  const kEff = effectiveKernelSize(k, dilation);
  const out = ceilDiv(n, stride);
  const total = Math.max((out - 1) * stride + kEff - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

export function paddingAmounts(n, k, stride = 1, padding = "valid", dilation = 1) {
  n = checkInt("n", n, 1);
  stride = checkInt("stride", stride, 1);
  const kEff = effectiveKernelSize(k, dilation);
  const spec = normalizePadding(padding, PADDING_NAMES);
  if (spec === "valid") return [0, 0];
  if (spec === "same") return samePadding(n, k, stride, dilation);
  if (spec === "causal") return [kEff - 1, 0];
  return spec;
}

function windowsFit(n, before, after, k, stride, dilation, kernelName = "k") {
  const kEff = (k - 1) * dilation + 1;
  const padded = n + before + after;
  if (padded < kEff) {
    throw new ArithmeticError(
      "output would be empty: the effective kernel size " + kEff + " (" + kernelName + "=" + k +
        ", dilation=" + dilation + ") does not fit into the padded input of size " + padded +
        " (n=" + n + ", padding=(" + before + ", " + after + ")); Keras says 'Computed output " +
        "size would be zero or negative'"
    );
  }
  return Math.floor((padded - kEff) / stride) + 1;
}

export function convOutputSize(n, k, stride = 1, padding = "valid", dilation = 1) {
  const [before, after] = paddingAmounts(n, k, stride, padding, dilation);
  return windowsFit(n, before, after, k, stride, dilation);
}

export function windowStarts(n, k, stride = 1, padding = "valid", dilation = 1) {
  const before = paddingAmounts(n, k, stride, padding, dilation)[0];
  const out = convOutputSize(n, k, stride, padding, dilation);
  const starts = [];
  for (let i = 0; i < out; i++) starts.push(i * stride - before);
  return starts;
}

export function poolOutputSize(n, pool, stride = null, padding = "valid") {
  pool = checkInt("pool", pool, 1);
  if (stride === null || stride === undefined) stride = pool;
  const spec = normalizePadding(padding, ["valid", "same"]);
  if (Array.isArray(spec) && Math.max(spec[0], spec[1]) >= pool) {
    throw new ArithmeticError(
      "padding must be smaller than the pool size on each side, got padding=" + repr(padding) +
        " with pool=" + pool + "; tf.nn.max_pool2d refuses it"
    );
  }
  const [before, after] = paddingAmounts(n, pool, stride, padding);
  return windowsFit(n, before, after, pool, stride, 1, "pool");
}

// The length the transposed formula gives, before the check that the forward convolution maps
// it back to n. Arguments already checked: spec is "valid", "same" or a pair.
export function transposedLength(n, kEff, stride, spec, outputPadding) {
  if (spec === "valid") {
    const op = outputPadding === null ? Math.max(kEff, stride) - kEff : outputPadding;
    return (n - 1) * stride + kEff + op;
  }
  if (spec === "same") {
    return outputPadding === null ? n * stride : (n - 1) * stride + (kEff % 2) + outputPadding;
  }
  const op = outputPadding === null ? 0 : outputPadding;
  return (n - 1) * stride + kEff - spec[0] - spec[1] + op;
}

export function transposedOutputSize(
  n, k, stride = 1, padding = "valid", outputPadding = null, dilation = 1
) {
  n = checkInt("n", n, 1);
  stride = checkInt("stride", stride, 1);
  const kEff = effectiveKernelSize(k, dilation);
  const spec = normalizePadding(padding, ["valid", "same"]);
  if (outputPadding === undefined) outputPadding = null;
  if (outputPadding !== null) {
    outputPadding = checkInt("output_padding", outputPadding, 0);
    if (outputPadding >= stride) {
      throw new ArithmeticError(
        "output_padding must be smaller than stride, got output_padding=" + outputPadding +
          " with stride=" + stride
      );
    }
  }
  const out = transposedLength(n, kEff, stride, spec, outputPadding);
  const forward = typeof padding === "string" ? padding : spec;
  if (out < 1 || convOutputSize(out, k, stride, forward, dilation) !== n) {
    throw new ArithmeticError(
      "transposed convolution has no consistent output: n=" + n + ", k=" + k + ", stride=" +
        stride + ", padding=" + repr(padding) + ", output_padding=" + repr(outputPadding) +
        ", dilation=" + dilation + " gives length " + out + ", which the forward convolution " +
        "does not map back to n=" + n
    );
  }
  return out;
}

// Receptive field {size, jump} of a stack of [k, stride, dilation] layers.
export function receptiveField(layers) {
  let size = 1;
  let jump = 1;
  layers.forEach(function (layer, index) {
    if (!Array.isArray(layer) || layer.length !== 3) {
      throw new ArithmeticError(
        "layers[" + index + "] must be a (k, stride, dilation) triple, got " + repr(layer)
      );
    }
    const k = checkInt("layers[" + index + "] k", layer[0], 1);
    const stride = checkInt("layers[" + index + "] stride", layer[1], 1);
    const dilation = checkInt("layers[" + index + "] dilation", layer[2], 1);
    size += ((k - 1) * dilation + 1 - 1) * jump;
    jump *= stride;
  });
  return { size: size, jump: jump };
}
