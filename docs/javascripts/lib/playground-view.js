// The playground's view: controls, results, grids, code, and one instance per page visit.
import { el } from "./dom.js";
import { codeFor, kerasRefuses, pair, refusingLayer } from "./playground-code.js";
import { compute } from "./playground-compute.js";
import { buildFrameworks, showFrameworks } from "./playground-frameworks-view.js";
import {
  FIELD, GROUPS, MAX, NUMBERS, OPS, PADDINGS, applies, check, isPool, queryOf, readQuery,
} from "./playground-state.js";

// Beyond this many cells a grid is too small to read; the numbers stay exact.
var MAX_CELLS = 5000;

// ---- Building the page ----

function select(id, key, options) {
  return el("div", { class: "pg-field" }, [
    el("label", { for: id, text: key === "op" ? "Operation" : "Padding" }),
    el("select", { id: id, "data-testid": key, "data-key": key }, options.map(function (o) {
      return el("option", { value: o[0], text: o[1] });
    })),
  ]);
}

// On a phone the controls fold away under a summary of the configuration, so the result and
// the grid come first; from this width up they always show (the summary is hidden).
var PHONE = "(max-width: 44.984375em)";

function buildControls(root) {
  var form = el("form", { class: "pg-controls", "aria-label": "Configuration" });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  var sets = el("div", { class: "pg-sets" }, [
    select("pg-op", "op", OPS),
    select("pg-padding", "padding", PADDINGS),
  ]);
  GROUPS.forEach(function (g) {
    var set = el("fieldset", { class: "pg-set", "data-group": g[0] }, [
      el("legend", { text: g[1] }),
    ]);
    NUMBERS.forEach(function (f) {
      if (f[4] !== g[0]) return;
      var id = "pg-" + f[0];
      // The key is the visible label; the word stays in the name a screen reader reads.
      set.appendChild(el("div", { class: "pg-field pg-field--inline" }, [
        el("label", { for: id }, [el("span", { class: "vh", text: f[1] + " " }),
          el("code", { text: f[0] })]),
        el("input", {
          id: id, type: "text", inputmode: "numeric", autocomplete: "off",
          spellcheck: "false", size: "3", "data-testid": f[0], "data-key": f[0],
          placeholder: g[0] === "outpad" ? "None" : "",
        }),
      ]));
    });
    sets.appendChild(set);
  });
  form.appendChild(sets);
  form.appendChild(el("p", { class: "pg-hint", "data-hint": "" }));
  var panel = el("details", { class: "pg-panel", "data-testid": "controls" }, [
    el("summary", { "data-testid": "controls-summary" }, [
      el("span", { class: "pg-panel__title", text: "Settings" }),
      el("span", { class: "pg-panel__now", "data-testid": "controls-now" }),
    ]),
    form,
  ]);
  panel.open = !window.matchMedia(PHONE).matches;
  root.appendChild(panel);
}

