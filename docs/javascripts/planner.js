// Network planner (docs/planner/index.md): a whole model's shapes, padding and receptive field.
// An ES module, loaded by apps.js only on a page that holds [data-app="planner"]. Every number
// comes from lib/planner-model.js, the twin of snippets/planner/index.py.
import { el } from "./lib/dom.js";
import { AXIS_NAMES, FIELDS, OPS, plan } from "./lib/planner-model.js";
import { buildCode, showCode } from "./lib/planner-code-view.js";

const LABELS = {
  k: "kernel", s: "stride", d: "dilation", p: "padding", c: "filters", op: "output_padding",
  m: "depth multiplier", t: "top", b: "bottom", l: "left", r: "right", f: "factor",
  from: "from layer",
};
let current = null;
// On a phone each layer's fields fold under a one-line summary, so the output column fits on
// the screen; from this width up they always show (the summaries are hidden).
const PHONE = "(max-width: 44.984375em)";

// The editor's state: raw text, so that a bad value stays visible with its message.
function readQuery(query) {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const text = params.get("l") || "";
  return {
    in: params.has("in") ? params.get("in") : "64x64",
    c: params.has("c") ? params.get("c") : "1",
    layers: (text ? text.split(";") : []).map((item) => {
      const [op, ...fields] = item.split(",");
      const values = {};
      fields.forEach((f) => {
        const at = f.indexOf("=");
        values[at < 0 ? f : f.slice(0, at)] = at < 0 ? "" : f.slice(at + 1);
      });
      return { op: op, fields: values };
    }),
  };
}

function queryOf(state) {
  const layers = state.layers.map((L) =>
    [L.op].concat(Object.keys(L.fields).filter((k) => L.fields[k] !== "")
      .map((k) => k + "=" + L.fields[k])).join(","));
  // Commas, semicolons, x and = stay readable: the address is meant to be written by hand.
  const enc = (v) => encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3B/g, ";")
    .replace(/%3D/g, "=");
  return "?in=" + enc(state.in) + (state.c !== "1" ? "&c=" + enc(state.c) : "") +
    (layers.length ? "&l=" + enc(layers.join(";")) : "");
}

// A layer as the address writes it, with spaces: the summary of its folded fields.
function layerText(L) {
  return [L.op].concat(Object.keys(L.fields).filter((k) => L.fields[k] !== "")
    .map((k) => k + "=" + L.fields[k])).join(" ");
}

function Planner(root) {
  this.root = root;
  root.textContent = "";
  // The layers whose fields a phone reader opened: a rebuild keeps them open.
  this.opened = new WeakSet();
  this.phone = window.matchMedia(PHONE);
  this.onResize = (e) => {
    if (!e.matches) root.querySelectorAll(".pl-layer").forEach((d) => { d.open = true; });
  };
  this.phone.addEventListener("change", this.onResize);
  this.form = el("form", { class: "pl-editor", "aria-label": "Model" });
  this.form.addEventListener("submit", (e) => e.preventDefault());
  root.appendChild(this.form);
  root.appendChild(el("div", { class: "pl-messages", "aria-live": "polite",
    "data-testid": "planner-messages" }));
  root.appendChild(el("p", { class: "pl-link" }, [
    el("a", { "data-testid": "planner-permalink", href: "", text: "Link to this model" }),
  ]));
  buildCode(root);  // the Keras and PyTorch code for the model, under the table
}

Planner.prototype.load = function (query) {
  this.state = readQuery(query);
  this.build();
  this.update(false);
};

