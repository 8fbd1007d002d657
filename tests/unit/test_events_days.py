"""Articles of different days are one happening only when they share what names it: words the
archive does not use together on other days around them. A kind of news that recurs in one
place (projectiles on Jazan, an official's receptions, market reports) shares every word from
one day to the next and is not one event; the same headline words on one day still are."""

from plugins.events.core import build_events, _Recurrence, _Doc
from plugins.record import ArticleRecord


def record(ident, title, lead, day, source):
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=title, title_from="headline",
                         lead=lead, text=lead + "\n\nوتابعت الجهات المختصة متابعة الموقف.",
                         date=f"2024-05-{day:02d}", source=source)


SOURCES = ("وكالة أ", "صحيفة ب", "قناة ج", "موقع د")

# Unrelated news of the month, so that words weigh as in an archive.
FILLER = [record(f"f{n}", f"موضوع{n} يتناول مسألة{n} في منطقة{n}", f"تناول موضوع{n} مسألة{n} في منطقة{n} بالتفصيل.",
                 n % 28 + 1, SOURCES[n % 4]) for n in range(150)]

# Projectiles on Jazan reported on other days of the month in the civil defence's formula
# (each day its own village, so the headlines are not one recurring bulletin), none within
# three days of the 10th and 11th.
RECURRING = [record(f"bg{day}", f"سقوط مقذوفات عسكرية على جازان وتضرر منزل في قرية{day}",
                    f"سقطت مقذوفات عسكرية أطلقت من داخل الأراضي اليمنية على جازان مساء اليوم وتضرر منزل في قرية{day}.",
                    day, SOURCES[day % 4]) for day in (1, 3, 5, 15, 17, 19, 21, 24)]

DEATH = record("p1", "وفاة مقيم بسقوط مقذوفات عسكرية على جازان من الأراضي اليمنية",
               "توفي مقيم بسقوط مقذوفات عسكرية أطلقت من داخل الأراضي اليمنية على جازان مساء اليوم.", 10, "وكالة أ")
INJURY = record("p2", "إصابة مواطن بسقوط مقذوفات عسكرية على جازان من الأراضي اليمنية",
                "أصيب مواطن بسقوط مقذوفات عسكرية أطلقت من داخل الأراضي اليمنية على جازان مساء اليوم.", 11, "صحيفة ب")


def stories(records):
    return sorted(sorted(e.article_ids()) for e in build_events(records, None).events if not e.curated)


def test_two_days_alike_are_one_event_when_the_archive_has_no_other_days_of_that_news():
    assert stories([DEATH, INJURY] + FILLER) == [["p1", "p2"]]


def test_the_same_two_days_are_two_happenings_when_that_news_recurs_on_other_days():
    events = stories([DEATH, INJURY] + RECURRING + FILLER)
    assert not any("p1" in e or "p2" in e for e in events)


def test_reports_of_one_day_stay_one_event_when_their_kind_of_news_recurs():
    same_day = record("p3", "وفاة مقيم بسقوط مقذوفات عسكرية على جازان", DEATH.lead, 10, "قناة ج")
    events = stories([DEATH, same_day, INJURY] + RECURRING + FILLER)
    assert ["p1", "p3"] in events and not any("p2" in e for e in events)


def test_days_that_share_a_word_rare_on_other_days_stay_one_event():
    # The same place and kind of news, but the seizure's own words (fridges, their number)
    # are used on no other day.
    seized = [record("n1", "ضبط 943 ثلاجة مخالفة للمواصفات في أسواق جازان",
                     "ضبطت فرق التجارة 943 ثلاجة مخالفة للمواصفات في أسواق جازان.", 10, "وكالة أ"),
              record("n2", "التجارة تضبط 943 ثلاجة مخالفة في جازان",
                     "أعلنت التجارة ضبط 943 ثلاجة مخالفة للمواصفات في أسواق جازان.", 11, "صحيفة ب")]
    assert ["n1", "n2"] in stories(seized + RECURRING + FILLER)


def _doc(index, day, terms):
    return _Doc(index, None, f"2024-05-{day:02d}", 738000 + day, "", {}, vector=dict.fromkeys(terms, 1.0))


