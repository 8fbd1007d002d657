"""Merge the Pagefind indexes of several shards into one index, newest page first.

Pagefind holds a whole index in memory while it builds it: at 20,000 articles, 4-5 GB. The
build therefore runs Pagefind once per shard of the articles (each a range of dates, oldest
shard first) and merges the shards' outputs here into the one index the browser loads, as
Pagefind would have written it for all the pages at once, with two differences that
``compact.py`` relies on:

* pages are numbered newest first (the date sort is then simply descending page numbers,
  and ``compact_index`` finds nothing to renumber);
* files are named after their content like Pagefind's, but the names are only provisional:
  ``stabilise_index`` and ``compact_index`` give the final ones.

The merge streams: each shard's words come out of its chunks in Pagefind's word order, a
k-way merge joins equal words, and a chunk is written as soon as it is full, so memory holds
one chunk per shard, whatever the archive's size. Pagefind's encoding is kept (gzip of
``pagefind_dcd`` + CBOR); anything unexpected raises ``PagefindFormatError``.
"""

from __future__ import annotations

import gzip
import heapq
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..mapping import fork_map
from .stable import SIGNATURE, PagefindFormatError, content_name as _name, read_pagefind as _read
from .stable import encode_pagefind
from .compact import TEXT_DIR
from .tokens import EXACT_MARK

# Postings + locations per index chunk (Pagefind's own measure; it aims at 20,000). Half that
# makes the chunks a first search downloads smaller for a slightly larger chunk table
# (measured at 20k: «الرئيس السوري» 235 -> 189 KB, the page table +1.4 KB).
CHUNK_TARGET = 10000
CHUNKS_PER_RANGE = 32  # shard chunks per word range merged on its own (a unit of parallel work)
SORT_KEY = "date"


def _encode(obj) -> bytes:
    # Level 6, not 9: the merge writes every chunk, and 9 costs ~4x the time for ~4% fewer bytes.
    return encode_pagefind(obj, compresslevel=6)


@dataclass
class Shard:
    """One shard's Pagefind output for one language, and where its pages go."""
    folder: Path
    meta: list
    new_number: list[int]          # old page number -> merged page number

    @property
    def pages(self) -> list:
        return self.meta[1]


def _load_meta(folder: Path, language: str, info: dict) -> list:
    meta = _read(folder / f"pagefind.{info['hash']}.pf_meta")
    if not (isinstance(meta, list) and len(meta) >= 6 and all(isinstance(meta[i], list) for i in (1, 2, 3, 4))):
        raise PagefindFormatError(f"{folder.name}: unexpected metadata layout")
    return meta


def merged_order(shards_sorts: list[tuple[int, list[int], list[int]]]) -> list[list[int]]:
    """For shards given oldest first as (page count, ascending date sort, undated pages in
    the order they should take): each shard's old page number -> merged number, numbering
    dated pages newest first, then the undated pages, shard after shard."""
    dated = sum(len(ascending) for _, ascending, _ in shards_sorts)
    mapping, next_dated, next_undated = [], dated, dated
    for count, ascending, undated in shards_sorts:
        if len(ascending) + len(undated) != count or len(set(ascending) | set(undated)) != count:
            raise PagefindFormatError("search shard: its date sort and undated pages do not cover its pages")
        numbers = [-1] * count
        for old in ascending:           # the oldest page of the oldest shard gets dated - 1
            next_dated -= 1
            numbers[old] = next_dated
        mapping.append(numbers)
    for numbers, (_count, _ascending, undated) in zip(mapping, shards_sorts):
        for old in undated:
            numbers[old] = next_undated
            next_undated += 1
    return mapping


def _undated(folder: Path, pages: list, ascending: list[int]) -> list[int]:
    """A shard's pages that have no date, by URL: Pagefind numbers pages in the order it
    happens to walk the files, which must not decide the order of the merged index."""
    dated = set(ascending)

    def url(page: int) -> str:
        data = gzip.decompress((folder / "fragment" / f"{pages[page][0]}.pf_fragment").read_bytes())
        return json.loads(data[len(SIGNATURE):])["url"]

    return sorted((p for p in range(len(pages)) if p not in dated), key=url)


def _renumber(postings: list, new_number: list[int]) -> None:
    """Postings name pages by the delta from the previous posting's page; rewrite them as
    merged page numbers (absolute, for now)."""
    page = 0
    for posting in postings:
        page += posting[0]
        posting[0] = new_number[page]


def _delta(postings: list) -> None:
    postings.sort(key=lambda posting: posting[0])
    previous = 0
    for posting in postings:
        posting[0], previous = posting[0] - previous, posting[0]


def chunk_spans(chunk_table: list) -> list[tuple[str, str | None]]:
    """The words each chunk can hold: [from, next chunk's from). Pagefind shortens the
    bounds of neighbouring chunks to the prefixes that tell them apart, which keeps every
    word of a chunk below the next chunk's ``from``."""
    starts = [row[0] for row in chunk_table]
    return list(zip(starts, starts[1:] + [None]))


