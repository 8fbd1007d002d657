"""Dates given as metadata: sidecar/front-matter values and the dateline cut from the top
of an article."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..arabic import normalize, to_western_digits
from .model import MAX_YEAR, MIN_YEAR, PartialDate, iso_month, iso_year, make_day

# "2025", "2025-07", "2025-07-31", "2025-07-31 23:11", "2025-07-31T23:11:05+03:00", "2025/7/31"
_ISO_VALUE = re.compile(
    r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})"
    r"(?:[Tt ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_date_value(raw) -> PartialDate | None:
    """A sidecar/front-matter date (string, int year, date or datetime) at its precision;
    None for anything that is not a real date. Never raises."""
    try:
        return _parse_date_value(raw)
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_date_value(raw) -> PartialDate | None:
    if isinstance(raw, dt.datetime):
        return _minute(raw.year, raw.month, raw.day, raw.hour, raw.minute)
    if isinstance(raw, dt.date):
        return _day(raw.year, raw.month, raw.day)
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return PartialDate(iso_year(raw), "year") if MIN_YEAR <= raw <= MAX_YEAR else None
    if not isinstance(raw, str):
        return None
    return _parse_date_text(raw)


@lru_cache(maxsize=4096)
def _parse_date_text(raw: str) -> PartialDate | None:
    # Many articles share a publication day: its value (immutable) is worked out once.
    match = _ISO_VALUE.fullmatch(to_western_digits(raw).strip())
    if not match:
        return None
    year, month, day, hour, minute = (int(g) if g else None for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return PartialDate(iso_year(year), "year")
    if day is None:
        return PartialDate(iso_month(year, month), "month") if 1 <= month <= 12 else None
    if hour is None:
        return _day(year, month, day)
    return _minute(year, month, day, hour, minute)


def _day(year: int, month: int, day: int) -> PartialDate | None:
    date = make_day(year, month, day)
    return PartialDate(date.isoformat(), "day") if date else None


def _minute(year: int, month: int, day: int, hour: int, minute: int) -> PartialDate | None:
    date = make_day(year, month, day)
    if date is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return PartialDate(f"{date.isoformat()}T{hour:02d}:{minute:02d}", "minute")


# --- datelines ----------------------------------------------------------------------

# A clock time with an optional am/pm word (normalised text): «11:11 م», «2:05 مساء»,
# «09:30 صباحا», «11:11 PM».
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2})?(?!\d)"
    r"(?:\s*(?P<ampm>مساء|م|pm|p\.m\.|صباحا|صباح|ص|am|a\.m\.)(?![^\W\d_]))?"
)
_PM = {"مساء", "م", "pm", "p.m."}
_AM = {"صباحا", "صباح", "ص", "am", "a.m."}


def parse_dateline(text: str) -> PartialDate | None:
    """The publication date in a dateline such as «2025/02/12 • 11:11 م», «12-02-2025 14:05»
    or «الأربعاء 12 شباط 2025»; minute precision when a time is given."""
    from .mentions import find_date_mentions  # the dateline's date is a date expression

    norm = normalize(text)
    day = None
    for mention in find_date_mentions(text, None):
        if mention.value and len(mention.value) == 10:
            day = mention.value
            break
    if day is None:
        return None
    time = _TIME.search(_without_dates(norm))
    if time is None:
        return PartialDate(day, "day")
    hour, minute = int(time.group(1)), int(time.group(2))
    ampm = (time.group("ampm") or "").lower()
    if ampm in _PM and hour < 12:
        hour += 12
    elif ampm in _AM and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return PartialDate(day, "day")
    return PartialDate(f"{day}T{hour:02d}:{minute:02d}", "minute")


# Numeric dates, blanked before looking for the time so «2025/02/12» is not read as one.
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def _without_dates(norm: str) -> str:
    return _NUMERIC_DATE.sub(lambda m: " " * len(m.group(0)), norm)
