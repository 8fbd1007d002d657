"""Automatic events are stories: articles from several sources reporting one happening within
a few days. Ids are stable, the last build's ids survive merges and splits, and events.yaml
can name, merge, split or suppress an automatic event by its id."""

import random
import re
import sys

from plugins.events.core import build_events
from plugins.record import ArticleRecord, DateMention


def record(ident, title, lead, date, source, places=(), people=(), mentions=()):
    text = lead + "\n\nوتابعت الجهات المختصة متابعة الموقف."
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=title, title_from="headline",
                         lead=lead, text=text, date=date, source=source, places=tuple(places),
                         people=tuple(people), date_mentions=tuple(mentions))


QUAKE = [
    record("q1", "زلزال أزمير يوقع عشرات القتلى في تركيا", "زلزال قوي يضرب أزمير التركية ويوقع عشرات القتلى.",
           "2024-03-01", "وكالة أ", places=["izmir"]),
    record("q2", "عشرات القتلى في زلزال أزمير التركية", "أوقع زلزال أزمير في تركيا عشرات القتلى.",
           "2024-03-01", "صحيفة ب", places=["izmir"]),
    record("q3", "تركيا تعلن الحداد على قتلى زلزال أزمير", "أعلنت تركيا الحداد على عشرات القتلى في زلزال أزمير.",
           "2024-03-02", "قناة ج", places=["izmir"]),
]
# Other news of the same weeks, so that the weights are those of an archive.
OTHER = [
    record("o1", "المنتخب الوطني يفوز على ضيفه بثلاثة أهداف في تصفيات كأس العالم",
           "حقق المنتخب الوطني فوزا كبيرا على ضيفه في المباراة التي جرت مساء الخميس.", "2024-03-01", "صحيفة ب"),
    record("o2", "البنك المركزي يرفع سعر الفائدة للمرة الثالثة هذا العام",
           "قرر البنك المركزي رفع سعر الفائدة نصف نقطة مئوية لمواجهة التضخم.", "2024-03-01", "وكالة أ"),
    record("o3", "افتتاح معرض الكتاب الدولي بمشاركة خمسمئة دار نشر",
           "افتتح وزير الثقافة معرض الكتاب الدولي الذي تشارك فيه خمسمئة دار نشر من ثلاثين دولة.",
           "2024-03-02", "قناة ج"),
    record("o4", "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
           "ارتفعت أسعار النفط في التعاملات الآسيوية بعد بيانات أظهرت تراجع المخزونات.", "2024-03-02", "صحيفة ب"),
    record("o5", "الحكومة تقر مشروع قانون جديد للاستثمار",
           "أقر مجلس الوزراء مشروع قانون الاستثمار الذي يمنح حوافز ضريبية للشركات.", "2024-03-03", "وكالة أ"),
    record("o6", "نادي المدينة يتعاقد مع مدرب جديد حتى نهاية الموسم",
           "أعلن نادي المدينة التعاقد مع مدرب جديد خلفا للمدرب المقال.", "2024-03-03", "قناة ج"),
]


def events_of(records, entries=None, **kw):
    return build_events(records, entries, **kw)


def auto(result):
    return [e for e in result.events if not e.curated]


def test_articles_from_several_sources_on_one_happening_form_one_event():
    events = auto(events_of(QUAKE + OTHER))
    assert [sorted(e.article_ids()) for e in events] == [["q1", "q2", "q3"]]
    assert events[0].date == "2024-03-01/2024-03-02" and events[0].sources == ["وكالة أ", "صحيفة ب", "قناة ج"]


def test_the_title_is_one_of_the_members_headlines():
    event = auto(events_of(QUAKE + OTHER))[0]
    assert event.title in {r.title for r in QUAKE}


def test_a_headline_with_a_video_label_is_not_chosen_as_title_when_another_fits():
    labelled = record("q0", "شاهد.. زلزال أزمير يوقع عشرات القتلى في تركيا",
                      "زلزال أزمير التركية يوقع عشرات القتلى.", "2024-03-01", "قناة د", places=["izmir"])
    event = auto(events_of(QUAKE + [labelled] + OTHER))[0]
    assert "q0" in event.article_ids() and not event.title.startswith("شاهد")


def test_a_story_told_by_one_source_only_is_not_shown():
    one_source = [record(r.id, r.title, r.lead, r.date, "وكالة أ", places=r.places) for r in QUAKE]
    assert auto(events_of(one_source + OTHER)) == []


