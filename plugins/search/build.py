"""Build the search index: one search record per article (theme template
``search_record.html``), indexed by Pagefind's command-line program one shard of dates at a
time and merged into one index (``merge.py``), then checked, made reproducible, and (offline
variant) wrapped for ``file://``.

Pagefind holds everything it indexes in memory (about 0.2 GB per 1,000 of these records), so
an archive is indexed in shards of ``SHARD_ARTICLES``: the build's peak memory stays flat as
the archive grows. While Pagefind indexes one shard, the next shard's records are written.

A build never ships a broken index: each index Pagefind wrote is verified (entry file,
metadata, every file it names, the page count) before anything else reads it, and the
merged index again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .compact import TEXT_DIR, compact_index, slim_fragment
from .merge import MergeMemo, merge_indexes
from ..mapping import SharedWorkers
from ..versions import code_digest, package_versions
from .offline import OFFLINE_DIR, write_offline_bundle
from .records import excerpt_text, search_fields
from .stable import stabilise_index
from .tokens import INDEX_LANGUAGE

_PREBUILT_UI = ["pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-highlight.js"]


class SearchIndexError(Exception):
    """The index Pagefind wrote is incomplete; the build fails rather than ship it."""


def record_fields(record, archive) -> dict:
    """``records.search_fields`` for one article, with the names the archive knows, and the
    value of its date sort."""
    entities = archive.gazetteer.entities
    names = {}
    for ident in (*record.people, *record.places, *record.organisations):
        e = entities[ident]
        names[ident] = [f for f in (e.name, e.name_en, *e.aliases, *e.weak_aliases) if f]
    source = archive.cards[record.id].source
    events = [archive.events_by_id[i].title for i in archive.article_events.get(record.id, [])
              if i in archive.events_by_id]
    fields = search_fields(record, names, [entities[i].name for i in record.people],
                           [entities[i].name for i in record.places], events, source.name if source else None)
    # The date sort numbers the pages newest first (compact.py); the URL settles a shared
    # date, as in shards(), so the order does not depend on how Pagefind walked the files.
    fields["date_sort"] = f"{record.date} {record.url}"
    return fields


# Pagefind needs about 0.2 GB per 1,000 records while it indexes them. An edit re-indexes one
# shard: 2,000 -> 1,000 made a 20k rebuild's search 8-12 s -> 3-4.5 s; 1,000 -> 500 its
# Pagefind run 3.6 -> ~1.8 s of CPU (which a headline edit spends beside the events), with
# no loss measured in a cold build (the search stage re-indexed whole: 53.5 -> 46.0 s).
SHARD_ARTICLES = 500
# The niceness of the first shard's records and Pagefind run when the build works the events
# out beside the pages (``give_way``): the events are the rebuild's longest path, and that
# shard's index is needed only after the pages, so it takes the CPU the events leave.
GIVE_WAY_NICENESS = 10


def shards(records: list) -> list[list]:
    """The records in shards of at most SHARD_ARTICLES, of equal size, by date: every dated
    record of a shard is no newer than the next shard's (merge.py relies on it); undated
    records last. Ties by URL, so shards do not depend on the order records came in."""
    ordered = sorted(records, key=lambda r: (not r.date, r.date or "", r.url))
    count = max(1, math.ceil(len(ordered) / SHARD_ARTICLES))
    size = max(1, math.ceil(len(ordered) / count))
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def record_url(n: int) -> str:
    """The URL Pagefind gives the ``n``-th record of a shard (``write_records``)."""
    return f"/{n}.html"


# The record writers are forked again after this many shards. A worker copies each page of the
# build's memory that holds an object it reads (reading writes the object's reference count),
# so writers kept for a whole 20k build ended up holding half the records each: the build's
# peak rose from 1.86 to 2.02 GB. Renewed every few shards they hold a few shards' records,
# and the build forks a few times, not twice per shard.
RENEW_WRITERS = 4

# A map's tasks per worker process: small enough to balance the processes' shares.
TASKS_PER_WORKER = 8


def _slices(count: int, workers: int) -> list[tuple[int, int]]:
    step = max(1, math.ceil(count / (workers * TASKS_PER_WORKER)))
    return [(lo, min(lo + step, count)) for lo in range(0, count, step)]


def _write_slice(shared, task) -> int:
    """Records ``lo``..``hi`` of shard ``number`` (a task of ``write_records``)."""
    archive, template, ordered = shared
    number, lo, hi, records_dir = task
    for n in range(lo, hi):
        with open(f"{records_dir}/{record_url(n)[1:]}", "w", encoding="utf-8") as out:
            out.write(template.render(**record_fields(ordered[number][n], archive)))
    return hi - lo


def write_records(writers: SharedWorkers, number: int, records_dir: Path) -> int:
    """One search record per article of shard ``number``, the ``n``-th as ``<n>.html`` in
    one folder, on the ``writers`` (shared: the archive, the record template and the
    shards; tokens cost the most). Not at the path of the article's URL: the folder a page
    needs there costs a millisecond to remove on ext4, 20 s of a 20,000-article build;
    ``prepare_shard`` gives each page its article's URL back."""
    records_dir.mkdir(parents=True, exist_ok=True)
    count = len(writers.shared[2][number])
    return sum(writers.map(_write_slice, [(number, lo, hi, str(records_dir))
                                          for lo, hi in _slices(count, writers.workers)]))


