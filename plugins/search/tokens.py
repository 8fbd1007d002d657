"""What search indexes, and how a query is turned into the same form.

Pagefind's Arabic stemmer over-stems (وزارة -> زار hits «زار», visited) and its
tokeniser misses و/ف + ال (والشيباني). So Arshif gives Pagefind words that are already
normalised, with no stemmer (the index language is ``INDEX_LANGUAGE``), and normalises
the query the same way in the browser (``theme/static/js/arabic-search.js`` mirrors
``query_terms`` here; a browser test checks both agree).

For each word of an article the index holds a few *index tokens* (``word_tokens``):
each query term a spelling of the word can give, joined by ``EXACT_MARK`` to the
proclitics written before it (و ف ب ل ك, ال, لل) in the folded word
(plugins.arabic.normalize). The query side strips more cautiously (``query_term``), and Pagefind's prefix
matching does the rest. Readers never see these tokens: excerpts come from the article's
text, kept as written in the record's ``text`` meta (plugins/search/records.py).
"""

from __future__ import annotations

import functools

from ..arabic import normalize, tokens, words

# Pagefind language for the index: a code with no stemmer, so nothing is over-stemmed.
INDEX_LANGUAGE = "zxx"

_SINGLE = ("و", "ف", "ب", "ل", "ك")
_MAX_STRIP = 4            # at most و + ب + ال, or و + لل
_MIN_STEM = 2             # letters a stem keeps after ال / لل
_MIN_STEM_SINGLE = 3      # letters a stem keeps after a lone و ف ب ل ك (the query asks 4)
MAX_TOKENS_PER_WORD = 9   # at most this many index tokens per word
# Joins a query term to the proclitics written before it. A letter (NKo A), so that
# Pagefind keeps the token whole: it splits words at "_" and "-" and indexes the parts too.
# It never occurs in Arabic or Latin text, and sorts after every Arabic and Latin letter.
EXACT_MARK = "\u07ca"
_QUERY_PREFIXES = ("وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")


def index_variants(word: str) -> list[str]:
    """The folded word and every stem under proclitics, longest first, no duplicates."""
    return _folded_variants(normalize(word))


def _folded_variants(folded: str) -> list[str]:
    out = [folded]
    frontier = [(folded, 0)]
    while frontier:
        current, stripped = frontier.pop()
        candidates = []
        if current.startswith("ال") or current.startswith("لل"):
            candidates.append((current[2:], 2, _MIN_STEM))
        if current[:1] in _SINGLE:
            candidates.append((current[1:], 1, _MIN_STEM_SINGLE))
        for stem, cut, min_len in candidates:
            if len(stem) >= min_len and stripped + cut <= _MAX_STRIP and stem not in out:
                out.append(stem)
                frontier.append((stem, stripped + cut))
    out.sort(key=len, reverse=True)
    return out[:MAX_TOKENS_PER_WORD]


def query_split(word: str) -> tuple[str, str]:
    """(proclitics taken off, the query term) for one word, folded. Clitic sequences that
    are unambiguous (و/ف + ب/ل/ك + ال, لل, ال) are always taken off; a lone و ف ب ل ك only
    when at least four letters remain (وزارة -> زاره, but كمان stays كمان)."""
    return _folded_split(normalize(word))


def _folded_split(w: str) -> tuple[str, str]:
    for prefix in _QUERY_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= _MIN_STEM:
            return prefix, w[len(prefix):]
    if w[:1] in ("و", "ف") and w[1:2] in ("ب", "ل", "ك") and len(w) - 2 >= 4:
        return w[:2], w[2:]
    if w[:1] in _SINGLE and len(w) - 1 >= 4:
        return w[:1], w[1:]
    return "", w


def query_term(word: str) -> str:
    """One query word in the form the index holds (``query_split`` without the clitics)."""
    return query_split(word)[1]


def query_terms(query: str) -> list[str]:
    return [query_term(t.text) for t in tokens(query) if normalize(t.text)]


def word_tokens(word: str) -> list[str]:
    """The index tokens of one word (see ``_word_tokens``)."""
    return list(_word_tokens(word))


# A news archive repeats its words (6.3 M words, ~300 k distinct in the 20k corpus): each
# distinct word is worked out once per process.
@functools.lru_cache(maxsize=1 << 19)
def _word_tokens(word: str) -> tuple[str, ...]:
    """The index tokens of one word: for every query term a reader's spelling of it can
    give (the word with more or fewer proclitics, through ``query_term``), that term,
    EXACT_MARK (shown here as _) and the letters before it in the word. The word as
    written comes first. لوزارة -> وزاره_ل (asked as «لوزارة» or «الوزارة»), زاره_لو
    (asked as «وزارة»); أمريكا -> امريكا_. Pagefind matches query words as prefixes, so
    «t» finds every token of t, «t_» only whole words, «t_ب» only the word written with ب."""
    folded = normalize(word)
    terms = []
    # Every variant is a part of the folded word, so folded already (normalize folds each
    # character on its own): the query term of each is split without folding again.
    for variant in [folded, *_folded_variants(folded)]:
        terms.append(_folded_split(variant)[1])
        # The variant itself is what a reader gets by typing it with ال (وزارة as
        # «الوزارة» asks for وزاره), unless it holds ال already (والشيباني).
        if not variant.startswith(_QUERY_PREFIXES):
            terms.append(variant)
    out: list[str] = []
    for term in terms:
        if term and folded.endswith(term):
            token = f"{term}{EXACT_MARK}{folded[:len(folded) - len(term)]}"
            if token not in out:
                out.append(token)
    return tuple(out[:MAX_TOKENS_PER_WORD])


def index_tokens(text: str) -> list[str]:
    """The index tokens of a text, word after word."""
    out: list[str] = []
    for word in words(text):
        out.extend(_word_tokens(word))
    return out


# The index tokens of one word, as a tuple shared by every caller (do not change it).
word_index_tokens = _word_tokens