def test_one_source_is_enough_when_min_sources_is_one():
    one_source = [record(r.id, r.title, r.lead, r.date, "وكالة أ", places=r.places) for r in QUAKE]
    assert len(auto(events_of(one_source + OTHER, min_sources=1))) == 1


def test_articles_weeks_apart_are_not_one_story():
    late = record("late", "زلزال أزمير يوقع عشرات القتلى في تركيا", "أوقع زلزال أزمير في تركيا عشرات القتلى.",
                  "2024-03-25", "صحيفة ه", places=["izmir"])
    events = auto(events_of(QUAKE + OTHER + [late]))
    assert all("late" not in e.article_ids() for e in events)


def test_a_shared_date_mention_alone_makes_no_event():
    day = DateMention("5 آذار", "2024-03-05", 0, 6)
    a = record("m1", "الوزير يزور المصنع", "5 آذار موعد زيارة الوزير إلى المصنع الجديد.", "2024-03-01", "وكالة أ",
               mentions=[day])
    b = record("m2", "انطلاق مهرجان الربيع", "5 آذار يبدأ مهرجان الربيع للفنون في الحديقة العامة.", "2024-03-02",
               "صحيفة ب", mentions=[day])
    assert auto(events_of([a, b] + OTHER)) == []


def test_a_history_column_does_not_join_the_story_of_its_day():
    column = record("h1", "في مثل هذا اليوم: زلزال أزمير يوقع عشرات القتلى في تركيا",
                    "في مثل هذا اليوم أوقع زلزال أزمير في تركيا عشرات القتلى.", "2024-03-01", "قناة د",
                    places=["izmir"])
    events = auto(events_of(QUAKE + OTHER + [column]))
    assert events and all("h1" not in e.article_ids() for e in events)


def test_another_happening_in_the_same_city_does_not_join():
    festival = record("s1", "أزمير تستضيف مهرجان الموسيقى الدولي",
                      "افتتح في مدينة أزمير التركية مهرجان الموسيقى الدولي بمشاركة فرق من عشرين دولة.",
                      "2024-03-01", "قناة د", places=["izmir"])
    events = auto(events_of(QUAKE + OTHER + [festival]))
    assert [sorted(e.article_ids()) for e in events] == [["q1", "q2", "q3"]]


def test_article_events_maps_each_member_to_its_event():
    result = events_of(QUAKE + OTHER)
    ident = auto(result)[0].id
    assert {a: result.article_events[a] for a in ("q1", "q2", "q3")} == {"q1": [ident], "q2": [ident], "q3": [ident]}
    assert "o1" not in result.article_events


def test_the_event_lists_places_named_by_its_articles():
    event = auto(events_of(QUAKE + OTHER))[0]
    assert event.places == ["izmir"] and event.place == "izmir"


# --- ids --------------------------------------------------------------------------------------


def test_an_automatic_id_is_the_first_day_and_an_ascii_hash():
    ident = auto(events_of(QUAKE + OTHER))[0].id
    assert re.fullmatch(r"2024-03-01-[0-9a-f]{6}", ident)


def test_the_id_does_not_depend_on_input_order():
    shuffled = QUAKE + OTHER
    random.Random(4).shuffle(shuffled)
    assert auto(events_of(shuffled))[0].id == auto(events_of(QUAKE + OTHER))[0].id


def test_a_later_article_joining_keeps_the_id():
    later = record("q4", "ارتفاع عدد قتلى زلزال أزمير في تركيا", "ارتفع عدد القتلى في زلزال أزمير التركية.",
                   "2024-03-03", "صحيفة ب", places=["izmir"])
    before = auto(events_of(QUAKE + OTHER))[0]
    after = auto(events_of(QUAKE + OTHER + [later]))[0]
    assert "q4" in after.article_ids() and after.id == before.id


def test_with_the_last_build_an_event_keeps_its_id_when_an_earlier_article_arrives():
    before = auto(events_of(QUAKE + OTHER))[0]
    previous = [{"id": before.id, "articles": before.article_ids()}]
    earlier = record("q0", "زلزال أزمير التركية: عشرات القتلى", "أوقع زلزال في أزمير التركية عشرات القتلى.",
                     "2024-02-29", "قناة د", places=["izmir"])
    fresh = auto(events_of(QUAKE + OTHER + [earlier]))[0]
    kept = auto(events_of(QUAKE + OTHER + [earlier], previous=previous))[0]
    assert "q0" in kept.article_ids() and fresh.id != before.id and kept.id == before.id


