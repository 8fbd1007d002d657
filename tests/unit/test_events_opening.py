"""A small story is confirmed by the opening of its articles' bodies (``body_opening``,
``_confirmed``): two reports of one happening tell its particulars in their first lines, two
matters of one actor share the actor and little else. The opening is part of the events
projection and depends only on the head of the text, so a paragraph added at the end
changes no projection (the events stage is then skipped on a rebuild)."""

from plugins.events.core import (OPENING_WORDS, _confirmed, _Doc, _opening_vectors, body_opening, build_events,
                                 event_source)
import plugins.events.core as core
from plugins.record import ArticleRecord


def words(prefix, n):
    return " ".join(f"{prefix}{i}كلمة" for i in range(n))


def test_a_paragraph_added_at_the_end_changes_no_opening_and_no_projection():
    text = "فقرة أولى تروي ما جرى " + words("ا", OPENING_WORDS) + "\n\n" + words("ب", 30)
    rec = ArticleRecord(id="a", file="a.txt", format="text", title="عنوان", title_from="headline",
                        lead="فقرة أولى تروي ما جرى", text=text, date="2024-05-10", source="وكالة")
    edited = ArticleRecord(**{**rec.__dict__, "text": text + "\n\nفقرة جديدة أضافها المحرر في آخر المقال."})
    assert body_opening(rec.text) and body_opening(rec.text) == body_opening(edited.text)
    assert event_source(rec) == event_source(edited)
    # the opening is the head of the text: words after OPENING_WORDS are not in it
    assert not any(w.startswith("ب") for w in body_opening(text))


def test_a_short_text_gives_its_first_paragraph_so_an_added_paragraph_changes_nothing():
    text = "حريق في مستودع بالميناء أخمدته فرق الدفاع المدني"
    assert body_opening(text) == body_opening(text + "\n\nفقرة جديدة أضافها المحرر في آخر المقال.")
    assert "مستودع" in body_opening(text)


def doc(index, body, source="وكالة"):
    return _Doc(index, None, "2024-05-10", 738000, source, {}, body=frozenset(body))


def sources_of(docs):
    return {d.index: d.source for d in docs}


def test_a_member_whose_opening_tells_another_matter_leaves_a_small_story(monkeypatch):
    # Two reports of a player's ligament injury and a piece on his hacked account: all three
    # name the player and his club (common words here), only the injury's reports share
    # the particulars. 300 other openings weigh the words.
    others = [doc(i, {f"موضوع{i}", f"مسالة{i}", "لاعب", "نادي"}) for i in range(3, 303)]
    injury = {"لاعب", "نادي", "تمزق", "اربطه", "فحوصات", "سوبر", "اسبوع"}
    docs = [doc(0, injury, "أ"), doc(1, injury | {"علاج"}, "ب"),
            doc(2, {"لاعب", "نادي", "اختراق", "حساب", "تويتر", "قراصنه"}, "ج")] + others
    vectors, sources = _opening_vectors(docs, {0, 1, 2}), sources_of(docs)
    assert _confirmed([0, 1, 2], vectors, sources) == [0, 1]
    assert _confirmed([0, 2], vectors, sources) == []
    monkeypatch.setattr(core, "OPENING_CLOSE", 0.0)
    monkeypatch.setattr(core, "OPENING_REL", 0.0)
    assert _confirmed([0, 1, 2], vectors, sources) == [0, 1, 2]


