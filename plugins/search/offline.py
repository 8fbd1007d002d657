"""The offline variant of the search index: Pagefind's own files, made loadable from
``file://``.

Browsers refuse ES modules, ``fetch`` and Web Workers on pages opened from disk, and
Pagefind uses all three. They do run classic ``<script>`` tags. So the offline build ships
the very same index files, each wrapped in a classic script that hands its bytes to the
page (``files/<path>.js``), and Pagefind's module rewritten as a classic script; a small
shim (theme/static/js/offline-pagefind.js) answers Pagefind's fetches from those scripts.
Hosted and offline search therefore run the same engine on the same bytes.

The rewrite of ``pagefind.js`` relies on two things in its source; if a Pagefind upgrade
changes them, ``adapt_pagefind_module`` raises instead of shipping a broken search.

A broken file here means a search that fails only for offline readers, so nothing is taken
on trust: each index file is checked before it is wrapped (non-empty, Pagefind's gzip
container complete, the engine a WebAssembly module, the entry file naming files that
exist), each wrapped script is written atomically, read back and decoded, and its bytes'
SHA-256 must equal the hosted file's. ``manifest.json`` keeps those hashes, so the zip step
can check the tree again (``verify_offline_bundle``) right before packing it.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import os
import re
import zlib
from pathlib import Path

# Names the shim and the adapted module agree on.
MODULE_URL_GLOBAL = "window.__ARSHIF_PAGEFIND_URL__"
MODULE_EXPORTS_GLOBAL = "window.__arshifPagefind"
DATA_CALLBACK = "__arshifPagefindData"
OFFLINE_DIR = "pagefind-offline"

_EXPORT = re.compile(r"export\s*\{([^}]*)\}\s*;?\s*$")
# Files the browser never asks for in Arshif's own UI (Pagefind's prebuilt UIs).
# Nor the gzipped module (compact.py), which only a hosted page can unzip and import.
_SKIP = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$|^pagefind-worker\.js$"
                   r"|^pagefind\.js\.pf_gz$")


MANIFEST = "manifest.json"
_PAGEFIND_SIGNATURE = b"pagefind_dcd"
_WASM_MAGIC = b"\0asm"
_DATA_LINE = re.compile(r'^' + re.escape(DATA_CALLBACK) + r'\("([^"]+)","([A-Za-z0-9+/=]*)"\);\n$')


class OfflineAdapterError(Exception):
    """Pagefind's module no longer has the shape the offline adapter expects."""


class OfflineBundleError(Exception):
    """A search file of the offline variant is missing, empty, truncated or not what it wraps."""


def adapt_pagefind_module(source: str) -> str:
    """pagefind.js (an ES module) as a classic script that sets MODULE_EXPORTS_GLOBAL."""
    if "import.meta.url" not in source:
        raise OfflineAdapterError("pagefind.js no longer derives its base from import.meta.url; "
                                  "update plugins/search/offline.py for this Pagefind version")
    match = _EXPORT.search(source)
    if not match:
        raise OfflineAdapterError("pagefind.js no longer ends with one 'export {…}' list; "
                                  "update plugins/search/offline.py for this Pagefind version")
    if re.search(r"^\s*import\s|[;}]\s*import\s*[{*]", source, re.M):
        raise OfflineAdapterError("pagefind.js now imports other modules; update plugins/search/offline.py")
    entries = []
    for item in match.group(1).split(","):
        item = item.strip()
        if not item:
            continue
        local, _, exported = item.partition(" as ")
        entries.append(f"{(exported or local).strip()}: {local.strip()}")
    body = source[: match.start()].replace("import.meta.url", MODULE_URL_GLOBAL)
    return f"(function () {{\n{body}\n{MODULE_EXPORTS_GLOBAL} = {{{', '.join(entries)}}};\n}})();\n"


def data_script(key: str, payload: bytes) -> str:
    """One index file as a classic script: DATA_CALLBACK(key, base64 bytes)."""
    return f'{DATA_CALLBACK}("{key}","{base64.b64encode(payload).decode("ascii")}");\n'


