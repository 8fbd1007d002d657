"""Comparing lines with rules: folded spellings, punctuation ignored.

Matching never changes what is shown; it only decides. ``fold_with_map`` keeps a map from
folded positions back to the text as written, so a phrase found in folded text can be cut
out of the original (used for titles).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..arabic import normalize
from ..arabic.text import DIACRITICS, TATWEEL

# Anything that is not a letter, digit or space: quotes, dashes, bullets, dots, colons.
_NON_WORD = re.compile(r"[^\w\s]+|_+")


def fold(text: str) -> str:
    """Spelling variants folded for matching (see plugins.arabic.normalize)."""
    return normalize(text)


# The same labels, credits and short lines come back in article after article (source
# names, «المصدر:», tag words): their keys are remembered, a bounded number of them.
@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """A line reduced to its words: folded, punctuation dropped, spaces single.
    «إقرأ أيضًا:» and «اقرأ ايضا» share the key «اقرا ايضا»."""
    return key_of_folded(normalize(text))


def key_of_folded(folded: str) -> str:
    """``line_key`` of a text already folded."""
    return " ".join(_NON_WORD.sub(" ", folded).split())


def fold_all(texts: list[str]) -> list[str] | None:
    """``fold`` of many short texts in one pass (per line, the fixed cost of folding
    dominated cleaning). None if a text holds a line break (they are joined by one)."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return None
    folded = normalize(joined).split("\n")
    return folded if len(folded) == len(texts) else None


# Letters and digits that folding keeps (diacritics and tatweel are word characters it drops).
_DROPPED = frozenset(chr(c) for c in [*range(0x610, 0x61b), *range(0x64b, 0x660), 0x670, *range(0x6d6, 0x6ee), 0x640])
_KEPT_WORD_CHAR = re.compile("[^\\W_\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def more_words_than(text: str, limit: int) -> bool:
    """Whether ``line_key(text)`` certainly has more than ``limit`` words, found without
    folding: each of the first limit + 1 whitespace-separated tokens holds a letter or digit
    that folding keeps, so each gives at least one word."""
    return _words_pattern(limit).match(text) is not None


@lru_cache(maxsize=64)
def _words_pattern(limit: int) -> re.Pattern:
    # One match instead of a split and a test per token (asked of every line). Tokens are
    # what str.split() finds (re's \s is its whitespace); the atomic group takes a token's
    # first kept character only, so a failing match does not retry the others (linear time).
    kept = _KEPT_WORD_CHAR.pattern
    return re.compile(rf"\s*(?:(?>\S*?{kept})\S*\s+){{{limit}}}\S*?{kept}")


def _more_words_than_by_tokens(text: str, limit: int) -> bool:
    """``more_words_than`` spelled out token by token (the tests' reference)."""
    tokens = text.split(None, limit + 1)
    if len(tokens) <= limit:
        return False
    for token in tokens[:limit + 1]:
        first = token[0]
        if not (first.isalnum() and first not in _DROPPED) and _KEPT_WORD_CHAR.search(token) is None:
            return False
    return True


def matches(pattern: re.Pattern, text: str, folded: str) -> bool:
    """A rule pattern applies to the folded line or to the line as written."""
    return pattern.search(folded) is not None or pattern.search(text) is not None


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """(folded text, index in ``text`` of each folded character). Diacritics and tatweel are
    dropped; every other character folds to exactly one character."""
    if "\u0130" in text or "\u03a3" in text:
        # «İ» lower-cases to two characters and «Σ» by its neighbours: character by character.
        return _fold_with_map_by_chars(text)
    # Otherwise folding is per character and keeps one character for one, so the text folded
    # at once is the same (one pass in C instead of a call per character).
    folded = normalize(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))  # nothing dropped
    return folded, [i for i, ch in enumerate(text) if ch not in _DROPPED]


def _fold_with_map_by_chars(text: str) -> tuple[str, list[int]]:
    """``fold_with_map`` one character at a time (for the rare texts whole-text lower-casing
    treats otherwise, and the tests' reference)."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch == TATWEEL or DIACRITICS.match(ch):
            continue
        folded = normalize(ch)
        chars.append(folded[:1] or ch)
        where.append(i)
    return "".join(chars), where


def cut_spans(text: str, spans: list[tuple[int, int]], where: list[int]) -> str:
    """Remove folded-text spans from ``text`` (each replaced by one space)."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        if start >= end:
            continue
        raw_start = where[start]
        raw_end = where[end - 1] + 1
        # Diacritics written after the last letter belong to the cut phrase.
        while raw_end < len(text) and (text[raw_end] == TATWEEL or DIACRITICS.match(text[raw_end])):
            raw_end += 1
        if raw_start < pos:
            raw_start = pos
        out.append(text[pos:raw_start])
        out.append(" ")
        pos = max(pos, raw_end)
    out.append(text[pos:])
    return "".join(out)
