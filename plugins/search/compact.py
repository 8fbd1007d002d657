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
* word counts (used only to weigh long pages down) are rounded to half an octave (±19 %:
  on the known-item test at 20,000 articles, as good as 1/8 octave and 5 KB less);
* index chunks are named by their number in the chunk table.

The names being derivable, the metadata file is then written in a compact layout (one byte
per page, the chunk bounds front-coded, the rest as it was; see ``compact_meta.js``) that the
served ``pagefind.js`` expands into Pagefind's own metadata before its WebAssembly reads it:
the build puts ``compact_meta.js`` into ``pagefind.js`` and routes its ``loadMeta`` through
it. ``pagefind.js`` is also written gzipped (``pagefind.js.pf_gz``, a third of its size), as
Pagefind ships its other files; search.js loads that one where the browser can unzip it.
Fragments lose what Arshif's search never reads (the indexed tokens, Pagefind's excerpt
source, and the filter values), so the first results cost a tenth of the bytes.

Pagefind's own encoding is kept elsewhere (gzip of ``pagefind_dcd`` + CBOR); anything
unexpected raises ``PagefindFormatError`` so a Pagefind upgrade fails the build, not the search.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import shutil
from pathlib import Path

import cbor2

from ..mapping import fork_map
from .stable import SIGNATURE, PagefindFormatError
from .stable import encode_pagefind as _encode, read_pagefind as _read

SORT_KEY = "date"
WORD_COUNT_STEPS = 2      # word counts are rounded to this many steps per doubling
COMPACT_SIGNATURE = b"arshif_meta1\n"
EXPANDER = Path(__file__).with_name("compact_meta.js")
# The line of pagefind.js that reads the metadata; compact_index routes it through the expander.
LOAD_META = 'this.searchMeta=this.decompress(new Uint8Array(compressed_meta),"Pagefind metadata");'
LOAD_CHUNK = "async loadChunk(hash){"
# The line where Pagefind decompresses a chunk; compact_index lets compact_meta.js see its words.
READ_CHUNK = "let chunk=this.decompress(new Uint8Array(compressed_chunk),url);"
TEXT_DIR = "text"                    # excerpt texts beside the fragments (build.py)
ZIPPED_MODULE = "pagefind.js.pf_gz"   # not .gz: a server must not unzip it on the way
# What a fragment keeps: search.js reads the URL and the meta (title, dates); Pagefind's
# loadFragment needs the other two keys to exist.
FRAGMENT_KEYS = ("url", "meta", "word_count")
FRAGMENT_EMPTY = {"content": "", "anchors": []}


def word_count_step(count: int) -> int:
    """One byte for a word count: 0 for none, else 1 + log2(count) in WORD_COUNT_STEPS steps."""
    return 0 if count <= 0 else min(255, 1 + round(math.log2(count) * WORD_COUNT_STEPS))


def step_word_count(step: int, steps: int = WORD_COUNT_STEPS) -> int:
    """The word count a step stands for (compact_meta.js computes the same)."""
    return 0 if step == 0 else int(round(2 ** ((step - 1) / steps)))


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def front_code(words: list[str]) -> list:
    """[shared, rest, shared, rest, …]: each word as the length of the start it shares with
    the word before (in UTF-16 code units, as JavaScript counts) and the rest of it. Chunk
    bounds are sorted, so neighbours share most of their letters."""
    out, previous = [], ""
    for word in words:
        shared = 0
        for a, b in zip(previous, word):
            if a != b:
                break
            shared += 1
        out += [_utf16_length(word[:shared]), word[shared:]]
        previous = word
    return out


def front_decode(coded: list) -> list[str]:
    words, previous = [], ""
    for shared, rest in zip(coded[::2], coded[1::2]):
        start = previous.encode("utf-16-le")[: 2 * shared].decode("utf-16-le")
        previous = start + rest
        words.append(previous)
    return words


def round_word_count(count: int) -> int:
    return step_word_count(word_count_step(count))


def page_name(tag: str, number: int, dated: bool) -> str:
    return f"{tag}{'n' if dated else 'u'}{number:x}"


