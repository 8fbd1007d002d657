"""Dates shown to readers, and the weekday check reported to curators."""

import pytest

from plugins.arabic import normalize
from plugins.dates import lexicon
from plugins.dates.core import DateMention, find_date_mentions, format_date_ar, hijri_ar, parse_date_value, weekday_conflicts


@pytest.mark.parametrize("value, shown", [
    ("2024-03-14", "14 آذار/مارس 2024"),
    ("2024-03", "آذار/مارس 2024"),
    ("2024", "2024"),
    ("2024-03-14T09:05", "14 آذار/مارس 2024، الساعة 09:05"),
    ("2022-05-03/2022-05-04", "3–4 أيار/مايو 2022"),
    ("2024-02-28/2024-03-02", "28 شباط/فبراير – 2 آذار/مارس 2024"),
    ("2010/2021", "2010 – 2021"),
])
def test_format_date_ar_at_each_precision(value, shown):
    assert format_date_ar(value) == shown


def test_format_date_ar_returns_unreadable_values_unchanged():
    assert format_date_ar("garbage") == "garbage"


@pytest.mark.parametrize("value, shown", [
    ("2025-03-01", "1 رمضان 1446 هـ"),
    ("2025-01-14", "14 رجب 1446 هـ"),
    ("2025-01-14/2025-01-15", "14 رجب 1446 هـ"),
    ("2025-03-01T10:00", "1 رمضان 1446 هـ"),
])
def test_hijri_ar_for_day_precision(value, shown):
    assert hijri_ar(value) == shown


@pytest.mark.parametrize("value", ["2025-03", "2025", "1900-01-01", "2090-01-01"])
def test_hijri_ar_none_for_coarse_or_out_of_range_values(value):
    assert hijri_ar(value) is None


def test_weekday_that_contradicts_the_publication_date_is_reported():
    text = "أعلنت الوزارة، اليوم الخميس، أن"
    published = parse_date_value("2024-03-12")  # a Tuesday
    mentions = find_date_mentions(text, published)
    warnings = weekday_conflicts(text, mentions, published)
    assert len(warnings) == 1
    assert "2024-03-07 (a Thursday)" in warnings[0] and "2024-03-12, a Tuesday" in warnings[0]


def test_weekday_that_matches_its_date_is_not_reported():
    text = "وقعت الحادثة أمس الأربعاء، وفي الأحد 10 آذار 2024 أيضاً"
    mentions = find_date_mentions(text, parse_date_value("2024-03-14"))
    assert weekday_conflicts(text, mentions) == []


def test_weekday_in_an_explicit_date_is_checked():
    mentions = [DateMention("الجمعة 10 آذار 2024", "2024-03-10", 0, 19)]
    assert len(weekday_conflicts("الجمعة 10 آذار 2024", mentions)) == 1


def test_every_vocabulary_entry_is_in_normalised_spelling():
    vocabularies = [lexicon.MONTHS, lexicon.HIJRI_MONTHS, lexicon.WEEKDAYS, lexicon.ORDINAL_DAYS,
                    lexicon.NUMBER_WORDS, lexicon.PERIOD_UNITS, lexicon.PAST_MARKERS, lexicon.FUTURE_MARKERS,
                    lexicon.CURRENT_MARKERS, lexicon.FUTURE_CUES, lexicon.NAME_HEADS]
    wrong = [w for vocabulary in vocabularies for w in vocabulary if normalize(w) != w]
    assert wrong == []