def test_ids_of_last_build_events_that_merged_redirect_to_the_survivor():
    previous = [{"id": "2024-03-01-aaaaaa", "articles": ["q1", "q2"]},
                {"id": "2024-03-02-bbbbbb", "articles": ["q3"]}]
    event = auto(events_of(QUAKE + OTHER, previous=previous))[0]
    assert event.id == "2024-03-01-aaaaaa" and event.redirect_from == ["2024-03-02-bbbbbb"]


# --- events.yaml acting on automatic events ---------------------------------------------------


def _quake_id():
    return auto(events_of(QUAKE + OTHER))[0].id


def test_events_yaml_names_an_automatic_event():
    result = events_of(QUAKE + OTHER, [{"automatic": _quake_id(), "title": "زلزال أزمير"}])
    assert [e.title for e in auto(result)] == ["زلزال أزمير"] and result.warnings == []


def test_events_yaml_suppresses_an_automatic_event():
    result = events_of(QUAKE + OTHER, [{"automatic": _quake_id(), "suppress": True}])
    assert result.events == [] and result.article_events == {}


def test_events_yaml_splits_articles_off_an_automatic_event():
    result = events_of(QUAKE + OTHER, [{"automatic": _quake_id(), "split": ["q3"]}])
    assert sorted(sorted(e.article_ids()) for e in result.events) == [["q1", "q2"], ["q3"]]
    assert _quake_id() in {e.id for e in result.events}


def test_events_yaml_merges_automatic_events_and_the_merged_id_redirects():
    parts = events_of(QUAKE + OTHER, [{"automatic": _quake_id(), "split": ["q3"]}]).events
    keep, other = sorted(parts, key=lambda e: len(e.articles), reverse=True)
    previous = [{"id": e.id, "articles": e.article_ids()} for e in parts]
    # The next build found one story; the curator merges what the last build had split.
    result = events_of(QUAKE + OTHER, [{"automatic": keep.id, "merge": [other.id]}], previous=previous)
    assert [(e.id, sorted(e.article_ids())) for e in result.events] == [(keep.id, ["q1", "q2", "q3"])]
    assert other.id in result.events[0].redirect_from


def test_events_yaml_naming_an_unknown_automatic_id_is_a_warning():
    result = events_of(QUAKE + OTHER, [{"automatic": "2020-01-01-abcdef", "title": "x"}])
    assert len(result.warnings) == 1 and "events.yaml" in result.warnings[0] and "2020-01-01-abcdef" in result.warnings[0]


def test_a_curated_event_with_an_automatic_id_takes_its_place_with_a_warning():
    ident = _quake_id()
    result = events_of(QUAKE + OTHER, [{"id": ident, "title": "زلزال أزمير", "date": "2024-03-01"}])
    assert [(e.id, e.curated, sorted(e.article_ids())) for e in result.events] == [(ident, True, ["q1", "q2", "q3"])]
    assert len(result.warnings) == 1 and ident in result.warnings[0] and "events.yaml" in result.warnings[0]


def test_a_lead_that_opens_on_a_day_years_back_is_a_history_piece_and_joins_nothing():
    lead = "في 2 آذار من عام 1999 أوقع زلزال أزمير في تركيا عشرات القتلى."
    past = DateMention("2 آذار من عام 1999", "1999-03-02", 3, 21)
    column = record("h2", "زلزال أزمير يوقع عشرات القتلى في تركيا", lead, "2024-03-01", "قناة د",
                    places=["izmir"], mentions=[past])
    events = auto(events_of(QUAKE + OTHER + [column]))
    assert events and all("h2" not in e.article_ids() for e in events)


# --- which headline names the story; the day an article reports; happenings told apart -----


def test_the_title_is_the_headline_closest_to_what_the_other_articles_say():
    # One member's headline is about a side detail (a minister's visit to the wounded);
    # the others tell the quake itself, and so should the title.
    side = record("q5", "زلزال أزمير: وزير الصحة يزور مستشفى المدينة ويتفقد الجرحى",
                  "زار وزير الصحة مستشفى المدينة بعد زلزال أزمير الذي أوقع عشرات القتلى في تركيا.",
                  "2024-03-01", "قناة د", places=["izmir"])
    event = auto(events_of(QUAKE + [side] + OTHER))[0]
    assert "q5" in event.article_ids() and event.title != side.title and "قتلى" in event.title