def new_order(page_count: int, sorts: list) -> tuple[list[int], int]:
    """(old page numbers newest first, how many are dated). Pagefind's sort list holds the
    pages that have the key, in ascending order; pages without it follow, in old order."""
    ascending = next((pages for key, pages in sorts if key == SORT_KEY), [])
    seen = set(ascending)
    order = list(reversed(ascending)) + [p for p in range(page_count) if p not in seen]
    return order, len(ascending)


def _plain(value) -> bool:
    """Only what compact_meta.js re-encodes: arrays, strings, unsigned integers."""
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2 ** 32)


def compact_meta(meta: list, tag: str, dated: int) -> bytes:
    """The compact page table (after Pagefind's signature) of ``meta``, whose pages and
    chunks must carry the names compact_index gives them."""
    pages, chunks = meta[1], meta[2]
    if [name for name, _ in pages] != [page_name(tag, n, n < dated) for n in range(len(pages))] or \
            [c[2] for c in chunks] != [f"{tag}{n:x}" for n in range(len(chunks))]:
        raise PagefindFormatError("page table: names are not the derivable ones")
    rest = meta[3:]
    if not _plain(rest) or not all(isinstance(c[0], str) and isinstance(c[1], str) for c in chunks):
        raise PagefindFormatError("page table: a value compact_meta.js cannot re-encode")
    head = {"version": meta[0], "tag": tag, "dated": dated, "steps": WORD_COUNT_STEPS,
            "bounds": front_code([bound for c in chunks for bound in c[:2]]), "rest": rest}
    return (COMPACT_SIGNATURE + json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            + b"\n" + bytes(word_count_step(count) for _, count in pages))


