"""Arabic text helpers used by every stage (no Pelican here: nothing to register)."""

from .hygiene import clean_line, clean_text, normalize_newlines
from .text import (
    Token,
    clitic_variants,
    normalize,
    normalize_keep_offsets,
    sort_key,
    strip_diacritics,
    to_arabic_digits,
    to_western_digits,
    tokens,
    words,
)

__all__ = [
    "Token", "clean_line", "clean_text", "clitic_variants", "normalize", "normalize_keep_offsets",
    "normalize_newlines", "sort_key", "strip_diacritics", "to_arabic_digits", "to_western_digits",
    "tokens", "words",
]
