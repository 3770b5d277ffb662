// The network planner's model: the twin of snippets/planner/index.py, built only on
// ./arithmetic.js (the mirror of snippets/arithmetic.py). plan(query) returns the same JSON as
// the Python plan(query); tests/browser/test_planner.py compares them on seeded random stacks.
import {
  ArithmeticError,
  convOutputSize,
  paddingAmounts,
  poolOutputSize,
  receptiveField,
  repr,
  transposedOutputSize,
  windowStarts,
} from "./arithmetic.js";

export const MAX_SIZE = 100000;
export const FIELDS = {
  conv: ["k", "s", "d", "p", "c"],
  dw: ["k", "s", "d", "p", "m"],
  maxpool: ["k", "s", "p"],
  avgpool: ["k", "s", "p"],
  convT: ["k", "s", "p", "op", "c"],
  zpad: ["t", "b", "l", "r"],
  crop: ["t", "b", "l", "r"],
  up: ["f"],
  concat: ["from"],
  add: ["from"],
};
export const OPS = Object.keys(FIELDS);
export const AXIS_NAMES = { 1: ["length"], 2: ["height", "width"] };
export const RANGE = [32, 1024];

export class PlanError extends Error {}
class Problem extends Error {}

function number(text, where, low) {
  if (!/^[0-9]{1,6}$/.test(text) || !(low <= parseInt(text, 10) && parseInt(text, 10) <= MAX_SIZE)) {
    throw new PlanError(
      where + " must be an integer from " + low + " to " + MAX_SIZE + ", got " + repr(text)
    );
  }
  return parseInt(text, 10);
}

function repeat(parts, ndim) {
  return parts.length === 1 ? Array(ndim).fill(parts[0]) : parts;
}

function perAxis(text, where, ndim, low) {
  const parts = repeat(text.split("x"), ndim);
  if (parts.length !== ndim) {
    throw new PlanError(
      where + " must be one number or " + ndim + " joined by 'x' for a " + ndim +
        "-D input, got " + repr(text)
    );
  }
  return parts.map((part) => number(part, where, low));
}

function padding(text, where, ndim) {
  const name = text.toLowerCase();
  if (name === "valid" || name === "same" || name === "causal") return name;
  const parts = repeat(text.split("x"), ndim);
  return parts.map((part) => {
    const m = /^([0-9]{1,6})-([0-9]{1,6})$/.exec(part);
    if (m === null || parts.length !== ndim) {
      throw new PlanError(
        where + " must be valid, same, causal or explicit amounts such as " +
          (ndim === 2 ? "1-1x0-1" : "2-0") + " (before-after per axis), got " + repr(text)
      );
    }
    return [parseInt(m[1], 10), parseInt(m[2], 10)];
  });
}

export function parse(query) {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const get = (key, fallback) => (params.has(key) ? params.get(key) : fallback);
  const size = get("in", "64x64");
  const shape = size.split("x").map((part) => number(part, "in (the input size)", 1));
  if (shape.length !== 1 && shape.length !== 2) {
    throw new PlanError("in (the input size) must be HxW or one length, got " + repr(size));
  }
  const ndim = shape.length;
  const channels = number(get("c", "1"), "c (the input channels)", 1);
  const layers = [];
  const text = get("l", "");
  (text ? text.split(";") : []).forEach((item, i) => {
    const index = i + 1;
    const [name, ...fields] = item.split(",");
    const op = OPS.find((o) => o.toLowerCase() === name.toLowerCase());
    if (op === undefined) {
      throw new PlanError(
        "layer " + index + ": unknown op " + repr(name) + "; the ops are " + OPS.join(", ")
      );
    }
    const layer = { op: op };
    fields.forEach((field) => {
      const at = field.indexOf("=");
      const key = at < 0 ? field : field.slice(0, at);
      const value = at < 0 ? "" : field.slice(at + 1);
      const where = "layer " + index + " (" + op + "): " + key;
      if (at < 0 || FIELDS[op].indexOf(key) < 0) {
        throw new PlanError(
          "layer " + index + " (" + op + "): unknown field " + repr(field) + "; " + op +
            " takes " + FIELDS[op].join(", ")
        );
      }
      if (["k", "s", "d", "f"].indexOf(key) >= 0) layer[key] = perAxis(value, where, ndim, 1);
      else if (key === "op") layer.opad = perAxis(value, where, ndim, 0);
      else if (key === "p") layer.p = padding(value, where, ndim);
      else if (key === "from") {
        layer.from = number(value, where, 0);
        if (layer.from >= index) {
          throw new PlanError(
            where + " must name an earlier layer (0 is the input, up to " + (index - 1) +
              "), got " + repr(value)
          );
        }
      } else if (key === "c" || key === "m") layer[key] = number(value, where, 1);
      else {
        if (ndim === 1 && (key === "t" || key === "b")) {
          throw new PlanError(where + ": a 1-D input is padded with l and r only");
        }
        layer[key] = number(value, where, 0);
      }
    });
    layers.push(layer);
  });
  return { shape: shape, channels: channels, layers: layers };
}

