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

import bisect
import gzip
import hashlib
import heapq
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..mapping import fork_map, no_collections
from ..versions import code_digest
from .stable import SIGNATURE, PagefindFormatError, content_name as _name, read_pagefind as _read
from .stable import decode_pagefind, encode_pagefind
from .compact import TEXT_DIR, link_cached
from .tokens import EXACT_MARK

# Postings + locations per index chunk (Pagefind's own measure; it aims at 20,000). Half that
# makes the chunks a first search downloads smaller for a slightly larger chunk table
# (measured at 20k: «الرئيس السوري» 235 -> 189 KB, the page table +1.4 KB).
CHUNK_TARGET = 10000
# The words are merged in parts, each ending a chunk and each reused by the next build
# (MergeMemo) when no changed shard has a word in it. The parts are fixed, not taken from
# the data, so that an edit moves none of them: one per first two letters (letters of
# Arabic, the exact-form mark of search/tokens.py, digits, Latin), or per first letter in an
# archive of fewer than TWO_LETTER_PARTS_FROM pages. Parts are merged a unit
# of about CHUNKS_PER_UNIT shard chunks at a time (each chunk decoded about once), the unit
# of parallel work.
_PART_LETTERS = ([chr(c) for c in range(0x0621, 0x064B)] + [EXACT_MARK] + [str(d) for d in range(10)]
                 + [chr(c) for c in range(ord("a"), ord("z") + 1)])
# A small archive's parts are by the first letter alone: every part ends a chunk, and a first
# search downloads the table of all chunks.
PART_CUTS = {1: sorted(_PART_LETTERS),
             2: sorted({a + b for a in _PART_LETTERS for b in _PART_LETTERS} | set(_PART_LETTERS))}
TWO_LETTER_PARTS_FROM = 10000   # pages
CHUNKS_PER_UNIT = 32
SORT_KEY = "date"
MEMO_FORMAT = "arshif-merge-1"   # bump when the memo's layout changes


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


def _words(shard: Shard, index: int, low: str, high: str | None, skip: frozenset = frozenset()):
    """(word, shard index, word entry with postings in merged page numbers) for the
    shard's words in [low, high), in word order, leaving out the chunks named in ``skip``.
    A word entry is [word, postings, variants]; a variant (the word as written, e.g. with
    hamza, when the indexed form was folded) is [form, postings]."""
    for (start, stop), (_first, _last, chunk_hash) in zip(chunk_spans(shard.meta[2]), shard.meta[2]):
        if (stop is not None and stop <= low) or (high is not None and start >= high) or chunk_hash in skip:
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


def word_ranges(pages: int) -> list[tuple[str, str | None]]:
    """The parts the words of an index of ``pages`` pages are merged in (see PART_CUTS)."""
    cuts = PART_CUTS[2 if pages >= TWO_LETTER_PARTS_FROM else 1]
    return list(zip([""] + cuts, cuts + [None]))


def merge_units(parts: list[tuple[str, str | None]], shards: list[Shard]) -> list[list]:
    """Consecutive parts in units of about CHUNKS_PER_UNIT shard chunks (by the shards'
    chunk bounds), so that the units cost about the same; they do not change the output."""
    bounds = sorted(row[0] for shard in shards for row in shard.meta[2])
    units, unit, weight = [], [], 0
    for low, high in parts:
        unit.append((low, high))
        weight += bisect.bisect_left(bounds, high) - bisect.bisect_left(bounds, low) if high is not None \
            else len(bounds) - bisect.bisect_left(bounds, low)
        if weight >= CHUNKS_PER_UNIT:
            units.append(unit)
            unit, weight = [], 0
    return units + ([unit] if unit else [])


def _part_of(lows: list[str], word: str) -> int:
    return bisect.bisect_right(lows, word) - 1


