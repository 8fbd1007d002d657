"""Placing incomplete dates («15 أكتوبر المقبل», «الشهر الماضي», «الأربعاء الماضي») on the
calendar, relative to the publication date.

Every function returns None when the publication date is missing or too coarse: a
relative date is left unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from .model import PartialDate, make_day, shift_month


class Direction(Enum):
    """Where a date without a year lies relative to publication."""

    PAST = "past"  # «الماضي»: the occurrence before the publication month / day
    FUTURE = "future"  # «المقبل»: the occurrence after it
    CURRENT = "current"  # «الجاري»: the publication year / week
    LATEST = "latest"  # no marker: the latest occurrence at or before publication
    NEXT = "next"  # no marker but a future cue nearby: the first at or after publication


def day_month_year(month: int, day: int, published: PartialDate | None, direction: Direction) -> dt.date | None:
    """The year of «15 أكتوبر» / «28 كانون الثاني الماضي»."""
    if published is None or published.precision == "year":
        return None
    pub_day = published.day_date()
    if direction in (Direction.PAST, Direction.FUTURE, Direction.CURRENT) or pub_day is None:
        # A marker, or a month-precision publication: the month alone decides the year.
        year, _ = month_year(month, published, direction)
        return make_day(year, month, day)
    pub_year, pub_month = published.year, published.month
    latest_year = pub_year if (month, day) <= (pub_month, pub_day.day) else pub_year - 1
    next_year = pub_year if (month, day) >= (pub_month, pub_day.day) else pub_year + 1
    latest, upcoming = make_day(latest_year, month, day), make_day(next_year, month, day)
    if direction is Direction.LATEST and latest and upcoming and _much_nearer_ahead(
            (upcoming - pub_day).days, (pub_day - latest).days, 100, 265):
        return upcoming
    return latest if direction is Direction.LATEST else upcoming


def _much_nearer_ahead(ahead: int, back: int, near: int, far: int) -> bool:
    """A date without a year that comes soon after publication and is long past otherwise
    («في 18 تموز» in a paper of 17 July) is about the coming one."""
    return ahead <= near and back >= far


def month_year(month: int, published: PartialDate | None, direction: Direction) -> tuple[int, int] | None:
    """The year of «في ديسمبر» / «أيار الماضي» / «أكتوبر المقبل»."""
    if published is None or published.precision == "year":
        return None
    pub_year, pub_month = published.year, published.month
    if direction is Direction.PAST:
        year = pub_year if month < pub_month else pub_year - 1
    elif direction is Direction.FUTURE:
        year = pub_year if month > pub_month else pub_year + 1
    elif direction is Direction.CURRENT:
        # «نوفمبر الجاري» in a January paper: written in November, published later
        year = pub_year if month <= pub_month else pub_year - 1
    elif direction is Direction.LATEST:
        # No «soon ahead» exception here (unlike days): «رُفعت في تشرين الأول» in August is
        # last October far more often than the next one.
        year = pub_year if month <= pub_month else pub_year - 1
    else:
        year = pub_year if month >= pub_month else pub_year + 1
    return year, month


def days_from(published: PartialDate | None, days: int) -> dt.date | None:
    """«أمس» = -1, «غداً» = +1, «قبل ثلاثة أيام» = -3."""
    day = published.day_date() if published else None
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def months_from(published: PartialDate | None, months: int) -> tuple[int, int] | None:
    """«الشهر الماضي» = -1, «منذ ثلاثة أشهر» = -3."""
    if published is None or published.precision == "year":
        return None
    return shift_month(published.year, published.month, months)


def years_from(published: PartialDate | None, years: int) -> int | None:
    """«العام الماضي» = -1, «منذ عامين» = -2."""
    return published.year + years if published else None


def weekday_date(weekday: int, published: PartialDate | None, direction: Direction) -> dt.date | None:
    """The date of «الأربعاء الماضي» / «السبت المقبل» / a bare «الخميس»."""
    day = published.day_date() if published else None
    if day is None:
        return None
    back = (day.weekday() - weekday) % 7  # days back to the latest such weekday (0 = today)
    ahead = (weekday - day.weekday()) % 7
    if direction is Direction.PAST:
        return day - dt.timedelta(days=back or 7)
    if direction is Direction.FUTURE:
        return day + dt.timedelta(days=ahead or 7)
    if direction is Direction.NEXT:
        return day + dt.timedelta(days=ahead)
    return day - dt.timedelta(days=back)
