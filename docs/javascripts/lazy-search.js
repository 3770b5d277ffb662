// Search costs nothing until the reader reaches for it. Material fetches the search index
// (search/search_index.json) and starts its search worker on every first visit; here both wait
// until the reader opens search (the search field gets focus: a click, a tap, "/", "s" or "f"),
// and then load at once. Material's own code is unchanged: this runs before its bundle and
// defers one XMLHttpRequest and one Worker, matched by URL; anything else passes straight on.
// Loaded by overrides/main.html ahead of Material's bundle.
(function () {
  "use strict";

  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) {
      go();
    });
  }

  function whenWanted(go) {
    if (wanted) go();
    else waiting.push(go);
  }

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER = /\/workers\/search\.[\w.]+\.js(?:[?#]|$)/;

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = INDEX.test(new URL(String(url), document.baseURI).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.__searchIndex && !wanted) {
      waiting.push(function () {
        send.apply(xhr, args);
      });
      return undefined;
    }
    return send.apply(xhr, args);
  };

  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    if (!WORKER.test(new URL(String(url), document.baseURI).pathname)) {
      return new RealWorker(url, options);
    }
    // Stands in for the worker: messages wait for the reader, then go to the real one.
    var proxy = new EventTarget();
    var real = null;
    whenWanted(function () {
      real = new RealWorker(url, options);
      ["message", "error", "messageerror"].forEach(function (type) {
        real.addEventListener(type, function (event) {
          var copy =
            type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
          proxy.dispatchEvent(copy);
        });
      });
    });
    proxy.postMessage = function (message, transfer) {
      whenWanted(function () {
        real.postMessage(message, transfer);
      });
    };
    proxy.terminate = function () {
      whenWanted(function () {
        real.terminate();
      });
    };
    return proxy;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;

  // The search field is in the header, which instant navigation keeps: one listener will do.
  document.addEventListener(
    "focusin",
    function (event) {
      if (event.target.matches && event.target.matches("[data-md-component=search-query]")) want();
    },
    true
  );
  document.addEventListener(
    "change",
    function (event) {
      if (event.target.id === "__search" && event.target.checked) want();
    },
    true
  );
  document.addEventListener(
    "pointerdown",
    function (event) {
      if (event.target.closest && event.target.closest("label[for=__search], .md-search")) want();
    },
    true
  );
})();
