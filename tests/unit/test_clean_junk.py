"""Junk removal: each test pins one rule of plugins.clean, with news-like lines of its own."""

import pytest

from plugins.clean.core import clean_article, load_rules


from tests.unit.clean_helpers import clean


def body(article):
    return "\n\n".join(b.text for b in article.blocks)


def reasons(article):
    return {r.text: r.reason for r in article.removed}


P1 = "أعلنت وزارة الصحة في الأردن، اليوم الأحد، عن افتتاح مستشفى جديد في مدينة الزرقاء بسعة مئتي سرير."
P2 = "وقال وزير الصحة خلال حفل الافتتاح إن المستشفى سيخدم أكثر من نصف مليون مواطن في المحافظة ومحيطها."
P3 = "وأضاف أن الوزارة تعمل على توظيف ثلاثمئة طبيب وممرض خلال الأشهر المقبلة لتشغيل الأقسام كافة."
P4 = "ويأتي المشروع ضمن خطة حكومية لتوسيع الخدمات الصحية في المحافظات التي تعاني نقصاً في الأسرّة."
HEADLINE = "افتتاح مستشفى جديد في الزرقاء بسعة 200 سرير"


def test_cut_marker_removes_marker_and_everything_after(rules):
    text = "\n".join([HEADLINE, "", P1, P2, "", "مقالات ذات صلة", "", "ارتفاع أسعار الوقود في عمّان",
                      "مباراة الفيصلي والوحدات تنتهي بالتعادل"])
    a = clean(text, rules)
    assert body(a) == P1 + "\n\n" + P2
    r = reasons(a)
    assert r["مقالات ذات صلة"] == "cut_marker"
    assert r["ارتفاع أسعار الوقود في عمّان"] == "after_cut_marker"


def test_cut_marker_matches_spelling_variants(rules):
    for marker in ("آخر الاخبار", "أخر الأخبار:", "اخر الأخبار", "إقرأ المزيد", "اترك تعليقًا"):
        a = clean("\n".join([HEADLINE, P1, P2, marker, "خبر آخر لا علاقة له بالمقال"]), rules)
        assert "خبر آخر" not in body(a), marker


