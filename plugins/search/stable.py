"""Make Pagefind's output the same bytes for the same input.

Pagefind writes its filter index in hash-map order, which changes from run to run (the
fragments are stable since Pagefind 1.3; filters and metadata are not, Pagefind #638).
Order does not matter to the reader, so each filter file is rewritten with its values
sorted, renamed after its new content, and the metadata file and pagefind-entry.json are
updated to point at the new names. Every file keeps Pagefind's own encoding: gzip of
``pagefind_dcd`` + CBOR. Anything unexpected raises, so a Pagefind upgrade that changes
the format fails the build (and its test) instead of shipping a broken index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


class PagefindFormatError(Exception):
    """Pagefind's index no longer has the layout this module knows."""


def read_pagefind(path: Path):
    """One of Pagefind's index files (metadata, chunk, filter), decoded."""
    return decode_pagefind(path.read_bytes(), path.name)


def decode_pagefind(payload: bytes, name: str):
    """The bytes of one of Pagefind's index files (``name`` for the message), decoded."""
    data = gzip.decompress(payload)
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{name}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE):])


def encode_pagefind(obj, compresslevel: int = 9) -> bytes:
    """``obj`` in Pagefind's encoding (gzip of the signature + CBOR), reproducibly."""
    return gzip.compress(SIGNATURE + cbor2.dumps(obj), compresslevel=compresslevel, mtime=0)


def content_name(prefix: str, payload: bytes, length: int = 7) -> str:
    """A file name after its content, as Pagefind names its files (``zxx_1a2b3c4``)."""
    return f"{prefix}_{hashlib.sha256(payload).hexdigest()[:length]}"


def stabilise_index(pagefind_dir: Path) -> None:
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry.get("languages", {}).items():
        meta_path = pagefind_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pagefind(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise PagefindFormatError(f"{meta_path.name}: unexpected metadata layout")
        renamed = {}
        for pair in meta[3]:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise PagefindFormatError(f"{meta_path.name}: unexpected filter list entry {pair!r}")
            old = pair[1]
            filter_path = pagefind_dir / "filter" / f"{old}.pf_filter"
            content = read_pagefind(filter_path)
            if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
                raise PagefindFormatError(f"{filter_path.name}: unexpected filter layout")
            content[1] = sorted(content[1], key=lambda value_pages: value_pages[0])
            payload = encode_pagefind(content)
            new = content_name(language, payload, 7)
            filter_path.unlink()
            (pagefind_dir / "filter" / f"{new}.pf_filter").write_bytes(payload)
            renamed[old] = new
        meta[3] = sorted([[name, renamed[old]] for name, old in meta[3]])
        payload = encode_pagefind(meta)
        new_hash = content_name(language, payload, 11)
        meta_path.unlink()
        (pagefind_dir / f"pagefind.{new_hash}.pf_meta").write_bytes(payload)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
