"""The output folder between builds: which files a build produced, which it may keep unwritten,
and which are left over from an earlier build.

Pelican used to empty the output folder before every build (~20 s at 20,000 articles) and
every page was rendered again. Instead:

- ``OutputLedger`` remembers, per output folder (in the build's cache folder), the key each
  file was made from and the file's stat when written. A page whose key is unchanged and whose
  file still has that stat is neither rendered nor written (``fresh``).
- At the end of the build ``sweep`` removes every file in the output folder that this build did
  not produce (written, or kept as fresh, or declared by another stage with ``produced``):
  the same rule as Pelican's ``DELETE_OUTPUT_DIRECTORY`` (top-level names in
  ``OUTPUT_RETENTION`` are kept), applied after the build instead of before it, so the folder
  ends up exactly as a clean build leaves it.

Keys are digests (``Digest``) of what a page is made from: the view passed to the template
and ``environment_key`` (code, theme, library versions, settings). Pure: no Pelican import.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import sys
import tempfile
from dataclasses import is_dataclass
from pathlib import Path
from typing import Iterable

from ..cachefile import load_pickle, save_pickle  # noqa: F401  (pages read and write their memos through here)
from ..versions import package_versions

LEDGER_FORMAT = "arshif-output-ledger-1"   # bump when the ledger's layout or the key recipe changes


def _blake(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


# --- keys -----------------------------------------------------------------------------------------

class _Pickler(pickle.Pickler):
    """Pickles page inputs, replacing objects the ``Digest`` shares by their digest."""

    def __init__(self, file, digest: "Digest", top=None):
        super().__init__(file, protocol=5)
        # No memo: equal objects pickle the same whether or not they share parts (a record
        # fresh from enrichment and the same record read back from the cache do not).
        self.fast = True
        self.digest, self.top = digest, top

    def persistent_id(self, obj):
        return None if obj is self.top else self.digest.shared(obj)


class Digest:
    """Digests of page inputs. Objects pages share (records, cards, events, entities, big
    lists and dicts) are digested once per process and then stand for themselves by their
    digest, so a page's key costs little more than pickling its own small parts.

    ``leaves``: self-contained classes (no shared object inside) digested by a plain pickle,
    at C speed. Every other dataclass is pickled part by part, its shared parts by digest.

    The memo holds a reference to every object it digested, so an id is never reused for
    another object while the memo lives; objects must not change after being digested
    (pages are written after the archive is complete)."""

    BIG = 32  # lists, tuples and dicts at least this long are digested once and shared

    def __init__(self, environment: bytes = b"", leaves: tuple[type, ...] = ()):
        self.environment = environment
        self.leaves = tuple(leaves)
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._busy: set[int] = set()   # being digested: a cycle is pickled, not shared

    def shared(self, obj) -> bytes | None:
        kind = type(obj)
        if kind in _PLAIN:
            return None
        memo = self._memo.get(id(obj))
        if memo is not None and memo[0] is obj:
            return memo[1]
        if id(obj) in self._busy:
            return None
        if kind in self.leaves:
            value = _blake(_plain(obj))
        elif kind in (set, frozenset):
            # a set iterates in an order that changes with each process's string hashing: its
            # items' digests, sorted, are the same in every build
            value = _blake(kind.__name__.encode() + b"".join(sorted(
                self.shared(x) or _blake(_plain(x)) for x in obj)))
        elif (kind in (list, tuple, dict) and len(obj) >= self.BIG) or (is_dataclass(obj) and not isinstance(obj, type)):
            self._busy.add(id(obj))
            try:
                buffer = io.BytesIO()
                _Pickler(buffer, self, top=obj).dump(obj)
            finally:
                self._busy.discard(id(obj))
            value = _blake(buffer.getvalue())
        else:
            return None
        self._memo[id(obj)] = (obj, value)
        return value

    def learn(self, objects: list, digests: list[bytes]) -> None:
        """Digests of ``objects`` computed elsewhere (``shared`` in forked processes, on every
        core): records are digested once, before the writers fork, instead of once per process."""
        for obj, value in zip(objects, digests):
            self._memo[id(obj)] = (obj, value)

    def learn_keys(self, objects: list, keys: list) -> list:
        """Digests of ``objects`` from keys that decide them (a record's cache key: the hash
        of everything it is made from), where ``keys`` has one (not None); returns the
        objects without a key, to be digested by content."""
        rest = []
        for obj, key in zip(objects, keys):
            if key is None:
                rest.append(obj)
            else:
                self._memo[id(obj)] = (obj, _blake(b"decided-by\0" + str(key).encode()))
        return rest

    def key_of(self, *parts) -> bytes | None:
        """``key`` for parts that are plain values, tuples, lists and dicts of them, or objects
        ``shared`` digests (a record, its card, entities, events): no pickler, a microsecond
        or so a part. A page keyed by what its template shows (a card, not the record behind
        it) is not written again when something else of the record changes."""
        digest = hashlib.blake2b(self.environment, digest_size=20)
        try:
            self._feed(digest, parts)
        except TypeError:  # a part ``shared`` cannot digest: no key, the page is written
            return None
        return digest.digest()

    def _feed(self, digest, value) -> None:
        kind = type(value)
        if kind in _PLAIN:
            digest.update(kind.__name__.encode() + repr(value).encode("utf-8", "surrogatepass") + b"\0")
        elif (kind is tuple or kind is list) and len(value) < self.BIG:
            digest.update(b"(%d:" % len(value) if kind is tuple else b"[%d:" % len(value))
            feed, update = self._feed, digest.update
            for item in value:
                if type(item) is str:   # the commonest part, without a call
                    update(b"str" + repr(item).encode("utf-8", "surrogatepass") + b"\0")
                else:
                    feed(digest, item)
        elif kind is dict and len(value) < self.BIG:
            digest.update(b"{%d:" % len(value))
            feed = self._feed
            for key, item in value.items():   # insertion order: views build dicts in a fixed order
                feed(digest, key)
                feed(digest, item)
        else:   # a big list or dict (one object many pages show) is digested once
            shared = self.shared(value)
            if shared is None:
                raise TypeError(kind)
            digest.update(b"@" + shared)

    def key(self, *parts) -> bytes | None:
        """The key of a page made from ``parts`` (with the environment), or None when a part
        cannot be digested: then the page is always written."""
        buffer = io.BytesIO()
        buffer.write(self.environment)
        try:
            _Pickler(buffer, self).dump(parts)
        except Exception:  # an unpicklable part: no key, never a wrong page
            return None
        return _blake(buffer.getvalue())


_PLAIN = frozenset((str, int, float, bool, type(None), bytes))


def _plain(obj) -> bytes:
    """A pickle without memo (see ``_Pickler``), at C speed: no Python call per object."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(obj)
    return buffer.getvalue()


