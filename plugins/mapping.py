"""Enrich every input: cached by content hash, mapped over local processes or a Dask cluster.

The same pure ``plugins.enrich.enrich`` runs everywhere; results come back in input order,
so the site is the same whatever ran them (serial, N processes, N Dask workers, cache).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import hashlib
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from .cachefile import BlobPack, KeptValues, load_pickle, save_pickle, write_whole
from .enrich import ArticleInput, EnrichContext, enrich, input_digest
from .record import ArticleRecord

CACHE_FORMAT = b"arshif-record-1"  # the one-file-per-record layout of earlier builds: read, then packed
_SERIAL_BELOW = 64                  # fewer misses than this: starting processes costs more than it saves

# A cached record is read in two parts. Its head is what every stage reads of every record
# (ids, title, lead, date, source, entity ids, what cleaning removed); its body (the text
# three times over, as blocks, text and original, and the mentions' spans) is read only
# where a record is looked at closely: a page that is written, a changed search shard, the
# events clustered again. At 20,000 articles the heads unpickle in ~0.25 s, whole records
# in ~0.8 s.
_BODY_FIELDS = ("blocks", "text", "original_text", "date_mentions", "entity_mentions")
_ALL_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleRecord))
_HEAD_FIELDS = tuple(name for name in _ALL_FIELDS if name not in _BODY_FIELDS)


class _CachedRecord(ArticleRecord):
    """An ``ArticleRecord`` from the cache whose body is read when first asked for. It
    equals, prints, pickles and copies as the ``ArticleRecord`` it stands for."""

    def _load_body(self) -> dict:
        body = self.__dict__.setdefault("_body", {})
        pack, key = self.__dict__["_body_from"]
        blob = pack.get((key, "body"))
        try:
            values = pickle.loads(blob) if blob is not None else None
        except Exception:
            values = None
        if values is None:   # the head was read, so its body was there: the cache changed under the build
            raise RuntimeError(f"the record cache lost the text of {self.file} during the build; "
                               f"build again (or delete {pack.folder})")
        for name, value in zip(_BODY_FIELDS, values):
            body.setdefault(name, value)
        return body

    def __eq__(self, other):
        if not isinstance(other, ArticleRecord):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _ALL_FIELDS)

    __hash__ = None   # as the dataclass's

    def __repr__(self) -> str:
        return "ArticleRecord" + ArticleRecord.__repr__(self)[len(type(self).__qualname__):]

    def __reduce_ex__(self, protocol):
        # loaded back (another process, a copy) as the plain ArticleRecord, body included
        return ArticleRecord, tuple(getattr(self, name) for name in _ALL_FIELDS)


def _body_field(name: str) -> property:
    def get(self):
        body = self.__dict__.get("_body")
        if body is None or name not in body:
            body = self._load_body()
        return body[name]

    def put(self, value):   # made whole (dataclasses.replace), or a stage sets a field
        self.__dict__.setdefault("_body", {})[name] = value
    return property(get, put)


for _name in _BODY_FIELDS:
    setattr(_CachedRecord, _name, _body_field(_name))


class RecordCache:
    """Records by cache key, packed under ``folder/records`` (``cachefile.BlobPack``: a few
    segment files, not a file per record), each as a head and a body (``_CachedRecord``).
    ``save`` writes what this build added. A user may delete the folder any time."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.pack = BlobPack(self.folder / "records", layout=repr((_HEAD_FIELDS, _BODY_FIELDS)))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> ArticleRecord | None:
        head = self.pack.get((key, "head"))
        if head is not None and self.pack.keep((key, "body")):
            try:
                values = pickle.loads(head)
            except Exception:  # a damaged entry is a miss, never a wrong page
                values = None
            if isinstance(values, tuple) and len(values) == len(_HEAD_FIELDS):
                record = _CachedRecord.__new__(_CachedRecord)
                record.__dict__.update(zip(_HEAD_FIELDS, values))
                record.__dict__["_body_from"] = (self.pack, key)
                return record
        return self._get_file(key)

    def _get_file(self, key: str) -> ArticleRecord | None:
        """A record an earlier build kept as its own file: packed, and its file removed."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            record = pickle.loads(data[len(CACHE_FORMAT):]) if data.startswith(CACHE_FORMAT) else None
        except Exception:  # a damaged entry is a miss, never a wrong page
            record = None
        if isinstance(record, ArticleRecord):
            self.put(key, record)
        with contextlib.suppress(OSError):
            path.unlink()
        return record if isinstance(record, ArticleRecord) else None

    def put(self, key: str, record: ArticleRecord) -> None:
        for part, names in (("head", _HEAD_FIELDS), ("body", _BODY_FIELDS)):
            self.pack.put((key, part), pickle.dumps(tuple(getattr(record, n) for n in names),
                                                    protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        self.pack.save()


class InputDigests:
    """Each input file's ``input_digest``, kept with its size, times and inode, so that a
    build reads and hashes only the inputs that changed (20,000 files: 0.66 s), as make, git
    and Pelican's own cache trust a file's times. A file changed less than RACY_NS before
    the digests were saved is hashed again: a time so close may not tell a later edit apart
    (git's "racy" files). Kept in the cache folder; delete it any time."""

    FORMAT = "arshif-inputs-2"
    RACY_NS = 2_000_000_000

    def __init__(self, file: Path):
        self.file = Path(file)
        data = load_pickle(self.file, self.FORMAT)   # missing or damaged: every input is hashed
        self.saved_at: int = data["saved_at"] if data else 0
        self.known: dict[str, tuple] = data["files"] if data else {}
        self.used: dict[str, tuple] = {}

    def digest(self, path: str) -> bytes:
        try:
            st = os.stat(path)
        except OSError:
            return input_digest(path)
        signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, st.st_mode)
        known = self.known.get(path)
        if (known is not None and known[0] == signature
                and max(st.st_mtime_ns, st.st_ctime_ns) < self.saved_at - self.RACY_NS):
            found = known[1]
        else:
            found = input_digest(path)
        self.used[path] = (signature, found)
        return found

    def save(self) -> None:
        save_pickle(self.file, {"format": self.FORMAT, "saved_at": time.time_ns(), "files": self.used})


