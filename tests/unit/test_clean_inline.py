"""Boilerplate inside kept lines and at the tail (issue 15): each test pins one rule, with
news-like lines of its own; every cut is in ``removed`` with its reason."""

from tests.unit.clean_helpers import clean

HEADLINE = "افتتاح مستشفى جديد في الزرقاء بسعة 200 سرير"
P1 = "أعلنت وزارة الصحة في الأردن، اليوم الأحد، عن افتتاح مستشفى جديد في مدينة الزرقاء بسعة مئتي سرير."
P2 = "وقال وزير الصحة خلال حفل الافتتاح إن المستشفى سيخدم أكثر من نصف مليون مواطن في المحافظة ومحيطها."
P3 = "وأضاف أن الوزارة تعمل على توظيف ثلاثمئة طبيب وممرض خلال الأشهر المقبلة لتشغيل الأقسام كافة."


def body(article):
    return [b.text for b in article.blocks]


def removed(article):
    return [(r.text, r.reason) for r in article.removed]


def test_wire_dateline_opening_the_lead_is_cut(rules):
    a = clean("\n".join([HEADLINE, "عمّان، الأردن (CNN)-- " + P1, P2]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [("عمّان، الأردن (CNN)--", "dateline")]


def test_parenthesised_words_that_are_no_agency_stay(rules):
    lead = "الوزير (السابق) - كما يعرفه الجميع - قال إن المستشفى سيخدم أكثر من نصف مليون مواطن."
    a = clean("\n".join([HEADLINE, lead, P2]), rules)
    assert body(a) == [lead, P2]
    assert removed(a) == []


def test_byline_glued_into_the_lead_is_cut_and_names_the_source(rules):
    a = clean("\n".join([HEADLINE, "خالد العمري - واس - الرياض: " + P1, P2]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [("خالد العمري - واس - الرياض:", "byline_source")]
    assert a.source == "واس"


def test_dash_and_colon_without_a_known_publisher_are_text(rules):
    lead = "وزير الصحة - في كلمته أمام النواب: إن المستشفى سيخدم أكثر من نصف مليون مواطن في المحافظة."
    a = clean("\n".join([HEADLINE, lead, P2]), rules)
    assert body(a) == [lead, P2]


def test_byline_of_several_names_and_a_publisher_is_removed(rules):
    a = clean("\n".join([HEADLINE, "سامر الخطيب – ليلى حسن – واس", P1, P2]), rules)
    assert body(a) == [P1, P2]
    assert ("سامر الخطيب – ليلى حسن – واس", "byline_source") in removed(a)
    assert a.source == "واس"


def test_section_prefix_in_the_headline_is_cut_and_kept_as_section(rules):
    a = clean("\n".join(["اقتصاد / ارتفاع أسعار النفط في الأسواق العالمية", P1, P2]), rules)
    assert a.title == "ارتفاع أسعار النفط في الأسواق العالمية"
    assert a.section == "اقتصاد"
    assert removed(a) == [("اقتصاد /", "section_label")]


def test_slash_in_a_headline_that_names_no_section_stays(rules):
    a = clean("\n".join(["الأردن / سوريا: اتفاق على فتح المعبر الحدودي", P1, P2]), rules)
    assert a.title == "الأردن / سوريا: اتفاق على فتح المعبر الحدودي"


def test_link_to_the_story_glued_to_the_last_paragraph_is_cut(rules):
    a = clean("\n".join([HEADLINE, P1, P2 + " رابط الخبر بصحيفة المدينة: " + HEADLINE]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [("رابط الخبر بصحيفة المدينة: " + HEADLINE, "link_to_story")]


def test_link_to_the_story_as_its_own_line_is_removed(rules):
    a = clean("\n".join([HEADLINE, P1, P2, "رابط الخبر بصحيفة المدينة: " + HEADLINE]), rules)
    assert body(a) == [P1, P2]


def test_app_and_follow_us_footers_at_the_tail_are_promotion(rules):
    promo = ["حمّل تطبيق الصحيفة على هاتفك لتصلك الأخبار العاجلة", "تابعونا على تويتر وفيسبوك"]
    a = clean("\n".join([HEADLINE, P1, P2, *promo]), rules)
    assert body(a) == [P1, P2]
    assert [r for _, r in removed(a)] == ["promo", "promo"]


def test_write_to_the_author_footer_with_sms_codes_is_contact(rules):
    footer = ["للتواصل مع الكاتب أرسل رسالة SMS", "تبدأ بالرمز (51) ثم مسافة ثم نص الرسالة إلى",
              "88591 - Stc", "737221 - Zain"]
    a = clean("\n".join([HEADLINE, P1, P2, *footer]), rules)
    assert body(a) == [P1, P2]
    assert {r for _, r in removed(a)} == {"contact"}


def test_closing_source_credit_is_removed(rules):
    a = clean("\n".join([HEADLINE, P1, P2, "نقلاً عن صحيفة الحياة"]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [("نقلاً عن صحيفة الحياة", "credit")]


def test_quoted_source_in_the_middle_of_the_text_stays(rules):
    middle = "نقلاً عن مصادر مطلعة، قال المسؤول إن المستشفى سيفتتح رسمياً خلال أسبوعين."
    a = clean("\n".join([HEADLINE, P1, middle, P2]), rules)
    assert body(a) == [P1, middle, P2]


def test_run_of_headlines_between_paragraphs_is_a_related_links_box(rules):
    links = ["ارتفاع أسعار الوقود في عمّان للمرة الثالثة هذا العام",
             "مباراة الفيصلي والوحدات تنتهي بالتعادل في الدوري الأردني"]
    a = clean("\n".join([HEADLINE, P1, *links, P2, P3]), rules)
    assert body(a) == [P1, P2, P3]
    assert {r for _, r in removed(a)} == {"related_list"}


def test_verse_introduced_by_a_colon_is_not_a_links_box(rules):
    intro = "وختم الوزير كلمته في حفل الافتتاح ببيتين من الشعر قال فيهما أمام الحضور:"
    verse = ["إذا الشعب يوما أراد الحياة فلا بد", "أن يستجيب القدر ولا بد لليل أن ينجلي"]
    a = clean("\n".join([HEADLINE, P1, intro, *verse, P2, P3]), rules)
    assert body(a) == [P1, intro, *verse, P2, P3]


def test_author_signature_under_an_opinion_piece_is_removed(rules):
    signature = ["د. سامر الخطيب", "أستاذ الاقتصاد في جامعة اليرموك"]
    a = clean("\n".join([HEADLINE, P1, P2, *signature]), rules)
    assert body(a) == [P1, P2]
    assert [r for _, r in removed(a)] == ["author_credit", "author_credit"]


def test_other_stories_ledes_with_their_own_datelines_are_teasers(rules):
    teasers = ["بيروت (رويترز) - قال مسؤول في وزارة المالية اللبنانية إن الحكومة ستقر الموازنة الأسبوع المقبل.",
               "القاهرة (أ ف ب) - أعلنت السلطات المصرية افتتاح طريق جديد يربط العاصمة بمدن القناة."]
    a = clean("\n".join([HEADLINE, "عمّان (بترا) - " + P1, P2, P3, *teasers]), rules)
    assert body(a) == [P1, P2, P3]
    assert [r for t, r in removed(a) if t in teasers] == ["teaser", "teaser"]


def test_image_address_pasted_into_a_paragraph_is_cut(rules):
    url = "http://example.com/files/2015/06/01/photo-4.jpg?itok=6V0QV"
    a = clean("\n".join([HEADLINE, HEADLINE + " " + url + " " + P1, P2]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [(HEADLINE, "duplicate"), (url, "image_url")]


def test_lede_that_opens_with_the_headline_words_is_kept_whole(rules):
    lede = HEADLINE + "، بحسب ما أعلنت وزارة الصحة الأردنية في بيان صدر اليوم الأحد."
    a = clean("\n".join([HEADLINE, lede, P2]), rules)
    assert body(a) == [lede, P2]


def test_photo_credit_closing_a_paragraph_is_cut(rules):
    a = clean("\n".join([HEADLINE, P1 + " (تصوير: خالد العمري)", P2]), rules)
    assert body(a) == [P1, P2]
    assert removed(a) == [("(تصوير: خالد العمري)", "photo_credit")]


def test_parentheses_closing_a_paragraph_that_are_no_credit_stay(rules):
    lead = "وبلغت قيمة الصفقة نحو 850 ألف يورو، أي ما يعادل ثمانية ملايين جنيه مصري (بحسب سعر الصرف)."
    a = clean("\n".join([HEADLINE, lead, P2]), rules)
    assert body(a) == [lead, P2]


def test_a_caption_keeps_its_credit(rules):
    caption = "وزير الصحة خلال افتتاح المستشفى (صورة أرشيفية)"
    a = clean("\n".join([HEADLINE, P1, caption, P2]), rules)
    assert caption in body(a)


def test_glued_junk_is_cut_from_each_of_the_last_long_lines_that_ends_with_it(rules):
    # Lines longer than a rule looks at whole: their tails are folded together, each cut alone.
    long1, long2, long3 = (P1 + " " + P2 + " " + P3, P2 + " " + P3 + " " + P1, P3 + " " + P1 + " " + P2)
    link = "رابط الخبر بصحيفة المدينة: " + HEADLINE
    a = clean("\n".join([HEADLINE, P1, long1, long2 + " " + link, long3 + " " + link]), rules)
    assert body(a) == [P1, long1, long2, long3]
    assert removed(a) == [(link, "link_to_story"), (link, "link_to_story")]