def _canonical(value, depth: int = 0) -> str:
    """A repr of settings that is the same in every process (no addresses, sets sorted)."""
    if depth > 20:
        return "…"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k, depth + 1)}:{_canonical(v, depth + 1)}"
                                     for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v, depth + 1) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v, depth + 1) for v in value) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '')}.{value.__qualname__}>"
    if type(value).__name__ == "module":
        return f"<module {value.__name__}>"
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def _tree(digest, folder: Path) -> None:
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


# Settings that say how a build runs, not what it makes (the output is the same whatever they
# are: tests/pipeline/test_build_modes.py): changing them does not rewrite every page.
HOW_NOT_WHAT = frozenset({"ARSHIF_WORKERS", "ARSHIF_SCHEDULER", "ARSHIF_PROGRESS", "ARSHIF_CACHE_PATH", "DEBUG"})


def environment_key(settings: dict, folders: Iterable[Path], extra: Iterable[str] = ()) -> bytes:
    """What every page depends on besides its view: the code and theme files (``folders``:
    folders or files), the versions of the libraries that render, and every setting
    (Pelican's context) but those in ``HOW_NOT_WHAT``."""
    digest = hashlib.blake2b(LEDGER_FORMAT.encode(), digest_size=20)
    digest.update(sys.version.encode())
    digest.update(package_versions(("pelican", "jinja2", "markupsafe")))
    for folder in folders:
        digest.update(str(folder).encode() + b"\0")
        if Path(folder).is_dir():
            _tree(digest, Path(folder))
        elif Path(folder).is_file():
            digest.update(Path(folder).read_bytes() + b"\0")
    digest.update(_canonical({k: v for k, v in settings.items() if k not in HOW_NOT_WHAT}).encode())
    for part in extra:
        digest.update(part.encode() + b"\0")
    return digest.digest()


