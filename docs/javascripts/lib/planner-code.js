// The planner's model as code a reader can run: Keras that builds it with the functional API,
// and PyTorch that gives TensorFlow's shapes by writing TensorFlow's padding out. Both print
// every layer's output shape, one line per layer: "layer3_convT: (1, 34, 34, 1)". Every size and
// padding amount is the plan's (./planner-model.js, built on ./arithmetic.js); nothing is
// re-derived here. tests/browser/test_planner_code.py runs both with TensorFlow and PyTorch.
import { transposedLength } from "./arithmetic.js";

const WIDTH = 88;
export const NOTHING = "# Nothing to write until the model can be read: see the message above.";
export const EMPTY = "# No layers yet: add one above.";

// A call formatted the way ruff formats Python, as playground-code.js's call() does, with what
// follows the closing parenthesis (a layer's input) and an indent: on one line when it fits,
// else its arguments on one indented line, else one argument per line.
function pycall(indent, head, args, tail) {
  const end = ")" + (tail || "");
  const line = indent + head + "(" + args.join(", ") + end;
  if (line.length <= WIDTH) return [line];
  const inner = indent + "    " + args.join(", ");
  if (inner.length <= WIDTH) return [indent + head + "(", inner, indent + end];
  return [indent + head + "("].concat(args.map((a) => indent + "    " + a + ","), [indent + end]);
}

// A comment, wrapped at the line width.
function comment(indent, text) {
  const lines = [];
  let line = indent + "#";
  text.split(" ").forEach((word) => {
    if (line.length + 1 + word.length > WIDTH && line !== indent + "#") {
      lines.push(line);
      line = indent + "#";
    }
    line += " " + word;
  });
  lines.push(line);
  return lines;
}

const tuple = (values) => "(" + values.join(", ") + (values.length === 1 ? ",)" : ")");
// Keras and PyTorch take an int for a 1-D layer and a tuple for a 2-D one.
const size = (values) => (values.length === 1 ? String(values[0]) : tuple(values));
const ones = (values) => values.every((v) => v === 1);
const name = (index, op) => "layer" + index + "_" + op;

// F.pad's order: the last axis first, (before, after) each: (left, right, top, bottom).
function fpad(pads) {
  return tuple(pads.slice().reverse().flat());
}

function padWords(pads) {
  const axes = pads.length === 1 ? ["(left, right)"] : ["(top, bottom)", "(left, right)"];
  return pads.map((p, a) => axes[a] + " = (" + p[0] + ", " + p[1] + ")").join(", ");
}

// x[:, :, a:b, c:d]: the cells kept along each axis, channels first.
function slice(variable, starts, sizes) {
  return variable + "[:, :, " + starts.map((s, a) => s + ":" + (s + sizes[a])).join(", ") + "]";
}

// What stops the plan, if anything: the number of the first layer with a problem and its words.
function firstProblem(result) {
  const at = result.layers.findIndex((r) => r.error);
  return at < 0 ? null : { index: at + 1, op: result.results[at].op, error: result.layers[at].error };
}

function problemNote(problem, built) {
  const head = built
    ? (built === 1 ? "Layer 1" : "Layers 1 to " + built) + " only: the planner flags layer " + problem.index + " (" +
      problem.op + "), so it and the layers after it are left out."
    : "Nothing to build: the planner flags layer " + problem.index + " (" + problem.op + ").";
  return comment("", head).concat(comment("", problem.error));
}

// ---- Keras ----