class StageMemo:
    """A stage's last result, kept in ``folder`` with a hash of everything the stage read
    (``key``): a build whose inputs hash the same takes the result instead of computing it
    again. For a stage that reads a small projection of each record (events: ``EventSource``),
    an edit that changes no projection costs nothing there. Delete the folder any time."""

    FORMAT = b"arshif-stage-1\n"

    def __init__(self, folder: Path, name: str):
        self.file = Path(folder) / f"{name}.pickle"

    @staticmethod
    def key(*inputs) -> str:
        """A hash of the inputs' values: their repr, not a pickle, whose bytes depend on which
        equal strings happen to be one object (a record fresh from enrichment and the same
        record from the cache pickle differently). Inputs are plain data: dataclasses,
        tuples, lists, dicts in a fixed order; no sets."""
        return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str | None):
        """The result kept with ``key``; ``None``: the last result, whatever its key."""
        try:
            data = self.file.read_bytes()
        except OSError:
            return None
        if not data.startswith(self.FORMAT):
            return None
        kept_key, _, body = data[len(self.FORMAT):].partition(b"\n")
        if key is not None and kept_key != key.encode():
            return None
        try:
            return pickle.loads(body)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, key: str, result) -> None:
        write_whole(self.file, self.FORMAT + key.encode() + b"\n" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


class RecordDigests(KeptValues):
    """For a stage that reads a projection of each record (events: ``EventSource``), each
    record's projection digest, kept by the record's cache key (which decides the record)
    under ``context`` (all else the projection depends on, and its code): a rebuild projects
    only the records that changed. When the stage must run again, ``projections`` gives every
    record's projection, the unchanged ones from the last time it ran (a second file, read
    only then: a projection reads the record's body, 20,000 of them at 20k). Delete the
    folder any time.

    Another process may read that second file ahead (``read_ahead``, before this build's
    records are known) and take the rest from this one: ``lacking`` is what it needs
    besides the file, ``projections_with`` puts the two together there."""

    PROJECTIONS = "arshif-projections-2"

    def __init__(self, folder: Path, name: str, context: str):
        super().__init__(Path(folder) / f"{name}-digests.pickle", "arshif-digests-2", context)
        self._projections_path = Path(folder) / f"{name}-projections.pickle"
        self._kept: KeptValues | None = None   # read by ``projections`` only
        self._made: dict = {}                   # projections made by ``digest`` this build

    def digest(self, key: str | None, project) -> str:
        """The digest of ``project()`` (the record's projection), taken from the last build
        when the record's cache ``key`` is the same."""
        def made():
            value = project()
            if key is not None:
                self._made[key] = value
            return StageMemo.key(value)
        return self.get(key, made)

    def projections(self, items) -> list:
        """Each ``(key, project)``'s projection: made this build, or kept from the last time
        the stage ran with the record's cache ``key``, or ``project()``."""
        if self._kept is None:
            self._kept = KeptValues(self._projections_path, self.PROJECTIONS, self.context)
        return self._kept_or(self._kept, [(key, self._made.get(key) if key in self._made else project)
                                          for key, project in items])

    @staticmethod
    def _kept_or(kept: KeptValues, items) -> list:
        """Each item's kept projection, else its projection given (or ``project`` callable)."""
        return [kept.get(key, given if callable(given) else lambda given=given: given) for key, given in items]

    def lacking(self, items) -> list:
        """``(key, projection or None)`` for each ``(key, project)``: None where the
        projections file holds the key (read from its head) and no other was made."""
        held = KeptValues.kept_keys(self._projections_path, self.PROJECTIONS, self.context)
        return [(key, None) if key in held and key not in self._made
                else (key, self._made[key] if key in self._made else project())
                for key, project in items]

    @classmethod
    def read_ahead(cls, folder: Path, name: str) -> tuple[str | None, dict]:
        """(context, projections) of the projections file, whatever its context."""
        path = Path(folder) / f"{name}-projections.pickle"
        return KeptValues.head(path, cls.PROJECTIONS).get("context"), KeptValues.read(path, cls.PROJECTIONS, None)

    def projections_with(self, ahead: tuple[str | None, dict], lacking: list) -> list:
        """In the process that read ``ahead``: the projections of ``lacking``'s items. A
        projection neither sent nor in the file (the file changed meanwhile) is an error:
        the caller works the stage out in its own process then."""
        context, values = ahead
        self._kept = KeptValues(self._projections_path, self.PROJECTIONS, self.context,
                                known=values if context == self.context else {})

        def missing(key):
            raise LookupError(f"{self._projections_path.name}: no projection for {key}")
        return self._kept_or(self._kept, [(key, value if value is not None else partial(missing, key))
                                          for key, value in lacking])

    # The projections file is written again only when more than this share of the build's
    # projections is missing from it, or of its entries no longer used: an edited headline
    # would otherwise rewrite it whole (46 MB at 20,000 articles, ~0.9 s) for one entry. A
    # projection it lacks is made again from its record the next time (~1 ms each).
    REWRITE_SHARE = 0.01

    def save(self) -> None:
        """The digests, and the projections if they were read (``projections``)."""
        self.save_digests()
        self.save_projections()

    def save_digests(self) -> None:
        super().save()

    def save_projections(self) -> None:
        kept = self._kept
        if kept is not None:
            missing = sum(1 for key in kept.used if key not in kept.known)
            unused = len(kept.known.keys() - kept.used.keys())
            if missing > self.REWRITE_SHARE * len(kept.used) or unused > self.REWRITE_SHARE * len(kept.known):
                kept.save()


_worker_context: EnrichContext | None = None


def _init_worker(context: EnrichContext) -> None:
    global _worker_context
    _worker_context = context
    gc.enable()   # forked while the parent collects nothing (no_collections); enrich makes cycles


def _enrich_in_worker(item: ArticleInput) -> ArticleRecord:
    return enrich(item, _worker_context)


def _local_map(items: list[ArticleInput], context: EnrichContext, workers: int, tick: Callable[[], None]):
    if workers <= 1 or len(items) < _SERIAL_BELOW:
        for item in items:
            yield enrich(item, context)
            tick()
        return
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(context,)) as pool:
        for record in pool.map(_enrich_in_worker, items, chunksize=chunk):
            yield record
            tick()