def test_a_member_far_less_alike_than_the_storys_two_reports_leaves_it(monkeypatch):
    # Two outlets tell a fund's aid to a country alike; a third piece on air strikes in that
    # country shares the country and the enemy (enough to pass OPENING_CLOSE), far less
    # than the two reports share with each other.
    others = [doc(i, {f"موضوع{i}", f"مسالة{i}", f"شان{i}"}) for i in range(3, 303)]
    aid = {"صندوق", "مساعده", "عاجله", "مليار", "تداعيات", "اقتصاديه", "اسعار", "نفط", "دوله", "تنظيم"}
    strikes = {"ضربه", "جويه", "تحالف", "مواقع", "استهدفت", "قياده", "مشتركه", "دوله", "تنظيم", "وحدات",
               "مباني", "مركبات", "عسكريه", "اسلحه", "عتاد"}
    docs = [doc(0, aid, "أ"), doc(1, aid | {"بيان"}, "ب"), doc(2, strikes, "ج")] + others
    vectors, sources = _opening_vectors(docs, {0, 1, 2}), sources_of(docs)
    assert _confirmed([0, 1, 2], vectors, sources) == [0, 1]
    monkeypatch.setattr(core, "OPENING_REL", 0.0)
    assert _confirmed([0, 1, 2], vectors, sources) == [0, 1, 2]
    # two pieces of one source alike in their opening (its boilerplate) set no bar
    monkeypatch.setattr(core, "OPENING_REL", 0.2)
    docs[1].source = "أ"
    assert _confirmed([0, 1, 2], vectors, sources_of(docs)) == [0, 1, 2]


def test_large_stories_and_openings_without_words_are_left_as_they_are():
    docs = [doc(i, {f"خاص{i}"}) for i in range(6)] + [doc(6, set()), doc(7, {"شيء"})]
    vectors, sources = _opening_vectors(docs, set(range(8))), sources_of(docs)
    assert _confirmed([0, 1, 2, 3, 4], vectors, sources) == [0, 1, 2, 3, 4]  # more than OPENING_MAX_SIZE
    assert _confirmed([6, 7], vectors, sources) == [6, 7]                     # nothing to judge by


SOURCES = ("وكالة أ", "صحيفة ب", "قناة ج", "موقع د")


def record(ident, title, lead, body, day, source):
    # the body told three times over: a text longer than OPENING_WORDS words
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", title=title, title_from="headline",
                         lead=lead, text=lead + ("\n\n" + body) * 3, date=f"2024-05-{day:02d}", source=source)


def test_build_two_matters_of_one_actor_are_no_event_while_two_reports_of_one_are(monkeypatch):
    filler = [record(f"f{n}", f"موضوع{n} يتناول مسألة{n} في منطقة{n}", f"تناول موضوع{n} مسألة{n} في منطقة{n} بالتفصيل.",
                     f"وذكر كاتب{n} أن ملف{n} يبقى مفتوحا أمام لجنة{n} حتى اجتماع{n} المقبل.", n % 28 + 1, SOURCES[n % 4])
              for n in range(200)]
    lead = "أعلنت الشركة الوطنية الكبرى"
    results = ("أن أرباحها الصافية ارتفعت بنسبة كبيرة في الربع الثاني بفضل مبيعات المصافي الجديدة وخفض تكاليف "
               "التشغيل في مصانعها الثلاثة وتوسع صادراتها إلى أسواق آسيا وأفريقيا، وأن الإيرادات بلغت مستوى "
               "قياسيا مع ارتفاع أسعار البتروكيماويات وتحسن هوامش التكرير وانخفاض كلفة الشحن البحري، "
               "وتوزيع أرباح نقدية على حملة الأسهم عن النصف الأول.")
    bodies = {
        "a": "وقالت " + results,
        "b": "وأوضحت " + results.replace("بنسبة كبيرة ", ""),
        "c": "وقالت إنها عينت رئيسا تنفيذيا جديدا خلفا للرئيس المستقيل بعد خلاف مع مجلس الإدارة حول خطة "
             "الاندماج مع منافستها الأوروبية وبيع حصة في فرعها للنقل، ويصوت الملاك على التعيين "
             "في جمعية عامة طارئة يدعو إليها المجلس خلال شهرين لمراجعة العقود والتعويضات، ونقل المقر "
             "الرئيسي إلى العاصمة وافتتاح مكاتب إقليمية في مدن ساحلية يديرها فريق مستقل.",
    }
    pair = [record("a", "الشركة الوطنية الكبرى تعلن نتائجها", lead, bodies["a"], 10, SOURCES[0]),
            record("b", "نتائج الشركة الوطنية الكبرى", lead, bodies["b"], 10, SOURCES[1])]
    other = [record("a", "الشركة الوطنية الكبرى تعلن نتائجها", lead, bodies["a"], 10, SOURCES[0]),
             record("c", "نتائج الشركة الوطنية الكبرى", lead, bodies["c"], 10, SOURCES[1])]

    def shown(records):
        return sorted(sorted(e.article_ids()) for e in build_events(records, None).events if not e.curated)

    assert ["a", "b"] in shown(filler + pair)
    assert not any("c" in ids for ids in shown(filler + other))
    monkeypatch.setattr(core, "OPENING_MAX_SIZE", 0)
    assert ["a", "c"] in shown(filler + other)


