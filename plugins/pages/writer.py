"""The writer: one short method per page kind, each rendering a view (``views.py``) with the
theme's template, as Pelican's writer renders it (``_render``), into the output folder
(``_write``). Reads as the site's table of contents."""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
import re
from functools import partial
from pathlib import Path

from ..arabic import to_arabic_digits
from ..dates.core import format_date_ar
from ..entities.gazetteer import Gazetteer
from ..mapping import fork_map, worker_count
from ..entities.model import Entity
from ..events.core import Event
from ..record import ENTITY_KINDS, ArticleRecord
from . import seo, views
from .charts import mentions_svg
from .csvexport import BOM, EXPORT_COLUMNS, csv_for, csv_header, csv_line, csv_name, row_columns
from .core import Source, export_article, export_entities, export_events
from .feeds import atom_feed
from .jsontext import dumps_indented
from .output import (LEDGER_FORMAT, Digest, OutputLedger, _blake, _plain, digest_of as _digest_of, environment_key,
                     load_pickle, save_pickle)

PAGE_WRITER_RENEW = 2   # shares per writer process, each in a fresh fork (mapping.fork_map)

_CODE = Path(__file__).resolve().parent.parent   # the plugins package: every page's code


class PageWriter:
    def __init__(self, generator, writer, archive: views.Archive, report_data, warn, site: views.SiteInfo,
                 ledger: OutputLedger | None = None):
        self.generator, self.writer, self.archive, self.site = generator, writer, archive, site
        self.warn = warn                # curator-facing problems met while writing (go to the report)
        self.settings = generator.settings
        self.output = Path(generator.output_path)
        self.report_data = report_data  # called at the end: the report must see every warning
        self.offline = bool(self.settings.get("OFFLINE"))
        self.written: list[str] = []
        # ledger: pages whose key and file are unchanged since the last build are not written
        # again (output.py); None writes every page.
        self.ledger = ledger if ledger is not None and ledger.remembers else None
        self.digest = None
        self._article_base = None
        self._world: bytes | None = None   # what every article and entity page reads besides its records
        self._cards_key: bytes | None = None   # every card, in listing order
        self.jobs: _JobMemo | None = None
        self._root = str(self.output) + os.sep
        self._folders: set[str] = set()    # folders this process made or found (one mkdir per folder)
        self._files: set[str] = set()      # files written, as Pelican's writer refuses a second write
        self._templates: dict = {}
        if self.ledger is not None:
            # All the pipeline's code but the search stage's (no page imports it; it runs after).
            code = [p for p in sorted(_CODE.iterdir()) if p.name not in ("search", "__pycache__")]
            folders = [*code, Path(generator.theme), *map(Path, self.settings.get("THEME_TEMPLATES_OVERRIDES") or [])]
            self.digest = Digest(environment_key(generator.context, folders),
                                 leaves=(ArticleRecord, views.ArticleCard, Event, Entity, Source))

    def write_all(self) -> None:
        if self.digest is not None:  # every page kind reads records: digest each once
            # A record the record cache has a key for is digested by that key (it decides the
            # record); the others are pickled, on every core.
            records, keys = self.archive.records, getattr(self.generator, "record_keys", None) or {}
            rest = self.digest.learn_keys(records, [keys.get(r.id) for r in records])
            self.digest.learn(rest, fork_map(self.digest.shared, rest, worker_count(self.settings.get("ARSHIF_WORKERS"))))
            cards = list(self.archive.cards.values())
            self.digest.learn(cards, [_card_digest(self.digest, c) for c in cards])
            self._world = self._world_key()
            self.jobs = _JobMemo(self.ledger.file.with_name(self.ledger.file.stem + ".jobs.pickle"))
        self.home()
        self.redirects()   # the last page that may warn: the report, written next, holds every warning
        # Forked writers, on every core, for every page that depends on no other (the lists,
        # events, sources and report no longer wait on one core). First the articles, with
        # those pages as one job each, dealt to the writers in turn (the article lists to one;
        # the sources, events and report to the other); kept article pages are found first,
        # here (~15 us an article): no job is made for them. Then the entities' pages, in new
        # writers: what each writer copied of the build's memory is let go between the two (one
        # pool for both peaks 0.1 GB higher at 20,000 articles).
        self._in_parallel([self._cards_job("lists", self.article_lists), self._cards_job("sources", self.sources),
                           self.search, self._cards_job("events", self.events), self.not_found, self.report,
                           self._cards_job("timeline", self.timeline), self.data,
                           *[job for job in map(self._article_job, self.archive.records) if not self._article_kept(job)]])
        self._in_parallel([*[partial(self.entity_index, kind) for kind in ENTITY_KINDS],
                           *[self._entity_job(page) for kind in ENTITY_KINDS
                             for page in views.entity_index_view(self.archive, kind)["entity_pages"]]])
        # The export holds ~0.4 GB at its peak (20,000 articles): made after the writers have
        # ended, as before, not beside them (the build's peak memory).
        self.export()
        self.sitemap()  # lists every page written
        if self.jobs is not None:
            self.jobs.save()

    def _world_key(self) -> bytes | None:
        """A digest of everything an article's page or an entity's pages read besides their own
        records (``views.article_inputs``, ``entity_page_views``): the code, theme and settings,
        the site, every entity, event and source, and which source each article is from. When
        it and a page's records are the same as last build's, so is the page's key (_JobMemo)."""
        a = self.archive
        return self.digest.key_of("world", self.offline, self.site, a.gazetteer.entities, a.events,
                                  a.article_events, a.source_of, a.sources.sources)

    def _cards_job(self, name: str, method):
        """``method()``, a job that reads of the articles only their cards in listing order (the
        article lists, sources, events, timeline), memoised by the world and those cards."""
        if self._world is None:
            return method
        if self._cards_key is None:
            shared, cards = self.digest.shared, self.archive.cards
            self._cards_key = _blake(b"".join([shared(cards[r.id]) for r in self.archive.newest]))
        job = partial(method)
        job.memo = (f"job:{name}", _blake(self._world + name.encode() + b"\0" + self._cards_key))
        return job

    def _entity_job(self, page):
        """``_entity(page)``, memoised by the entity and the records it quotes (``_in_parallel``)."""
        job = partial(self._entity, page)
        if self._world is not None:
            shared = self.digest.shared
            job.memo = (f"entity:{page.entity.kind}:{page.entity.id}", _blake(b"".join(
                [self._world, page.url.encode("utf-8", "surrogatepass"), b"%d\0" % self.page_size,
                 *[shared(ap.record) for ap in page.appearances]])))
        return job

    # --- one method per page kind ------------------------------------------------------------

    def home(self):
        view = views.home_view(self.archive)
        self._page("index.html", "index", "home", _shown=views.home_shown(view), **view)

    def article_lists(self):
        for save_as, context in views.articles_pages(self.archive, self.page_size):
            self._page(save_as, "articles", "articles", **context)

    def _article(self, record):
        # Keyed by what the view reads (views.article_inputs): an unchanged page is not even viewed.
        save_as = self.settings["ARTICLE_SAVE_AS"].format(slug=record.id)
        self._page(save_as, "article", "article", _key=self._article_key(save_as, record),
                   _view=lambda: views.article_view(self.archive, record, self.offline, self.site))
        self._bytes(f"articles/{record.id}/original.txt", lambda: record.original_text.encode("utf-8"),
                    self._original_key(record))

    def _original_key(self, record) -> bytes | None:
        """original.txt is the record's text: the record's digest is its key."""
        return _blake(b"original.txt\0" + self.digest.shared(record)) if self.ledger is not None else None

    def _article_job(self, record):
        """``_article(record)``, memoised (``_in_parallel``) by the world and the record's digest:
        as last build, its page and original are kept without making their keys."""
        job = partial(self._article, record)
        if self._world is not None:
            save_as = self.settings["ARTICLE_SAVE_AS"].format(slug=record.id)
            job.memo = (save_as, _blake(self._world + save_as.encode("utf-8", "surrogatepass")
                                        + self.digest.shared(record)))
        return job

    def _article_kept(self, job) -> bool:
        """True when the ledger has this article's page and original from the same keys (both
        kept and counted as written for the sitemap); else ``_article`` makes what is missing."""
        if self.ledger is None:
            return False
        memo = getattr(job, "memo", None)
        if self._job_kept(memo):
            return True
        record = job.args[0]
        save_as = self.settings["ARTICLE_SAVE_AS"].format(slug=record.id)
        if not self.ledger.remembered(save_as):
            return False   # nothing to keep (a cold build): the writer makes the keys, once
        original = f"articles/{record.id}/original.txt"
        key, original_key = self._article_key(save_as, record), self._original_key(record)
        if not (self.ledger.fresh(save_as, key) and self.ledger.fresh(original, original_key)):
            return False
        url = save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as
        self.written.append(url)
        if memo is not None:
            self.jobs.new[memo[0]] = (memo[1], ([url], [(save_as, key), (original, original_key)]))
        return True

    def _article_key(self, save_as: str, record) -> bytes | None:
        """``key_of(save_as, "article", "article", (article_inputs, offline, site))`` written out
        for 20,000 pages a build: each part's digest (records, cards, entities and events are
        digested once a build), tagged, one blake2b."""
        if self.ledger is None:
            return None
        if self._article_base is None:
            self._article_base = self.digest.key_of("article", "article", self.offline, self.site)
        shared = self.digest.shared
        record, card, entities, events = views.article_inputs(self.archive, record)
        parts = [self._article_base, save_as.encode("utf-8", "surrogatepass"), b"\0", shared(record), shared(card),
                 b"%d:" % len(entities)]
        parts += [b"@" + shared(e) if e is not None else b"-" for e in entities]
        parts.append(b"%d:" % len(events))
        parts += [b"@" + shared(e) if e is not None else b"-" for e in events]
        return _blake(b"".join(parts))

    def entity_index(self, kind):
        view = views.entity_index_view(self.archive, kind)
        self._page(f"{ENTITY_KINDS[kind]}/index.html", "entities", ENTITY_KINDS[kind],
                   _shown=views.entity_index_shown(view), **view)

    def _entity(self, page):
        kind = page.entity.kind
        chart = mentions_svg(page.counts_by_month, f"عدد المقالات التي تذكر {page.entity.name} كل شهر",
                             self.month_label, digits=self.settings.get("ARSHIF_DIGITS", "western"))
        shown = common = None
        if self.ledger is not None:   # digested once for the feed and every numbered page
            card = self.digest.shared
            shown = [card(c) + s.encode("utf-8", "surrogatepass") for c, s in views.entity_feed_shown(self.archive, page)]
            common = self.digest.key_of(views.entity_page_common(page))
        self._feed(f"{page.url}feed.xml", f"{page.entity.name} — {self.settings['SITENAME']}", page.url,
                   lambda: views.entity_feed_items(page), shown=shown)
        for url, context in views.entity_page_views(self.archive, page, self.page_size, chart, self.site):
            self._page(f"{url}index.html", kind, ENTITY_KINDS[kind],
                       _shown=views.entity_page_shown(self.archive, context, shown, common), **context)

    def events(self):
        for event, context in views.event_views(self.archive, self.site):
            self._page(f"events/{event.id}/index.html", "event", "events", **context)
        self._feed("events/feed.xml", f"الأحداث — {self.settings['SITENAME']}", "events/",
                   views.events_feed_items(self.archive))
        self._page("events/index.html", "events", "events", **views.events_view(self.archive))

    def timeline(self):
        self._page("timeline/index.html", "timeline", "timeline", **views.timeline_view(self.archive))

    def sources(self):
        view = views.sources_view(self.archive)
        self._page("sources/index.html", "sources", "sources", _shown=views.sources_shown(view), **view)
        for source in views.listed_sources(self.archive):
            for save_as, context in views.source_pages(self.archive, source, self.page_size):
                self._page(save_as, "source", "sources", **context)

    def search(self):
        self._page("search/index.html", "search", "search")

    def not_found(self):
        self._page("404.html", "404", "404")

    def data(self):
        self._page("data/index.html", "data", "data", counts=self.archive.counts())

    def redirects(self):
        """Old ids (redirect_from) of articles, entities and events lead to the current page,
        unless a real page has that address."""
        problems: list[str] = []
        for target, old in redirect_pairs(self.archive, problems):
            self._page(f"{old}index.html", "redirect", "redirect", target=target)
        for message in problems:
            self.warn(message)

    def report(self):
        report = self.report_data()   # plain data (it is report.json): digested by one C pickle
        self._page("report/index.html", "report", "report", _shown={"report": _digest_of(report)}, report=report)

    # --- plumbing -------------------------------------------------------------------------------

    def _in_parallel(self, jobs):
        """Call every job (a function that writes pages) on every core (``mapping.fork_map``):
        pages are independent files, so forked processes each write a share, the same bytes
        as one."""
        ledger = self.ledger
        # A job with a ``memo`` (name, key) whose key and files are as last build left them is
        # not run: what it wrote then is kept (~0.5 s of entity pages at 20,000 articles).
        jobs = [job for job in jobs if not self._job_kept(getattr(job, "memo", None))]

        def write(job):
            before, logged = len(self.written), len(ledger.log) if ledger else 0
            job()
            return self.written[before:], ledger.log[logged:] if ledger else []

        start, logged = len(self.written), len(ledger.log) if ledger else 0
        # Two shares a process, each in a fresh fork: the pages are where a cold build's memory
        # peaks (20k: writers of half the jobs each held ~0.45 GB more than the build).
        written = fork_map(write, jobs, worker_count(self.settings.get("ARSHIF_WORKERS")), renew=PAGE_WRITER_RENEW)
        del self.written[start:]  # what the children wrote, in item order, for the sitemap
        if ledger:
            del ledger.log[logged:]
        for job, (urls, entries) in zip(jobs, written):
            self.written.extend(urls)
            if ledger:
                ledger.merge(entries)
            memo = getattr(job, "memo", None)
            if memo is not None and self.jobs is not None and all(entry[0] is not None for _, entry in entries):
                self.jobs.new[memo[0]] = (memo[1], (list(urls), [(path, entry[0]) for path, entry in entries]))

    def _job_kept(self, memo) -> bool:
        """True when the job of ``memo`` (name, key) made its files from the same key last
        build and they are unchanged: they are kept, their pages listed in the sitemap."""
        if memo is None or self.jobs is None:
            return False
        old = self.jobs.old.get(memo[0])
        if old is None or old[0] != memo[1]:
            return False
        urls, files = old[1]
        if not all([self.ledger.fresh(path, key) for path, key in files]):
            return False
        self.written.extend(urls)
        self.jobs.new[memo[0]] = old
        return True

    def month_label(self, month: str) -> str:
        label = format_date_ar(month)
        return to_arabic_digits(label) if self.settings.get("ARSHIF_DIGITS") == "arabic-indic" else label

    @property
    def page_size(self) -> int:
        return max(1, int(self.settings.get("ARSHIF_ENTITY_PAGE_SIZE", 50)))

    def _page(self, save_as: str, template: str, page_name: str, _inputs=None, _view=None, _shown=None, _key=None,
              **context):
        """Render ``template`` with ``context`` (or with ``_view()``, keyed by ``_inputs``) into
        ``save_as``, unless the ledger has the file from the same key. The key is made from the
        context, where ``_shown`` replaces entries by what the template shows of them (views.py:
        ``*_shown``): a page is not written again for a change it does not show. ``_key``: the
        key, made by the caller."""
        page_url = save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as
        if template not in ("redirect", "404"):
            self.written.append(page_url)  # the sitemap lists exactly the pages written
        if _view is None:
            self._default_meta(context, page_url)
        key = None
        if self.ledger is not None:
            key = _key if _key is not None else self.digest.key_of(
                save_as, template, page_name, _inputs if _view else {**context, **(_shown or {})})
            if self.ledger.fresh(save_as, key):
                return
        if _view is not None:
            context = self._default_meta(_view(), page_url)
        self._write(save_as, self._render(save_as, template, page_url, page_name, context), key)

    def _render(self, save_as: str, template: str, page_url: str, page_name: str, context: dict) -> bytes:
        """The page's bytes: what Pelican's ``Writer.write_file(save_as, template, context,
        relative_urls=True, page_url=…, page_name=…, **context)`` renders (SITEURL relative to
        the page), without its file handling (``_write``: ~40 us and 3 system calls a page
        less). Pelican's ``content_written`` signal is not sent for these files."""
        local = self.generator.context.copy()
        relative = relative_root(save_as)
        local["SITEURL"] = local["localsiteurl"] = relative
        local["output_file"] = save_as
        local["page_url"], local["page_name"] = page_url, page_name
        local.update(context)
        self.generator.context["localsiteurl"] = relative   # as Pelican's writer leaves it
        found = self._templates.get(template)
        if found is None:
            found = self._templates[template] = self.generator.get_template(template)
        return found.render(local).encode("utf-8")

    def _default_meta(self, context: dict, page_url: str) -> dict:
        if not context.get("meta"):
            context["meta"] = views.page_meta(self.site, "index", self.settings["SITENAME"],
                                              self.settings.get("SITE_DESCRIPTION"), page_url)
        return context

    def _file(self, save_as: str, text: str):
        self._bytes(save_as, text.encode("utf-8"))

    def _feed(self, save_as, title, page_path, items, shown=None):
        """An Atom feed of ``items`` (a list, or a function that makes it), keyed by ``shown``
        (what the items are made of) when given, else by the items."""
        if shown is not None and not shown:
            return
        if shown is None:
            items = items() if callable(items) else items
            shown = items
        if not shown:  # an empty feed would carry the build time, and says nothing
            return
        key = self.digest.key_of(save_as, title, page_path, shown) if self.ledger is not None else None
        if key is not None and self.ledger.fresh(save_as, key):
            return  # made from the same items (SITEURL is a setting: in every key)
        items = items() if callable(items) else items
        self._bytes(save_as, atom_feed(title, self.settings.get("SITEURL", ""), save_as, page_path,
                                       items).encode("utf-8"), key)

    def export(self):
        """data/: every article, entity and event as JSON and CSV."""
        a = self.archive
        by_entity: dict[str, list[str]] = {}
        for record in a.records:
            for key in ENTITY_KINDS.values():
                for ident in getattr(record, key):
                    by_entity.setdefault(ident, []).append(record.id)
        gazetteer: Gazetteer = a.gazetteer
        records = sorted(a.records, key=lambda r: r.file)
        files = {}
        if self.ledger is not None:
            names = ("data/articles.json", "data/articles.csv")
            made = self._article_texts(records, fresh=lambda key: all([self.ledger.fresh(n, key) for n in names]))
            if made is not None:   # else both files hold what these rows make
                for name, data, old in zip(names, made[:2], made[3:]):
                    self._bytes(name, data, made[2], old=old)
        else:
            files["articles.json"] = [export_article(r, a.article_events.get(r.id, [])) for r in records]
        made_from = {}   # what each file is made of, for its key: the rows are not made when unchanged
        for kind, key in ENTITY_KINDS.items():
            entities = sorted(gazetteer.by_kind(kind), key=lambda e: e.id)
            files[f"{key}.json"] = lambda entities=entities: export_entities(entities, by_entity)
            made_from[f"{key}.json"] = [(e, "\0".join(by_entity.get(e.id, ()))) for e in entities]
        files["events.json"] = lambda: export_events(a.events)
        made_from["events.json"] = a.events
        for name, data in files.items():
            names = [f"data/{name}"] + ([f"data/{csv_name(name)}"] if csv_for(name, []) is not None else [])
            key = self.digest.key_of("export", name, made_from[name]) if self.ledger is not None and name in made_from \
                else None
            if key is not None and all([self.ledger.fresh(n, key) for n in names]):
                continue
            data = data() if callable(data) else data
            self._bytes(f"data/{name}", dumps_indented(data).encode("utf-8"), key)
            table = csv_for(name, data)  # the same data as CSV, for spreadsheets
            if table is not None:
                self._bytes(f"data/{csv_name(name)}", table, key)

    def _article_texts(self, records: list, fresh=None) -> tuple | None:
        """data/articles.json and .csv of ``records``: byte for byte what ``json.dumps(rows,
        ensure_ascii=False, indent=1)`` and ``csv_for("articles.json", rows)`` give, but a row
        whose record, events and code are unchanged is neither made nor formatted again: its
        bytes are cut from the files the last build wrote (where an index in the cache says),
        when the ledger shows those files unchanged. Formatting 20,000 rows costs seconds.
        Returns (json, csv, key, old json, old csv): ``key`` digests the rows' keys and the
        columns; the old texts are what the files hold (None when not known). None, and
        nothing is made, when ``fresh(key)`` says the files were made from that key.
        Tests: tests/unit/test_output_ledger.py."""
        index_file = self.ledger.file.with_name(self.ledger.file.stem + ".articles.pickle")
        index = load_pickle(index_file, LEDGER_FORMAT) or {}
        old_rows, shapes = index.get("rows", {}), index.get("shapes", [])
        old_json = self.ledger.unchanged("data/articles.json") if old_rows else None
        old_csv = self.ledger.unchanged("data/articles.csv") if old_rows else None
        events_of = self.archive.article_events
        rows: dict[int, dict] = {}

        def row(n: int) -> dict:
            if n not in rows:
                rows[n] = export_article(records[n], events_of.get(records[n].id, []))
            return rows[n]
        # export_article reads the record and its events only; the code is in the environment
        keys = [_digest_of(self.digest.environment, self.digest.shared(r), events_of.get(r.id, [])) for r in records]
        old = [old_rows.get(k) for k in keys]
        filled = [shapes[o[0]] if o else row_columns(row(n)) for n, o in enumerate(old)]
        columns = list(dict.fromkeys([*EXPORT_COLUMNS["articles.json"], *(c for cs in filled for c in cs)]))
        files_key = _digest_of(self.digest.environment, columns, keys)
        if fresh is not None and fresh(files_key):
            return None
        head = (BOM + csv_header(columns)).encode("utf-8", "replace")
        if index.get("columns") != columns:
            old_csv = None  # a row's CSV line depends on the columns
        json_parts, csv_parts, new_rows, shape_ids = [], [], {}, {}
        json_at, csv_at = 2, len(head)   # after "[\n" and after the header
        for n, (key, o) in enumerate(zip(keys, old)):
            part = old_json[o[1]:o[2]] if o and old_json is not None else None
            if part is None:
                # indent=1 puts every line of a list item one space in; JSON text has no raw newline
                part = (" " + dumps_indented(row(n), level=1)).encode("utf-8")
            line = old_csv[o[3]:o[4]] if o and old_csv is not None else None
            if line is None:
                line = csv_line(row(n), columns).encode("utf-8", "replace")
            new_rows[key] = (shape_ids.setdefault(filled[n], len(shape_ids)), json_at, json_at + len(part),
                             csv_at, csv_at + len(line))
            json_at += len(part) + 2   # ",\n"
            csv_at += len(line)
            json_parts.append(part)
            csv_parts.append(line)
        save_pickle(index_file, {"format": LEDGER_FORMAT, "columns": columns, "rows": new_rows,
                                 "shapes": list(shape_ids)})
        text = b"[\n" + b",\n".join(json_parts) + b"\n]" if records else b"[]"
        return text, head + b"".join(csv_parts), files_key, old_json, old_csv

    def _bytes(self, save_as: str, data, key: bytes | None = None, old: bytes | None = None):
        """Write ``data`` (bytes, or a function that makes them) unless the file already holds
        it (``key``: what it was made from; by default the bytes themselves). ``old``: what the
        file holds now, when known: only the part from the first changed block is written."""
        if self.ledger is not None:
            if key is None:
                data = data() if callable(data) else data
                key = hashlib.blake2b(data, digest_size=20).digest()
            if self.ledger.fresh(save_as, key):
                return
        data = data() if callable(data) else data
        if old is not None and _patch(self.output / save_as, data, old):
            if self.ledger is not None:
                self.ledger.wrote(save_as, key)
            return
        self._write(save_as, data, key)

    def _write(self, save_as: str, data: bytes, key: bytes | None) -> None:
        """Write ``data`` to ``save_as`` (relative to the output folder): its folder is made
        once, the file is opened, written and its stat read for the ledger in one go (at 20,000
        articles, ~45,000 files a build)."""
        if save_as in self._files:
            raise RuntimeError(f'Failed to overwrite "{save_as}": this build has already written it')
        self._files.add(save_as)
        path = self._root + save_as
        if ".." in save_as or save_as.startswith("/"):   # as Pelican's writer: never outside the folder
            inside = os.path.abspath(path)
            if not inside.startswith(os.path.abspath(self.output) + os.sep):
                raise RuntimeError(f"Attempted to break out of output directory to {inside}")
        folder = os.path.dirname(path)
        if folder not in self._folders:
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            stat = os.fstat(fd) if self.ledger is not None else None
        finally:
            os.close(fd)
        if stat is not None:
            self.ledger.wrote(save_as, key, stat)

    def sitemap(self):
        """sitemap.xml (every page written, when SITEURL gives absolute addresses) and robots.txt."""
        site_url = self.settings.get("SITEURL") or None
        maps = seo.sitemaps(sorted(set(self.written)), site_url)
        for name, xml in (maps or {}).items():
            self._file(name, xml)
        self._file("robots.txt", seo.robots_txt(site_url if maps else None))


