/* Search page UI over window.arshif.search (search.js): the form, results, filters, sort,
   deep links (?q=…&person=…&sort=…), the header box kept filled, a helpful empty state,
   and errors in Arabic. Everything it draws goes into space the page already reserves
   (theme CSS), so results arriving move nothing else. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.arshif) return;
  var body = document.body;
  var root = body.dataset.root || ".";
  var offline = body.dataset.offline === "true";
  var PAGE_SIZE = 10;
  var input = document.getElementById("q");
  var headerInput = document.getElementById("header-q");
  var status = document.getElementById("search-status");
  var help = document.getElementById("search-help");
  var list = document.getElementById("results");
  var sortSelect = document.getElementById("sort");
  var side = document.getElementById("search-side");
  var toggle = document.getElementById("filters-toggle");
  var filterGroups = document.getElementById("filter-groups");
  var filtersNote = document.getElementById("filters-note");
  var FILTER_LABELS = { person: "الأشخاص", place: "الأماكن", event: "الأحداث", source: "المصادر", year: "السنة" };
  // «نتيجة واحدة», «3 نتائج», «11 نتيجة»…: the phrases come from plugins/arabic/numbers.py
  // (rendered into the page), the category from the browser's CLDR rules, as on the Python side.
  var RESULT_FORMS = JSON.parse(status.dataset.forms || "{}");
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules("ar") : null;
  var digits = body.dataset.digits === "arabic-indic"
    ? function (n) { return String(n).replace(/\d/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }); }
    : function (n) { return String(n); };
  var selected = {};
  var shown = 0;
  var runId = 0;

  function countResults(n) {
    var phrase = plural && RESULT_FORMS[plural.select(n)];
    return phrase ? phrase.replace("{n}", digits(n)) : digits(n);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function href(url) {
    var link = root + "/" + url;
    return offline && (url === "" || /\/$/.test(url)) ? link + "index.html" : link;
  }

  function currentFilters() {
    var f = {};
    Object.keys(selected).forEach(function (k) { if (selected[k].length) f[k] = { any: selected[k] }; });
    return f;
  }

  function selectedCount() {
    return Object.keys(selected).reduce(function (n, k) { return n + selected[k].length; }, 0);
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

  function setToggleLabel() {
    var n = selectedCount();
    toggle.textContent = n ? "تصفية النتائج (" + digits(n) + ")" : "تصفية النتائج";
  }

  function toggleFilter(key, name, on) {
    var values = selected[key] = selected[key] || [];
    var at = values.indexOf(name);
    if (on && at < 0) values.push(name);
    if (!on && at >= 0) values.splice(at, 1);
    setToggleLabel();
    run();
  }

  /* Filter values with their counts among the query's results. */
  function renderFilters(counts) {
    filterGroups.innerHTML = "";
    Object.keys(FILTER_LABELS).forEach(function (key) {
      var values = counts[key] || {};
      var names = Object.keys(values).filter(function (n) {
        return values[n] > 0 || (selected[key] || []).indexOf(n) >= 0;
      }).sort(function (a, b) { return values[b] - values[a] || a.localeCompare(b, "ar"); });
      if (!names.length) return;
      var group = document.createElement("details");
      group.className = "filter-group";
      if ((selected[key] || []).length) group.open = true;
      var summary = document.createElement("summary");
      summary.textContent = FILTER_LABELS[key];
      group.appendChild(summary);
      names.slice(0, 40).forEach(function (name) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox"; box.value = name; box.dataset.filter = key;
        box.checked = (selected[key] || []).indexOf(name) >= 0;
        box.addEventListener("change", function () { toggleFilter(key, name, box.checked); });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + name + " (" + digits(values[name] || 0) + ")"));
        group.appendChild(label);
      });
      filterGroups.appendChild(group);
    });
    filtersNote.hidden = filterGroups.children.length > 0;
  }

  /* Pagefind counts only filter indexes it has loaded, so they are loaded once, after the
     first results are on screen, and the query is counted again without filters (as
     faceted search usually shows them). */
  var pendingFilters = null;
  var phone = window.matchMedia ? window.matchMedia("(max-width: 48rem)") : { matches: false };

  function showFilters(q, results) {
    if (!results.total && !selectedCount()) { renderFilters({}); return; }
    // On a phone the panel is closed: its indexes load when the reader opens it.
    if (phone.matches && !side.classList.contains("open")) { pendingFilters = [q, results]; return; }
    pendingFilters = null;
    window.arshif.filters().then(function () {
      return window.arshif.search(q, { limit: 0 });
    }).then(function (recount) { renderFilters(recount.filters || {}); });
  }

  function renderResults(results, append) {
    if (!append) list.innerHTML = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "result";
      li.innerHTML = '<a class="title" href="' + escapeHtml(href(r.url)) + '">' + escapeHtml(r.title || r.url) + "</a>" +
        (r.date ? ' <time datetime="' + escapeHtml(r.date) + '">' + digits(escapeHtml(r.dateDisplay || r.date)) + "</time>" : "") +
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

  // --- the empty state: what a reader can do next -------------------------------------

  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  /* Spellings the index knows that are close to the reader's words: the names of people,
     places, events and sources (the filter values), word by word, compared folded. */
  function closeSpellings(q, all) {
    var A = window.ArshifArabic;
    var wanted = A.words(q).map(A.normalize).filter(function (w) { return w.length >= 3; });
    var found = {};
    ["person", "place", "source", "event"].forEach(function (key) {
      Object.keys(all[key] || {}).forEach(function (name) {
        A.words(name).forEach(function (word) {
          var folded = A.normalize(word);
          wanted.forEach(function (w) {
            var limit = w.length >= 6 ? 2 : 1;
            var d = editDistance(w, folded, limit);
            if (d > 0 && d <= limit && (!found[word] || found[word] > d)) found[word] = d;
          });
        });
      });
    });
    return Object.keys(found).sort(function (a, b) { return found[a] - found[b] || a.localeCompare(b, "ar"); }).slice(0, 5);
  }

  function showHelp(q) {
    help.innerHTML = "";
    var items = [];
    Object.keys(selected).forEach(function (key) {
      selected[key].forEach(function (name) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "link-button";
        b.textContent = "أزل عامل التصفية «" + name + "»";
        b.addEventListener("click", function () { toggleFilter(key, name, false); });
        items.push(b);
      });
    });
    var browse = document.createElement("span");
    browse.innerHTML = 'تصفّح <a href="' + escapeHtml(href("people/")) + '">الأشخاص</a> أو <a href="' +
      escapeHtml(href("places/")) + '">الأماكن</a> أو <a href="' + escapeHtml(href("timeline/")) + '">الخط الزمني</a>';
    var render = function (spellings) {
      var ul = document.createElement("ul");
      if (spellings.length) {
        var li = document.createElement("li");
        li.appendChild(document.createTextNode("هل تقصد: "));
        spellings.forEach(function (word, i) {
          var a = document.createElement("a");
          a.href = "?q=" + encodeURIComponent(word);
          a.textContent = word;
          a.addEventListener("click", function (e) { e.preventDefault(); input.value = word; run(); });
          if (i) li.appendChild(document.createTextNode("، "));
          li.appendChild(a);
        });
        ul.appendChild(li);
      }
      items.concat([browse]).forEach(function (node) {
        var li = document.createElement("li");
        li.appendChild(node);
        ul.appendChild(li);
      });
      var p = document.createElement("p");
      p.textContent = "جرّب كلمة أقصر أو تهجئة أخرى، أو:";
      help.appendChild(p);
      help.appendChild(ul);
      help.hidden = false;
    };
    window.arshif.filters().then(function (all) { return closeSpellings(q, all); })
      .catch(function () { return []; }).then(render);
  }

  function showError(err) {
    if (window.console) console.error("Arshif search:", err);
    status.textContent = "تعذّر البحث: لم يُحمَّل فهرس البحث.";
    help.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = offline
      ? "افتح الأرشيف من الملف index.html في المجلد الذي فُكّ ضغطه كاملًا، ثم أعد تحميل هذه الصفحة."
      : "أعد تحميل الصفحة بعد قليل. يمكنك في الأثناء تصفّح الأشخاص والأماكن والخط الزمني من القائمة أعلاه.";
    help.appendChild(p);
    help.hidden = false;
  }

  function run(more) {
    var q = input.value.trim();
    if (headerInput) headerInput.value = q;
    updateUrl();
    var id = ++runId;
    help.hidden = true;
    if (!q) { list.innerHTML = ""; status.textContent = ""; return; }
    status.textContent = "جارٍ البحث…";
    if (!more) shown = 0;
    window.arshif.search(q, { filters: currentFilters(), sort: currentSort(), limit: PAGE_SIZE, offset: shown }).then(function (results) {
      if (id !== runId) return;  // a newer search has started
      renderResults(results, !!more);
      shown += results.length;
      if (results.total) {
        status.textContent = countResults(results.total) + " لـ«" + q + "»";
      } else {
        status.textContent = "لا نتائج لـ«" + q + "»" + (selectedCount() ? " مع عوامل التصفية المختارة" : "");
        showHelp(q);
      }
      if (!more) showFilters(q, results);
      showMore(results.total);
    }).catch(function (err) { if (id === runId) showError(err); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  sortSelect.addEventListener("change", function () { run(); });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    side.classList.toggle("open", open);
    if (open && pendingFilters) showFilters(pendingFilters[0], pendingFilters[1]);
  });
  var params = new URLSearchParams(location.search);
  Object.keys(FILTER_LABELS).forEach(function (k) { var v = params.getAll(k); if (v.length) selected[k] = v; });
  setToggleLabel();
  if (params.get("sort")) sortSelect.value = params.get("sort");
  if (params.get("q")) { input.value = params.get("q"); run(); }
  else window.arshif.warm();  // the engine and page table load while the reader types
})();
