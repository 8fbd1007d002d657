/* Search page: window.arshif.search(query, options) over the Pagefind index, and the UI
   that uses it (results with highlighted excerpts, filters, sort, deep links). */
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

  // --- the page UI -------------------------------------------------------------------
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var sortSelect = document.getElementById("sort");
  var filterBox = document.getElementById("filters");
  var filterGroups = document.getElementById("filter-groups");
  var FILTER_LABELS = { person: "الأشخاص", place: "الأماكن", event: "الأحداث", source: "المصادر", year: "السنة" };
  var arabicDigits = body.dataset.digits === "arabic-indic"
    ? function (n) { return String(n).replace(/\d/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }); }
    : function (n) { return String(n); };
  var selected = {};
  var shown = 0;

  function href(url) {
    var link = root + "/" + url;
    return offline && (url === "" || /\/$/.test(url)) ? link + "index.html" : link;
  }

  function currentFilters() {
    var f = {};
    Object.keys(selected).forEach(function (k) { if (selected[k].length) f[k] = { any: selected[k] }; });
    return f;
  }

  function currentSort() {
    var v = sortSelect.value;
    return v === "date-desc" ? { date: "desc" } : v === "date-asc" ? { date: "asc" } : null;
  }

  function updateUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    Object.keys(selected).forEach(function (k) { selected[k].forEach(function (v) { params.append(k, v); }); });
    if (sortSelect.value !== "relevance") params.set("sort", sortSelect.value);
    var qs = params.toString();
    try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// */ }
  }

  /* Filter values with their counts: within the current results when there are some,
     otherwise over the whole archive. */
  function renderFilters(counts) {
    (counts ? Promise.resolve(counts) : filtersAvailable()).then(function (all) {
      filterGroups.innerHTML = "";
      Object.keys(FILTER_LABELS).forEach(function (key) {
        var values = all[key] || {};
        var names = Object.keys(values).sort(function (a, b) { return values[b] - values[a] || a.localeCompare(b, "ar"); });
        if (!names.length) return;
        var group = document.createElement("details");
        group.className = "filter-group";
        if ((selected[key] || []).length) group.open = true;
        var summary = document.createElement("summary");
        summary.textContent = FILTER_LABELS[key];
        group.appendChild(summary);
        names = names.filter(function (n) { return values[n] > 0 || (selected[key] || []).indexOf(n) >= 0; });
        if (!names.length) return;
        names.slice(0, 40).forEach(function (name) {
          var label = document.createElement("label");
          var box = document.createElement("input");
          box.type = "checkbox"; box.value = name; box.dataset.filter = key;
          box.checked = (selected[key] || []).indexOf(name) >= 0;
          box.addEventListener("change", function () {
            var list = selected[key] = selected[key] || [];
            if (box.checked) list.push(name); else list.splice(list.indexOf(name), 1);
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + name + " (" + arabicDigits(values[name]) + ")"));
          group.appendChild(label);
        });
        filterGroups.appendChild(group);
      });
      filterBox.hidden = !filterGroups.children.length;
    });
  }

  /* Filter panel: every value with its count among the results of the query (before
     the reader's own filter choices, as faceted search usually shows them). Pagefind counts
     only filter indexes it has loaded, so they are loaded once, after the first results
     are on screen, and the query is counted again without filters. */
  function showFilters(q, results) {
    if (!results.total) { renderFilters({}); return; }
    filtersAvailable().then(function () {
      return search(q, { limit: 0 });
    }).then(function (recount) { renderFilters(recount.filters); });
  }

  function renderResults(results, append) {
    if (!append) list.innerHTML = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "result";
      li.innerHTML = '<a class="title" href="' + escapeHtml(href(r.url)) + '">' + escapeHtml(r.title || r.url) + "</a>" +
        (r.date ? ' <time datetime="' + escapeHtml(r.date) + '">' + arabicDigits(escapeHtml(r.dateDisplay || r.date)) + "</time>" : "") +
        '<p class="excerpt">' + r.excerpt + "</p>";
      list.appendChild(li);
    });
  }

  function showMore(total) {
    var old = document.getElementById("more");
    if (old) old.remove();
    if (shown >= total) return;
    var li = document.createElement("li");
    li.id = "more";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "نتائج أخرى";
    button.addEventListener("click", function () { run(true); });
    li.appendChild(button);
    list.appendChild(li);
  }

  function run(more) {
    var q = input.value.trim();
    updateUrl();
    if (!q) { list.innerHTML = ""; status.textContent = ""; return; }
    status.textContent = "جارٍ البحث…";
    if (!more) shown = 0;
    search(q, { filters: currentFilters(), sort: currentSort(), limit: PAGE_SIZE, offset: shown }).then(function (results) {
      var old = document.getElementById("more");
      if (old) old.remove();
      renderResults(results, !!more);
      shown += results.length;
      status.textContent = results.total ? "عدد النتائج: " + arabicDigits(results.total) : "لا نتائج لـ«" + q + "»";
      if (!more) showFilters(q, results);
      showMore(results.total);
    }).catch(function (err) {
      status.textContent = "تعذّر البحث: " + err.message;
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  sortSelect.addEventListener("change", function () { run(); });
  var params = new URLSearchParams(location.search);
  Object.keys(FILTER_LABELS).forEach(function (k) { var v = params.getAll(k); if (v.length) selected[k] = v; });
  if (params.get("sort")) sortSelect.value = params.get("sort");
  // Filters are shown with the first results (their counts come with them): loading
  // them up front would cost every visitor the filter index before any search.
  if (params.get("q")) { input.value = params.get("q"); run(); }
})();
