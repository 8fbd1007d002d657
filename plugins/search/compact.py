"""Make Pagefind's page table small enough for a 20,000-article archive's first search.

Every visitor's first search downloads Pagefind's metadata file (``*.pf_meta``) whole: one
row per page (its fragment's file name, a 7-hex-digit hash, and its word count), the table
of index chunks, and one list per sort key. At 20,000 pages that is ~200 KB, more than the
engine itself, and almost all of it incompressible: random hashes, and the date sort, a
permutation of every page number.

``compact_index`` renumbers the pages newest first and rewrites every file that names a
page (index chunks, filters, metadata) accordingly. Then:

* fragments are named after their page number (``<tag>n<n>``, n in hex; ``u`` instead
  of ``n`` for an undated page), so the page table's names are sequential and compress to almost nothing; the
  tag (from the index's content) keeps a browser from mixing files of two builds;
* the date sort is dropped: a page's number *is* its date rank, which ``search.js``
  reads from the result id (``date_rank``), for the date sort and for ties;
* word counts (used only to weigh long pages down) are rounded to 1/8 octave (±4.5 %);
* index chunks are named by their number in the chunk table.

Pagefind's own encoding is kept (gzip of ``pagefind_dcd`` + CBOR); anything unexpected
raises ``PagefindFormatError`` so a Pagefind upgrade fails the build, not the search.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from pathlib import Path

import cbor2

from ..mapping import fork_map
from .stable import SIGNATURE, PagefindFormatError

SORT_KEY = "date"
WORD_COUNT_STEPS = 8      # word counts are rounded to this many steps per doubling


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path.name}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE):])


def _encode(obj) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(obj), compresslevel=9, mtime=0)


def round_word_count(count: int) -> int:
    if count <= 2:
        return count
    return int(round(2 ** (round(math.log2(count) * WORD_COUNT_STEPS) / WORD_COUNT_STEPS)))


def page_name(tag: str, number: int, dated: bool) -> str:
    return f"{tag}{'n' if dated else 'u'}{number:x}"


def new_order(page_count: int, sorts: list) -> tuple[list[int], int]:
    """(old page numbers newest first, how many are dated). Pagefind's sort list holds the
    pages that have the key, in ascending order; pages without it follow, in old order."""
    ascending = next((pages for key, pages in sorts if key == SORT_KEY), [])
    seen = set(ascending)
    order = list(reversed(ascending)) + [p for p in range(page_count) if p not in seen]
    return order, len(ascending)


def _remap_chunk(chunk, new_number: dict[int, int]):
    if not (isinstance(chunk, list) and chunk and isinstance(chunk[0], list)):
        raise PagefindFormatError("index chunk: unexpected layout")
    for word in chunk[0]:
        if not (isinstance(word, list) and len(word) >= 2 and isinstance(word[1], list)):
            raise PagefindFormatError("index chunk: unexpected word entry")
        # Page numbers in a word's postings are deltas from the previous posting's.
        page = 0
        for posting in word[1]:
            page += posting[0]
            posting[0] = new_number[page]
        word[1].sort(key=lambda posting: posting[0])
        previous = 0
        for posting in word[1]:
            posting[0], previous = posting[0] - previous, posting[0]
    return chunk


def _remap_filter(content, new_number: dict[int, int]):
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
        raise PagefindFormatError("filter: unexpected layout")
    for value in content[1]:
        value[1] = sorted(new_number[p] for p in value[1])
    return content


def compact_index(pagefind_dir: Path, workers: int = 1) -> None:
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry.get("languages", {}).items():
        meta_path = pagefind_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 6 and all(isinstance(meta[i], list) for i in (1, 2, 3, 4))):
            raise PagefindFormatError(f"{meta_path.name}: unexpected metadata layout")
        pages, chunks, filters, sorts = meta[1], meta[2], meta[3], meta[4]
        tag = hashlib.sha256(cbor2.dumps([pages, chunks, filters])).hexdigest()[:4]
        order, dated = new_order(len(pages), sorts)
        new_number = {old: new for new, old in enumerate(order)}

        new_pages = []
        for new, old in enumerate(order):
            old_hash, count = pages[old]
            name = page_name(tag, new, new < dated)
            (pagefind_dir / "fragment" / f"{old_hash}.pf_fragment").rename(
                pagefind_dir / "fragment" / f"{name}.pf_fragment")
            new_pages.append([name, round_word_count(count)])

        def rewrite(numbered):
            number, (first, last, old_hash) = numbered
            path = pagefind_dir / "index" / f"{old_hash}.pf_index"
            payload = _encode(_remap_chunk(_read(path), new_number))
            path.unlink()
            name = f"{tag}{number:x}"
            (pagefind_dir / "index" / f"{name}.pf_index").write_bytes(payload)
            return [first, last, name]

        # Each chunk is decoded, renumbered and encoded again on its own: on every core.
        new_chunks = fork_map(rewrite, list(enumerate(chunks)), workers, min_items=8)

        new_filters = []
        for filter_name, old_hash in filters:
            path = pagefind_dir / "filter" / f"{old_hash}.pf_filter"
            payload = _encode(_remap_filter(_read(path), new_number))
            path.unlink()
            name = f"{language}_{hashlib.sha256(payload).hexdigest()[:7]}"
            (pagefind_dir / "filter" / f"{name}.pf_filter").write_bytes(payload)
            new_filters.append([filter_name, name])

        meta[1], meta[2], meta[3] = new_pages, new_chunks, new_filters
        meta[4] = [pair for pair in sorts if pair[0] != SORT_KEY]
        payload = _encode(meta)
        meta_path.unlink()
        new_hash = f"{language}_{hashlib.sha256(payload).hexdigest()[:11]}"
        (pagefind_dir / f"pagefind.{new_hash}.pf_meta").write_bytes(payload)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
