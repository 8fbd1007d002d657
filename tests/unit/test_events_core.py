"""Curated events: they claim dated mentions of their day (with their match rules) and
articles published that day sharing a person or place; events.yaml problems are warnings
naming the file and the entry, never exceptions."""

import datetime

from plugins.events.core import build_events, is_event_date, parse_curated, read_events_yaml
from plugins.record import ArticleRecord, DateMention

TEXT_A = "وقال الوزير إن القمة ستعقد في 3 آذار المقبل في الرياض."
TEXT_B = "تستضيف الرياض في 3 آذار المقبل قمة إقليمية بحضور القادة."
SUMMIT = {"id": "riyadh-summit", "title": "قمة الرياض", "date": "2026-03-03", "place": "riyadh"}


def record(ident, text, value=None, date=None, people=(), places=()):
    mentions = ()
    if value:
        start = text.index("3 آذار")
        mentions = (DateMention("3 آذار المقبل", value, start, start + 13),)
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=text[:20], text=text, date=date,
                         date_mentions=mentions, people=tuple(people), places=tuple(places))


def test_a_curated_event_claims_mentions_of_its_day_and_keeps_its_id():
    result = build_events([record("a", TEXT_A, "2026-03-03")], [SUMMIT])
    assert result.warnings == [] and [(e.id, e.article_ids()) for e in result.events] == [("riyadh-summit", ["a"])]
    assert result.article_events == {"a": ["riyadh-summit"]}


def test_a_curated_event_is_listed_even_without_articles():
    assert [e.id for e in build_events([], [SUMMIT]).events] == ["riyadh-summit"]


def test_an_article_published_on_the_day_that_shares_a_place_joins_the_event():
    report = record("c", "افتتحت القمة أعمالها اليوم.", date="2026-03-03", places=["riyadh"])
    other = record("d", "خبر عن موضوع آخر.", date="2026-03-03", places=["cairo"])
    result = build_events([record("a", TEXT_A, "2026-03-03"), report, other], [SUMMIT])
    assert result.events[0].article_ids() == ["a", "c"]


def test_a_range_event_claims_a_mention_of_a_day_inside_it():
    talks = {"id": "talks", "title": "محادثات", "start": "2026-03-02", "end": "2026-03-04"}
    assert build_events([record("a", TEXT_A, "2026-03-03")], [talks]).events[0].article_ids() == ["a"]


def test_match_keywords_must_stand_in_the_sentence():
    strict = {**SUMMIT, "match": {"keywords": ["مؤتمر"]}}
    assert build_events([record("a", TEXT_A, "2026-03-03")], [strict]).events[0].article_ids() == []


def test_two_articles_mentioning_a_day_no_curated_event_claims_make_no_event():
    result = build_events([record("a", TEXT_A, "2026-03-03"), record("b", TEXT_B, "2026-03-03")], None)
    assert result.events == [] and result.article_events == {}


def test_bad_curated_entries_are_skipped_with_a_message_naming_them():
    events, warnings = parse_curated([{"id": "ok", "title": "حدث", "date": "2026-01-01"},
                                      {"id": "Bad Id", "title": "x", "date": "2026-01-01"},
                                      {"id": "ok", "title": "مكرر", "date": "2026-01-02"},
                                      {"id": "no-date", "title": "بلا تاريخ"}])
    assert [e.id for e in events] == ["ok"]
    assert len(warnings) == 3 and any("duplicate id 'ok'" in w for w in warnings) and any("no-date" in w for w in warnings)
    assert all(w.startswith("events.yaml") for w in warnings)


def test_a_day_that_does_not_exist_is_a_warning_naming_the_entry():
    events, warnings = parse_curated([{"id": "feb", "title": "حدث", "date": "2025-02-30"}])
    assert events == [] and len(warnings) == 1 and "'feb'" in warnings[0] and "2025-02-30" in warnings[0]


def test_a_range_that_ends_before_it_starts_is_a_warning():
    events, warnings = parse_curated([{"id": "back", "title": "حدث", "start": "2025-03-05", "end": "2025-03-01"}])
    assert events == [] and len(warnings) == 1 and "'back'" in warnings[0]


def test_yaml_date_objects_are_read_as_their_day():
    events, warnings = parse_curated([{"id": "d", "title": "حدث", "date": datetime.date(2025, 7, 31)},
                                      {"id": "r", "title": "حدث", "start": datetime.date(2025, 2, 23),
                                       "end": datetime.datetime(2025, 2, 24, 10, 0)}])
    assert warnings == [] and [e.date for e in events] == ["2025-07-31", "2025-02-23/2025-02-24"]


def test_values_of_the_wrong_type_are_warnings_not_exceptions():
    entries = [{"id": "t", "title": ["قائمة"], "date": "2025-01-01"},
               {"id": "p", "title": "حدث", "date": "2025-01-01", "people": {"a": 1}, "match": "x", "place": [1]},
               {"id": 7, "title": "رقم", "date": 20250101},
               "نص", None]
    curated = read_events_yaml(entries)
    assert [e.id for e in curated.events] == ["p"] and curated.events[0].people == [] and curated.events[0].place is None
    assert len(curated.warnings) == 7 and all(w.startswith("events.yaml") for w in curated.warnings)


def test_a_file_that_is_not_a_list_is_one_warning():
    curated = read_events_yaml({"id": "x"})
    assert curated.events == [] and len(curated.warnings) == 1 and "events.yaml" in curated.warnings[0]


def test_an_automatic_entry_with_a_malformed_id_is_a_warning():
    curated = read_events_yaml([{"automatic": "not an id", "title": "x"}, {"automatic": "2024-03-01-abcdef",
                                                                          "suppress": "yes"}])
    assert [o.id for o in curated.overrides] == ["2024-03-01-abcdef"] and curated.overrides[0].suppress is False
    assert len(curated.warnings) == 2 and "entry 1" in curated.warnings[0] and "suppress" in curated.warnings[1]


def test_is_event_date_rejects_impossible_days():
    assert is_event_date("2024-02-29") and not is_event_date("2023-02-29") and not is_event_date("2024-13-01")
