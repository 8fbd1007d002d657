"""What the archive's pages and data export are made of, as plain data.

The glue turns Pelican articles into ``records`` (dicts with the metadata keys of
DESIGN.md); everything here works on those records, the gazetteer and the events.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from ..arabic import normalize, sort_key
from ..events.core import Event, sentence_around

KIND_URL_PREFIX = {"person": "people", "place": "places", "organisation": "organisations"}
KIND_KEY = {"person": "people", "place": "places", "organisation": "organisations"}


def entity_url(kind: str, ident: str) -> str:
    return f"{KIND_URL_PREFIX[kind]}/{ident}/"


def event_url(ident: str) -> str:
    return f"events/{ident}/"


def source_url(ident: str) -> str:
    return f"sources/{ident}/"


# --- sources --------------------------------------------------------------------------

@dataclass
class Source:
    id: str
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    url: str | None = None
    curated: bool = True


class SourceCatalog:
    """sources.yaml, plus sources met in articles that it does not list yet."""

    def __init__(self, entries, where: str = "sources.yaml"):
        self.sources: dict[str, Source] = {}
        self._by_name: dict[str, str] = {}
        self.warnings: list[str] = []
        if entries is not None and not isinstance(entries, list):
            self.warnings.append(f"{where}: expected a list of sources ('- id: …'); ignored")
            entries = []
        for n, entry in enumerate(entries or [], 1):
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
                self.warnings.append(f"{where}: entry {n} needs 'id' and 'name'; skipped")
                continue
            ident = str(entry["id"])
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
                self.warnings.append(f"{where}: id '{ident}' must be lower-case ASCII letters, digits and '-'; skipped")
                continue
            if ident in self.sources:
                self.warnings.append(f"{where}: duplicate id '{ident}'; the first one is kept")
                continue
            source = Source(ident, str(entry["name"]), entry.get("name_en"),
                            [str(a) for a in entry.get("aliases") or []], entry.get("url"))
            self.sources[ident] = source
            for name in [source.name, *source.aliases] + ([source.name_en] if source.name_en else []):
                self._by_name.setdefault(normalize(name).strip(), ident)

    def resolve(self, name: str | None) -> str | None:
        """The source id for a publisher name; an unknown name gets a stable id made from
        a hash of its normalised spelling (never a transliteration) and is listed."""
        if not name:
            return None
        key = normalize(name).strip(" :،-")
        if key in self._by_name:
            return self._by_name[key]
        ident = "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        if ident not in self.sources:
            self.sources[ident] = Source(ident, name.strip(" :،-"), curated=False)
            self._by_name[key] = ident
        return ident


# --- export ---------------------------------------------------------------------------

def export_article(record: dict) -> dict:
    """One object of data/articles.json, exactly the fields of spec/README.md."""
    return {
        "id": record["id"], "file": record["file"], "url": record["url"], "title": record["title"],
        "date": record["date"], "date_source": record["date_source"],
        "source": record["source"], "section": record["section"],
        "people": record["people"], "places": record["places"],
        "organisations": record["organisations"], "events": record["events"],
        "headings": record["headings"], "text": record["text"],
        "date_mentions": [{k: m[k] for k in ("text", "value", "start", "end")} for m in record["date_mentions"]],
        "removed": [{"text": r["text"], "reason": r["reason"]} for r in record["removed"]],
    }


def export_entities(entities, article_ids_by_entity: dict[str, list[str]]) -> list[dict]:
    return [{
        "id": e.id, "name": e.name, "name_en": e.name_en, "aliases": list(e.aliases) + list(e.weak_aliases),
        "url": entity_url(e.kind, e.id), "articles": article_ids_by_entity.get(e.id, []),
    } for e in sorted(entities, key=lambda e: e.id)]


def export_events(events: list[Event]) -> list[dict]:
    return [{
        "id": e.id, "title": e.title, "date": e.date, "url": event_url(e.id),
        "articles": e.article_ids(), "people": e.people, "places": e.places,
    } for e in events]


# --- entity pages ----------------------------------------------------------------------

@dataclass
class Appearance:
    record: dict
    sentence: str


@dataclass
class EntityPage:
    entity: object
    url: str
    appearances: list[Appearance]             # newest first
    counts_by_month: dict[str, int]
    co_mentioned: list[tuple[object, int]]    # (entity, shared articles), most first
    events: list[Event]


def _newest_first(records: list[dict]) -> list[dict]:
    dated = sorted((r for r in records if r["date"]), key=lambda r: r["date"], reverse=True)
    return dated + sorted((r for r in records if not r["date"]), key=lambda r: sort_key(r["title"]))


def entity_pages(gazetteer, records: list[dict], events: list[Event], co_limit: int = 30) -> dict[str, EntityPage]:
    by_entity: dict[str, list[dict]] = {}
    for record in records:
        for key in ("people", "places", "organisations"):
            for ident in record[key]:
                by_entity.setdefault(ident, []).append(record)
    pages = {}
    for ident, entity in gazetteer.entities.items():
        mine = _newest_first(by_entity.get(ident, []))
        appearances = []
        months: Counter = Counter()
        together: Counter = Counter()
        for record in mine:
            span = next((m for m in record["entity_mentions"] if m["id"] == ident), None)
            sentence = sentence_around(record["text"], span["start"], span["end"]) if span else record["lead"] or ""
            appearances.append(Appearance(record, sentence))
            if record["date"]:
                months[record["date"][:7]] += 1
            for key in ("people", "places", "organisations"):
                together.update(i for i in record[key] if i != ident)
        co = [(gazetteer.entities[i], n) for i, n in together.most_common() if i in gazetteer.entities][:co_limit]
        involved = [e for e in events if ident in e.people or ident in e.places
                    or any(ident in r[KIND_KEY[entity.kind]] for r in mine if r["id"] in e.article_ids())]
        pages[ident] = EntityPage(entity, entity_url(entity.kind, ident), appearances, dict(months), co, involved)
    return pages


def group_by_year_month(events: list[Event]) -> list[tuple[str, list[tuple[str, list[Event]]]]]:
    """[(year, [(month "YYYY-MM", events)])], newest year first, months in order."""
    years: dict[str, dict[str, list[Event]]] = {}
    for event in events:
        years.setdefault(event.start[:4], {}).setdefault(event.start[:7], []).append(event)
    return [(y, sorted(months.items())) for y, months in sorted(years.items(), reverse=True)]
