"""What a cache key says of the code and the libraries that made a result: one rule for the
record cache, the search shards and the merge memo (and the pages' key, for libraries)."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent


def code_digest(parts, suffixes=(".py", ".yaml")) -> str:
    """A hash of the plugins' files (names and bytes) under ``parts``: folders or files,
    relative to plugins/ (``"dates"``, ``"search/merge.py"``), with one of ``suffixes``: the
    rules a package keeps as data (clean/default_rules.yaml, events/happenings.yaml) are
    its code too."""
    wanted = [Path(part).parts for part in parts]
    digest = hashlib.sha256()
    for path in sorted(PLUGINS.rglob("*")):
        relative = path.relative_to(PLUGINS)
        if (path.suffix in suffixes and "__pycache__" not in relative.parts
                and any(relative.parts[:len(w)] == w for w in wanted)):
            digest.update(relative.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def package_versions(names) -> bytes:
    """``name=version`` of each installed package (``?`` when missing), for a key."""
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=?")
    return "\0".join(out).encode() + b"\0"
