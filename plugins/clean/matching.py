"""Comparing lines with rules: folded spellings, punctuation ignored.

Matching never changes what is shown; it only decides. ``fold_with_map`` keeps a map from
folded positions back to the text as written, so a phrase found in folded text can be cut
out of the original (used for titles).
"""

from __future__ import annotations

import re

from ..arabic import normalize
from ..arabic.text import DIACRITICS, TATWEEL

# Anything that is not a letter, digit or space: quotes, dashes, bullets, dots, colons.
_NON_WORD = re.compile(r"[^\w\s]+|_+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Spelling variants folded for matching (see plugins.arabic.normalize)."""
    return normalize(text)


def line_key(text: str) -> str:
    """A line reduced to its words: folded, punctuation dropped, spaces single.
    «إقرأ أيضًا:» and «اقرأ ايضا» share the key «اقرا ايضا»."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", normalize(text))).strip()


def matches(pattern: re.Pattern, text: str, folded: str) -> bool:
    """A rule pattern applies to the folded line or to the line as written."""
    return pattern.search(folded) is not None or pattern.search(text) is not None


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """(folded text, index in ``text`` of each folded character). Diacritics and tatweel are
    dropped; every other character folds to exactly one character."""
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