class _Chunks:
    """Merged word entries, in word order, into chunks of CHUNK_TARGET, a chunk ending at
    each of ``parts``' ends too; written (and kept in ``memo``) as they fill. ``tables``: each
    part's rows of the chunk table (first word, last word, name, sha256 of the chunk)."""

    def __init__(self, parts: list[tuple[str, str | None]], index_dir: Path, language: str,
                 memo: "MergeMemo | None" = None):
        self.lows = [part[0] for part in parts]
        self.index_dir, self.language, self.memo = index_dir, language, memo
        self.tables: list[list[list]] = [[] for _ in parts]
        self.current: list = []
        self.size = 0
        self.part = 0

    def add(self, word: list) -> None:
        at = _part_of(self.lows, word[0])
        if at != self.part:
            if self.current:
                self._flush()
            self.part = at
        # A chunk ends only between two query terms: the tokens of one term (term·, term·ب,
        # term·وال…) stay in one chunk, which is all a whole-word search of it downloads.
        elif self.size >= CHUNK_TARGET and _term(word[0]) != _term(self.current[-1][0]):
            self._flush()
        self.current.append(word)
        self.size += _size(word)

    def close(self) -> list[list[list]]:
        if self.current:
            self._flush()
        return self.tables

    def starts_at(self, word: str) -> bool:
        """Whether a chunk would start at ``word`` if it came next; if so, the chunk being
        filled is written."""
        at = _part_of(self.lows, word)
        if self.current and at == self.part and not (
                self.size >= CHUNK_TARGET and _term(word) != _term(self.current[-1][0])):
            return False
        if self.current:
            self._flush()
        self.part = at
        return True

    def take(self, row: list, path: Path) -> None:
        """A chunk of the last merge, as it was (``row``: its row; ``path``: its bytes), after
        ``starts_at`` its first word."""
        link_cached(str(path), str(self.index_dir / f"{row[2]}.pf_index"))
        self.tables[self.part].append(list(row))

    def _flush(self) -> None:
        payload = _encode([self.current])
        name = _name(self.language, payload)
        digest = hashlib.sha256(payload).hexdigest()
        target = self.index_dir / f"{name}.pf_index"
        if self.memo is None:
            target.write_bytes(payload)
        else:
            self.memo.keep(payload, digest, target)
        self.tables[self.part].append([self.current[0][0], self.current[-1][0], name, digest])
        self.current, self.size = [], 0


def _merge_range(shards: list[Shard], parts: list[tuple[str, str | None]], index_dir: Path, language: str,
                 memo: "MergeMemo | None" = None) -> list[list[list]]:
    """Merge the shards' words of consecutive ``parts`` into chunks (``_Chunks``); return
    each part's rows of the chunk table."""
    low, high = parts[0][0], parts[-1][1]
    streams = [_words(shard, i, low, high) for i, shard in enumerate(shards)]
    chunks = _Chunks(parts, index_dir, language, memo)
    pending: list = []
    for text, _shard, word in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
        if pending and pending[0][0] != text:
            chunks.add(_join(pending))
            pending = []
        pending.append(word)
    if pending:
        chunks.add(_join(pending))
    return chunks.close()


def _merge_words(shards: list[Shard], index_dir: Path, language: str, workers: int,
                 reuse: "Reuse | None" = None) -> tuple[list[list], dict]:
    """Write the merged word index in chunks, a unit of parts at a time on every core,
    taking the last build's chunks of a part where ``reuse`` allows; return the chunk table,
    its bounds shortened to prefixes as Pagefind does, and each part's rows (for the memo)."""
    parts = word_ranges(sum(len(shard.pages) for shard in shards))
    units = merge_units(parts, shards)

    def merge(unit):
        reusable = reuse.reusable(unit) if reuse is not None else [False] * len(unit)
        tables: list[list[list]] = []
        run: list = []    # consecutive parts to merge
        copied = patched = 0

        def end_run():
            nonlocal patched
            if not run:
                return
            made = reuse.patch(run, index_dir, language) if reuse is not None else None
            if made is None:
                made = _merge_range(shards, run, index_dir, language, reuse.memo if reuse else None)
            else:
                patched += sum(1 for rows in made if rows)
            tables.extend(made)
            run.clear()

        for part, ok in zip(unit, reusable):
            rows = reuse.copy(part, index_dir) if ok else None
            if rows is None:
                run.append(part)
                continue
            end_run()
            tables.append(rows)
            copied += bool(rows)
        end_run()
        return tables, copied, patched

    results = fork_map(merge, units, workers, min_items=2)
    by_part = dict(zip(parts, (rows for tables, _n, _p in results for rows in tables)))
    table = [row[:3] for rows in by_part.values() for row in rows]   # the digest is the memo's
    for left, right in zip(table, table[1:]):
        left[1], right[0] = _prefixes(left[1], right[0])
    if reuse is not None:
        reuse.reused = sum(n for _tables, n, _p in results)
        reuse.patched = sum(p for _tables, _n, p in results)
        reuse.parts = sum(1 for rows in by_part.values() if rows)   # parts that hold words
    return table, by_part