Planner.prototype.build = function (focus) {
  const state = this.state;
  const form = this.form;
  form.textContent = "";
  const field = (id, label, value, onInput, testid) => {
    const input = el("input", { id: id, type: "text", autocomplete: "off", spellcheck: "false",
      size: "7", "data-testid": testid });
    input.value = value;
    input.addEventListener("input", () => { onInput(input.value); this.update(false); });
    input.addEventListener("change", () => this.update(true));
    // A layer's field shows its key; the word stays in the name a screen reader reads.
    const text = Array.isArray(label) ? [label[0], el("span", { class: "vh", text: label[1] })] : [label];
    return el("span", { class: "pl-field" }, [el("label", { for: id }, text), input]);
  };
  form.appendChild(el("fieldset", { class: "pl-input" }, [
    el("legend", { text: "Input" }),
    field("pl-in", "size (H×W, or a length)", state.in, (v) => { state.in = v; }, "planner-in"),
    field("pl-c", "channels", state.c, (v) => { state.c = v; }, "planner-c"),
  ]));
  const table = el("table", { class: "pl-table" });
  table.appendChild(el("thead", {}, [el("tr", {}, ["#", "Layer", "Output", "Padding (before, after)",
    "Receptive field · jump · first start", "Multiply-adds", "Edit"].map((h) =>
    el("th", { scope: "col", text: h })))]));
  const body = el("tbody");
  state.layers.forEach((L, i) => {
    const index = i + 1;
    const id = "pl-" + index;
    const select = el("select", { id: id + "-op", "data-testid": "layer-" + index + "-kind" },
      OPS.map((o) => el("option", { value: o, text: o })));
    select.value = L.op;
    if (select.value !== L.op) select.selectedIndex = -1;
    select.addEventListener("change", () => {
      L.op = select.value;
      const keep = FIELDS[L.op] || [];
      Object.keys(L.fields).forEach((k) => { if (keep.indexOf(k) < 0) delete L.fields[k]; });
      this.build(id + "-op");
      this.update(true);
    });
    const editor = el("details", { class: "pl-layer", "data-testid": "layer-" + index + "-editor" });
    editor.open = !this.phone.matches || this.opened.has(L);
    editor.addEventListener("toggle", () => {
      if (editor.open) this.opened.add(L);
      else this.opened.delete(L);
    });
    editor.appendChild(el("summary", { "data-testid": "layer-" + index + "-summary" }, [
      el("span", { class: "vh", text: "Layer " + index + ": " }),
      el("code", { class: "pl-layer__text", text: layerText(L) }),
    ]));
    const fields = el("div", { class: "pl-fields" }, [
      // The column's header names the select; "op" is also convT's output_padding field.
      el("span", { class: "pl-field" }, [el("label", { for: id + "-op" }, [
        el("span", { class: "vh", text: "layer " + index + " type" }),
      ]), select]),
    ].concat((FIELDS[L.op] || []).map((key) =>
      field(id + "-" + key, [key, " (" + LABELS[key] + ")"], L.fields[key] || "", (v) => {
        L.fields[key] = v;
      }, "layer-" + index + "-" + key))));
    editor.appendChild(fields);
    // Symbols keep the row short; the name says the action and the tooltip shows it.
    const button = (name, symbol, label, act, enabled) => {
      const b = el("button", { type: "button", class: "pl-button pl-button--icon", text: symbol,
        title: label, "aria-label": label + " layer " + index,
        "data-testid": "layer-" + index + "-" + name });
      b.disabled = !enabled;
      b.addEventListener("click", () => { act(); this.build(); this.update(true); });
      return b;
    };
    const swap = (a, b) => { const t = state.layers[a]; state.layers[a] = state.layers[b]; state.layers[b] = t; };
    body.appendChild(el("tr", { "data-layer": String(index) }, [
      el("th", { scope: "row", text: String(index) }),
      el("td", { class: "pl-layer-cell" }, [editor]),
      el("td", { "data-testid": "layer-" + index + "-out" }),
      el("td", { "data-testid": "layer-" + index + "-pads" }),
      el("td", { "data-testid": "layer-" + index + "-rf" }),
      el("td", { "data-testid": "layer-" + index + "-macs" }),
      el("td", { class: "pl-edit" }, [
        button("up", "↑", "Move up", () => swap(i, i - 1), i > 0),
        button("down", "↓", "Move down", () => swap(i, i + 1), i < state.layers.length - 1),
        button("remove", "✕", "Remove", () => state.layers.splice(i, 1), true),
      ]),
    ]));
    body.appendChild(el("tr", { class: "pl-problem-row" }, [
      el("td", { colspan: "7", "data-testid": "layer-" + index + "-error", class: "pl-problem" }),
    ]));
  });
  table.appendChild(body);
  form.appendChild(el("div", { class: "pl-scroll", tabindex: "0", role: "region",
    "aria-label": "Layers and their results" }, [table]));
  const add = el("select", { id: "pl-add-op", "data-testid": "planner-add-op" },
    OPS.map((o) => el("option", { value: o, text: o })));
  const addButton = el("button", { type: "button", class: "pl-button", text: "Add layer",
    "data-testid": "planner-add" });
  addButton.addEventListener("click", () => {
    state.layers.push({ op: add.value, fields: {} });
    this.build("pl-" + state.layers.length + "-op");
    this.update(true);
  });
  form.appendChild(el("div", { class: "pl-add" }, [
    el("label", { for: "pl-add-op", text: "New layer" }), add, addButton,
  ]));
  if (focus) {
    const node = document.getElementById(focus);
    const folded = node && node.closest("details");
    if (folded) folded.open = true;
    if (node) node.focus();
  }
};

