"""Arabic text helpers shared by every stage.

Two kinds of operation live here and must not be confused:

* *hygiene* (``clean_hygiene``) changes invisible characters only (NBSP, zero-width and
  stray bidi controls, control characters, line endings, repeated spaces); it never
  changes a letter, so the text a reader sees is the text that was published;
* *normalisation* (``normalize``) folds spelling variants (alef/hamza forms, ة/ه, ى/ي,
  diacritics, tatweel, digits) for *matching only*: entity look-up, search, dates.
  Normalised text is never shown.

``normalize`` maps one character to at most one character, so offsets into normalised
text are offsets into the original (``normalize_keep_offsets`` guarantees it by not
deleting diacritics but mapping them to a placeholder that ``tokens`` skips).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks: dropped for matching.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"

# Alef with hamza above/below, madda, wasla -> bare alef (readers type them all ways).
_ALEF_FORMS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
_FOLD = {
    **_ALEF_FORMS,
    "\u0629": "\u0647",  # ة -> ه   (taa marbuta written as haa)
    "\u0649": "\u064a",  # ى -> ي   (alef maqsura written as yaa)
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",  # ئ -> ي
    "\u06cc": "\u064a",  # Persian yeh -> ي
    "\u06a9": "\u0643",  # keheh -> ك
}

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EASTERN_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_DIGITS = {ord(c): str(i) for i, c in enumerate(ARABIC_INDIC_DIGITS)}
_DIGITS.update({ord(c): str(i) for i, c in enumerate(EASTERN_INDIC_DIGITS)})

_NORMALIZE_TABLE = {ord(k): v for k, v in _FOLD.items()}
_NORMALIZE_TABLE.update(_DIGITS)
# The same table as (character, replacement) pairs: one str.replace per character present is
# about ten times faster than str.translate with a dict (which looks up every character), and
# the result is the same because no replacement is itself replaced.
_NORMALIZE_PAIRS = tuple((chr(k), v) for k, v in _NORMALIZE_TABLE.items())
assert not {v for _, v in _NORMALIZE_PAIRS} & {k for k, _ in _NORMALIZE_PAIRS}


def _fold_chars(text: str) -> str:
    for char, replacement in _NORMALIZE_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text

# Placeholder for dropped characters when offsets must be kept (never in real text).
OFFSET_FILLER = "\u0000"


def to_western_digits(text: str) -> str:
    """Arabic-Indic and Eastern (Persian) digits to 0-9; nothing else changes."""
    return text.translate(_DIGITS)


def to_arabic_digits(text: str) -> str:
    """0-9 to Arabic-Indic digits, for display."""
    return text.translate({ord(str(i)): c for i, c in enumerate(ARABIC_INDIC_DIGITS)})


def strip_diacritics(text: str) -> str:
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def normalize(text: str) -> str:
    """Fold spelling variants for matching: diacritics and tatweel removed, alef/hamza,
    ة/ه, ى/ي folded, digits made Western, Latin lower-cased."""
    # Each character folds on its own (to one character or none): a text in the Arabic
    # Windows code page (almost every one) is folded by one byte table in C.
    return _through_one_byte(text, _ONE_BYTE_NORMALIZE, _normalize_plain)


def _normalize_plain(text: str) -> str:
    return _fold_chars(strip_diacritics(text)).lower()


# The last text given to normalize_keep_offsets and its result: enrichment folds an article's
# title and body for the entities, then the body alone for its dates and the weekday check.
# Each character folds on its own, so a text that ends with the last one, or that the last one
# ends with, reuses it.
_last_offsets: tuple[str, str] = ("", "")


def normalize_keep_offsets(text: str) -> str:
    """Like ``normalize`` but the result has the same length as ``text``: dropped
    characters become OFFSET_FILLER, so a span in the result is a span in ``text``."""
    global _last_offsets
    last, last_norm = _last_offsets
    if text == last:
        return last_norm
    if last and len(text) > len(last) and text.endswith(last):
        norm = _keep_offsets(text[:len(text) - len(last)]) + last_norm
    elif len(text) < len(last) and last.endswith(text):
        return last_norm[len(last) - len(text):]  # the body after «title + body» (enrich)
    else:
        norm = _keep_offsets(text)
    _last_offsets = (text, norm)
    return norm


_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_UPPER_RUN = re.compile("[A-Z]+")


def _keep_offsets(text: str) -> str:
    # Each character folds on its own to one character: for a text in the Arabic Windows code
    # page (almost every one), one byte table does the whole fold in C, three times faster.
    return _through_one_byte(text, _ONE_BYTE_FOLD, _keep_offsets_plain)


def _keep_offsets_plain(text: str) -> str:
    out = DIACRITICS.sub(OFFSET_FILLER, text).replace(TATWEEL, OFFSET_FILLER)
    out = _fold_chars(out)
    # str.lower can change length for a few non-Latin characters; lower ASCII only. Most
    # Arabic texts have no capital at all: 26 «in» tests are cheaper than scanning for one.
    for letter in _ASCII_UPPER:
        if letter in out:
            return _ASCII_UPPER_RUN.sub(lambda m: m.group(0).lower(), out)
    return out


_ONE_BYTE = "cp1256"


def _one_byte_table(fold, may_delete: bool) -> tuple[bytes, bytes] | None:
    """(table, bytes to delete) doing ``fold`` over the code page, byte by byte; None (the
    plain fold only) if a character's fold leaves the code page, is longer than one
    character, or (unless ``may_delete``) is nothing."""
    table, delete = bytearray(range(256)), bytearray()
    for byte in range(256):
        try:
            char = bytes([byte]).decode(_ONE_BYTE)
            folded = fold(char).encode(_ONE_BYTE)
        except UnicodeDecodeError:
            continue  # no character is this byte: never in an encoded text
        except UnicodeEncodeError:
            return None
        if len(folded) == 1:
            table[byte] = folded[0]
        elif not folded and may_delete:
            delete.append(byte)
        else:
            return None
    return bytes(table), bytes(delete)


def _through_one_byte(text: str, tables: tuple[bytes, bytes] | None, plain) -> str:
    """``plain(text)``, by the byte tables when the text is in the code page."""
    if tables is not None:
        try:
            data = text.encode(_ONE_BYTE)
        except UnicodeEncodeError:
            return plain(text)
        return data.translate(*tables).decode(_ONE_BYTE)
    return plain(text)


_ONE_BYTE_FOLD = _one_byte_table(_keep_offsets_plain, may_delete=False)
_ONE_BYTE_NORMALIZE = _one_byte_table(_normalize_plain, may_delete=True)


# --- tokens -------------------------------------------------------------------------

# A word is a run of letters/digits (any script), allowing inner diacritics, tatweel and
# the filler. Punctuation, spaces and quotes separate words.
# A word: letters, digits, diacritics and tatweel; an underscore does not join words.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u0000])+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str  # as written (or as in the string given)
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words with their offsets. Underscores do not join words."""
    return [Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The words of ``tokens``, without their offsets (a list of strings costs far less
    than a list of tokens where offsets are not needed: the search index's millions)."""
    return _WORD.findall(text)


# --- clitics ------------------------------------------------------------------------

# Proclitics in normalised form. Order matters: longest first.
#   و (and), ف (so), ب (by/with), ل (for), ك (like), ال (the), لل (for the).
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"


def clitic_variants(word: str) -> list[tuple[str, int]]:
    """Possible stems of a *normalised* word once proclitics are taken off, with how many
    leading characters were removed. The word itself comes first. A stem keeps at least
    two letters, so short words are not shredded.

    و/ف + (ب/ل/ك)? + ال? ; also لل (ل + ال with the alef dropped in writing).
    """
    out = [(word, 0)]
    seen = {word}

    def add(stem: str, cut: int) -> None:
        if len(stem) >= 2 and stem not in seen:
            seen.add(stem)
            out.append((stem, cut))

    heads = [("", 0)]
    if word[:1] in CONJUNCTIONS:
        heads.append((word[0], 1))
    for head, cut in list(heads):
        rest = word[cut:]
        if rest[:1] in PREPOSITIONS:
            heads.append((head + rest[0], cut + 1))
    for head, cut in heads:
        rest = word[cut:]
        if cut:
            add(rest, cut)
        # ال after any prefix; لل = ل + ال
        if rest.startswith(ARTICLE):
            add(rest[2:], cut + 2)
            add(rest, cut)
        if rest.startswith("لل") and not head.endswith("ل"):
            add(rest[2:], cut + 2)
            add("ال" + rest[2:], cut + 1)  # للخارجية -> الخارجية
    return out


def strip_article(word: str) -> str:
    """Normalised word without a leading ال (if at least two letters remain)."""
    if word.startswith(ARTICLE) and len(word) > 3:
        return word[2:]
    return word


# --- sorting ------------------------------------------------------------------------


def sort_key(text: str) -> str:
    """Arabic collation key: hamza/alef forms, ة/ه, ى/ي, diacritics and tatweel folded, and
    a leading definite article ignored, so «الشرع» sorts under ش and «أحمد»/«احمد» together.

    The article is looked for in the word *as written*: its alef is a hamzat wasl, always a
    bare ا, so «ألكسندر» (hamza on the alef) keeps its ال and sorts under ا, where folding
    first would have made it «الكسندر» and filed it under ك. Ties keep the written form as
    a second key, so the order never depends on input order."""
    written = strip_diacritics(text).split()
    words = normalize(text).split()
    if words and written and written[0].startswith("\u0627\u0644"):
        words[0] = strip_article(words[0])
    return " ".join(words) + "\u0000" + text


def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
