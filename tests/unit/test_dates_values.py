"""Publication dates from sidecar values and datelines."""

import datetime as dt

import pytest

from plugins.dates.core import PartialDate, parse_date_value, parse_dateline


@pytest.mark.parametrize("raw, expected", [
    ("2025-07-31", PartialDate("2025-07-31", "day")),
    ("2025-07", PartialDate("2025-07", "month")),
    ("2025", PartialDate("2025", "year")),
    (2025, PartialDate("2025", "year")),
    ("2025-02-12 23:11", PartialDate("2025-02-12T23:11", "minute")),
    ("2025-02-12T23:11:00+03:00", PartialDate("2025-02-12T23:11", "minute")),
    ("2025-02-12T23:11:59Z", PartialDate("2025-02-12T23:11", "minute")),
    (" ٢٠٢٥-٠٧-٣١ ", PartialDate("2025-07-31", "day")),
    (dt.date(2025, 1, 2), PartialDate("2025-01-02", "day")),
    (dt.datetime(2025, 1, 2, 3, 4), PartialDate("2025-01-02T03:04", "minute")),
])
def test_sidecar_values_keep_their_precision(raw, expected):
    assert parse_date_value(raw) == expected


@pytest.mark.parametrize("raw", [
    "2025-13-45", "2025-02-30", "2025-00", "3000", "0000", "yesterday", "", None, True, 3.5, [2025],
    "2025-02-12 25:00",
])
def test_sidecar_garbage_and_impossible_dates_give_none_without_raising(raw):
    assert parse_date_value(raw) is None


@pytest.mark.parametrize("line, expected", [
    ("2025/02/12 • 11:11 م", "2025-02-12T23:11"),
    ("2025/02/12 11:11 م", "2025-02-12T23:11"),
    ("12-02-2025 14:05", "2025-02-12T14:05"),
    ("12:05 ص 2025/02/12", "2025-02-12T00:05"),
    ("نشر في 3 مارس 2024 - 09:30 صباحاً", "2024-03-03T09:30"),
    ("٢٠٢٥/٠٢/١٢ ١١:١١ م", "2025-02-12T23:11"),
])
def test_dateline_with_time_has_minute_precision(line, expected):
    assert parse_dateline(line) == PartialDate(expected, "minute")


@pytest.mark.parametrize("line, expected", [
    ("الأربعاء 12 شباط 2025", "2025-02-12"),
    ("2025-02-12", "2025-02-12"),
    ("السبت، 1 آذار/مارس 2025", "2025-03-01"),
])
def test_dateline_without_time_has_day_precision(line, expected):
    assert parse_dateline(line) == PartialDate(expected, "day")


@pytest.mark.parametrize("line", ["", "الأربعاء 12 شباط", "منذ ساعتين", "سوريا"])
def test_dateline_without_a_full_date_gives_none(line):
    assert parse_dateline(line) is None