class MergeMemo:
    """What the last merge made, kept in the build's cache folder so that the next build can
    reuse the chunks of every word range no changed shard touches: per language, the
    shards merged (their cache names), a digest of each shard's page numbering, and each
    range's chunk rows; the chunks themselves under ``chunks/<sha256>``. Delete it any time."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.chunks = self.folder / "chunks"

    def load(self, language: str) -> dict | None:
        try:
            state = json.loads((self.folder / f"{language}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("format") != _memo_format():
            return None
        return state

    def save(self, language: str, state: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{language}.json"
        tmp = path.with_name(f".{path.name}.{os.getpid()}")   # two builds may share the cache
        tmp.write_text(json.dumps({**state, "format": _memo_format()}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def keep(self, payload: bytes, digest: str, target: Path) -> None:
        """Keep a chunk (``digest``: its sha256) and link it to ``target`` in the output, as the
        shards' fragments are: written once."""
        path = self.chunks / digest
        if self.payload(digest) is None:   # missing, or damaged: written again
            self.chunks.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_bytes(payload)
            tmp.replace(path)
        link_cached(str(path), str(target))

    def payload(self, digest: str) -> bytes | None:
        try:
            payload = (self.chunks / digest).read_bytes()
        except OSError:
            return None
        return payload if hashlib.sha256(payload).hexdigest() == digest else None

    def forget_others(self, states: list[dict]) -> None:
        """Delete the chunks no saved range names."""
        wanted = {row[3] for state in states for rows in state["ranges"] for row in rows[2]}
        if self.chunks.is_dir():
            for path in self.chunks.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)


def _memo_format() -> str:
    """The memo's layout and the code of the merge, its encoding and its tokens: a change
    to any invalidates it."""
    return f"{MEMO_FORMAT}-{code_digest(('search/merge.py', 'search/stable.py', 'search/tokens.py'))[:16]}"


def _numbering(shard_numbers: list[int]) -> str:
    return hashlib.sha256(json.dumps(shard_numbers).encode()).hexdigest()


