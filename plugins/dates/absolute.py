"""Interpreters for dates named on the calendar: «15 أكتوبر المقبل», «في ديسمبر»,
«14 رجب 1446 هـ», «2025/02/12», «عام 2024»."""

from __future__ import annotations

import re

from . import patterns as P
from .hijri import current_hijri_year, hijri_to_gregorian, latest_hijri_year
from .lexicon import AMBIGUOUS_HIJRI_MONTHS, AMBIGUOUS_MONTHS, HIJRI_MONTHS, MONTHS
from .model import PartialDate, interval, iso_month, iso_year, make_day, shift_month
from .resolve import Direction, day_month_year, month_year
from .scan import (
    Candidate, ScannedText, day_number, default_direction, direction_of, future_cue, key,
    names_something, one_of, relative_year,
)


def _year_of(m: re.Match, published: PartialDate | None) -> int | None:
    """The year written after a month: «2024», «العام الماضي», «هذا العام» (the month's own
    year, so «مارس هذا العام» is one mention, not a month and a year)."""
    if m["year"]:
        return int(m["year"])
    if m["thisyear"] and not m["relyear"]:
        return published.year if published else None
    return relative_year(m["relyear"], published)


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
    year = _year_of(m, published)
    if year is None and (m["relyear"] or m["thisyear"]):
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
    year = _year_of(m, published)
    if year is None and (m["relyear"] or m["thisyear"]):
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
        direction = direction_of(m["marker"])
        if direction is Direction.CURRENT:
            year = current_hijri_year(published)
        elif direction is Direction.PAST:
            year = latest_hijri_year(month, day, published, False, strictly=True)
        else:
            ahead = direction is Direction.FUTURE or future_cue(text, m.start(), m.end())
            year = latest_hijri_year(month, day, published, ahead, strictly=direction is Direction.FUTURE)
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
    between = key(m["ctx"]) == "بين"
    if between and not m["year2"]:
        return None  # «بين 2000 و…»: a count more often than a year
    if m["year2"]:
        last = int(m["year2"])
        if not year < last <= year + (60 if between or key(m["ctx"]) == "عامي" else 20):
            return None
        value = interval(value, iso_year(last))
    return Candidate(m.start() if strong or between else m.start("year"), end, value)


_YEAR_BEFORE = re.compile(r"(?<![\d.,])(\d{4})\s*[-–/]?\s*$")


def year_ad(text: ScannedText, m: re.Match) -> Candidate | None:
    """«2014م»: a year, said so by its suffix; «2015 – 2020م»: the years between."""
    year = int(m["year"])
    if not 1000 <= year <= 2100:
        return None
    before = _YEAR_BEFORE.search(text.norm, max(0, m.start() - 12), m.start())
    if before and int(before[1]) < year <= int(before[1]) + 60:
        return Candidate(before.start(1), m.end(), interval(iso_year(int(before[1])), iso_year(year)))
    return Candidate(m.start(), m.end(), iso_year(year))


# Meteorological seasons: the first month of each; winter starts in December of the year before.
_SEASON_MONTHS = 3


def season(text: ScannedText, m: re.Match, published: PartialDate | None) -> Candidate | None:
    """«صيف 2014» = 2014-06/2014-08; «شتاء 2015» = 2014-12/2015-02; «الصيف الماضي»,
    «هذا الصيف» relative to publication. A bare «الصيف» is a season in general."""
    first_month = P.SEASONS[key(m["season"])]
    if m["year"]:
        year = int(m["year"])
        if not 1000 <= year <= 2100:
            return None
        if first_month == 12:
            year -= 1
    elif m["this"] or m["marker"]:
        if published is None or published.precision == "year":
            return Candidate(m.start(), m.end(), None) if published is None else None
        direction = Direction.CURRENT if m["this"] else direction_of(m["marker"])
        if direction is None:
            return None
        first = published.year * 12 + first_month - 1   # this calendar year's season
        pub = published.year * 12 + published.month - 1
        if direction is Direction.CURRENT:
            start = first - 12 if first_month == 12 and published.month < 3 else first
        elif direction is Direction.PAST:
            start = first
            while start + _SEASON_MONTHS > pub:  # the last one that is over
                start -= 12
        else:
            start = first
            while start <= pub:  # the next one to begin
                start += 12
        year, first_month = start // 12, start % 12 + 1
    else:
        return None
    last_year, last_month = shift_month(year, first_month, _SEASON_MONTHS - 1)
    return Candidate(m.start(), m.end(), interval(iso_month(year, first_month), iso_month(last_year, last_month)))
