"""Every date expression in a cleaned article body, with its offsets and its ISO value
resolved against the publication date.

The text is matched in normalised spelling (alef/hamza, ة/ه, ى/ي folded, Arabic-Indic
digits made Western, diacritics and tatweel removed); offsets are mapped back, so a
mention's text is always the words as written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..arabic import normalize_keep_offsets
from ..arabic.text import OFFSET_FILLER
from . import patterns as P
from .hijri import hijri_to_gregorian, latest_hijri_year
from .lexicon import (
    AMBIGUOUS_HIJRI_MONTHS, AMBIGUOUS_MONTHS, CURRENT_MARKERS, FUTURE_CUES, FUTURE_MARKERS,
    HIJRI_MONTHS, MONTHS, NAME_HEADS, NUMBER_WORDS, ORDINAL_DAYS, PAST_MARKERS, PERIOD_UNITS,
    WEEKDAYS,
)
from .model import DateMention, PartialDate, interval, iso_month, iso_year, make_day
from .resolve import Direction, day_month_year, days_from, month_year, months_from, weekday_date, years_from


@dataclass
class _Candidate:
    start: int  # offsets into the normalised, compacted text
    end: int
    value: str | None


class _Text:
    """The body in normalised spelling, without the characters normalisation drops, and
    the way back to offsets in the original."""

    def __init__(self, original: str):
        self.original = original
        norm = normalize_keep_offsets(original)
        if OFFSET_FILLER in norm:
            # compact position of every dropped character, to map offsets back
            self._dropped = [i - k for k, i in enumerate(m.start() for m in re.finditer(OFFSET_FILLER, norm))]
            self.norm = norm.replace(OFFSET_FILLER, "")
        else:
            self._dropped = []
            self.norm = norm

    def to_original(self, pos: int) -> int:
        return pos + bisect.bisect_right(self._dropped, pos) if self._dropped else pos

    def words_before(self, pos: int, count: int) -> list[str]:
        """Up to ``count`` words before ``pos`` in the same sentence, proclitics و/ف dropped."""
        window = self.norm[max(0, pos - 90):pos]
        ends = list(P.SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end():]
        return [_without_conjunction(w) for w in P.WORD.findall(window)[-count:]]

    def words_after(self, pos: int, count: int) -> list[str]:
        window = self.norm[pos:pos + 50]
        end = P.SENTENCE_END.search(window)
        if end:
            window = window[:end.start()]
        return P.WORD.findall(window)[:count]

    def next_word_attached(self, pos: int) -> str | None:
        """The next word when only spaces separate it from ``pos`` (no punctuation)."""
        match = _NEXT_WORD.match(self.norm, pos)
        return match.group(1) if match else None


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_FUTURE_CUES = frozenset(FUTURE_CUES) | {"سوف"}


def _without_conjunction(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _key(words: str) -> str:
    return " ".join(words.split())


def _direction(marker: str | None) -> Direction | None:
    if not marker:
        return None
    marker = _key(marker)
    if marker in PAST_MARKERS:
        return Direction.PAST
    if marker in FUTURE_MARKERS:
        return Direction.FUTURE
    if marker in CURRENT_MARKERS:
        return Direction.CURRENT
    return None


def _future_cue(text: _Text, start: int, end: int) -> bool:
    words = text.words_before(start, 7) + text.words_after(end, 3)
    return any(w in _FUTURE_CUES for w in words)


def _default_direction(text: _Text, start: int, end: int) -> Direction:
    return Direction.NEXT if _future_cue(text, start, end) else Direction.LATEST


def _day_number(raw: str) -> tuple[int | None, bool]:
    """(day, written as an ordinal word)."""
    raw = _key(raw)
    digits = raw.removeprefix("ال").strip()
    if digits.isdigit():
        return int(digits), False
    return ORDINAL_DAYS.get(raw), True


def _names_something(text: _Text, start: int) -> bool:
    """«ثورة 25 يناير», «قوى 14 آذار»: a date used as a name."""
    before = text.words_before(start, 1)
    return bool(before) and before[0] in NAME_HEADS


# Words before an ordinal that make «الأول من شباط» a week or half, not a day.
_NOT_A_DAY_BEFORE_ORDINAL = frozenset({"الاسبوع", "النصف", "الربع", "الثلث", "العشر", "الجزء", "الشطر", "الفصل"})


def _day_month(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    month = MONTHS[_key(m["month"])]
    if m["month2"] and MONTHS[_key(m["month2"])] != month:
        return None
    day, ordinal = _day_number(m["day"])
    if day is None or not 1 <= day <= 31:
        return None
    if ordinal and (not m["of"] or set(text.words_before(m.start("day"), 1)) & _NOT_A_DAY_BEFORE_ORDINAL):
        return None
    last_day = None
    if m["day2"]:
        last_day, _ = _day_number(m["day2"])
        if last_day is None or not day < last_day <= 31:
            return None
    year = int(m["year"]) if m["year"] else None
    if year is None and _names_something(text, m.start()):
        return None
    if year is not None:
        first = make_day(year, month, day)
    else:
        direction = _direction(m["marker"]) or _default_direction(text, m.start(), m.end())
        first = day_month_year(month, day, published, direction)
        if first is None and published is not None:
            return None  # 30 February
        if first is None:
            return _Candidate(m.start(), m.end(), None) if make_day(2024, month, day) else None
    if first is None:
        return None
    value = first.isoformat()
    if last_day is not None:
        last = make_day(first.year, month, last_day)
        if last is None:
            return None
        value = interval(value, last.isoformat())
    return _Candidate(m.start(), m.end(), value)


_MONTH_CONTEXT = frozenset({
    "في", "خلال", "منذ", "حتي", "مطلع", "اوايل", "اواخر", "منتصف", "نهايه", "بدايه", "اواسط",
    "بحلول", "اول", "اخر", "شهر", "شهري",
})
_DAY_BEFORE = re.compile(r"\d\s*(?:من\s+)?(?:شهر\s+)?$")


def _month_alone(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    name = _key(m["month"])
    month = MONTHS[name]
    if m["month2"] and MONTHS[_key(m["month2"])] != month:
        return None
    if _DAY_BEFORE.search(text.norm, max(0, m.start() - 12), m.start()):
        return None  # a day-month expression that was rejected as a whole
    year = int(m["year"]) if m["year"] else None
    if name in AMBIGUOUS_MONTHS and not (m["shahr"] or m["month2"] or m["marker"] or year):
        written = text.original[text.to_original(m.start("month")):][:1]
        before = text.words_before(m.start(), 1)
        if name == "اب" and written != "آ":
            return None
        if name != "اب" and not (name in ("مارس", "نيسان") and before and before[0] in _MONTH_CONTEXT):
            return None
    if year is not None:
        return _Candidate(m.start(), m.end(), iso_month(year, month))
    if _names_something(text, m.start()):
        return None
    direction = _direction(m["marker"]) or _default_direction(text, m.start(), m.end())
    placed = month_year(month, published, direction)
    return _Candidate(m.start(), m.end(), iso_month(*placed) if placed else None)


def _hijri(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    name = _key(m["month"])
    day, ordinal = _day_number(m["day"])
    if day is None or not 1 <= day <= 30 or (ordinal and not m["of"]):
        return None
    if name in AMBIGUOUS_HIJRI_MONTHS and not (m["year"] or m["hijri"]):
        return None
    month = HIJRI_MONTHS[name]
    if m["year"]:
        year = int(m["year"])
    else:
        year = latest_hijri_year(month, day, published, _future_cue(text, m.start(), m.end()))
        if year is None:
            return _Candidate(m.start(), m.end(), None) if published is None else None
    gregorian = hijri_to_gregorian(year, month, day)
    return _Candidate(m.start(), m.end(), gregorian) if gregorian else None


def _numeric(text: _Text, m: re.Match, year_first: bool) -> _Candidate | None:
    if year_first:
        year, month, day = int(m[1]), int(m[3]), int(m[4])
    else:
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    if not 1800 <= year <= 2100:
        return None
    date = make_day(year, month, day)
    return _Candidate(m.start(), m.end(), date.isoformat()) if date else None


# Words after «في 2024» that make 2024 a count: «في 2024 حالة», «قبل 2000 عام».
_COUNTED = frozenset({
    "عام", "عاما", "سنه", "سنوات", "شخص", "شخصا", "حاله", "قتيل", "قتيلا", "دولار", "دولارا",
    "ريال", "ريالا", "جنيه", "جنيها", "درهم", "درهما", "دينار", "دينارا", "يورو", "ليره", "طن",
    "طنا", "متر", "مترا", "كيلو", "كيلومتر", "كلم", "كم", "مليون", "مليار", "الف", "نسمه", "مقعد",
    "مقعدا", "صوت", "صوتا", "طالب", "طالبا", "وحده", "منزل", "مواطن", "مواطنا", "موظف", "موظفا",
    "مرشح", "مرشحا", "جريح", "جريحا", "مصاب", "مصابا", "لاجي", "لاجيا", "اسره", "حالات", "برميل",
})


def _year(text: _Text, m: re.Match) -> _Candidate | None:
    year = int(m["year"])
    end = m.end()
    if P.HIJRI_SUFFIX.match(text.norm, end):
        return None
    strong = _key(m["ctx"]) in P.STRONG_YEAR_CONTEXTS
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
    return _Candidate(m.start() if strong else m.start("year"), end, value)


_RELATIVE_DAY_OFFSETS = {
    "اليوم": 0, "الليله": 0, "الليله الماضيه": -1, "امس": -1, "بالامس": -1, "امس الاول": -2,
    "اول امس": -2, "اول من امس": -2, "غدا": 1, "بعد غد": 2,
}
# «روسيا اليوم», «صحيفة اليوم», «ذلك اليوم», «في نفس اليوم»: not today.
_NOT_TODAY_BEFORE = frozenset({
    "روسيا", "صحيفه", "جريده", "قناه", "موقع", "مصر", "فلسطين", "اخبار", "هذا", "ذلك", "نفس",
    "تلك", "هذه", "لصحيفه", "لجريده", "لموقع", "لقناه", "مجله", "لمجله", "برنامج",
})
_BECAME_BEFORE = frozenset({"قد", "لقد", "فقد", "ما", "بل"})  # «قد غدا» = «has become»
_OPEN_QUOTES, _CLOSE_QUOTES = "«\"“'", "»\"”'"


def _relative_day(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    word = _key(m["word"])
    start = m.start()
    if word == "امس" and start and text.norm[start - 1] in "لب":
        return None  # «لامس» = touched
    before = text.words_before(start, 1)
    if not m["weekday"]:
        after = text.next_word_attached(m.end())
        if after and after.startswith("ال") and after not in WEEKDAYS and word in ("اليوم", "الليله", "غدا"):
            return None  # «اليوم التالي», «اليوم الوطني», «الليلة الأولى», «غدا الوضع»
        if word == "اليوم":
            if before and before[0] in _NOT_TODAY_BEFORE:
                return None
            if start and text.norm[start - 1] in _OPEN_QUOTES and text.norm[m.end():m.end() + 1] in _CLOSE_QUOTES:
                return None
        if word == "غدا" and before and before[0] in _BECAME_BEFORE:
            return None
    value = days_from(published, _RELATIVE_DAY_OFFSETS[word])
    if value is None and published is not None:
        return None  # publication known only to the month: say nothing rather than guess
    return _Candidate(start, m.end(), value.isoformat() if value else None)


# «صلاة الجمعة», «أيام الخميس»: a weekday in general, not a date.
_GENERIC_WEEKDAY_BEFORE = frozenset({"صلاه", "خطبه", "خطيب", "ايام", "كل", "صلاتي", "خطبتي", "صلوات"})
_BOTH_BEFORE = frozenset({"كلا", "هذين", "هاتين", "بين", "مع", "لدي"})  # «كلا الاثنين» = both


_EVERY = frozenset({"اسبوع", "عام", "سنه", "شهر"})


def _generic_weekday(text: _Text, m: re.Match) -> bool:
    """«أيام الاثنين والثلاثاء والأربعاء», «الخميس من كل أسبوع»: days of the week in
    general, not a date."""
    for word in reversed(text.words_before(m.start(), 8)):
        if word in WEEKDAYS or word in ("يوم", "يومي"):
            continue  # an enumeration of days: look at what heads it
        if word in _GENERIC_WEEKDAY_BEFORE:
            return True
        break
    after = text.words_after(m.end(), 5)
    return any(w == "كل" and nxt in _EVERY for w, nxt in zip(after, after[1:])) or "اسبوعيا" in after


def _weekday_alone(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    name = _key(m["weekday"])
    before = text.words_before(m.start(), 1)
    if _generic_weekday(text, m):
        return None
    after = text.next_word_attached(m.end("weekday"))
    if name == "الاحد" and after == "عشر":
        return None  # «الأحد عشر» = eleven
    if name in ("الاثنين", "الاتنين") and ((before and before[0] in _BOTH_BEFORE) or after == "معا"):
        return None
    direction = _direction(m["marker"]) or _default_direction(text, m.start(), m.end())
    value = weekday_date(WEEKDAYS[name], published, direction)
    if value is None and published is not None:
        return None
    return _Candidate(m.start(), m.end(), value.isoformat() if value else None)


def _relative_period(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    if m["this"]:
        offset = 0
    else:
        direction = _direction(m["marker"])
        if direction is None:
            return None
        offset = {Direction.PAST: -1, Direction.FUTURE: 1, Direction.CURRENT: 0}[direction]
    if m["unit"] == "العام":
        before = text.words_before(m.start(), 1)
        if not m["this"] and before and before[0].startswith("ال"):
            return None  # «الأمين العام المقبل»: «العام» = general
    if m["unit"] == "الشهر":
        placed = months_from(published, offset)
        value = iso_month(*placed) if placed else None
    else:
        year = years_from(published, offset)
        value = iso_year(year) if year else None
    if value is None and published is not None:
        return None
    return _Candidate(m.start(), m.end(), value)


_UNIT_WORDS = frozenset(PERIOD_UNITS)
_ANCHORED_AFTER = re.compile(r"\s*\d|\s+(?:من|علي)(?!\w)")  # «منذ عام 2011», «قبل يومين من»


def _period_ago(text: _Text, m: re.Match, published: PartialDate | None) -> _Candidate | None:
    if _ANCHORED_AFTER.match(text.norm, m.end()):
        return None
    before = text.words_before(m.start(), 1)
    if before and before[0] in _UNIT_WORDS:
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
    return _Candidate(m.start(), m.end(), value)


# Family -> (pattern, interpreter, characters to look back, characters to look ahead)
# around the trigger word.
_FAMILY_JOBS = {
    "month": ((P.DAY_MONTH, _day_month, 80, 70), (P.MONTH_ALONE, _month_alone, 10, 70)),
    "hijri": ((P.HIJRI_DATE, _hijri, 30, 40),),
    "weekday": ((P.WEEKDAY_ALONE, _weekday_alone, 10, 30),),
    "relative_day": ((P.RELATIVE_DAY, _relative_day, 12, 30),),
    "relative_period": ((P.RELATIVE_PERIOD, _relative_period, 10, 30),),
    "period_unit": ((P.PERIOD_AGO, _period_ago, 25, 2),),
}
_NUMERIC_SEPARATORS = "/.-"


def _candidates(text: _Text, published: PartialDate | None) -> list[_Candidate]:
    """Try each family's pattern around the words and numbers that can start one."""
    norm = text.norm
    size = len(norm)
    tried: set[tuple[int, int, int]] = set()
    found: list[_Candidate | None] = []

    def run(pattern, interpret, lo, hi, *extra):
        hi = _word_end(norm, min(size, hi))
        for m in pattern.finditer(norm, max(0, lo), hi):
            key = (id(pattern), m.start(), m.end())
            if key not in tried:
                tried.add(key)
                found.append(interpret(text, m, *extra))

    for trigger in P.TRIGGER.finditer(norm):
        start, end = trigger.span()
        if end < size and norm[end].isalnum():
            continue  # the start of a longer word
        family = P.TRIGGER_FAMILIES[_key(trigger.group())]
        for pattern, interpret, back, ahead in _FAMILY_JOBS[family]:
            run(pattern, interpret, start - back, end + ahead, published)
    for digits in P.DIGIT_RUN.finditer(norm):
        start, end = digits.span()
        if end - start == 4:
            run(P.YEAR, _year, start - 20, end + 25)
        if (end < size and norm[end] in _NUMERIC_SEPARATORS) or (start and norm[start - 1] in _NUMERIC_SEPARATORS):
            run(P.NUMERIC_YMD, _numeric, start - 11, end + 11, True)
            run(P.NUMERIC_DMY, _numeric, start - 11, end + 11, False)
    return [c for c in found if c is not None]


def _word_end(norm: str, pos: int) -> int:
    """``pos`` moved to the end of the word it falls in, so a window never cuts a word."""
    match = P.NON_WORD.search(norm, pos)
    return match.start() if match else len(norm)


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, a longer expression winning over the shorter ones in it."""
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def find_date_mentions(text: str, published: PartialDate | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``."""
    body = _Text(text)
    mentions = []
    for cand in _longest_first(_candidates(body, published)):
        start, end = body.to_original(cand.start), body.to_original(cand.end)
        written = text[start:end]
        trimmed = written.rstrip(" \t\n)")
        if trimmed.count("(") > trimmed.count(")") and written.rstrip().endswith(")"):
            trimmed = written.rstrip()  # keep the «)» of «مايو (أيار)»
        end = start + len(trimmed)
        mentions.append(DateMention(text[start:end], cand.value, start, end))
    return mentions