def test_an_article_published_the_next_morning_reports_the_day_its_lead_names():
    from plugins.events.core import reported_day
    lead = "أعلنت الحكومة أمس الثلاثاء خطة جديدة للنقل العام في العاصمة."
    r = record("d1", "خطة جديدة للنقل", lead, "2024-03-06", "وكالة أ",
               mentions=[DateMention("أمس الثلاثاء", "2024-03-05", 14, 26)])
    assert reported_day(r) == "2024-03-05"


def test_a_day_named_deep_in_the_text_or_after_publication_or_after_since_is_not_the_reported_day():
    from plugins.events.core import reported_day
    far = record("d2", "خطة", "أعلنت الحكومة خطة. " + "وتفاصيل كثيرة. " * 40 + "أمس الثلاثاء", "2024-03-06",
                 "وكالة أ", mentions=[DateMention("أمس الثلاثاء", "2024-03-05", 620, 632)])
    ahead = record("d3", "خطة", "تبدأ الخطة الخميس المقبل.", "2024-03-06", "وكالة أ",
                   mentions=[DateMention("الخميس المقبل", "2024-03-07", 11, 24)])
    since = record("d4", "حرب", "تتواصل الحرب منذ الخميس الماضي في المدينة.", "2024-03-06", "وكالة أ",
                   mentions=[DateMention("الخميس الماضي", "2024-03-04", 17, 30)])
    assert [reported_day(r) for r in (far, ahead, since)] == ["2024-03-06"] * 3


def test_two_bombings_in_two_cities_on_one_day_are_two_events():
    # Same day, same kind of news, no place, person or organisation in common.
    kabul = [
        record("k0", "قتلى في انفجار سيارة مفخخة قرب وزارة الداخلية في كابول",
               "قتل عشرة أشخاص في انفجار سيارة مفخخة قرب وزارة الداخلية في كابول صباح اليوم.", "2024-04-10",
               "وكالة أ", places=["kabul"]),
        record("k1", "عشرة قتلى بتفجير أمام وزارة الداخلية الأفغانية",
               "أدى تفجير سيارة مفخخة أمام وزارة الداخلية في كابول إلى مقتل عشرة أشخاص بينهم شرطيون.", "2024-04-10",
               "صحيفة ب", places=["kabul"]),
    ]
    baghdad = [
        record("b0", "قتلى في انفجار سيارة مفخخة في سوق شعبي ببغداد",
               "قتل ثمانية متسوقين في انفجار سيارة مفخخة في سوق شعبي مزدحم ببغداد مساء اليوم.", "2024-04-10",
               "قناة ج", places=["baghdad"]),
        record("b1", "ثمانية قتلى بتفجير سوق شعبي في العاصمة العراقية",
               "أدى انفجار سيارة مفخخة في سوق شعبي ببغداد إلى مقتل ثمانية متسوقين وإصابة عشرين.", "2024-04-10",
               "وكالة أ", places=["baghdad"]),
    ]
    events = auto(events_of(kabul + baghdad + OTHER))
    assert sorted(sorted(e.article_ids()) for e in events) == [["b0", "b1"], ["k0", "k1"]]


def test_reports_of_one_happening_naming_different_places_stay_one_event():
    # The same words tie them: naming different places (a gap in the gazetteer) is not a split.
    reports = [
        record("z1", "زلزال أزمير يوقع عشرات القتلى وروسيا تعزي تركيا",
               "زلزال قوي يضرب أزمير التركية ويوقع عشرات القتلى وموسكو تعزي.", "2024-03-01", "قناة د",
               places=["moscow"]),
        record("z2", "زلزال أزمير يوقع عشرات القتلى في تركيا وموسكو تعزي",
               "زلزال قوي يضرب أزمير التركية ويوقع عشرات القتلى وروسيا تعزي.", "2024-03-01", "صحيفة ه",
               places=["moscow"]),
    ]
    quake = [record(r.id, r.title, r.lead, r.date, r.source) for r in QUAKE]  # no place named
    quake[0] = record("q1", QUAKE[0].title, QUAKE[0].lead, QUAKE[0].date, QUAKE[0].source, places=["ankara"])
    quake[1] = record("q2", QUAKE[1].title, QUAKE[1].lead, QUAKE[1].date, QUAKE[1].source, places=["ankara"])
    events = auto(events_of(quake + reports + OTHER))
    assert len(events) == 1 and {"q1", "q2", "z1", "z2"} <= set(events[0].article_ids())


