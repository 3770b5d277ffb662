// Playground (docs/playground/index.md): what TensorFlow does with shapes and padding.
// An ES module, loaded by apps.js only on a page that holds [data-app="playground"]. Every number
// comes from lib/arithmetic.js, the mirror of snippets/arithmetic.py (itself tested against
// TensorFlow); tests/browser/test_playground.py drives this page through thousands of
// configurations and compares every number with that Python.
import { Playground } from "./lib/playground-view.js";

var current = null;

// Links to this page with a query (the examples in the prose, the permalink) change only the
// query, which Material's instant navigation does not reload: load them here instead.
function followExamples(root) {
  document.querySelectorAll(".md-content a[href]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var url = new URL(a.href, location.href);
      // An anchor link inherits the current query, so a hash marks a link to leave alone.
      var here = url.origin === location.origin && url.pathname === location.pathname;
      if (!here || !url.search || url.hash) return;
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (!current) return;
      e.preventDefault();
      e.stopPropagation();
      current.load(url.search);
      root.scrollIntoView();
      // On a phone the controls may be folded: their summary, which names the new settings,
      // takes the focus instead.
      var panel = root.querySelector(".pg-panel");
      (panel.open ? current.fields.op : panel.querySelector("summary")).focus({
        preventScroll: true,
      });
    });
  });
}

// Material's search.highlight also reads ?h= and marks every matching word once the search
// index is ready; here ?h= is the input height, so undo its marks whenever they appear.
var unmarker = null;
function unhighlight() {
  document.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
    mark.replaceWith(document.createTextNode(mark.textContent));
  });
}

// Called by apps.js whenever a page is left (instant navigation swaps pages without a reload).
export function unmount() {
  if (current) current.destroy();
  current = null;
  if (unmarker) unmarker.disconnect();
  unmarker = null;
}

// Called by apps.js with the page's [data-app="playground"] element.
export function mount(root) {
  unmount();
  unhighlight();
  var article = root.closest("article") || document.body;
  unmarker = new MutationObserver(function () {
    if (article.querySelector("mark[data-md-highlight]")) unhighlight();
  });
  unmarker.observe(article, { childList: true, subtree: true });
  current = new Playground(root);
  current.path = location.pathname;
  current.load(location.search);
  followExamples(root);
  root.setAttribute("data-ready", "");
}

// A hook for the browser tests and for readers: the same path as loading a URL.
window.playground = {
  load: function (query) {
    if (!current) return false;
    current.load(query);
    return true;
  },
};

// Material handles same-page links itself: an anchor link (heading, table of contents) drops
// the query from the address, Back and Forward can bring another one.
if (typeof location$ !== "undefined") {
  location$.subscribe(function () {
    if (!current || location.pathname !== current.path) return;
    if (!location.search) current.writeUrl(current.query);
    else if (location.search !== current.query) current.load(location.search);
  });
}
