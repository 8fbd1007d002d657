"""The one record every stage after reading works on: ``ArticleRecord``.

``plugins.enrich.enrich`` makes one per input (read -> clean -> dates -> entities); events,
pages, search, the data export and the report read records and nothing else. A record is
plain data (strings, ints, lists, tuples of small dataclasses), so it pickles, caches by
content hash and travels to Dask workers unchanged.

Offsets (``start``/``end`` of date and entity mentions) are into ``text``: the body blocks
joined by ``BLOCK_SEPARATOR``. That rule lives here once (``join_blocks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n\n"

# One table of entity kinds: kind -> the plural that names the record field, the curated
# file (people.yaml), the export (people.json) and the URL prefix (people/<id>/).
ENTITY_KINDS: dict[str, str] = {"person": "people", "place": "places", "organisation": "organisations"}
KIND_FIELDS = tuple(ENTITY_KINDS.values())


def kind_field(kind: str) -> str:
    """'person' -> 'people'."""
    return ENTITY_KINDS[kind]


def join_blocks(texts) -> str:
    """The body as one string: the offset rule for every mention span."""
    return BLOCK_SEPARATOR.join(texts)


@dataclass(frozen=True)
class Block:
    kind: str            # "p" | "h2" | "quote" | "caption"
    text: str


@dataclass(frozen=True)
class Removal:
    text: str
    reason: str          # the cleaning rule's name: "cut_marker", "read_more_ad", …
    line: int | None     # 1-based line of the input, when known


@dataclass(frozen=True)
class DateMention:
    text: str            # as written in ``text``
    value: str           # ISO at its precision, or "start/end" for an interval
    start: int
    end: int


@dataclass(frozen=True)
class EntityMention:
    id: str
    kind: str            # a key of ENTITY_KINDS
    start: int
    end: int
    text: str


@dataclass
class ArticleRecord:
    """One article, enriched. ``status`` says whether it is published ("built") or not
    ("skipped", with ``problem`` saying why and what to do); a skipped record still
    carries what is known, so the report can name it."""

    id: str                          # stable id: sidecar/manifest slug, else from the file stem
    file: str                        # path under the articles folder, POSIX, unique
    format: str                      # "text" | "html" | "markdown"
    status: str = "built"            # "built" | "skipped"
    problem: str | None = None       # why it was skipped (names the file, says what to do)

    title: str = ""
    title_from: str = "none"         # "sidecar" | "manifest" | "headline" | "page" | "lead" | "file"
    lead: str | None = None
    section: str | None = None
    source: str | None = None        # the publisher as named (resolved to a source id by pages)
    source_from: str = "none"        # "sidecar" | "manifest" | "byline" | "page" | "none"
    source_url: str | None = None    # http(s) only

    date: str | None = None          # ISO 8601 at its precision, or None
    date_precision: str | None = None  # "year" | "month" | "day" | "minute"
    date_source: str = "none"        # "sidecar" | "manifest" | "text" | "page" | "none"

    blocks: tuple[Block, ...] = ()
    text: str = ""                   # join_blocks(b.text for b in blocks)
    headings: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    date_mentions: tuple[DateMention, ...] = ()

    people: tuple[str, ...] = ()     # entity ids, in order of first mention
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    entity_mentions: tuple[EntityMention, ...] = ()  # spans into ``text`` (title excluded)

    redirect_from: tuple[str, ...] = ()  # old article ids that should lead here
    extra: dict = field(default_factory=dict)  # manifest columns Arshif does not map, exported as is
    original_text: str = ""          # the decoded input, published as original.txt
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()   # problems with this input (count for --strict)
    checks: tuple[str, ...] = ()     # findings about the content (do not fail --strict)
    cacheable: bool = True           # False: made under a condition of this run only (a timed-out pattern)

    @property
    def built(self) -> bool:
        return self.status == "built"

    def entity_ids(self, kind: str) -> tuple[str, ...]:
        return getattr(self, kind_field(kind))

    @property
    def url(self) -> str:
        return f"articles/{self.id}/"
