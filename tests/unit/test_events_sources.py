"""The events stage reads a projection of each record (plugins/events/core.py: EventSource),
so that a build can take its last result when no projection changed (site.py, StageMemo)."""

from __future__ import annotations

import dataclasses

from plugins.events.core import build_events, event_source, event_sources
from plugins.mapping import StageMemo
from plugins.record import DateMention
from tests.unit.test_events_stories import OTHER, QUAKE, record

CURATED = [{"id": "izmir-quake", "title": "زلزال أزمير", "date": "2024-03-01", "places": ["izmir"]}]


def _plain(result):
    return [dataclasses.asdict(e) for e in result.events], result.article_events, result.warnings


def test_the_stage_gives_the_same_result_from_the_projections_as_from_the_records():
    mention = DateMention("1 مارس", "2024-03-01", 18, 24)
    archive = QUAKE + OTHER + [record("m1", "تقرير عن الأسبوع", "نص يذكر ما جرى في 1 مارس الماضي في أزمير.",
                                      "2024-03-05", "وكالة أ", places=["izmir"], mentions=[mention])]
    assert _plain(build_events(archive, CURATED)) == _plain(build_events(event_sources(archive, CURATED), CURATED))
    assert any(a.how == "mention" for e in build_events(archive, CURATED).events for a in e.articles)


def test_a_paragraph_added_at_the_end_changes_no_projection_but_what_the_stage_reads_does():
    mention = DateMention("1 مارس", "2024-03-01", 18, 24)
    base = record("m1", "تقرير عن الأسبوع", "نص يذكر ما جرى في 1 مارس الماضي في أزمير.", "2024-03-05", "وكالة أ",
                  places=["izmir"], mentions=[mention])
    days = ("2024-03-01",)
    appended = dataclasses.replace(base, text=base.text + "\n\nفقرة أضيفت في آخر المقال.")
    assert event_source(appended, days) == event_source(base, days)
    since = dataclasses.replace(base, text=base.text[:14] + "منذ " + base.text[18:])   # «منذ» before the day
    changed = [dataclasses.replace(base, title="عنوان آخر"), dataclasses.replace(base, lead=None),
               dataclasses.replace(base, text=base.text[:18] + "2 مارس" + base.text[24:]),
               dataclasses.replace(base, places=("ankara",)), since]
    assert all(event_source(r, days) != event_source(base, days) for r in changed)


def test_a_stage_memo_gives_back_its_result_for_the_same_key_only(tmp_path):
    memo = StageMemo(tmp_path, "events")
    key = memo.key("code", event_sources(QUAKE, None), None)
    assert memo.get(key) is None
    result = build_events(QUAKE + OTHER, None)
    memo.put(key, result)
    assert _plain(memo.get(key)) == _plain(result)
    assert memo.get(memo.key("code", event_sources(QUAKE[:2], None), None)) is None
    memo.file.write_bytes(memo.file.read_bytes()[:60])   # damaged: a miss, never a wrong result
    assert memo.get(key) is None


def test_each_articles_own_part_worked_out_ahead_gives_the_same_events(monkeypatch):
    """build_events(…, ahead=prepared(projections)): what each projection gives on its own
    (day, headline and lead words, retrospective or not), worked out ahead in the process
    that read the last projections, is taken for those very projections and worked out for
    any other (a projection made this build): the same events."""
    import plugins.events.core as core

    archive = event_sources(QUAKE + OTHER, CURATED)
    plain = _plain(build_events(archive, CURATED))
    ahead = core.prepared(archive[1:])
    worked_out = []
    real = core._dated
    monkeypatch.setattr(core, "_dated", lambda record: worked_out.append(record.id) or real(record))
    assert _plain(build_events(archive, CURATED, ahead=ahead)) == plain
    assert worked_out == [archive[0].id]
    # An equal projection that is not the one prepared (made again this build) is worked out.
    again = [dataclasses.replace(archive[1])] + archive[2:]
    expected = _plain(build_events(again, CURATED))
    worked_out.clear()
    assert _plain(build_events(again, CURATED, ahead=ahead)) == expected and worked_out == [archive[1].id]
