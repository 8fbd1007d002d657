"""Date families of issue 15: nights across two days, forward and backward weekdays, a
month's own «هذا العام», intervals and seasons, days of the current month, the text's own
«today», and words that only look like dates. One sentence of our own per behaviour."""

import pytest

from plugins.dates.core import find_date_mentions, parse_date_value


def found(text, published):
    return [(m.text, m.value) for m in find_date_mentions(text, parse_date_value(published))]


# --- a night spanning two days is one two-day range -----------------------------------------

def test_night_between_two_days_is_one_range():
    text = "واستعادت القوات السيطرة على الموقع ليل السبت الأحد بعد معارك عنيفة."
    assert found(text, "2015-07-27") == [("ليل السبت الأحد", "2015-07-25/2015-07-26")]  # a Monday


def test_midnight_between_two_days_with_a_dash_is_one_range():
    text = "تبدأ الهدنة منتصف ليل الأحد - الاثنين وتستمر خمسة أيام."
    assert found(text, "2015-07-27") == [("منتصف ليل الأحد - الاثنين", "2015-07-26/2015-07-27")]


def test_two_days_that_do_not_follow_each_other_are_no_night():
    text = "وقعت الاشتباكات ليل السبت الثلاثاء الماضي في المدينة."
    assert all("/" not in value for _, value in found(text, "2015-07-27"))


# --- «غد/غداً» + weekday and future verbs point forward, past verbs back ----------------------

def test_tomorrow_with_a_weekday_points_forward():
    text = "تقام المباراة الترتيبية يوم غد السبت في العاصمة."
    assert found(text, "2017-02-03") == [("يوم غد السبت", "2017-02-04")]  # a Friday


def test_tomorrow_named_with_the_next_day_keeps_the_weekday():
    # counted from publication «غداً» is Saturday; the text names Sunday, one day further
    assert found("يصل الوفد غداً الأحد إلى عمّان.", "2017-02-03") == [("غداً الأحد", "2017-02-05")]


def test_future_verb_points_a_bare_weekday_forward():
    assert found("سيزور الرئيس القاهرة الخميس لبحث الملف.", "2024-03-11") == [("الخميس", "2024-03-14")]


def test_past_verb_with_a_bare_weekday_points_back():
    assert found("زار الرئيس القاهرة الخميس وبحث الملف.", "2024-03-11") == [("الخميس", "2024-03-07")]


def test_yesterday_with_a_weekday_follows_the_weekday_when_the_date_is_a_crawl_time():
    # dated Thursday by the crawler; the paper's «yesterday, Tuesday» was two days back
    assert found("وذكرت المجلة أمس الثلاثاء أن الإيرادات ارتفعت.", "2015-08-06") == [
        ("أمس الثلاثاء", "2015-08-04")]


def test_the_texts_own_today_anchors_its_other_relative_dates():
    text = "يختتم الفريق مساء اليوم الجمعة تدريباته، بعد أن تدرب أمس في الملعب نفسه."
    assert found(text, "2015-07-21") == [("اليوم الجمعة", "2015-07-17"), ("أمس", "2015-07-16")]


def test_today_with_the_weekday_in_parentheses_is_one_mention():
    text = "عقد الرئيس اليوم (الاثنين) اجتماعاً مع مستشاريه."
    assert found(text, "2015-08-10") == [("اليوم (الاثنين)", "2015-08-10")]


# --- «هذا العام» belongs to the month before it ----------------------------------------------

def test_this_year_after_a_month_is_that_months_year():
    text = "ارتفعت الأسعار في مارس هذا العام بنسبة كبيرة."
    assert found(text, "2018-05-05") == [("مارس هذا العام", "2018-03")]


def test_this_year_alone_is_still_the_year():
    assert found("وهذه هي المرة الثالثة هذا العام.", "2018-05-05") == [("هذا العام", "2018")]


# --- intervals and seasons --------------------------------------------------------------------

