"""The other party of a meeting, call, visit, match or delivery (happenings.yaml's
``counterparts``): one actor's two meetings, one donor's two flights are two happenings even
when they share the actor, the kind and most words."""

from types import SimpleNamespace

import plugins.events.core as core
from plugins.arabic import normalize
from plugins.events.core import _counterpart, _Doc, _split_counterparts


def _doc(index, title, body=(), lead=()):
    head = core._terms(core._raw_words(title), core._Stemmer([]))
    terms = {**dict.fromkeys(lead, 1.0), **dict.fromkeys(head, 2.0)}
    return _Doc(index, SimpleNamespace(id=f"c{index:02d}", title=title), "2024-05-08", 738000, f"src{index}",
                terms, vector=core._unit(terms), head=tuple(head),
                body=frozenset(normalize(w) for w in body))


def test_the_party_is_read_after_a_verb_or_a_preposition_until_a_function_word():
    assert _counterpart(_doc(0, "وزير الإسكان يزور مصلحة الجمارك العامة")) == ["مصلحه", "جمارك", "عامه"]
    assert _counterpart(_doc(1, "الأمير يتلقى اتصالا هاتفيا من ملك المغرب")) == ["ملك", "مغرب"]
    assert _counterpart(_doc(2, "ولي العهد يلتقي ترامب في واشنطن")) == ["ترامب"]
    assert _counterpart(_doc(3, "وصول طائرة إغاثة إلى ألبانيا")) == ["بانيا"]
    assert _counterpart(_doc(6, "أمير المنطقة يفتتح مهرجان التمور")) == ["مهرجان", "تمور"]
    assert _counterpart(_doc(4, "تراجع أسعار النفط في التعاملات الآسيوية")) == []
    assert _counterpart(_doc(5, "الرئيس يصل اليوم")) == []  # «إلى» absent: no party


# How many articles use each word: the party is named by its rarest word («عدن», not «مطار»).
POSTINGS = {"مطار": [0] * 40, "عدن": [0] * 3, "بانيا": [0] * 2, "سفير": [0] * 30, "بيرو": [0] * 2, "بيروفي": [0]}
FLIGHTS = ["وصول طائرة الإغاثة الخامسة إلى مطار عدن", "وصول خامس طائرة إغاثية إلى مطار عدن",
           "وصول طائرة إغاثة إلى ألبانيا", "طائرة المساعدات تصل إلى ألبانيا"]


def _flights():
    # Each report's opening names its own destination, not the other flight's.
    bodies = [("وصلت", "عدن", "مطار"), ("وصلت", "عدن", "مطار"), ("وصلت", "تيرانا", "مطار"),
              ("وصلت", "تيرانا", "مطار")]
    return [_doc(i, t, b) for i, (t, b) in enumerate(zip(FLIGHTS, bodies))]


def test_one_donors_flights_to_two_places_are_two_happenings(monkeypatch):
    docs = _flights()
    edges = {(0, 1): 0.9, (2, 3): 0.6, (0, 2): 0.4, (1, 3): 0.3, (0, 3): 0.3, (1, 2): 0.3}
    postings = POSTINGS
    assert sorted(_split_counterparts([0, 1, 2, 3], docs, edges, postings)) == [[0, 1], [2, 3]]
    monkeypatch.setattr(core, "COUNTERPART_MAX", 1)
    assert _split_counterparts([0, 1, 2, 3], docs, edges, postings) == [[0, 1, 2, 3]]


def test_a_member_naming_no_party_joins_the_closest_holder_not_the_larger_group():
    docs = _flights() + [_doc(4, "المملكة تقدم 180 طنا من المواد الإغاثية لألبانيا")]
    edges = {(0, 1): 0.9, (2, 3): 0.6, (0, 4): 0.35, (1, 4): 0.35, (2, 4): 0.5}
    parts = sorted(_split_counterparts([0, 1, 2, 3, 4], docs, edges, POSTINGS))
    assert parts == [[0, 1], [2, 3, 4]]


def test_two_reports_of_one_meeting_stay_one_when_either_names_the_others_party():
    # The second names «البيروفي» in its headline and «البيرو» in its opening (terms: no article).
    docs = [_doc(0, "أمير المنطقة يستقبل سفير البيرو", body=("استقبل", "سفير", "بيرو")),
            _doc(1, "أمير المنطقة يلتقي السفير البيروفي", body=("التقى", "سفير", "بيرو"))]
    assert _counterpart(docs[0]) == ["سفير", "بيرو"] and _counterpart(docs[1]) == ["سفير", "بيروفي"]
    assert _split_counterparts([0, 1], docs, {(0, 1): 0.5}, POSTINGS) == [[0, 1]]
    far = [_doc(0, docs[0].record.title, body=("استقبل", "سفير")), _doc(1, docs[1].record.title, body=("التقى", "سفير"))]
    assert sorted(_split_counterparts([0, 1], far, {(0, 1): 0.5}, POSTINGS)) == [[0], [1]]
