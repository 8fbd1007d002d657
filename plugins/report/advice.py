"""What a curator should do next, as data for the report page (``report/``) and
``data/report.json``: which articles have no date or no source and how to give them one,
which publishers are not in ``sources.yaml``, which people ``invoke suggest`` would add,
and which cleaning rules removed nothing.

Pure: records in, plain data out, English keys. The report page's Arabic words are the
template's.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..cachefile import KeptValues
from ..entities.suggest import name_finder, suggest_names
from ..versions import code_digest

# How many files each finding lists by name (the counts are always complete).
MAX_FILES = 200
MAX_SOURCE_EXAMPLES = 5
MAX_SUGGESTIONS = 20
MIN_SUGGESTION_COUNT = 2   # a name seen once is more often a misreading than a person to add


@dataclass
class MissingField:
    """Built articles that lack ``field`` (``date`` or ``source``) and how to give it."""
    field: str
    count: int
    files: list[str]                 # sorted, at most MAX_FILES
    manifest_column: str             # the column of manifest.jsonl / metadata.csv that sets it
    sidecar_key: str                 # the key of NAME.yaml that sets it
    manifests: list[str]             # the manifests this archive has (add the column there), or []


@dataclass
class UnlistedSource:
    """A publisher named by articles but not in sources.yaml (its page has a hash id)."""
    name: str
    id: str                          # the id it gets until it is listed (s-…)
    articles: int
    files: list[str]                 # a few examples
    proposed_id: str | None          # an ASCII id from a Latin name; None: the curator picks one
    yaml: str                        # a sources.yaml entry to paste


@dataclass
class SuggestedPerson:
    name: str
    count: int                       # mentions over all articles
    articles: int
    titles: list[str]
    examples: list[str]
    proposed_id: str | None


@dataclass
class Advice:
    undated: MissingField
    sourceless: MissingField
    unlisted_sources: list[UnlistedSource] = field(default_factory=list)
    suggested_people: list[SuggestedPerson] = field(default_factory=list)
    unused_rules: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing to do: the report can say so."""
        return not (self.undated.count or self.sourceless.count or self.unlisted_sources
                    or self.suggested_people or self.unused_rules)

    def to_dict(self) -> dict:
        return asdict(self)


def _missing(records, name: str, manifests: list[str]) -> MissingField:
    files = sorted(r.file for r in records if not getattr(r, name))
    return MissingField(name, len(files), files[:MAX_FILES], name, name, list(manifests))


def latin_id(name: str) -> str | None:
    """'Al-Sharq Al-Awsat (aawsat.com)' -> 'al-sharq-al-awsat': an id only from a Latin
    name (never a transliteration of Arabic: ids are the curator's choice)."""
    bare = re.sub(r"\([^)]*\)", " ", name)
    if re.search(r"[^\x00-\x7f]", bare):
        return None
    ident = re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")
    return ident or None


def _yaml_entry(name: str, proposed_id: str | None) -> str:
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"- id: {proposed_id or 'CHOOSE-AN-ASCII-ID'}\n  name: {quoted}\n"


def unlisted_sources(records, catalog) -> list[UnlistedSource]:
    """Publishers the articles name that ``catalog`` (``plugins.pages.core.SourceCatalog``)
    does not list, most articles first. ``catalog.resolve`` adds them to the catalog as
    uncurated sources, as the pages stage does."""
    by_source: dict[str, list[str]] = {}
    resolved: dict[str, str | None] = {}   # publishers are named the same way article after article
    for record in records:
        name = record.source
        ident = (resolved[name] if name in resolved else resolved.setdefault(name, catalog.resolve(name))) if name \
            else None
        if ident and not catalog.sources[ident].curated:
            by_source.setdefault(ident, []).append(record.file)
    out = []
    for ident, files in by_source.items():
        name = catalog.sources[ident].name
        proposed = latin_id(name)
        out.append(UnlistedSource(name, ident, len(files), sorted(files)[:MAX_SOURCE_EXAMPLES], proposed,
                                  _yaml_entry(name, proposed)))
    out.sort(key=lambda s: (-s.articles, s.name))
    return out


