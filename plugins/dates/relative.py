"""Interpreters for dates relative to publication: «اليوم», «أمس الأربعاء», «الخميس»,
«السبت المقبل», «الشهر الماضي», «قبل ثلاثة أيام»."""

from __future__ import annotations

import datetime as dt
import re

from . import patterns as P
from .lexicon import GIVEN_NAMES, NUMBER_WORDS, PERIOD_UNITS, WEEKDAYS
from .model import PartialDate, interval, iso_month, iso_year, make_day
from .resolve import Direction, days_from, months_from, weekday_date, years_from
from .scan import (
    Candidate, ScannedText, day_number, default_direction, direction_of, key, one_of, without_conjunction,
)


_RELATIVE_DAY_OFFSETS = {
    "اليوم": 0, "الليله": 0, "الليله الماضيه": -1, "امس": -1, "بالامس": -1, "امس الاول": -2,
    "اول امس": -2, "اول من امس": -2, "غدا": 1, "غد": 1, "بعد غد": 2,
}
# How far the weekday named with «أمس»/«اليوم»/«غداً» may move the day counted from the
# publication date: a crawl time or a time zone puts it a few days off, never more.
_WEEKDAY_SLACK_BACK, _WEEKDAY_SLACK_AHEAD = 6, 1


def _named_weekday_day(counted: dt.date, weekday: int) -> dt.date:
    """The day named by «أمس الثلاثاء» when counting from publication gave ``counted``: the
    nearest such weekday, a few days back (a late crawl) or one ahead (a time zone)."""
    back = (counted.weekday() - weekday) % 7
    if back <= _WEEKDAY_SLACK_BACK and (7 - back) % 7 > _WEEKDAY_SLACK_AHEAD:
        return counted - dt.timedelta(days=back)
    return counted + dt.timedelta(days=(7 - back) % 7)


def reanchor(text: ScannedText, published: PartialDate | None) -> PartialDate | None:
    """The day the text itself calls today («اليوم الخميس», «اليوم (الخميس)»), when it
    differs from ``published`` by a few days: relative dates are counted from it. Worked
    out once per text and date (the mentions and the weekday check both ask)."""
    anchors = text.anchors
    if published not in anchors:
        anchors[published] = _reanchor(text, published)
    return anchors[published]


def _reanchor(text: ScannedText, published: PartialDate | None) -> PartialDate | None:
    pub_day = published.day_date() if published else None
    if pub_day is None:
        return published
    norm, pos = text.norm, 0
    while True:
        pos = norm.find("اليوم", pos)  # cheaper than running the pattern over the whole text
        if pos < 0:
            return published
        m = P.RELATIVE_DAY.match(norm, pos)
        pos += 5
        if m is None or key(m["word"]) != "اليوم" or not m["weekday"] or _quoted(text, m):
            continue
        named = _named_weekday_day(pub_day, WEEKDAYS[key(m["weekday"])])
        if named == pub_day:
            return published
        return PartialDate(named.isoformat(), "day")


def _quoted(text: ScannedText, m: re.Match) -> bool:
    """Inside «…» or "…" opened in the same sentence: someone else's today."""
    window = text.norm[max(0, m.start() - 200):m.start()]
    last_open = max(window.rfind(q) for q in "«“")
    last_close = max(window.rfind(q) for q in "»”")
    return last_open > last_close or window.count('"') % 2 == 1
# «روسيا اليوم», «صحيفة اليوم», «ذلك اليوم», «في نفس اليوم»: not today.
_NOT_TODAY_BEFORE = frozenset({
    "روسيا", "صحيفه", "جريده", "قناه", "موقع", "مصر", "فلسطين", "اخبار", "هذا", "ذلك", "نفس",
    "تلك", "هذه", "لصحيفه", "لجريده", "لموقع", "لقناه", "مجله", "لمجله", "برنامج",
    "وثيقه", "صوره", "سوال", "رقم", "كلمه", "ضيف", "شخصيه",  # section names: «صورة اليوم»
    "عين",  # the Saudi site «عين اليوم»
    "مدار", "طوال", "طيله", "مدي",  # «على مدار اليوم»: all day long, any day
})
_BECAME_BEFORE = frozenset({"قد", "لقد", "فقد", "ما", "بل"})  # «قد غدا» = «has become»
_OPEN_QUOTES, _CLOSE_QUOTES = "«\"“'", "»\"”'"


