"""The plain data of the entities stage: curated entities and the mentions found in a text."""

from __future__ import annotations

from dataclasses import dataclass, field

# Entity kind -> the YAML file it is curated in and the article metadata key it fills.
KINDS = {
    "person": ("people.yaml", "people"),
    "place": ("places.yaml", "places"),
    "organisation": ("organisations.yaml", "organisations"),
}
# Also accepted by ``Gazetteer.by_kind``: the plural (metadata key) of each kind.
KIND_BY_KEY = {key: kind for kind, (_, key) in KINDS.items()}


@dataclass
class Entity:
    id: str  # ASCII slug, permanent: the URL (people/<id>/)
    kind: str  # "person" | "place" | "organisation"
    name: str  # Arabic display name
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)  # strong: spelling variants, full forms
    # Short forms that are also common words (الشرع "the law", الأسد "the lion"): they count
    # only next to a strong mention in the same text or right after a title (الرئيس الشرع).
    weak_aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # titles, e.g. «وزير الخارجية الروسي»
    wikidata: str | None = None
    redirect_from: list[str] = field(default_factory=list)  # old ids that must keep working


@dataclass
class EntityMention:
    entity_id: str
    kind: str
    start: int  # offsets into the text given to the matcher
    end: int
    text: str  # as written, attached clitics excluded («والشيباني» -> «الشيباني»)


class GazetteerError(Exception):
    """A gazetteer problem; the message names the file (and entry) and what to do."""