function kerasLayer(index, r, channelsIn) {
  const L = r.layer;
  const ndim = r.out.length;
  const x = "x" + (index - 1);
  const y = "x" + index;
  const K = "keras.layers.";
  // ZeroPadding and Cropping take (left, right) in 1-D, ((top, bottom), (left, right)) in 2-D.
  const edges = ndim === 1 ? tuple([L.l, L.r]) : tuple([tuple([L.t, L.b]), tuple([L.l, L.r])]);
  const id = 'name="' + name(index, L.op) + '"';
  if (L.op === "conv" || L.op === "dw") {
    const explicit = Array.isArray(L.p);
    const kind = (L.op === "dw" ? "DepthwiseConv" : "Conv") + ndim + "D";
    const args = L.op === "dw" ? [size(L.k)] : [String(L.c || channelsIn), size(L.k)];
    if (!ones(L.s)) args.push("strides=" + size(L.s));
    if (!ones(L.d)) args.push("dilation_rate=" + size(L.d));
    if (L.op === "dw" && L.m !== 1) args.push("depth_multiplier=" + L.m);
    args.push('padding="' + (explicit ? "valid" : L.p) + '"', id);
    if (!explicit) return pycall("", y + " = " + K + kind, args, "(" + x + ")");
    const pad = ndim === 1 ? tuple(L.p[0]) : tuple(L.p.map(tuple));
    return comment("", "Explicit amounts: the zeros first, then a valid convolution.").concat(
      pycall("", y + " = " + K + "ZeroPadding" + ndim + "D",
        [pad, 'name="' + name(index, "pad") + '"'], "(" + x + ")"),
      pycall("", y + " = " + K + kind, args, "(" + y + ")"));
  }
  if (L.op === "maxpool" || L.op === "avgpool") {
    const kind = L.op === "maxpool" ? "MaxPooling" : "AveragePooling";
    return pycall("", y + " = " + K + kind + ndim + "D",
      [size(L.k), "strides=" + size(L.s), 'padding="' + L.p + '"', id], "(" + x + ")");
  }
  if (L.op === "convT") {
    const args = [String(L.c || channelsIn), size(L.k)];
    if (!ones(L.s)) args.push("strides=" + size(L.s));
    args.push('padding="' + L.p + '"');
    if (L.opad !== null) args.push("output_padding=" + size(L.opad));
    args.push(id);
    return pycall("", y + " = " + K + "Conv" + ndim + "DTranspose", args, "(" + x + ")");
  }
  if (L.op === "zpad" || L.op === "crop") {
    const kind = L.op === "zpad" ? "ZeroPadding" : "Cropping";
    return pycall("", y + " = " + K + kind + ndim + "D", [edges, id], "(" + x + ")");
  }
  if (L.op === "up") {
    return pycall("", y + " = " + K + "UpSampling" + ndim + "D", ["size=" + size(L.f), id],
      "(" + x + ")");
  }
  const kind = L.op === "concat" ? "Concatenate" : "Add";
  return pycall("", y + " = " + K + kind, [id], "([" + x + ", x" + L.from + "])");
}

// How many layers the code can build (those before the first problem), or the whole text when
// it can build none.
function extent(result) {
  if (result.error) return { whole: NOTHING };
  if (!result.layers.length) return { whole: EMPTY };
  const problem = firstProblem(result);
  const built = problem ? problem.index - 1 : result.layers.length;
  if (!built) return { whole: problemNote(problem, 0).join("\n") };
  return { problem: problem, built: built };
}

export function kerasCode(result) {
  const { whole, problem, built } = extent(result);
  if (whole !== undefined) return whole;
  const shape = result.parsed.shape;
  const channels = result.parsed.channels;
  const axes = shape.length === 1 ? "steps" : "height, width";
  const lines = ["import keras", "import numpy as np", ""].concat(
    problem ? problemNote(problem, built) : [],
    comment("", "The planner's model, built with Keras' functional API and run on one input: " +
      "prints each layer's output shape, (batch, " + axes + ", channels)."),
    ["x0 = keras.Input(shape=" + tuple(shape.concat([channels])) + ")"]);
  let c = channels;
  for (let i = 1; i <= built; i++) {
    const r = result.results[i - 1];
    lines.push(...kerasLayer(i, r, c));
    c = r.c;
  }
  const outs = [];
  for (let i = 1; i <= built; i++) outs.push("x" + i);
  lines.push(...pycall("", "model = keras.Model", ["x0", built === 1 ? "x1" : "[" + outs.join(", ") + "]"]));
  lines.push(...pycall("", "x = np.random.default_rng(0).normal",
    ["size=" + tuple([1].concat(shape, [channels]))], '.astype("float32")'));
  // A model with one output returns a tensor, not a list of one.
  lines.push(built === 1 ? "outputs = [model(x)]" : "outputs = model(x)");
  lines.push("for name, y in zip(model.output_names, outputs):",
    '    print(f"{name}: {tuple(y.shape)}")');
  return lines.join("\n");
}

