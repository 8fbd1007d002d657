"""Sidecar files (``NAME.yaml`` beside ``NAME.txt``) and Markdown front matter.

Both carry what a curator knows and detection cannot: date, source, title, slug... They
win over detection field by field (``plugins.enrich``). YAML is read by ``plugins.yamlfile``:
plain values only, dates kept as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..yamlfile import YamlError, load_mapping
from .decode import InputError, decode_bytes

# Keys a sidecar may set, and what they mean (documented in README "Sidecars").
KNOWN_KEYS = {
    "title", "date", "source", "source_url", "section", "slug", "lead", "lang",
    "people", "places", "organisations", "events", "tags", "summary", "author", "note",
    "redirect_from",
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_known(meta: dict, where: str) -> tuple[dict, list[str]]:
    """Known keys, and a warning for each unknown one (kept out of the build)."""
    known, warnings = {}, []
    for key, value in meta.items():
        if key in KNOWN_KEYS:
            known[key] = value
        else:
            warnings.append(f"{where}: unknown key '{key}' ignored; known keys: {', '.join(sorted(KNOWN_KEYS))}")
    return known, warnings


def read_sidecar(path: Path | None, name: str | None = None) -> tuple[dict, list[str]]:
    """The sidecar at ``path`` (already chosen and checked by the input plan), or ({}, []).
    A sidecar that cannot be read is a warning: the article is still built from detection."""
    if path is None:
        return {}, []
    name = name or path.name
    try:
        decoded = decode_bytes(path.read_bytes(), name)
        return split_known(load_mapping(decoded.text, name), name)
    except OSError as err:
        return {}, [f"{name}: cannot be read ({err.strerror}) — the article is built without it"]
    except (InputError, YamlError) as err:
        return {}, [f"{err} — the article is built without it"]


def split_front_matter(text: str, name: str) -> tuple[dict, str, list[str]]:
    """Markdown with ``---`` YAML front matter -> (metadata, body, warnings). Broken front
    matter is a warning; the body is still the article."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        meta, warnings = split_known(load_mapping(match.group(1), f"{name} (front matter)"), name)
    except YamlError as err:
        return {}, text[match.end():], [f"{err} — the article is built without it"]
    return meta, text[match.end():], warnings