class Reuse:
    """Which parts of the last merge still hold: the same shards in the same places with
    the same page numbers, except the ``changed`` ones, whose words in the part must be the
    same in the old shard and the new (compared decoded, in merged page numbers). A part
    that does not hold is patched from the last merge's chunks where it can be (``patch``)."""

    def __init__(self, memo: MergeMemo, state: dict, changed: dict[int, tuple["Shard", "Shard"]]):
        self.memo, self.changed = memo, changed
        self.previous = {(low, high): rows for low, high, rows in state["ranges"]}
        self.reused = self.patched = self.parts = 0
        # A chunk both versions of a changed shard have, over the same span, holds the same
        # words; when its pages also keep their merged numbers, the comparison can pass it
        # by undecoded: a small edit changes a few of a shard's chunks, not all of them.
        self.same_chunks = {index: _same_chunks(old, new) for index, (old, new) in changed.items()}
        # The changed shards' words of the unit last compared, kept for ``patch``:
        # part -> [(old entries, new entries) of each changed shard].
        self.compared: dict[tuple[str, str | None], list[tuple[list, list]]] = {}

    def reusable(self, parts: list[tuple[str, str | None]]) -> list[bool]:
        """For consecutive parts: True where the last merge's chunks can be taken as they are."""
        ok = [part in self.previous for part in parts]
        self.compared = {}
        if not any(ok):
            return ok
        lows = [part[0] for part in parts]
        compared: list[list[tuple[list, list]]] = [[] for _ in parts]
        for index, (old, new) in self.changed.items():
            words = []
            for shard in (old, new):
                by_part: list[list] = [[] for _ in parts]
                for word, _i, entry in _words(shard, index, parts[0][0], parts[-1][1], self.same_chunks[index]):
                    by_part[_part_of(lows, word)].append(entry)
                words.append(by_part)
            ok = [was and a == b for was, a, b in zip(ok, *words)]
            for k, pair in enumerate(zip(*words)):
                compared[k].append(pair)
        self.compared = dict(zip(parts, compared))
        return ok

    def patch(self, parts: list[tuple[str, str | None]], index_dir: Path, language: str) -> list[list[list]] | None:
        """The chunks of consecutive ``parts`` that a fresh merge would write, made from the
        last merge's: in each word a changed shard held or holds, that shard's old pages'
        postings give way to its new ones. A fresh merge of a part reads every shard's chunks
        that overlap it, most of them over other parts; this reads the part's own chunks.
        (An edit near an article's start moves every word of it: hundreds of parts to merge
        again, 17-21 s at 20k.) None, and the parts are merged, where a patch could differ
        from a fresh merge (a changed word has variants, whose order follows the shards') or
        a chunk is missing."""
        if not self.changed or any(part not in self.compared or part not in self.previous for part in parts):
            return None
        # The merged pages each changed shard had (a shard's words that sit in a chunk both
        # its versions share were not decoded: their postings stay).
        had = [frozenset(old.new_number) for old, _new in self.changed.values()]
        touched: dict[str, list[frozenset]] = {}   # word -> the pages whose postings give way
        fresh: dict[str, list] = {}   # word -> the changed shards' new postings, merged numbers
        for part in parts:
            for pages, (old_entries, new_entries) in zip(had, self.compared[part]):
                before = {entry[0]: entry for entry in old_entries}
                after = {entry[0]: entry for entry in new_entries}
                for word in before.keys() | after.keys():
                    entry = after.get(word)
                    if entry == before.get(word):
                        continue   # the same postings in both versions: the merged entry holds
                    if entry is not None and entry[2] or word in before and before[word][2]:
                        return None
                    if pages not in touched.setdefault(word, []):
                        touched[word].append(pages)
                    if entry is not None:
                        fresh.setdefault(word, []).extend(entry[1])
        payloads = {}
        for part in parts:
            for _first, _last, _name, digest in self.previous[part]:
                payloads[digest] = self.memo.payload(digest)   # checked whole before any is written
                if payloads[digest] is None:
                    return None
        changed_words = sorted(touched)
        chunks = _Chunks(parts, index_dir, language, self.memo)

        def patched(word: list) -> list | None:
            gone = touched.get(word[0])
            if gone is None:
                return word
            page, kept = 0, []
            for posting in word[1]:   # delta-encoded -> merged page numbers
                page += posting[0]
                posting[0] = page
                if not any(page in pages for pages in gone):
                    kept.append(posting)
            word[1] = kept + fresh.get(word[0], [])
            if not word[1] and not word[2]:
                return None   # only the changed shards had it, and no longer do
            _delta(word[1])
            return word

        for low, high in parts:
            rows = self.previous[(low, high)]
            # Chunk k's zone runs from its first word to the next chunk's (the part's bounds
            # at either end): a word that changed there may change the chunk or where it ends.
            starts = [low] + [row[0] for row in rows[1:]]
            ends = [row[0] for row in rows[1:]] + [high]
            if not rows:
                starts, ends = [low], [high]
            for k, (zone_low, zone_high) in enumerate(zip(starts, ends)):
                at = bisect.bisect_left(changed_words, zone_low)
                inside = changed_words[at:bisect.bisect_left(changed_words, zone_high) if zone_high is not None else None]
                row = rows[k] if rows else None
                # A chunk no change reaches is taken as it was, undecoded, when the chunk before
                # ends where it did and the word after it is the same (not one that may be gone).
                if row is not None and not inside and not (k + 1 < len(rows) and rows[k + 1][0] in touched) \
                        and chunks.starts_at(row[0]):
                    chunks.take(row, self.memo.chunks / row[3])
                    continue
                words = []
                if row is not None:
                    chunk = decode_pagefind(payloads[row[3]], row[2])
                    if not (isinstance(chunk, list) and chunk and isinstance(chunk[0], list)):
                        raise PagefindFormatError("index chunk: unexpected layout")
                    words = chunk[0]
                known = {word[0] for word in words}
                added = [[text, [], []] for text in inside if text in fresh and text not in known]
                for word in heapq.merge(words, added, key=lambda word: word[0]):
                    word = patched(word)
                    if word is not None:
                        chunks.add(word)
        return chunks.close()

    def copy(self, part: tuple[str, str | None], index_dir: Path) -> list[list] | None:
        """The last merge's chunks of ``part`` into ``index_dir`` and their rows, or None
        when one is missing or damaged (the part is then merged)."""
        rows = self.previous[part]
        if any(self.memo.payload(digest) is None for _first, _last, _name, digest in rows):   # checked whole
            return None
        for _first, _last, name, digest in rows:
            link_cached(str(self.memo.chunks / digest), str(index_dir / f"{name}.pf_index"))
        return [list(row) for row in rows]


