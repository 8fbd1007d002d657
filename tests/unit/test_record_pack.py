"""The record cache packed in a few segment files (cachefile.BlobPack), records read head
first and their bodies when asked for (mapping._CachedRecord), and the sweep that does not
walk a folder another stage wrote whole."""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import time
from pathlib import Path

from plugins.cachefile import BlobPack
from plugins.mapping import CACHE_FORMAT, RecordCache, _CachedRecord
from plugins.pages.core import Source
from plugins.pages.output import Digest, OutputLedger
from plugins.pages.views import ArticleCard
from plugins.pages.writer import _card_digest
from plugins.record import ArticleRecord, Block, DateMention, EntityMention, Removal


def _record(n: int) -> ArticleRecord:
    text = f"نص المقالة {n}\n\nفقرة ثانية"
    return ArticleRecord(f"a{n}", f"{n:05}.txt", "text", title=f"عنوان {n}", lead="مقدمة", date="2020-01-02",
                         blocks=(Block("p", f"نص المقالة {n}"), Block("p", "فقرة ثانية")), text=text,
                         removed=(Removal("اقرأ أيضا", "read_more_ad", 3),),
                         date_mentions=(DateMention("2020", "2020", 0, 4),), people=("p1",),
                         entity_mentions=(EntityMention("p1", "person", 1, 3, "نص"),), original_text=text + "\n",
                         extra={"k": "v"})


def test_a_put_blob_is_written_at_once_not_held_and_an_unsaved_build_leaves_nothing(tmp_path):
    pack = BlobPack(tmp_path)
    blobs = [os.urandom(5000) for _ in range(20)]
    for n, blob in enumerate(blobs):
        pack.put(n, blob)
    # written to the segment being made (under a temporary name), not kept as bytes
    assert not any(isinstance(entry, bytes) for entry in pack.new.values())
    assert sum(p.stat().st_size for p in tmp_path.glob(".tmp-*")) >= sum(map(len, blobs))
    assert [pack.get(n) for n in range(20)] == blobs   # readable before the save
    pack.save()
    assert not list(tmp_path.glob(".tmp-*")) and [BlobPack(tmp_path).get(n) for n in range(20)] == blobs
    unsaved = BlobPack(tmp_path)
    unsaved.put("x", b"never saved")
    unsaved.close()
    assert not list(tmp_path.glob(".tmp-*")) and BlobPack(tmp_path).get("x") is None


def test_a_pack_gives_back_what_was_put_and_keeps_only_what_a_build_used(tmp_path):
    pack = BlobPack(tmp_path)
    for n in range(50):
        pack.put(n, b"blob %d" % n)
    pack.save()
    again = BlobPack(tmp_path)
    assert [again.get(n) for n in range(50)] == [b"blob %d" % n for n in range(50)]
    assert again.segments_opened == 1   # 50 blobs, one file opened
    assert again.get(99) is None
    later = BlobPack(tmp_path)
    assert later.get(3) == b"blob 3" and later.keep(4) and not later.keep(99)
    later.save()
    last = BlobPack(tmp_path)
    assert set(last.known) == {3, 4} and last.get(4) == b"blob 4"


def test_a_pack_compacts_when_dead_bytes_outweigh_live_ones(tmp_path):
    pack = BlobPack(tmp_path)
    for n in range(10):
        pack.put(n, bytes([n]) * 1000)
    pack.save()
    for round_ in range(3):   # each build keeps two blobs and adds one: segments would pile up
        pack = BlobPack(tmp_path)
        pack.keep(0), pack.keep(1)
        pack.put(f"new{round_}", b"x" * 10)
        pack.save()
    segments = sorted(tmp_path.glob("segment-*.bin"))
    # the 8 dead blobs of the first segment were dropped (the live two copied), and so was the
    # segment whose one blob the next build did not use
    assert sum(p.stat().st_size for p in segments) <= 2 * 1000 + 2 * 10 + 2 * len(BlobPack.MAGIC)
    pack = BlobPack(tmp_path)
    assert pack.get(0) == bytes([0]) * 1000 and pack.get("new2") == b"x" * 10 and pack.get(5) is None


def test_segments_do_not_pile_up_build_after_build(tmp_path):
    for n in range(3 * BlobPack.MAX_SEGMENTS):   # each build keeps every blob and adds one
        pack = BlobPack(tmp_path)
        assert all(pack.keep(k) for k in range(n))
        pack.put(n, b"%d" % n)
        pack.save()
        assert len(list(tmp_path.glob("segment-*.bin"))) <= BlobPack.MAX_SEGMENTS
    pack = BlobPack(tmp_path)
    assert [pack.get(k) for k in range(3 * BlobPack.MAX_SEGMENTS)] == [b"%d" % k for k in range(3 * BlobPack.MAX_SEGMENTS)]


