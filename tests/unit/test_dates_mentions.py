"""Date expressions in body text, resolved against the publication date.

Publication date used throughout unless a test says otherwise: Thursday 14 March 2024."""

import pytest

from plugins.dates.core import find_date_mentions, parse_date_value

THURSDAY_14_MARCH_2024 = parse_date_value("2024-03-14")


def found(text, published="2024-03-14"):
    pub = parse_date_value(published) if published else None
    mentions = find_date_mentions(text, pub)
    for m in mentions:
        assert text[m.start:m.end] == m.text  # offsets always point at the words as written
    return [(m.text, m.value) for m in mentions]


# --- calendar dates -----------------------------------------------------------------


def test_levantine_month_with_day_and_year():
    assert found("وقّع الاتفاق في 5 تشرين الثاني 2023 في بغداد") == [("5 تشرين الثاني 2023", "2023-11-05")]


@pytest.mark.parametrize("name, month", [
    ("يناير", 1), ("كانون الثاني", 1), ("فبراير", 2), ("فبرایر", 2), ("شباط", 2), ("آذار", 3),
    ("إبريل", 4), ("أبريل", 4), ("نيسان", 4), ("مايو", 5), ("أيار", 5), ("يونيو", 6), ("يونيه", 6),
    ("حزيران", 6), ("يوليو", 7), ("يوليه", 7), ("تموز", 7), ("أغسطس", 8), ("اغسطس", 8), ("آب", 8),
    ("سبتمبر", 9), ("أيلول", 9), ("أكتوبر", 10), ("تشرين الأول", 10), ("نوفمبر", 11),
    ("تشرين الثاني", 11), ("ديسمبر", 12), ("كانون الأول", 12),
])
def test_levantine_and_egyptian_month_names_and_spellings(name, month):
    assert found(f"افتتح المعرض في 3 {name} 2022 وسط حضور") == [(f"3 {name} 2022", f"2022-{month:02d}-03")]


@pytest.mark.parametrize("name, month", [
    ("جانفي", 1), ("فيفري", 2), ("مارس", 3), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
])
def test_maghrebi_month_names_with_day_and_year(name, month):
    assert found(f"انطلقت الدورة يوم 9 {name} 2016 بتونس") == [(f"يوم 9 {name} 2016", f"2016-{month:02d}-09")]


def test_arabic_indic_digits_are_read_and_text_kept_as_written():
    assert found("صدر القرار في ١٥ آذار ٢٠٢٣ بعد مشاورات") == [("١٥ آذار ٢٠٢٣", "2023-03-15")]


def test_day_joined_to_month_by_min():
    assert found("افتتح المؤتمر في 12 من أيلول 2021 في عمّان") == [("12 من أيلول 2021", "2021-09-12")]


def test_ordinal_day_words():
    assert found("ولد في الحادي والعشرين من أيار 2019 في حمص") == [("الحادي والعشرين من أيار 2019", "2019-05-21")]
    assert found("بدأ العمل بالقانون في الأول من كانون الثاني 2020") == [("الأول من كانون الثاني 2020", "2020-01-01")]


def test_eleventh_of_september_in_words_is_a_date():
    assert found("بعد هجمات الحادي عشر من سبتمبر 2001 تغير كل شيء") == [("الحادي عشر من سبتمبر 2001", "2001-09-11")]


def test_dual_month_name_with_day_resolves_to_next_occurrence():
    assert found("تعقد القمة في 20 نيسان/أبريل المقبل") == [("20 نيسان/أبريل المقبل", "2024-04-20")]
    assert found("تنتهي المهلة في 2 آذار/مارس المقبل") == [("2 آذار/مارس المقبل", "2025-03-02")]


def test_dual_month_name_in_parentheses_is_one_mention():
    assert found("جرت الانتخابات في 7 مايو (أيار) 2023 بهدوء") == [("7 مايو (أيار) 2023", "2023-05-07")]


def test_month_with_past_marker_resolves_to_previous_occurrence():
    assert found("زار الوفد بيروت في آب/أغسطس الماضي") == [("آب/أغسطس الماضي", "2023-08")]
    assert found("ارتفعت الأسعار في شباط الماضي") == [("شباط الماضي", "2024-02")]
    # the publication month itself is «الجاري», so «آذار الماضي» is last year's March
    assert found("وقع الانفجار في آذار الماضي") == [("آذار الماضي", "2023-03")]


def test_day_month_with_past_marker_before_publication_month():
    assert found("وفي 28 من كانون الأول الماضي أعلنت الحكومة") == [("28 من كانون الأول الماضي", "2023-12-28")]


def test_month_with_current_marker_is_the_publication_month():
    assert found("في 3 آذار الجاري أعلنت الوزارة") == [("3 آذار الجاري", "2024-03-03")]


