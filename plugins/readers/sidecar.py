"""Sidecar files (``NAME.yaml`` beside ``NAME.txt``) and Markdown front matter.

Both carry what a curator knows and detection cannot: date, source, title, slug... They
win over detection field by field. YAML is read with ``safe_load`` only, so tags such as
``!!python/object`` are refused, not executed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .decode import InputError, decode_bytes

# Keys a sidecar may set, and what they mean (documented in README "Sidecars").
KNOWN_KEYS = {
    "title", "date", "source", "source_url", "section", "slug", "lead", "lang",
    "people", "places", "organisations", "events", "tags", "summary", "author", "note",
    "redirect_from",
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _yaml_mapping(text: str, where: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.constructor.ConstructorError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{where}{line}: YAML tag not allowed ({err.problem}); use plain values only") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(f"{where}{line}: broken YAML ({problem}); fix the syntax or delete the file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected 'key: value' lines, found a {type(data).__name__}; see README 'Sidecars'")
    return {str(k): v for k, v in data.items()}


def split_known(meta: dict, where: str) -> tuple[dict, list[str]]:
    """Known keys, and a warning for each unknown one (kept out of the build)."""
    known, warnings = {}, []
    for key, value in meta.items():
        if key in KNOWN_KEYS:
            known[key] = value
        else:
            warnings.append(f"{where}: unknown key '{key}' ignored; known keys: {', '.join(sorted(KNOWN_KEYS))}")
    return known, warnings


def read_sidecar(article_path: Path) -> tuple[dict, list[str]]:
    """The sidecar of ``article_path`` (NAME.yaml or NAME.yml), or ({}, []). A sidecar that
    cannot be read is a warning: the article is still built, from detection alone."""
    for ext in (".yaml", ".yml"):
        path = article_path.with_suffix(ext)
        if path.is_file():
            try:
                decoded = decode_bytes(path.read_bytes(), path.name)
                return split_known(_yaml_mapping(decoded.text, path.name), path.name)
            except InputError as err:
                return {}, [f"{err} — the article is built without it"]
    return {}, []


def split_front_matter(text: str, name: str) -> tuple[dict, str, list[str]]:
    """Markdown with ``---`` YAML front matter -> (metadata, body, warnings). Broken front
    matter is a warning; the body is still the article."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        meta, warnings = split_known(_yaml_mapping(match.group(1), f"{name} (front matter)"), name)
    except InputError as err:
        return {}, text[match.end():], [f"{err} — the article is built without it"]
    return meta, text[match.end():], warnings