function buildOutput(root) {
  var results = el("dl", { class: "pg-results" });
  [
    ["out-h", "Output height"], ["out-w", "Output width"],
    ["pad-top", "Padding top"], ["pad-bottom", "Padding bottom"],
    ["pad-left", "Padding left"], ["pad-right", "Padding right"],
  ].forEach(function (r) {
    results.appendChild(el("div", {}, [
      el("dt", { text: r[1] }), el("dd", { "data-testid": r[0] }),
    ]));
  });
  root.appendChild(el("div", { class: "pg-messages", "aria-live": "polite" }));
  root.appendChild(el("section", { class: "pg-out", "aria-label": "Results" }, [
    results,
    el("p", { class: "pg-link" }, [
      el("a", { "data-testid": "permalink", href: "", text: "Link to this configuration" }),
    ]),
  ]));
  var stepper = el("div", {
    class: "pg-stepper", role: "group", "aria-label": "Step the window",
  }, [
    el("button", { type: "button", class: "pg-button", "data-step": "-1", text: "◀ Previous" }),
    el("button", { type: "button", class: "pg-button", "data-play": "", text: "Play" }),
    el("button", { type: "button", class: "pg-button", "data-step": "1", text: "Next ▶" }),
    el("span", { class: "pg-position" }),
  ]);
  root.appendChild(el("section", { class: "pg-view", "aria-label": "Windows" }, [
    stepper,
    el("div", { class: "pg-grids" }),
    el("p", { class: "pg-legend" }),
    el("p", { class: "pg-readout", "aria-live": "polite", "data-testid": "readout" }),
  ]));
  root.appendChild(el("ul", { class: "pg-derivation", "aria-label": "How the sizes come out" }));
  root.appendChild(el("section", { class: "pg-code", "aria-label": "TensorFlow code" }, [
    el("div", { class: "pg-code__bar" }, [
      el("span", { text: "The same in TensorFlow" }),
      el("button", { type: "button", class: "pg-button", "data-testid": "copy", text: "Copy" }),
      el("span", { class: "pg-copied", role: "status" }),
    ]),
    // Focusable: keyboard users scroll a line wider than the box.
    el("pre", {}, [el("code", { "data-testid": "code", tabindex: "0" })]),
  ]));
  buildFrameworks(root);
}

// ---- Explanations ----

function spanText(a) {
  return a.d > 1 ? "(" + a.k + " − 1) × " + a.d + " + 1 = " + a.ke : String(a.ke);
}

function derivation(c, name, a, keyB, keyA) {
  var n = a.base;
  var s = a.s;
  var lines = [];
  if (c.op === "transposed") {
    var op = a.op;
    var n0 = a.input;
    if (a.spec === "valid") {
      lines.push(
        "(" + n0 + " − 1) × " + s + " + " + a.ke + " + " +
          (op === null ? "max(" + a.ke + ", " + s + ") − " + a.ke : op) + " = " + a.size +
          (op === null ? " (output_padding None)" : "")
      );
    } else if (a.spec === "same") {
      lines.push(
        op === null
          ? n0 + " × " + s + " = " + a.size + " (output_padding None)"
          : "(" + n0 + " − 1) × " + s + " + (" + a.ke + " mod 2) + " + op + " = " + a.size
      );
    } else {
      lines.push(
        "(" + n0 + " − 1) × " + s + " + " + a.ke + " − " + a.before + " − " + a.after +
          " + " + (op === null ? 0 : op) + " = " + a.size
      );
    }
    lines.push(
      "the forward convolution pads " + a.before + " " + keyB + ", " + a.after + " " + keyA +
        " and maps " + a.size + " back to " + n0
    );
  } else {
    if (a.spec === "same") {
      var total = a.before + a.after;
      lines.push(
        "SAME: ceil(" + n + " / " + s + ") = " + a.windows + " windows; padding max((" +
          a.windows + " − 1) × " + s + " + " + a.ke + " − " + n + ", 0) = " + total +
          " → " + a.before + " " + keyB + ", " + a.after + " " + keyA +
          (total % 2 ? " (the odd cell goes to the " + keyA + ")" : "")
      );
    } else if (a.spec === "causal") {
      lines.push(
        "causal: " + (a.k - 1) + " × " + a.d + " = " + a.before + " cells before, none after"
      );
    }
    lines.push(
      "floor((" + n + " + " + a.before + " + " + a.after + " − " + a.ke + ") / " + s +
        ") + 1 = " + a.windows
    );
  }
  if (a.d > 1) lines.unshift("effective kernel " + spanText(a));
  return name + ": " + lines.join("; ");
}

function notes(c) {
  var out = [];
  if (kerasRefuses(c)) {
    out.push([
      "note-keras",
      "Keras' " + refusingLayer(c) + " refuses this: “strides > 1 not supported in " +
        "conjunction with dilation_rate > 1”. " + (c.op === "transposed"
          ? "tf.nn.conv2d_transpose takes it; the numbers are the Keras formula's."
          : "tf.nn.conv2d accepts it and computes the numbers above; the code uses it."),
    ]);
  }
  if (c.op === "transposed" && Math.max(c.dh, c.dw) > 1) {
    out.push([
      "note-cpu",
      "TensorFlow's CPU kernels refuse dilation > 1 in a transposed convolution (“Current " +
        "CPU implementations do not yet support dilation rates larger than 1”); the shapes " +
        "are what Keras computes for the layer.",
    ]);
  }
  return out;
}