def _words(shard: Shard, index: int, low: str, high: str | None):
    """(word, shard index, word entry with postings in merged page numbers) for the
    shard's words in [low, high), in word order. A word entry is [word, postings,
    variants]; a variant (the word as written, e.g. with hamza, when the indexed form was
    folded) is [form, postings]."""
    for (start, stop), (_first, _last, chunk_hash) in zip(chunk_spans(shard.meta[2]), shard.meta[2]):
        if (stop is not None and stop <= low) or (high is not None and start >= high):
            continue
        chunk = _read(shard.folder / "index" / f"{chunk_hash}.pf_index")
        if not (isinstance(chunk, list) and chunk and isinstance(chunk[0], list)):
            raise PagefindFormatError("index chunk: unexpected layout")
        for word in chunk[0]:
            if not (isinstance(word, list) and len(word) == 3 and isinstance(word[0], str)
                    and isinstance(word[1], list) and isinstance(word[2], list)):
                raise PagefindFormatError("index chunk: unexpected word entry")
            if word[0] < low or (high is not None and word[0] >= high):
                continue
            _renumber(word[1], shard.new_number)
            for variant in word[2]:
                if not (isinstance(variant, list) and len(variant) == 2 and isinstance(variant[1], list)):
                    raise PagefindFormatError("index chunk: unexpected word variant")
                _renumber(variant[1], shard.new_number)
            yield word[0], index, word


def _join(entries: list[list]) -> list:
    """One word's entries from several shards (in merged page numbers) -> one entry, the
    postings of the word and of each variant joined, ascending by page, delta-encoded."""
    word = entries[0]
    variants = {form: postings for form, postings in word[2]}
    for other in entries[1:]:
        word[1].extend(other[1])
        for form, postings in other[2]:
            if form in variants:
                variants[form].extend(postings)
            else:
                variants[form] = postings
                word[2].append([form, postings])
    _delta(word[1])
    for _form, postings in word[2]:
        _delta(postings)
    return word


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's chunk bounds: the shortest prefixes that still tell ``a`` from ``b``."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def _term(token: str) -> str:
    """The query term of an index token (the part before EXACT_MARK; search/tokens.py)."""
    return token.split(EXACT_MARK, 1)[0]


def _size(word: list) -> int:
    """Pagefind's measure of a word's weight in a chunk: postings and locations, the
    variants' included."""
    postings = word[1] + [p for _form, variant in word[2] for p in variant]
    return sum(1 + len(posting[1]) + len(posting[2]) for posting in postings)