def _same_chunks(old: Shard, new: Shard) -> frozenset:
    """The chunks (by content name) the old and new version of a shard both have over the
    same word span, if every page keeps its merged number; else none."""
    if old.new_number != new.new_number:
        return frozenset()
    spans = [{(span, row[2]) for span, row in zip(chunk_spans(s.meta[2]), s.meta[2])} for s in (old, new)]
    return frozenset(name for _span, name in spans[0] & spans[1])


def _reuse(memo: MergeMemo | None, language: str, shards: list["Shard"], info_of) -> Reuse | None:
    """A Reuse of the last merge for these shards, or None when it cannot hold: another
    number of shards, pages renumbered in an unchanged shard, or an old shard gone."""
    state = memo.load(language) if memo else None
    if state is None or len(state["shards"]) != len(shards):
        return None
    changed: dict[int, tuple[Shard, Shard]] = {}
    old_shards = list(shards)
    for n, (name, shard) in enumerate(zip(state["shards"], shards)):
        if name != shard.folder.name:
            old_folder = shard.folder.parent / name
            try:
                entry = json.loads((old_folder / "pagefind-entry.json").read_text(encoding="utf-8"))
                meta = _load_meta(old_folder, language, entry["languages"][language])
            except (OSError, ValueError, KeyError, TypeError, PagefindFormatError):
                return None
            old_shards[n] = Shard(old_folder, meta, [])
            changed[n] = (old_shards[n], shard)
    if changed:   # the old shards' page numbers, as the last merge gave them
        numbers = merged_order([info_of(s) for s in old_shards])
        for n, (old, _new) in changed.items():
            old.new_number = numbers[n]
    if [_numbering(s.new_number) for s in old_shards] != state["numbering"]:
        return None
    return Reuse(memo, state, changed)


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


