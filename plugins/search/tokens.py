"""What search indexes, and how a query is turned into the same form.

Pagefind's Arabic stemmer over-stems (وزارة -> زار hits «زار», visited) and its
tokeniser misses و/ف + ال (والشيباني). So Arshif gives Pagefind words that are already
normalised, with no stemmer (the index language is ``INDEX_LANGUAGE``), and normalises
the query the same way in the browser (``theme/static/js/arabic-search.js`` mirrors
``query_terms`` here; a browser test checks both agree).

For each word of an article the index holds a few *index tokens*: the word folded
(plugins.arabic.normalize) and the stems left after taking off proclitics (و ف ب ل ك,
ال, لل). The query side strips more cautiously (``query_term``), and Pagefind's prefix
matching does the rest. Readers never see these tokens: excerpts are rebuilt in the
browser from the first token of each word's group (the word as written) through the
token -> word map (``map`` meta: one digit per word, how many tokens it became).
"""

from __future__ import annotations

from ..arabic import normalize, tokens

# Pagefind language for the index: a code with no stemmer, so nothing is over-stemmed.
INDEX_LANGUAGE = "zxx"

_SINGLE = ("و", "ف", "ب", "ل", "ك")
_MAX_STRIP = 4            # at most و + ب + ال, or و + لل
_MIN_STEM = 2             # letters a stem keeps after ال / لل
_MIN_STEM_SINGLE = 3      # letters a stem keeps after a lone و ف ب ل ك (the query asks 4)
MAX_TOKENS_PER_WORD = 9   # the map stores one digit per word


def index_variants(word: str) -> list[str]:
    """The folded word and every stem under proclitics, longest first, no duplicates."""
    folded = normalize(word)
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


def query_term(word: str) -> str:
    """One query word in the form the index holds. Clitic sequences that are unambiguous
    (و/ف + ب/ل/ك + ال, لل, ال) are always taken off; a lone و ف ب ل ك only when at least
    four letters remain (وزارة -> زاره, but كمان stays كمان)."""
    w = normalize(word)
    for prefix in ("وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"):
        if w.startswith(prefix) and len(w) - len(prefix) >= _MIN_STEM:
            return w[len(prefix):]
    if w[:1] in ("و", "ف") and w[1:2] in ("ب", "ل", "ك") and len(w) - 2 >= 4:
        return w[2:]
    if w[:1] in _SINGLE and len(w) - 1 >= 4:
        return w[1:]
    return w


def query_terms(query: str) -> list[str]:
    return [query_term(t.text) for t in tokens(query) if normalize(t.text)]


def word_tokens(word: str) -> list[str]:
    """The index tokens of one word: the word as written first (so the result page can
    show it again), then its folded form and stems when they differ."""
    out = [word]
    for variant in index_variants(word):
        if variant and variant != word.lower() and variant not in out:
            out.append(variant)
    return out[:MAX_TOKENS_PER_WORD]


def index_text(text: str) -> tuple[list[str], str]:
    """(index tokens, token-count map with one digit per word). The first token of each
    word's group is the word as written: excerpts are rebuilt from those."""
    index_tokens, counts = [], []
    for token in tokens(text):
        group = word_tokens(token.text)
        index_tokens.extend(group)
        counts.append(str(len(group)))
    return index_tokens, "".join(counts)