def pagefind_command(records_dir: Path, output_dir: Path) -> list[str]:
    """Pagefind's own CLI over a records folder. A process that has exited has written and
    closed every file; the Python service API was seen to return before its last file
    (pagefind-entry.json) was complete, so the build does not use it."""
    return [sys.executable, "-m", "pagefind", "--site", str(records_dir), "--output-path", str(output_dir),
            "--force-language", INDEX_LANGUAGE, "--silent"]


class Indexing:
    """Pagefind indexing one shard's records folder, in a process group of its own
    (Pagefind's Python wrapper runs its binary as a child: ``stop`` ends both). With
    ``write_first``, the group's leader is a fork of the build that first writes the
    records (``write_first()``) and then runs Pagefind: the whole of a
    shard's work, done while the build writes its pages (SearchBuild)."""

    def __init__(self, records_dir: Path, index_dir: Path, write_first=None, niceness: int = 0):
        command = pagefind_command(records_dir, index_dir)
        self.process: subprocess.Popen | None = None
        self.log = records_dir.parent / f"{records_dir.name}.log"
        if write_first is None:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                            start_new_session=True)
            self.pid = self.process.pid
            return
        self.pid = os.fork()
        if self.pid == 0:   # the child: never returns into the build
            try:
                os.setpgid(0, 0)
                if niceness:
                    os.nice(niceness)
                write_first()
                # Pagefind then runs in this process's place, its output to the log: the
                # fork's share of the build's memory goes with its image (waiting for
                # Pagefind, it held ~0.4 GB of a 20k build's peak, during the pages).
                log = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(log, 1)
                os.dup2(log, 2)
                os.execvp(command[0], command)
            except BaseException as err:   # reported by the build, in wait()
                try:
                    self.log.write_text(f"{type(err).__name__}: {err}", encoding="utf-8")
                except OSError:
                    pass
            os._exit(1)
        try:   # set by both, so that stop() finds the group whichever runs first
            os.setpgid(self.pid, self.pid)
        except OSError:
            pass

    def wait(self) -> None:
        """Until Pagefind has exited; SearchIndexError unless it succeeded."""
        if self.process is not None:
            output, _ = self.process.communicate()
            code = self.process.returncode
        else:
            _pid, status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(status)
            output = self.log.read_text(encoding="utf-8") if self.log.is_file() else ""
        self.pid = None
        if code != 0:
            raise SearchIndexError(f"Pagefind failed (exit {code}): {(output or '')[-2000:]}")

    def stop(self) -> None:
        """End the whole group at once, if it still runs (a build that failed meanwhile)."""
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.wait()
        except SearchIndexError:
            pass