function hint(c) {
  var parts = [];
  if (isPool(c.op)) {
    parts.push(
      "Pooling has no dilation, and its stride is set here explicitly (Keras defaults it " +
        "to the pool size)."
    );
  }
  if (c.padding === "causal") {
    parts.push(
      "causal is Keras Conv1D's padding for sequences: the width is the sequence, which gets " +
        "(kw − 1) × dw cells before it and none after, so no output sees a later step. " +
        "Set h to 1; the height is not padded."
    );
  } else if (c.padding === "explicit") {
    parts.push(
      "Explicit amounts are what tf.nn.conv2d takes as [[0, 0], [top, bottom], [left, " +
        "right], [0, 0]]; Keras layers need ZeroPadding2D for them."
    );
  }
  if (c.op === "transposed") {
    parts.push(
      "Leave output_padding empty for None. The padding shown for a transposed convolution " +
        "is that of the forward convolution mapping its output back to its input."
    );
  }
  return parts.join(" ");
}

// The folded controls' summary: what is set, as typed, so a folded panel still says it.
function settingsText(raw, c) {
  var name = function (list, value) {
    var hit = list.filter(function (o) {
      return o[0] === value;
    })[0];
    return hit ? hit[1] : raw[list === OPS ? "op" : "padding"];
  };
  var parts = [name(OPS, c.op) + ", " + name(PADDINGS, c.padding)];
  GROUPS.forEach(function (g) {
    if (!applies(g[0], c.op, c.padding)) return;
    var values = NUMBERS.filter(function (f) {
      return f[4] === g[0];
    }).map(function (f) {
      return raw[f[0]] === "" ? (g[0] === "outpad" ? "None" : "?") : raw[f[0]];
    });
    var label = g[0] === "input" ? "input" : g[0] === "kernel" && isPool(c.op)
      ? "pool" : g[0] === "kernel" ? "kernel" : g[1].toLowerCase();
    parts.push(label + " " + values.join(g[0] === "explicit" ? ", " : " × "));
  });
  return parts.join(" · ");
}

// ---- One playground instance ----

function Playground(root) {
  this.root = root;
  this.timer = null;
  this.active = 0;
  root.textContent = "";
  buildControls(root);
  buildOutput(root);
  this.fields = {};
  var self = this;
  root.querySelectorAll("[data-key]").forEach(function (node) {
    self.fields[node.getAttribute("data-key")] = node;
    node.addEventListener(node.tagName === "SELECT" ? "change" : "input", function () {
      self.apply(self.readControls());
    });
    if (node.tagName === "INPUT") node.addEventListener("keydown", nudge);
  });
  root.querySelectorAll("[data-step]").forEach(function (b) {
    b.addEventListener("click", function () {
      self.step(parseInt(b.getAttribute("data-step"), 10));
    });
  });
  this.playButton = root.querySelector("[data-play]");
  this.playButton.addEventListener("click", function () {
    if (self.timer) self.pause();
    else self.play();
  });
  root.querySelector("[data-testid=copy]").addEventListener("click", function () {
    self.copy();
  });
  var grids = root.querySelector(".pg-grids");
  grids.addEventListener("focusin", function (e) {
    var cell = e.target.closest("[data-index]");
    if (cell) self.highlight(parseInt(cell.getAttribute("data-index"), 10));
  });
  grids.addEventListener("mouseover", function (e) {
    var cell = e.target.closest("[data-index]");
    if (cell) self.highlight(parseInt(cell.getAttribute("data-index"), 10));
  });
  grids.addEventListener("keydown", function (e) {
    self.move(e);
  });
  this.panel = root.querySelector(".pg-panel");
  this.phone = window.matchMedia(PHONE);
  this.onResize = function (e) {
    if (!e.matches) self.panel.open = true;
  };
  this.phone.addEventListener("change", this.onResize);
}