def word_ranges(shards: list[Shard]) -> list[tuple[str, str | None]]:
    """Split the words into ranges that are merged independently (on every core): bounds
    taken from the shards' own chunk bounds, so the ranges depend on the index alone, never
    on the number of workers (the output must not either)."""
    bounds = sorted({row[0] for shard in shards for row in shard.meta[2][1:]})
    ranges = max(1, len(bounds) // CHUNKS_PER_RANGE)
    cuts = [bounds[len(bounds) * n // ranges] for n in range(1, ranges)]
    return list(zip([""] + cuts, cuts + [None]))


def _merge_range(shards: list[Shard], low: str, high: str | None, index_dir: Path, language: str) -> list[list]:
    """Merge the shards' words in [low, high) into chunks of CHUNK_TARGET; write them and
    return their rows of the chunk table (first word, last word, name)."""
    streams = [_words(shard, i, low, high) for i, shard in enumerate(shards)]
    merged = heapq.merge(*streams, key=lambda item: (item[0], item[1]))
    table: list[list] = []
    current: list = []
    size = 0
    pending: list = []

    def flush():
        nonlocal current, size
        payload = _encode([current])
        name = _name(language, payload)
        (index_dir / f"{name}.pf_index").write_bytes(payload)
        table.append([current[0][0], current[-1][0], name])
        current, size = [], 0

    def emit(entries):
        nonlocal size
        word = _join(entries)
        # A chunk ends only between two query terms: the tokens of one term (term·, term·ب,
        # term·وال…) stay in one chunk, which is all a whole-word search of it downloads.
        if size >= CHUNK_TARGET and _term(word[0]) != _term(current[-1][0]):
            flush()
        current.append(word)
        size += _size(word)

    for text, _shard, word in merged:
        if pending and pending[0][0] != text:
            emit(pending)
            pending = []
        pending.append(word)
    if pending:
        emit(pending)
    if current:
        flush()
    return table


def _merge_words(shards: list[Shard], index_dir: Path, language: str, workers: int) -> list[list]:
    """Write the merged word index in chunks, each word range on its own; return the chunk
    table, its bounds shortened to prefixes as Pagefind does."""
    ranges = word_ranges(shards)
    parts = fork_map(lambda span: _merge_range(shards, span[0], span[1], index_dir, language), ranges,
                     workers, min_items=2)
    table = [row for part in parts for row in part]
    for left, right in zip(table, table[1:]):
        left[1], right[0] = _prefixes(left[1], right[0])
    return table


def _merge_filters(shards: list[Shard], filter_dir: Path, language: str) -> list[list]:
    values: dict[str, dict[str, list[int]]] = {}
    for shard in shards:
        for filter_name, filter_hash in shard.meta[3]:
            content = _read(shard.folder / "filter" / f"{filter_hash}.pf_filter")
            if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
                raise PagefindFormatError("filter: unexpected layout")
            into = values.setdefault(filter_name, {})
            for value, pages in content[1]:
                into.setdefault(value, []).extend(shard.new_number[p] for p in pages)
    table = []
    for filter_name in sorted(values):
        content = [filter_name, [[value, sorted(pages)] for value, pages in sorted(values[filter_name].items())]]
        payload = _encode(content)
        name = _name(language, payload)
        (filter_dir / f"{name}.pf_filter").write_bytes(payload)
        table.append([filter_name, name])
    return table


def merge_indexes(shard_dirs: list[Path], output_dir: Path, workers: int = 1, keep_shards: bool = False) -> int:
    """Merge the Pagefind outputs in ``shard_dirs`` (oldest dates first: every dated page of
    a shard is no newer than any of the next shard's) into ``output_dir``. Returns the
    number of pages. Fragments are moved, the shard folders being spent, unless
    ``keep_shards`` (they are cached): then copied."""
    entries = [json.loads((d / "pagefind-entry.json").read_text(encoding="utf-8")) for d in shard_dirs]
    if len({e.get("version") for e in entries}) != 1:
        raise PagefindFormatError("search shards were indexed by different Pagefind versions")
    output_dir.mkdir(parents=True, exist_ok=True)
    for item in shard_dirs[0].iterdir():   # the engine: pagefind.js, wasm, workers
        if item.is_file() and not item.name.endswith((".pf_meta", "pagefind-entry.json")):
            shutil.copy2(item, output_dir / item.name)
    for folder in ("fragment", "index", "filter", TEXT_DIR):
        (output_dir / folder).mkdir(exist_ok=True)

    entry = {key: value for key, value in entries[0].items() if key != "languages"}
    entry["languages"] = {}
    total = 0
    for language in sorted({lang for e in entries for lang in e.get("languages", {})}):
        present = [(d, e["languages"][language]) for d, e in zip(shard_dirs, entries) if language in e["languages"]]
        metas = [(d, _load_meta(d, language, info)) for d, info in present]
        sorts = [dict((key, pages) for key, pages in meta[4]).get(SORT_KEY, []) for _d, meta in metas]
        mapping = merged_order([(len(meta[1]), ascending, _undated(d, meta[1], ascending))
                                for (d, meta), ascending in zip(metas, sorts)])
        shards = [Shard(d, meta, numbers) for (d, meta), numbers in zip(metas, mapping)]
        page_count = sum(len(s.pages) for s in shards)

        pages: list = [None] * page_count
        names: set[str] = set()
        for shard in shards:
            for old, (fragment_hash, word_count) in enumerate(shard.pages):
                name = fragment_hash
                while name in names:   # two shards may give different pages the same short hash
                    name += "x"
                names.add(name)
                source = shard.folder / "fragment" / f"{fragment_hash}.pf_fragment"
                target = output_dir / "fragment" / f"{name}.pf_fragment"
                # The page's excerpt text (build.prepare_shard) goes with its fragment.
                text, text_target = (shard.folder / TEXT_DIR / f"{fragment_hash}.pf_text",
                                     output_dir / TEXT_DIR / f"{name}.pf_text")
                if keep_shards:   # copies, not links: compact.py rewrites files in place
                    shutil.copyfile(source, target)
                    if text.exists():
                        shutil.copyfile(text, text_target)
                else:
                    source.rename(target)
                    if text.exists():
                        text.rename(text_target)
                pages[shard.new_number[old]] = [name, word_count]

        dated = sum(len(s) for s in sorts)
        chunk_table = _merge_words(shards, output_dir / "index", language, workers)
        filter_table = _merge_filters(shards, output_dir / "filter", language)
        other_sorts = {key for _d, meta in metas for key, _ in meta[4] if key != SORT_KEY}
        if other_sorts:
            raise PagefindFormatError(f"search shards: cannot merge the sort keys {sorted(other_sorts)}")
        meta = list(metas[0][1])
        meta[1], meta[2], meta[3] = pages, chunk_table, filter_table
        meta[4] = [[SORT_KEY, list(range(dated - 1, -1, -1))]] if dated else []
        meta[5] = sorted({field for _d, m in metas for field in m[5]})
        payload = _encode(meta)
        meta_hash = _name(language, payload, 11)
        (output_dir / f"pagefind.{meta_hash}.pf_meta").write_bytes(payload)
        entry["languages"][language] = {**present[0][1], "hash": meta_hash, "page_count": page_count}
        total += page_count
    (output_dir / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                    encoding="utf-8")
    return total