class _JobMemo:
    """Per page job (an article's page and original, an entity's pages, a list made of cards),
    the last build's key of what it read (``PageWriter._world_key`` with its records' or cards'
    digests) and what it wrote from it: its pages' URLs and its files with their keys. Kept
    beside the output ledger; entries no longer asked for are dropped."""

    FORMAT = "arshif-page-jobs-1"

    def __init__(self, file: Path):
        self.file = file
        data = load_pickle(file, self.FORMAT)
        self.old: dict = data["jobs"] if data else {}
        self.new: dict = {}

    def save(self) -> None:
        if self.new != self.old:
            save_pickle(self.file, {"format": self.FORMAT, "jobs": self.new})


_CARD_FIELDS = operator.attrgetter(*[f.name for f in dataclasses.fields(views.ArticleCard) if f.name != "source"])


def _card_digest(digest: Digest, card: views.ArticleCard) -> bytes:
    """The digest of ``card``: its other fields in one C pickle, its source by the source's
    digest (a few sources stand for 20,000 cards), instead of a pickle of the whole card."""
    source = digest.shared(card.source) if card.source is not None else b"-"
    return _blake(b"card\0" + _plain(_CARD_FIELDS(card)) + b"\0" + source)


def relative_root(save_as: str) -> str:
    """The site's root seen from the page ``save_as`` ('articles/x/index.html' -> '../..',
    'index.html' -> '.'): the SITEURL Pelican's writer gives a page when RELATIVE_URLS is on
    (``path_to_url(get_relative_path(save_as))``; tests/unit/test_page_paths.py compares them)."""
    depth = sum(1 for part in save_as.lstrip("/").split("/") if part) - 1
    return "/".join([".."] * depth) if depth > 0 else "."


