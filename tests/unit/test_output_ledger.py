"""Page keys and the output ledger (plugins/pages/output.py)."""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from plugins.enrich import ArticleInput, load_context
from plugins.events.core import build_events
from plugins.mapping import enrich_all
from plugins.pages import views
from plugins.pages.core import SourceCatalog
from plugins.pages.output import Digest, OutputLedger
from plugins.readers.core import plan_inputs
from plugins.readers.data import load_data_file
from plugins.readers.manifest import read_manifests
from plugins.record import ArticleRecord, Block

CONTENT = Path(__file__).resolve().parents[2] / "content"
SITE = views.SiteInfo("أرشيف", None, "2026-01-01")


@pytest.fixture(scope="module")
def archive() -> views.Archive:
    articles, data = CONTENT / "articles", CONTENT / "data"
    manifest = read_manifests(articles)
    plan = plan_inputs(articles, manifest.slugs())
    context = load_context(data)
    items = [ArticleInput(p, str(articles.resolve()), manifest.row_for(p.file) or {}) for p in plan.inputs]
    records, _, _ = enrich_all(items, context, workers=1)
    built = [r for r in records if r.built]
    entries, _ = load_data_file(data / "events.yaml", data)
    result = build_events(built, entries)
    sources, _ = load_data_file(data / "sources.yaml", data)
    return views.build_archive(built, result.events, result.article_events, context.gazetteer, SourceCatalog(sources))


class _Gazetteer:
    def __init__(self, entities):
        self.entities = entities


def test_an_article_view_reads_nothing_of_the_archive_but_its_inputs(archive):
    """article_inputs is the key of an article page that is not even viewed when unchanged:
    the view made from an archive holding only those inputs is the view made from the whole."""
    for record in archive.records:
        rec, card, entities, events = views.article_inputs(archive, record)
        alone = views.Archive([rec], [e for e in events if e], _Gazetteer({e.id: e for e in entities if e}),
                              archive.sources, cards={record.id: card},
                              article_events={record.id: archive.article_events.get(record.id, [])},
                              events_by_id={e.id: e for e in events if e})
        for offline in (False, True):
            assert pickle.dumps(views.article_view(alone, record, offline, SITE)) == \
                pickle.dumps(views.article_view(archive, record, offline, SITE))


def test_keys_follow_content_not_object_identity():
    digest = Digest(b"env", leaves=(ArticleRecord,))
    record = ArticleRecord("a", "a.txt", "text", title="عنوان", blocks=(Block("p", "نص"),), text="نص")
    copy = pickle.loads(pickle.dumps(record))   # a record read back from the cache
    assert Digest(b"env", leaves=(ArticleRecord,)).key("p", {"article": copy}) == digest.key("p", {"article": record})
    changed = replace(record, title="عنوان آخر")
    assert digest.key("p", {"article": changed}) != digest.key("p", {"article": record})
    assert Digest(b"other").key("p", {"article": record}) != Digest(b"env").key("p", {"article": record})
    cards = {str(n): views.ArticleCard(str(n), f"articles/{n}/", "t", None, None, None) for n in range(100)}
    key = digest.key("list", {"cards": cards})
    cards["7"].title = "changed"        # a shared part is digested once: a new build, a new Digest
    assert Digest(b"env", leaves=(ArticleRecord,)).key("list", {"cards": cards}) != key
    assert digest.key("p", {"f": lambda: 1}) is None   # what cannot be digested is always written
    # key_of, the article pages' fast key: the same rules
    fresh = Digest(b"env", leaves=(ArticleRecord,))
    assert fresh.key_of("p", (copy, None), False) == digest.key_of("p", (record, None), False)
    assert len({digest.key_of("p", (record, None), False), digest.key_of("p", (changed, None), False),
                digest.key_of("p", (record, None), True), digest.key_of("p", (record, "None"), False),
                digest.key_of("p", (record,), False)}) == 5
    assert digest.key_of("p", (record, object()), False) is None
    names = {f"اسم {n}" for n in range(50)}
    assert Digest().key("p", {"names": names}) != Digest().key("p", {"names": names - {"اسم 7"}})


def test_a_set_has_the_same_key_in_every_process():
    """A set iterates in an order that changes with each process's string hashing (the next
    build is another process); its key must not, or its page would be written every build."""
    import subprocess
    import sys

    code = ("from plugins.pages.output import Digest; "
            "print(Digest().key('p', {'names': {f'اسم {n}' for n in range(50)}}).hex())")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[2], env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2", "3")}
    assert len(keys) == 1


