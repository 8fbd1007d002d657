"""The title of a story of several articles reports the happening itself, not someone's
reaction to it: a speaker's words about the story («X عن «Y»: …», «X لـCNN: …») or a
condemnation, welcome or first comment is one reaction among many."""

from types import SimpleNamespace

import plugins.events.core as core
from plugins.events.core import _REACTION, _SPEAKER, _cluster_title, _Doc, normalize

def _titled(index, title, head, lead=()):
    # A headline reduced to its terms; its lead adds the others, weighted as _weigh does.
    vector = core._unit({**dict.fromkeys(lead, 1.0), **dict.fromkeys(head, 2.0)})
    return _Doc(index, SimpleNamespace(id=f"t{index}", title=title, title_from="headline", entity_mentions=()),
                "2024-05-08", 738000, "", {}, vector=vector, head=tuple(head))


# Two reports of the attack; each shares three of its words with the other and with the
# third headline, whose lead and headline hold every word of the happening.
REPORTS = [_titled(0, "مقتل 40 مدنيا في هجوم كيماوي على دوما", ["مقتل", "مدنيا", "كيماوي", "دوما"]),
           _titled(1, "مقتل 40 مدنيا في هجوم على دوما", ["مقتل", "مدنيا", "هجوم", "دوما"])]


def _reaction(title):
    return _titled(2, title, ["مقتل", "هجوم", "كيماوي", "دوما"], ["مدنيا"])


def test_a_speakers_words_about_the_story_are_not_its_title(monkeypatch):
    speaker = _reaction("وزير الخارجية عن هجوم دوما الكيماوي: مقتل 40 مدنيا جريمة في الغوطة")
    assert _cluster_title(REPORTS + [speaker]) in {d.record.title for d in REPORTS}
    monkeypatch.setattr(core, "TITLE_REACTION", 0.0)
    assert _cluster_title(REPORTS + [speaker]) == speaker.record.title


def test_a_condemnation_is_not_the_title_of_what_it_condemns(monkeypatch):
    condemns = _reaction("الجامعة العربية تدين مقتل 40 مدنيا في هجوم كيماوي على دوما بالغوطة")
    assert _cluster_title(REPORTS + [condemns]) in {d.record.title for d in REPORTS}
    monkeypatch.setattr(core, "TITLE_REACTION", 0.0)
    assert _cluster_title(REPORTS + [condemns]) == condemns.record.title


def test_in_a_story_of_two_a_statement_may_be_the_happening(monkeypatch):
    # Two outlets report one condemnation; the one whose headline names what both say is
    # the title. The rule weighs reactions against reports in larger stories only.
    report = _titled(0, "مقتل 40 مدنيا في دوما", ["مقتل", "مدنيا", "دوما"], ["هجوم", "كيماوي"])
    condemns = _titled(1, "الجامعة العربية تدين مقتل 40 مدنيا في هجوم كيماوي على دوما",
                       ["مقتل", "مدنيا", "هجوم", "كيماوي", "دوما"])
    assert _cluster_title([report, condemns]) == condemns.record.title
    monkeypatch.setattr(core, "REACTION_FROM", 2)
    assert _cluster_title([report, condemns]) == report.record.title


def test_speaker_and_reaction_forms_are_told_from_a_storys_label():
    said = ["خالد بن سلمان عن \"كيماوي دوما\": يجب الوقوف ضد الأسد", "سيناتور لـCNN: مهاجمة منشآت سورية خيار",
            "أوباما عن الانسحاب من \"نووي إيران\": أمريكا بين خيارين"]
    labels = ["قمة ترامب-كيم: ما هي الأطعمة التي ضمتها القائمة؟", "اليمن: التحالف يشن هجوما على الحديدة",
              "الحرب في سوريا: \"عشرات القتلى في هجوم كيماوي\"", "كأس العالم روسيا 2018: مصر أمام أوروغواي"]
    assert all(_SPEAKER.match(normalize(t)) for t in said)
    assert not any(_SPEAKER.match(normalize(t)) for t in labels)
    assert _REACTION.search(normalize("الأزهر يستنكر تفجير المسجد ويصفه بالإرهابي"))
    assert _REACTION.search(normalize("أول تعليق من ترامب بشأن إطلاق سراح القس"))
    # «يعلق» alone also means "suspends": the Pentagon suspending drills is the happening.
    assert not _REACTION.search(normalize("البنتاغون يعلق المزيد من المناورات العسكرية"))


def _score(title):
    doc = _Doc(0, SimpleNamespace(id="t", title=title, title_from="headline"), "2024-05-08", 738000, "", {})
    return core._title_score(doc, 0.5, 20)