function defaults(layer, ndim) {
  const fill = (v) => Array(ndim).fill(v);
  const base = {
    conv: { k: fill(3), s: fill(1), d: fill(1), p: "valid", c: null },
    dw: { k: fill(3), s: fill(1), d: fill(1), p: "valid", m: 1 },
    maxpool: { k: fill(2), s: null, p: "valid" },
    avgpool: { k: fill(2), s: null, p: "valid" },
    convT: { k: fill(2), s: fill(1), p: "valid", opad: null, c: null },
    zpad: { t: 0, b: 0, l: 0, r: 0 },
    crop: { t: 0, b: 0, l: 0, r: 0 },
    up: { f: fill(2) },
    concat: { from: 0 },
    add: { from: 0 },
  }[layer.op];
  const full = Object.assign({}, base, layer);
  if ((layer.op === "maxpool" || layer.op === "avgpool") && full.s === null) full.s = full.k;
  return full;
}

const layerName = (index, op) => "Layer " + index + " (" + op + ")";
const sizes = (shape) => shape.join("×");
const prod = (a) => a.reduce((x, y) => x * y, 1);
const edges = (L, ndim) => (ndim === 1 ? [[L.l, L.r]] : [[L.t, L.b], [L.l, L.r]]);
const floorDiv = (a, b) => Math.floor(a / b);

function pairsText(pairs, ndim, op) {
  const keys = ndim === 1 ? ["l", "r"] : ["t", "b", "l", "r"];
  const values = pairs.flat();
  return op + "," + keys.map((k, i) => k + "=" + values[i]).join(",");
}

function mergeFix(index, L, main, skip, prev) {
  const ndim = main.length;
  const names = AXIS_NAMES[ndim];
  const diffs = main.map((m, i) => skip[i] - m);
  const by = diffs
    .map((d, i) => (d ? Math.abs(d) + " along the " + names[i] : null))
    .filter((x) => x !== null)
    .join(", ");
  const text = layerName(index, L.op) + " joins layer " + (index - 1) + "'s output " +
    sizes(main) + " with " + (L.from === 0 ? "the input" : "layer " + L.from + "'s output") +
    " " + sizes(skip) + ": they differ by " + by + ".";
  const fixes = [];
  if (diffs.every((d) => d >= 0)) {
    const pairs = diffs.map((d) => [floorDiv(d, 2), d - floorDiv(d, 2)]);
    fixes.push("crop the skip by " + pairsText(pairs, ndim, "crop"));
  }
  if (diffs.every((d) => d <= 0)) {
    const pairs = diffs.map((d) => [floorDiv(-d, 2), -d - floorDiv(-d, 2)]);
    fixes.push("crop layer " + (index - 1) + "'s output by " + pairsText(pairs, ndim, "crop"));
  }
  if (diffs.every((d) => d >= 0)) {
    const pairs = diffs.map((d) => [floorDiv(d, 2), d - floorDiv(d, 2)]);
    fixes.push("pad layer " + (index - 1) + "'s output by " + pairsText(pairs, ndim, "zpad"));
  }
  if (prev && prev.op === "convT") {
    const ops = [];
    for (let axis = 0; axis < ndim; axis++) {
      let found = null;
      for (let op = 0; op < prev.s[axis]; op++) {
        let size;
        try {
          size = transposedOutputSize(prev.in[axis], prev.k[axis], prev.s[axis], prev.p, op);
        } catch (e) {
          if (!(e instanceof ArithmeticError)) throw e;
          continue;
        }
        if (size === skip[axis]) {
          found = op;
          break;
        }
      }
      ops.push(found);
    }
    if (ops.every((o) => o !== null)) {
      fixes.push("set op=" + ops.join("x") + " on layer " + (index - 1) + " (convT)");
    }
  }
  return text + (fixes.length ? " Fix: " + fixes.join("; or ") + "." : "");
}