def test_news_ticker_glued_into_one_line_after_cut_marker_goes_with_the_cut(rules):
    ticker = " ".join(["وزير المالية يعلن موازنة العام المقبل"] * 30)
    a = clean("\n".join([HEADLINE, P1, P2, "آخر الأخبار", ticker]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert reasons(a)[ticker] == "after_cut_marker"


def test_cut_marker_before_any_paragraph_does_not_empty_the_article(rules):
    a = clean("\n".join([HEADLINE, "التعليقات", P1, P2]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert reasons(a)["التعليقات"] == "cut_marker"


def test_read_also_mid_article_does_not_truncate(rules):
    ad = "اقرأ أيضاً: انقطاع الكهرباء عن ثلاث محافظات بسبب العاصفة"
    a = clean("\n".join([HEADLINE, P1, ad, P2, P3]), rules)
    assert body(a) == "\n\n".join([P1, P2, P3])
    assert reasons(a)[ad] == "read_more_ad"


@pytest.mark.parametrize("ad", [
    "إقرأ أيضًا: وزير التربية يعلن موعد الامتحانات",
    "اقرأ ايضا وزير التربية يعلن موعد الامتحانات",
    "اقرأ كمان: وزير التربية يعلن موعد الامتحانات",
    "اقرأ: وزير التربية يعلن موعد الامتحانات",
    "للمزيد: وزير التربية يعلن موعد الامتحانات",
    "شاهد.. لحظة انهيار مبنى في وسط المدينة",
])
def test_read_more_ads_are_dropped_in_all_spellings(rules, ad):
    a = clean("\n".join([HEADLINE, P1, ad, P2]), rules)
    assert ad not in body(a)
    assert reasons(a)[ad] == "read_more_ad"


def test_read_also_header_takes_its_link_lines_but_not_the_text_after(rules):
    links = ["كيف تحمي أطفالك من موجة الحر؟", "ارتفاع درجات الحرارة في الخليج"]
    a = clean("\n".join([HEADLINE, P1, "اقرأ أيضاً:", *links, P2, P3]), rules)
    assert body(a) == "\n\n".join([P1, P2, P3])
    assert all(reasons(a)[l] == "related_list" for l in links)


def test_more_from_section_mid_text_does_not_truncate(rules):
    mid = "المزيد من الأسر تعتمد على المساعدات الغذائية في المخيمات الشمالية بحسب تقرير أممي جديد."
    a = clean("\n".join([HEADLINE, P1, mid, P2]), rules)
    assert body(a) == "\n\n".join([P1, mid, P2])


def test_trailing_more_from_and_tag_lines_are_removed(rules):
    a = clean("\n".join([HEADLINE, P1, P2, "الأردن", "المزيد من الأردن"]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert reasons(a) == {"الأردن": "tag_line", "المزيد من الأردن": "tag_line"}


def test_trailing_signature_name_is_kept_and_its_contact_address_removed(rules):
    a = clean("\n".join([HEADLINE, P1, P2, "سامر الخطيب", "samer@example.com"]), rules)
    assert a.blocks[-1].text == "سامر الخطيب"
    assert reasons(a) == {"samer@example.com": "contact"}


def test_back_to_top_comment_form_and_share_widget_are_dropped(rules):
    junk = ["شارك على فيسبوك تويتر واتساب", "أضف تعليقك", "لن يتم نشر عنوان بريدك الإلكتروني.",
            "العودة إلى الأعلى"]
    a = clean("\n".join([HEADLINE, P1, junk[0], P2, *junk[1:]]), rules)
    assert body(a) == P1 + "\n\n" + P2
    r = reasons(a)
    assert r[junk[0]] == "share_widget"
    assert r[junk[1]] == r[junk[2]] == "comment_form"
    assert r[junk[3]] == "back_to_top"


def test_share_buttons_glued_before_the_lead_are_cut_off(rules):
    glued = "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك " + P1
    a = clean("\n".join([HEADLINE, glued, P2]), rules)
    assert a.lead == P1
    assert ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك", "share_widget") in {(r.text, r.reason) for r in a.removed}


def test_trailing_run_of_teasers_ending_in_ellipsis_is_removed(rules):
    teasers = ["تراجعت أسهم شركات التكنولوجيا في بورصة نيويورك خلال تعاملات الأسبوع الماضي بعد…",
               "كشف مصدر في الاتحاد المحلي لكرة القدم عن تفاصيل العرض المقدم لمدرب المنتخب...",
               "أعلنت شركة طيران خليجية عن تخفيضات كبيرة على رحلاتها الصيفية إلى أوروبا…"]
    a = clean("\n".join([HEADLINE, P1, P2, *teasers]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert all(reasons(a)[t] == "teaser" for t in teasers)


def test_ellipsis_inside_a_line_is_text(rules):
    inner = "وقال المتحدث إن «الحوار… هو الطريق الوحيد» لإنهاء الأزمة بين الطرفين في أقرب وقت."
    a = clean("\n".join([HEADLINE, P1, inner, P2]), rules)
    assert inner in body(a)


def test_single_trailing_ellipsis_paragraph_is_kept(rules):
    last = "وبين هذا وذاك يبقى المواطن ينتظر حلاً ينهي معاناته اليومية مع الطوابير والانقطاعات..."
    a = clean("\n".join([HEADLINE, P1, P2, last]), rules)
    assert a.blocks[-1].text == last


def test_heading_left_before_a_cut_marker_is_a_teaser(rules):
    question = "لماذا ترتفع أسعار الذهب في الصيف"
    a = clean("\n".join([HEADLINE, P1, P2, question, "أخبار ذات صلة", "1. الذهب يسجل أعلى مستوى"]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert reasons(a)[question] == "teaser"


def test_related_numbered_list_after_marker_is_removed(rules):
    items = ["1. انخفاض أسعار النفط", "2. البنك المركزي يرفع الفائدة"]
    a = clean("\n".join([HEADLINE, P1, P2, "مقالات متعلقة", *items]), rules)
    assert all(reasons(a)[i] == "after_cut_marker" for i in items)


def test_repeated_caption_keeps_the_first(rules):
    caption = "وزير الصحة خلال افتتاح المستشفى (رويترز)"
    a = clean("\n".join([HEADLINE, caption, "", caption, P1, P2]), rules)
    assert body(a).count(caption) == 1
    assert a.blocks[0].kind == "caption"
    assert [r.reason for r in a.removed] == ["duplicate"]


def test_repeated_paragraph_keeps_the_first(rules):
    a = clean("\n".join([HEADLINE, P1, P2, P3, P1]), rules)
    assert body(a) == "\n\n".join([P1, P2, P3])
    assert a.removed[0].reason == "duplicate" and a.removed[0].line == 5


def test_lines_without_letters_are_removed_as_empty(rules):
    a = clean("\n".join([HEADLINE, P1, "* * *", P2, "----------"]), rules)
    assert body(a) == P1 + "\n\n" + P2
    assert {r.reason for r in a.removed} == {"empty"}


def test_nothing_is_lost_every_line_is_title_body_or_removed(rules):
    lines = [HEADLINE, "", "عمّان - بترا", "• 2024/03/17", P1, "اقرأ أيضاً: خبر آخر عن الطقس", P2,
             "* * *", P3, "مواضيع ذات صلة", "ارتفاع الأسعار في الأسواق"]
    a = clean("\n".join(lines), rules)
    kept = {b.text for b in a.blocks} | {r.text for r in a.removed} | {a.title}
    assert all(l in kept for l in lines if l)
    assert [r.line for r in a.removed] == sorted(r.line for r in a.removed)


def test_article_made_only_of_junk_shapes_keeps_its_text(rules):
    teasers = ["تراجع أسعار الذهب في الأسواق العالمية خلال تعاملات اليوم…",
               "ارتفاع عدد المصابين بالحمى في المدينة إلى عشرين…"]
    a = clean("\n".join(teasers), rules)
    assert a.blocks, "an article is never emptied by cleaning"


def test_curated_input_keeps_every_line(rules):
    raw = [{"text": "اقرأ أيضاً: ملف خاص عن الانتخابات", "kind": "p", "line": None},
           {"text": P1, "kind": "p", "line": None}, {"text": "مقالات ذات صلة", "kind": "p", "line": None}]
    a = clean_article(raw, rules, curated=True)
    assert [b.text for b in a.blocks] == [r["text"] for r in raw]
    assert a.removed == []


def test_only_one_short_line_above_a_cut_marker_is_taken_as_teaser(rules):
    verses = ["يا وطني الحبيب", "سلام عليك"]
    a = clean("\n".join([HEADLINE, P1, P2, *verses, "مقالات ذات صلة"]), rules)
    assert [b.text for b in a.blocks][-1] == verses[0]
    assert reasons(a)[verses[1]] == "teaser"


def test_signature_above_a_site_tag_line_is_kept(tmp_path):
    site = tmp_path / "boilerplate.yaml"
    site.write_text("tail_patterns:\n  tag_line:\n    - '^وسوم( \\S+){1,8}$'\n", encoding="utf-8")
    a = clean("\n".join([HEADLINE, P1, P2, "سامر الخطيب", "وسوم الصحة الأردن"]), load_rules(site))
    assert a.blocks[-1].text == "سامر الخطيب"
    assert reasons(a) == {"وسوم الصحة الأردن": "tag_line"}