// Arrow keys step a number field, as they would in a number input.
function nudge(e) {
  if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
  var text = e.target.value;
  var low = FIELD[e.target.getAttribute("data-key")][2];
  var value = /^[0-9]+$/.test(text) ? parseInt(text, 10) : low;
  var next = value + (e.key === "ArrowUp" ? 1 : -1);
  e.target.value = String(Math.max(low, Math.min(MAX, next)));
  e.preventDefault();
  e.target.dispatchEvent(new Event("input", { bubbles: true }));
}

Playground.prototype.readControls = function () {
  var raw = {};
  var fields = this.fields;
  Object.keys(fields).forEach(function (key) {
    raw[key] = fields[key].value;
  });
  return raw;
};

Playground.prototype.load = function (query) {
  var raw = readQuery(query);
  var fields = this.fields;
  Object.keys(raw).forEach(function (key) {
    var node = fields[key];
    if (node.tagName !== "SELECT") {
      node.value = raw[key];
      return;
    }
    // A value the list does not offer leaves the select blank; the message names it.
    node.value = raw[key].toLowerCase();
    if (node.value !== raw[key].toLowerCase()) node.selectedIndex = -1;
  });
  this.apply(raw);
};

Playground.prototype.apply = function (raw) {
  var checked = check(raw);
  var c = checked.config;
  var errors = checked.errors;
  var result = null;
  if (!errors.length) {
    try {
      result = compute(c);
    } catch (e) {
      if (!Array.isArray(e)) throw e;
      errors = e;
    }
  }
  var root = this.root;
  var fields = this.fields;
  Object.keys(fields).forEach(function (key) {
    if (checked.bad.indexOf(key) >= 0) fields[key].setAttribute("aria-invalid", "true");
    else fields[key].removeAttribute("aria-invalid");
  });
  root.querySelectorAll("[data-group]").forEach(function (set) {
    set.hidden = !applies(set.getAttribute("data-group"), c.op, c.padding);
  });
  root.querySelector("[data-group=kernel] legend").textContent = isPool(c.op)
    ? "Pool size"
    : "Kernel size";
  root.querySelector("[data-hint]").textContent = hint(c);
  root.querySelector("[data-testid=controls-now]").textContent = settingsText(raw, c);
  this.showMessages(errors, result ? notes(c) : []);
  this.showResults(c, result);
  this.config = c;
  this.result = result;
  this.active = 0;
  this.drawGrids();
  root.querySelector("[data-testid=code]").textContent = result
    ? codeFor(c, result.H, result.W)
    : "# Nothing to run until the configuration is valid: see the message above.";
  showFrameworks(root, c, result);
  root.querySelector(".pg-copied").textContent = "";
  this.query = queryOf(raw);
  root.querySelector("[data-testid=permalink]").setAttribute("href", this.query);
  this.writeUrl(this.query);
};

// Chromium slows history.replaceState down when it is called in a flood (typing, the tests'
// thousands of configurations), so the address follows the controls after a short pause.
Playground.prototype.writeUrl = function (query) {
  var self = this;
  this.pendingQuery = query;
  if (this.urlTimer) return;
  this.urlTimer = window.setTimeout(function () {
    self.urlTimer = null;
    if (self.pendingQuery !== location.search) {
      var url = location.pathname + self.pendingQuery + location.hash;
      history.replaceState(history.state, "", url);
    }
  }, 150);
};

Playground.prototype.showMessages = function (errors, noteList) {
  var box = this.root.querySelector(".pg-messages");
  box.textContent = "";
  if (errors.length) {
    box.appendChild(el("div", { class: "admonition failure pg-error", "data-testid": "error" }, [
      el("p", { class: "admonition-title", text: "This configuration does not work" }),
    ].concat(errors.map(function (m) {
      return el("p", { text: m });
    }))));
  }
  noteList.forEach(function (n) {
    box.appendChild(el("div", { class: "admonition note", "data-testid": n[0] }, [
      el("p", { class: "admonition-title", text: "Note" }),
      el("p", { text: n[1] }),
    ]));
  });
};

