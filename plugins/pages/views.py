"""Pure views: records (and the events, gazetteer and sources) in, page contexts out.

``build_archive`` gathers what every page needs once; each ``*_view`` function returns the
context of one page kind as a plain dict, so a test can check a page's data without Pelican.
The writer (``writer.py``) renders these contexts with the theme's templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..arabic import sort_key
from ..events.core import Event
from ..record import KIND_FIELDS, ArticleRecord
from .body import body_html, sanitize_body
from .core import EntityPage, Source, SourceCatalog, entity_pages, entity_url, group_by_year_month, newest_first

KIND_WORDS = {  # the site's words for each kind: (plural heading, template)
    "person": ("الأشخاص", "person"),
    "place": ("الأماكن", "place"),
    "organisation": ("المنظمات", "organisation"),
}
HOME_LATEST = 12
HOME_EVENTS = 8
HOME_PEOPLE = 12


@dataclass
class ArticleCard:
    """What a list item shows of an article."""
    id: str
    url: str
    title: str
    date: str | None
    lead: str | None
    source: Source | None


@dataclass
class Archive:
    """Everything the pages are made from, computed once per build."""
    records: list[ArticleRecord]                 # built records, in id order
    events: list[Event]
    gazetteer: object
    sources: SourceCatalog
    cards: dict[str, ArticleCard] = field(default_factory=dict)
    source_of: dict[str, str | None] = field(default_factory=dict)     # article id -> source id
    by_source: dict[str, list[ArticleRecord]] = field(default_factory=dict)
    article_events: dict[str, list[str]] = field(default_factory=dict)  # article id -> event ids
    events_by_id: dict[str, Event] = field(default_factory=dict)
    pages: dict[str, EntityPage] = field(default_factory=dict)          # entity id -> its page

    def counts(self) -> dict[str, int]:
        kinds = {kind: 0 for kind in KIND_WORDS}
        for page in self.pages.values():
            if page.appearances:
                kinds[page.entity.kind] += 1
        return {"articles": len(self.records), "events": len(self.events), "people": kinds["person"],
                "places": kinds["place"], "organisations": kinds["organisation"]}


def build_archive(records: list[ArticleRecord], events: list[Event], article_events: dict[str, list[str]],
                  gazetteer, sources: SourceCatalog) -> Archive:
    records = sorted((r for r in records if r.built), key=lambda r: r.id)
    archive = Archive(records, events, gazetteer, sources, article_events=article_events,
                      events_by_id={e.id: e for e in events})
    for record in records:
        source_id = sources.resolve(record.source)
        archive.source_of[record.id] = source_id
        if source_id:
            archive.by_source.setdefault(source_id, []).append(record)
        archive.cards[record.id] = ArticleCard(record.id, record.url, record.title, record.date, record.lead,
                                               sources.sources.get(source_id) if source_id else None)
    archive.pages = entity_pages(gazetteer, records, events)
    return archive


# --- one function per page kind -----------------------------------------------------------------

def article_view(archive: Archive, record: ArticleRecord, offline: bool) -> dict:
    index_file = "index.html" if offline else ""
    entities = archive.gazetteer.entities
    urls = {ident: "../../" + entity_url(entities[ident].kind, ident) + index_file
            for key in KIND_FIELDS for ident in getattr(record, key) if ident in entities}
    body = sanitize_body(body_html(
        [{"kind": b.kind, "text": b.text} for b in record.blocks],
        [{"id": m.id, "kind": m.kind, "start": m.start, "end": m.end} for m in record.entity_mentions],
        [{"value": m.value, "start": m.start, "end": m.end} for m in record.date_mentions], urls))
    return {
        "article": record, "body_html": body, "card": archive.cards[record.id],
        "people": [entities[i] for i in record.people if i in entities],
        "places": [entities[i] for i in record.places if i in entities],
        "organisations": [entities[i] for i in record.organisations if i in entities],
        "events": [archive.events_by_id[i] for i in archive.article_events.get(record.id, [])
                   if i in archive.events_by_id],
    }


def home_view(archive: Archive) -> dict:
    dated = [archive.cards[r.id] for r in newest_first(archive.records) if r.date]
    people = sorted((p for p in archive.pages.values() if p.entity.kind == "person" and p.appearances),
                    key=lambda p: (-len(p.appearances), sort_key(p.entity.name), p.entity.id))
    return {"latest": dated[:HOME_LATEST], "counts": archive.counts(),
            "recent_events": sorted(archive.events, key=lambda e: (e.start, e.id), reverse=True)[:HOME_EVENTS],
            "top_people": people[:HOME_PEOPLE]}


def articles_view(archive: Archive) -> dict:
    ordered = newest_first(archive.records)
    return {"dated": [archive.cards[r.id] for r in ordered if r.date],
            "undated": [archive.cards[r.id] for r in ordered if not r.date]}


def entity_index_view(archive: Archive, kind: str) -> dict:
    plural, _ = KIND_WORDS[kind]
    pages = sorted((p for p in archive.pages.values() if p.entity.kind == kind),
                   key=lambda p: (sort_key(p.entity.name), p.entity.id))
    return {"kind": kind, "kind_plural": plural, "entity_pages": pages}


def entity_page_views(archive: Archive, page: EntityPage, size: int, chart: str):
    """(save_as folder URL, context) for each numbered page of one entity."""
    size = max(1, size)
    chunks = [page.appearances[i:i + size] for i in range(0, len(page.appearances), size)] or [[]]
    numbered = [page.url] + [f"{page.url}{n}/" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, 1):
        yield numbered[number - 1], {
            "page": page, "entity": page.entity, "chart": chart if number == 1 else "", "cards": archive.cards,
            "appearances": chunk, "page_number": number, "page_urls": numbered,
            "first_index": (number - 1) * size + 1}


def entity_feed_items(page: EntityPage) -> list[dict]:
    return [{"title": ap.record.title, "path": ap.record.url, "date": ap.record.date, "summary": ap.sentence}
            for ap in page.appearances]


def event_views(archive: Archive):
    """(event, context) in timeline order, each with its neighbours."""
    events = archive.events
    entities = archive.gazetteer.entities
    for i, event in enumerate(events):
        yield event, {
            "event": event, "cards": archive.cards,
            "place_entity": entities.get(event.place) if event.place else None,
            "people": [entities[x] for x in event.people if x in entities],
            "places": [entities[x] for x in event.places if x in entities],
            "previous": events[i - 1] if i > 0 else None,
            "next": events[i + 1] if i + 1 < len(events) else None}


def events_view(archive: Archive) -> dict:
    return {"events_newest": sorted(archive.events, key=lambda e: (e.start, e.id), reverse=True)}


def events_feed_items(archive: Archive) -> list[dict]:
    from .core import event_url

    return [{"title": e.title, "path": event_url(e.id), "date": e.date,
             "summary": e.articles[0].sentence if e.articles else ""}
            for e in sorted(archive.events, key=lambda e: (e.start, e.id), reverse=True)]


def timeline_view(archive: Archive) -> dict:
    return {"years": group_by_year_month(archive.events)}


def listed_sources(archive: Archive) -> list[Source]:
    return sorted((s for s in archive.sources.sources.values() if archive.by_source.get(s.id) or s.curated),
                  key=lambda s: (sort_key(s.name), s.id))


def sources_view(archive: Archive) -> dict:
    return {"source_list": listed_sources(archive), "by_source": archive.by_source}


def source_view(archive: Archive, source: Source) -> dict:
    mine = newest_first(archive.by_source.get(source.id, []))
    return {"source": source, "source_articles": [archive.cards[r.id] for r in mine]}