def _patch(target: Path, data: bytes, old: bytes, block: int = 1 << 20) -> bool:
    """Make ``target``, which holds ``old``, hold ``data`` by writing from the first block of
    ``block`` bytes that differs (data/articles.json is ~90 MB at 20,000 articles, and one
    edited article changes one row of it). False when the file cannot be opened so."""
    start, common = 0, min(len(data), len(old))
    while start < common and data[start:start + block] == old[start:start + block]:
        start += block
    start = min(start, common)   # the last block may be short: never past the data
    try:
        with open(target, "r+b") as fh:
            fh.seek(start)
            fh.write(memoryview(data)[start:])
            fh.truncate(len(data))
    except OSError:
        return False
    return True


_OLD_ID = re.compile(r"[0-9a-z\u0600-\u06ff_][0-9a-z\u0600-\u06ff_-]*")


def redirect_pairs(archive: views.Archive, problems: list[str] | None = None):
    """(target URL, old URL) for every redirect whose old address is a plain id that no real
    page and no earlier redirect uses; each refused one is a message in ``problems``."""
    taken = {r.url for r in archive.records}
    taken |= {page.url for page in archive.pages.values()}
    taken |= {f"events/{e.id}/" for e in archive.events}
    pairs = []
    for record in archive.records:
        pairs += [(record.url, f"articles/{old}/") for old in record.redirect_from]
    for page in archive.pages.values():
        prefix = ENTITY_KINDS[page.entity.kind]
        pairs += [(page.url, f"{prefix}/{old}/") for old in getattr(page.entity, "redirect_from", []) or []]
    for event in archive.events:
        pairs += [(f"events/{event.id}/", f"events/{old}/") for old in event.redirect_from]
    seen: dict[str, str] = {}
    for target, old in pairs:
        ident = old.rstrip("/").rsplit("/", 1)[-1]
        if not _OLD_ID.fullmatch(ident) or old.count("/") != 2:
            message = f"redirect_from '{ident}' of {target} is not a plain id (letters, digits, '-', '_'); ignored"
        elif old in taken:
            message = f"redirect_from '{ident}' of {target} is the address of a page that exists; ignored"
        elif old in seen:
            message = (f"redirect_from '{ident}' of {target} is already a redirect to {seen[old]}; "
                       f"the first one is kept")
        else:
            seen[old] = target
            yield target, old
            continue
        if problems is not None:
            problems.append(message)