function field(f, layer, n, spec) {
  if (f === null) return null;
  const [start, size, jump] = f;
  const first = windowStarts(n, layer[0], layer[1], spec, layer[2])[0];
  const own = receptiveField([layer]);
  return [start + first * jump, size + (own.size - 1) * jump, jump * own.jump];
}

function union(a, b) {
  if (a === null || b === null || a[2] !== b[2]) return null;
  const start = Math.min(a[0], b[0]);
  const end = Math.max(a[0] + a[1], b[0] + b[1]);
  return [start, end - start, a[2]];
}

function oneLayer(index, L, x, tensors, results, ndim, names) {
  const op = L.op;
  const n = x.out;
  const c = x.c;
  const head = layerName(index, op);
  let out = [];
  let pads = [];
  let rf = [];
  let cOut = c;
  let macs = 0;
  const empty = (axis, error) =>
    new Problem(head + ": the " + names[axis] + " is empty: " + error.message);
  if (op === "conv" || op === "dw" || op === "maxpool" || op === "avgpool") {
    const pool = op === "maxpool" || op === "avgpool";
    const p = L.p;
    if (p === "causal" && (op !== "conv" || ndim === 2)) {
      throw new Problem(
        head + ": p=causal is Conv1D's padding: it needs a conv layer on a 1-D input"
      );
    }
    if (pool && Array.isArray(p)) {
      throw new Problem(
        head + ": Keras' pooling layers take p=valid or p=same, not explicit amounts; " +
          "put a zpad layer before it"
      );
    }
    const d = pool ? Array(ndim).fill(1) : L.d;
    if (op === "conv" && Math.max(...L.s) > 1 && Math.max(...d) > 1) {
      throw new Problem(
        head + ": Keras' Conv" + ndim + "D refuses strides > 1 with dilation_rate > 1 (s=" +
          L.s.join("x") + ", d=" + d.join("x") + ")"
      );
    }
    if (op === "dw" && L.s.some((s) => s !== L.s[0])) {
      throw new Problem(
        head + ": TensorFlow runs a depthwise convolution only with the same stride along " +
          "both axes (s=" + L.s.join("x") + ")"
      );
    }
    for (let axis = 0; axis < ndim; axis++) {
      const spec = Array.isArray(p) ? p[axis] : p;
      const k = L.k[axis];
      const s = L.s[axis];
      let size;
      try {
        size = pool ? poolOutputSize(n[axis], k, s, spec)
          : convOutputSize(n[axis], k, s, spec, d[axis]);
      } catch (e) {
        if (!(e instanceof ArithmeticError)) throw e;
        throw empty(axis, e);
      }
      pads.push(paddingAmounts(n[axis], k, s, spec, d[axis]));
      out.push(size);
      rf.push(field(x.rf[axis], [k, s, d[axis]], n[axis], spec));
    }
    if (op === "conv") {
      cOut = L.c || c;
      macs = prod(out) * prod(L.k) * c * cOut;
    } else if (op === "dw") {
      cOut = c * L.m;
      macs = prod(out) * prod(L.k) * cOut;
    }
  } else if (op === "convT") {
    const p = L.p;
    if (p !== "valid" && p !== "same") {
      throw new Problem(head + ": Keras' Conv" + ndim + "DTranspose takes p=valid or p=same");
    }
    for (let axis = 0; axis < ndim; axis++) {
      const k = L.k[axis];
      const s = L.s[axis];
      const opad = L.opad === null ? null : L.opad[axis];
      let size;
      try {
        size = transposedOutputSize(n[axis], k, s, p, opad);
      } catch (e) {
        if (!(e instanceof ArithmeticError)) throw e;
        throw new Problem(head + ": along the " + names[axis] + ": " + e.message);
      }
      out.push(size);
      pads.push(paddingAmounts(size, k, s, p));
      rf.push(null);
    }
    cOut = L.c || c;
    macs = prod(n) * prod(L.k) * c * cOut;
  } else if (op === "zpad" || op === "crop") {
    const sign = op === "zpad" ? 1 : -1;
    edges(L, ndim).forEach(([before, after], axis) => {
      const size = n[axis] + sign * (before + after);
      if (size < 1) {
        throw new Problem(
          head + ": the " + names[axis] + " is empty: cropping " + before + " + " + after +
            " from " + n[axis] + " cells leaves " + size
        );
      }
      out.push(size);
      pads.push(op === "zpad" ? [before, after] : [-before, -after]);
      const f = x.rf[axis];
      rf.push(f === null ? null : [f[0] - sign * before * f[2], f[1], f[2]]);
    });
  } else if (op === "up") {
    out = n.map((a, i) => a * L.f[i]);
    rf = Array(ndim).fill(null);
    pads = null;
  } else {
    const skip = tensors[L.from];
    // Add broadcasts, as Keras' Add does: a size of 1 on one side meets any size.
    const widen = op === "add";
    if (!n.every((a, i) => a === skip.out[i] || (widen && (a === 1 || skip.out[i] === 1)))) {
      const prev = results.length ? results[results.length - 1].layer : null;
      throw new Problem(mergeFix(index, L, n, skip.out, prev || null));
    }
    if (widen && skip.c !== c && c !== 1 && skip.c !== 1) {
      throw new Problem(
        head + ": add needs the same channels, or 1 on one side (Keras broadcasts it), got " +
          c + " (layer " + (index - 1) + ") and " + skip.c + " (" +
          (L.from === 0 ? "the input" : "layer " + L.from) + ")"
      );
    }
    cOut = op === "concat" ? c + skip.c : Math.max(c, skip.c);
    out = n.map((a, i) => Math.max(a, skip.out[i]));
    pads = null;
    rf = x.rf.map((a, i) => (n[i] === skip.out[i] ? union(a, skip.rf[i]) : null));
  }
  return { out: out, pads: pads, c: cOut, macs: macs, rf: rf };
}

