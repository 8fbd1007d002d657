"""Events glue: once every article is read, gather curated events (events.yaml) and
automatic ones (shared dated mentions) and attach their ids to the articles.

Leaves the events in the build state for the pages stage, and ``events`` (ids) on each
article.
"""

import logging

from pelican import signals

from ..readers.data import data_path, load_data_file
from ..report.core import build_state, report_for
from .core import ArticleFacts, build_events, parse_curated

log = logging.getLogger("arshif.events")


def _curated(settings):
    entries, problem = load_data_file(data_path(settings) / "events.yaml")
    events, warnings = parse_curated(entries)
    for message in ([problem] if problem else []) + warnings:
        log.warning("%s", message)
        report_for(settings).warn(message)
    return events


def _events(generator):
    settings = generator.settings
    articles = sorted((a for a in generator.articles if hasattr(a, "date_mentions")), key=lambda a: a.slug)
    facts = [ArticleFacts(a.slug, a.date_value, a.text, a.date_mentions, a.people, a.places,
                          [(m["id"], m["start"], m["end"]) for m in a.entity_mentions]) for a in articles]
    events = build_events(facts, _curated(settings), settings.get("ARSHIF_EVENT_MIN_ARTICLES", 2))
    by_article = {}
    for event in events:
        for ident in event.article_ids():
            by_article.setdefault(ident, []).append(event.id)
    for article in articles:
        article.events = by_article.get(article.slug, [])
    build_state(settings)["events"] = events


def register():
    signals.article_generator_finalized.connect(_events)
