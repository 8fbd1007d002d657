"""Dates glue: publication date (sidecar > dateline > page head > none) and every date
the cleaned text mentions, resolved against it.

Sets: date (a datetime for Pelican's sorting; undated articles get UNDATED), date_value
(ISO at its precision or None), date_precision, date_source, date_mentions.
"""

import logging
from datetime import datetime

from pelican import signals
from pelican.contents import Article

from ..report.core import report_for
from .core import find_date_mentions, parse_date_value, parse_dateline, weekday_conflicts

log = logging.getLogger("arshif.dates")

# Pelican needs a datetime on every article to sort them; undated ones sort last and are
# shown as undated everywhere (date_value is None), never dated by file time.
UNDATED = datetime(1, 1, 1)


def _as_datetime(value: str) -> datetime:
    day = value.split("/")[0]
    if "T" in day:
        return datetime.fromisoformat(day[:16])
    parts = [int(p) for p in day.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2])


def _publication(instance, doc):
    report = report_for(instance.settings)
    if doc.given.get("date") is not None:
        published = parse_date_value(doc.given["date"])
        if published is not None:
            return published, "sidecar"
        message = (f"{doc.file}: sidecar/front-matter date {doc.given['date']!r} is not a valid date "
                   f"(use YYYY-MM-DD, YYYY-MM or YYYY); looking for a date in the text instead")
        log.warning("%s", message)
        report.article_warning(doc.file, message)
    if getattr(instance, "dateline", None):
        published = parse_dateline(instance.dateline)
        if published is not None:
            return published, "text"
    if doc.declared.get("date"):
        published = parse_date_value(doc.declared["date"])
        if published is not None:
            return published, "text"
    return None, "none"


def _dates(instance):
    doc = getattr(instance, "arshif_input", None)
    if not isinstance(instance, Article) or doc is None or not hasattr(instance, "text"):
        return
    published, source = _publication(instance, doc)
    instance.date_value = published.value if published else None
    instance.date_precision = published.precision if published else None
    instance.date_source = source
    instance.date = _as_datetime(published.value) if published else UNDATED
    instance.locale_date = instance.date_value or ""
    mentions = find_date_mentions(instance.text, published)
    instance.date_mentions = [{"text": m.text, "value": m.value, "start": m.start, "end": m.end} for m in mentions]
    for warning in weekday_conflicts(instance.text, mentions):
        message = f"{doc.file}: {warning}"
        log.info("%s", message)
        report_for(instance.settings).check(message)


def register():
    signals.content_object_init.connect(_dates)
