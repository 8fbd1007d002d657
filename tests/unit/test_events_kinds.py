"""Kinds of happening (plugins/events/happenings.yaml): a story is titled by a headline that
reports the happening, not by a side step (the funeral prayer, the photos) or a headline
that names it only as the circumstance of its own news; weather outlooks are no story."""

from types import SimpleNamespace

import plugins.events.core as core
from plugins.events.core import _cluster_title, _Doc, _happening_kinds, build_events

from tests.unit.test_events_stories import OTHER, auto, record


def test_kinds_are_read_with_proclitics_and_in_prepositional_phrases_as_context():
    assert ("attack", "happening") in _happening_kinds("مقتل 81 شخصا في الهند")
    assert ("attack", "happening") in _happening_kinds("وتفجير ثان يهز المدينة")
    assert _happening_kinds("إدانة دولية لمقتل عشرات الفلسطينيين") == {("attack", "context")}
    assert _happening_kinds("أمين المنطقة يزور رجال الأمن في حادث تفجير المسجد") == {("attack", "context")}
    assert ("funeral", "step") in _happening_kinds("أمير المنطقة يؤدي الصلاة على شهداء المسجد")
    assert _happening_kinds("الأمير يؤدي صلاة العيد في المسجد الكبير") == frozenset()  # a prayer, no funeral
    assert ("photos", "step") in _happening_kinds("نشر الصور الرسمية لزفاف الأمير")
    assert ("wedding", "context") in _happening_kinds("نشر الصور الرسمية لزفاف الأمير")
    assert _happening_kinds("الفريق يواصل تدريباته استعدادا للموسم") == frozenset()


def _titled(index, title, head, lead=()):
    vector = core._unit({**dict.fromkeys(lead, 1.0), **dict.fromkeys(head, 2.0)})
    return _Doc(index, SimpleNamespace(id=f"t{index:02d}", title=title, title_from="headline", entity_mentions=()),
                "2024-05-08", 738000, "", {}, vector=vector, head=tuple(head))


STORY = ["مسجد", "قوات", "طوارئ", "عسير"]


def test_a_side_step_is_not_the_title_of_the_happening(monkeypatch):
    # The funeral prayer's headline names every word of the story; the report names fewer.
    funeral = _titled(0, "أمير عسير يؤدي الصلاة على شهداء مسجد قوات الطوارئ", STORY + ["شهداء", "امير"])
    reports = [_titled(1, "استشهاد 12 طالبا في مسجد قوات الطوارئ بعسير", STORY[:3] + ["استشهاد"], ["عسير"]),
               _titled(2, "تفجير يستهدف المصلين في عسير", ["تفجير", "عسير"], STORY[:3])]
    assert _cluster_title([funeral] + reports) in {d.record.title for d in reports}
    monkeypatch.setattr(core, "TITLE_STEP", 0.0)
    assert _cluster_title([funeral] + reports) == funeral.record.title


def test_in_a_large_story_the_headline_reporting_the_happening_is_the_title(monkeypatch):
    # Eight articles of one bombing: a visit to the wounded names the bombing as its context
    # and is told most like the others (side steps of their own); the toll reports it.
    visit = _titled(0, "أمين عسير يزور رجال الأمن في حادث تفجير مسجد قوات الطوارئ", STORY + ["تفجير"])
    toll = _titled(1, "استشهاد 15 في حادثة الاعتداء بمسجد قوات الطوارئ في عسير", STORY[:3] + ["استشهاد"], ["تفجير"])
    others = [_titled(2 + i, f"مواطنون يتبرعون بالدم لمصابي مسجد قوات الطوارئ رقم {i}", STORY[:3] + [f"رقم{i}"],
                      ["تفجير", "عسير"]) for i in range(6)]
    docs = [visit, toll] + others
    assert len(docs) >= core.KIND_FROM
    assert _cluster_title(docs) == toll.record.title
    monkeypatch.setattr(core, "TITLE_KIND", 0.0)
    monkeypatch.setattr(core, "TITLE_STEP", 0.0)
    assert _cluster_title(docs) == visit.record.title


WEATHER = [
    record("w1", "هطول أمطار رعدية على جازان وعسير والباحة", "توقعت الأرصاد هطول أمطار رعدية على جازان وعسير والباحة.",
           "2024-03-01", "وكالة أ"),
    record("w2", "أمطار رعدية على جازان وعسير والباحة اليوم", "أمطار رعدية على جازان وعسير والباحة بحسب الأرصاد.",
           "2024-03-01", "صحيفة ب"),
]


def test_two_outlets_weather_outlooks_are_no_story(monkeypatch):
    assert auto(build_events(WEATHER + OTHER, None)) == []
    monkeypatch.setattr(core, "_forecast", lambda d: False)
    assert [sorted(e.article_ids()) for e in auto(build_events(WEATHER + OTHER, None))] == [["w1", "w2"]]


def test_rain_that_kills_names_its_happening_and_stays_a_story():
    floods = [record("f1", "مصرع 5 أشخاص في سيول جازان بعد أمطار رعدية", "لقي 5 أشخاص مصرعهم في سيول جازان.",
                     "2024-03-01", "وكالة أ"),
              record("f2", "مصرع 5 أشخاص في سيول جازان", "لقي خمسة أشخاص مصرعهم في سيول جازان بعد أمطار غزيرة.",
                     "2024-03-01", "صحيفة ب")]
    assert not any(core._forecast(SimpleNamespace(record=r)) for r in floods)
    assert [sorted(e.article_ids()) for e in auto(build_events(floods + OTHER, None))] == [["f1", "f2"]]