def test_other_days_counts_distinct_days_outside_the_span_and_its_neighbours():
    docs = [_doc(0, 1, ["a", "b"]), _doc(1, 1, ["a", "b"]), _doc(2, 9, ["a", "b"]), _doc(3, 10, ["a"]),
            _doc(4, 11, ["a", "b"]), _doc(5, 20, ["a"]), _doc(6, 60, ["a", "b"])]
    postings = {}
    for d in docs:
        for t in d.vector:
            postings.setdefault(t, []).append((d.index, 1.0))
    r = _Recurrence(docs, postings)
    span = (738010, 738010)  # day 10: days 9 and 11 are its neighbours, day 60 is too far
    assert r.other_days(("a",), *span) == 2     # days 1 and 20 (counting stops past DAYS_OTHER)
    assert r.other_days(("a", "b"), *span) == 1  # day 1 only, however many articles it has
    assert r.other_days(("b",), 738001, 738011) == 0


def _headed(index, day, head, opening, proper=()):
    d = _doc(index, day, [*head, *opening])
    d.head, d.opening, d.proper = tuple(head), frozenset(opening), frozenset(proper)
    return d


def _recurrence(docs):
    postings = {}
    for d in docs:
        for t in d.vector:
            postings.setdefault(t, []).append((d.index, 1.0))
    return _Recurrence(docs, postings)


def _genre_days(first_index, head_word, lead_word):
    """Other days of the month: the headline word of a genre («انخفاض») on six days, the
    word of the leads («تداولات») on three others, never together."""
    return ([_doc(first_index + n, day, [head_word]) for n, day in enumerate((1, 3, 5, 15, 17, 19))]
            + [_doc(first_index + 6 + n, day, [lead_word]) for n, day in enumerate((2, 4, 16))])


def test_two_days_joined_only_by_a_headline_word_and_a_word_of_the_leads_are_not_one_happening():
    # Two days' market closes: one headline word in common (everyday enough to be no
    # evidence alone), and a word both leads open with. The two are rare together by chance.
    x = _headed(0, 10, ["fall", "points"], ["trading"])
    y = _headed(1, 11, ["fall", "index"], ["trading"])
    docs = [x, y] + _genre_days(2, "fall", "trading")
    assert not _recurrence(docs).same_happening(x, y, 738010, 738011)


def test_two_days_whose_headlines_share_two_words_rare_together_are_one_happening():
    # The same words, but both are in both headlines: what names the happening.
    x = _headed(0, 10, ["fall", "trading"], [])
    y = _headed(1, 11, ["fall", "trading"], [])
    docs = [x, y] + _genre_days(2, "fall", "trading")
    assert _recurrence(docs).same_happening(x, y, 738010, 738011)


class _AllAlike:
    """A recurrence that finds every pair of days one happening."""

    def same_happening(self, x, y, lo, hi):
        return True


def test_days_further_apart_than_the_gap_are_two_stories_however_alike():
    from plugins.events.core import _split_days
    # Days 10 and 12 join (one day between them); day 15 is three days after the last.
    docs = [_doc(0, 10, ["a"]), _doc(1, 10, ["a"]), _doc(2, 12, ["a"]), _doc(3, 15, ["a"])]
    assert _split_days([0, 1, 2, 3], docs, _AllAlike()) == [[0, 1, 2], [3]]
    # Close days chain through each other.
    docs[3] = _doc(3, 14, ["a"])
    assert _split_days([0, 1, 2, 3], docs, _AllAlike()) == [[0, 1, 2, 3]]


def test_a_large_cluster_carrying_a_series_label_is_the_series_days():
    from plugins.events.core import _label_days, _series

    def labelled(index, day, label):
        d = _doc(index, day, ["x"])
        d.label = label
        return d

    cup, crisis = ("مونديال", "روسيا"), ("ازمه", "كندا")
    # 13 reports of four days, 5 headed «مونديال روسيا:» — a label heading the cup's reports
    # on the month's other days too (12 uses outside the cluster).
    cluster = [labelled(i, 10 + i % 4, cup if i < 5 else ()) for i in range(13)]
    others = [labelled(13 + n, day, cup) for n, day in enumerate((1, 2, 3, 4, 5, 6, 20, 21, 22, 23, 24, 25))]
    docs = cluster + others
    assert _series(list(range(13)), docs, _label_days(docs))
    # The same cluster headed by a label of its own (its uses are nearly all the cluster's).
    for d in cluster[:5]:
        d.label = crisis
    assert not _series(list(range(13)), docs, _label_days(docs))
    # Fewer members carrying the cup's label: one story among the cup's reports.
    for d in cluster[:5]:
        d.label = cup if d.index < 3 else ()
    assert not _series(list(range(13)), docs, _label_days(docs))