def test_a_preview_of_what_may_happen_is_a_poorer_title_than_the_report():
    report = _score("القضاء يأمر الشركة بدفع 4.7 مليار دولار تعويضات")
    assert _score("الشركة قد تدفع 4.7 مليار دولار تعويضات") < report
    assert _score("القمة بين الزعيمين قد تعقد على الحدود") < _score("القمة بين الزعيمين تعقد على الحدود")
    # «قد» inside a quote is what someone said the happening is about, not the headline's guess.
    assert _score('كوريا الشمالية "تزود سوريا بمواد قد تستخدم لإنتاج أسلحة"') \
        == _score('كوريا الشمالية "تزود سوريا بمواد تستخدم لإنتاج أسلحة"')


def test_quotation_marks_do_not_hide_a_headlines_form():
    # A player's hopes before the final, quoted or not, are a preview of it.
    assert _score('محمد صلاح نجم ليفربول "يحلم" بإحراز لقب البطولة') \
        == _score("محمد صلاح نجم ليفربول يحلم بإحراز لقب البطولة") \
        < _score("ريال مدريد يفوز باللقب للمرة 13 في تاريخه")


def test_a_meeting_on_the_eve_or_sidelines_of_the_happening_is_an_aside():
    summit = _score("قمة مجموعة السبع تخفق في التغلب على الخلافات التجارية")
    assert _score("ماكرون يلتقي ترودو في كندا قبيل قمة لمجموعة السبع") < summit
    assert _score("ماكرون يلتقي ترودو على هامش قمة مجموعة السبع") < summit


def _with_places(title, places=()):
    record = SimpleNamespace(id="t", title=title, title_from="headline", people=(),
                             entity_mentions=tuple(SimpleNamespace(id=p, text=p) for p in places))
    return _Doc(0, record, "2024-05-08", 738000, "", {})


def test_anyones_words_are_a_reaction_in_a_large_story_only():
    said = ["ماكرون: الضربات على سوريا تقتصر على قدرات النظام", "وزير دفاع إسرائيل: الضربة استهدفت أغلب بنى إيران",
            "نايف بن ثنيان: العمل الإرهابي في المسجد عمل جبان", "رئيسة وزراء بريطانيا: سنناقش حقوق الإنسان",
            "وزير الخارجية البحريني بعد الصواريخ الإسرائيلية ضد إيران بسوريا: يحق لإسرائيل الدفاع عن نفسها"]
    labels = [("اليمن: التحالف يشن هجوما على الحديدة", ["اليمن"]), ("اختفاء جمال خاشقجي: ترامب يطالب تركيا", []),
              ("قمة ترامب-كيم: ما هي الأطعمة التي ضمتها القائمة؟", []), ("مونديال روسيا: فوز فرنسا على أستراليا", [])]
    assert all(core._speaks(normalize(t), _with_places(t)) for t in said)
    assert not any(core._speaks(normalize(t), _with_places(t, p)) for t, p in labels)
    report = _with_places("الجيش الإسرائيلي يعلن استهداف عشرات المواقع الإيرانية في سوريا")
    minister = _with_places(said[1])
    assert core._title_score(minister, 0.5, core.SPEAKER_FROM) < core._title_score(report, 0.5, core.SPEAKER_FROM)
    # In a smaller story the minister's words may be what the outlets report.
    assert core._title_score(minister, 0.5, core.SPEAKER_FROM - 1) == core._title_score(report, 0.5, core.SPEAKER_FROM - 1)


def test_an_analysts_piece_or_a_guide_to_the_arsenal_is_a_feature():
    report = _score("الجيش الإسرائيلي يعلن استهداف عشرات المواقع الإيرانية في سوريا")
    assert _score("محلل الشؤون العسكرية يوضح أهمية الضربة الإسرائيلية في سوريا") < report
    assert _score("صواريخ وقطع عسكرية من 3 دول.. تعرف على ترسانة ضربة سوريا") < report


def test_a_labels_run_of_days_holds_a_story_its_outlets_follow_for_weeks():
    # «اختفاء جمال خاشقجي:» heads reports every few days for two weeks: a cluster of its
    # second week has the whole run; a competition's name at the final is not the run of
    # its semi-finals three weeks before.
    khashoggi = [100, 105, 107, 108, 111, 112, 112, 115, 116, 118]
    assert core._label_run(khashoggi, 111, 118) == 9
    assert core._label_run(khashoggi, 105, 108) == 9
    cup = [100, 106, 107, 128, 130, 131, 131]
    assert core._label_run(cup, 128, 131) == 4
    assert core._label_run(cup, 110, 120) == 0
