"""A story is its core and what agrees with it, shown only when it names a happening, and
titled by its most central report: members join the core, not a chain of pairs; a story of
a kind of news (job interviews, profits) that the archive carries every week is not shown;
a preview or feature is not the title."""

from types import SimpleNamespace

import plugins.events.core as core
from plugins.events.core import _cluster_title, _cohere, _Doc, build_events
from plugins.record import ArticleRecord

SOURCES = ("وكالة أ", "صحيفة ب", "قناة ج", "موقع د")


def record(ident, title, lead, day, source):
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=title, title_from="headline",
                         lead=lead, text=lead + "\n\nوتابعت الجهات المختصة متابعة الموقف.",
                         date=f"2024-05-{day:02d}", source=source)


# Unrelated news of the month, so that words weigh as in an archive.
FILLER = [record(f"f{n}", f"موضوع{n} يتناول مسألة{n} في منطقة{n}", f"تناول موضوع{n} مسألة{n} في منطقة{n} بالتفصيل.",
                 n % 28 + 1, SOURCES[n % 4]) for n in range(200)]

# Candidates called to interviews by a different town's education office on 12 days of the
# month before the 28th (none within days of it): the kind of news recurs, each day's town
# its own.
INTERVIEWS = [record(f"j{day}", f"تعليم بلدة{day} يستدعي مرشحين للمقابلة الشخصية",
                     f"استدعت إدارة التعليم في بلدة{day} مرشحين إلى المقابلة الشخصية.", day, SOURCES[day % 4])
              for day in range(1, 24, 2)]


def automatic(records):
    return [e for e in build_events(records, None).events if not e.curated]


def stories(records):
    return sorted(sorted(e.article_ids()) for e in automatic(records))


def _doc(index, head, opening=()):
    terms = dict.fromkeys((*head, *opening), 1.0)
    return _Doc(index, None, "2024-05-10", 738000, "", terms, vector=terms, head=tuple(head),
                opening=frozenset(opening))


def test_members_must_agree_with_the_core_not_with_one_other_member(monkeypatch):
    # Three reports of the quake (a, b, e); c shares the death toll's word with a, and d
    # shares only c's tourists: d is joined to the story through c alone.
    docs = [_doc(0, ["زلزال", "لومبوك", "قتلى"]), _doc(1, ["زلزال", "لومبوك", "انقاذ"]),
            _doc(2, ["قتلى", "سياح"]), _doc(3, ["سياح", "رحلات"]), _doc(4, ["زلزال", "لومبوك", "مفقودين"])]
    assert _cohere([0, 1, 2, 3, 4], docs, {}) == [[0, 1, 2, 4]]
    monkeypatch.setattr(core, "CORE_SHARED", 0)
    assert _cohere([0, 1, 2, 3, 4], docs, {}) == [[0, 1, 2, 3, 4]]


def test_members_left_out_form_their_own_story_around_their_own_core():
    docs = [_doc(0, ["زلزال", "لومبوك"]), _doc(1, ["زلزال", "انقاذ"]), _doc(2, ["زلزال", "قتلى"]),
            _doc(3, ["حريق", "مصنع"]), _doc(4, ["حريق", "عمال"])]
    assert _cohere([0, 1, 2, 3, 4], docs, {}) == [[0, 1, 2], [3, 4]]


def test_a_kind_of_news_the_archive_carries_every_week_is_not_shown(monkeypatch):
    # Two offices' calls of one day, told alike in the words of that kind of news.
    bisha = record("g1", "تعليم بيشة يدعو معلمين للمقابلة الشخصية",
                   "استدعت إدارة التعليم في بيشة مرشحين إلى المقابلة الشخصية.", 28, SOURCES[0])
    laith = record("g2", "تعليم الليث يستدعي معلمات للمقابلة الشخصية",
                   "استدعت إدارة التعليم في الليث مرشحين إلى المقابلة الشخصية.", 28, SOURCES[1])
    assert not any({"g1", "g2"} & set(e) for e in stories([bisha, laith] + INTERVIEWS + FILLER))
    monkeypatch.setattr(core, "GATE_MAX_SIZE", 0)
    assert ["g1", "g2"] in stories([bisha, laith] + INTERVIEWS + FILLER)


def test_a_happening_whose_word_is_news_now_is_shown_among_the_same_weekly_news():
    ferry = [record("h1", "غرق عبارة في نهر النيل ومقتل 12 راكبا",
                    "غرقت عبارة تقل ركابا في نهر النيل مساء اليوم ما أدى إلى مقتل 12 راكبا.", 28, SOURCES[0]),
             record("h2", "مقتل 12 في غرق عبارة بالنيل",
                    "قتل 12 راكبا في غرق عبارة في نهر النيل مساء اليوم.", 28, SOURCES[2])]
    assert ["h1", "h2"] in stories(ferry + INTERVIEWS + FILLER)


def test_a_preview_or_feature_is_not_the_title_of_the_happening(monkeypatch):
    quake = [record("q1", "تعرف على جزيرة لومبوك بعد زلزال قوي ضرب إندونيسيا",
                    "ضرب زلزال قوي جزيرة لومبوك في إندونيسيا اليوم وقتل 91 شخصا.", 20, SOURCES[0]),
             record("q2", "زلزال قوي يضرب جزيرة لومبوك في إندونيسيا",
                    "ضرب زلزال قوي جزيرة لومبوك الإندونيسية اليوم وقتل 91 شخصا.", 20, SOURCES[1]),
             record("q3", "مقتل 91 شخصا في زلزال لومبوك",
                    "قتل 91 شخصا في زلزال قوي ضرب جزيرة لومبوك في إندونيسيا اليوم.", 20, SOURCES[2])]
    titles = [e.title for e in automatic(quake + FILLER)]
    assert titles and titles[0] != quake[0].title
    monkeypatch.setattr(core, "TITLE_FEATURE", 0.0)
    assert [e.title for e in automatic(quake + FILLER)] == [quake[0].title]


def _titled(index, head, lead):
    # A headline reduced to its terms; its lead adds the others, weighted as _weigh does.
    vector = core._unit({**dict.fromkeys(lead, 1.0), **dict.fromkeys(head, 2.0)})
    return _Doc(index, SimpleNamespace(id=f"t{index}", title=" ".join(head), title_from="headline",
                                       entity_mentions=()), "2024-05-20", 738000, "", {}, vector=vector,
                head=tuple(head))


def test_the_title_is_the_headline_most_alike_to_the_other_headlines(monkeypatch):
    # The last headline's words are in the others' leads (they recap a detail), not in
    # their headlines; the middle one shares two words with each other headline.
    docs = [_titled(0, ["سكين", "وسط", "شيشان", "جرحي"], ["ولد"]),
            _titled(1, ["باريس", "وسط", "شرطه", "شيشان"], ["قتيلين", "ولد"]),
            _titled(2, ["وسط", "ولد", "قتيلين", "باريس"], ["سكين"])]
    assert _cluster_title(docs) == "باريس وسط شرطه شيشان"
    monkeypatch.setattr(core, "TITLE_MEDOID", 0.0)
    assert _cluster_title(docs) == "وسط ولد قتيلين باريس"
