"""Words and numbers that look like dates but are not (publication date 14 March 2024)."""

import pytest

from plugins.dates.core import find_date_mentions, parse_date_value

PUBLISHED = parse_date_value("2024-03-14")


def values(text):
    return [(m.text, m.value) for m in find_date_mentions(text, PUBLISHED)]


@pytest.mark.parametrize("text", [
    "خلال السنوات الماضية تغيرت المنطقة",
    "تصاعد العنف في الأيام الأخيرة",
    "نتطلع إلى لقائه في المستقبل القريب",
    "أكبر قاعدة خارج الاتحاد السوفييتي سابقاً",
    "منذ سنوات طويلة وهو ينتظر",
    "قبل أيام قليلة فقط",
])
def test_vague_time_phrases_are_not_dates(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "ارتفع المؤشر بنسبة 2% خلال التعاملات",
    "شكلت نسبة 90.3% من إجمالي التعاملات",
    "فاز الفريق 2-1 على منافسه",
    "انطلق القطار الساعة 11:11 مساء",
    "قتل 51 شخصاً وأصيب 27",
    "محطة بإستطاعة 100ميغا في المنطقة",
    "للاستفسار اتصلوا بالرقم 0933123456",
    "بلغ سعر الأونصة 2024 دولاراً",
    "تعود الآثار إلى ما بعد 2000 عام من الميلاد",
    "سجلت 1995 إصابة جديدة",
    "انتهت المباراة بنتيجة 3 صفر",
])
def test_counts_prices_percentages_scores_and_times_are_not_dates(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "مارس ضغوطاً كبيرة على الحكومة",  # «مارس» = practised
    "توفي الأب بعد صراع مع المرض",  # «الأب» = the father
    "هو أب لثلاثة أطفال",
    "اشترى سيارة نيسان جديدة",  # the car maker
])
def test_month_names_that_are_common_words_need_date_context(text):
    assert values(text) == []


def test_ambiguous_month_name_counts_with_a_day_or_a_marker():
    assert values("وصل في 3 مارس 2020") == [("3 مارس 2020", "2020-03-03")]
    assert values("منذ آب الماضي") == [("آب الماضي", "2023-08")]


@pytest.mark.parametrize("text", [
    "وفي اليوم التالي عاد إلى منزله",
    "احتفلت البلاد باليوم الوطني",
    "نقلت قناة روسيا اليوم عن مصدر",
    "وفي نفس اليوم وقع انفجار",
    "كتب في صحيفة «اليوم» السعودية",
    "في ذلك اليوم لم يأت أحد",
])
def test_today_word_used_as_day_or_name_is_not_today(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "ازدحم المسجد بعد صلاة الجمعة كالعادة",
    "تفتح المكاتب أيام الاثنين والثلاثاء والأربعاء",
    "يجتمع النادي الخميس من كل أسبوع",
    "وقف كلا الاثنين أمام القاضي",
    "قتل ثلاثة جنود بالإضافة إلى المهاجمين الاثنين",
    "اختار المدرب الأحد عشر لاعباً",
])
def test_weekdays_in_general_are_not_dates(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "انتخب الأمين العام المقبل للحزب",
    "قد غدا الوضع أسوأ من قبل",
    "تحسن الوضع يوماً بعد يوم",
    "أجريت قبل يومين من الانتخابات",
    "أجرى المقابلة قبل ثلاثة أيام فقط من اختفائه",
])
def test_relative_words_in_other_meanings_are_not_dates(text):
    assert values(text) == []


def test_since_a_year_number_is_that_year_not_a_year_ago():
    assert values("منذ عام 2011 تغير كل شيء") == [("عام 2011", "2011")]


@pytest.mark.parametrize("text", [
    "شارك في ثورة 25 يناير في القاهرة",
    "اجتمعت قوى 14 آذار في بيروت",
    "يقع المقر في شارع 26 يوليو",
])
def test_dates_used_as_names_without_a_year_are_not_dates(text):
    assert values(text) == []


def test_ordinal_week_of_a_month_is_the_month_not_a_day():
    assert values("في الأسبوع الأول من شباط وصل") == [("شباط", "2024-02")]