def test_bare_month_is_latest_occurrence_at_or_before_publication():
    assert found("اعتقل في نوفمبر خلال مداهمة") == [("نوفمبر", "2023-11")]
    assert found("تراجعت المبيعات في مارس بشكل حاد") == [("مارس", "2024-03")]


def test_bare_day_month_is_latest_occurrence_unless_future_cue():
    assert found("أعلن عن الخطة في 20 تموز") == [("20 تموز", "2023-07-20")]
    assert found("المؤتمر المقرر في 20 تموز") == [("20 تموز", "2024-07-20")]


def test_day_month_a_few_days_after_publication_is_the_coming_one():
    assert found("تعقد جلسة الاستماع في 18 آذار") == [("18 آذار", "2024-03-18")]


def test_month_with_relative_year_after_it():
    assert found("انفصلا في أكتوبر من العام الماضي") == [("أكتوبر من العام الماضي", "2023-10")]
    assert found("في 30 حزيران من العام المقبل") == [("30 حزيران من العام المقبل", "2025-06-30")]


def test_month_and_year():
    assert found("بعد انقلاب أيلول/سبتمبر 2022 في البلاد") == [("أيلول/سبتمبر 2022", "2022-09")]
    assert found("منذ مايو 2021 لم يصرف الراتب") == [("مايو 2021", "2021-05")]


def test_weekday_before_a_date_is_part_of_the_mention():
    assert found("أعلن الجيش يوم الثلاثاء 5 كانون الأول 2023 عن") == [("يوم الثلاثاء 5 كانون الأول 2023", "2023-12-05")]


# --- ranges -------------------------------------------------------------------------


def test_two_days_of_one_month_make_an_interval():
    assert found("عقد المؤتمر يومي 3 و4 أيار 2022 في القاهرة") == [("يومي 3 و4 أيار 2022", "2022-05-03/2022-05-04")]


def test_from_to_and_between_ranges():
    assert found("تستمر المعارض من 10 إلى 12 حزيران 2021") == [("من 10 إلى 12 حزيران 2021", "2021-06-10/2021-06-12")]
    assert found("جرت المفاوضات بين 10 و12 مايو الماضي") == [("بين 10 و12 مايو الماضي", "2023-05-10/2023-05-12")]


# --- numeric dates and years --------------------------------------------------------


@pytest.mark.parametrize("written", ["2023/11/05", "2023-11-05", "5-11-2023", "5/11/2023", "05.11.2023", "٢٠٢٣/١١/٠٥"])
def test_numeric_dates_year_first_or_day_first(written):
    assert found(f"تاريخ النشر {written} مساء") == [(written, "2023-11-05")]


def test_impossible_numeric_date_is_ignored():
    assert found("الرقم 31/02/2023 غير صحيح") == []


@pytest.mark.parametrize("text, mention, value", [
    ("تأسست الشركة عام 2019 في دبي", "عام 2019", "2019"),
    ("وفي 2019 تغير كل شيء", "2019", "2019"),
    ("منذ سنة 1990 وهو يعمل", "سنة 1990", "1990"),
    ("بقي في الملاعب حتى العام 2010 قبل أن يعتزل", "العام 2010", "2010"),
    ("ارتفعت الحصة بين عامي 2010 و2021 بشكل كبير", "عامي 2010 و2021", "2010/2021"),
    ("قارنها بمجزرة حماة عام ١٩٨٢ في مقاله", "عام ١٩٨٢", "1982"),
])
def test_year_with_a_word_that_makes_it_a_year(text, mention, value):
    assert found(text) == [(mention, value)]


def test_hijri_year_is_not_a_gregorian_year():
    assert found("في عام 1446 هـ صدر الكتاب") == []


def test_hijri_dates_converted_to_gregorian():
    assert found("وفي 14 رجب 1446 هـ أعلن") == [("14 رجب 1446 هـ", "2025-01-14")]
    assert found("يبدأ الصيام في 1 رمضان 1446هـ رسمياً") == [("1 رمضان 1446هـ", "2025-03-01")]


# --- relative to publication --------------------------------------------------------


def test_today_with_weekday_is_one_mention():
    assert found("أعلنت الوزارة، اليوم الخميس، أن الامتحانات") == [("اليوم الخميس", "2024-03-14")]


def test_today_comma_weekday_and_date_is_one_mention():
    assert found("قال الرئيس اليوم، الخميس 14 من آذار، إن") == [("اليوم، الخميس 14 من آذار", "2024-03-14")]


