"""Same-kind happenings in two towns that no gazetteer knows: the reports say what a town
is («شهدت محافظة …», «في بلدة …»), so a headline word their own lead puts after such a word
is the article's place, and two reports whose headlines name two such towns are two
happenings (``_towns``, ``_split_places``)."""

import plugins.events.core as core
from plugins.events.core import _skeleton, _towns, build_events
from tests.unit.test_events_stories import OTHER, auto, record

# Two dust storms of one afternoon, in two small towns (names invented, in no gazetteer).
STORMS = [
    record("s1", "عاصفة غبار تضرب الواديين وتقطع الكهرباء عن الأحياء",
           "شهدت محافظة الواديين عصر اليوم عاصفة غبار شديدة قطعت الكهرباء عن الأحياء وأعاقت حركة السير.",
           "2024-03-01", "وكالة أ"),
    record("s2", "عاصفة غبار تقطع الكهرباء وتعيق حركة السير في السهلين",
           "ضربت عاصفة غبار شديدة محافظة السهلين عصر اليوم فقطعت الكهرباء عن الأحياء وأعاقت حركة السير.",
           "2024-03-01", "صحيفة ب"),
]


def test_a_word_after_a_place_word_is_the_articles_town():
    terms = ["شهدت", "محافظه", "واديين", "عاصفه", "قريه", "شق", "مدينه", "2"]
    assert _towns(terms) == {"#" + _skeleton("واديين"), "#" + _skeleton("شق")}
    assert _towns(["عاصفه", "غبار", "واديين"]) == frozenset()


def test_same_kind_happenings_in_two_towns_their_leads_name_are_two_events():
    events = auto(build_events(STORMS + OTHER, None))
    assert not any({"s1", "s2"} <= set(e.article_ids()) for e in events)


def test_without_the_towns_the_two_storms_would_be_one_event(monkeypatch):
    # The rule is what splits them: the same reports with no town read are one story.
    monkeypatch.setattr(core, "_towns", lambda terms: frozenset())
    events = auto(build_events(STORMS + OTHER, None))
    assert any({"s1", "s2"} <= set(e.article_ids()) for e in events)


def test_two_reports_of_a_storm_in_one_town_stay_one_event():
    same = [STORMS[0], record("s3", "انقطاع الكهرباء في الواديين بعد عاصفة غبار شديدة",
                              "قطعت عاصفة غبار شديدة ضربت محافظة الواديين عصر اليوم الكهرباء عن الأحياء.",
                              "2024-03-01", "صحيفة ب")]
    events = auto(build_events(same + OTHER, None))
    assert any({"s1", "s3"} <= set(e.article_ids()) for e in events)


def test_a_bodys_name_is_one_however_its_long_vowels_are_spelled():
    # «نادي تشيلسي» and «نادي تشلسي» are one club: a transfer's two reports are not two bodies.
    assert core._bodies(["نادي", "تشيلسي"]) == core._bodies(["نادي", "تشلسي"]) != core._bodies(["نادي", "ارسنال"])


def test_a_word_dropped_between_breaks_the_place_word():
    # «المنطقة التي شهدت …»: the function word between leaves «شهدت» no town.
    assert _towns(["منطقه", "", "شهدت", "عاصفه"]) == frozenset()
