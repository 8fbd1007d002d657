"""Files in the build's cache folder: written whole, then renamed, so that a killed build
leaves the old file or the new one, never half of one; read back as a miss (None) when
missing, damaged or of another format. One rule for every cache (records, stage and page
memos, the output ledger)."""

from __future__ import annotations

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
    build's; ``used``: this build's, the only ones ``save`` keeps."""

    def __init__(self, path: Path, fmt: str, context: str = ""):
        self.path, self.fmt, self.context = Path(path), fmt, context
        data = load_pickle(self.path, fmt)   # missing, damaged or another context: none known
        self.known: dict = data["values"] if data and data.get("context") == context else {}
        self.used: dict = {}

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
            save_pickle(self.path, {"format": self.fmt, "context": self.context, "values": self.used})