function pads(r, i) {
  if (!r.pads) return "–";
  return r.pads.map((p, a) => "(" + p[0] + ", " + p[1] + ")" + (r.uneven[a] ? " uneven" : ""))
    .join(" × ");
}

Planner.prototype.update = function (push) {
  const q = queryOf(this.state);
  const result = plan(q);
  this.result = result;
  this.query = q;
  const root = this.root;
  const set = (id, text) => {
    const node = root.querySelector('[data-testid="' + id + '"]');
    if (node) node.textContent = text;
  };
  // The same text, with each axis kept whole: a narrow column breaks only between axes.
  const setAxes = (id, text) => {
    const node = root.querySelector('[data-testid="' + id + '"]');
    if (!node) return;
    node.textContent = "";
    text.split(" × ").forEach((part, a) => {
      if (a) node.appendChild(document.createTextNode(" × "));
      node.appendChild(el("span", { class: "pl-axis", text: part }));
    });
  };
  result.layers.forEach((r, i) => {
    const index = i + 1;
    set("layer-" + index + "-out", r.out ? r.out.join("×") : "–");
    setAxes("layer-" + index + "-pads", pads(r));
    setAxes("layer-" + index + "-rf", r.rf ? r.rf.map((f) => f ? f[1] + " · " + f[2] + " · " + f[0] : "–").join(" × ") : "–");
    set("layer-" + index + "-macs", r.macs ? r.macs.toLocaleString("en") + " (" + Math.round(r.share * 100) + " %)" : "0");
    set("layer-" + index + "-error", r.error || "");
  });
  this.state.layers.forEach((L, i) => {
    const text = root.querySelector('[data-testid="layer-' + (i + 1) + '-summary"] .pl-layer__text');
    if (text) text.textContent = layerText(L);
  });
  const box = root.querySelector(".pl-messages");
  box.textContent = "";
  if (result.error) {
    box.appendChild(el("div", { class: "admonition failure", "data-testid": "planner-error" }, [
      el("p", { class: "admonition-title", text: "This model cannot be read" }),
      el("p", { text: result.error }),
    ]));
  } else {
    const last = result.layers.filter((l) => l.out).pop();
    const lines = ["Input " + result.shape.join("×") + " (" + AXIS_NAMES[result.shape.length].join(" × ") + ")" +
      (last ? "; output " + last.out.join("×") : "") + "; " + result.macs.toLocaleString("en") +
      " multiply-adds in all."];
    if (result.fits) lines.push("Every merge lines up for " + result.fits.pattern + " (sizes " + 32 + "–" + 1024 + ").");
    box.appendChild(el("p", { "data-testid": "planner-summary", text: lines.join(" ") }));
  }
  root.querySelector("[data-testid=planner-permalink]").setAttribute("href", q);
  showCode(root, result);
  if (q !== location.search) {
    const url = location.pathname + q + location.hash;
    if (push) history.pushState(history.state, "", url);
    else history.replaceState(history.state, "", url);
  }
};

export function unmount() {
  if (current) current.phone.removeEventListener("change", current.onResize);
  current = null;
}

export function mount(root) {
  current = new Planner(root);
  current.path = location.pathname;
  current.load(location.search || root.getAttribute("data-default") || "");
  // A preset link loads its address here, as a new history entry, without a page load.
  document.querySelectorAll("a[data-preset]").forEach((a) => {
    a.addEventListener("click", (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || !current) return;
      e.preventDefault();
      e.stopPropagation();
      const url = new URL(a.href);
      history.pushState(history.state, "", url.pathname + url.search);
      current.load(url.search);
    });
  });
  root.setAttribute("data-ready", "");
}

// A hook for the browser tests: the same path as loading a URL.
window.planner = {
  load(query) {
    if (!current) return null;
    current.load(query);
    return current.result;
  },
  plan: plan,
};

if (typeof location$ !== "undefined") {
  location$.subscribe(() => {
    if (!current || location.pathname !== current.path) return;
    if (location.search && location.search !== current.query) current.load(location.search);
  });
}