export function run(parsed) {
  const ndim = parsed.shape.length;
  const names = AXIS_NAMES[ndim];
  const tensors = [{
    out: parsed.shape, c: parsed.channels, rf: Array(ndim).fill([0, 1, 1]),
  }];
  const results = [];
  let stopped = false;
  parsed.layers.forEach((raw, i) => {
    const index = i + 1;
    const L = defaults(raw, ndim);
    const result = {
      op: L.op, out: null, pads: null, uneven: null, rf: null, macs: 0, error: null,
    };
    if (stopped) {
      results.push(result);
      tensors.push(null);
      return;
    }
    const x = tensors[tensors.length - 1];
    let r;
    try {
      r = oneLayer(index, L, x, tensors, results, ndim, names);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      result.error = e.message;
      stopped = true;
      results.push(result);
      tensors.push(null);
      return;
    }
    result.out = r.out;
    result.pads = r.pads;
    result.macs = r.macs;
    result.c = r.c;
    result.uneven = r.pads === null ? null : r.pads.map((p) => p[0] !== p[1]);
    result.rf = r.rf;
    L.in = x.out;
    result.layer = L;
    result.input = x.out;
    results.push(result);
    tensors.push({ out: r.out, c: r.c, rf: r.rf });
  });
  return results;
}

function round4(x) {
  return Math.round(x * 10000) / 10000;
}

export function plan(query) {
  let parsed;
  try {
    parsed = parse(query);
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    return { error: e.message, layers: [] };
  }
  const results = run(parsed);
  const total = results.reduce((a, r) => a + r.macs, 0);
  return {
    error: null,
    shape: parsed.shape,
    layers: results.map((r) => ({
      out: r.out,
      pads: r.pads,
      uneven: r.uneven,
      rf: r.rf,
      macs: r.macs,
      share: total ? round4(r.macs / total) : 0,
      error: r.error,
    })),
    macs: total,
    fits: fits(parsed),
    parsed: parsed,
    results: results,
  };
}

