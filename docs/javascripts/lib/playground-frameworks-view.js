// The playground's "every framework" section: a tab per framework (WAI-ARIA tabs: arrow keys,
// Home and End move between them), each holding the script ./playground-frameworks.js writes.
import { el } from "./dom.js";
import { FRAMEWORKS, NOTHING, frameworkScripts } from "./playground-frameworks.js";

function select(root, key, focus) {
  root.querySelectorAll(".pg-fw [role=tab]").forEach(function (tab) {
    var on = tab.getAttribute("data-framework") === key;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.setAttribute("tabindex", on ? "0" : "-1");
    if (on && focus) tab.focus();
  });
  root.querySelectorAll(".pg-fw [role=tabpanel]").forEach(function (panel) {
    panel.hidden = panel.getAttribute("data-framework") !== key;
  });
  root.querySelector(".pg-fw .pg-copied").textContent = "";
}

export function buildFrameworks(root) {
  var tabs = el("div", { class: "pg-fw__tabs", role: "tablist", "aria-label": "Framework" });
  var panels = [];
  FRAMEWORKS.forEach(function (f, i) {
    tabs.appendChild(el("button", {
      type: "button", role: "tab", class: "pg-fw__tab", id: "pg-fw-tab-" + f[0],
      "aria-controls": "pg-fw-panel-" + f[0], "aria-selected": i ? "false" : "true",
      tabindex: i ? "-1" : "0", "data-framework": f[0], "data-testid": "tab-" + f[0],
      text: f[1],
    }));
    var panel = el("div", {
      role: "tabpanel", id: "pg-fw-panel-" + f[0], "aria-labelledby": "pg-fw-tab-" + f[0],
      "data-framework": f[0],
    }, [
      el("pre", {}, [el("code", { "data-testid": "code-" + f[0], tabindex: "0" })]),
    ]);
    panel.hidden = i > 0;
    panels.push(panel);
  });
  var copy = el("button", { type: "button", class: "pg-button", text: "Copy" });
  var status = el("span", { class: "pg-copied", role: "status" });
  var section = el("section", { class: "pg-code pg-fw", "aria-label": "Every framework" }, [
    el("div", { class: "pg-code__bar" }, [
      el("span", { text: "Values in every framework" }), copy, status,
    ]),
    tabs,
  ].concat(panels));
  root.appendChild(section);
  tabs.addEventListener("click", function (e) {
    var tab = e.target.closest("[role=tab]");
    if (tab) select(root, tab.getAttribute("data-framework"), false);
  });
  tabs.addEventListener("keydown", function (e) {
    var keys = FRAMEWORKS.map(function (f) {
      return f[0];
    });
    var at = keys.indexOf(e.target.getAttribute("data-framework"));
    var next = {
      ArrowLeft: (at + keys.length - 1) % keys.length,
      ArrowRight: (at + 1) % keys.length,
      Home: 0,
      End: keys.length - 1,
    }[e.key];
    if (next === undefined || at < 0) return;
    e.preventDefault();
    select(root, keys[next], true);
  });
  copy.addEventListener("click", function () {
    var panel = section.querySelector("[role=tabpanel]:not([hidden]) code");
    var done = function () {
      status.textContent = "Copied.";
    };
    var fail = function () {
      status.textContent = "Copying was blocked: select the code and copy it by hand.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(panel.textContent).then(done, fail);
    } else {
      fail();
    }
  });
}

// Fill every tab for configuration c (result is null while the configuration is refused).
export function showFrameworks(root, c, result) {
  var scripts = result ? frameworkScripts(c, result.H, result.W) : null;
  FRAMEWORKS.forEach(function (f) {
    var node = root.querySelector("[data-testid=code-" + f[0] + "]");
    var s = scripts && scripts[f[0]];
    node.textContent = !s ? NOTHING : s.code !== undefined ? s.code : "# " + s.reason;
    node.setAttribute("data-cannot", s && s.code === undefined ? "true" : "false");
  });
  root.querySelector(".pg-fw .pg-copied").textContent = "";
}
