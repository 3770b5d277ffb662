// Loads a page's interactive app only on that page. Material's instant navigation swaps pages
// without a reload, and a script in page content may not run after it, so this small script is
// loaded everywhere (extra_javascript) and, on every page Material shows (document$), imports
// the ES module of each [data-app] element it finds: [data-app="playground"] loads
// javascripts/playground.js, which exports mount(root) and unmount(). Each app's stylesheet is
// added once, before the app mounts.
(function () {
  "use strict";

  // Paths relative to this script's folder (javascripts/), whatever the page's depth.
  var base = new URL(".", document.currentScript.src);
  var APPS = {
    playground: { module: "playground.js", style: "../stylesheets/playground.css" },
    planner: { module: "planner.js", style: "../stylesheets/planner.css" },
  };
  var loaded = {};
  var generation = 0;

  function stylesheet(href) {
    var url = new URL(href, base).href;
    var existing = document.querySelector('link[data-app-style="' + url + '"]');
    if (existing) return existing.ready;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    link.setAttribute("data-app-style", url);
    link.ready = new Promise(function (resolve) {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
    document.head.appendChild(link);
    return link.ready;
  }

  function start() {
    generation += 1;
    var mine = generation;
    Object.keys(loaded).forEach(function (name) {
      if (loaded[name].unmount) loaded[name].unmount();
    });
    document.querySelectorAll("[data-app]").forEach(function (root) {
      var app = APPS[root.getAttribute("data-app")];
      if (!app) return;
      var name = root.getAttribute("data-app");
      Promise.all([import(new URL(app.module, base).href), stylesheet(app.style)]).then(
        function (done) {
          loaded[name] = done[0];
          // Another page may have replaced this one while the module loaded.
          if (mine === generation && root.isConnected) done[0].mount(root);
        },
        function (error) {
          root.setAttribute("data-app-error", String(error));
          console.error("could not load the " + name + " app:", error);
        }
      );
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
