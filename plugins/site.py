"""Arshif's Pelican glue: the whole build as a table of contents.

Pelican runs one generator, ``ArshifGenerator``; its two methods call the stages in the
order DESIGN.md gives (``STAGES``, pinned by a test). Everything between stages is plain
data: the input plan, one ``ArticleRecord`` per input, the events, the archive view.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, NamedTuple

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader

from . import settings as arshif_settings
from .arabic import to_arabic_digits
from .arabic.numbers import count_ar, noun_forms_json
from .dates.core import format_date_ar, hijri_ar
from .enrich import ArticleInput, load_context
from .events.core import build_events, curated_days, event_source, event_sources, prepared
from .mapping import (ForkedCall, RecordCache, RecordDigests, StageMemo, enrich_all, hold_for_the_build,
                      no_collections, progress_bar, release_after_the_build, worker_count)
from .pages import views
from .pages.core import SourceCatalog, entity_url, event_url, export_events, site_href, source_url
from .pages.output import OutputLedger
from .pages.safety import once_per_text, visible
from .pages.writer import PageWriter
from .readers.core import plan_inputs
from .readers.data import load_data_file
from .readers.manifest import read_manifests
from .report.advice import advise, rule_names, suggested_people
from .report.core import BuildReport
from .search.build import SearchBuild
from .search.offline import OFFLINE_DIR
from .versions import code_digest

log = logging.getLogger("arshif")

STAGES = ("read", "clean", "dates", "entities", "events", "pages", "search", "report")


class ArshifGenerator(Generator):
    """read -> clean -> dates -> entities (per article, ``enrich``) -> events -> pages ->
    search -> report."""

    def generate_context(self):
        # What the last build in this process held (autoreload, tests) may be collected now; a
        # build's own hold is not released at its end, where the process usually exits: the
        # interpreter's last collection would rescan all of it (1.2 s at 20k).
        release_after_the_build()
        _let_go_of_unsettled()
        self.report = BuildReport()
        self.timings: dict[str, float] = {}
        self.search_timings: dict[str, float] = {}
        self.events_ahead: _EventsAhead | None = None
        self.events_beside: dict = {}   # how the events worked out beside the pages went (timings file)
        self.ledger: OutputLedger | None = None
        self.events_early = self._start_events_early()
        with self._timed("read"):
            manifest, plan, context = self._read()
        with self._timed("clean, dates, entities"):
            records = self._enrich(manifest, plan, context)
        hold_for_the_build()
        built = self._take(records)
        with self._timed("events"):
            events = self._events(built)
        with self._timed("pages"):
            self.archive = self._archive(built, events, context)
        hold_for_the_build()
        with self._timed("report"):
            self.advice = self._advice(built, context, manifest)

    def _read(self):
        """The manifests, the input plan and the curated data, their problems reported."""
        articles_dir = arshif_settings.articles_path(self.settings)
        manifest = read_manifests(articles_dir, cache=self._cache_folder("read"))
        plan = plan_inputs(articles_dir, manifest.slugs())
        for message in manifest.warnings + manifest.check_coverage([p.file for p in plan.inputs]):
            self._warn(message)
        for message in plan.warnings:
            self._warn(message)
        for name, reason in plan.not_articles.items():
            self._skip(name, reason)
        context = load_context(arshif_settings.data_path(self.settings))
        for message in context.warnings:
            self._warn(message)
        return manifest, plan, context

    def _enrich(self, manifest, plan, context) -> list:
        """One record per input: from the cache, else enriched on every core or on Dask."""
        s = self.settings
        root = str(arshif_settings.articles_path(s).resolve())
        items = [ArticleInput(p, root, manifest.row_for(p.file) or {}) for p in plan.inputs]
        cache_path = arshif_settings.value(s, "ARSHIF_CACHE_PATH")
        records, self.enrich_counts, keys = enrich_all(
            items, context, cache=RecordCache(Path(cache_path)) if cache_path else None,
            workers=int(arshif_settings.value(s, "ARSHIF_WORKERS") or 0),
            scheduler=arshif_settings.value(s, "ARSHIF_SCHEDULER"),
            progress=progress_bar(arshif_settings.value(s, "ARSHIF_PROGRESS")))
        # A record's cache key decides it: the search shards' keys use it as its digest.
        self.record_keys = {r.id: k for r, k in zip(records, keys) if k is not None and r.cacheable}
        return records

    def _take(self, records) -> list:
        """Every record into the report (and its warnings into the log); the built ones."""
        for record in records:
            self.report.add_record(record)
            for message in record.warnings:
                log.warning("%s", message)
            if not record.built:
                log.warning("%s", record.problem)
        return [r for r in records if r.built]

    def _events(self, built):
        """Curated and automatic events (an ``EventsResult``)."""
        s = self.settings
        data_dir = arshif_settings.data_path(s)
        entries, problem = load_data_file(data_dir / "events.yaml", data_dir)
        if problem:
            self._warn(problem)
        # The stage reads a projection of each record (EventSource) and nothing else: with
        # equal projections, events.yaml, settings and code, the last result holds if this
        # build's previous events are the ones it was made from or its own export (an
        # automatic event keeps its id: a result is its own fixed point).
        # The key hashes each projection's digest, kept by the record's cache key from the
        # last build (RecordDigests): only the records that changed are projected.
        previous = _previous_events.get(id(s))
        limits = (int(arshif_settings.value(s, "ARSHIF_EVENT_MIN_ARTICLES")),
                  int(arshif_settings.value(s, "ARSHIF_EVENT_MIN_SOURCES")))
        folder = self._cache_folder("events")
        memo = StageMemo(folder, "events") if folder else None
        key, kept, digests, projected = "", None, None, None
        if memo:
            code, days = code_digest(("events", "arabic")), curated_days(entries)
            digests = RecordDigests(folder, "events", memo.key(code, days))
            projected = [(self.record_keys.get(r.id), lambda r=r: event_source(r, days)) for r in built]
            parts = [digests.digest(*item) for item in projected]
            key = memo.key(code, parts, entries, limits)
            kept = memo.get(key)
        result = kept[0] if kept and _json_digest(previous) in kept[1:] else None
        if result is None:
            def work_out():
                # The unchanged records' projections from the last time the stage ran: 200,000
                # small objects at 20k, none in a cycle (the collector would rescan them: 0.6 s).
                with no_collections():
                    sources = digests.projections(projected) if digests else event_sources(built, entries)
                events = build_events(sources, entries, previous=previous,
                                      min_articles=limits[0], min_sources=limits[1])
                if digests:
                    digests.save()
                return events
            # After an edit the events mostly come out as the last build's: the pages and the
            # search are written from those while another process works the events out, and
            # written again (the unchanged pages kept) only if they came out otherwise.
            forking = memo and worker_count(arshif_settings.value(s, "ARSHIF_WORKERS")) > 1
            last = (kept or memo.get(None)) if forking else None   # the last result, whatever its key
            if last:
                result = last[0]
                here = partial(_with_seconds, work_out)
                forked, self.events_early = self.events_early, None
                if forked is not None:   # started before the read: it has the projections file read
                    forked.send((digests.context, digests.lacking(projected), entries, previous, limits))
                    digests.save_digests()
                else:
                    forked = _unsettled(ForkedCall(here))
                self.events_ahead = _EventsAhead(forked, here, result, memo, key, previous,
                                                 len(self.report.warnings))
            else:
                result = work_out()
                if memo:
                    _keep_events(memo, key, result, previous)
        elif digests:
            digests.save()
        if self.events_early is not None:   # not needed
            self.events_early.cancel()
            self.events_early = None
        for message in result.warnings:
            self._warn(message)
        return result   # the projections go with this frame, not through the pages and the search

    def _start_events_early(self) -> ForkedCall | None:
        """When this build may work the events out beside the pages (a last result is kept,
        and more than one core), a process that reads the last projections (and works out
        each article's part) while this one reads and enriches: 1 s less after an edit."""
        folder = self._cache_folder("events")
        if (not folder or worker_count(arshif_settings.value(self.settings, "ARSHIF_WORKERS")) <= 1
                or not StageMemo(folder, "events").file.exists()):
            return None
        return _unsettled(ForkedCall(_events_from_early, ahead=partial(_events_early, folder)))

    def _archive(self, built, events, context):
        """The archive's view (pages/views.py) of the records, events, entities and sources."""
        data_dir = arshif_settings.data_path(self.settings)
        entries, problem = load_data_file(data_dir / "sources.yaml", data_dir)
        self.sources = sources = SourceCatalog(entries)
        for message in ([problem] if problem else []) + sources.warnings:
            self._warn(message)
        self.make_archive = lambda events: views.build_archive(
            built, events.events, events.article_events, context.gazetteer, sources,
            record_keys=self.record_keys, cache=self._cache_folder("pages"))
        return self.make_archive(events)

    def _advice(self, built, context, manifest):
        """What the report advises a curator (people to add, rules that fire, sources)."""
        # The newest 2,000 articles are enough to show a curator who is missing (reading
        # every text costs ~1 ms an article; invoke suggest reads them all).
        suggestions = suggested_people(built, context.gazetteer, limit=20, min_count=2, max_articles=2000,
                                       cache=self._cache_folder("report"))
        return advise(built, self.sources, suggestions=suggestions, rule_counts=self.report.removed_by_rule,
                      rules_named=rule_names(context.rules), manifests=manifest.read)

    def _write_pages_and_search(self, writer) -> None:
        s = self.settings
        # The search stage starts first and finishes after the pages: its first Pagefind run
        # (after an edit, usually its only one) indexes while the pages are written.
        search = None
        if arshif_settings.value(s, "ARSHIF_SEARCH"):
            with self._timed("search"):
                search = SearchBuild(self.archive, self.get_template("search_record"), Path(self.output_path),
                                     offline=bool(s.get("OFFLINE")),
                                     workers=worker_count(arshif_settings.value(s, "ARSHIF_WORKERS")),
                                     timings=self.search_timings, cache=self._cache_folder("search"),
                                     record_keys=self.record_keys, give_way=self.events_ahead is not None)
                search.start()
        try:
            with self._timed("pages"):
                # The ledger of the output folder (pages/output.py): unchanged pages are kept, and at
                # the end (_sweep) files no stage produced are removed, instead of emptying the folder.
                cache_path = arshif_settings.value(s, "ARSHIF_CACHE_PATH")
                if self.ledger is None:
                    self.ledger = _ledgers[id(s)] = OutputLedger(Path(self.output_path),
                                                                 Path(cache_path) if cache_path else None,
                                                                 s.get("OUTPUT_RETENTION"))
                PageWriter(self, writer, self.archive, self._report_data, self._warn, self._site_info(),
                           ledger=self.ledger).write_all()
            if search:
                with self._timed("search"):
                    count = search.finish()
                    log.info("Pagefind indexed %d articles", count)
                    # finish empties the index's folder and writes it whole: the sweep need not walk it
                    self.ledger.produced_whole([OFFLINE_DIR if s.get("OFFLINE") else "pagefind"])
        finally:
            if search:
                search.close()

    def generate_output(self, writer):
        warnings_before = len(self.report.warnings)
        self._write_pages_and_search(writer)
        events = self._settle_events() if self.events_ahead else None
        if events is not None:   # not the last build's, which the pages were written from
            log.info("the events differ from the last build's: pages and search written again from them")
            del self.report.warnings[warnings_before:]   # the pages' own warnings come again
            self._replace_events_warnings(events)
            with self._timed("pages"):
                self.archive = self.make_archive(events)
            self.ledger.again()
            self._write_pages_and_search(writer)
        with self._timed("report"):
            self._write_report()

    def _settle_events(self):
        """The events worked out beside the pages (``events_ahead``), kept for the next build;
        None when they are the last build's, which the pages were written from."""
        ahead = self.events_ahead
        with self._timed("events"):
            result, seconds = ahead.forked.result(ahead.here)
            _keep_events(ahead.memo, ahead.key, result, ahead.previous)
        otherwise = result != ahead.guess
        self.events_beside = {"seconds": round(seconds, 2), "pages written again": otherwise}
        return result if otherwise else None

    def _replace_events_warnings(self, events) -> None:
        """The report's warnings of the last build's events, which ``_events`` logged, become
        these events' (in their place: before the pages', as in a clean build)."""
        at, guess = self.events_ahead.warnings_at, self.events_ahead.guess
        self.report.warnings[at:at + len(guess.warnings)] = [self._public(m) for m in events.warnings]
        for message in events.warnings:
            log.warning("%s", self._public(message))

    def _cache_folder(self, part: str) -> Path | None:
        """A part of the build's cache folder (ARSHIF_CACHE_PATH), or None without a cache."""
        folder = arshif_settings.value(self.settings, "ARSHIF_CACHE_PATH")
        return Path(folder) / part if folder else None

    def _site_info(self) -> views.SiteInfo:
        # SOURCE_DATE_EPOCH (reproducible-builds.org): the date a citation gives as "accessed".
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() else datetime.now(timezone.utc)
        return views.SiteInfo(self.settings["SITENAME"], self.settings.get("SITEURL") or None, when.date().isoformat())

    # --- the report ------------------------------------------------------------------------------

    def _report_data(self) -> dict:
        data = self.report.to_dict()
        data["advice"] = self.advice.to_dict()
        return data

    def _public(self, message: str) -> str:
        """The report is published: folders of this machine are named relative to the archive."""
        for folder, name in ((arshif_settings.data_path(self.settings), "data"),
                             (arshif_settings.articles_path(self.settings), "articles"),
                             (Path(self.settings["PATH"]), "")):
            for form in {str(folder), str(folder.resolve())}:
                message = message.replace(form + "/", f"{name}/" if name else "").replace(form, name or ".")
        return message

    def _warn(self, message: str) -> None:
        message = self._public(message)
        log.warning("%s", message)
        self.report.warn(message)

    def _skip(self, name: str, reason: str) -> None:
        reason = self._public(reason)
        log.warning("%s", reason)
        self.report.skipped(name, reason)

    def _timed(self, stage: str):
        generator = self

        class _Timer:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                generator.timings[stage] = generator.timings.get(stage, 0.0) + time.perf_counter() - self.start
        return _Timer()

    def _write_report(self) -> None:
        data = self._report_data()
        out = Path(self.output_path) / "data"
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                                         encoding="utf-8")
        counts = data["counts"]
        # Pelican's own closing line counts its own readers' articles (none); this one is Arshif's.
        print(f"Arshif: {counts['built']} articles built, {counts['skipped']} inputs skipped, "
              f"{counts['warnings']} warnings (report/ and data/report.json); enriched "
              f"{self.enrich_counts['enriched']}, from cache {self.enrich_counts['cached']}")
        log.info("stage seconds: %s", ", ".join(f"{k} {v:.1f}" for k, v in self.timings.items()))
        timings_file = os.environ.get("ARSHIF_TIMINGS_FILE")  # for invoke bench; never part of the site
        if timings_file:
            Path(timings_file).write_text(json.dumps({"stages": {k: round(v, 2) for k, v in self.timings.items()},
                                                      "search": {k: round(v, 2) for k, v in self.search_timings.items()},
                                                      "events beside the pages": self.events_beside,
                                                      **self.enrich_counts}))
        if arshif_settings.value(self.settings, "ARSHIF_STRICT") and (counts["skipped"] or counts["warnings"]):
            log.error("Strict build failed: %d inputs skipped and %d warnings (listed above and in "
                      "data/report.json); fix them or build without --strict", counts["skipped"], counts["warnings"])
            raise SystemExit(1)  # not an exception: Pelican would print a traceback


