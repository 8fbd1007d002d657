"""What the archive's pages and data export are made of, as plain data: URLs, sources,
entity pages and the export rows. Everything works on ``ArticleRecord``s (plugins/record.py)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from ..arabic import clean_line, normalize
from ..events.core import Event, sentence_around
from . import listing
from ..record import ENTITY_KINDS, KIND_FIELDS, ArticleRecord

_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")
_SITE = re.compile(r"[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?:/[a-z0-9_/-]*)?")


def _name_key(name: str) -> str:
    """Spelling-insensitive: Arabic folded, Latin case and hyphens ignored (Al-Thawra = al thawra)."""
    return " ".join(re.sub(r"[-_]", " ", normalize(name)).split()).strip(" :،").casefold()


def _site_key(url: str | None) -> str | None:
    """'https://www.bbc.com/arabic/' -> 'bbc.com/arabic': a publisher's address as a key."""
    if not url:
        return None
    site = re.sub(r"^[a-z]+://", "", url.strip().lower()).removeprefix("www.").rstrip("/")
    return site or None


def entity_url(kind: str, ident: str) -> str:
    return f"{ENTITY_KINDS[kind]}/{ident}/"


def event_url(ident: str) -> str:
    return f"events/{ident}/"


def source_url(ident: str) -> str:
    return f"sources/{ident}/"


def site_href(site_url: str, url: str, offline: bool) -> str:
    """A link to ``url`` (a path in the site) from a page whose SITEURL is ``site_url`` (Pelican
    makes it relative with RELATIVE_URLS). Offline, a folder's link names its index.html: a
    browser opening files from disk does not look for it."""
    return f"{site_url}/{url}{'index.html' if offline and (url == '' or url.endswith('/')) else ''}"


# --- sources --------------------------------------------------------------------------

@dataclass
class Source:
    id: str
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    url: str | None = None
    curated: bool = True


def _text(value) -> str | None:
    return clean_line(str(value)) or None if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


class SourceCatalog:
    """sources.yaml, plus sources met in articles that it does not list yet."""

    def __init__(self, entries, where: str = "sources.yaml"):
        self.sources: dict[str, Source] = {}
        self._by_name: dict[str, str] = {}
        self._by_site: dict[str, str] = {}   # "almayadeen.net" -> id
        self.warnings: list[str] = []
        if entries is not None and not isinstance(entries, list):
            self.warnings.append(f"{where}: expected a list of sources ('- id: …'); ignored")
            entries = []
        for n, entry in enumerate(entries or [], 1):
            if not isinstance(entry, dict) or not _text(entry.get("id")) or not _text(entry.get("name")):
                self.warnings.append(f"{where}: entry {n} needs 'id' and 'name' as text; skipped")
                continue
            ident = str(entry["id"])
            if not _SOURCE_ID.fullmatch(ident):
                self.warnings.append(f"{where}: entry {n}: id '{ident}' must be lower-case ASCII letters, digits "
                                     f"and '-'; skipped")
                continue
            if ident in self.sources:
                self.warnings.append(f"{where}: entry {n}: duplicate id '{ident}'; the first one is kept")
                continue
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list):
                self.warnings.append(f"{where}: entry {n} '{ident}': aliases must be a list; ignored")
                aliases = []
            for key in ("name_en", "url"):
                if entry.get(key) is not None and _text(entry.get(key)) is None:
                    self.warnings.append(f"{where}: entry {n} '{ident}': {key} must be text; ignored")
            url = _text(entry.get("url"))
            source = Source(ident, _text(entry["name"]), _text(entry.get("name_en")),
                            [a for a in (_text(x) for x in aliases) if a],
                            url if url and re.match(r"https?://", url) else None)
            self.sources[ident] = source
            for name in [source.name, *source.aliases] + ([source.name_en] if source.name_en else []):
                self._by_name.setdefault(_name_key(name), ident)
            site = _site_key(_text(entry.get("url")))
            if site:
                self._by_site.setdefault(site, ident)

    def resolve(self, name: str | None) -> str | None:
        """The source id for a publisher name; an unknown name gets a stable id made from
        a hash of its normalised spelling (never a transliteration) and is listed."""
        if not name:
            return None
        key = _name_key(name)
        if not key:
            return None
        if key in self._by_name:
            return self._by_name[key]
        # Scrapers write "Name (site.com)": the name without its parenthesis, or the site.
        bare = _name_key(_PARENTHESIS.sub("", name))
        if bare in self._by_name:
            return self._by_name[bare]
        for site in _SITE.findall(name.lower()):
            if _site_key(site) in self._by_site:
                return self._by_site[_site_key(site)]
        ident = "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]  # noqa: S324 - an id, not security
        if ident not in self.sources:
            self.sources[ident] = Source(ident, name.strip(" :،-"), curated=False)
            self._by_name[key] = ident
        return ident


# --- export ---------------------------------------------------------------------------