def relative_day(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    word = key(m["word"])
    start = m.start()
    if word == "امس" and start and text.norm[start - 1] in "لب":
        return None  # «لامس» = touched
    before = text.words_before(start, 1)
    if not m["weekday"]:
        after = text.next_word_attached(m.end())
        if after and after.startswith("ال") and after not in WEEKDAYS and word in ("اليوم", "الليله", "غدا"):
            return None  # «اليوم التالي», «اليوم الوطني», «الليلة الأولى», «غدا الوضع»
        if word == "اليوم":
            if before and one_of(before[0], _NOT_TODAY_BEFORE):
                return None
            if start and text.norm[start - 1] in _OPEN_QUOTES + "(" and text.norm[m.end():m.end() + 1] in _CLOSE_QUOTES + ")":
                return None  # «(اليوم)», «"اليوم"»: a paper's name
        if word == "غدا" and before and one_of(before[0], _BECAME_BEFORE):
            return None
    value = days_from(published, _RELATIVE_DAY_OFFSETS[word])
    if value is None and published is not None:
        return None  # publication known only to the month: say nothing rather than guess
    if value is not None and m["weekday"]:
        value = _named_weekday_day(value, WEEKDAYS[key(m["weekday"])])
    return Candidate(start, m.end(), value.isoformat() if value else None)


def night_span(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    """«ليل السبت الأحد»: one night, so one two-day interval (the second day is the next)."""
    first, second = WEEKDAYS[key(m["weekday"])], WEEKDAYS[key(m["weekday2"])]
    if (first + 1) % 7 != second:
        return None
    direction = default_direction(text, m.start(), m.end())
    if direction is Direction.NEXT:
        start = weekday_date(first, published, direction)
    else:
        end = weekday_date(second, published, direction)
        start = end - dt.timedelta(days=1) if end else None
    if start is None:
        return Candidate(m.start(), m.end(), None) if published is None else None
    return Candidate(m.start(), m.end(), interval(start.isoformat(), (start + dt.timedelta(days=1)).isoformat()))


def day_of_month(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    """«21 من الشهر الجاري», «الـ22 من هذا الشهر», «العاشر من الشهر المقبل»."""
    day, ordinal = day_number(m["day"])
    if day is None or not 1 <= day <= 31:
        return None
    offset = 0 if m["this"] else {Direction.PAST: -1, Direction.FUTURE: 1, Direction.CURRENT: 0}.get(
        direction_of(m["marker"]))
    if offset is None:
        return None
    placed = months_from(published, offset)
    if placed is None:
        return Candidate(m.start(), m.end(), None) if published is None else None
    date = make_day(placed[0], placed[1], day)
    return Candidate(m.start(), m.end(), date.isoformat()) if date else None


# «صلاة الجمعة», «أيام الخميس»: a weekday in general, not a date.
_GENERIC_WEEKDAY_BEFORE = frozenset({"صلاه", "خطبه", "خطيب", "ايام", "كل", "صلاتي", "خطبتي", "صلوات"})
_BOTH_BEFORE = frozenset({"كلا", "هذين", "هاتين", "بين", "مع", "لدي"})  # «كلا الاثنين» = both


_EVERY = frozenset({"اسبوع", "عام", "سنه", "شهر"})


def _generic_weekday(text: ScannedText, m: re.Match) -> bool:
    """«أيام الاثنين والثلاثاء والأربعاء», «الخميس من كل أسبوع»: days of the week in
    general, not a date."""
    for word in reversed(text.words_before(m.start(), 8)):
        if one_of(word, WEEKDAYS) or word in ("يوم", "يومي"):
            continue  # an enumeration of days: look at what heads it
        if one_of(word, _GENERIC_WEEKDAY_BEFORE):
            return True
        break
    after = text.words_after(m.end(), 5)
    return any(w == "كل" and nxt in _EVERY for w, nxt in zip(after, after[1:])) or "اسبوعيا" in after


def _is_definite_dual_or_plural(word: str) -> bool:
    """«المهاجمين», «الطرفان»: a noun that «الاثنين» («the two») can follow."""
    word = without_conjunction(word)
    return word.startswith("ال") and len(word) > 5 and word.endswith(("ين", "ان"))


def weekday_alone(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    name = key(m["weekday"])
    before = text.words_before(m.start(), 1)
    if _generic_weekday(text, m):
        return None
    if (before and m.start() == m.start("weekday") and text.norm[m.start() - 1:m.start()] == " "
            and without_conjunction(before[0]) in GIVEN_NAMES):
        return None  # «أحمد الخميس»: a family name
    after = text.next_word_attached(m.end("weekday"))
    if name == "الاحد" and after == "عشر":
        return None  # «الأحد عشر» = eleven
    if name in ("الاثنين", "الاتنين") and (
            (before and (one_of(before[0], _BOTH_BEFORE) or _is_definite_dual_or_plural(before[0])))
            or after == "معا"):
        return None  # «كلا الاثنين», «المهاجمين الاثنين» = the two
    direction = direction_of(m["marker"]) or default_direction(text, m.start(), m.end())
    value = weekday_date(WEEKDAYS[name], published, direction)
    if value is None and published is not None:
        return None
    return Candidate(m.start(), m.end(), value.isoformat() if value else None)


# Nouns that «العام» qualifies as «general»: «الأمين العام المقبل» is a person, not a year.
_GENERAL_NOUNS = frozenset({
    "الامين", "المدعي", "النائب", "المدير", "المفتش", "المراقب", "الراي", "القطاع", "المال", "الامن",
    "الادعاء", "الموتمر", "الاضراب", "العفو", "الاتحاد", "المنسق", "القائد", "المرشد", "الحشد",
    "التعليم", "النظام", "الصالح", "الشان", "المجلس", "المفوض", "الموجه", "المستشار", "الاتجاه",
})


def relative_period(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    if m["this"]:
        offset = 0
    else:
        direction = direction_of(m["marker"])
        if direction is None:
            return None
        offset = {Direction.PAST: -1, Direction.FUTURE: 1, Direction.CURRENT: 0}[direction]
    if m["unit"] == "العام":
        before = text.words_before(m.start(), 1)
        if not m["this"] and before and without_conjunction(before[0]) in _GENERAL_NOUNS:
            return None  # «الأمين العام المقبل»: «العام» = general
    if m["unit"] == "الشهر":
        placed = months_from(published, offset)
        value = iso_month(*placed) if placed else None
    else:
        year = years_from(published, offset)
        value = iso_year(year) if year else None
    if value is None and published is not None:
        return None
    return Candidate(m.start(), m.end(), value)


_UNIT_WORDS = frozenset(PERIOD_UNITS)
# «منذ عام 2011», «قبل يومين من الانتخابات», «قبل ثلاثة أيام فقط من زيارته»
_ANCHORED_AFTER = re.compile(r"\s*\d|\s+(?:(?:واحد|واحده|فقط)\s+){0,2}(?:من|علي)(?!\w)")


def period_ago(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    if _ANCHORED_AFTER.match(text.norm, m.end()):
        return None
    before = text.words_before(m.start(), 1)
    if before and one_of(before[0], _UNIT_WORDS):
        return None  # «يوماً بعد يوم»
    unit, implied = PERIOD_UNITS[m["unit"]]
    if m["number"]:
        count = int(m["number"])
    elif m["number_word"]:
        count = NUMBER_WORDS[m["number_word"]]
    else:
        count = implied
    if not count:
        return None
    sign = 1 if m["direction"] == "بعد" else -1
    if unit in ("day", "week"):
        date = days_from(published, sign * count * (7 if unit == "week" else 1))
        value = date.isoformat() if date else None
    elif unit == "month":
        placed = months_from(published, sign * count)
        value = iso_month(*placed) if placed else None
    else:
        year = years_from(published, sign * count)
        value = iso_year(year) if year and year > 0 else None
    if value is None and published is not None:
        return None
    return Candidate(m.start(), m.end(), value)
