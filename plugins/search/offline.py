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
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

# Names the shim and the adapted module agree on.
MODULE_URL_GLOBAL = "window.__ARSHIF_PAGEFIND_URL__"
MODULE_EXPORTS_GLOBAL = "window.__arshifPagefind"
DATA_CALLBACK = "__arshifPagefindData"
OFFLINE_DIR = "pagefind-offline"

_EXPORT = re.compile(r"export\s*\{([^}]*)\}\s*;?\s*$")
# Files the browser never asks for in Arshif's own UI (Pagefind's prebuilt UIs).
_SKIP = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$|^pagefind-worker\.js$")


class OfflineAdapterError(Exception):
    """Pagefind's module no longer has the shape the offline adapter expects."""


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


def write_offline_bundle(pagefind_dir: Path, target_dir: Path) -> int:
    """Write TARGET/pagefind.js (classic) and TARGET/files/<path>.js for every index file.
    Returns how many files were wrapped."""
    target_dir.mkdir(parents=True, exist_ok=True)
    module = (pagefind_dir / "pagefind.js").read_text(encoding="utf-8")
    (target_dir / "pagefind.js").write_text(adapt_pagefind_module(module), encoding="utf-8")
    count = 0
    for path in sorted(p for p in pagefind_dir.rglob("*") if p.is_file()):
        key = path.relative_to(pagefind_dir).as_posix()
        if key == "pagefind.js" or _SKIP.match(key):
            continue
        out = target_dir / "files" / f"{key}.js"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(data_script(key, path.read_bytes()), encoding="ascii")
        count += 1
    return count
