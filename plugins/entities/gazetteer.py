"""The gazetteer: curated people, places and organisations, and finding them in article text.

    gazetteer, warnings = load_gazetteer("content/data")
    gazetteer.match_article(title + "\\n\\n" + body)   # {"people": [...], "places": [...], ...}
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .loader import load_entities
from .matcher import NameMatcher, split_words, word_spans
from .model import KIND_BY_KEY, KINDS, Entity, EntityMention, GazetteerError

__all__ = ["Entity", "EntityMention", "Gazetteer", "GazetteerError", "load_gazetteer"]


def load_gazetteer(data_dir: str | Path, strict: bool = False) -> tuple["Gazetteer", list[str]]:
    """people.yaml, places.yaml and organisations.yaml of ``data_dir`` (each optional).
    Problems come back as warnings (file, entry, what to do); bad entries are skipped.
    With ``strict``, any warning raises GazetteerError instead (for ``--strict`` builds)."""
    if Path(data_dir).is_dir():
        entities, warnings = load_entities(data_dir)
    else:
        entities, warnings = [], [f"{data_dir}: no such folder, so no people, places or organisations are "
                                  "known; create it with people.yaml, places.yaml and organisations.yaml."]
    if strict and warnings:
        raise GazetteerError("\n".join(warnings))
    return Gazetteer(entities), warnings


class Gazetteer:
    def __init__(self, entities: Iterable[Entity] = ()):
        self.entities: dict[str, Entity] = {}
        for entity in entities:
            self.entities.setdefault(entity.id, entity)
        # old id -> current id, for links and sidecars written before a rename
        self.redirects: dict[str, str] = {
            old: entity.id for entity in self.entities.values()
            for old in entity.redirect_from if old not in self.entities
        }
        self.matcher = NameMatcher(self.entities.values())  # the name index (suggest uses it too)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or with this old id (redirect_from)."""
        entity = self.entities.get(entity_id)
        if entity is None and entity_id in self.redirects:
            entity = self.entities[self.redirects[entity_id]]
        return entity

    def by_kind(self, kind: str) -> list[Entity]:
        """Entities of a kind ("person" or "people", …), in file order."""
        kind = KIND_BY_KEY.get(kind, kind)
        return [entity for entity in self.entities.values() if entity.kind == kind]

    def find_mentions(self, text: str, split=None) -> list[EntityMention]:
        """Every accepted mention, in text order; offsets index ``text``. ``split``:
        ``split_words(text)`` if the caller has it already (enrich shares it with the dates)."""
        pieces, words = split_words(text) if split is None else split
        hits = self.matcher.hits(pieces, words)
        if not hits:
            return []
        out = []
        for hit, (start, end) in zip(hits, word_spans(pieces, hits)):
            out.append(EntityMention(hit.entity_id, self.matcher.kind_of(hit.entity_id), start, end, text[start:end]))
        return out

    def match_article(self, text: str) -> dict[str, list[str]]:
        """Ids per metadata key (people, places, organisations), in order of first mention.
        Pass the title and the cleaned body together, separated by a blank line."""
        result: dict[str, list[str]] = {key: [] for _, key in KINDS.values()}
        seen: set[str] = set()
        pieces, words = split_words(text)
        for hit in self.matcher.hits(pieces, words):
            if hit.entity_id not in seen:
                seen.add(hit.entity_id)
                result[KINDS[self.matcher.kind_of(hit.entity_id)][1]].append(hit.entity_id)
        return result

    def search_terms(self, entity_id: str) -> list[str]:
        """Every name form (name, aliases, weak aliases, Latin name) for the search index."""
        entity = self.get(entity_id)
        if entity is None:
            raise KeyError(entity_id)
        forms = [entity.name, *entity.aliases, *entity.weak_aliases, entity.name_en]
        return list(dict.fromkeys(form for form in forms if form))