def check_output_path(output: Path, content: Path) -> str | None:
    """Why ``output`` may not be written, or None. It may never be, contain or sit inside the
    archive's inputs: the build removes every file of the output folder it did not produce."""
    out, inputs = output.resolve(), content.resolve()
    if out == inputs or inputs in out.parents:
        return f"the output folder {output} is inside the archive folder {content}; building there would mix the site with (or delete) the inputs — choose another --output"
    if out in inputs.parents:
        return f"the output folder {output} contains the archive folder {content}; the build removes from the output folder every file it did not produce, which would delete the inputs — choose another --output"
    return None


def _json_digest(value) -> str:
    """A hash of ``value`` as JSON writes it (what data/events.json holds and gives back)."""
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _keep_events(memo: StageMemo, key: str, result, previous) -> None:
    """The events stage's result for the next build, with what it was made from: the previous
    build's events, and its own export (an automatic event keeps its id: a result is its own
    fixed point)."""
    memo.put(key, (result, _json_digest(previous), _json_digest(export_events(result.events))))


def _with_seconds(function):
    """``(function(), the seconds it took)``."""
    start = time.perf_counter()
    return function(), time.perf_counter() - start


def _events_early(folder: Path):
    """In the process started ahead: the last projections, and each one's own part."""
    with no_collections():
        context, values = RecordDigests.read_ahead(folder, "events")
        return folder, context, values, prepared(values.values())