# --- the ledger and the sweep ---------------------------------------------------------------------

def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class OutputLedger:
    """What a build produced in ``output``: relative path -> (key, stat signature).

    ``cache_folder`` None (no cache): nothing is remembered, every page is written, and the
    sweep still leaves exactly what this build produced."""

    def __init__(self, output: Path, cache_folder: Path | None, retention: Iterable[str] = ()):
        self.output = Path(output)
        self._root = str(self.output) + os.sep   # paths joined as strings: 40,000 stats a build
        self.retention = set(retention or ())
        self.file = None
        if cache_folder is not None:
            name = hashlib.sha256(str(self.output.resolve()).encode()).hexdigest()[:24]
            self.file = Path(cache_folder) / "output" / f"{name}.pickle"
        self.previous: dict[str, tuple] = self._load()
        self.current: dict[str, tuple] = {}
        self.log: list[tuple[str, tuple]] = []   # entries in order, for forked writers to hand back
        self.start_ns = self._fs_now()
        self.counts = {"written": 0, "kept": 0, "removed": 0}
        self.whole: set[str] = set()               # folders the sweep does not walk (produced_whole)
        self.superseded: set[str] = set()          # written by this build, then not produced again (again)

    @property
    def remembers(self) -> bool:
        """Whether keys are kept for the next build (False without a cache folder: pages
        need no key then)."""
        return self.file is not None

    def _load(self) -> dict:
        data = load_pickle(self.file, LEDGER_FORMAT) if self.file is not None else None
        if data is None or data.get("output") != str(self.output.resolve()):
            return {}  # missing, damaged or another folder's: every page is written again
        return data.get("files") or {}

    def _fs_now(self) -> int:
        """The file system's clock now: files whose ctime is not earlier were written by this
        build (ctime cannot be set back by copying). The file system's clock is coarse, so
        wait for its next tick: every file written before then has an earlier ctime."""
        self.output.mkdir(parents=True, exist_ok=True)
        fd, marker = tempfile.mkstemp(dir=self.output, prefix=".arshif-start-")
        try:
            first = now = os.fstat(fd).st_ctime_ns
            for _ in range(100000):   # a tick is a few ms; never wait forever on a frozen clock
                os.utime(fd)
                now = os.fstat(fd).st_ctime_ns
                if now > first:
                    break
            return now
        finally:
            os.close(fd)
            os.unlink(marker)

    # --- pages ---

    def fresh(self, path: str, key: bytes | None) -> bool:
        """True when ``path`` was made from ``key`` by an earlier build and still holds the bytes
        written then: it is kept unwritten (and counted as produced)."""
        if key is None:
            return False
        entry = self.previous.get(path)
        if entry is None or entry[0] != key:
            return False
        try:
            st = os.stat(self._root + path)
        except OSError:
            return False
        if _signature(st) != entry[1]:
            return False
        self._add(path, entry)
        return True

    def unchanged(self, path: str) -> bytes | None:
        """The bytes of ``path`` when it still holds what the last build wrote, else None."""
        entry = self.previous.get(path)
        if entry is None:
            return None
        try:
            with open(self.output / path, "rb") as fh:
                if _signature(os.fstat(fh.fileno())) != entry[1]:
                    return None
                return fh.read()
        except OSError:
            return None

    def remembered(self, path: str) -> bool:
        """Whether the last build produced ``path`` (else no key can keep it: ``fresh`` is False)."""
        return path in self.previous

    def wrote(self, path: str, key: bytes | None, st: os.stat_result | None = None) -> None:
        """``path`` has just been written from ``key`` (``st``: its stat, when the writer has it)."""
        if st is None:
            try:
                st = os.stat(self._root + path)
            except OSError:
                return
        self._add(path, (key, _signature(st)))

    def _add(self, path: str, entry: tuple) -> None:
        self.current[path] = entry
        self.log.append((path, entry))

    def merge(self, entries: Iterable[tuple[str, tuple]]) -> None:
        """Entries a forked writer made (its ``log``)."""
        for path, entry in entries:
            self.current[path] = entry

    def produced(self, paths: Iterable[str | os.PathLike]) -> None:
        """Files another stage produced (written or kept unchanged): the sweep keeps them.
        Paths are relative to the output folder, or absolute inside it."""
        root = self.output.resolve()
        for path in paths:
            p = Path(path)
            rel = (p.resolve().relative_to(root) if p.is_absolute() else p).as_posix()
            self.current.setdefault(rel, (None, None))

    def produced_whole(self, folders: Iterable[str]) -> None:
        """Folders (relative to the output folder) another stage emptied and wrote whole in this
        build: the sweep keeps them as they are without walking them (the search index: ~43,000
        files at 20,000 articles, ~0.3 s of stat calls)."""
        self.whole.update(Path(folder).as_posix().strip("/") for folder in folders)

    def again(self) -> None:
        """The pages are written a second time in this build, from other data (the events
        turned out other than the last build's, which the first writing used): what the first
        writing produced is kept unwritten where the second makes the same, and the sweep
        removes what only the first produced, though this build wrote it."""
        self.previous = {**self.previous, **self.current}
        self.superseded = set(self.current)
        self.current, self.log, self.whole = {}, [], set()

    # --- the end of the build ---

    def sweep(self) -> list[str]:
        """Remove every file of the output folder this build did not produce (see the module
        doc), then empty folders; save the ledger. Returns the removed paths."""
        removed: list[str] = []
        keep = self.current

        def walk(folder: str, prefix: str) -> bool:
            """Sweep ``folder``; True when nothing is left in it."""
            empty = True
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    if not prefix and entry.name in self.retention:
                        empty = False
                    elif entry.is_dir(follow_symlinks=False):   # a link to a folder is a file here
                        if rel in self.whole:
                            empty = False
                        elif walk(entry.path, rel + "/"):
                            os.rmdir(entry.path)
                        else:
                            empty = False
                    elif rel in keep:
                        empty = False
                    else:
                        try:
                            st = entry.stat(follow_symlinks=False)
                        except OSError:
                            continue
                        if st.st_ctime_ns >= self.start_ns and rel not in self.superseded:
                            # written by this build through a path no stage declared (Pelican's
                            # theme files, the report): produced; a later build removes it when gone
                            keep[rel] = (None, _signature(st))
                            empty = False
                        else:
                            os.unlink(entry.path)
                            removed.append(rel)
            return empty

        if self.output.is_dir():
            walk(str(self.output), "")
        kept = sum(1 for path, entry in self.current.items() if entry[0] is not None and self.previous.get(path) == entry)
        self.counts = {"written": sum(1 for e in self.current.values() if e[0] is not None) - kept, "kept": kept,
                       "removed": len(removed)}
        self._save()
        return removed

    def _save(self) -> None:
        if self.file is not None:
            save_pickle(self.file, {"format": LEDGER_FORMAT, "output": str(self.output.resolve()),
                                    "files": {p: e for p, e in self.current.items() if e[0] is not None}})

def digest_of(*parts) -> bytes:
    """A digest of plain values (no sharing, no memo)."""
    return _blake(_plain(parts))