def test_two_pieces_held_together_by_one_name_are_not_one_event():
    # Same day, two outlets, one name and nothing else in common: two matters, not one story.
    a = record("n1", "الحريري يرحب", "الحريري يرحب.", "2024-03-02", "وكالة أ")
    b = record("n2", "الحريري ينتقد", "الحريري ينتقد.", "2024-03-02", "صحيفة ب")
    assert auto(events_of([a, b] + QUAKE + OTHER)) == auto(events_of(QUAKE + OTHER))


def test_two_reports_sharing_a_name_and_what_happened_are_one_event():
    a = record("n1", "الحريري يستقيل من رئاسة الحكومة", "الحريري يستقيل من رئاسة الحكومة.", "2024-03-02", "وكالة أ")
    b = record("n2", "استقالة الحريري من رئاسة الحكومة", "أعلن الحريري استقالته من رئاسة الحكومة.", "2024-03-02",
               "صحيفة ب")
    assert [sorted(e.article_ids()) for e in auto(events_of([a, b] + QUAKE + OTHER))
            if "n1" in e.article_ids()] == [["n1", "n2"]]


def test_a_recurring_bulletin_does_not_join_the_story_it_summarises():
    # One source's «نشرة الثامنة» every day is a column, whatever its lead says that day.
    bulletins = [record(f"nb{i}", f"نشرة الثامنة {day}", "زلزال أزمير يوقع عشرات القتلى في تركيا.", date, "قناة د",
                        places=["izmir"])
                 for i, (day, date) in enumerate([("الجمعة", "2024-03-01"), ("السبت", "2024-03-02"),
                                                  ("الأحد", "2024-03-03")])]
    events = auto(events_of(QUAKE + bulletins + OTHER))
    assert [sorted(e.article_ids()) for e in events] == [["q1", "q2", "q3"]]


def test_anniversary_pieces_make_no_event_of_their_day():
    pieces = [
        record("an1", "اليابان تحيي الذكرى السبعين لقصف هيروشيما", "أحيت اليابان الذكرى السبعين لقصف هيروشيما.",
               "2024-03-02", "وكالة أ"),
        record("an2", "هيروشيما تحيي الذكرى السبعين للقصف", "أحيت هيروشيما الذكرى السبعين للقصف الذري.",
               "2024-03-02", "صحيفة ب"),
    ]
    assert auto(events_of(QUAKE + pieces + OTHER)) == auto(events_of(QUAKE + OTHER))


def test_a_happening_on_an_anniversary_is_still_a_happening():
    from plugins.events.core import is_retrospective
    mourning = record("an3", "عباس يعلن الحداد ثلاثة أيام في ذكرى النكبة", "أعلن الرئيس الحداد ثلاثة أيام.",
                      "2024-05-15", "وكالة أ")
    congratulation = record("an4", "القيادة تهنئ رئيس سنغافورة بذكرى اليوم الوطني", "بعثت القيادة برقية تهنئة.",
                            "2024-08-09", "وكالة أ")
    assert [is_retrospective(mourning), is_retrospective(congratulation)] == [False, True]


def test_in_a_small_cluster_a_piece_whose_headline_matches_no_other_is_left_out():
    # It shares the story's words in its lead, but its headline is about another matter.
    side = record("q6", "وزير الصحة يتفقد الجرحى في المستشفيات",
                  "تفقد وزير الصحة الجرحى في مستشفيات أزمير بعد الزلزال الذي أوقع عشرات القتلى في تركيا.",
                  "2024-03-01", "قناة د", places=["izmir"])
    assert [sorted(e.article_ids()) for e in auto(events_of(QUAKE + [side] + OTHER))] == [["q1", "q2", "q3"]]