def _events_from_early(early, message):
    """In the process started ahead: the events of the build's projections (``message``:
    what ``_events`` sends), the projections file kept; with the seconds they took."""
    start = time.perf_counter()
    folder, file_context, values, ahead = early
    context, lacking, entries, previous, limits = message
    digests = RecordDigests(folder, "events", context)
    with no_collections():
        sources = digests.projections_with((file_context, values), lacking)
    events = build_events(sources, entries, previous=previous, min_articles=limits[0], min_sources=limits[1],
                          ahead=ahead)
    digests.save_projections()
    return events, time.perf_counter() - start


class _EventsAhead(NamedTuple):
    """The events being worked out in another process while the pages are written from the
    last build's (``guess``), and what keeping them takes; ``here``: how to work them out in
    this process if the other fails."""
    forked: ForkedCall
    here: Callable
    guess: object          # EventsResult
    memo: StageMemo
    key: str
    previous: list | None
    warnings_at: int       # where the report's events warnings begin


# Processes a build forked and has not joined yet: a build that stopped on an error (in a
# process that goes on: tests, a server) lets them go when the next one starts.
_forked: list[ForkedCall] = []


def _unsettled(forked: ForkedCall) -> ForkedCall:
    _forked.append(forked)
    return forked


def _let_go_of_unsettled() -> None:
    while _forked:
        _forked.pop().cancel()


