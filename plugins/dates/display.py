"""ISO date values as Arabic readers see them: «31 تموز/يوليو 2025»."""

from __future__ import annotations

# Levantine / Egyptian names together, as Arab news sites print them.
MONTH_NAMES_AR = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
    "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def _parts(value: str) -> tuple[int, int | None, int | None, str | None]:
    date, _, time = value.partition("T")
    pieces = [int(p) for p in date.split("-")]
    year = pieces[0]
    month = pieces[1] if len(pieces) > 1 else None
    day = pieces[2] if len(pieces) > 2 else None
    return year, month, day, time[:5] or None


def _single(value: str) -> str:
    year, month, day, time = _parts(value)
    if month is None:
        return str(year)
    words = f"{MONTH_NAMES_AR[month - 1]} {year}"
    if day is not None:
        words = f"{day} {words}"
    if time:
        words = f"{words}، الساعة {time}"
    return words


def format_date_ar(value: str) -> str:
    """"2025-07-31" -> "31 تموز/يوليو 2025"; "2025-07" -> "تموز/يوليو 2025"; "2025";
    "2025-02-12T23:11" -> "12 شباط/فبراير 2025، الساعة 23:11";
    "2025-02-23/2025-02-24" -> "23–24 شباط/فبراير 2025". Unreadable values come back as given."""
    try:
        if "/" not in value:
            return _single(value)
        first, last = value.split("/", 1)
        y1, m1, d1, _ = _parts(first)
        y2, m2, d2, _ = _parts(last)
        if d1 is not None and d2 is not None and (y1, m1) == (y2, m2):
            return f"{d1}–{d2} {MONTH_NAMES_AR[m1 - 1]} {y1}"
        if m1 is not None and m2 is not None and y1 == y2:
            head = f"{d1} {MONTH_NAMES_AR[m1 - 1]}" if d1 is not None else MONTH_NAMES_AR[m1 - 1]
            return f"{head} – {_single(last)}"
        return f"{_single(first)} – {_single(last)}"
    except (ValueError, IndexError):
        return value
