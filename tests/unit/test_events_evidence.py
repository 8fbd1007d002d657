"""What may join two days' reports into one happening, and what keeps one actor's pieces of
one day apart: a rare word must be rare in all its forms, a person's name is no evidence,
a pair of words needs more than everyday words, and a small cluster's headlines must share
something beyond the actor (a name, a place, an office)."""

import plugins.events.core as core
from plugins.events.core import _Doc, _family, _proper_terms, _Recurrence, _Stemmer, build_events
from plugins.record import ArticleRecord

BASE = 738000


def doc(index, day, terms, head=(), proper=()):
    return _Doc(index, None, f"2024-05-{day:02d}", BASE + day, "", {}, vector=dict.fromkeys(terms, 1.0),
                head=tuple(head), proper=frozenset(proper))


def recurrence(docs):
    docs = sorted(docs, key=lambda d: d.ordinal)
    for i, d in enumerate(docs):
        d.index = i
    postings = {}
    for d in docs:
        for t in d.vector:
            postings.setdefault(t, []).append((d.index, 1.0))
    return _Recurrence(docs, postings)


def test_forms_of_one_stem_share_a_family():
    assert _family("اخمدت") == _family("اخماد") == _family("اخمد")
    assert _family("سندات") == _family("سند")
    assert _family("حريق") != _family("مقذوف")
    assert _family("943") == "943"


def test_a_word_rare_in_its_form_but_recurring_in_another_is_no_evidence():
    x = doc(0, 10, ["اخمدت", "x1"], head=["اخمدت"])
    y = doc(1, 11, ["اخمدت", "y1"], head=["اخمدت"])
    # Other fires of the month, put out in the noun's form («إخماد»).
    others = [doc(2 + k, day, ["اخماد", f"o{k}"]) for k, day in enumerate((1, 3, 5, 20))]
    assert recurrence([x, y]).same_happening(x, y, BASE + 10, BASE + 11)
    assert not recurrence([x, y] + others).same_happening(x, y, BASE + 10, BASE + 11)


def test_a_persons_name_is_no_evidence_however_rare():
    # The civil defence's spokesman is named in both reports, and on no other day.
    x = doc(0, 10, ["صمغان", "x1"], head=["صمغان"], proper=["صمغان"])
    y = doc(1, 11, ["صمغان", "y1"], head=["صمغان"], proper=["صمغان"])
    assert not recurrence([x, y]).same_happening(x, y, BASE + 10, BASE + 11)
    x.proper = y.proper = frozenset()
    assert recurrence([x, y]).same_happening(x, y, BASE + 10, BASE + 11)


def test_a_pair_with_an_everyday_word_is_no_evidence():
    # «مقذوف» recurs (two other days, so alone it is no evidence); «تمام» is everyday: rare
    # together by chance. A pair with a word as uncommon as the headline's does count
    # (both words in the headlines: test_events_days has a lead's word that does not).
    def pair(other):
        x = doc(0, 10, ["مقذوف", other, "x1"], head=["مقذوف", other])
        y = doc(1, 11, ["مقذوف", other, "y1"], head=["مقذوف", other])
        kind = [doc(2 + k, day, ["مقذوف", f"k{k}"]) for k, day in enumerate((2, 20))]
        everyday = [doc(10 + day, day, ["تمام", f"e{day}"]) for day in range(1, 31) if abs(day - 10) > 2]
        return recurrence([x, y] + kind + everyday).same_happening(x, y, BASE + 10, BASE + 11)

    assert not pair("تمام")
    assert pair("ثلاجات")


def test_words_of_a_persons_name_are_found_after_titles_and_around_bin():
    words = "صرح الرايد محمد بن حسن ال صمغان ان مقذوفا سقط".split()
    proper = _proper_terms(words, _Stemmer([words]))
    assert {"محمد", "حسن", "صمغان"} <= proper
    assert not {"مقذوفا", "سقط", "صرح"} & proper


def record(ident, title, lead, source, day=10):
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=title, title_from="headline",
                         lead=lead, text=lead + "\n\nوتابعت الجهات المختصة متابعة الموقف.",
                         date=f"2024-05-{day:02d}", source=source)