def _dask_map(items: list[ArticleInput], context: EnrichContext, scheduler, tick: Callable[[], None]):
    """Map ``enrich`` on a Dask cluster: ``scheduler`` is an address or a ``Client``."""
    from dask.distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        if not _workers_run_this_code(client):
            _ship_code(client)
        [context_future] = client.scatter([context], broadcast=True)
        batch = max(1, min(256, len(items) // 64 or 1))
        batches = [items[i:i + batch] for i in range(0, len(items), batch)]
        futures = client.map(_enrich_batch, batches, context=context_future, pure=False)
        results: dict[int, list[ArticleRecord]] = {}
        index = {f.key: n for n, f in enumerate(futures)}
        for future in as_completed(futures):
            records = future.result()
            results[index[future.key]] = records
            for _ in records:
                tick()
        for n in range(len(batches)):
            yield from results[n]
    finally:
        if not isinstance(scheduler, Client):
            client.close()


def _enrich_batch(items: list[ArticleInput], context: EnrichContext) -> list[ArticleRecord]:
    return [enrich(item, context) for item in items]


def _worker_code_version():
    from plugins.enrich import code_version

    return code_version()


def _workers_run_this_code(client) -> bool:
    """True when every worker already imports this very enrichment code (a LocalCluster, or
    workers installed from the same checkout): then nothing is uploaded."""
    from .enrich import code_version

    try:
        versions = client.run(_worker_code_version)
    except Exception:  # a worker without Arshif at all: it gets the code
        return False
    return bool(versions) and set(versions.values()) == {code_version()}


def _ship_code(client) -> None:
    """Give remote workers this very pipeline code (a zip of ``plugins``), so their
    records match what the driver would make."""
    import zipfile

    root = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="arshif-code-") as tmp:
        archive = Path(tmp) / "arshif_plugins.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for path in sorted(root.rglob("*")):
                if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
                    zf.write(path, (Path("plugins") / path.relative_to(root)).as_posix())
        client.upload_file(str(archive))


@contextlib.contextmanager
def no_collections():
    """No cyclic garbage collection meanwhile, for work that builds up many objects without
    reference cycles: records unpickled from the cache or from another process, decoded
    search index chunks. The collector would only rescan the growing heap of them again and
    again (at 20,000 articles, seconds for the records, half the search merge's CPU).
    Nothing leaks: a cycle made meanwhile waits for the next collection."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def enrich_all(items: list[ArticleInput], context: EnrichContext, *, cache: RecordCache | None = None,
               workers: int = 0, scheduler=None, progress: Callable[[str, int], Callable[[], None]] | None = None
               ) -> tuple[list[ArticleRecord], dict[str, int], list[str | None]]:
    """Records for ``items`` in the same order, counts {cached, enriched}, and each record's
    cache key (None without a cache): a hash that decides the record, which later stages
    may use as the record's digest."""
    if cache is not None:
        inputs = InputDigests(cache.folder / "inputs.pickle")
        keys = [item.cache_key(context, inputs.digest(item.planned.path)) for item in items]
        inputs.save()
    else:
        keys = [None] * len(items)
    with no_collections():
        records: list[ArticleRecord | None] = [cache.get(k) if cache is not None else None for k in keys]
    missing = [n for n, r in enumerate(records) if r is None]
    tick = progress("enrich", len(missing)) if progress and missing else (lambda: None)
    todo = [items[n] for n in missing]
    workers = worker_count(workers)
    if scheduler:
        made: Iterable[ArticleRecord] = _dask_map(todo, context, scheduler, tick)
    else:
        made = _local_map(todo, context, workers, tick)
    # Records made elsewhere (other processes, Dask) only arrive here; made here, by enrich,
    # they come with parse trees whose cycles the collector must free.
    elsewhere = bool(scheduler) or (workers > 1 and len(todo) >= _SERIAL_BELOW)
    with no_collections() if elsewhere else contextlib.nullcontext():
        for n, record in zip(missing, made):
            records[n] = record
            if cache is not None and record.cacheable:
                cache.put(keys[n], record)
    if cache is not None:
        cache.save()
    counts = {"cached": len(items) - len(missing), "enriched": len(missing)}
    return records, counts, keys  # type: ignore[return-value]


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            return Text(f"{task.speed:,.0f}/s" if task.speed else "")
    return Rate()


def progress_bar(enabled: bool | None):
    """A ``progress(stage, total) -> tick`` factory drawing with rich on a terminal, or None.
    Quiet in CI logs and when output is not a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    def start(stage: str, total: int):
        bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), _rate_column(),
                       TimeRemainingColumn(), transient=True)
        bar.start()
        task = bar.add_task(stage, total=total)
        state = {"n": 0}

        def tick():
            state["n"] += 1
            bar.advance(task)
            if state["n"] >= total:
                bar.stop()
        return tick
    return start


# --- forked writers ------------------------------------------------------------------------------

FORK_FROM = 200      # fewer items than this: one process is quicker than starting others
_FORKED = None       # (function, items) handed to the forked children


def _run_share(share):
    n, count = share
    function, items = _FORKED
    return [function(item) for item in items[n::count]]


def fork_map(function, items: list, workers: int, min_items: int = FORK_FROM, renew: int = 1) -> list:
    """``[function(item) for item in items]`` over ``workers`` forked processes, results in
    item order. For steps that write files (pages, search records) after the archive is
    built: a fork shares it without pickling. Falls back to one process where fork is
    unavailable or the list is short. ``renew`` > 1: the items go in ``renew`` shares per
    process, each share in a fresh fork: a process copies each page of the build's memory
    holding an object it reads (reading writes the object's reference count), so a process
    that reads a quarter of the archive holds half the copies of one that reads half."""
    global _FORKED
    import multiprocessing

    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    count = workers * max(1, renew)
    _FORKED = (function, items)
    try:
        with _forked_pool(workers, 1 if renew > 1 else None) as pool:
            shares = pool.map(_run_share, [(n, count) for n in range(count)], chunksize=1)
    finally:
        _FORKED = None
    iterators = [iter(share) for share in shares]
    return [next(iterators[n % count]) for n in range(len(items))]


def _forked_pool(workers: int, tasks_per_process: int | None = None):
    """A pool of ``workers`` processes forked from this one (each replaced by a new fork
    after ``tasks_per_process`` tasks, if given). Objects the children only read stay
    shared with the parent: a garbage collection in a child would write to every object's
    header and copy the page it sits on, so they are forked frozen."""
    import multiprocessing

    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=tasks_per_process)
    finally:
        if not _held_by_the_build:   # else left frozen until release_after_the_build
            gc.unfreeze()


_SHARED = None       # what SharedWorkers' processes were forked with


def _shared_call(task):
    function, argument = task
    return function(_SHARED, argument)


class SharedWorkers:
    """Processes forked once for several maps over ``shared``, what the parent holds when
    they are forked (not pickled, as with fork_map): a map's function is a module-level
    ``function(shared, argument)`` and its arguments are small. Each process keeps what it
    learns from map to map (the search tokens' word cache), and a map costs no fork (a
    fork copies the page tables of the whole build). Forked at the first map; in this
    process when ``workers`` is 1 or fork is unavailable. ``close`` ends them."""

    def __init__(self, shared, workers: int):
        self.shared, self.workers = shared, workers
        self._pool = None

    def map(self, function, arguments: list) -> list:
        import multiprocessing

        if self.workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [function(self.shared, argument) for argument in arguments]
        if self._pool is None:
            global _SHARED
            _SHARED = self.shared
            try:
                self._pool = _forked_pool(self.workers)
            finally:
                _SHARED = None
        return self._pool.map(_shared_call, [(function, argument) for argument in arguments], chunksize=1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Whether hold_for_the_build holds. Kept here, not asked of gc.get_freeze_count, which
# counts the frozen objects one by one: ~0.1 s at 20,000 articles, at every fork_map.
_held_by_the_build = False


def hold_for_the_build() -> None:
    """Take every object alive now out of the cyclic garbage collector's sight until
    ``release_after_the_build`` (called as the next build in the process starts): the
    records, events and views live as long as the build,
    and each full collection would scan them all again (13 full collections, 3.4 s of a
    rebuild of 20,000 articles). Reference counting still frees what is dropped."""
    global _held_by_the_build
    _held_by_the_build = True
    gc.freeze()
    _trim_heap()


def _trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``). What the
    stages made and let go before the build forks its writers (the events' projections and
    documents, the views' scaffolding) would otherwise stay in the build's memory: freed but
    held, and counted in the build's peak with every fork's share (20k: 2.11 -> 1.98 GB)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to ask
        pass


def release_after_the_build() -> None:
    global _held_by_the_build
    _held_by_the_build = False
    gc.unfreeze()


class ForkedCall:
    """``function()`` worked out in a forked process while this one goes on; ``result()``
    waits for it and returns its value (pickled back through a pipe: nothing is left behind
    if the build stops first). Where fork is unavailable, or the process fails (an error,
    killed for memory), ``result()`` calls ``function()`` here instead, so its errors surface
    as they would have.

    With ``ahead``, the process starts before its work is known: it works out ``ahead()``
    at once (reading what it will need), then waits for ``send(message)`` and returns
    ``function(ahead's value, message)``; ``result()`` falls back to ``here()``, given by
    the caller, and ``cancel()`` lets it go unused."""

    def __init__(self, function: Callable, ahead: Callable[[], object] | None = None):
        self.function = function
        self.pid: int | None = None
        self.fd: int | None = None
        self.to_child: int | None = None
        self._sending: threading.Thread | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        if ahead is not None:
            message_read, self.to_child = os.pipe()
        pid = os.fork()
        if pid == 0:   # the child: work, write, and leave without running the parent's exit code
            code = 1
            try:
                os.close(read)
                if ahead is None:
                    value = function()
                else:
                    os.close(self.to_child)
                    prepared = ahead()
                    # A message is its length, then its bytes: processes this one's parent
                    # forks later hold the pipe too, so its end is no sign.
                    with os.fdopen(message_read, "rb") as incoming:
                        size = int.from_bytes(incoming.read(8) or b"\0", "big")
                        data = incoming.read(size) if size else b""
                    if len(data) != size or not size:   # cancelled, or the parent is gone
                        os._exit(0)
                    value = function(prepared, pickle.loads(data))
                data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        if ahead is not None:
            os.close(message_read)
        self.pid, self.fd = pid, read

    def send(self, message) -> None:
        """The work's message, to the process started ``ahead`` (once). Written from a
        thread: the pipe holds 64 KB, and the process reads only once ``ahead()`` is done."""
        if self.to_child is not None:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            self._sending = threading.Thread(target=self._tell, args=(self.to_child, data), daemon=True)
            self._sending.start()
            self.to_child = None

    @staticmethod
    def _tell(fd: int, data: bytes) -> None:
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(len(data).to_bytes(8, "big") + data)
        except OSError:   # the process is gone: result() works it out here
            pass

    def cancel(self) -> None:
        """Let the process go, its work unused: one started ``ahead`` and never sent its work,
        or one a build that stopped on an error will not join (killed: what it may be writing
        is written whole or not at all, ``cachefile.write_whole``)."""
        if self.to_child is not None:
            os.close(self.to_child)
            self.to_child = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.close(self.fd)
            os.waitpid(self.pid, 0)
            self.pid = self.fd = None

    def result(self, here: Callable[[], object] | None = None):
        """The value; ``here``: how to work it out in this process if the other failed
        (``function`` itself when it takes no arguments)."""
        if self.to_child is not None:   # started ahead, never sent its work
            self.cancel()
        if self._sending is not None:
            self._sending.join()
            self._sending = None
        if self.pid is not None:
            with os.fdopen(self.fd, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = self.fd = None
            if os.waitstatus_to_exitcode(status) == 0 and data:
                return pickle.loads(data)
        return (here or self.function)()


def worker_count(setting) -> int:
    """ARSHIF_WORKERS: 0 (or unset) means one per core."""
    workers = int(setting or 0)
    return workers if workers > 0 else (os.cpu_count() or 1)
