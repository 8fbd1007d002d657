"""Enrichment: one article input -> one ``ArticleRecord`` (read -> clean -> dates -> entities).

``enrich(item, context)`` is a pure function of its arguments: the input's bytes, its
sidecar values, its manifest row, the curated data and rules in ``context`` and the code.
It imports no Pelican, never raises (a failure is a skipped record that names the file and
the cause), and its arguments and result pickle, so the build can cache it by content hash
and map it over local processes or a Dask cluster (``plugins.mapping``).

Precedence, field by field: sidecar / front matter > manifest row > detection.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .arabic import clean_line
from .clean.core import clean_article, load_rules
from .clean.rules import Rules, RulesError
from .dates.core import find_date_mentions, parse_date_value, parse_dateline, weekday_conflicts
from .entities.gazetteer import Gazetteer, load_gazetteer
from .entities.matcher import split_words
from .readers.core import InputError, PlannedInput, article_id_for, inside, parse_input, read_bytes
from .record import ENTITY_KINDS, KIND_FIELDS, ArticleRecord, EntityMention, join_blocks
from .versions import code_digest

TITLE_MAX = 120
ENRICH_DATA_FILES = ("people.yaml", "places.yaml", "organisations.yaml", "boilerplate.yaml")


@dataclass
class EnrichContext:
    """What every article's enrichment depends on besides the article itself."""
    rules: Rules
    gazetteer: Gazetteer
    fingerprint: str                     # hash of the data files, rules and code: part of every cache key
    warnings: list[str] = field(default_factory=list)  # curator-facing problems found while loading


# What a record is made by: a change here invalidates the cache (pages, events and search
# read records, so their code may change without re-enriching anything).
ENRICH_CODE = ("readers", "clean", "dates", "entities", "arabic", "enrich.py", "record.py", "yamlfile.py")


def code_version() -> str:
    """A hash of the enrichment code and built-in rules: a new version invalidates the cache."""
    return code_digest(ENRICH_CODE)


def load_context(data_dir: Path) -> EnrichContext:
    """The gazetteers and cleaning rules of ``data_dir`` (each file optional)."""
    data_dir = Path(data_dir)
    warnings: list[str] = []
    site_rules = data_dir / "boilerplate.yaml"
    if site_rules.is_file() and not inside(site_rules, data_dir):
        warnings.append("boilerplate.yaml: is a link to a file outside the data folder; copy the file in "
                        "instead — the built-in rules are used")
        site_rules = data_dir / ".not-read"
    try:
        rules = load_rules(site_rules if site_rules.is_file() else None)
    except (RulesError, ValueError, TypeError) as err:  # a value YAML cannot build is the curator's too
        warnings.append(f"{err} — the built-in rules are used")
        rules = load_rules(None)
    gazetteer, gazetteer_warnings = load_gazetteer(data_dir)
    warnings += gazetteer_warnings
    digest = hashlib.sha256(code_version().encode())
    for name in ENRICH_DATA_FILES:
        path = data_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-") + b"\0")
    return EnrichContext(rules, gazetteer, digest.hexdigest(), warnings)


