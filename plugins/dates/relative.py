"""Interpreters for dates relative to publication: «اليوم», «أمس الأربعاء», «الخميس»,
«السبت المقبل», «الشهر الماضي», «قبل ثلاثة أيام»."""

from __future__ import annotations

import re

from .lexicon import NUMBER_WORDS, PERIOD_UNITS, WEEKDAYS
from .model import PartialDate, iso_month, iso_year
from .resolve import Direction, days_from, months_from, weekday_date, years_from
from .scan import Candidate, ScannedText, default_direction, direction_of, key, one_of, without_conjunction


_RELATIVE_DAY_OFFSETS = {
    "اليوم": 0, "الليله": 0, "الليله الماضيه": -1, "امس": -1, "بالامس": -1, "امس الاول": -2,
    "اول امس": -2, "اول من امس": -2, "غدا": 1, "بعد غد": 2,
}
# «روسيا اليوم», «صحيفة اليوم», «ذلك اليوم», «في نفس اليوم»: not today.
_NOT_TODAY_BEFORE = frozenset({
    "روسيا", "صحيفه", "جريده", "قناه", "موقع", "مصر", "فلسطين", "اخبار", "هذا", "ذلك", "نفس",
    "تلك", "هذه", "لصحيفه", "لجريده", "لموقع", "لقناه", "مجله", "لمجله", "برنامج",
    "وثيقه", "صوره", "سوال", "رقم", "كلمه", "ضيف", "شخصيه",  # section names: «صورة اليوم»
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
            if start and text.norm[start - 1] in _OPEN_QUOTES and text.norm[m.end():m.end() + 1] in _CLOSE_QUOTES:
                return None
        if word == "غدا" and before and one_of(before[0], _BECAME_BEFORE):
            return None
    value = days_from(published, _RELATIVE_DAY_OFFSETS[word])
    if value is None and published is not None:
        return None  # publication known only to the month: say nothing rather than guess
    return Candidate(start, m.end(), value.isoformat() if value else None)


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
_ANCHORED_AFTER = re.compile(r"\s*\d|\s+(?:فقط\s+)?(?:من|علي)(?!\w)")


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