Playground.prototype.showResults = function (c, result) {
  var root = this.root;
  var set = function (id, value) {
    root.querySelector("[data-testid=" + id + "]").textContent = result ? String(value) : "–";
  };
  var H = result && result.H;
  var W = result && result.W;
  set("out-h", H && H.size);
  set("out-w", W && W.size);
  set("pad-top", H && H.before);
  set("pad-bottom", H && H.after);
  set("pad-left", W && W.before);
  set("pad-right", W && W.after);
  var list = root.querySelector(".pg-derivation");
  list.textContent = "";
  if (result) {
    list.appendChild(el("li", { text: derivation(c, "Height", H, "top", "bottom") }));
    list.appendChild(el("li", { text: derivation(c, "Width", W, "left", "right") }));
  }
};

// ---- Grids: the padded input and the windows ----

function glyph(c) {
  if (c.op === "maxpool") return ["−∞", "padding: never wins the maximum (−∞)"];
  if (c.op === "avgpool" && c.padding !== "explicit") {
    return ["∅", "padding: left out of the average's divisor (∅)"];
  }
  if (c.op === "transposed") {
    return ["✂", "padding of the forward convolution: cropped from the output (✂)"];
  }
  if (c.op === "avgpool") return ["0", "zeros from ZeroPadding2D: they count in the divisor (0)"];
  return ["0", "zero padding (0)"];
}