// ---- PyTorch ----

function torchLayer(index, r, channelsIn) {
  const L = r.layer;
  const ndim = r.out.length;
  const x = "x" + (index - 1);
  const y = "x" + index;
  const d = ndim + "d";
  const padded = r.pads !== null && r.pads.some((p) => p[0] || p[1]);
  const init = [];
  let forward = [];
  if (L.op === "conv" || L.op === "dw") {
    // A depthwise convolution is a grouped one, a group for each input channel.
    const filters = L.op === "dw" ? channelsIn * L.m : L.c || channelsIn;
    const args = [String(channelsIn), String(filters), size(L.k)];
    if (!ones(L.s)) args.push("stride=" + size(L.s));
    if (!ones(L.d)) args.push("dilation=" + size(L.d));
    if (L.op === "dw") args.push("groups=" + channelsIn);
    init.push(...pycall("        ", "self.layer" + index + " = nn.Conv" + d, args));
    const what = L.p === "same" ? "SAME" : L.p === "causal" ? "causal" : "explicit amounts";
    if (padded) forward = comment("        ", "Layer " + index + ", " + what + ": TensorFlow pads " +
      padWords(r.pads) + ".");
    forward.push(...pycall("        ", y + " = self.layer" + index,
      [padded ? "F.pad(" + x + ", " + fpad(r.pads) + ")" : x]));
  } else if (L.op === "maxpool") {
    if (padded) forward = comment("        ", "Layer " + index + ", SAME: TensorFlow pads " +
      padWords(r.pads) + "; with -inf, so that padding never wins the maximum.");
    const input = padded ? "F.pad(" + x + ", " + fpad(r.pads) + ', value=-float("inf"))' : x;
    forward.push(...pycall("        ", y + " = F.max_pool" + d, [input, size(L.k), size(L.s)]));
  } else if (L.op === "avgpool") {
    if (!padded) {
      forward = pycall("        ", y + " = F.avg_pool" + d, [x, size(L.k), size(L.s)]);
    } else {
      // Not count_include_pad=False: that option knows only the symmetric padding= amounts.
      forward = comment("        ", "Layer " + index + ", SAME: TensorFlow pads " +
        padWords(r.pads) + " and leaves the padding out of each average: the average of the " +
        "zero-padded input over the share of real cells in each window.");
      const pool = (input) => "F.avg_pool" + d + "(F.pad(" + input + ", " + fpad(r.pads) + "), " +
        size(L.k) + ", " + size(L.s) + ")";
      forward.push("        sums = " + pool(x), "        real = " + pool("torch.ones_like(" + x + ")"),
        "        " + y + " = sums / real");
    }
  } else if (L.op === "convT") {
    // The full result is (n - 1) * stride + kernel long; TensorFlow keeps `size` cells of it
    // from `before` on, and output_padding adds the cells TensorFlow keeps past its end.
    const before = r.pads.map((p) => p[0]);
    const extra = r.out.map((n, a) => Math.max(before[a] + n -
      transposedLength(r.input[a], L.k[a], L.s[a], "valid", 0), 0));
    const full = r.input.map((n, a) => transposedLength(n, L.k[a], L.s[a], "valid", 0) + extra[a]);
    const args = [String(channelsIn), String(L.c || channelsIn), size(L.k)];
    if (!ones(L.s)) args.push("stride=" + size(L.s));
    if (extra.some((e) => e)) args.push("output_padding=" + size(extra));
    init.push(...pycall("        ", "self.layer" + index + " = nn.ConvTranspose" + d, args));
    const cropped = full.some((n, a) => n !== r.out[a] || before[a]);
    if (cropped) {
      forward = comment("        ", "Layer " + index + ": TensorFlow keeps " + r.out.join(" × ") +
        " cells of the full " + full.join(" × ") + " result, from " + (ndim === 1
        ? "cell " + before[0]
        : "row " + before[0] + " and column " + before[1]) + ".");
      forward.push("        " + y + " = " + slice("self.layer" + index + "(" + x + ")", before, r.out));
    } else {
      forward.push("        " + y + " = self.layer" + index + "(" + x + ")");
    }
  } else if (L.op === "zpad") {
    forward.push("        " + y + " = F.pad(" + x + ", " + fpad(r.pads) + ")");
  } else if (L.op === "crop") {
    forward.push("        " + y + " = " + slice(x, r.pads.map((p) => -p[0]), r.out));
  } else if (L.op === "up") {
    // Nearest neighbour, exactly: each cell repeated, as UpSampling does.
    let expr = x;
    L.f.forEach((f, a) => {
      if (f !== 1) expr += ".repeat_interleave(" + f + ", dim=" + (a + 2) + ")";
    });
    forward.push("        " + y + " = " + expr);
  } else if (L.op === "concat") {
    forward.push("        " + y + " = torch.cat([" + x + ", x" + L.from + "], dim=1)");
  } else {
    forward.push("        " + y + " = " + x + " + x" + L.from);
  }
  return { init: init, forward: forward };
}