def export_article(record: ArticleRecord, events: list[str]) -> dict:
    """One object of data/articles.json: the fields of spec/README.md, then Arshif's own."""
    row = {
        "id": record.id, "file": record.file, "url": record.url, "title": record.title,
        "date": record.date, "date_source": record.date_source,
        "source": record.source, "section": record.section,
        "people": list(record.people), "places": list(record.places),
        "organisations": list(record.organisations), "events": list(events),
        "headings": list(record.headings), "text": record.text,
        "date_mentions": [{"text": m.text, "value": m.value, "start": m.start, "end": m.end}
                          for m in record.date_mentions],
        "removed": [{"text": r.text, "reason": r.reason} for r in record.removed],
    }
    if record.source_url:
        row["source_url"] = record.source_url
    if record.extra:
        row["extra"] = record.extra
    return row


def export_entities(entities, article_ids_by_entity: dict[str, list[str]]) -> list[dict]:
    return [{
        "id": e.id, "name": e.name, "name_en": e.name_en, "aliases": list(e.aliases) + list(e.weak_aliases),
        "url": entity_url(e.kind, e.id), "articles": article_ids_by_entity.get(e.id, []),
    } for e in sorted(entities, key=lambda e: e.id)]


def export_events(events: list[Event]) -> list[dict]:
    """data/events.json: the spec's fields, then whether a curator wrote it, its organisations,
    sources and old ids (the next build reads them back to keep ids stable)."""
    return [{
        "id": e.id, "title": e.title, "date": e.date, "url": event_url(e.id),
        "articles": e.article_ids(), "people": e.people, "places": e.places,
        "curated": e.curated, "organisations": list(e.organisations), "sources": list(e.sources),
        "redirect_from": list(e.redirect_from),
    } for e in events]


# --- entity pages ----------------------------------------------------------------------

@dataclass
class Appearance:
    record: ArticleRecord
    sentence: str


@dataclass
class EntityPage:
    entity: object
    url: str
    appearances: list[Appearance]             # newest first
    counts_by_month: dict[str, int]
    co_mentioned: list[tuple[object, int]]    # (entity, shared articles), most first
    events: list[Event]


def newest_first(records: list[ArticleRecord]) -> list[ArticleRecord]:
    """Dated records newest first, then undated ones by title (the listings' one order)."""
    dated, undated = listing.newest_first(records)
    return dated + undated


def entity_pages(gazetteer, records: list[ArticleRecord], events: list[Event],
                 co_limit: int = 30, sentence=None, ordered: bool = False) -> dict[str, EntityPage]:
    """Every entity's page. ``sentence(record, ident)``, when given, says what
    ``appearance_sentence`` says (a memo of an earlier build's); ``ordered``: the records
    are already in ``newest_first`` order."""
    sentence = sentence or appearance_sentence
    # One sort: each entity's articles are this order filtered (newest_first is a total order).
    by_entity: dict[str, list[ArticleRecord]] = {}
    ids_of: dict[str, tuple[str, ...]] = {}   # every entity id a record names, read once a record
    # Each quoted sentence is found record by record: a text's sentence ends are found once
    # (sentence_around keeps the last few texts'), not once for each entity it names.
    said: dict[tuple[str, str], str] = {}
    known = gazetteer.entities
    for record in records if ordered else newest_first(records):
        ids = ids_of[record.id] = tuple(i for key in KIND_FIELDS for i in getattr(record, key))
        for ident in ids:
            by_entity.setdefault(ident, []).append(record)
            if ident in known:
                said[(record.id, ident)] = sentence(record, ident)
    events_by_entity: dict[str, list[Event]] = {}
    article_to_events: dict[str, list[Event]] = {}
    for event in events:
        for ident in set(event.people) | set(event.places):
            events_by_entity.setdefault(ident, []).append(event)
        for article_id in event.article_ids():
            article_to_events.setdefault(article_id, []).append(event)
    pages = {}
    for ident, entity in gazetteer.entities.items():
        mine = by_entity.get(ident, [])
        appearances = []
        months: Counter = Counter()
        together: Counter = Counter()
        involved = {id(e): e for e in events_by_entity.get(ident, [])}
        for record in mine:
            appearances.append(Appearance(record, said[(record.id, ident)]))
            if record.date:
                months[record.date[:7]] += 1
            for other in ids_of[record.id]:   # not Counter.update: its Mapping test costs more than the count
                if other != ident:
                    together[other] += 1
            for event in article_to_events.get(record.id, ()):
                involved.setdefault(id(event), event)
        # most_common keeps first-seen order among equals: records come in a fixed order.
        co = [(gazetteer.entities[i], n) for i, n in together.most_common() if i in gazetteer.entities][:co_limit]
        ordered = sorted(involved.values(), key=lambda e: (e.start, e.id))
        pages[ident] = EntityPage(entity, entity_url(entity.kind, ident), appearances, dict(months), co, ordered)
    return pages


def appearance_sentence(record: ArticleRecord, ident: str) -> str:
    """What an entity's page quotes of an article: the sentence of its first mention there."""
    span = next((m for m in record.entity_mentions if m.id == ident), None)
    return sentence_around(record.text, span.start, span.end) if span else record.lead or ""


def group_by_year_month(events: list[Event]) -> list[tuple[str, list[tuple[str, list[Event]]]]]:
    """[(year, [(month "YYYY-MM", events)])], newest year first, months in order."""
    years: dict[str, dict[str, list[Event]]] = {}
    for event in events:
        years.setdefault(event.start[:4], {}).setdefault(event.start[:7], []).append(event)
    return [(y, sorted(months.items())) for y, months in sorted(years.items(), reverse=True)]