Playground.prototype.drawGrids = function () {
  var grids = this.root.querySelector(".pg-grids");
  var legend = this.root.querySelector(".pg-legend");
  var view = this.root.querySelector(".pg-view");
  this.cells = null;
  this.outCells = null;
  grids.textContent = "";
  legend.textContent = "";
  var r = this.result;
  var stepper = this.root.querySelector(".pg-stepper");
  stepper.hidden = true;
  if (!r) {
    this.pause();
    view.setAttribute("data-state", "empty");
    grids.appendChild(el("p", {
      class: "pg-nogrid",
      text: "No grid to draw until the configuration works: see the message above.",
    }));
    return;
  }
  var H = r.H;
  var W = r.W;
  var rows = H.before + H.base + H.after;
  var cols = W.before + W.base + W.after;
  if (rows * cols > MAX_CELLS || H.windows * W.windows > MAX_CELLS) {
    this.pause();
    view.setAttribute("data-state", "large");
    grids.appendChild(el("p", {
      class: "pg-nogrid",
      text: "The padded grid would have " + rows + " × " + cols + " cells: too many to draw " +
        "legibly. The sizes and padding above are exact; make the sizes smaller to see it.",
    }));
    return;
  }
  view.setAttribute("data-state", "drawn");
  stepper.hidden = false;
  var c = this.config;
  var t = c.op === "transposed";
  var g = glyph(c);
  legend.appendChild(el("span", { class: "pg-key" }, [
    el("span", { class: "pg-c pg-pad", "aria-hidden": "true", text: g[0] }), " " + g[1],
  ]));
  legend.appendChild(el("span", { class: "pg-key" }, [
    el("span", { class: "pg-c pg-tap", "aria-hidden": "true" }),
    t ? " a cell the selected input cell writes to" : " a cell the selected window reads",
  ]));
  if (Math.max(H.d, W.d) > 1) {
    legend.appendChild(el("span", { class: "pg-key" }, [
      el("span", { class: "pg-c pg-span", "aria-hidden": "true" }),
      " skipped by the dilated kernel",
    ]));
  }
  var html = [];
  var emptyCell = '<span class="pg-c"></span>';
  for (var i = 0; i < rows; i++) {
    html.push('<div class="pg-r">');
    var padRow = i < H.before || i >= H.before + H.base;
    for (var j = 0; j < cols; j++) {
      var pad = padRow || j < W.before || j >= W.before + W.base;
      html.push(pad ? '<span class="pg-c pg-pad">' + g[0] + "</span>" : emptyCell);
    }
    html.push("</div>");
  }
  var baseName = t ? "Transposed output" : "Input";
  var summary = baseName + " " + H.base + " × " + W.base + " with padding " + H.before +
    " top, " + H.after + " bottom, " + W.before + " left, " + W.after + " right: " + rows +
    " × " + cols + " cells";
  var inFig = el("figure", { class: "pg-figure" }, [
    el("figcaption", {
      text: (t ? "Transposed output, padded as the forward convolution sees it: "
        : "Padded input: ") + rows + " × " + cols,
    }),
  ]);
  var inGrid = el("div", { class: "pg-grid", role: "img", "aria-label": summary });
  inGrid.style.setProperty("--cols", cols);
  inGrid.innerHTML = html.join("");
  inFig.appendChild(inGrid);

  html = [];
  for (i = 0; i < H.windows; i++) {
    html.push('<div class="pg-r" role="row">');
    for (j = 0; j < W.windows; j++) {
      var index = i * W.windows + j;
      html.push(
        '<span class="pg-c" role="gridcell" tabindex="-1" data-index="' + index +
          '" aria-label="' + (t ? "input" : "output") + "[" + i + ", " + j + ']"></span>'
      );
    }
    html.push("</div>");
  }
  var outName = t ? "Input" : "Output";
  var outFig = el("figure", { class: "pg-figure" }, [
    el("figcaption", {
      text: outName + ": " + H.windows + " × " + W.windows + " (hover or focus a cell)",
    }),
  ]);
  var outGrid = el("div", {
    class: "pg-grid pg-grid--out", role: "grid",
    "aria-label": outName + ", " + H.windows + " × " + W.windows +
      ": focus a cell, then use the arrow keys",
  });
  outGrid.style.setProperty("--cols", W.windows);
  outGrid.innerHTML = html.join("");
  outFig.appendChild(outGrid);
  // Side by side, columns share the width in proportion, so cells come out the same size.
  grids.style.setProperty("--in-fr", cols + "fr");
  grids.style.setProperty("--out-fr", W.windows + "fr");
  grids.appendChild(inFig);
  grids.appendChild(outFig);
  this.cells = inGrid.querySelectorAll(".pg-c");
  this.outCells = outGrid.querySelectorAll(".pg-c");
  this.cols = cols;
  this.lit = [];
  this.highlight(0);
};

Playground.prototype.highlight = function (index) {
  if (!this.outCells) return;
  var count = this.outCells.length;
  index = ((index % count) + count) % count;
  var r = this.result;
  var H = r.H;
  var W = r.W;
  var i = Math.floor(index / W.windows);
  var j = index % W.windows;
  this.lit.forEach(function (cell) {
    cell.classList.remove("pg-tap", "pg-span");
  });
  var previous = this.outCells[this.active];
  if (previous) {
    previous.classList.remove("pg-active");
    previous.setAttribute("tabindex", "-1");
  }
  this.active = index;
  var cell = this.outCells[index];
  cell.classList.add("pg-active");
  cell.setAttribute("tabindex", "0");
  var lit = [];
  var taps = 0;
  var padTaps = 0;
  var r0 = i * H.s;
  var c0 = j * W.s;
  for (var a = 0; a < H.ke; a++) {
    for (var b = 0; b < W.ke; b++) {
      var tap = a % H.d === 0 && b % W.d === 0;
      var node = this.cells[(r0 + a) * this.cols + c0 + b];
      node.classList.add(tap ? "pg-tap" : "pg-span");
      lit.push(node);
      if (tap) {
        taps += 1;
        if (node.classList.contains("pg-pad")) padTaps += 1;
      }
    }
  }
  this.lit = lit;
  var position = this.root.querySelector(".pg-position");
  position.textContent = (this.config.op === "transposed" ? "Input cell " : "Window ") +
    (index + 1) + " of " + count;
  this.root.querySelector(".pg-readout").textContent =
    readout(this.config, i, j, taps, padTaps, H, W);
};

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

