"""Turn an input file's bytes into text, or say clearly why not.

Scraped archives arrive in every encoding. The order: a byte-order mark wins (UTF-8,
UTF-16, UTF-32); then strict UTF-8; then Windows-1256, the Arabic Windows code page that
older Arabic sites and Word exports use, accepted only if the result reads as Arabic.
Anything else is reported, never guessed into mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A problem with one input file; the message says what to do about it."""


@dataclass
class DecodedText:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # NUL bytes in a non-UTF-16 file: an image, a PDF, an archive... A text with one
        # stray NUL is still text; binary files are full of them.
        return sample.count(b"\x00") > max(4, len(sample) // 200)
    return False


def _arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode ``data`` (the content of file ``name``) or raise InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {err.start}); re-save it as UTF-8"
                ) from None
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text; remove it or replace it with the article's text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = None
        if text is not None and _arabic_ratio(text) > 0.5:
            return DecodedText(text, "windows-1256")
        raise InputError(
            f"{name}: is not UTF-8 (invalid byte at offset {utf8_error.start}) and not Arabic "
            f"Windows-1256; re-save it as UTF-8"
        ) from None
