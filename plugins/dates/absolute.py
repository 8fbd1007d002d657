"""Interpreters for dates named on the calendar: «15 أكتوبر المقبل», «في ديسمبر»,
«14 رجب 1446 هـ», «2025/02/12», «عام 2024»."""

from __future__ import annotations

import re

from . import patterns as P
from .hijri import hijri_to_gregorian, latest_hijri_year
from .lexicon import AMBIGUOUS_HIJRI_MONTHS, AMBIGUOUS_MONTHS, HIJRI_MONTHS, MONTHS
from .model import PartialDate, interval, iso_month, iso_year, make_day
from .resolve import day_month_year, month_year
from .scan import (
    Candidate, ScannedText, day_number, default_direction, direction_of, future_cue, key,
    names_something, one_of, relative_year,
)


_NOT_A_DAY_BEFORE_ORDINAL = frozenset({"الاسبوع", "النصف", "الربع", "الثلث", "العشر", "الجزء", "الشطر", "الفصل"})


def day_month(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    month = MONTHS[key(m["month"])]
    if m["month2"] and MONTHS[key(m["month2"])] != month:
        return None
    day, ordinal = day_number(m["day"])
    if day is None or not 1 <= day <= 31:
        return None
    if ordinal and (not m["of"] or any(one_of(w, _NOT_A_DAY_BEFORE_ORDINAL) for w in text.words_before(m.start("day"), 1))):
        return None
    last_day = None
    if m["day2"]:
        last_day, _ = day_number(m["day2"])
        if last_day is None or not day < last_day <= 31:
            return None
    year = int(m["year"]) if m["year"] else relative_year(m["relyear"], published)
    if year is None and m["relyear"]:
        return Candidate(m.start(), m.end(), None) if published is None else None
    if year is None and names_something(text, m.start()):
        return None
    if year is not None:
        first = make_day(year, month, day)
    else:
        direction = direction_of(m["marker"]) or default_direction(text, m.start(), m.end())
        first = day_month_year(month, day, published, direction)
        if first is None and published is not None:
            return None  # 30 February
        if first is None:
            return Candidate(m.start(), m.end(), None) if make_day(2024, month, day) else None
    if first is None:
        return None
    value = first.isoformat()
    if last_day is not None:
        last = make_day(first.year, month, last_day)
        if last is None:
            return None
        value = interval(value, last.isoformat())
    return Candidate(m.start(), m.end(), value)


_MONTH_CONTEXT = frozenset({
    "في", "خلال", "منذ", "حتي", "مطلع", "اوايل", "اواخر", "منتصف", "نهايه", "بدايه", "اواسط",
    "بحلول", "اول", "اخر", "شهر", "شهري",
})
_DAY_BEFORE = re.compile(r"\d\s*(?:من\s+)?(?:شهر\s+)?$")


def month_alone(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    name = key(m["month"])
    month = MONTHS[name]
    if m["month2"] and MONTHS[key(m["month2"])] != month:
        return None
    if _DAY_BEFORE.search(text.norm, max(0, m.start() - 12), m.start()):
        return None  # a day-month expression that was rejected as a whole
    year = int(m["year"]) if m["year"] else relative_year(m["relyear"], published)
    if year is None and m["relyear"]:
        return Candidate(m.start(), m.end(), None) if published is None else None
    if name in AMBIGUOUS_MONTHS and not (m["shahr"] or m["month2"] or m["marker"] or year):
        first = text.to_original(m.start("month"))
        written = text.original[first:first + 1]  # (not [first:][:1]: a copy of the rest each time)
        before = text.words_before(m.start(), 1)
        if name == "اب" and written != "آ":
            return None
        if name != "اب" and not (name in ("مارس", "نيسان") and before and one_of(before[0], _MONTH_CONTEXT)):
            return None
    if year is not None:
        return Candidate(m.start(), m.end(), iso_month(year, month))
    if names_something(text, m.start()):
        return None
    direction = direction_of(m["marker"]) or default_direction(text, m.start(), m.end())
    placed = month_year(month, published, direction)
    return Candidate(m.start(), m.end(), iso_month(*placed) if placed else None)


def hijri_date(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    name = key(m["month"])
    day, ordinal = day_number(m["day"])
    if day is None or not 1 <= day <= 30 or (ordinal and not m["of"]):
        return None
    if name in AMBIGUOUS_HIJRI_MONTHS and not (m["year"] or m["hijri"]):
        return None
    month = HIJRI_MONTHS[name]
    if m["year"]:
        year = int(m["year"])
    else:
        year = latest_hijri_year(month, day, published, future_cue(text, m.start(), m.end()))
        if year is None:
            return Candidate(m.start(), m.end(), None) if published is None else None
    gregorian = hijri_to_gregorian(year, month, day)
    return Candidate(m.start(), m.end(), gregorian) if gregorian else None


def numeric_date(text: ScannedText, m: re.Match, year_first: bool) -> Candidate | None:
    if year_first:
        year, month, day = int(m[1]), int(m[3]), int(m[4])
    else:
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    if not 1800 <= year <= 2100:
        return None
    date = make_day(year, month, day)
    return Candidate(m.start(), m.end(), date.isoformat()) if date else None


# Words after «في 2024» that make 2024 a count: «في 2024 حالة», «قبل 2000 عام».
_COUNTED = frozenset({
    "عام", "عاما", "سنه", "سنوات", "شخص", "شخصا", "حاله", "قتيل", "قتيلا", "دولار", "دولارا",
    "ريال", "ريالا", "جنيه", "جنيها", "درهم", "درهما", "دينار", "دينارا", "يورو", "ليره", "طن",
    "طنا", "متر", "مترا", "كيلو", "كيلومتر", "كلم", "كم", "مليون", "مليار", "الف", "نسمه", "مقعد",
    "مقعدا", "صوت", "صوتا", "طالب", "طالبا", "وحده", "منزل", "مواطن", "مواطنا", "موظف", "موظفا",
    "مرشح", "مرشحا", "جريح", "جريحا", "مصاب", "مصابا", "لاجي", "لاجيا", "اسره", "حالات", "برميل",
})


def year_alone(text: ScannedText, m: re.Match) -> Candidate | None:
    year = int(m["year"])
    end = m.end()
    if P.HIJRI_SUFFIX.match(text.norm, end):
        return None
    strong = key(m["ctx"]) in P.STRONG_YEAR_CONTEXTS
    if not (1000 if strong else 1900) <= year <= 2100:
        return None
    after = text.next_word_attached(end)
    if not strong and after in _COUNTED:
        return None
    value = iso_year(year)
    if m["year2"]:
        last = int(m["year2"])
        if not year < last <= year + 20:
            return None
        value = interval(value, iso_year(last))
    return Candidate(m.start() if strong else m.start("year"), end, value)
