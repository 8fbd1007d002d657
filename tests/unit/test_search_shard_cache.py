"""The search shard cache: keys that change with everything a shard's records are made of,
damaged entries treated as misses, unused entries forgotten only when idle."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.search.build import ShardCache, SearchIndexError, shard_key, verify_index


def _archive(title="حدث", alias="بوتن", source="المصدر"):
    putin = SimpleNamespace(name="فلاديمير بوتين", name_en="Vladimir Putin", aliases=[alias], weak_aliases=[])
    return SimpleNamespace(
        gazetteer=SimpleNamespace(entities={"vladimir-putin": putin}),
        cards={"a1": SimpleNamespace(source=SimpleNamespace(name=source)),
               "a2": SimpleNamespace(source=None)},
        events_by_id={"e1": SimpleNamespace(title=title)},
        article_events={"a1": ["e1"]})


def _records(text="نص المقالة"):
    return [SimpleNamespace(id="a1", text=text, people=("vladimir-putin",), places=(), organisations=()),
            SimpleNamespace(id="a2", text="نص آخر", people=(), places=(), organisations=())]


@pytest.fixture()
def template(tmp_path):
    path = tmp_path / "search_record.html"
    path.write_text("<p>{{ tokens }}</p>", encoding="utf-8")
    return SimpleNamespace(filename=str(path))


def test_the_key_changes_with_whatever_a_record_is_made_of(template):
    base = shard_key(_archive(), template, _records(), "code")
    assert base == shard_key(_archive(), template, _records(), "code")
    changed = [shard_key(_archive(), template, _records("نص معدل"), "code"),
               shard_key(_archive(title="حدث آخر"), template, _records(), "code"),
               shard_key(_archive(alias="بوتن2"), template, _records(), "code"),
               shard_key(_archive(source="مصدر آخر"), template, _records(), "code"),
               shard_key(_archive(), template, _records()[:1], "code"),
               shard_key(_archive(), template, _records(), "other code")]
    Path(template.filename).write_text("<p>{{ title }}</p>", encoding="utf-8")
    changed.append(shard_key(_archive(), template, _records(), "code"))
    assert base not in changed and len(set(changed)) == len(changed)


def _fake_index(folder: Path, pages: int = 1) -> None:
    """The files verify_index looks for (not a real Pagefind index)."""
    folder.mkdir(parents=True)
    (folder / "pagefind-entry.json").write_text(
        '{"version": "1", "languages": {"zxx": {"hash": "zxx_1", "page_count": %d}}}' % pages)
    for name in ("pagefind.zxx_1.pf_meta", "pagefind.js", "wasm.unknown.pagefind"):
        (folder / name).write_bytes(b"x")


def test_an_entry_is_kept_under_its_key_and_found_again(tmp_path):
    cache = ShardCache(tmp_path / "search")
    assert cache.get("k1") is None
    staged = cache.staging("k1")
    _fake_index(staged)
    kept = cache.put("k1", staged)
    assert cache.get("k1") == kept and not staged.exists()
    verify_index(kept, 1)
    assert [p.name for p in (tmp_path / "search").iterdir()] == ["k1"]   # no staging folder left


def test_a_damaged_entry_fails_verification(tmp_path):
    _fake_index(tmp_path / "k1")
    (tmp_path / "k1" / "pagefind.js").write_bytes(b"")
    with pytest.raises(SearchIndexError):
        verify_index(tmp_path / "k1", 1)


def test_unused_entries_are_forgotten_only_when_idle(tmp_path):
    cache = ShardCache(tmp_path)
    for key in ("used", "idle", "recent"):
        _fake_index(tmp_path / key)
    old = time.time() - 3600
    os.utime(tmp_path / "idle", (old, old))
    os.utime(tmp_path / "used", (old, old))
    cache.forget_unused({"used"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent", "used"]


def test_a_record_with_a_cache_key_enters_the_key_by_that_key(template):
    keys = {"a1": "k1", "a2": "k2"}
    base = shard_key(_archive(), template, _records(), "code", keys)
    # The key decides the record (the record cache's hash of its inputs): same key, same shard.
    assert base == shard_key(_archive(), template, _records("نص معدل"), "code", keys)
    assert base != shard_key(_archive(), template, _records(), "code", {**keys, "a1": "k1-edited"})
    assert base != shard_key(_archive(), template, _records(), "code")   # without keys: the records whole
    # What the archive adds to a record (names, events, source) still counts.
    assert base != shard_key(_archive(alias="بوتن2"), template, _records(), "code", keys)


def _group(pgid: int) -> dict[int, str]:
    """Processes of a process group that still run (pid -> state; zombies left out)."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found[int(entry)] = fields[0]
    return found