def test_between_two_years_is_an_interval():
    assert found("تضاعف عدد الزوار بين 2012 و2013 في المدينة.", "2015-01-01") == [("بين 2012 و2013", "2012/2013")]


def test_years_far_apart_after_aamay_are_an_interval():
    text = "ترأس الحكومة في الفترة بين عامي 1981 و2003 قبل أن يعتزل."
    assert found(text, "2018-05-09") == [("عامي 1981 و2003", "1981/2003")]


def test_days_in_two_months_joined_by_ila_are_one_interval():
    text = "تضاف المقاعد خلال الفترة من 21 يونيو إلى 13 يوليو لخدمة المسافرين."
    assert found(text, "2015-07-21") == [("من 21 يونيو إلى 13 يوليو", "2015-06-21/2015-07-13")]


@pytest.mark.parametrize("text,value", [
    ("بدأ التصوير في صيف 2014 في المدينة.", "2014-06/2014-08"),
    ("تبدأ الأحداث في صيف العام 1980 في لينينغراد.", "1980-06/1980-08"),
    ("اشتد البرد في شتاء 2015 على المنطقة.", "2014-12/2015-02"),
])
def test_season_with_a_year_is_its_three_months(text, value):
    assert [v for _, v in found(text, "2018-05-13")] == [value]


@pytest.mark.parametrize("published,value", [("2018-10-01", "2018-06/2018-08"), ("2018-03-01", "2017-06/2017-08")])
def test_last_summer_is_the_last_summer_that_is_over(published, value):
    assert found("وضع قيد الإقامة الجبرية منذ الصيف الماضي.", published) == [("الصيف الماضي", value)]


def test_summer_without_a_year_or_marker_is_no_date():
    assert found("تشتد الحرارة في الصيف على السواحل.", "2018-05-13") == []


# --- months and days relative to publication ---------------------------------------------------

def test_last_december_in_a_february_paper_is_the_previous_year():
    assert found("بدأت المحاكمة في ديسمبر الماضي.", "2018-02-10") == [("ديسمبر الماضي", "2017-12")]


def test_current_month_later_than_publication_was_last_year():
    text = "رفضت المحكمة الالتماس في الثامن من تشرين الثاني/ نوفمبر الجاري."
    assert found(text, "2024-01-29") == [("الثامن من تشرين الثاني/ نوفمبر الجاري", "2023-11-08")]


def test_day_of_the_current_month():
    text = "قال في تغريدة سابقة بتاريخ 21 من الشهر الجاري إن الرد سيكون حاسماً."
    assert found(text, "2018-04-29") == [("21 من الشهر الجاري", "2018-04-21")]


def test_hijri_day_of_the_current_month_with_its_weekday_is_one_date():
    text = "تبدأ المقابلات يوم الأحد العاشر من شهر شوال الجاري في المنطقة."
    assert found(text, "2015-07-21") == [("يوم الأحد العاشر من شهر شوال الجاري", "2015-07-26")]


def test_hijri_day_of_next_month_marked_coming_is_ahead():
    text = "تبدأ أولى مراحل الانتخابات في السابع من ذي القعدة المقبل."
    assert found(text, "2015-08-02") == [("السابع من ذي القعدة المقبل", "2015-08-22")]


def test_year_with_the_gregorian_suffix():
    assert found("مقارنة بالربع الأول من 2014م فقط.", "2015-07-21") == [("2014م", "2014")]


# --- not dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وقال أحد السكان لـ(اليوم) إن القصف مستمر.",
    "تصدر المسلسل محركات البحث على مدار اليوم.",
    "وذلك بعد أسبوع واحد من إعلان الحظر على القناة.",
    "عانت المدن من حر صيف أغسطس الحارق.",
    "بعد مرور خمسين عاماً على هزيمة أكتوبر الأولى.",
    "ما دار بين الأمين العام أحمد الخميس ورئيس اللجنة.",
])
def test_words_that_only_look_like_dates(text):
    assert found(text, "2015-07-27") == []