def _write(root: Path, rel: str, text: str = "x") -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def test_the_ledger_keeps_unchanged_files_and_sweeps_what_no_stage_produced(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    ledger = OutputLedger(out, cache, retention=[".git"])
    for rel in ("a/index.html", "b/index.html", "old/deep/index.html"):
        _write(out, rel)
        ledger.wrote(rel, b"k-" + rel.encode())
    _write(out, ".git/config")
    ledger.sweep()

    ledger = OutputLedger(out, cache, retention=[".git"])
    assert ledger.fresh("a/index.html", b"k-a/index.html")
    assert not ledger.fresh("b/index.html", b"another key")
    _write(out, "b/index.html", "y")
    ledger.wrote("b/index.html", b"another key")
    _write(out, "report.json")                 # written during the build by a stage that did not say so
    _write(out, "search/part.bin")
    ledger.produced([out / "search" / "part.bin"])
    removed = ledger.sweep()
    assert removed == ["old/deep/index.html"]
    assert not (out / "old").exists()          # emptied folders go too
    assert all((out / rel).exists() for rel in (".git/config", "search/part.bin", "report.json"))

    (out / "a" / "index.html").write_text("changed by hand", encoding="utf-8")
    ledger = OutputLedger(out, cache, retention=[".git"])
    assert not ledger.fresh("a/index.html", b"k-a/index.html")
    assert sorted(ledger.sweep()) == ["a/index.html", "b/index.html", "report.json", "search/part.bin"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [".git", ".git/config"]


def test_a_ledger_of_another_folder_or_format_is_not_used(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    ledger = OutputLedger(out, cache)
    _write(out, "p.html")
    ledger.wrote("p.html", b"k")
    ledger.sweep()
    assert OutputLedger(out, cache).fresh("p.html", b"k")
    assert not OutputLedger(tmp_path / "elsewhere", cache).fresh("p.html", b"k")
    for f in (cache / "output").glob("*.pickle"):
        f.write_bytes(b"damaged")
    assert not OutputLedger(out, cache).fresh("p.html", b"k")
    assert not OutputLedger(out, None).fresh("p.html", b"k")


def test_the_article_export_from_reused_rows_is_the_plain_export(archive, tmp_path, monkeypatch):
    """The writer formats data/articles.json and .csv row by row (reusing unchanged rows from
    the cache); the bytes are those of one json.dumps and csv_for over all rows."""
    import json

    from plugins.pages.core import export_article
    from plugins.pages.csvexport import csv_for
    from plugins.pages.writer import PageWriter

    records = list(archive.records)
    records[1] = replace(records[1], extra={"رقم": 7, "list": [1, {"a": None}], "empty": []}, text="سطر\nسطر =1")
    rows = [export_article(r, archive.article_events.get(r.id, [])) for r in records]
    writer = PageWriter.__new__(PageWriter)
    writer.archive, writer.ledger = archive, OutputLedger(tmp_path / "out", tmp_path / "cache")
    expected = (json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"), csv_for("articles.json", rows))
    out = tmp_path / "out"

    def build(records):
        writer.digest = Digest(b"env", leaves=(ArticleRecord,))
        *texts, key, old_json, old_csv = writer._article_texts(records)
        keys.append(key)
        for name, data in zip(("data/articles.json", "data/articles.csv"), texts):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            writer.ledger.wrote(name, b"k")
        writer.ledger.sweep()
        writer.ledger = OutputLedger(out, tmp_path / "cache")
        return tuple(texts)

    import plugins.pages.writer as writer_module

    made, keys = [], []
    monkeypatch.setattr(writer_module, "export_article", lambda r, e: made.append(r.id) or export_article(r, e))
    assert build(records) == expected          # every row made and formatted
    assert len(made) == len(records)
    made.clear()
    assert build(records) == expected          # every row cut from the files just written
    assert made == [] and keys[0] == keys[1]
    asked = []                                  # files made from the same key: nothing is made at all
    assert writer._article_texts(records, fresh=lambda key: asked.append(key) or True) is None
    assert asked == keys[:1]
    records[3], rows[3] = records[2], rows[2]   # one row changed, one new extra column
    records[0] = replace(records[0], extra={"new column": "x"})
    rows[0] = export_article(records[0], archive.article_events.get(records[0].id, []))
    assert build(records) == (json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"),
                              csv_for("articles.json", rows))
    assert keys[-1] != keys[0]
    (out / "data" / "articles.json").write_bytes(b"changed by hand")
    assert build(records)[0] == json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
    assert writer._article_texts([])[:2] == (b"[]", csv_for("articles.json", []))


def test_an_article_page_key_changes_with_each_of_its_inputs(archive, tmp_path):
    """PageWriter._article_key, written out for speed, says what key_of says of article_inputs:
    the same for a record read back from the cache, another for any input changed."""
    from plugins.pages.writer import PageWriter

    def key(archive, offline=False, copy=False):
        writer = PageWriter.__new__(PageWriter)
        writer.archive, writer.offline, writer.site, writer._article_base = archive, offline, SITE, None
        writer.ledger = OutputLedger(tmp_path / "out", tmp_path / "cache")
        writer.digest = Digest(b"env", leaves=(ArticleRecord, views.ArticleCard))
        record = next(r for r in archive.records if archive.article_events.get(r.id) and r.people)
        if copy:
            record = pickle.loads(pickle.dumps(record))
        return writer._article_key(f"articles/{record.id}/index.html", record)

    record = next(r for r in archive.records if archive.article_events.get(r.id) and r.people)
    base = key(archive)
    assert key(archive, copy=True) == base
    assert key(archive, offline=True) != base
    card = archive.cards[record.id]
    changed = [replace(archive, cards={**archive.cards, record.id: replace(card, title=card.title + "!")})]
    person = archive.gazetteer.entities[record.people[0]]
    gazetteer = _Gazetteer({**archive.gazetteer.entities, person.id: replace(person, name=person.name + "!")})
    changed.append(replace(archive, gazetteer=gazetteer))
    changed.append(replace(archive, article_events={**archive.article_events, record.id: []}))
    event = archive.events_by_id[archive.article_events[record.id][0]]
    changed.append(replace(archive, events_by_id={**archive.events_by_id, event.id: replace(event, title="!")}))
    assert len({base, *(key(a) for a in changed)}) == 1 + len(changed)


def test_a_big_file_is_patched_from_its_first_changed_block(tmp_path):
    from plugins.pages.writer import _patch

    target = tmp_path / "articles.json"
    for old in (bytes(range(256)) * 40, bytes(range(256)) * 39 + b"x"):   # whole blocks, and a short last one
        for data in (old[:5000] + b"changed" + old[5007:], old[:3000], old + b"more", old, old[:-1], b""):
            target.write_bytes(old)
            assert _patch(target, data, old, block=1024)
            assert target.read_bytes() == data
    assert not _patch(tmp_path / "missing" / "file", b"x", b"")
