"""Text hygiene: make scraped text uniform without changing a single letter.

Only invisible or layout characters are touched: line endings, NBSP and other odd
spaces, zero-width characters, stray bidi controls, C0/C1 control characters. Letters,
digits, punctuation and diacritics are left exactly as published.
"""

from __future__ import annotations

import re

# Zero-width space/joiners used as junk by CMSs, word joiner, BOM, soft hyphen.
# ZWNJ (U+200C) is kept: it is meaningful in Persian and harmless in Arabic.
_ZERO_WIDTH = re.compile("[\u200b\u200d\u2060\ufeff\u00ad]")
# Bidi embedding/override/isolate controls and marks: layout is the page's job (dir, bdi).
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Every kind of horizontal space becomes a plain space.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# C0/C1 controls other than newline (tab is handled as space above).
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def clean_line(line: str) -> str:
    """One line: invisible junk removed, runs of spaces folded, ends trimmed."""
    line = _ZERO_WIDTH.sub("", line)
    line = _BIDI.sub("", line)
    line = _CONTROLS.sub("", line)
    return _SPACES.sub(" ", line).strip()


def clean_text(text: str) -> str:
    """A whole text: newlines unified, every line cleaned; blank lines kept as blank."""
    return "\n".join(clean_line(l) for l in normalize_newlines(text).split("\n"))


def remove_controls(text: str) -> str:
    """Invisible, bidi-override and control characters removed, nothing else changed: for
    any text a page shows (a title, a name, a source), so none can reorder what a reader sees
    (U+202E) or hide in an id. Whitespace is kept as it is."""
    return _CONTROLS.sub("", _BIDI.sub("", _ZERO_WIDTH.sub("", text)))
