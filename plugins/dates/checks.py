"""Consistency checks a curator wants to hear about: a weekday word that contradicts the
date it names («اليوم الخميس» in an article dated a Tuesday)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..arabic import normalize
from .lexicon import WEEKDAYS
from .model import DateMention, PartialDate
from .patterns import WEEKDAY
from .relative import reanchor
from .scan import ScannedText

_WEEKDAY_WORD = re.compile(rf"(?<!\w)(?:[وف]?[بل]?)({WEEKDAY})(?!\w)")
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=4096)  # the same few mention texts («أمس الخميس») come back article after article
def _named_weekday(written: str) -> int | None:
    """The weekday a mention's words name, if any."""
    named = _WEEKDAY_WORD.search(normalize(written))
    return WEEKDAYS[named.group(1)] if named else None


def weekday_conflicts(text: str, mentions: list[DateMention], published: PartialDate | None = None) -> list[str]:
    """One warning per mention whose weekday word is not the weekday of its value, and (with
    ``published``) one when the text's own «اليوم الخميس» is another day than publication:
    relative dates were then counted from the text's day."""
    warnings = []
    pub_day = published.day_date() if published else None
    anchor = reanchor(ScannedText.of(text), published) if pub_day else None
    if anchor is not None and anchor.day_date() != pub_day:
        day = anchor.day_date()
        warnings.append(
            f"the text calls {day.isoformat()} (a {WEEKDAY_NAMES_EN[day.weekday()]}) today, but the "
            f"publication date is {pub_day.isoformat()}, a {WEEKDAY_NAMES_EN[pub_day.weekday()]}: "
            f"relative dates were counted from the text's day; check the publication date or the text")
    for mention in mentions:
        if not mention.value:
            continue
        first = mention.value.split("/")[0]
        if len(first) < 10:
            continue
        weekday = _named_weekday(mention.text)
        if weekday is None:
            continue
        actual = dt.date.fromisoformat(first[:10]).weekday()
        if weekday != actual:
            warnings.append(
                f"«{mention.text}» (characters {mention.start}–{mention.end}) names a "
                f"{WEEKDAY_NAMES_EN[weekday]}, but it resolves to {first[:10]}, a "
                f"{WEEKDAY_NAMES_EN[actual]}: check the publication date or the text"
            )
    return warnings