// Cheap: a layer's size checks look at one axis at a time, so each axis (once per distinct set
// of per-axis fields) is followed through the sizes alone, stopping at its first failure; one
// full run at the first size that passes them then decides the checks no size changes (a causal
// 2-D conv, channels that do not add up), which hold for all sizes or for none.
export function fits(parsed) {
  if (!parsed.layers.some((l) => l.op === "concat" || l.op === "add")) return null;
  const ndim = parsed.shape.length;
  const layers = parsed.layers.map((l) => defaults(l, ndim));
  const axes = new Map();
  for (let axis = 0; axis < ndim; axis++) {
    const fields = axisFields(layers, axis, ndim);
    axes.set(JSON.stringify(fields), fields);
  }
  let good = [];
  for (let size = RANGE[0]; size <= RANGE[1]; size++) {
    if ([...axes.values()].every((fields) => axisWorks(fields, size))) good.push(size);
  }
  if (good.length) {
    const trial = Object.assign({}, parsed, { shape: Array(ndim).fill(good[0]) });
    if (run(trial).some((r) => r.error !== null)) good = [];
  }
  return { sizes: good, pattern: pattern(good) };
}

// What decides one axis' sizes: per layer, its op and its fields along that axis.
function axisFields(layers, axis, ndim) {
  return layers.map((L) => {
    const op = L.op;
    if (["conv", "dw", "maxpool", "avgpool", "convT"].indexOf(op) >= 0) {
      const p = Array.isArray(L.p) ? L.p[axis] : L.p;
      let extra = op === "conv" || op === "dw" ? L.d[axis] : null;
      if (op === "convT" && L.opad !== null) extra = L.opad[axis];
      return [op, L.k[axis], L.s[axis], p, extra];
    }
    if (op === "zpad" || op === "crop") return [op, edges(L, ndim)[axis].reduce((x, y) => x + y)];
    if (op === "up") return [op, L.f[axis]];
    return [op, L.from];
  });
}

// Whether every layer's size checks pass along one axis from an input of n cells.
function axisWorks(fields, n) {
  const sizes = [n];
  for (const field of fields) {
    if (field[0] === "concat" || field[0] === "add") {
      const skip = sizes[field[1]];
      if (n !== skip && !(field[0] === "add" && (n === 1 || skip === 1))) return false;
      n = Math.max(n, skip);
    } else {
      n = axisStep(field, n);
      if (n < 1) return false;
    }
    sizes.push(n);
  }
  return true;
}

// One layer's output size along one axis, or 0 when that layer has no output there.
function axisStep(field, n) {
  const [op, a, b, c, d] = field;
  try {
    if (op === "conv" || op === "dw") return convOutputSize(n, a, b, c, d);
    if (op === "convT") return transposedOutputSize(n, a, b, c, d);
    if (op === "maxpool" || op === "avgpool") return poolOutputSize(n, a, b, c);
  } catch (e) {
    if (!(e instanceof ArithmeticError)) throw e;
    return 0;
  }
  if (op === "up") return n * a;
  return Math.max(n + (op === "zpad" ? a : -a), 0);
}

export function pattern(sizes) {
  if (!sizes.length) return "no input size from " + RANGE[0] + " to " + RANGE[1];
  const good = new Set(sizes);
  for (let period = 1; period <= 64; period++) {
    const residues = [...new Set(sizes.map((n) => n % period))].sort((a, b) => a - b);
    let ok = true;
    for (let n = RANGE[0]; n <= RANGE[1] && ok; n++) {
      ok = good.has(n) === residues.includes(n % period);
    }
    if (ok) {
      if (period === 1) return "every input size from " + RANGE[0] + " to " + RANGE[1];
      return "inputs " + residues.map((r) => period + "k + " + r).join(" or ");
    }
  }
  const shown = sizes.slice(0, 8).join(", ");
  return sizes.length + " sizes: " + shown + (sizes.length > 8 ? ", …" : "");
}