def test_two_town_festivals_of_one_week_are_two_events():
    # Same kind of news, no place in the gazetteer: the headlines tell the two happenings apart.
    festivals = [
        record("f1", "انطلاق مهرجان صيف الخرج بعروض شعبية",
               "انطلقت فعاليات مهرجان صيف الخرج بعروض شعبية وألعاب للأطفال وسط حضور كبير من الأهالي.",
               "2024-07-01", "وكالة أ"),
        record("f2", "عروض شعبية في افتتاح مهرجان صيف الخرج",
               "شهد افتتاح مهرجان صيف الخرج عروضا شعبية وألعابا للأطفال وسط حضور كبير من الأهالي.",
               "2024-07-01", "صحيفة ب"),
        record("f3", "حفر الباطن تحتفي بمسرح للأطفال",
               "انطلقت فعاليات مهرجان حفر الباطن بمسرح للأطفال وعروض شعبية وسط حضور كبير من الأهالي.",
               "2024-07-01", "قناة ج"),
        record("f4", "مسرح للأطفال في مهرجان حفر الباطن",
               "يقدم مهرجان حفر الباطن مسرحا للأطفال وعروضا شعبية وسط حضور كبير من الأهالي.", "2024-07-02", "وكالة أ"),
    ]
    others = [record(r.id, r.title, r.lead, "2024-07-0" + r.date[-1], r.source) for r in OTHER]
    events = auto(events_of(festivals + others))
    assert sorted(sorted(e.article_ids()) for e in events) == [["f1", "f2"], ["f3", "f4"]]


SUMMIT = [
    ("s1", "قمة ترامب-كيم: ما الأطعمة التي قدمت للزعيمين", "وكالة أ"),
    ("s2", "قمة ترامب-كيم: أنظار العالم تتجه إلى الزعيمين", "وكالة أ"),
    ("s3", "تكلفة استضافة قمة ترامب وكيم تبلغ عشرين مليونا", "صحيفة ب"),
    ("s4", "ترامب وكيم يوقعان وثيقة في ختام القمة", "قناة ج"),
    ("s5", "كيم يقبل دعوة ترامب لزيارة واشنطن بعد القمة", "صحيفة ب"),
    ("s6", "ترامب وكيم يتصافحان في القمة التاريخية", "قناة د"),
    ("s7", "ترامب يشيد بكيم بعد القمة", "قناة ج"),
    ("s8", "ماذا تضمنت وثيقة قمة ترامب وكيم", "قناة د"),
]


def _summit():
    lead = "التقى الرئيس الأمريكي ترامب الزعيم الكوري الشمالي كيم في قمة تاريخية."
    records = [record(i, t, lead, "2024-06-12", s) for i, t, s in SUMMIT]
    # an archive large enough for the story's words not to count as common ones
    filler = [record(f"f{n}", f"موضوع{n} يتناول مسألة{n}", f"تناول موضوع{n} مسألة{n} في منطقة{n}.",
                     f"2024-06-{n % 28 + 1:02d}", "وكالة أ") for n in range(100)]
    return [e for e in auto(events_of(records + filler)) if "s1" in e.article_ids()]


def test_a_large_story_is_titled_by_the_label_its_headlines_carry():
    event, = _summit()
    assert event.title == "قمة ترامب-كيم"


def test_a_label_written_two_ways_is_one_label(monkeypatch):
    # «قمة ترامب-كيم:» and «قمة ترامب وكيم:» are the same label: two members carry it.
    summit = list(SUMMIT)
    summit[1] = ("s2", "قمة ترامب وكيم: أنظار العالم تتجه إلى الزعيمين", "وكالة أ")
    monkeypatch.setattr(sys.modules[__name__], "SUMMIT", summit)
    event, = _summit()
    assert event.title == "قمة ترامب-كيم"
    summit[1] = ("s2", "أنظار العالم تتجه إلى الزعيمين في قمة ترامب وكيم", "وكالة أ")
    event, = _summit()
    assert event.title != "قمة ترامب-كيم"


# Towns the entity gazetteer does not know: the archive names them after «منطقة», «مدينة».
TOWNS = [
    record(f"t{k}", f"{head} في {kind} {town}", f"افتتح مسؤولو {kind} {town} {head} وسط حضور الأهالي.",
           f"2024-05-{1 + k:02d}", ("وكالة أ", "صحيفة ب", "قناة ج")[k % 3])
    for k, (head, kind, town) in enumerate([
        ("معرض للكتاب", "منطقة", "جازان"), ("سوق شعبي", "مدينة", "جازان"), ("حديقة عامة", "محافظة", "جازان"),
        ("مكتبة عامة", "منطقة", "نجران"), ("ملعب للأطفال", "مدينة", "نجران"), ("مركز صحي", "محافظة", "نجران"),
    ])
]


