"""Files in the build's cache folder: written whole, then renamed, so that a killed build
leaves the old file or the new one, never half of one; read back as a miss (None) when
missing, damaged or of another format. One rule for every cache (records, stage and page
memos, the output ledger)."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def save_pickle(path: Path, data: dict) -> None:
    """``data`` (a dict with its ``format``) pickled into ``path``."""
    write_whole(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def load_pickle(path: Path, fmt: str):
    """What ``save_pickle`` wrote with format ``fmt``, or None (missing, damaged, other format)."""
    try:
        data = pickle.loads(Path(path).read_bytes())
    except Exception:  # a damaged cache entry is a miss
        return None
    return data if isinstance(data, dict) and data.get("format") == fmt else None


class KeptValues:
    """Values worked out item by item in the last build, kept by a key of each item (a hash
    of a text, a record's cache key) under ``context`` (all else that decides them, code
    included): a build works out only the items it has not seen. ``known``: the last
    build's; ``used``: this build's, the only ones ``save`` keeps.

    The file is two pickles: a head (format, context, the keys) and the values, so that
    ``kept_keys`` tells what the file holds without reading it all."""

    def __init__(self, path: Path, fmt: str, context: str = "", *, known: dict | None = None):
        self.path, self.fmt, self.context = Path(path), fmt, context
        self.known: dict = self.read(path, fmt, context) if known is None else known
        self.used: dict = {}

    @staticmethod
    def read(path: Path, fmt: str, context: str | None) -> dict:
        """The values of the file at ``path`` (missing, damaged, another format or, unless
        ``context`` is None, another context: none)."""
        try:
            with open(path, "rb") as fh:
                unpickler = pickle.Unpickler(fh)
                head = unpickler.load()
                if not (isinstance(head, dict) and head.get("format") == fmt
                        and (context is None or head.get("context") == context)):
                    return {}
                values = unpickler.load()
        except Exception:  # a damaged cache entry is a miss
            return {}
        return values if isinstance(values, dict) else {}

    @staticmethod
    def head(path: Path, fmt: str) -> dict:
        """The file's head (format, context, keys) alone; {} when missing, damaged or of
        another format."""
        try:
            with open(path, "rb") as fh:
                head = pickle.Unpickler(fh).load()
        except Exception:
            return {}
        return head if isinstance(head, dict) and head.get("format") == fmt else {}

    @classmethod
    def kept_keys(cls, path: Path, fmt: str, context: str) -> frozenset:
        """The keys the file at ``path`` holds values of under ``context``, reading its head only."""
        head = cls.head(path, fmt)
        return frozenset(head.get("keys", ())) if head.get("context") == context else frozenset()

    def get(self, key, compute):
        """The value kept for ``key``, else ``compute()``; a None key is never kept."""
        value = self.known.get(key) if key is not None else None
        if value is None:
            value = compute()
        if key is not None:
            self.used[key] = value
        return value

    def save(self) -> None:
        if self.used.keys() != self.known.keys():   # same keys, same context: same values
            out = io.BytesIO()
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            # one pickler: the values' keys are the head's, written once
            pickler.dump({"format": self.fmt, "context": self.context, "keys": list(self.used)})
            pickler.dump(self.used)
            write_whole(self.path, out.getvalue())


class BlobPack:
    """Byte strings kept by key in a few large segment files and one index (``index.pickle``),
    instead of one file per key: a rebuild of 20,000 articles opens a handful of files, not
    20,000. A build appends what it made as one new segment; segments are never changed
    after they are written (a build that still reads one keeps it open, even once removed).
    ``save`` keeps only the keys this build used (``get``, ``keep``, ``put``) and, when the
    dead bytes outweigh the live ones or segments pile up, copies the live blobs into one new
    segment. A missing, damaged or other-``layout`` index is an empty pack; a blob whose
    segment is missing or short is a miss. Delete the folder any time.

    ``put`` writes the blob at once, to the new segment under a temporary name (renamed by
    ``save``): a cold 20k build puts 40,000 blobs, ~0.3 GB the build would otherwise hold
    until the end of enrichment, and the memory a process once held it keeps."""

    FORMAT = "arshif-pack-1"
    MAGIC = b"arshif-pack-1\n"
    MAX_SEGMENTS = 8

    def __init__(self, folder: Path, layout: str = ""):
        self.folder, self.layout = Path(folder), layout
        data = load_pickle(self.folder / "index.pickle", self.FORMAT)
        self.known: dict = data["entries"] if data and data.get("layout") == layout else {}
        self.used: dict = {}
        self.new: dict = {}   # key -> (segment, offset, length) in the segment being written
        self._writing: tuple[int, str, str] | None = None   # (fd, temporary path, final name)
        self._at = 0
        self._open: dict[str, tuple[int, int] | None] = {}   # segment -> (fd, size), or None: unreadable
        self.segments_opened = 0   # for tests: files a build opens

    def _segment(self, name: str):
        if name not in self._open:
            try:
                fd = os.open(self.folder / name, os.O_RDONLY)
            except OSError:
                self._open[name] = None
            else:
                self._open[name] = (fd, os.fstat(fd).st_size)
                self.segments_opened += 1
        return self._open[name]

    def has(self, key) -> bool:
        """Whether ``get(key)`` would find the blob (its segment is there and long enough)."""
        entry = self.known.get(key)
        if entry is None:
            return False
        segment = self._segment(entry[0])
        return segment is not None and entry[1] + entry[2] <= segment[1]

    def get(self, key) -> bytes | None:
        """The blob of ``key``, or None; kept by ``save``."""
        if key in self.new:
            _name, offset, length = self.new[key]
            return os.pread(self._writing[0], length, offset)
        if not self.has(key):
            return None
        name, offset, length = entry = self.known[key]
        data = os.pread(self._open[name][0], length, offset)
        if len(data) != length:
            return None
        self.used[key] = entry
        return data

    def keep(self, key) -> bool:
        """Keep ``key``'s blob for the next build without reading it; False when not there."""
        if not self.has(key):
            return False
        self.used[key] = self.known[key]
        return True

    def put(self, key, blob: bytes) -> None:
        if self._writing is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            self._writing = (fd, tmp, "segment-" + Path(tmp).name[len(".tmp-"):] + ".bin")
            self._at = 0
            self._write(self.MAGIC)
        self.new[key] = (self._writing[2], self._at, len(blob))
        self._write(blob)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._writing[0], view)
            view = view[written:]
        self._at += len(data)

    def save(self) -> None:
        """Name this build's new segment, compact if worth it, write the index and remove the
        segments it no longer names."""
        entries = dict(self.used)
        live: dict[str, int] = {}
        for name, _offset, length in entries.values():
            live[name] = live.get(name, 0) + length
        sizes = {name: self._open[name][1] for name in live if self._open.get(name)}
        dead = sum(sizes.values()) - sum(live.values())
        if len(live) + bool(self.new) > self.MAX_SEGMENTS or dead > sum(live.values()):
            # copy the live blobs (bytes, not values) into the new segment with the new ones
            for key, (name, offset, length) in entries.items():
                if key not in self.new:
                    self.put(key, os.pread(self._open[name][0], length, offset))
            entries = {}
        if self._writing is not None:
            fd, tmp, name = self._writing
            os.close(fd)
            self._writing = None
            os.replace(tmp, self.folder / name)
            entries.update(self.new)
        elif entries == self.known:
            return   # nothing new, nothing dropped
        save_pickle(self.folder / "index.pickle", {"format": self.FORMAT, "layout": self.layout, "entries": entries})
        named = {entry[0] for entry in entries.values()}
        for path in self.folder.glob("segment-*.bin"):
            if path.name not in named:
                try:
                    path.unlink()
                except OSError:
                    pass
        self.known, self.used, self.new = entries, dict(entries), {}

    def close(self) -> None:
        for segment in self._open.values():
            if segment is not None:
                os.close(segment[0])
        self._open = {}
        if self._writing is not None:   # never saved: its blobs are not kept
            fd, tmp, _name = self._writing
            self._writing = None
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def __del__(self):
        try:
            self.close()
        except Exception:  # at interpreter exit os may be gone: the fds close with the process
            pass