@dataclass(frozen=True)
class ArticleInput:
    """One input as ``enrich`` receives it: plain data, so it travels to other processes."""
    planned: PlannedInput
    root: str                            # the archive folder (links out of it are refused)
    manifest: dict = field(default_factory=dict, hash=False, compare=False)  # the manifest row's values

    def cache_key(self, context: EnrichContext, content: bytes | None = None) -> str:
        """Everything the record depends on: input bytes, sidecar, manifest row, context.
        ``content``: ``input_digest`` of the input, when the caller knows it already."""
        digest = hashlib.sha256(context.fingerprint.encode())
        p = self.planned
        for part in (p.file, p.article_id, p.format, repr(sorted(self.manifest.items())), "\n".join(p.warnings)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(p.sidecar_bytes + b"\0")
        digest.update(content if content is not None else input_digest(p.path))
        return digest.hexdigest()


def input_digest(path: str) -> bytes:
    """A digest of an input file's bytes (or of why it cannot be read)."""
    path = Path(path)
    try:
        # Only a regular file is read (a pipe would block); anything else fails in enrich.
        data = path.read_bytes() if path.is_file() else b"<not a regular file>"
    except OSError:
        data = b"<unreadable>"
    return hashlib.sha256(data).digest()


def enrich(item: ArticleInput, context: EnrichContext) -> ArticleRecord:
    """The record of one input. Never raises: any failure is a skipped record whose
    ``problem`` names the file and says what to do."""
    p = item.planned
    try:
        data = read_bytes(p.path, p.file, item.root)
        doc = parse_input(data, p.file, p.format)
        return _enrich(item, doc, context)
    except InputError as err:
        return _skipped(p, str(err))
    except Exception as err:  # a bug must not lose the article silently: it becomes a report line
        return _skipped(p, f"{p.file}: could not be processed ({type(err).__name__}: {err}); the rest of the "
                           f"archive was built — please report this file as an Arshif bug")


def enrich_file(path: Path, root: Path, context: EnrichContext, article_id: str | None = None,
                manifest: dict | None = None) -> ArticleRecord:
    """Enrich one file outside a build (scorers, ``invoke suggest``): plans it alone."""
    from .readers.core import plan_inputs  # a one-file plan gives the same sidecar handling

    path, root = Path(path), Path(root)
    planned = next(iter(plan_inputs(path.parent, only=path).inputs), None)
    if planned is None:
        raise InputError(f"{path.name}: not an article input")
    rel = path.resolve().relative_to(root.resolve()).as_posix() if root.resolve() in path.resolve().parents else path.name
    planned = PlannedInput(planned.path, rel, planned.format, article_id or planned.article_id, planned.given,
                           planned.sidecar_bytes, planned.warnings)
    return enrich(ArticleInput(planned, str(root), manifest or {}), context)


def _skipped(p: PlannedInput, problem: str) -> ArticleRecord:
    return ArticleRecord(id=p.article_id, file=p.file, format=p.format, status="skipped", problem=problem,
                         warnings=p.warnings)


# --- precedence (sidecar/front matter > manifest > detection) -------------------------------

def given_text(value, key: str, where: str, warnings: list[str]) -> str | None:
    """A curator's text value: numbers become text, invisible and bidi controls go (they
    could reorder what a reader sees), lists and mappings are refused with a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        warnings.append(f"{where}: '{key}' must be plain text, not {type(value).__name__}; ignored")
        return None
    text = clean_line(str(value))
    return text or None


def pick_text(key: str, layers: list[tuple[str, dict, str]], warnings: list[str]) -> tuple[str | None, str]:
    """(value, origin) of the first layer (origin, values, where) that gives ``key``."""
    for origin, values, where in layers:
        value = given_text(values.get(key), key, where, warnings)
        if value is not None:
            return value, origin
    return None, "none"


_WEB_URL = re.compile(r"https?://[^\s\"'<>\\]+", re.I)


def web_url(value) -> str | None:
    """Only an http(s) address may become a link (never javascript:, data:, file:)."""
    value = str(value).strip() if isinstance(value, (str, int)) else ""
    return value if value and _WEB_URL.fullmatch(value) else None


def publication_date(layers: list[tuple[str, dict, str]], dateline: str | None, declared: dict,
                     warnings: list[str]):
    """(PartialDate or None, date_source): curator layers first, then the dateline, then
    the page's own metadata. A bad curator date is a warning and detection takes over."""
    for origin, values, where in layers:
        raw = values.get("date")
        if raw is None or raw == "":
            continue
        published = parse_date_value(raw)
        if published is not None:
            return published, origin
        warnings.append(f"{where}: date {raw!r} is not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY); "
                        f"looking for a date in the text instead")
    if dateline:
        published = parse_dateline(dateline)
        if published is not None:
            return published, "text"
    if declared.get("date"):
        published = parse_date_value(declared["date"])
        if published is not None:
            return published, "page"
    return None, "none"


def given_ids(raw, key: str, gazetteer: Gazetteer, kind: str, where: str, warnings: list[str]) -> list[str] | None:
    """A curator's entity list (ids or one id), old ids followed through redirect_from;
    None when the curator gave none (detection decides)."""
    if raw is None:
        return None
    values = raw if isinstance(raw, list) else [raw]
    ids: list[str] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            warnings.append(f"{where}: {key} must be a list of ids, found {type(value).__name__}; ignored")
            continue
        entity = gazetteer.get(str(value).strip())
        if entity is None or entity.kind != kind:
            warnings.append(f"{where}: {key} id '{value}' is not in the gazetteer; add it to "
                            f"content/data/{key}.yaml (or fix the id)")
        elif entity.id not in ids:
            ids.append(entity.id)
    return ids


# --- the pipeline of one article -----------------------------------------------------------

def _enrich(item: ArticleInput, doc, context: EnrichContext) -> ArticleRecord:
    p = item.planned
    warnings = list(p.warnings) + list(doc.warnings)
    given = {**doc.front_matter, **p.given}
    layers = [("sidecar", given, f"{p.file} (sidecar)"), ("manifest", item.manifest, f"{p.file} (manifest)")]
    cleaned = clean_article(doc.raw_blocks, context.rules, curated=p.format == "markdown")
    # A curator pattern that ran out of time is switched off for this process: say so, and
    # do not cache a record that depended on it (plugins/clean/rules.py).
    pattern_trouble = list(getattr(cleaned, "warnings", []) or [])
    warnings += pattern_trouble
    blocks = tuple(cleaned.blocks)    # the record's Block and Removal already (clean.core)
    removed = tuple(cleaned.removed)
    if not blocks:
        return _skipped(p, f"{p.file}: nothing is left after cleaning ({len(removed)} lines removed as junk); "
                           f"check the file, or relax content/data/boilerplate.yaml")
    text = join_blocks(b.text for b in blocks)

    title, title_from = pick_text("title", layers, warnings)
    if title is None and cleaned.title:
        title, title_from = cleaned.title, cleaned.title_from
    if title is None and doc.declared.get("title"):
        title, title_from = clean_line(str(doc.declared["title"])), "page"
    if not title:
        first = blocks[0].text
        title, title_from = (first if len(first) <= TITLE_MAX else first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"), "lead"
    lead, _ = pick_text("lead", layers, warnings)
    section, _ = pick_text("section", layers, warnings)
    source, source_from = pick_text("source", layers, warnings)
    if source is None and cleaned.source:
        source, source_from = cleaned.source, "byline"
    if source is None and doc.declared.get("source"):
        source, source_from = clean_line(str(doc.declared["source"])), "page"
    source_url = next((u for u in (web_url(given.get("source_url")), web_url(item.manifest.get("source_url")),
                                   web_url(doc.declared.get("source_url"))) if u), None)

    published, date_source = publication_date(layers, cleaned.dateline, doc.declared, warnings)
    # One word split of title and body, for the people and places and for the dates' trigger
    # words (a superset of the body's: the dates only ask which trigger words occur).
    titled = join_blocks([title, text])
    split = split_words(titled)
    mentions = find_date_mentions(text, published, split[1])
    checks = tuple(f"{p.file}: {c}" for c in weekday_conflicts(text, mentions, published))

    found: dict[str, list[str]] = {key: [] for key in KIND_FIELDS}
    spans: list[EntityMention] = []
    offset = len(join_blocks([title, ""]))  # title and body are one text for the weak-alias rule
    for m in context.gazetteer.find_mentions(titled, split):
        key = ENTITY_KINDS[m.kind]
        if m.entity_id not in found[key]:
            found[key].append(m.entity_id)
        if m.start >= offset:
            spans.append(EntityMention(m.entity_id, m.kind, m.start - offset, m.end - offset, m.text))
    for kind, key in ENTITY_KINDS.items():
        for origin, values, where in layers:
            ids = given_ids(values.get(key), key, context.gazetteer, kind, where, warnings)
            if ids is not None:
                found[key] = ids
                break
    spans = [s for s in spans if s.id in found[ENTITY_KINDS[s.kind]]]

    redirects = given.get("redirect_from")
    redirect_from = tuple(dict.fromkeys(
        article_id_for(str(v)) for v in (redirects if isinstance(redirects, list) else [redirects])
        if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip()
        and article_id_for(str(v)) != p.article_id)) if redirects else ()
    extra = {k: v for k, v in item.manifest.items() if k.startswith("extra:")}

    return ArticleRecord(
        id=p.article_id, file=p.file, format=p.format,
        title=title, title_from=title_from, lead=lead or cleaned.lead, section=section or cleaned.section,
        source=source, source_from=source_from, source_url=source_url,
        date=published.value if published else None, date_precision=published.precision if published else None,
        date_source=date_source,
        blocks=blocks, text=text, headings=tuple(b.text for b in blocks if b.kind == "h2"), removed=removed,
        date_mentions=tuple(mentions),  # the record's DateMention already (dates.model)
        people=tuple(found["people"]), places=tuple(found["places"]), organisations=tuple(found["organisations"]),
        entity_mentions=tuple(spans), redirect_from=redirect_from,
        extra={k.removeprefix("extra:"): v for k, v in extra.items()},
        original_text=doc.original_text, encoding=doc.encoding, warnings=tuple(warnings), checks=checks,
        cacheable=not pattern_trouble,
    )