# The last build's events (its data/events.json), read before this build writes the output
# folder: automatic events keep their ids, and ids that merged away redirect (events/core.py).
_previous_events: dict[int, list] = {}


def _check_paths(pelican):
    problem = check_output_path(Path(pelican.output_path), Path(pelican.settings["PATH"]))
    if problem:
        log.error("%s", problem)
        raise SystemExit(2)  # before anything is deleted; not an exception (no traceback)
    try:
        previous = json.loads((Path(pelican.output_path) / "data" / "events.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    _previous_events[id(pelican.settings)] = previous if isinstance(previous, list) else None


# The output ledger of each build, swept once every generator (Pelican's theme files too) has written.
_ledgers: dict[int, OutputLedger] = {}


def _sweep(pelican):
    ledger = _ledgers.pop(id(pelican.settings), None)
    if ledger is not None:
        start = time.perf_counter()
        removed = ledger.sweep()
        log.info("output: %d files written, %d unchanged, %d left over from the last build removed (%.1f s)",
                 ledger.counts["written"], ledger.counts["kept"], len(removed), time.perf_counter() - start)


def _add_filters(generator):
    # ARSHIF_DIGITS: "western" (0-9, as most of the sources write) or "arabic-indic" (٠-٩).
    indic = arshif_settings.value(generator.settings, "ARSHIF_DIGITS") == "arabic-indic"
    digits = (lambda v: to_arabic_digits(str(v))) if indic else (lambda v: str(v))
    date_ar = once_per_text(lambda v: digits(format_date_ar(v)))   # each date written out once a build
    hijri = once_per_text(lambda v: digits(hijri_ar(v) or ""))
    generator.env.filters.update({
        "date_ar": lambda v: date_ar(v) if v else "غير مؤرخ",
        "hijri_ar": lambda v: hijri(v) if v else "",
        "digits": digits,
        "entity_url": lambda e: entity_url(e.kind, e.id),
        "event_url": event_url,
        "source_url": source_url,
        "count_ar": lambda n, key, case="nominative": count_ar(n, key, "arabic-indic" if indic else "western", case),
        "noun_forms": noun_forms_json,
    })
    generator.env.globals["href"] = _href


# A link in a template, {{ href(url) }}: a function, not a macro, as pages print ~30 each and
# a Jinja macro call costs several times a function's. It prints what the macro printed.
@pass_context
def _href(context, url) -> Markup:
    return Markup(site_href(escape(visible(context.get("SITEURL"))), escape(visible(url)),
                            bool(context.get("OFFLINE"))))


def _get_generators(pelican):
    return ArshifGenerator


def _no_pelican_articles(generator):
    # Arshif reads the articles itself (the read stage); Pelican's readers are switched off
    # (READERS), all but its base reader of static files, yet its article generator would
    # still walk every input for files it could read: 0.4 s of a 20k rebuild for nothing.
    if all(type(reader) is BaseReader for reader in generator.readers.readers.values()):
        generator.get_files = lambda *args, **kwargs: set()


def register():
    signals.initialized.connect(_check_paths)
    signals.generator_init.connect(_add_filters)
    signals.get_generators.connect(_get_generators)
    signals.article_generator_init.connect(_no_pelican_articles)
    signals.finalized.connect(_sweep)