def check_index_file(key: str, payload: bytes) -> None:
    """Raise OfflineBundleError unless ``payload`` is a complete Pagefind file of its kind."""
    if not payload:
        raise OfflineBundleError(f"pagefind/{key} is empty: the search index was not written completely; "
                                 "build again (and report it if it repeats)")
    if key.endswith(".json"):
        try:
            json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise OfflineBundleError(f"pagefind/{key} is not valid JSON ({exc}); build again") from None
        return
    if key.endswith(".pf_text"):  # an excerpt text beside the index (plugins/search/build.py)
        try:
            gzip.decompress(payload).decode("utf-8")
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
            raise OfflineBundleError(f"pagefind/{key} is truncated or not UTF-8 text ({exc}); build again") from None
        return
    if key.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")):
        try:
            data = gzip.decompress(payload)
        except (OSError, EOFError, zlib.error) as exc:
            raise OfflineBundleError(f"pagefind/{key} is truncated or not gzip ({exc}); build again") from None
        if not data.startswith(_PAGEFIND_SIGNATURE):
            raise OfflineBundleError(f"pagefind/{key} lacks Pagefind's signature; build again")
        if key.endswith(".pagefind") and not data[len(_PAGEFIND_SIGNATURE):].startswith(_WASM_MAGIC):
            raise OfflineBundleError(f"pagefind/{key} is not a WebAssembly module; build again")


def _check_entry(pagefind_dir: Path) -> None:
    """The files pagefind-entry.json points at exist (the engine and each language's metadata)."""
    entry = json.loads((pagefind_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language, info in entry.get("languages", {}).items():
        needed = [f"pagefind.{info['hash']}.pf_meta", f"wasm.{info.get('wasm') or 'unknown'}.pagefind"]
        for name in needed:
            if not (pagefind_dir / name).is_file():
                raise OfflineBundleError(f"pagefind/{name} (named by pagefind-entry.json for {language}) is missing; build again")


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_data_script(path: Path) -> tuple[str, bytes]:
    """(key, bytes) of a wrapped file, or OfflineBundleError if it does not decode."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise OfflineBundleError(f"{path}: unreadable wrapped search file ({exc}); build again") from None
    match = _DATA_LINE.match(text)
    if not match:
        raise OfflineBundleError(f"{path}: not a wrapped search file ({len(text)} bytes); build again")
    try:
        return match.group(1), base64.b64decode(match.group(2), validate=True)
    except binascii.Error as exc:
        raise OfflineBundleError(f"{path}: its base64 does not decode ({exc}); build again") from None


def verify_offline_bundle(target_dir: Path) -> int:
    """Check every wrapped file of an offline bundle against manifest.json (each listed file
    present, decodes, non-empty, same SHA-256 as the hosted file it wraps), and that no
    wrapped file is unlisted. Returns how many were checked; raises OfflineBundleError."""
    manifest_path = target_dir / MANIFEST
    if not manifest_path.is_file():
        raise OfflineBundleError(f"{manifest_path} is missing: the offline search bundle is incomplete; build again")
    expected = json.loads(manifest_path.read_text(encoding="utf-8"))
    module = target_dir / "pagefind.js"
    if not module.is_file() or module.stat().st_size == 0:
        raise OfflineBundleError(f"{module} is missing or empty; build again")
    files = target_dir / "files"
    found = {p.relative_to(files).as_posix()[: -len(".js")] for p in files.rglob("*.js")} if files.is_dir() else set()
    if found != set(expected):
        raise OfflineBundleError(f"{target_dir}: wrapped files differ from the manifest "
                                 f"(missing {sorted(set(expected) - found)[:5]}, unlisted {sorted(found - set(expected))[:5]}); build again")
    for key, digest in expected.items():
        got_key, payload = read_data_script(files / f"{key}.js")
        if got_key != key:
            raise OfflineBundleError(f"{files / key}.js carries the data of {got_key}; build again")
        check_index_file(key, payload)
        if hashlib.sha256(payload).hexdigest() != digest:
            raise OfflineBundleError(f"{files / key}.js does not hold the bytes of pagefind/{key} "
                                     "(hash differs): a partial write; build again")
    return len(expected)


def write_offline_bundle(pagefind_dir: Path, target_dir: Path) -> int:
    """Write TARGET/pagefind.js (classic) and TARGET/files/<path>.js for every index file.
    Returns how many files were wrapped."""
    target_dir.mkdir(parents=True, exist_ok=True)
    module = (pagefind_dir / "pagefind.js").read_text(encoding="utf-8")
    if not module.strip():
        raise OfflineBundleError(f"{pagefind_dir / 'pagefind.js'} is empty; build again")
    _write_atomically(target_dir / "pagefind.js", adapt_pagefind_module(module))
    _check_entry(pagefind_dir)
    manifest = {}
    for path in sorted(p for p in pagefind_dir.rglob("*") if p.is_file()):
        key = path.relative_to(pagefind_dir).as_posix()
        if key == "pagefind.js" or _SKIP.match(key):
            continue
        payload = path.read_bytes()
        check_index_file(key, payload)
        out = target_dir / "files" / f"{key}.js"
        out.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(out, data_script(key, payload))
        manifest[key] = hashlib.sha256(payload).hexdigest()
    _write_atomically(target_dir / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True) + "\n")
    return verify_offline_bundle(target_dir)
