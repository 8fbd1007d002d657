"""The dates stage's data types and the calendar arithmetic shared by its modules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import record as _record

PRECISIONS = ("year", "month", "day", "minute")


@dataclass(frozen=True)
class PartialDate:
    value: str  # ISO at its precision: "2025", "2025-07", "2025-07-31", "2025-02-12T23:11"
    precision: str  # "year" | "month" | "day" | "minute"

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if self.precision != "year" else None

    def day_date(self) -> dt.date | None:
        """The calendar day, when the precision is day or finer."""
        if self.precision in ("day", "minute"):
            return dt.date.fromisoformat(self.value[:10])
        return None


# A found date: the record's own type (text exactly as written, text[start:end]; value ISO at
# its precision or "start/end", None when it cannot be resolved), so enrich keeps it as it is.
DateMention = _record.DateMention


MIN_YEAR, MAX_YEAR = 1, 2100


def iso_day(day: dt.date) -> str:
    return day.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    return f"{year:04d}"


def make_day(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar day, or None (31 April, year out of range)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def interval(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"
