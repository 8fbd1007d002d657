"""The search index merged from shards (plugins/search/merge.py) is the index one Pagefind
run makes of all the pages: the same words with the same postings (variants included), the
same filters and word counts, with pages numbered newest first."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from plugins.search.merge import chunk_spans, merge_indexes, merged_order
from plugins.search.stable import SIGNATURE, PagefindFormatError

# (url, date or None, body, filter value): words shared across shards, words with hamza
# (Pagefind keeps the written form as a variant of the folded one), an undated page.
PAGES = [
    ("a1", "2020-01-05", "أحمد زار القاهرة وقال إن المفاوضات مستمرة", "مصر"),
    ("a2", "2020-01-05", "القاهرة تستضيف المفاوضات والأمم المتحدة ترحب", "مصر"),
    ("b1", "2021-03-01", "إطلاق صواريخ على الحدود وأحمد ينفي", "لبنان"),
    ("b2", "2021-07-09", "الأمم المتحدة تدعو إلى وقف إطلاق النار", "لبنان"),
    ("c1", "2022-11-30", "زيارة إلى بيروت ومباحثات حول الحدود", "لبنان"),
    ("c2", None, "صفحة بلا تاريخ عن القاهرة وبيروت", "مصر"),
    ("c0", None, "صفحة أخرى بلا تاريخ عن عمّان", "الأردن"),
    ("c3", "2023-02-14", "أمطار غزيرة في بيروت والقاهرة وعمّان", "الأردن"),
]


def write_pages(folder: Path, pages) -> None:
    for url, date, body, place in pages:
        target = folder / url / "index.html"
        target.parent.mkdir(parents=True)
        sort = f'<span data-pagefind-sort="date">{date} /{url}/</span>' if date else ""
        target.write_text(f'<!doctype html><html lang="zxx"><body><div data-pagefind-body><p>{body}</p></div>'
                          f'<span data-pagefind-meta="title">{url}</span>{sort}'
                          f'<span data-pagefind-filter="place">{place}</span></body></html>', encoding="utf-8")


def pagefind(site: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out),
                    "--force-language", "zxx", "--silent"], check=True, capture_output=True)
    return out


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE)
    return cbor2.loads(data[len(SIGNATURE):])


def decoded(index: Path) -> dict:
    """The index by URL instead of page numbers: what a search can find, where."""
    info = json.loads((index / "pagefind-entry.json").read_text())["languages"]["zxx"]
    meta = _read(index / f"pagefind.{info['hash']}.pf_meta")
    urls = [json.loads(gzip.decompress((index / "fragment" / f"{name}.pf_fragment").read_bytes())
                       [len(SIGNATURE):])["url"] for name, _count in meta[1]]

    def by_url(postings):
        page, out = 0, []
        for posting in postings:
            page += posting[0]
            out.append((urls[page], tuple(posting[1]), tuple(posting[2])))
        return sorted(out)

    words = {}
    for _first, _last, name in meta[2]:
        for word, postings, variants in _read(index / "index" / f"{name}.pf_index")[0]:
            words[word] = (by_url(postings), sorted((form, tuple(by_url(p))) for form, p in variants))
    filters = {}
    for filter_name, name in meta[3]:
        content = _read(index / "filter" / f"{name}.pf_filter")
        filters[filter_name] = {value: sorted(urls[p] for p in pages) for value, pages in content[1]}
    sort = [[key, [urls[p] for p in pages]] for key, pages in meta[4]]
    return {"urls": urls, "counts": dict(zip(urls, (c for _n, c in meta[1]))), "words": words,
            "filters": filters, "sort": sort, "chunks": meta[2]}


def merge_shards(root: Path, name: str, workers: int) -> dict:
    shards = []
    for n, part in enumerate([PAGES[0:2], PAGES[2:4], [PAGES[4], PAGES[7], PAGES[5], PAGES[6]]]):
        write_pages(root / f"{name}-site-{n}", part)
        shards.append(pagefind(root / f"{name}-site-{n}", root / f"{name}-shard-{n}"))
    assert merge_indexes(shards, root / name, workers=workers) == len(PAGES)
    return decoded(root / name)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    root = tmp_path_factory.mktemp("merge")
    write_pages(root / "all", PAGES)
    return decoded(pagefind(root / "all", root / "whole")), merge_shards(root, "merged", workers=2)


def test_merged_shards_hold_every_word_with_the_same_postings(indexes):
    whole, merged = indexes
    assert merged["words"] == whole["words"]
    assert any(variants for _postings, variants in whole["words"].values())  # hamza forms are variants


def test_merged_shards_keep_filters_and_word_counts(indexes):
    whole, merged = indexes
    assert merged["filters"] == whole["filters"]
    assert merged["counts"] == whole["counts"]


def test_merged_pages_are_numbered_newest_first_undated_last(indexes):
    _whole, merged = indexes
    assert merged["urls"] == ["/c3/", "/c1/", "/b2/", "/b1/", "/a2/", "/a1/", "/c0/", "/c2/"]
    assert merged["sort"] == [["date", ["/a1/", "/a2/", "/b1/", "/b2/", "/c1/", "/c3/"]]]


def test_small_chunks_and_word_ranges_change_nothing_a_search_sees(indexes, tmp_path, monkeypatch):
    import plugins.search.merge as merge

    whole, _merged = indexes
    monkeypatch.setattr(merge, "CHUNK_TARGET", 4)
    monkeypatch.setattr(merge, "CHUNKS_PER_UNIT", 1)
    small = merge_shards(tmp_path, "small", workers=2)
    assert len(small["chunks"]) > 10
    assert small["words"] == whole["words"]
    words = sorted(small["words"])
    for (start, stop), (first, last, _name) in zip(chunk_spans(small["chunks"]), small["chunks"]):
        inside = [w for w in words if w >= start and (stop is None or w < stop)]
        assert inside and inside[0].startswith(first) and inside[-1].startswith(last)


def test_chunk_spans_run_from_each_chunk_to_the_next():
    table = [["a", "ab", "x"], ["ac", "b", "y"], ["c", "d", "z"]]
    assert chunk_spans(table) == [("a", "ac"), ("ac", "c"), ("c", None)]


def test_merged_order_numbers_dated_pages_newest_first_then_undated():
    # shard 0: pages 0..3, ascending dates 2, 0 (pages 3 and 1 undated, in that order);
    # shard 1: pages 0..1, ascending 1, 0
    assert merged_order([(4, [2, 0], [3, 1]), (2, [1, 0], [])]) == [[2, 5, 3, 4], [0, 1]]
    assert merged_order([(2, [], [1, 0])]) == [[1, 0]]
    with pytest.raises(PagefindFormatError):
        merged_order([(3, [2, 0], [])])   # page 1 would be lost


def test_a_query_terms_tokens_stay_in_one_chunk(tmp_path, monkeypatch):
    import plugins.search.merge as merge
    from plugins.search.tokens import EXACT_MARK

    monkeypatch.setattr(merge, "CHUNK_TARGET", 2)
    monkeypatch.setattr(merge, "CHUNKS_PER_UNIT", 1)
    terms = ["امريكا", "مجلس", "موسكو", "وزير", "يمن"]
    shards = []
    for n in range(2):
        body = " ".join(f"{t}{EXACT_MARK}{p}" for t in terms for p in ("", "ب", "وال", "ل"))
        write_pages(tmp_path / f"site-{n}", [(f"p{n}", f"2020-01-0{n + 1}", body, "مصر")])
        shards.append(pagefind(tmp_path / f"site-{n}", tmp_path / f"shard-{n}"))
    merge_indexes(shards, tmp_path / "merged", workers=1)
    chunks = decoded(tmp_path / "merged")["chunks"]
    info = json.loads((tmp_path / "merged" / "pagefind-entry.json").read_text())["languages"]["zxx"]
    assert len(chunks) >= 3
    holder = {}
    for _first, _last, name in chunks:
        for word, _postings, _variants in _read(tmp_path / "merged" / "index" / f"{name}.pf_index")[0]:
            holder.setdefault(word.split(EXACT_MARK)[0], set()).add(name)
    assert info["page_count"] == 2
    assert all(len(names) == 1 for term, names in holder.items() if term in terms), holder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _three_shards(tmp_path: Path, monkeypatch, first_word: str = "") -> tuple[list, list[Path]]:
    """Three shards of six pages long enough that Pagefind cuts each into several chunks
    (their bounds make the parts), in small chunks and units: pseudo-words of three letters,
    each page a different slice; ``first_word`` opens page s1p1. Indexed side by side under
    ``shards/``, named by key, as the shard cache keeps them."""
    import plugins.search.merge as merge

    monkeypatch.setattr(merge, "CHUNK_TARGET", 500)
    monkeypatch.setattr(merge, "CHUNKS_PER_UNIT", 2)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    vocabulary = [a + b + c for a in letters for b in letters for c in letters[:8]]
    split = [[(f"s{n}p{k}", f"202{n}-0{k + 1}-01", " ".join(vocabulary[(n * 6 + k) * 300:(n * 6 + k) * 300 + 2000]),
               "مصر") for k in range(6)] for n in range(3)]
    if first_word:
        url, date, body, place = split[1][1]
        split[1][1] = (url, date, f"{first_word} {body}", place)
    shards = []
    for n, part in enumerate(split):
        write_pages(tmp_path / f"site-{n}", part)
        shards.append(pagefind(tmp_path / f"site-{n}", tmp_path / "shards" / f"key-{n}"))
    return split, shards


def test_a_merge_after_one_shard_changed_reuses_the_untouched_parts_and_equals_a_fresh_merge(tmp_path, monkeypatch):
    import plugins.search.merge as merge

    split, shards = _three_shards(tmp_path, monkeypatch)
    cache = tmp_path / "shards"
    memo = merge.MergeMemo(tmp_path / "memo")
    report: dict = {}
    merge_indexes(shards, tmp_path / "first", keep_shards=True, memo=memo, report=report)
    assert report["merge parts reused"] == 0 and report["merge parts"] > 20

    # One page of the middle shard gets a paragraph more (as the benchmark's edit does), of
    # words that sort last: the shard's first chunk stays the same and is passed by undecoded.
    url, date, body, place = split[1][1]
    edited = [split[1][0], (url, date, body + " يوميا يزور يافا", place), *split[1][2:]]
    write_pages(tmp_path / "site-1-edited", edited)
    changed = [shards[0], pagefind(tmp_path / "site-1-edited", cache / "key-1-edited"), shards[2]]
    merge_indexes(changed, tmp_path / "again", keep_shards=True, memo=memo, report=report)
    assert 0 < report["merge parts reused"] < report["merge parts"]

    merge_indexes(changed, tmp_path / "fresh", keep_shards=True)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "fresh")
    assert "يافا" in decoded(tmp_path / "again")["words"]

    # A damaged memo is never trusted: the merge starts over and still equals a fresh one.
    for chunk in (tmp_path / "memo" / "chunks").iterdir():
        chunk.write_bytes(b"damaged")
    merge_indexes(changed, tmp_path / "third", keep_shards=True, memo=memo, report=report)
    assert report["merge parts reused"] == 0
    assert _tree(tmp_path / "third") == _tree(tmp_path / "fresh")


def test_an_edit_at_a_pages_start_patches_the_last_merge_and_equals_a_fresh_merge(tmp_path, monkeypatch):
    """A word put before a page's text moves every word of the page (postings hold word
    positions): no part holds, yet each is patched from the last merge's own chunks, and the
    result is byte for byte a fresh merge's, words gone and words new included."""
    import plugins.search.merge as merge

    split, shards = _three_shards(tmp_path, monkeypatch, first_word="ظظظظ")
    cache = tmp_path / "shards"
    memo = merge.MergeMemo(tmp_path / "memo")
    report: dict = {}
    merge_indexes(shards, tmp_path / "first", keep_shards=True, memo=memo, report=report)

    # The edited page loses its first word (which no other page has) and gains two: one
    # new to the archive, one other pages of other shards have.
    url, date, body, place = split[1][1]
    first, rest = body.split(" ", 1)
    assert first == "ظظظظ" and sum(first in page[2].split() for shard in split for page in shard) == 1
    shared = split[2][5][2].split()[-1]
    assert shared not in body.split()
    edited = [split[1][0], (url, date, f"ووو {shared} {rest}", place), *split[1][2:]]
    write_pages(tmp_path / "site-1-edited", edited)
    changed = [shards[0], pagefind(tmp_path / "site-1-edited", cache / "key-1-edited"), shards[2]]
    merge_indexes(changed, tmp_path / "again", keep_shards=True, memo=memo, report=report)
    assert report["merge parts patched"] > 0

    merge_indexes(changed, tmp_path / "fresh", keep_shards=True)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "fresh")
    words = decoded(tmp_path / "again")["words"]
    assert "ووو" in words and first not in words
    assert {page for page, _locations, _weights in words[shared][0]} == \
        {"/s1p1/"} | {page for page, _l, _w in decoded(tmp_path / "first")["words"][shared][0]}

    # Without patching (every part merged again) the bytes are the same.
    monkeypatch.setattr(merge.Reuse, "patch", lambda self, parts, index_dir, language: None)
    memo2 = merge.MergeMemo(tmp_path / "memo2")
    merge_indexes(shards, tmp_path / "first2", keep_shards=True, memo=memo2, report=report)
    merge_indexes(changed, tmp_path / "again2", keep_shards=True, memo=memo2, report=report)
    assert report["merge parts patched"] == 0
    assert _tree(tmp_path / "again2") == _tree(tmp_path / "fresh")