def test_the_same_kind_of_happening_in_two_towns_is_not_one_event():
    # Projectiles on Jazan and on Najran the same day: every word alike but the town.
    pair = [
        record("p0", "إصابة مقيم بسقوط مقذوفات عسكرية على جازان من الأراضي اليمنية",
               "أصيب مقيم بسقوط مقذوفات عسكرية أطلقت من داخل الأراضي اليمنية على جازان مساء اليوم.",
               "2024-05-20", "وكالة أ"),
        record("p1", "إصابة مقيم بسقوط مقذوفات عسكرية على نجران من الأراضي اليمنية",
               "أصيب مقيم بسقوط مقذوفات عسكرية أطلقت من داخل الأراضي اليمنية على نجران مساء اليوم.",
               "2024-05-20", "صحيفة ب"),
    ]
    assert auto(events_of(pair + TOWNS + OTHER)) == []
    # The same two reports, both of Jazan (one spelling it «جيزان»), are one event.
    jazan = [pair[0], record("p2", "إصابة مقيم بسقوط مقذوفات عسكرية على جيزان من الأراضي اليمنية",
                             pair[1].lead.replace("نجران", "جيزان"), "2024-05-20", "صحيفة ب")]
    assert [sorted(e.article_ids()) for e in auto(events_of(jazan + TOWNS + OTHER))] == [["p0", "p2"]]


def test_the_archive_gazetteer_takes_place_names_and_their_spellings_not_common_words():
    from plugins.events.core import _Places

    texts = [["منطقه", "جازان"], ["مدينه", "جازان"], ["محافظه", "جازان"], ["جازان", "سوق"],
             ["مدينه", "تورونتو"], ["منطقه", "تورونتو"], ["مدينه", "تورونتو"], ["تورنتو", "شرطه"],
             ["منطقه", "واقعه"], ["مدينه", "واقعه"], ["منطقه", "واقعه"]] + [["واقعه", "اخري"]] * 40
    places = _Places(texts)
    assert places("جازان") and places("تورونتو") == places("تورنتو")
    assert places("واقعه") is None     # follows «منطقة» often, but is mostly used without it
    assert places("جنون") is None      # a vowel replaced, not added: not «جنين»


def test_offers_of_two_bodies_alike_in_every_other_word_are_not_one_event():
    from plugins.events.core import _bodies, _skeleton

    assert _bodies(["جامعه", "ملك", "خالد", "تعلن"]) == {"%جامعه:" + _skeleton("خالد")}
    offers = [
        record("j0", "جامعة الدمام تعلن عن وظائف صحية شاغرة للرجال والنساء",
               "أعلنت جامعة الدمام عن وظائف صحية شاغرة للرجال والنساء عن طريق المسابقة الوظيفية العامة.",
               "2024-05-20", "وكالة أ"),
        record("j1", "جامعة تبوك تعلن عن وظائف صحية شاغرة للرجال والنساء",
               "أعلنت جامعة تبوك عن وظائف صحية شاغرة للرجال والنساء عن طريق المسابقة الوظيفية العامة.",
               "2024-05-20", "صحيفة ب"),
    ]
    assert auto(events_of(offers + OTHER)) == []


def test_two_bodies_quoted_at_the_head_of_alike_headlines_are_two_happenings():
    spending = [
        record("c0", "«بناء» تنفق خمسة ملايين على الأيتام خلال شهر رمضان",
               "أنفقت الجمعية الخيرية لرعاية الأيتام خمسة ملايين ريال على الأيتام وأسرهم خلال شهر رمضان.",
               "2024-05-20", "وكالة أ"),
        record("c1", "(آباء) تنفق سبعة ملايين على الأيتام خلال شهر رمضان",
               "أنفقت الجمعية الخيرية لرعاية الأيتام سبعة ملايين ريال على الأيتام وأسرهم خلال شهر رمضان.",
               "2024-05-20", "صحيفة ب"),
    ]
    assert auto(events_of(spending + OTHER)) == []
    # Words quoted for effect are no body: two reports of one eclipse stay one event.
    eclipse = [
        record("e0", '"القمر الدامي" يشد الأنظار في أطول خسوف للقمر هذا القرن',
               "شد خسوف القمر الأطول في هذا القرن أنظار الملايين حول العالم مساء الجمعة.", "2024-05-20", "وكالة أ"),
        record("e1", '"مشهد نادر" في أطول خسوف للقمر هذا القرن يشد الأنظار',
               "شد خسوف القمر الأطول في هذا القرن أنظار الملايين حول العالم مساء الجمعة.", "2024-05-20", "صحيفة ب"),
    ]
    assert [sorted(e.article_ids()) for e in auto(events_of(eclipse + OTHER))] == [["e0", "e1"]]