SOURCES = ("وكالة أ", "صحيفة ب", "قناة ج", "موقع د")
FILLER = [record(f"f{n}", f"موضوع{n} يتناول مسألة{n} في منطقة{n}", f"تناول موضوع{n} مسألة{n} في منطقة{n} بالتفصيل.",
                 SOURCES[n % 4], n % 28 + 1) for n in range(150)]
OFFICIAL = "وكيل إمارة منطقة الباحة الدكتور حامد بن مالح الشمري"
# The archive knows «الباحة» as a place (the word after «منطقة» in three articles).
RAIN = record("r1", "أمطار غزيرة على منطقة الباحة", "هطلت أمطار غزيرة على منطقة الباحة.", SOURCES[2], 20)


def shown(records):
    return sorted(sorted(e.article_ids()) for e in build_events(records, None).events if not e.curated)


def test_one_officials_two_activities_of_a_day_are_not_one_event(monkeypatch):
    opening = record("a1", "وكيل إمارة منطقة الباحة يفتتح المجمع الدعوي بالعقيق",
                     f"افتتح {OFFICIAL} المجمع الدعوي بالعقيق أمس.", SOURCES[0])
    visit = record("a2", "وكيل إمارة منطقة الباحة يتفقد فعاليات القرية التراثية",
                   f"تفقد {OFFICIAL} فعاليات القرية التراثية أمس.", SOURCES[1])
    assert shown([opening, visit, RAIN] + FILLER) == []
    monkeypatch.setattr(core, "ANCHOR_ACTOR", 0)  # the actor's words counted: one "event"
    # (which the core's agreement and the display gate would also keep apart)
    monkeypatch.setattr(core, "CORE_SHARED", 0)
    monkeypatch.setattr(core, "GATE_MAX_SIZE", 0)
    assert shown([opening, visit, RAIN] + FILLER) == [["a1", "a2"]]


def test_two_outlets_reporting_one_activity_of_an_official_stay_one_event():
    one = record("b1", "وكيل إمارة منطقة الباحة يفتتح المجمع الدعوي بالعقيق",
                 f"افتتح {OFFICIAL} المجمع الدعوي بالعقيق أمس.", SOURCES[0])
    two = record("b2", "افتتاح المجمع الدعوي بالعقيق برعاية وكيل إمارة الباحة",
                 f"رعى {OFFICIAL} افتتاح المجمع الدعوي بالعقيق أمس.", SOURCES[1])
    assert shown([one, two, RAIN] + FILLER) == [["b1", "b2"]]


def titled(title):
    rec = ArticleRecord(id="t", file="t.txt", format="text", title=title, title_from="headline", lead="", text="",
                        date="2024-05-10", source=SOURCES[0])
    return _Doc(0, rec, "2024-05-10", BASE + 10, SOURCES[0], {})


def test_a_profile_or_a_clip_of_the_moment_is_a_poorer_title_than_the_report():
    report = core._title_score(titled("الحوثيون يعلنون مقتل رئيس المجلس السياسي في غارة"), 0.5)
    assert core._title_score(titled("القيادي الحوثي صالح الصماد في سطور"), 0.5) < report
    assert core._title_score(titled("من هو رئيس المجلس السياسي للحوثيين الذي قتل في غارة"), 0.5) < report
    assert core._title_score(titled("لحظة استهداف رئيس المجلس السياسي في غارة"), 0.5) < report


class OnePair:
    """A recurrence stub: only the given pairs of articles share what names a happening."""

    def __init__(self, *pairs):
        self.pairs = {frozenset(p) for p in pairs}

    def same_happening(self, x, y, lo, hi):
        return frozenset((x.index, y.index)) in self.pairs


def test_one_coincidental_pair_does_not_chain_two_days_of_a_series():
    # Two reports on day 10, two on day 11 (a festival's daily figures): one pair of them
    # happens to share a rare word; the other three pairs do not.
    docs = [doc(0, 10, ["a"]), doc(1, 10, ["b"]), doc(2, 11, ["c"]), doc(3, 11, ["d"])]
    assert sorted(core._split_days([0, 1, 2, 3], docs, OnePair((0, 2)))) == [[0, 1], [2, 3]]
    # Half the pairs between the days say the same happening: one story.
    assert core._split_days([0, 1, 2, 3], docs, OnePair((0, 2), (1, 3))) == [[0, 1, 2, 3]]
    # A lone report of the next day joins through its one pair.
    assert core._split_days([0, 2], docs, OnePair((0, 2))) == [[0, 2]]