class ShardCache:
    """Each shard's verified Pagefind output, under ``folder/<key>/``, the key a hash of
    everything the shard's records are made from (``shard_key``): a rebuild re-indexes only
    the shards that hold a changed article. A user may delete the folder any time."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, key: str) -> Path | None:
        folder = self.folder / key
        if not (folder / "pagefind-entry.json").is_file():
            return None
        os.utime(folder)  # in use: see forget_unused
        return folder

    def staging(self, key: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".tmp-{key[:12]}-", dir=self.folder)) / "index"

    def put(self, key: str, index_dir: Path) -> Path:
        """Keep a verified index (written by ``staging``) under its key; renamed whole, so a
        killed build leaves no half entry."""
        target = self.folder / key
        try:
            index_dir.rename(target)
        except OSError:  # another build put the same key meanwhile: the same bytes
            shutil.rmtree(index_dir, ignore_errors=True)
        shutil.rmtree(index_dir.parent, ignore_errors=True)
        return target

    def forget_unused(self, keys: set[str], idle_seconds: float = 600) -> None:
        """Delete the shards this build did not use and no build touched for ``idle_seconds``
        (another build sharing the folder, e.g. the offline variant, may be using them)."""
        if not self.folder.is_dir():
            return
        cutoff = time.time() - idle_seconds
        for path in self.folder.iterdir():
            try:
                if path.name not in keys and path.stat().st_mtime < cutoff:
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                pass


# The code a search record is made from (records.py renders tokens and dates; the record's
# own fields are hashed whole): a change to any of it re-indexes every shard.
_RECORD_CODE = ("search", "arabic", "dates", "record.py")


def _search_code_version() -> str:
    """A hash of the search record's code and of Pagefind's version."""
    return code_digest(_RECORD_CODE) + package_versions(("pagefind", "pagefind_bin")).decode()


def shard_key(archive, template, records: list, code: str, record_keys: dict[str, str] | None = None) -> str:
    """A hash of what the shard's search records are made from: each record with the names,
    events and source ``record_fields`` reads, the template, the code and Pagefind. A record
    enters as its key in ``record_keys`` (the record cache's, which decides it) where it
    has one, else whole."""
    record_keys = record_keys or {}
    digest = hashlib.sha256(code.encode())
    filename = getattr(template, "filename", None)
    digest.update(Path(filename).read_bytes() if filename and Path(filename).is_file() else b"?")
    entities = archive.gazetteer.entities
    for record in records:
        source = archive.cards[record.id].source
        named = [(ident, entities[ident].name, entities[ident].name_en, tuple(entities[ident].aliases),
                  tuple(entities[ident].weak_aliases))
                 for ident in (*record.people, *record.places, *record.organisations)]
        events = [archive.events_by_id[i].title for i in archive.article_events.get(record.id, [])
                  if i in archive.events_by_id]
        key = record_keys.get(record.id)
        digest.update(pickle.dumps((key or record, named, events, source.name if source else None),
                                   protocol=pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest()


def index_shards(archive, template, work: Path, workers: int, lap, cache: ShardCache | None = None,
                 record_keys: dict[str, str] | None = None, give_way: bool = False):
    """Pagefind over each shard's records, the next shard's records written (and the last
    shard's index prepared) meanwhile; shards found in ``cache`` are taken from it, the
    others are put in it. A generator that pauses once, as soon as the first Pagefind run
    has started (or when no shard needs one), so that the caller can do other work
    meanwhile (``SearchBuild``); it returns the shards' index folders. ``give_way``: that
    first run at GIVE_WAY_NICENESS."""
    shard_dirs: list[Path] = []
    paused = False
    running = None   # (process, records folder, index folder, shard number, key)
    code = _search_code_version() if cache else ""
    ordered = shards(archive.records)
    # Forked at the first shard written after the pause (the pages are written by then), and
    # again every RENEW_WRITERS shards; their word caches fill meanwhile.
    writers = SharedWorkers((archive, template, ordered), workers)
    written = 0

    def complete(done):
        _process, records_dir, index_dir, number, key = done
        shutil.rmtree(records_dir)
        verify_index(index_dir, len(ordered[number]))
        prepare_shard(writers, number, index_dir)
        shard_dirs.append(cache.put(key, index_dir) if cache else index_dir)

    def finish():
        running[0].wait()
        complete(running)

    def write_alone(number: int, records_dir: Path) -> None:
        # In the fork that indexes the first shard: processes of its own, ended before Pagefind.
        with SharedWorkers(writers.shared, workers) as own:
            write_records(own, number, records_dir)

    try:
        for n, shard in enumerate(ordered):
            key = shard_key(archive, template, shard, code, record_keys) if cache else ""
            kept = cache.get(key) if cache else None
            if kept is not None:
                try:
                    verify_index(kept, len(shard))
                except SearchIndexError:   # a damaged entry is a miss, never a broken index
                    shutil.rmtree(kept, ignore_errors=True)
                    kept = None
            if kept is not None:
                if running:        # keep the shards in their order
                    finish()
                    lap("pagefind")
                    running = None
                shard_dirs.append(kept)
                lap("search records")
                continue
            records_dir = work / f"records-{n}"
            index_dir = cache.staging(key) if cache else work / f"index-{n}"
            if not paused:   # the first shard to index: its records too are written meanwhile
                running = (Indexing(records_dir, index_dir, write_first=lambda: write_alone(n, records_dir),
                                    niceness=GIVE_WAY_NICENESS if give_way else 0),
                           records_dir, index_dir, n, key)
                lap("search records")
                paused = True
                yield
                continue
            if written and written % RENEW_WRITERS == 0:
                writers.close()   # the next map forks them again
            write_records(writers, n, records_dir)
            written += 1
            lap("search records")
            done = running
            if done:
                done[0].wait()
            running = (Indexing(records_dir, index_dir), records_dir, index_dir, n, key)
            if done:   # while Pagefind indexes this shard
                complete(done)
            lap("pagefind")
        if not paused:
            yield
        if running:
            finish()
            lap("pagefind")
    finally:   # stopped early (SearchBuild.close after a failure): no Pagefind left running
        if running is not None:
            running[0].stop()
        writers.close()
    return shard_dirs


def _prepare_slice(shared, task) -> list[str]:
    """Fragments of shard ``number`` (a task of ``prepare_shard``); the problems found."""
    _archive, _template, ordered = shared
    number, index_dir, fragments = task
    by_url = {record_url(n): record for n, record in enumerate(ordered[number])}
    page_urls = {url: "/" + record.url for url, record in by_url.items()}
    problems = []
    for fragment in map(Path, fragments):
        url = slim_fragment(fragment, page_urls)
        record = by_url.get(url)
        if record is None:
            problems.append(f"search index: page {fragment.stem} ({url}) is not an article")
            continue
        text = excerpt_text(record.text).encode("utf-8")
        (Path(index_dir) / TEXT_DIR / f"{fragment.stem}.pf_text").write_bytes(
            gzip.compress(text, compresslevel=6, mtime=0))
    return problems


def prepare_shard(writers: SharedWorkers, number: int, index_dir: Path) -> None:
    """Finish shard ``number``'s Pagefind output before it is merged (and cached): fragments
    slimmed to what Arshif's search reads (``compact.slim_fragment``) with their article's
    URL (the records are not written at it: ``write_records``), and each page's body
    as written, for excerpts, beside it: ``text/<fragment>.pf_text`` (gzip). The texts are
    kept out of Pagefind, which would index the meta and hold it in memory (at 20,000
    articles: about half the index and 3-4 GB); they follow their fragment's name through
    the merge and ``compact_index``."""
    (index_dir / TEXT_DIR).mkdir(exist_ok=True)
    fragments = sorted(str(f) for f in (index_dir / "fragment").glob("*.pf_fragment"))
    tasks = [(number, str(index_dir), fragments[lo:hi]) for lo, hi in _slices(len(fragments), writers.workers)]
    problems = [p for found in writers.map(_prepare_slice, tasks) for p in found]
    if problems:
        raise SearchIndexError(problems[0])


def verify_index(output_dir: Path, expected_pages: int) -> None:
    """Raise SearchIndexError unless Pagefind's output is whole: a parseable entry file
    naming its metadata file, every file the metadata lists present and non-empty."""
    entry = output_dir / "pagefind-entry.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        languages = data["languages"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SearchIndexError(f"search index: {entry.name} is missing or incomplete ({err}); the build "
                               f"stops so that no broken search is published — build again") from None
    pages = 0
    for language, info in languages.items():
        meta = output_dir / f"pagefind.{info['hash']}.pf_meta"
        if not meta.is_file() or meta.stat().st_size == 0:
            raise SearchIndexError(f"search index: metadata for '{language}' ({meta.name}) is missing or empty")
        pages += int(info.get("page_count", 0))
    for required in ("pagefind.js", "wasm.unknown.pagefind"):
        if not any(p.stat().st_size for p in output_dir.glob(required)):
            raise SearchIndexError(f"search index: {required} is missing or empty")
    empty = _empty_files(str(output_dir))
    if empty:
        raise SearchIndexError(f"search index: {len(empty)} empty files (e.g. {empty[0]})")
    if pages != expected_pages:
        raise SearchIndexError(f"search index: holds {pages} pages, expected {expected_pages}")


def _empty_files(folder: str) -> list[str]:
    """Names of the empty files under ``folder`` (os.scandir: an index has ~40,000 files at
    20,000 articles, and a directory entry costs one stat call, not a Path)."""
    empty, folders = [], [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file() and entry.stat().st_size == 0:
                    empty.append(entry.name)
    return empty


class SearchBuild:
    """The search stage in two steps: ``start`` writes the records of the first shard to
    index and starts Pagefind on it; ``finish`` indexes the others, merges, checks,
    stabilises and compacts the index (and wraps it for the offline variant). Between the
    two the build writes its pages: after an edit, the one shard's Pagefind run costs no
    time of its own. ``close`` always (it stops Pagefind and removes the work folder when
    ``finish`` did not run). Shards are kept in ``cache`` when one is given
    (``record_keys``: see ``shard_key``). ``timings`` gets each step's seconds.
    ``give_way``: another process works out what the build waits for after the pages (the
    events, site._EventsAhead); the first shard's run then yields the CPU to it."""

    def __init__(self, archive, template, output_path: Path, offline: bool, workers: int = 1,
                 timings: dict | None = None, cache: Path | None = None,
                 record_keys: dict[str, str] | None = None, give_way: bool = False):
        if not archive.records:
            raise SearchIndexError("search index: no article to index (every input was skipped; see report/)")
        self.archive, self.template, self.output_path, self.offline = archive, template, Path(output_path), offline
        self.workers, self.cache, self.record_keys, self.give_way = workers, cache, record_keys, give_way
        self.timings = {} if timings is None else timings
        self._clock = time.perf_counter()
        self._work: tempfile.TemporaryDirectory | None = None
        self._steps = None

    def _lap(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - self._clock
        self._clock = now

    def start(self) -> None:
        self._clock = time.perf_counter()
        self._work = tempfile.TemporaryDirectory(prefix="arshif-search-")
        self.shard_cache = ShardCache(self.cache / "shards") if self.cache else None
        self._steps = index_shards(self.archive, self.template, Path(self._work.name), self.workers, self._lap,
                                   self.shard_cache, self.record_keys, self.give_way)
        next(self._steps)

    def finish(self) -> int:
        self._clock = time.perf_counter()   # the pages' time is not the search's
        try:
            next(self._steps)
        except StopIteration as done:
            shard_dirs = done.value
        else:
            raise RuntimeError("index_shards paused twice")
        self._steps = None
        output_dir = self.output_path / "pagefind"
        shutil.rmtree(output_dir, ignore_errors=True)
        cache = self.cache
        # With the cache, the merge takes the word ranges no changed shard touches from the
        # last build's merge (merge.MergeMemo); it compares against the changed shards' old
        # versions, which are forgotten only after it.
        # Cached shards' fragments and texts are linked once, under their final names, by
        # compact_index (placed_later).
        placed_later = {} if cache is not None else None
        written = merge_indexes(shard_dirs, output_dir, self.workers, keep_shards=cache is not None,
                                memo=MergeMemo(cache / "merge") if cache else None, report=self.timings,
                                placed_later=placed_later)
        if self.shard_cache:
            self.shard_cache.forget_unused({d.name for d in shard_dirs})
        self._lap("merge")
        self.close()
        self._lap("search records")  # removing the temporary folder
        verify_index(output_dir, written)
        stabilise_index(output_dir)
        compact_index(output_dir, self.workers, slim=False,   # small page table (compact.py); shards came slim
                      placed_later=placed_later)
        texts = sum(1 for name in os.listdir(output_dir / TEXT_DIR) if name.endswith(".pf_text"))
        if texts != written:
            raise SearchIndexError(f"search index: {texts} excerpt texts for {written} pages")
        for unused in _PREBUILT_UI:  # Arshif has its own search UI; ship only what it loads
            (output_dir / unused).unlink(missing_ok=True)
        verify_index(output_dir, written)
        self._lap("index rewrite")
        if self.offline:
            # The offline variant ships the same index as classic scripts (see offline.py). The
            # output folder is no longer emptied before a build: the last build's bundle goes first.
            shutil.rmtree(self.output_path / OFFLINE_DIR, ignore_errors=True)
            write_offline_bundle(output_dir, self.output_path / OFFLINE_DIR)
            shutil.rmtree(output_dir)
            self._lap("offline bundle")
        return written

    def close(self) -> None:
        if self._steps is not None:   # finish did not run: a Pagefind process may be running
            self._steps.close()
            self._steps = None
        if self._work is not None:
            self._work.cleanup()
            self._work = None