def expand_meta(payload: bytes) -> list:
    """Pagefind's metadata from a compact page table: what compact_meta.js hands Pagefind
    (as CBOR), for tests and checks."""
    if not payload.startswith(COMPACT_SIGNATURE):
        raise PagefindFormatError("page table: not the compact layout")
    newline = payload.index(b"\n", len(COMPACT_SIGNATURE))
    head = json.loads(payload[len(COMPACT_SIGNATURE):newline].decode("utf-8"))
    counts = payload[newline + 1:]
    pages = [[page_name(head["tag"], n, n < head["dated"]), step_word_count(step, head["steps"])]
             for n, step in enumerate(counts)]
    bounds = front_decode(head["bounds"])
    chunks = [[bounds[2 * n], bounds[2 * n + 1], f"{head['tag']}{n:x}"] for n in range(len(bounds) // 2)]
    return [head["version"], pages, chunks, *head["rest"]]


def adapt_pagefind_js(source: str) -> str:
    """pagefind.js with compact_meta.js in front and its metadata read through it."""
    if source.startswith(EXPANDER.read_text(encoding="utf-8")):
        return source  # adapted already
    if source.count(LOAD_META) != 1 or source.count(LOAD_CHUNK) != 1 or source.count(READ_CHUNK) != 1:
        raise PagefindFormatError("pagefind.js no longer reads its metadata or loads its chunks as compact.py "
                                  "expects; update plugins/search/compact.py for this Pagefind version")
    expander = EXPANDER.read_text(encoding="utf-8")
    patched = source.replace(LOAD_META, LOAD_META.replace(
        "this.searchMeta=this.decompress(", "this.searchMeta=__arshifExpandMeta(this.decompress(").replace(
        '"Pagefind metadata");', '"Pagefind metadata"),this);')).replace(
        READ_CHUNK, READ_CHUNK.replace("let chunk=this.decompress(", "let chunk=__arshifChunkLoaded(url,this.decompress(")
        .replace("url);", "url));"))
    return expander + patched


def slim_fragment(path: Path, page_urls: dict[str, str] | None = None) -> str:
    """Rewrite a fragment with only what Arshif's search reads (FRAGMENT_KEYS); return its
    page's URL as the fragment had it. ``page_urls``: such a URL -> the one the page is to
    have (the build's records are not written at their article's URL); a URL not in it is
    kept. The same bytes when applied twice."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path.name}: no Pagefind signature")
    page = json.loads(data[len(SIGNATURE):])
    if not isinstance(page, dict) or not isinstance(page.get("url"), str):
        raise PagefindFormatError(f"{path.name}: unexpected fragment layout")
    slim = {**{k: page[k] for k in FRAGMENT_KEYS if k in page}, **FRAGMENT_EMPTY}
    if page_urls and page["url"] in page_urls:
        slim["url"] = page_urls[page["url"]]
    text = json.dumps(slim, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(SIGNATURE + text, compresslevel=9, mtime=0))
    return page["url"]


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


def link_cached(source: str, target: str) -> None:
    """A cached file (a shard's fragment or text) into the index as a hard link, else a
    copy: files of the index are renamed or replaced after, never written in place."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def compact_index(pagefind_dir: Path, workers: int = 1, slim: bool = True,
                  placed_later: dict[str, tuple[str, str | None]] | None = None) -> None:
    """Renumber and rename as the module doc says; ``slim``: also slim the fragments (the
    build slims each shard's before merging, see build.prepare_shard, and must not: its
    fragments are hard links to the shard cache's). ``placed_later`` (merge.merge_indexes):
    the pages' fragment and text files are not in the index yet; each is linked (or copied)
    from the shard cache under its final name."""
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
        # Plain strings, not Paths: two renames a page, 40,000 at 20,000 articles.
        fragments, texts = f"{pagefind_dir}/fragment/", f"{pagefind_dir}/{TEXT_DIR}/"
        has_text = set(os.listdir(texts)) if os.path.isdir(texts) else set()
        for new, old in enumerate(order):
            old_hash, count = pages[old]
            name = page_name(tag, new, new < dated)
            if placed_later is not None:
                fragment, text = placed_later[old_hash]
                link_cached(fragment, f"{fragments}{name}.pf_fragment")
                if text:
                    link_cached(text, f"{texts}{name}.pf_text")
            else:
                os.rename(f"{fragments}{old_hash}.pf_fragment", f"{fragments}{name}.pf_fragment")
                if f"{old_hash}.pf_text" in has_text:   # the page's excerpt text, if any
                    os.rename(f"{texts}{old_hash}.pf_text", f"{texts}{name}.pf_text")
            new_pages.append([name, count])  # rounded in compact_meta

        # An index merged from shards (merge.py) is already numbered newest first: its
        # chunks and filters are only renamed, not decoded and written again.
        renumber = order != list(range(len(pages)))

        def rewrite(numbered):
            number, (first, last, old_hash) = numbered
            path = pagefind_dir / "index" / f"{old_hash}.pf_index"
            name = f"{tag}{number:x}"
            if renumber:
                payload = _encode(_remap_chunk(_read(path), new_number))
                path.unlink()
                (pagefind_dir / "index" / f"{name}.pf_index").write_bytes(payload)
            else:
                path.rename(pagefind_dir / "index" / f"{name}.pf_index")
            return [first, last, name]

        # Each chunk is decoded, renumbered and encoded again on its own: on every core.
        new_chunks = fork_map(rewrite, list(enumerate(chunks)), workers, min_items=8)

        new_filters = []
        for filter_name, old_hash in filters:
            path = pagefind_dir / "filter" / f"{old_hash}.pf_filter"
            payload = _encode(_remap_filter(_read(path), new_number)) if renumber else path.read_bytes()
            path.unlink()
            name = f"{language}_{hashlib.sha256(payload).hexdigest()[:7]}"
            (pagefind_dir / "filter" / f"{name}.pf_filter").write_bytes(payload)
            new_filters.append([filter_name, name])

        meta[1], meta[2], meta[3] = new_pages, new_chunks, new_filters
        meta[4] = [pair for pair in sorts if pair[0] != SORT_KEY]
        payload = gzip.compress(SIGNATURE + compact_meta(meta, tag, dated), compresslevel=9, mtime=0)
        meta_path.unlink()
        new_hash = f"{language}_{hashlib.sha256(payload).hexdigest()[:11]}"
        (pagefind_dir / f"pagefind.{new_hash}.pf_meta").write_bytes(payload)
        info["hash"] = new_hash
        if slim:
            fork_map(slim_fragment, [pagefind_dir / "fragment" / f"{name}.pf_fragment" for name, _ in new_pages],
                     workers, min_items=64)
    module = pagefind_dir / "pagefind.js"
    source = adapt_pagefind_js(module.read_text(encoding="utf-8"))
    module.write_text(source, encoding="utf-8")
    (pagefind_dir / ZIPPED_MODULE).write_bytes(gzip.compress(source.encode("utf-8"), compresslevel=9, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