function readout(c, i, j, taps, padTaps, H, W) {
  var real = taps - padTaps;
  var where = "[" + i + ", " + j + "]";
  var rows = "rows " + (i * H.s - H.before) + " to " + (i * H.s - H.before + H.ke - 1);
  var cols = "columns " + (j * W.s - W.before) + " to " + (j * W.s - W.before + W.ke - 1);
  var span = " (" + rows + ", " + cols + ", counted from the first real cell)";
  var gaps = Math.max(H.d, W.d) > 1
    ? " With dilation " + pair(H.d, W.d) + " the taps are that many cells apart; the cells " +
      "between them are skipped."
    : "";
  if (c.op === "transposed") {
    return "Input " + where + " is multiplied by the " + plural(taps, "kernel tap") +
      " and added into " + plural(real, "output cell") + span + "; " +
      (padTaps ? plural(padTaps, "tap") + " land in the padding, which is cropped away."
        : "none lands in the padding.") + gaps;
  }
  if (c.op === "maxpool") {
    return "Output " + where + " is the largest of " + plural(real, "input cell") + span +
      (padTaps === 0 ? "." : padTaps === 1
        ? "; the padding cell never wins (it acts as −inf)."
        : "; the " + padTaps + " padding cells never win (they act as −inf).");
  }
  if (c.op === "avgpool") {
    var explicit = c.padding === "explicit";
    var text = "Output " + where + " = sum of " + plural(real, "input cell") + " ÷ " +
      (explicit ? taps : real) + span;
    if (!padTaps) return text + ".";
    return text + (explicit
      ? ": " + plural(padTaps, "zero") + " from ZeroPadding2D " +
        (padTaps === 1 ? "counts" : "count") + " in the divisor."
      : ": " + plural(padTaps, "padding cell") + " " + (padTaps === 1 ? "is" : "are") +
        " left out of the divisor.");
  }
  return "Output " + where + " reads " + plural(taps, "cell") + span + ": " + real +
    " from the input and " + padTaps + " from the zero padding." + gaps;
}

Playground.prototype.step = function (delta) {
  this.highlight(this.active + delta);
};

Playground.prototype.play = function () {
  if (!this.outCells) return;
  var self = this;
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  this.playButton.textContent = "Pause";
  this.root.querySelector(".pg-readout").setAttribute("aria-live", "off");
  // Reduced motion: the reader still chose to play, so step, but slowly.
  this.timer = window.setInterval(function () {
    self.step(1);
  }, reduce ? 2000 : 700);
};

Playground.prototype.pause = function () {
  if (this.timer) window.clearInterval(this.timer);
  this.timer = null;
  this.playButton.textContent = "Play";
  this.root.querySelector(".pg-readout").setAttribute("aria-live", "polite");
};

Playground.prototype.move = function (e) {
  if (!this.outCells) return;
  var cols = this.result.W.windows;
  var count = this.outCells.length;
  var i = this.active;
  var next = {
    ArrowLeft: i % cols ? i - 1 : i,
    ArrowRight: i % cols < cols - 1 && i + 1 < count ? i + 1 : i,
    ArrowUp: i - cols >= 0 ? i - cols : i,
    ArrowDown: i + cols < count ? i + cols : i,
    Home: i - (i % cols),
    End: i - (i % cols) + cols - 1,
  }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  this.outCells[next].focus();
};

Playground.prototype.copy = function () {
  var text = this.root.querySelector("[data-testid=code]").textContent;
  var status = this.root.querySelector(".pg-copied");
  var done = function () {
    status.textContent = "Copied.";
  };
  var fail = function () {
    status.textContent = "Copying was blocked: select the code and copy it by hand.";
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, fail);
  } else {
    fail();
  }
};

Playground.prototype.destroy = function () {
  this.pause();
  this.phone.removeEventListener("change", this.onResize);
  // A write still pending would land on the next page's address.
  window.clearTimeout(this.urlTimer);
};

export { Playground };
