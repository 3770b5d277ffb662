// The playground's state: the URL query <-> raw field values <-> a checked configuration.
// tests/playground_cases.py holds the same rules in Python.

export var MAX = 64;

export var OPS = [
  ["conv", "Convolution"],
  ["maxpool", "Max pooling"],
  ["avgpool", "Average pooling"],
  ["transposed", "Transposed convolution"],
];
export var PADDINGS = [
  ["valid", "valid"],
  ["same", "same"],
  ["causal", "causal (1-D)"],
  ["explicit", "explicit amounts"],
];
// key, visible label, smallest value, default, group. oph/opw may be empty (None).
export var NUMBERS = [
  ["h", "height", 1, "7", "input"],
  ["w", "width", 1, "6", "input"],
  ["kh", "height", 1, "3", "kernel"],
  ["kw", "width", 1, "3", "kernel"],
  ["sh", "height", 1, "2", "stride"],
  ["sw", "width", 1, "2", "stride"],
  ["dh", "height", 1, "1", "dilation"],
  ["dw", "width", 1, "1", "dilation"],
  ["pt", "top", 0, "0", "explicit"],
  ["pb", "bottom", 0, "0", "explicit"],
  ["pl", "left", 0, "0", "explicit"],
  ["pr", "right", 0, "0", "explicit"],
  ["oph", "height", 0, "", "outpad"],
  ["opw", "width", 0, "", "outpad"],
];
export var GROUPS = [
  ["input", "Input size"],
  ["kernel", "Kernel size"],
  ["stride", "Stride"],
  ["dilation", "Dilation"],
  ["explicit", "Explicit padding"],
  ["outpad", "output_padding"],
];
export var ORDER = ["op", "h", "w", "kh", "kw", "sh", "sw", "dh", "dw", "padding"].concat(
  ["pt", "pb", "pl", "pr", "oph", "opw"]
);
export var FIELD = {};
NUMBERS.forEach(function (f) {
  FIELD[f[0]] = f;
});

export function has(pairs, name) {
  return pairs.some(function (p) {
    return p[0] === name;
  });
}

export function isPool(op) {
  return op === "maxpool" || op === "avgpool";
}

// Fields that do not apply are hidden and ignored, so a stale value never blocks a result.
export function applies(group, op, padding) {
  if (group === "dilation") return !isPool(op);
  if (group === "explicit") return padding === "explicit";
  if (group === "outpad") return op === "transposed";
  return true;
}

// ---- State: query string <-> raw field values <-> checked configuration ----

export function readQuery(query) {
  var params = new URLSearchParams(query);
  var raw = {};
  raw.op = params.has("op") ? params.get("op") : "conv";
  raw.padding = params.has("padding") ? params.get("padding") : "same";
  NUMBERS.forEach(function (f) {
    raw[f[0]] = params.has(f[0]) ? params.get(f[0]) : f[3];
  });
  return raw;
}

export function check(raw) {
  var errors = [];
  var bad = [];
  var c = { op: raw.op.toLowerCase(), padding: raw.padding.toLowerCase() };
  if (!has(OPS, c.op)) {
    errors.push(
      "op must be one of conv, maxpool, avgpool, transposed; got " + show(raw.op) + "."
    );
    bad.push("op");
  }
  if (!has(PADDINGS, c.padding)) {
    errors.push(
      "padding must be one of valid, same, causal, explicit; got " + show(raw.padding) + "."
    );
    bad.push("padding");
  }
  NUMBERS.forEach(function (f) {
    var key = f[0];
    if (!applies(f[4], c.op, c.padding)) return;
    var text = raw[key];
    if (f[4] === "outpad" && text === "") {
      c[key] = null;
      return;
    }
    var value = /^[0-9]+$/.test(text) ? parseInt(text, 10) : NaN;
    if (!(value >= f[2] && value <= MAX)) {
      errors.push(
        key + " (" + groupName(f[4]) + " " + f[1] + ") must be " +
          (f[4] === "outpad" ? "empty (None) or " : "") + "an integer from " + f[2] +
          " to " + MAX + "; got " + show(text) + "."
      );
      bad.push(key);
      return;
    }
    c[key] = value;
  });
  return { config: c, errors: errors, bad: bad };
}

export function show(text) {
  return text === "" ? "nothing (empty)" : JSON.stringify(text);
}

export function groupName(group) {
  return GROUPS.filter(function (g) {
    return g[0] === group;
  })[0][1].toLowerCase();
}

// The canonical query: the fields that apply, in a fixed order, names in lower case.
export function queryOf(raw) {
  var op = raw.op.toLowerCase();
  var padding = raw.padding.toLowerCase();
  var params = new URLSearchParams();
  ORDER.forEach(function (key) {
    var f = FIELD[key];
    if (key === "op") params.set(key, has(OPS, op) ? op : raw.op);
    else if (key === "padding") params.set(key, has(PADDINGS, padding) ? padding : raw.padding);
    else if (applies(f[4], op, padding) && !(f[4] === "outpad" && raw[key] === "")) {
      params.set(key, raw[key]);
    }
  });
  return "?" + params.toString();
}