@pytest.mark.parametrize("text, mention, value", [
    ("وقالت الشرطة اليوم إن", "اليوم", "2024-03-14"),
    ("وصل الوفد حتى اليوم", "اليوم", "2024-03-14"),
    ("وأمس زار الوزير المدينة", "أمس", "2024-03-13"),
    ("وكان قد صرح بالأمس أن", "بالأمس", "2024-03-13"),
    ("وقعت الحادثة أمس الأربعاء في", "أمس الأربعاء", "2024-03-13"),
    ("عاد أول أمس من باريس", "أول أمس", "2024-03-12"),
    ("تبدأ الامتحانات غداً في كل المدارس", "غداً", "2024-03-15"),
    ("تصل البعثة بعد غد إلى", "بعد غد", "2024-03-16"),
    ("يلقي الرئيس خطاباً الليلة", "الليلة", "2024-03-14"),
])
def test_relative_day_words(text, mention, value):
    assert found(text) == [(mention, value)]


@pytest.mark.parametrize("text, mention, value", [
    ("كما التقى الوزير الأربعاء الماضي نظيره", "الأربعاء الماضي", "2024-03-13"),
    ("في مثل هذا اليوم الخميس الماضي", "الخميس الماضي", "2024-03-07"),
    ("تنطلق المباراة السبت المقبل في", "السبت المقبل", "2024-03-16"),
    ("ويعود الخميس المقبل", "الخميس المقبل", "2024-03-21"),
])
def test_weekday_with_past_and_future_markers(text, mention, value):
    assert found(text) == [(mention, value)]


@pytest.mark.parametrize("text, mention, value", [
    ("وأعلنت الحكومة الثلاثاء أن", "الثلاثاء", "2024-03-12"),
    ("قالت الوزارة والخميس صدر", "الخميس", "2024-03-14"),
    ("وقعت الهجمات يوم الأحد في", "يوم الأحد", "2024-03-10"),
])
def test_bare_weekday_is_latest_occurrence_at_or_before_publication(text, mention, value):
    assert found(text) == [(mention, value)]


def test_bare_weekday_with_future_verb_is_next_occurrence():
    assert found("ومن المقرر أن يزور الرئيس الرياض السبت") == [("السبت", "2024-03-16")]


@pytest.mark.parametrize("text, mention, value", [
    ("تراجع التضخم الشهر الماضي", "الشهر الماضي", "2024-02"),
    ("تبدأ الحملة الشهر المقبل", "الشهر المقبل", "2024-04"),
    ("ارتفعت الصادرات العام الماضي", "العام الماضي", "2023"),
    ("تجرى الانتخابات السنة المقبلة", "السنة المقبلة", "2025"),
    ("سيصدر القانون هذا العام", "هذا العام", "2024"),
])
def test_relative_month_and_year(text, mention, value):
    assert found(text) == [(mention, value)]


@pytest.mark.parametrize("text, mention, value", [
    ("وصل قبل ثلاثة أيام إلى", "قبل ثلاثة أيام", "2024-03-11"),
    ("غادر البلاد قبل أسبوع", "قبل أسبوع", "2024-03-07"),
    ("توقف المصنع منذ عامين", "منذ عامين", "2022"),
    ("اعتقل قبل 5 أيام في", "قبل 5 أيام", "2024-03-09"),
    ("بدأت الأزمة منذ ثلاثة أشهر", "منذ ثلاثة أشهر", "2023-12"),
    ("تعلن النتائج بعد يومين", "بعد يومين", "2024-03-16"),
])
def test_periods_before_and_after_publication(text, mention, value):
    assert found(text) == [(mention, value)]


def test_relative_expressions_unresolved_without_publication_date():
    for text in ("وقالت الشرطة اليوم إن", "وأمس زار", "تراجع التضخم الشهر الماضي", "أعلن عن الخطة في 20 تموز",
                 "كما التقى الأربعاء الماضي نظيره", "قبل ثلاثة أيام"):
        values = [value for _, value in found(text, None)]
        assert values == [None], text


def test_absolute_dates_resolve_without_publication_date():
    assert found("تأسست عام 2019 في 3 أيار 2019", None) == [("عام 2019", "2019"), ("3 أيار 2019", "2019-05-03")]


def test_offsets_survive_diacritics_and_tatweel():
    text = "يُعقد الاجتماع غداً في الأوّل من نيسـان 2025"
    assert found(text) == [("غداً", "2024-03-15"), ("الأوّل من نيسـان 2025", "2025-04-01")]


def test_several_mentions_in_order_with_their_offsets():
    text = "أعلن اليوم أن الاتفاق الموقع في 3 أيار 2022 سيجدد العام المقبل"
    mentions = find_date_mentions(text, THURSDAY_14_MARCH_2024)
    assert [(m.start, m.end, m.value) for m in mentions] == [
        (text.index("اليوم"), text.index("اليوم") + 5, "2024-03-14"),
        (text.index("3 أيار"), text.index(" سيجدد"), "2022-05-03"),
        (text.index("العام"), len(text), "2025"),
    ]