def test_a_lost_segment_or_a_damaged_index_is_a_miss(tmp_path):
    pack = BlobPack(tmp_path)
    pack.put("k", b"value")
    pack.save()
    for segment in tmp_path.glob("segment-*.bin"):
        segment.write_bytes(BlobPack.MAGIC)   # short: the blob is not there
    assert BlobPack(tmp_path).get("k") is None
    (tmp_path / "index.pickle").write_bytes(b"not a pickle")
    assert BlobPack(tmp_path).known == {}
    assert BlobPack(tmp_path, layout="other").known == {}


def test_a_cached_record_equals_pickles_and_prints_as_the_record(tmp_path):
    record = _record(1)
    cache = RecordCache(tmp_path)
    cache.put("key1", record)
    cache.save()
    cached = RecordCache(tmp_path).get("key1")
    assert isinstance(cached, _CachedRecord) and isinstance(cached, ArticleRecord)
    assert cached == record and record == cached and repr(cached) == repr(record)
    assert cached != dataclasses.replace(record, text="آخر")
    back = pickle.loads(pickle.dumps(cached))
    assert type(back) is ArticleRecord and back == record
    assert type(copy.copy(cached)) is ArticleRecord
    assert dataclasses.asdict(cached) == dataclasses.asdict(record)
    changed = dataclasses.replace(cached, title="جديد")
    assert changed.title == "جديد" and changed.blocks == record.blocks


def test_a_rebuild_reads_a_body_only_when_a_stage_asks_for_it(tmp_path):
    cache = RecordCache(tmp_path)
    for n in range(20):
        cache.put(f"k{n}", _record(n))
    cache.save()
    cache = RecordCache(tmp_path)
    asked = []
    get = cache.pack.get
    cache.pack.get = lambda key: asked.append(key) or get(key)
    records = [cache.get(f"k{n}") for n in range(20)]
    assert [r.title for r in records] == [f"عنوان {n}" for n in range(20)]   # heads: no body read
    assert [r.removed for r in records] == [_record(0).removed] * 20
    assert {part for _key, part in asked} == {"head"}
    assert records[7].text == _record(7).text and records[7].blocks == _record(7).blocks
    assert [key for key in asked if key[1] == "body"] == [("k7", "body")]   # once, for all its fields
    assert records[7] == _record(7)


def test_a_body_is_read_even_if_another_build_removes_its_segment_meanwhile(tmp_path):
    cache = RecordCache(tmp_path)
    cache.put("k", _record(3))
    cache.save()
    cache = RecordCache(tmp_path)
    record = cache.get("k")
    for segment in (tmp_path / "records").glob("segment-*.bin"):
        segment.unlink()   # the segment is open since its head was read
    assert record.original_text == _record(3).original_text


def test_a_record_of_the_old_one_file_layout_is_read_packed_and_its_file_removed(tmp_path):
    old = tmp_path / "ab" / "abkey"
    old.parent.mkdir()
    old.write_bytes(CACHE_FORMAT + pickle.dumps(_record(5)))
    cache = RecordCache(tmp_path)
    assert cache.get("abkey") == _record(5)
    cache.save()
    assert not old.exists()
    again = RecordCache(tmp_path).get("abkey")
    assert isinstance(again, _CachedRecord) and again == _record(5)


def test_a_card_digest_changes_with_what_the_card_shows_and_only_with_it():
    digest = Digest(b"env", leaves=(ArticleRecord, ArticleCard, Source))
    source = Source("s", "مصدر", None, [], None)
    renamed = Source("s", "مصدر آخر", None, [], None)
    card = ArticleCard("a1", "articles/a1/", "عنوان", "2020-01-02", "مقدمة", source)
    copy_of_source = Source("s", "مصدر", None, [], None)
    same = ArticleCard("a1", "articles/a1/", "عنوان", "2020-01-02", "مقدمة", copy_of_source)
    assert _card_digest(digest, card) == _card_digest(digest, same)   # by value, not by object
    changed = [dataclasses.replace(card, title="عنوان آخر"), dataclasses.replace(card, date="2020-01-03"),
               dataclasses.replace(card, lead=None), dataclasses.replace(card, source=renamed),
               dataclasses.replace(card, source=None), dataclasses.replace(card, id="a2")]
    assert len({_card_digest(digest, c) for c in [card, *changed]}) == 1 + len(changed)


def _old(path: Path) -> None:
    """Give ``path`` a change time before the ledger's start (the ledger waits for the clock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")


def test_the_sweep_keeps_a_folder_written_whole_without_walking_it(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    for name in ("pagefind/a.pf", "pagefind/sub/b.pf", "stale/c.html"):
        _old(out / name)
    ledger = OutputLedger(out, cache)
    ledger.produced_whole(["pagefind"])
    walked = []
    scandir = os.scandir
    try:
        os.scandir = lambda path: walked.append(os.path.relpath(path, out)) or scandir(path)
        removed = ledger.sweep()
    finally:
        os.scandir = scandir
    assert removed == ["stale/c.html"]
    assert (out / "pagefind" / "sub" / "b.pf").exists()
    assert not any(p.startswith("pagefind") for p in walked)
    time.sleep(0.01)
    # the next build that does not write the folder (search off) removes it as any other
    OutputLedger(out, cache).sweep()
    assert not (out / "pagefind").exists()