def suggested_people(records, gazetteer, limit: int = MAX_SUGGESTIONS, min_count: int = MIN_SUGGESTION_COUNT,
                     max_articles: int | None = None, cache: Path | None = None) -> list[SuggestedPerson]:
    """The names ``invoke suggest`` would propose (``suggest_names`` over each built
    article's title and text), the ``limit`` most frequent seen at least ``min_count`` times.
    It reads every text: about 1.2 ms an article on one core (2,000 corpus articles: 2.4 s),
    so ``max_articles`` can bound it to the newest N (the names a curator meets first).
    ``cache``: a folder where what each text gave is kept (``_FoundMemo``), so a build reads
    only the texts that changed."""
    chosen = list(records)
    if max_articles is not None and len(chosen) > max_articles:
        chosen.sort(key=lambda r: (r.date or "", r.id), reverse=True)
        chosen = chosen[:max_articles]
    texts = (f"{r.title}\n\n{r.text}" for r in chosen)
    memo = _FoundMemo(Path(cache), gazetteer) if cache is not None else None
    out = []
    for s in suggest_names(texts, gazetteer, find=memo.find if memo else None):
        if s.count < min_count or len(out) >= limit:
            break  # suggest_names gives the most frequent first
        out.append(SuggestedPerson(s.name, s.count, s.articles, list(s.titles), list(s.examples), s.proposed_id))
    if memo is not None:
        memo.save()
    return out


class _FoundMemo:
    """``name_finder(gazetteer)`` of each text an earlier build read, by a hash of the text,
    kept with what else decides it (the gazetteer's names and the code); entries no
    longer asked for are dropped."""

    FORMAT = "arshif-suggest-2"

    def __init__(self, folder: Path, gazetteer):
        self.gazetteer = gazetteer
        context = hashlib.sha256(code_digest(("entities", "arabic", "report")).encode() + pickle.dumps(
            sorted((e.id, repr(e)) for e in gazetteer.entities.values()))).hexdigest()
        self.kept = KeptValues(folder / "suggested.pickle", self.FORMAT, context)
        self._find = None

    def find(self, text: str) -> list:
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()
        return self.kept.get(key, lambda: list(self._finder()(text)))

    def _finder(self):
        if self._find is None:
            self._find = name_finder(self.gazetteer)
        return self._find

    def save(self) -> None:
        self.kept.save()


def unused_rules(rule_counts: Mapping[str, int], rule_names: Iterable[str]) -> list[str]:
    """The rules (cleaning reasons such as ``read_more_ad``, or any named rule) that removed
    nothing in this build, sorted. ``rule_counts`` is the report's removals per rule."""
    return sorted({n for n in rule_names if not rule_counts.get(n)})


def rule_names(rules) -> list[str]:
    """Every removal reason a ``plugins.clean.rules.Rules`` can give from its data (built-in
    and boilerplate.yaml): the reasons of drop_lines, drop_patterns, strip_prefixes and
    tail_patterns, and 'cut_marker' when there are markers. Reasons that come from the
    cleaning code rather than from data (empty, duplicate, dateline…) are not rules a
    curator can remove, so they are not listed."""
    names = set(getattr(rules, "drop_lines", {}).values())
    for key in ("drop_patterns", "strip_prefixes", "tail_patterns"):
        names.update(reason for _, reason in getattr(rules, key, []))
    if getattr(rules, "cut_markers", None):
        names.add("cut_marker")
    return sorted(names)


def advise(records, catalog, *, suggestions: list[SuggestedPerson] | None = None,
           rule_counts: Mapping[str, int] | None = None, rules_named: Iterable[str] = (),
           manifests: Iterable[str] = ()) -> Advice:
    """Everything above for the built ``records`` (skipped ones are the report's inputs
    list). ``suggestions``: ``suggested_people(records, gazetteer)``, computed by the caller
    (it reads every text once; pass [] to leave it out). ``rule_counts``: removals per rule
    (``BuildReport.removed_by_rule``); ``rules_named``: every rule (``rule_names(rules)``);
    ``manifests``: the manifest files read (``Manifest.read``)."""
    built = [r for r in records if getattr(r, "built", True)]
    manifests = list(manifests)
    return Advice(
        undated=_missing(built, "date", manifests),
        sourceless=_missing(built, "source", manifests),
        unlisted_sources=unlisted_sources(built, catalog),
        suggested_people=list(suggestions or []),
        unused_rules=unused_rules(Counter(rule_counts or {}), rules_named),
    )