export function pytorchCode(result) {
  const { whole, problem, built } = extent(result);
  if (whole !== undefined) return whole;
  const shape = result.parsed.shape;
  const channels = result.parsed.channels;
  const init = [];
  const forward = [];
  let c = channels;
  for (let i = 1; i <= built; i++) {
    const r = result.results[i - 1];
    const code = torchLayer(i, r, c);
    init.push(...code.init);
    forward.push(...code.forward);
    c = r.c;
  }
  const text = forward.join("\n");
  const axes = shape.length === 1 ? "steps" : "height, width";
  const lines = ["import numpy as np", "import torch"].concat(
    /F\./.test(text) ? ["import torch.nn.functional as F"] : [],
    ["from torch import nn", ""],
    problem ? problemNote(problem, built) : [],
    comment("", "The planner's model in PyTorch, channels first: prints each layer's output " +
      "shape, (batch, channels, " + axes + "), with TensorFlow's sizes. PyTorch's padding= pads " +
      "both sides alike, so TensorFlow's padding is written out with F.pad, which takes " +
      (shape.length === 1 ? "(left, right)." : "(left, right, top, bottom).")),
    ["", "", "class Model(nn.Module):", "    def __init__(self):", "        super().__init__()"],
    init,
    ["", "    def forward(self, x0):"],
    forward,
    ["        return {"]);
  for (let i = 1; i <= built; i++) {
    lines.push('            "' + name(i, result.results[i - 1].op) + '": x' + i + ",");
  }
  lines.push("        }", "", "", "model = Model()");
  lines.push(...comment("", "The Keras code's input, channels first."));
  lines.push(...pycall("", "x = np.random.default_rng(0).normal",
    ["size=" + tuple([1].concat(shape, [channels]))], '.astype("float32")'));
  const order = shape.length === 1 ? "(0, 2, 1)" : "(0, 3, 1, 2)";
  lines.push("x = torch.from_numpy(x.transpose" + order + ".copy())", "with torch.no_grad():",
    "    outputs = model(x)", "for name, y in outputs.items():",
    '    print(f"{name}: {tuple(y.shape)}")');
  return lines.join("\n");
}

// Both programs for a plan (planner-model.js's plan()).
export function plannerCode(result) {
  return { keras: kerasCode(result), pytorch: pytorchCode(result) };
}
