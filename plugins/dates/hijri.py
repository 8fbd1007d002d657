"""Hijri (Umm al-Qura) conversion both ways, through hijridate; its range is
1343–1500 AH (1924-08-01 – 2077-11-16), outside it every function returns None."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

from .model import PartialDate

# Display names, in the usual Arabic spelling.
HIJRI_MONTH_NAMES = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)


def hijri_to_gregorian(year: int, month: int, day: int) -> str | None:
    """«14 رجب 1446» -> "2025-01-14"; None for a day that does not exist or is out of range."""
    try:
        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ValueError, OverflowError):
        return None


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _today(published: PartialDate | None) -> tuple[int, int, int] | None:
    pub_day = published.day_date() if published else None
    return gregorian_to_hijri(pub_day) if pub_day else None


def latest_hijri_year(month: int, day: int, published: PartialDate | None, ahead: bool,
                      strictly: bool = False) -> int | None:
    """The Hijri year of «1 رمضان» without a year: the latest occurrence at or before
    publication, or the first at or after it when the text says it lies ahead. With
    ``strictly`` (a «الماضي» / «المقبل» marker), «at» does not count: the day itself is a year
    away."""
    today = _today(published)
    if today is None:
        return None
    year = today[0]
    if ahead:
        later = (month, day) > today[1:] if strictly else (month, day) >= today[1:]
        return year if later else year + 1
    earlier = (month, day) < today[1:] if strictly else (month, day) <= today[1:]
    return year if earlier else year - 1


def current_hijri_year(published: PartialDate | None) -> int | None:
    """The Hijri year at publication («10 شوال الجاري»)."""
    today = _today(published)
    return today[0] if today else None


def hijri_ar(value: str) -> str | None:
    """"2025-07-31" (or the start of an interval, or a minute value) -> "6 صفر 1447 هـ";
    None for month or year precision, or a day outside hijridate's range."""
    first = value.split("/")[0]
    if len(first) < 10:
        return None
    try:
        day = dt.date.fromisoformat(first[:10])
    except ValueError:
        return None
    hijri = gregorian_to_hijri(day)
    if hijri is None:
        return None
    year, month, mday = hijri
    return f"{mday} {HIJRI_MONTH_NAMES[month - 1]} {year} هـ"
