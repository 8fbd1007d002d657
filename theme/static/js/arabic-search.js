/* Arabic query normalisation for search. Mirrors plugins/arabic/text.py (normalize,
   tokens) and plugins/search/tokens.py (query_split) exactly: the index holds tokens made
   by the Python side, and a query must be folded the same way to meet them. A browser
   test compares both on a word list; change them together. */
(function (global) {
  "use strict";
  var DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var FOLD = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0629": "\u0647", "\u0649": "\u064a", "\u0624": "\u0648", "\u0626": "\u064a",
    "\u06cc": "\u064a", "\u06a9": "\u0643"
  };
  var ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩", EASTERN_INDIC = "۰۱۲۳۴۵۶۷۸۹";
  var WORD = /[\p{L}\p{N}\u0610-\u061a\u064b-\u065f\u0670\u0640]+/gu;
  var SINGLE = ["و", "ف", "ب", "ل", "ك"];
  var PREFIXES = ["وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];
  var MIN_STEM = 2;

  function normalize(text) {
    var out = "";
    text = text.replace(DIACRITICS, "").replace(/\u0640/g, "");
    for (var i = 0; i < text.length; i++) {
      var c = text[i], d;
      if (FOLD[c]) { c = FOLD[c]; }
      else if ((d = ARABIC_INDIC.indexOf(c)) >= 0 || (d = EASTERN_INDIC.indexOf(c)) >= 0) { c = String(d); }
      out += c;
    }
    return out.toLowerCase();
  }

  function words(text) {
    var out = [];
    (text.match(WORD) || []).forEach(function (w) {
      w.split("_").forEach(function (part) { if (part) out.push(part); });
    });
    return out;
  }

  /* [proclitics taken off, query term] for one word (tokens.py query_split). */
  function querySplit(word) {
    var w = normalize(word);
    for (var i = 0; i < PREFIXES.length; i++) {
      var p = PREFIXES[i];
      if (w.indexOf(p) === 0 && w.length - p.length >= MIN_STEM) return [p, w.slice(p.length)];
    }
    if ((w[0] === "و" || w[0] === "ف") && ["ب", "ل", "ك"].indexOf(w[1]) >= 0 && w.length - 2 >= 4) return [w.slice(0, 2), w.slice(2)];
    if (SINGLE.indexOf(w[0]) >= 0 && w.length - 1 >= 4) return [w[0], w.slice(1)];
    return ["", w];
  }

  function queryTerm(word) { return querySplit(word)[1]; }

  function queryTerms(query) {
    return words(query).map(queryTerm).filter(function (t) { return t.length > 0 && normalize(t).length > 0; });
  }

  /* The query's words as {prefix, term}: what search.js asks Pagefind for. */
  function queryParts(query) {
    return words(query).map(querySplit).filter(function (p) { return p[1].length > 0; })
      .map(function (p) { return { prefix: p[0], term: p[1] }; });
  }

  /* Proclitic sequences a whole word may carry before a query term: (و|ف)? (ب|ك|ل)? (ال)?,
     and لل for ل + ال. */
  var HEADS = {};
  ["", "و", "ف"].forEach(function (c) {
    ["", "ب", "ك", "ل"].forEach(function (p) {
      HEADS[c + p] = true; HEADS[c + p + "ال"] = true;
    });
    HEADS[c + "لل"] = true;
  });

  /* Is a word of the text, as written, the query term t under proclitics? Whole words
     only: «لوزارة» is وزارة under ل, never زار. */
  function wordMatches(word, term) {
    var w = normalize(word);
    if (w === term) return true;
    if (term.length < 2 || w.length <= term.length || w.slice(w.length - term.length) !== term) return false;
    return HEADS[w.slice(0, w.length - term.length)] === true;
  }

  global.ArshifArabic = { normalize: normalize, words: words, queryTerm: queryTerm, queryTerms: queryTerms,
                           querySplit: querySplit, queryParts: queryParts, wordMatches: wordMatches };
})(window);
