"""Events core: curated events claim dated mentions, shared mentions form automatic events,
and articles published on an event's day join it when they share a person or place."""

from plugins.events.core import ArticleFacts, build_events, parse_curated

TEXT_A = "وقال الوزير إن القمة ستعقد في 3 آذار المقبل في الرياض."
TEXT_B = "تستضيف الرياض في 3 آذار المقبل قمة إقليمية بحضور القادة."


def _facts(ident, text, value, date=None, people=(), places=()):
    start = text.index("3 آذار")
    mention = {"text": "3 آذار المقبل", "value": value, "start": start, "end": start + 13}
    return ArticleFacts(ident, date, text, [mention], list(people), list(places))


def test_a_day_two_articles_mention_becomes_an_automatic_event_titled_from_a_sentence():
    events = build_events([_facts("a", TEXT_A, "2026-03-03"), _facts("b", TEXT_B, "2026-03-03")], [])
    assert [(e.id, e.date, e.article_ids()) for e in events] == [("2026-03-03", "2026-03-03", ["a", "b"])]
    assert "3 آذار" in events[0].title and not events[0].curated


def test_a_day_only_one_article_mentions_stays_a_mention():
    assert build_events([_facts("a", TEXT_A, "2026-03-03")], []) == []


def test_a_curated_event_claims_mentions_of_its_day_and_keeps_its_id():
    curated, warnings = parse_curated([{"id": "riyadh-summit", "title": "قمة الرياض", "date": "2026-03-03", "place": "riyadh"}])
    events = build_events([_facts("a", TEXT_A, "2026-03-03")], curated)
    assert warnings == [] and [(e.id, e.article_ids()) for e in events] == [("riyadh-summit", ["a"])]


def test_an_article_published_on_the_day_that_shares_a_place_joins_the_event():
    curated, _ = parse_curated([{"id": "riyadh-summit", "title": "قمة الرياض", "date": "2026-03-03", "place": "riyadh"}])
    report = ArticleFacts("c", "2026-03-03", "افتتحت القمة أعمالها اليوم.", [], [], ["riyadh"])
    other = ArticleFacts("d", "2026-03-03", "خبر عن موضوع آخر.", [], [], ["cairo"])
    events = build_events([_facts("a", TEXT_A, "2026-03-03"), report, other], curated)
    assert events[0].article_ids() == ["a", "c"]


def test_a_range_event_claims_a_mention_of_a_day_inside_it():
    curated, _ = parse_curated([{"id": "talks", "title": "محادثات", "start": "2026-03-02", "end": "2026-03-04"}])
    assert build_events([_facts("a", TEXT_A, "2026-03-03")], curated)[0].article_ids() == ["a"]


def test_bad_curated_entries_are_skipped_with_a_message_naming_them():
    events, warnings = parse_curated([{"id": "ok", "title": "حدث", "date": "2026-01-01"},
                                      {"id": "Bad Id", "title": "x", "date": "2026-01-01"},
                                      {"id": "ok", "title": "مكرر", "date": "2026-01-02"},
                                      {"id": "no-date", "title": "بلا تاريخ"}])
    assert [e.id for e in events] == ["ok"]
    assert len(warnings) == 3 and any("duplicate id 'ok'" in w for w in warnings) and any("no-date" in w for w in warnings)
