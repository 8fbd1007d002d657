/* Search engine: window.arshif.search(query, options) over the Pagefind index, for the
   search page (theme/static/js/search-page.js) and for scripts. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.dataset.root || ".";
  var offline = body.dataset.offline === "true";
  var EXCERPT_WORDS = 28;
  var pagefindPromise = null;

  /* Pagefind's module, from its gzipped copy (pagefind.js.pf_gz, plugins/search/compact.py:
     a third of the bytes) where the browser can unzip it, else pagefind.js itself. */
  function importPagefind(base) {
    var plain = function () { return import(base + "pagefind.js"); };
    if (typeof DecompressionStream === "undefined" || typeof Blob === "undefined") return plain();
    return fetch(base + "pagefind.js.pf_gz").then(function (response) {
      if (!response.ok) throw new Error("no zipped engine");
      return response.arrayBuffer();
    }).then(function (bytes) {
      var zipped = new Uint8Array(bytes);
      var text = zipped[0] === 0x1f && zipped[1] === 0x8b  // a server may have unzipped it already
        ? new Response(new Blob([zipped]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
        : new TextDecoder().decode(zipped);
      return text;
    }).then(function (text) {
      var url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
      return import(url).finally(function () { URL.revokeObjectURL(url); });
    }).catch(plain);  // e.g. a Content-Security-Policy that refuses blob: modules
  }

  function loadPagefind() {
    if (!pagefindPromise) {
      // Offline (file://) pages load the same engine as classic scripts: offline-pagefind.js.
      var base = new URL(root + "/pagefind/", location.href).href;
      var loading = offline ? window.arshifOfflinePagefind() : importPagefind(base);
      pagefindPromise = loading.then(function (pf) {
        // No Web Worker: one engine path for hosted and offline pages (workers cannot run from
        // file://), and 40 KB less to download before the first result. The base path is
        // given, as a module loaded from a blob: URL cannot work it out.
        return Promise.resolve(offline ? null : pf.options({ noWorker: true, basePath: base })).then(function () {
          return pf.init ? pf.init() : null;
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  /* The body as written (for the excerpt) of one result: text/<page id>.pf_text, gzip,
     beside the index (offline: answered by offline-pagefind.js like every index file). */
  var texts = {};
  function pageText(id) {
    if (texts[id]) return texts[id];
    var url = new URL(root + (offline ? "/pagefind-offline/" : "/pagefind/") + "text/" + id + ".pf_text",
                      location.href).href;
    texts[id] = fetch(url).then(function (response) {
      if (!response.ok) throw new Error("excerpt text missing: " + id);
      if (typeof DecompressionStream === "undefined") return "";
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
    });
    texts[id].catch(function () { delete texts[id]; });  // a failed fetch is tried again next time
    return texts[id];
  }

  /* Start fetching what a page of results shows (fragment and excerpt text). */
  function fetchShown(results) {
    results.forEach(function (r) {
      r.data().catch(function () {});
      pageText(r.id).catch(function () {});
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var WORD_RE = /[\p{L}\p{N}\u0610-\u061a\u064b-\u065f\u0670\u0640]+/gu;
  var EXACT_BOOST = 2;   // a page with every word as typed (clitics included) outranks one with folded forms
  // Joins a query term to its proclitics in index tokens, and starts every word of the
  // displayed meta so that Pagefind files those words apart (plugins/search/tokens.py).
  var MARK = "\u07ca";
  var MARKS = /\u07ca/g;

  function shown(value) { return value ? String(value).replace(MARKS, "") : value; }

  /* Excerpt from the body as written (meta.text, punctuation kept): EXCERPT_WORDS words
     around the first whole-word hit, each hit in <mark>. */
  function excerpt(data, terms) {
    var text = shown((data.meta && data.meta.text) || "");
    var words = [], m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(text))) words.push([m.index, m.index + m[0].length, m[0]]);
    var A = window.ArshifArabic;
    var hit = words.map(function (w) {
      return (terms || []).some(function (t) { return A.wordMatches(w[2], t); });
    });
    var first = hit.indexOf(true);
    var start = first < 0 ? 0 : Math.max(0, first - Math.floor(EXCERPT_WORDS / 3));
    var end = Math.min(words.length, start + EXCERPT_WORDS);
    if (!words.length) return "";
    var out = "", at = words[start][0];
    for (var i = start; i < end; i++) {
      out += escapeHtml(text.slice(at, words[i][0]));
      out += hit[i] ? "<mark>" + escapeHtml(words[i][2]) + "</mark>" : escapeHtml(words[i][2]);
      at = words[i][1];
    }
    // Keep the punctuation that closes the last word («…المفاوضات.»).
    var tail = end < words.length ? text.slice(at, words[end][0]).replace(/\s+$/, "") : text.slice(at);
    out += escapeHtml(tail);
    return (start > 0 ? "… " : "") + out + (end < words.length ? " …" : "");
  }

  function resultUrl(url) {
    return url.replace(/^\/+/, "");
  }

  // A filter no page has: Pagefind then counts the pages that match a query without
  // ranking any of them (nothing to download).
  var NO_PAGE = { filters: { "arshif-no-page": "" } };

  /* The index chunks that can hold words from start (included) to end (excluded): a chunk
     holds the words from its first bound up to the next chunk's. The chunk table comes with
     the compact page table (plugins/search/compact_meta.js). */
  function chunksOver(start, end) {
    var chunks = window.__arshifIndex.chunks, names = [];
    for (var i = 0; i < chunks.length; i++) {
      if (chunks[i][0] >= end) break;
      if (i + 1 === chunks.length || chunks[i + 1][0] > start) names.push(chunks[i][2]);
    }
    return names;
  }

  /* Load the index chunks that hold a whole word's tokens (term + MARK + clitics, tokens.py),
     all of which sort from term + MARK to term + MARK + MARK: Pagefind loads only the chunk
     where term + MARK itself would sit, while the tokens may run on into the next. */
  function loadWholeWords(pf, parts, base) {
    var index = window.__arshifIndex;
    if (!index) {
      return Promise.all(parts.map(function (p) { return pf.preload(p.term + MARK, base); }));
    }
    var names = {};
    parts.forEach(function (p) {
      chunksOver(p.term + MARK, p.term + MARK + MARK).forEach(function (n) { names[n] = true; });
    });
    return Promise.all(Object.keys(names).map(index.load));
  }

  /* Does the index hold a word from start to end? Read from the words of the loaded chunks
     over that range (compact_meta.js keeps them); null when those are not all known. */
  function indexHolds(start, end) {
    var index = window.__arshifIndex;
    if (!index || !index.words) return null;
    var names = chunksOver(start, end);
    for (var i = 0; i < names.length; i++) {
      var words = index.words[names[i]];
      if (!words) return null;
      for (var j = 0; j < words.length; j++) if (words[j] >= start && words[j] < end) return true;
    }
    return false;
  }

  /* Is every query word in the index? Pagefind drops a word that matches nothing and
     answers the others. Whole words are looked up in the loaded chunks' words; otherwise
     Pagefind counts each word's pages (slow for a common word once the filter indexes are
     loaded: it then counts them for every filter value). */
  function everyWordFound(pf, terms, ends) {
    return Promise.all(terms.map(function (t, i) {
      var known = ends ? indexHolds(t, ends[i]) : null;
      return known !== null ? known : pf.search(t, NO_PAGE).then(function (r) { return r.unfilteredResultCount > 0; });
    })).then(function (found) { return found.every(Boolean); });
  }

  /* The ranked result list. Whole words first: pages that hold every query word as a
     whole word (after clitics), by Pagefind's score (title words weigh most, see
     search_record.html), doubled when every word is there as typed, clitics included
     (بأمريكا over أمريكا); newer first on a tie; with a date sort, by date (undated last).
     Only when some word is nowhere whole, pages where the words begin longer words
     (Pagefind's prefix search). */
  function ranked(pf, parts, options, shownOf) {
    var base = options.filters ? { filters: options.filters } : {};
    var whole = parts.map(function (p) { return p.term + MARK; });
    var begun = parts.map(function (p) { return p.term; });
    var typed = parts.some(function (p) { return p.prefix; })
      ? parts.map(function (p) { return p.term + MARK + p.prefix; }) : null;

    // One search after the other: the second finds every index chunk it needs already
    // loaded by the first, and runs in memory.
    function level(terms, exactTerms, ends) {
      return everyWordFound(pf, terms, ends).then(function (found) {
        if (!found) return null;
        return pf.search(terms.join(" "), base).then(function (first) {
          if (!exactTerms) return [first, null];
          // While the as-typed search runs, the network brings the pages most likely shown
          // (the boost reorders them; few differ).
          fetchShown(shownOf(order(first.results, [], options.sort)));
          return pf.search(exactTerms.join(" "), base).then(function (exact) { return [first, exact]; });
        }).then(function (both) {
          var results = order(both[0].results, both[1] ? both[1].results : [], options.sort);
          return results.length ? { results: results, filters: both[0].filters } : null;
        });
      });
    }

    return loadWholeWords(pf, parts, base).then(function () {
      return level(whole, options.sort ? null : typed, whole.map(function (t) { return t + MARK; }));
    }).then(function (found) {
      return found || level(begun, null);
    }).then(function (found) {
      return found || { results: [], filters: {} };
    });
  }

  function order(results, exactResults, sort) {
    var rank = {};
    results.forEach(function (r) { rank[r.id] = dateRank(r.id); });
    results = results.slice();
    if (sort) {
      var asc = sort.date === "asc";
      return results.sort(function (a, b) {
        var ra = rank[a.id], rb = rank[b.id];
        if (ra.dated !== rb.dated) return ra.dated ? -1 : 1;
        return asc && ra.dated ? rb.n - ra.n : ra.n - rb.n;
      });
    }
    var boosted = {};
    exactResults.forEach(function (r) { boosted[r.id] = true; });
    var score = function (r) { return r.score * (boosted[r.id] ? EXACT_BOOST : 1); };
    return results.sort(function (a, b) { return score(b) - score(a) || rank[a.id].n - rank[b.id].n; });
  }

  /* A page's place in date order, from its id (plugins/search/compact.py numbers pages
     newest first and names them <tag>n<number in hex>, or <tag>u<number> when undated). */
  function dateRank(id) {
    var m = /([nu])([0-9a-f]+)$/.exec(id || "");
    return m ? { dated: m[1] === "n", n: parseInt(m[2], 16) } : { dated: false, n: Infinity };
  }

  /* search(query, {filters, sort, limit, offset}) -> Promise of [{url, title, excerpt, date,
     dateDisplay}], url relative to the site root. `total` on the array is the full hit
     count, `filters` the counts per filter value within the results. */
  function search(query, options) {
    options = options || {};
    var parts = window.ArshifArabic.queryParts(query || "");
    var terms = parts.map(function (p) { return p.term; });
    if (!parts.length) { var none = []; none.total = 0; none.filters = {}; return Promise.resolve(none); }
    var offset = options.offset || 0;
    var shownOf = function (results) {
      return results.slice(offset, options.limit === undefined ? results.length : offset + options.limit);
    };
    return loadPagefind().then(function (pf) {
      return ranked(pf, parts, options, shownOf);
    }).then(function (response) {
      var results = response.results;
      return Promise.all(shownOf(results).map(function (r) {
        return Promise.all([r.data(), pageText(r.id)]).then(function (both) {
          both[0].meta = Object.assign({}, both[0].meta, { text: both[1] });
          return both[0];
        });
      }))
        .then(function (datas) {
          var out = datas.map(function (d) {
            return { url: resultUrl(d.raw_url || d.url), title: shown(d.meta.title), excerpt: excerpt(d, terms),
                     date: d.meta.date || null, dateDisplay: shown(d.meta.date_display) || null };
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

  /* Load the engine and the page table now (the search page calls it as it opens, so
     that they are ready by the time a reader has typed a query). An empty search sets up
     Pagefind's word splitter and returns before it reads any index file. */
  function warm() {
    return loadPagefind().then(function (pf) { return pf.search(""); })
      .then(function () { return true; }, function () { return false; });
  }

  window.arshif = { search: search, filters: filtersAvailable, excerpt: excerpt, warm: warm };
  // The search page's UI (form, results, filters, sort) is theme/static/js/search-page.js.
})();
