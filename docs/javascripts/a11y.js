// Material draws a <nav> around the buttons of every code block, so a page with ten code blocks
// has ten unnamed navigation landmarks (axe: landmark-unique) and a screen reader's landmark list
// fills with them. They hold a copy button, not navigation: drop the landmark (a <nav> may only
// take a handful of roles, and "none" is the one that means "just a box").
(function () {
  "use strict";

  function relabel(root) {
    root.querySelectorAll("nav.md-code__nav").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // Material adds the buttons after load and again after every instant navigation.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        if (node.matches("nav.md-code__nav")) relabel(node.parentNode || node);
        else relabel(node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
  relabel(document);
})();