def test_a_headline_naming_the_happening_as_the_context_of_its_news_is_not_the_title():
    from plugins.events.core import _ASIDE
    from plugins.arabic import normalize

    for aside in ("بعد الصين.. زعيم كوريا الشمالية يلتقي رئيس الجنوبية", "إجراء جديد من التحالف بشأن الهجوم",
                  "مصدر قضائي: منفذ هجوم الطعن ولد في الشيشان", "استقالة الحكومة على خلفية الاحتجاجات"):
        assert _ASIDE.search(normalize(aside)), aside
    for happening in ("شاحنة تدهس مارة وسط المدينة", "خلل فني يعيد طائرة بعد إقلاعها",
                      "الإفراج عن الناشطة بعد سجنها ثمانية أشهر"):
        assert not _ASIDE.search(normalize(happening)), happening
    # Of two headlines as close to the cluster, the one naming the happening as its context loses.
    from plugins.events.core import _Doc, _title_score

    def doc(title):
        return _Doc(0, record("x", title, "", "2024-03-01", "وكالة أ"), "2024-03-01", 0, "وكالة أ", {})

    assert _title_score(doc("بعد زلزال أزمير.. تركيا تعلن الحداد على القتلى"), 0.5) \
        < _title_score(doc("تركيا تعلن الحداد على قتلى زلزال أزمير"), 0.5)


def test_headlines_sharing_only_a_town_s_two_word_name_share_one_word():
    from plugins.events.core import _documents, _shared_words

    lead = "أعلنت الجهات المختصة في محافظة حفر الباطن {}."
    town = [record(f"h{k}", head, lead.format(k), "2024-05-20", "وكالة أ") for k, head in enumerate([
        "أمطار غزيرة على حفر الباطن تغلق الطرق", "شرطة حفر الباطن تطيح بعصابة لسرقة المواشي",
        "انقطاع الكهرباء عن أحياء حفر الباطن", "أمطار غزيرة تغلق طرق حفر الباطن"])]
    # «زلزال» is used with many places: «زلزال أزمير» is the happening's name, not a place's.
    quakes = [record(f"z{k}", f"زلزال {town_name} يوقع قتلى", "وقع زلزال.", "2024-05-20", "صحيفة ب")
              for k, town_name in enumerate(["أزمير", "أزمير", "أزمير", "طوكيو", "ليما", "كابول", "مانيلا"])]
    docs = {d.record.id: d for d in _documents(town + quakes + OTHER)}
    heads = {d.index: set(d.head) for d in docs.values()}
    assert _shared_words(docs["h0"], docs["h1"], heads) == 1      # only «حفر الباطن»
    assert _shared_words(docs["h0"], docs["h3"], heads) >= 3      # the rain, the roads and the town
    assert _shared_words(docs["z0"], docs["z1"], heads) == 4      # «زلزال أزمير» counts as two


def test_a_story_whose_every_piece_asks_or_explains_is_not_shown():
    # The quake's reports retitled as two outlets' explainers: the same words, no report.
    asked = [record("q1", "لماذا يضرب زلزال أزمير تركيا بهذه القوة؟", QUAKE[0].lead, "2024-03-01", "وكالة أ",
                    places=["izmir"]),
             record("q2", "تعرف على زلزال أزمير الذي أوقع عشرات القتلى في تركيا", QUAKE[1].lead, "2024-03-01",
                    "صحيفة ب", places=["izmir"])]
    assert auto(events_of(asked + OTHER)) == []
    # one report among them is enough: the story names its happening
    assert [sorted(e.article_ids()) for e in auto(events_of(asked + [QUAKE[2]] + OTHER))] == [["q1", "q2", "q3"]]


def test_a_speaker_before_the_colon_is_not_a_storys_label(monkeypatch):
    # Two members open on the president's words: he speaks, he does not name the story.
    summit = [(i, t.replace("قمة ترامب-كيم:", "الرئيس ترامب:"), s) for i, t, s in SUMMIT]
    monkeypatch.setattr(sys.modules[__name__], "SUMMIT", summit)
    event, = _summit()
    assert event.title != "الرئيس ترامب"
    assert event.title in {t for _, t, _ in summit}
