/* Search engine: window.arshif.search(query, options) over the Pagefind index, for the
   search page (theme/static/js/search-page.js) and for scripts. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.dataset.root || ".";
  var offline = body.dataset.offline === "true";
  var EXCERPT_WORDS = 28;
  var PAGE_SIZE = 10;
  var pagefindPromise = null;

  function loadPagefind() {
    if (!pagefindPromise) {
      // Offline (file://) pages load the same engine as classic scripts: offline-pagefind.js.
      var loading = offline ? window.arshifOfflinePagefind()
        : import(new URL(root + "/pagefind/pagefind.js", location.href).href);
      pagefindPromise = loading.then(function (pf) {
        // No Web Worker: one engine path for hosted and offline pages (workers cannot run from
        // file://), and 40 KB less to download before the first result.
        return Promise.resolve(offline ? null : pf.options({ noWorker: true })).then(function () {
          return pf.init ? pf.init() : null;
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Rebuild an excerpt from the words as written: Pagefind reports hits as positions of
     index tokens; meta.map says how many tokens each word became, and the first token of
     each group is the word itself (plugins/search/tokens.py). */
  function excerpt(data) {
    var indexTokens = (data.content || "").replace(/\./g, " ").split(/\s+/).filter(Boolean);
    var map = data.meta.map || "";
    var words = [], tokenToWord = [], t = 0;
    for (var w = 0; w < map.length; w++) {
      words.push(indexTokens[t] || "");
      for (var k = 0; k < Number(map[w]); k++) { tokenToWord.push(w); t++; }
    }
    // The title is shown above the excerpt: take the excerpt from the body, around the
    // first hit there (or the body's opening when only the title or a name matched).
    var bodyFrom = Math.min(Number(data.meta.title_words) || 0, words.length);
    var hits = {};
    var first = null;
    (data.locations || []).forEach(function (loc) {
      var word = tokenToWord[loc];
      if (word !== undefined) {
        hits[word] = true;
        if (word >= bodyFrom && (first === null || word < first)) first = word;
      }
    });
    var start = first === null ? bodyFrom : Math.max(bodyFrom, first - Math.floor(EXCERPT_WORDS / 3));
    var end = Math.min(words.length, start + EXCERPT_WORDS);
    var parts = [];
    for (var i = start; i < end; i++) {
      var text = escapeHtml(words[i]);
      parts.push(hits[i] ? "<mark>" + text + "</mark>" : text);
    }
    return (start > 0 ? "… " : "") + parts.join(" ") + (end < words.length ? " …" : "");
  }

  function resultUrl(url) {
    return url.replace(/^\/+/, "");
  }

  /* Pagefind backs off when a word matches nothing (it retries shorter prefixes, so
     «كمان» finds «كما») and then drops that word from a multi-word query. A reader who
     asks for a word expects pages that have it. When every word is really in the index,
     Pagefind ANDs them, so the best result has each of them; if the best result lacks one,
     that word matched nothing, and neither does the query. */
  function hasEveryTerm(data, terms) {
    var words = (data.content || "").replace(/\./g, " ").split(/\s+/);
    return terms.every(function (term) {
      return words.some(function (w) { return w.toLowerCase().indexOf(term) === 0; });
    });
  }

  /* search(query, {filters, sort, limit}) -> Promise of [{url, title, excerpt, date}],
     url relative to the site root. `total` on the array is the full hit count. */
  function search(query, options) {
    options = options || {};
    var terms = window.ArshifArabic.queryTerms(query || "");
    if (!terms.length) { var none = []; none.total = 0; return Promise.resolve(none); }
    return loadPagefind().then(function (pf) {
      var opts = {};
      if (options.filters) opts.filters = options.filters;
      if (options.sort) opts.sort = options.sort;
      return pf.search(terms.join(" "), opts).then(function (response) {
        if (!response.results.length) return response;
        // With a date sort the first result is the newest, not the best: check the best.
        var check = options.sort ? pf.search(terms.join(" ")) : Promise.resolve(response);
        return check.then(function (best) {
          return best.results[0].data().then(function (top) {
            return hasEveryTerm(top, terms) ? response : { results: [], filters: {} };
          });
        });
      });
    }).then(function (response) {
      var results = response.results;
      var limit = options.limit === undefined ? results.length : options.limit;
      var offset = options.offset || 0;
      return Promise.all(results.slice(offset, offset + limit).map(function (r) { return r.data(); }))
        .then(function (datas) {
          var out = datas.map(function (d) {
            return { url: resultUrl(d.raw_url || d.url), title: d.meta.title, excerpt: excerpt(d),
                     date: d.meta.date || null, dateDisplay: d.meta.date_display || null };
          });
          out.total = results.length;
          out.filters = response.filters || {};  // counts within these results, per filter value
          return out;
        });
    });
  }

  function filtersAvailable() {
    return loadPagefind().then(function (pf) { return pf.filters(); });
  }

  window.arshif = { search: search, filters: filtersAvailable, excerpt: excerpt };
  // The search page's UI (form, results, filters, sort) is theme/static/js/search-page.js.
})();