# The merge decodes every chunk of every shard into lists and strings, which hold no reference
# cycles: with the collector on, it rescanned them again and again (half the merge's CPU at
# 20,000 articles). The forked merge workers inherit the pause.
@no_collections()
def merge_indexes(shard_dirs: list[Path], output_dir: Path, workers: int = 1, keep_shards: bool = False,
                  memo: MergeMemo | None = None, report: dict | None = None,
                  placed_later: dict[str, tuple[str, str | None]] | None = None) -> int:
    """Merge the Pagefind outputs in ``shard_dirs`` (oldest dates first: every dated page of
    a shard is no newer than any of the next shard's) into ``output_dir``. Returns the
    number of pages. Fragments are moved, the shard folders being spent, unless
    ``keep_shards`` (they are cached): then copied. With a ``memo`` (cached shards only),
    word ranges the changed shards do not touch are taken from the last merge; ``report``
    gets how many ranges were reused. With ``placed_later`` (cached shards only), fragments
    and texts are not placed: it gets each page name's (fragment, text or None) paths, for
    ``compact_index`` to link under their final names (one file operation a page, not two)."""
    if placed_later is not None and not keep_shards:
        raise ValueError("fragments are placed later only from cached shards")
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
    states: list[dict] = []
    for language in sorted({lang for e in entries for lang in e.get("languages", {})}):
        present = [(d, e["languages"][language]) for d, e in zip(shard_dirs, entries) if language in e["languages"]]
        metas = [(d, _load_meta(d, language, info)) for d, info in present]
        sorts = [dict((key, pages) for key, pages in meta[4]).get(SORT_KEY, []) for _d, meta in metas]

        def info_of(shard: Shard) -> tuple[int, list[int], list[int]]:
            ascending = dict((key, pages) for key, pages in shard.meta[4]).get(SORT_KEY, [])
            return len(shard.meta[1]), ascending, _undated(shard.folder, shard.meta[1], ascending)

        shards = [Shard(d, meta, []) for d, meta in metas]
        for shard, numbers in zip(shards, merged_order([info_of(shard) for shard in shards])):
            shard.new_number = numbers
        page_count = sum(len(s.pages) for s in shards)

        pages: list = [None] * page_count
        names: set[str] = set()
        move = link_cached if keep_shards else os.rename   # cached shards are linked (or copied), never moved
        # Plain strings, not Paths: 40,000 files at 20,000 articles.
        fragments_out, texts_out = f"{output_dir}/fragment/", f"{output_dir}/{TEXT_DIR}/"
        for shard in shards:
            fragments_in, texts_in = f"{shard.folder}/fragment/", f"{shard.folder}/{TEXT_DIR}/"
            texts = set(os.listdir(texts_in)) if os.path.isdir(texts_in) else set()
            for old, (fragment_hash, word_count) in enumerate(shard.pages):
                name = fragment_hash
                while name in names:   # two shards may give different pages the same short hash
                    name += "x"
                names.add(name)
                # The page's excerpt text (build.prepare_shard) goes with its fragment.
                text = f"{texts_in}{fragment_hash}.pf_text" if f"{fragment_hash}.pf_text" in texts else None
                if placed_later is not None:
                    placed_later[name] = (f"{fragments_in}{fragment_hash}.pf_fragment", text)
                else:
                    move(f"{fragments_in}{fragment_hash}.pf_fragment", f"{fragments_out}{name}.pf_fragment")
                    if text:
                        move(text, f"{texts_out}{name}.pf_text")
                pages[shard.new_number[old]] = [name, word_count]

        dated = sum(len(s) for s in sorts)
        reuse = _reuse(memo, language, shards, info_of) if memo else None
        if memo is not None and reuse is None:
            reuse = Reuse(memo, {"ranges": []}, {})   # nothing to reuse; the chunks are kept
        chunk_table, by_range = _merge_words(shards, output_dir / "index", language, workers, reuse)
        if memo is not None:
            states.append({"shards": [s.folder.name for s in shards],
                           "numbering": [_numbering(s.new_number) for s in shards],
                           "ranges": [[low, high, rows] for (low, high), rows in by_range.items()]})
            memo.save(language, states[-1])
            if report is not None:
                report["merge parts"], report["merge parts reused"] = reuse.parts, reuse.reused
                report["merge parts patched"] = reuse.patched
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
    if memo is not None:
        memo.forget_others(states)
    return total