def test_a_search_build_stopped_between_its_steps_leaves_no_pagefind_running_nor_work_folder(tmp_path, monkeypatch):
    """SearchBuild.start writes the first shard's records and runs Pagefind on them in a
    process group of its own while the pages are written; if writing the pages fails,
    close() must end that group (Pagefind included) and remove the work folder."""
    import plugins.search.build as build

    started = []

    class Recorded(build.Indexing):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    written = tmp_path / "written"
    monkeypatch.setattr(build, "write_records", lambda *args, **kwargs: written.write_text("yes"))
    monkeypatch.setattr(build, "pagefind_command", lambda records_dir, index_dir: ["sleep", "30"])
    monkeypatch.setattr(build, "Indexing", Recorded)
    records = [SimpleNamespace(date="2018-10-02", url="articles/a1/")]
    search = build.SearchBuild(SimpleNamespace(records=records), None, tmp_path / "out", offline=False)
    search.start()
    work = Path(search._work.name)
    pgid = started[0].pid

    def commands():
        out = []
        for pid in _group(pgid):
            try:
                out.append(open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[0].decode())
            except OSError:
                pass
        return out

    deadline = time.time() + 10
    # The fork writes the records, then Pagefind runs in its place (the fork's copy of the
    # build's memory goes): the group is Pagefind alone.
    while commands() != ["sleep"] and time.time() < deadline:
        time.sleep(0.05)
    assert commands() == ["sleep"] and written.read_text() == "yes" and work.is_dir()
    search.close()
    assert _group(pgid) == {} and not work.exists()


def test_pagefind_failing_in_the_forks_place_is_reported_with_its_output(tmp_path, monkeypatch):
    import plugins.search.build as build

    monkeypatch.setattr(build, "pagefind_command",
                        lambda records_dir, index_dir: ["sh", "-c", "echo index-failed-here; exit 3"])
    (tmp_path / "records").mkdir()
    indexing = build.Indexing(tmp_path / "records", tmp_path / "index", write_first=lambda: None)
    with pytest.raises(SearchIndexError, match=r"exit 3\): index-failed-here"):
        indexing.wait()


def test_the_first_shards_run_gives_way_when_asked(tmp_path, monkeypatch):
    """Indexing(niceness=…): the fork that writes the first shard's records and runs Pagefind
    in its place runs at that niceness (SearchBuild(give_way=True) while the events are
    worked out beside the pages), and the build itself keeps its own."""
    import os

    import plugins.search.build as build

    seen = tmp_path / "niceness"
    monkeypatch.setattr(build, "pagefind_command",
                        lambda records_dir, index_dir: ["sh", "-c", f"cat /proc/self/stat | cut -d' ' -f19 >> {seen}"])
    (tmp_path / "records").mkdir()
    own = os.nice(0)
    for niceness in (0, build.GIVE_WAY_NICENESS):
        build.Indexing(tmp_path / "records", tmp_path / f"index-{niceness}",
                       write_first=lambda: seen.write_text(f"{os.nice(0)}\n"), niceness=niceness).wait()
        assert seen.read_text().split() == [str(min(19, own + niceness))] * 2
    assert os.nice(0) == own