def test_chunks_both_versions_of_a_shard_have_over_the_same_span_are_passed_by_only_if_numbers_hold():
    from plugins.search.merge import Shard, _same_chunks

    def shard(rows, numbers):
        return Shard(Path("."), [None, [], rows, [], [], []], numbers)

    old = shard([["a", "b", "h1"], ["c", "d", "h2"], ["e", "f", "h3"]], [0, 1])
    assert _same_chunks(old, shard([["a", "b", "h1"], ["c", "d", "h2x"], ["e", "f", "h3"]], [0, 1])) == {"h1", "h3"}
    # h2 now ends where another chunk starts: the same bytes may hold other words of the span.
    assert _same_chunks(old, shard([["a", "b", "h1"], ["c", "d", "h2"], ["dz", "f", "h4"]], [0, 1])) == {"h1"}
    # Pages renumbered: identical chunks name other merged pages.
    assert _same_chunks(old, shard([["a", "b", "h1"], ["c", "d", "h2"], ["e", "f", "h3"]], [1, 0])) == set()


def test_the_merge_decodes_with_the_collector_paused_and_restores_it(tmp_path, monkeypatch):
    """Decoded chunks hold no cycles; collecting while they pile up cost half the merge's
    CPU at 20,000 articles. The pause must end with the merge, also when it fails."""
    import gc

    import plugins.search.merge as merge

    seen = []
    real_read = merge._read

    def read(path):
        seen.append(gc.isenabled())
        return real_read(path)

    monkeypatch.setattr(merge, "_read", read)
    gc.enable()
    merge_shards(tmp_path, "paused", workers=1)
    assert seen and not any(seen)
    assert gc.isenabled()
    monkeypatch.setattr(merge, "_read", lambda path: (_ for _ in ()).throw(PagefindFormatError("damaged")))
    with pytest.raises(PagefindFormatError):
        merge_shards(tmp_path, "failed", workers=1)
    assert gc.isenabled()
