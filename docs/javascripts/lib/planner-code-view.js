// The planner's "code out": the Keras and the PyTorch program that ./planner-code.js writes,
// each in a collapsible block under the layer table. The blocks use the theme's own markup, so
// its stylesheet styles them and its copy button works: the theme's clipboard handler listens
// on the whole document for any button with data-clipboard-target, even one added later.
import { el } from "./dom.js";
import { plannerCode } from "./planner-code.js";

const BLOCKS = [
  ["keras", "Keras code for this model", "Copy the Keras code"],
  ["pytorch", "PyTorch code for this model, channels first", "Copy the PyTorch code"],
];

export function buildCode(root) {
  const section = el("div", { class: "pl-code", "data-testid": "planner-code" });
  BLOCKS.forEach(([key, title, copy]) => {
    const id = "pl-code-" + key;
    section.appendChild(el("details", { class: "pl-code__block", open: "" }, [
      el("summary", { text: title }),
      el("div", { class: "language-python highlight" }, [
        el("pre", { id: id }, [
          // The theme's copy button, as it draws it on a static code block.
          el("nav", { class: "md-code__nav", role: "none" }, [
            el("button", { type: "button", class: "md-code__button", title: "Copy to clipboard",
              "aria-label": copy, "data-clipboard-target": "#" + id + " > code",
              "data-md-type": "copy" }),
          ]),
          // Focusable, so that a long line can be scrolled with the keyboard.
          el("code", { "data-testid": "planner-" + key, tabindex: "0" }),
        ]),
      ]),
    ]));
  });
  root.appendChild(section);
}

// Fill both blocks for a plan (planner-model.js's plan()).
export function showCode(root, result) {
  const code = plannerCode(result);
  BLOCKS.forEach(([key]) => {
    root.querySelector('[data-testid="planner-' + key + '"]').textContent = code[key];
  });
}
