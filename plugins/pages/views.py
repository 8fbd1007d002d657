"""Pure views: records (and the events, gazetteer and sources) in, page contexts out.

``build_archive`` gathers what every page needs once; each ``*_view`` function returns the
context of one page kind as a plain dict, so a test can check a page's data without Pelican.
The writer (``writer.py``) renders these contexts with the theme's templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..arabic import sort_key
from ..events.core import Event
from ..record import KIND_FIELDS, ArticleRecord
from . import listing, seo
from .body import body_html, sanitize_body
from ..versions import code_digest
from .core import (EntityPage, Source, SourceCatalog, appearance_sentence, entity_pages, entity_url, event_url,
                   group_by_year_month, newest_first)
from .output import load_pickle, save_pickle

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
    newest: list[ArticleRecord] = field(default_factory=list)          # records in listing order (newest_first)

    def counts(self) -> dict[str, int]:
        kinds = {kind: 0 for kind in KIND_WORDS}
        for page in self.pages.values():
            if page.appearances:
                kinds[page.entity.kind] += 1
        return {"articles": len(self.records), "events": len(self.events), "people": kinds["person"],
                "places": kinds["place"], "organisations": kinds["organisation"]}


def build_archive(records: list[ArticleRecord], events: list[Event], article_events: dict[str, list[str]],
                  gazetteer, sources: SourceCatalog, record_keys: dict[str, str] | None = None,
                  cache: Path | None = None) -> Archive:
    """The archive. ``record_keys``: keys that decide records (the record cache's); with a
    ``cache`` folder, the sentences entity pages quote are kept there by record key, so an
    unchanged article's are not looked for again (SentenceMemo)."""
    records = sorted((r for r in records if r.built), key=lambda r: r.id)
    archive = Archive(records, events, gazetteer, sources, article_events=article_events,
                      events_by_id={e.id: e for e in events})
    resolved: dict[str | None, str | None] = {}   # publishers are named the same way article after article
    for record in records:
        name = record.source
        source_id = resolved[name] if name in resolved else resolved.setdefault(name, sources.resolve(name))
        archive.source_of[record.id] = source_id
        archive.cards[record.id] = ArticleCard(record.id, record.url, record.title, record.date, record.lead,
                                               sources.sources.get(source_id) if source_id else None)
    # Sorted once: every list of articles is this order filtered (newest_first is a total order).
    archive.newest = newest_first(records)
    for record in archive.newest:
        source_id = archive.source_of[record.id]
        if source_id:
            archive.by_source.setdefault(source_id, []).append(record)
    memo = SentenceMemo(cache, record_keys) if cache is not None and record_keys else None
    archive.pages = entity_pages(gazetteer, archive.newest, events, sentence=memo.sentence if memo else None,
                                 ordered=True)
    if memo is not None:
        memo.save()
    return archive


class SentenceMemo:
    """``appearance_sentence`` of an earlier build, by record key and entity id: finding the
    sentence costs ~30 us an appearance (55,000 at 20,000 articles). Keyed with the code
    that finds it; entries no longer asked for are dropped."""

    FORMAT = "arshif-sentences-1"

    def __init__(self, folder: Path, record_keys: dict[str, str]):
        self.file = Path(folder) / "sentences.pickle"
        self.keys = record_keys
        self.code = code_digest(("pages/core.py", "events/core.py", "record.py", "arabic"))
        data = load_pickle(self.file, self.FORMAT)
        self.old = data["sentences"] if data and data.get("code") == self.code else {}
        self.new: dict[tuple[str, str], str] = {}

    def sentence(self, record: ArticleRecord, ident: str) -> str:
        key = self.keys.get(record.id)
        if key is None:
            return appearance_sentence(record, ident)
        found = self.old.get((key, ident))
        if found is None:
            found = appearance_sentence(record, ident)
        self.new[(key, ident)] = found
        return found

    def save(self) -> None:
        if self.new != self.old:
            save_pickle(self.file, {"format": self.FORMAT, "code": self.code, "sentences": self.new})


# --- one function per page kind -----------------------------------------------------------------

@dataclass(frozen=True)
class SiteInfo:
    """What views need of the settings: the site's name, absolute URL (may be empty) and the
    build date (for citations: SOURCE_DATE_EPOCH when set, so a build is reproducible)."""
    name: str
    url: str | None
    build_date: str


def page_meta(site: SiteInfo, kind: str, title: str, description: str | None, path: str,
              published: str | None = None, section: str | None = None, ld: dict | None = None) -> dict:
    """The head of a page: description, Open Graph and Twitter tags, JSON-LD."""
    text = seo.meta_description(description or title)
    return {"description": text,
            "og": seo.open_graph(kind, title=title, description=text, path=path, site_name=site.name,
                                 site_url=site.url, published=published, section=section),
            "twitter": seo.twitter_card(title=title, description=text),
            "json_ld": seo.json_ld(ld) if ld else None}


def article_inputs(archive: Archive, record: ArticleRecord) -> tuple:
    """Everything of the archive ``article_view`` reads for ``record``: its page's key is made
    from these (with ``offline`` and the site), so an unchanged article page is not even
    viewed again. Keep the two functions in step (tests/unit/test_output_ledger.py checks it)."""
    entities = archive.gazetteer.entities
    return (record, archive.cards[record.id],
            tuple(entities.get(ident) for key in KIND_FIELDS for ident in getattr(record, key)),
            tuple(archive.events_by_id.get(i) for i in archive.article_events.get(record.id, [])))


def article_view(archive: Archive, record: ArticleRecord, offline: bool, site: SiteInfo | None = None) -> dict:
    index_file = "index.html" if offline else ""
    entities = archive.gazetteer.entities
    urls = {ident: "../../" + entity_url(entities[ident].kind, ident) + index_file
            for key in KIND_FIELDS for ident in getattr(record, key) if ident in entities}
    body = sanitize_body(body_html(
        [{"kind": b.kind, "text": b.text} for b in record.blocks],
        [{"id": m.id, "kind": m.kind, "start": m.start, "end": m.end} for m in record.entity_mentions],
        [{"value": m.value, "start": m.start, "end": m.end} for m in record.date_mentions], urls))
    card = archive.cards[record.id]
    people = [entities[i] for i in record.people if i in entities]
    places = [entities[i] for i in record.places if i in entities]
    organisations = [entities[i] for i in record.organisations if i in entities]
    view = {
        "article": record, "body_html": body, "card": card, "people": people, "places": places,
        "organisations": organisations,
        "events": [archive.events_by_id[i] for i in archive.article_events.get(record.id, [])
                   if i in archive.events_by_id],
    }
    if site is not None:
        publisher = card.source.name if card.source else record.source
        about, mentions = seo.about_and_mentions(record.title, people + places + organisations)
        ld = seo.news_article_ld(headline=record.title, path=record.url, site_url=site.url, date=record.date,
                                 publisher=publisher, publisher_url=card.source.url if card.source else None,
                                 description=seo.meta_description(record.lead or record.text),
                                 section=record.section, source_url=record.source_url, about=about,
                                 mentions=mentions, site_name=site.name)
        view["meta"] = page_meta(site, "article", record.title, record.lead or record.text, record.url,
                                 record.date, record.section, ld)
        view["citation"] = seo.citation(title=record.title, path=record.url, accessed=site.build_date,
                                        site_name=site.name, publisher=publisher, date=record.date,
                                        site_url=site.url)
    return view


def listed_events(archive: Archive) -> list[Event]:
    """Events that have articles: the only ones lists show (a curated event nothing in the
    archive reports keeps its page, for stable links, but is not listed as if it had any)."""
    return [e for e in archive.events if e.articles]


def home_view(archive: Archive) -> dict:
    latest, latest_kind = listing.latest(archive.newest, HOME_LATEST, ordered=True)
    people = sorted((p for p in archive.pages.values() if p.entity.kind == "person" and p.appearances),
                    key=lambda p: (-len(p.appearances), sort_key(p.entity.name), p.entity.id))
    return {"latest": [archive.cards[r.id] for r in latest], "latest_kind": latest_kind,
            "counts": archive.counts(),
            "recent_events": sorted(listed_events(archive), key=lambda e: (e.start, e.id), reverse=True)[:HOME_EVENTS],
            "top_people": people[:HOME_PEOPLE]}


# --- what a page shows: the part of its context its key is made of -----------------------------
# A page's key (writer.py ``_page``) is its context with these entries replaced by what the
# template reads of them: an entity page shows an article's card and sentence, not the whole
# record, so an edit that changes neither does not write it again. Each function names the
# template it follows; tests/unit/test_output_ledger.py renders pages from views that differ only
# in what these leave out, and checks the bytes are the same.

def _listed(pages) -> list[tuple]:
    """An entity in a list: its name (the entity), link and number of articles."""
    return [(p.entity, p.url, len(p.appearances)) for p in pages]


def home_shown(view: dict) -> dict:
    """index.html: of the most-mentioned people, name, link and count."""
    return {"top_people": _listed(view["top_people"])}


def entity_index_shown(view: dict) -> dict:
    """entities.html: each entity's name, link and count."""
    return {"entity_pages": _listed(view["entity_pages"])}


def entity_page_common(page: EntityPage) -> tuple:
    """entity_base.html: what every numbered page shows of the entity's page: its link, count,
    co-mentioned entities and events."""
    return page.url, len(page.appearances), page.co_mentioned, page.events


def entity_page_shown(archive: Archive, context: dict, shown: list | None = None, common=None) -> dict:
    """entity_base.html: ``entity_page_common`` of the entity's page (or ``common``, a digest of
    it); of each article on this numbered page, its card and sentence (not the whole cards
    dict). ``shown``: ``entity_feed_shown`` of the page (or a digest of each item), made once
    for all its pages."""
    page, chunk, start = context["page"], context["appearances"], context["first_index"] - 1
    return {"page": common if common is not None else entity_page_common(page), "cards": None,
            "appearances": shown[start:start + len(chunk)] if shown is not None else
            [(archive.cards[ap.record.id], ap.sentence) for ap in chunk]}


def entity_feed_shown(archive: Archive, page: EntityPage) -> list:
    """What ``entity_feed_items`` is made of: each article's card (title, link, date) and sentence."""
    return [(archive.cards[ap.record.id], ap.sentence) for ap in page.appearances]


def sources_shown(view: dict) -> dict:
    """sources.html: how many articles each source has (not which)."""
    return {"by_source": {s.id: len(view["by_source"].get(s.id) or ()) for s in view["source_list"]}}


ARTICLES_MORE_URL = "articles/page/"  # the article id "page" is reserved for it (readers/core.py)


def _listing_pages(archive: Archive, records, base_url: str, per_page: int, more_url: str | None = None):
    """(save_as, context) per numbered page of a list of articles (in ``archive.newest``
    order): dated newest first, then the undated ones under their own heading."""
    pages = listing.paginate(records, base_url, per_page, more_url, ordered=True)
    for page in pages.pages:
        yield page.save_as, {
            "dated": [archive.cards[r.id] for r in page.dated], "undated": [archive.cards[r.id] for r in page.undated],
            # The navigation's window, not every page's URL: the page's key holds what it shows.
            "page_number": page.number, "page_nav": pages.nav(page.number), "first_index": page.first_index,
            "total": pages.total, "dated_total": pages.dated_count, "undated_total": pages.undated_count}


def articles_pages(archive: Archive, per_page: int):
    yield from _listing_pages(archive, archive.newest, "articles/", per_page, ARTICLES_MORE_URL)


def entity_index_view(archive: Archive, kind: str) -> dict:
    plural, _ = KIND_WORDS[kind]
    pages = sorted((p for p in archive.pages.values() if p.entity.kind == kind),
                   key=lambda p: (sort_key(p.entity.name), p.entity.id))
    return {"kind": kind, "kind_plural": plural, "entity_pages": pages}


def entity_page_views(archive: Archive, page: EntityPage, size: int, chart: str, site: SiteInfo | None = None):
    """(save_as folder URL, context) for each numbered page of one entity."""
    size = max(1, size)
    entity = page.entity
    meta = None
    if site is not None:
        roles = "، ".join(getattr(entity, "roles", None) or [])
        # «ورد في أرشيف الوسط», but not «أرشيف أرشيف» for a site that is called أرشيف.
        where = site.name if site.name.startswith("أرشيف") else f"أرشيف {site.name}"
        description = "، ".join(x for x in (roles, f"ورد في {where}") if x)
        meta = page_meta(site, entity.kind, entity.name, description, page.url,
                         ld=seo.entity_ld(entity, site_url=site.url, description=description))
    chunks = [page.appearances[i:i + size] for i in range(0, len(page.appearances), size)] or [[]]
    numbered = [page.url] + [f"{page.url}{n}/" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, 1):
        yield numbered[number - 1], {
            "page": page, "entity": page.entity, "chart": chart if number == 1 else "", "cards": archive.cards,
            "appearances": chunk, "page_number": number, "page_count": len(numbered),
            "page_nav": listing.page_nav(numbered, number),
            "first_index": (number - 1) * size + 1, "meta": meta}


def entity_feed_items(page: EntityPage) -> list[dict]:
    return [{"title": ap.record.title, "path": ap.record.url, "date": ap.record.date, "summary": ap.sentence}
            for ap in page.appearances]


def event_views(archive: Archive, site: SiteInfo | None = None):
    """(event, context) in timeline order, each with its neighbours on the timeline."""
    events = archive.events
    listed = listed_events(archive)
    position = {e.id: i for i, e in enumerate(listed)}
    entities = archive.gazetteer.entities
    for event in events:
        i = position.get(event.id)
        people = [entities[x] for x in event.people if x in entities]
        places = [entities[x] for x in event.places if x in entities]
        meta = None
        if site is not None:
            description = event.description or (event.articles[0].sentence if event.articles else None)
            meta = page_meta(site, "event", event.title, description, event_url(event.id),
                             ld=seo.event_ld(name=event.title, path=event_url(event.id), start=event.start,
                                             end=event.end, site_url=site.url, description=description,
                                             places=places, people=people))
        yield event, {
            "event": event,
            "place_entity": entities.get(event.place) if event.place else None,
            "people": people, "places": places, "meta": meta,
            "organisations": [entities[x] for x in event.organisations if x in entities],
            "by_source": _by_source(archive, event),
            "previous": listed[i - 1] if i is not None and i > 0 else None,
            "next": listed[i + 1] if i is not None and i + 1 < len(listed) else None}


def _by_source(archive: Archive, event: Event) -> list[tuple[Source | None, list]]:
    """The event's articles grouped by publisher (most articles first), each with its sentence."""
    groups: dict[str | None, list] = {}
    for item in event.articles:
        card = archive.cards.get(item.article_id)
        if card is not None:
            groups.setdefault(card.source.id if card.source else None, []).append((card, item.sentence))
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] is None, sort_key(
        archive.sources.sources[kv[0]].name) if kv[0] else ""))
    return [(archive.sources.sources.get(ident) if ident else None, items) for ident, items in ordered]


def events_view(archive: Archive) -> dict:
    return {"events_newest": sorted(listed_events(archive), key=lambda e: (e.start, e.id), reverse=True)}


def events_feed_items(archive: Archive) -> list[dict]:
    return [{"title": e.title, "path": event_url(e.id), "date": e.date,
             "summary": e.articles[0].sentence if e.articles else ""}
            for e in sorted(listed_events(archive), key=lambda e: (e.start, e.id), reverse=True)]


def timeline_view(archive: Archive) -> dict:
    return {"years": group_by_year_month(listed_events(archive))}


def listed_sources(archive: Archive) -> list[Source]:
    return sorted((s for s in archive.sources.sources.values() if archive.by_source.get(s.id) or s.curated),
                  key=lambda s: (sort_key(s.name), s.id))


def sources_view(archive: Archive) -> dict:
    return {"source_list": listed_sources(archive), "by_source": archive.by_source}


def source_pages(archive: Archive, source: Source, per_page: int):
    for save_as, context in _listing_pages(archive, archive.by_source.get(source.id, []), f"sources/{source.id}/",
                                           per_page):
        yield save_as, {"source": source, **context}