def test_a_small_storys_member_close_to_no_other_member_leaves_it(monkeypatch):
    # Two reports of an injury (0.64 alike) and a piece on the player's hacked account,
    # loosely alike to both (0.2 short of CLOSE_MIN): the piece leaves, the pair stays.
    edges = {(0, 1): 0.64, (0, 2): 0.15, (1, 2): 0.12}
    assert core._close_members([0, 1, 2], edges) == [0, 1]
    # three matters of one place, none told like another: nothing is left of the story
    assert core._close_members([0, 1, 2], {(0, 1): 0.15, (0, 2): 0.14, (1, 2): 0.17}) == []
    # a member close to one other member is enough (a chain of close reports stays whole)
    assert core._close_members([0, 1, 2, 3], {(0, 1): 0.5, (1, 2): 0.3, (2, 3): 0.25}) == [0, 1, 2, 3]
    # after a member leaves, the rest are judged again among themselves
    assert core._close_members([0, 1, 2], {(0, 2): 0.3, (1, 2): 0.1, (0, 1): 0.05}) == [0, 2]
    monkeypatch.setattr(core, "CLOSE_MIN", 0.1)
    assert core._close_members([0, 1, 2], edges) == [0, 1, 2]


def test_pairs_and_stories_larger_than_close_max_size_are_not_judged_by_closeness():
    assert core._close_members([0, 1], {(0, 1): 0.05}) == [0, 1]
    loose = {(x, y): 0.05 for x in range(core.CLOSE_MAX_SIZE + 1) for y in range(x + 1, core.CLOSE_MAX_SIZE + 1)}
    big = list(range(core.CLOSE_MAX_SIZE + 1))
    assert core._close_members(big, loose) == big


def test_a_headline_that_asks_profiles_or_explains_is_told_from_a_report():
    from types import SimpleNamespace

    def titled(title):
        return _Doc(0, SimpleNamespace(title=title), "2024-05-10", 738000, "وكالة", {})

    for title in ("لماذا تعترف إسرائيل الآن بتدمير المفاعل؟", "هل تنقذ العملة الجديدة اقتصاد فنزويلا",
                  "من هو مستشار الأمن القومي الجديد", "تعرف على تفاصيل البيان المشترك", "القيادي الحوثي في سطور"):
        assert core._explains(titled(title)), title
    for title in ("انهيار جسر للسيارات في جنوى", "فنزويلا تطلق عملة جديدة بعد تضخم قياسي"):
        assert not core._explains(titled(title)), title


def test_a_listicle_an_advice_piece_or_a_glance_explains():
    from types import SimpleNamespace

    def titled(title):
        return _Doc(0, SimpleNamespace(title=title), "2024-05-10", 738000, "وكالة", {})

    # Evergreen pieces: steps, tips, reasons, a glance at a subject, however the number is written.
    for title in ("«هيئة الصحة»: 7 خطوات لحفظ الدواء في الصيف", "خمس نصائح لقيادة آمنة في الضباب",
                  "عشرة أسباب تجعل النوم المبكر مفيدا", "لمحة عن أنظمة التقاعد في أوروبا",
                  "إليك أفضل الأطعمة لموسم الامتحانات", "قبل المباراة.. أهم 6 معلومات عن الملعب الجديد",
                  "إليكم أفضل الطرق لتوفير الكهرباء"):
        assert core._explains(titled(title)), title
    # A number of roads, people or steps taken is a report: the number heads no list there.
    for title in ("إغلاق 5 طرق في المدينة بسبب السيول", "مقتل 5 أشخاص في انهيار مبنى",
                  "الحكومة تعلن 3 خطوات لخفض الأسعار"):
        assert not core._explains(titled(title)), title
