/* Offline search transport (pages opened from file://). Pagefind's files are shipped as
   classic scripts (plugins/search/offline.py); this shim answers Pagefind's fetches of
   its index from them, and loads Pagefind itself as a classic script. Nothing here leaves
   the disk: every URL it serves is under the site's own pagefind-offline/ folder. */
(function () {
  "use strict";
  var root = document.body.dataset.root || ".";
  var base = new URL(root + "/pagefind-offline/", location.href).href;
  var store = {};
  var pending = {};

  window.__arshifPagefindData = function (key, b64) { store[key] = b64; };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new TypeError("offline search file missing: " + src)); };
      document.head.appendChild(s);
    });
  }

  function bytesOf(key) {
    if (!pending[key]) {
      pending[key] = (store[key] ? Promise.resolve() : loadScript(base + "files/" + key + ".js")).then(function () {
        if (store[key] === undefined) throw new TypeError("offline search file empty: " + key);
        var bin = atob(store[key]);
        var bytes = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        delete store[key];
        return bytes;
      });
    }
    return pending[key];
  }

  var TYPES = { json: "application/json", pagefind: "application/wasm" };
  var realFetch = window.fetch ? window.fetch.bind(window) : null;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    var absolute = new URL(url, location.href).href;
    if (absolute.indexOf(base) !== 0) {
      return realFetch ? realFetch(input, init) : Promise.reject(new TypeError("fetch unavailable"));
    }
    var key = absolute.slice(base.length).split("?")[0].split("#")[0];
    return bytesOf(key).then(function (bytes) {
      var ext = key.split(".").pop();
      return new Response(bytes, { status: 200, headers: { "Content-Type": TYPES[ext] || "application/octet-stream" } });
    });
  };

  var modulePromise = null;
  window.arshifOfflinePagefind = function () {
    if (!modulePromise) {
      window.__ARSHIF_PAGEFIND_URL__ = base + "pagefind.js";
      modulePromise = loadScript(base + "pagefind.js").then(function () {
        var pf = window.__arshifPagefind;
        if (!pf) throw new Error("offline Pagefind did not load");
        return Promise.resolve(pf.options({ noWorker: true, basePath: base })).then(function () { return pf; });
      });
    }
    return modulePromise;
  };
})();
