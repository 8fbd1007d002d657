"""Collection manifests: a scraper's metadata for many articles in one file.

Scrapers keep dates, addresses and publishers in their own metadata file, not in the text.
The articles folder may hold ``manifest.jsonl`` (one JSON object per line) and/or
``metadata.csv`` (a header row, then one row per article, CollectionBuilder style). Each row
describes one article file; its values are *given* metadata like a sidecar's, one level
below it: sidecar / front matter > manifest > detection, field by field (the reader merges).

Columns (header names are matched case-insensitively; spaces and ``-`` count as ``_``):

=====================  ==============  ==============================================
column                 sidecar key     value
=====================  ==============  ==============================================
file, filename         (the row's key) path of the article under the articles folder
date                   date            see "Dates" below
title                  title           text
source, publisher      source          the publisher as named (``sources.yaml`` finds it)
source_url, url        source_url      the original address; http(s) only
section, category      section         the site's section label
slug, objectid         slug            the article id / URL
lead                   lead            text
summary, description   summary         text
author, creator        author          text
lang, language         lang            text
note                   note            text (for curators, not published)
people, places,        same            a list of ids: a JSON array in ``manifest.jsonl``,
organisations, events,                 ``;``-separated in ``metadata.csv`` (``؛`` too; a
tags (subject),                        string in JSONL is split the same way)
redirect_from
anything else          ``extra:NAME``  kept as is (``ArticleRecord.extra``), exported
=====================  ==============  ==============================================

When a row has both a column and its alias (``source_url`` and ``url``), the canonical
name wins and the alias is kept as ``extra:NAME``. Empty cells (``""``, JSON ``null``) are
absent, so detection still fills them.

Dates become ISO 8601 at their precision (``plugins.dates.values.parse_date_value``, the
rule sidecars use): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM`` and ISO date
times. A time with a UTC offset (``2018-04-10T23:40:03+03:00``) keeps the calendar day and
clock time *of the offset given*: it is never converted to UTC, because the day the
publisher printed is the day a reader looks for. Seconds are dropped (minute precision).

Problems are warnings that name the manifest and its line, never exceptions: a malformed
line, a row with no ``file``, an unsafe path, a bad date, a non-http(s) URL, a wrong type,
a cell over ``MAX_CELL_CHARS``, a second row for the same file (the first row is used:
``manifest.jsonl`` before ``metadata.csv``, then line order). ``Manifest.check_coverage``
adds the two that need the list of input files: a file in no row, a row for no file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
import io
from pathlib import Path, PurePath, PurePosixPath

from ..arabic import clean_line, clean_text
from ..cachefile import load_pickle, save_pickle
from ..dates.values import parse_date_value
from .decode import InputError, decode_bytes

MANIFEST_NAMES = ("manifest.jsonl", "metadata.csv")
# An unmapped column NAME is given as "extra:NAME": a key no sidecar has, so the two never mix.
EXTRA_PREFIX = "extra:"
# A manifest bigger than this is not a metadata file (200 MB holds ~350,000 corpus rows).
MAX_MANIFEST_BYTES = 200 * 1024 * 1024
# A cell is metadata, not an article: anything longer is a mistake (a body pasted in a cell).
MAX_CELL_CHARS = 20_000
# Warnings of one kind beyond this many are summed up in one line, so a broken 20,000-row
# file gives a readable report rather than 20,000 lines.
MAX_WARNINGS_PER_KIND = 50

# column (normalised header) -> sidecar key. Canonical names first: they win over aliases.
TEXT_COLUMNS = {
    "title": "title", "source": "source", "source_url": "source_url", "section": "section",
    "slug": "slug", "lead": "lead", "summary": "summary", "author": "author", "lang": "lang",
    "note": "note", "date": "date",
    "publisher": "source", "url": "source_url", "category": "section", "objectid": "slug",
    "description": "summary", "creator": "author", "language": "lang",
}
LIST_COLUMNS = {
    "people": "people", "places": "places", "organisations": "organisations", "events": "events",
    "tags": "tags", "redirect_from": "redirect_from", "subject": "tags",
}
FILE_COLUMNS = ("file", "filename")
CANONICAL = frozenset(("title", "source", "source_url", "section", "slug", "lead", "summary", "author",
                       "lang", "note", "date", *LIST_COLUMNS.values()))
# Values that may keep their line breaks (a lead in paragraphs); every other value is one line.
_MULTILINE = frozenset(("lead", "summary", "note"))
# A quoted cell may hold a few line breaks (a lead); a row longer than this is an open quote.
MAX_ROW_LINES = 50

_LIST_SPLIT = re.compile("[;\u061b]")
_HEADER_SPACE = re.compile(r"[\s\-]+")


def header_key(name: str) -> str:
    """'Source URL' -> 'source_url': how a column name is matched against the table."""
    return _HEADER_SPACE.sub("_", clean_line(str(name)).lower()).strip("_")


# ASCII path segments of no space, backslash, colon or NUL, one slash between them: NFC,
# strip and PurePosixPath leave such a path as it is (the "." and ".." segments are checked apart).
_PLAIN_KEY = re.compile(r"[!-.0-9;-\[\]-~]+(?:/[!-.0-9;-\[\]-~]+)*")


def file_key(value) -> str | None:
    """The row key for an article path: POSIX, NFC (macOS writes names decomposed), no
    leading './'. None when it is not a safe relative path inside the folder."""
    if not isinstance(value, str):
        return None
    if _PLAIN_KEY.fullmatch(value) and "/./" not in f"/{value}/" and "/../" not in f"/{value}/":
        return value   # already a key (as the rules would give it): 40,000 calls a 20k build
    return _key_by_the_rules(value)


def _key_by_the_rules(value: str) -> str | None:
    text = unicodedata.normalize("NFC", value.strip().replace("\\", "/"))
    if not text or text.startswith("/") or re.match(r"[A-Za-z]:/", text):
        return None
    parts = [p for p in PurePosixPath(text).parts if p != "."]
    if not parts or ".." in parts or any("\x00" in p for p in parts):
        return None
    return "/".join(parts)


@dataclass
class Manifest:
    """Every manifest row of one articles folder, keyed by article path (``file_key``)."""

    rows: dict[str, dict] = field(default_factory=dict)      # file -> given metadata
    lines: dict[str, str] = field(default_factory=dict)      # file -> "manifest.jsonl line 12"
    warnings: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)            # manifest files found, in order

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        """True when the folder has a manifest, even one with no usable row."""
        return bool(self.read)

    def row_for(self, relative_path) -> dict | None:
        """The given metadata for the article at ``relative_path`` (under the articles folder,
        ``str`` or ``Path``): a sidecar's keys (values already checked: ``date`` is ISO at its
        precision, lists are lists of non-empty strings, ``source_url`` is http(s)) plus
        ``extra:NAME`` for each unmapped column; None when no row names it. A fresh copy:
        the caller may change it."""
        key = file_key(_as_text(relative_path))
        row = self.rows.get(key) if key else None
        if row is None:
            return None
        return {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in row.items()}

    def slugs(self) -> dict[str, str]:
        """file -> slug, for the rows that give one (the input plan makes ids before reading)."""
        return {k: row["slug"] for k, row in self.rows.items() if row.get("slug")}

    def where(self, relative_path) -> str | None:
        """'manifest.jsonl line 12': the row that described this file."""
        key = file_key(_as_text(relative_path))
        return self.lines.get(key) if key else None

    def check_coverage(self, files) -> list[str]:
        """Warnings for the input files (paths under the articles folder) that no row names,
        and for rows that name no input file. Returns them; ``warnings`` is left as is, so
        calling it twice does not double the report. Nothing when no manifest was read."""
        if not self.read:
            return []
        keys = {file_key(_as_text(f)) for f in files} - {None}
        names = " and ".join(self.read)
        missing = sorted(keys - self.rows.keys())
        unknown = sorted(self.rows.keys() - keys, key=lambda k: self.lines[k])
        out = [f"{k}: in no row of {names}; add a row for it (or give it a sidecar) to set its date and source"
               for k in missing[:MAX_WARNINGS_PER_KIND]]
        if len(missing) > MAX_WARNINGS_PER_KIND:
            out.append(f"{names}: {len(missing) - MAX_WARNINGS_PER_KIND} more article files in no row, not listed")
        out += [f"{self.lines[k]}: names {k}, which is not in the articles folder; fix the file name or remove the row"
                for k in unknown[:MAX_WARNINGS_PER_KIND]]
        if len(unknown) > MAX_WARNINGS_PER_KIND:
            out.append(f"{names}: {len(unknown) - MAX_WARNINGS_PER_KIND} more rows for no article file, not listed")
        return out


def read_manifests(folder: Path, cache: Path | None = None) -> Manifest:
    """``manifest.jsonl`` then ``metadata.csv`` in ``folder`` (either may be absent). Never
    raises: every problem becomes a warning naming the file and the line. ``cache``: a
    folder where the result is kept with a hash of what it was read from (the files' names,
    kinds and bytes, and the code): a manifest of 20,000 rows takes ~0.5 s to read, and is
    the same build after build. When it changed (a title corrected), the JSONL lines it had
    before are not parsed again: each line's row is kept by a hash of the line (``_Reuse``)."""
    if cache is None:
        return _read_manifests(Path(folder))
    key = _manifests_key(Path(folder))
    memo = Path(cache) / "manifests.pickle"
    kept = load_pickle(memo, _MEMO_FORMAT)
    if kept is not None and kept.get("key") == key and isinstance(kept.get("manifest"), Manifest):
        return kept["manifest"]
    code = _code_version()
    reuse = _Reuse(kept.get("lines") if kept is not None and kept.get("code") == code else None)
    manifest = _read_manifests(Path(folder), reuse)
    try:
        save_pickle(memo, {"format": _MEMO_FORMAT, "key": key, "code": code, "manifest": manifest,
                           "lines": reuse.now})
    except OSError:
        pass
    return manifest


_MEMO_FORMAT = "arshif-manifests-2"


class _Reuse:
    """The rows of JSONL lines read before, by a hash of the line's bytes: a line gives the
    same row wherever it stands (its position only names it in warnings), so only lines that
    gave no warning are kept; the others are read again and warn again."""

    def __init__(self, before: dict | None = None):
        self.before = before if isinstance(before, dict) else {}
        self.now: dict[bytes, tuple[str, dict]] = {}

    @staticmethod
    def line_key(line: str) -> bytes:
        return hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _manifests_key(folder: Path) -> str:
    """A hash of everything ``_read_manifests`` reads: each manifest-named entry of
    ``folder`` (name, kind, where a link leads, bytes) and the code that reads them."""
    digest = hashlib.sha256(_code_version().encode())
    try:
        names = sorted(name for name in os.listdir(folder) if name.lower() in MANIFEST_NAMES)
    except OSError:
        names = []
    for name in names:
        path = folder / name
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        try:
            info = os.lstat(path)
            digest.update(b"%d:%d\0" % (info.st_mode, info.st_size))
            if path.is_symlink():
                digest.update(str(path.resolve()).encode("utf-8", "surrogatepass") + b"\0"
                              + str(folder.resolve()).encode("utf-8", "surrogatepass") + b"\0")
            if path.is_file():
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as err:
            digest.update(f"<{err.errno}>".encode())
    return digest.hexdigest()


def _code_version() -> str:
    from ..versions import code_digest
    return code_digest(("readers", "arabic", "dates"))


def _read_manifests(folder: Path, reuse: _Reuse | None = None) -> Manifest:
    manifest = Manifest()
    present: dict[str, Path] = {}
    try:  # names in any letter case (METADATA.CSV from Windows), as the input plan finds them
        # (names first: the folder holds the 20,000 articles too)
        for path in sorted(folder / name for name in os.listdir(folder) if name.lower() in MANIFEST_NAMES):
            if path.name.lower() in present:
                manifest.warnings.append(f"{path.name}: a second {path.name.lower()} (letter case apart); only "
                                         f"{present[path.name.lower()].name} is read — merge the two files")
                continue
            present[path.name.lower()] = path
    except OSError:
        pass
    for wanted in MANIFEST_NAMES:
        path = present.get(wanted)
        if path is None or not (path.is_file() or path.is_symlink()):
            continue
        name = path.name
        manifest.read.append(name)
        if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
            manifest.warnings.append(f"{name}: is a link outside the articles folder or not a regular file; "
                                     f"the manifest is ignored — copy the file in instead")
            continue
        text = _read_text(path, manifest.warnings)
        if text is None:
            continue
        _Loader(manifest, name, reuse).load(text)
    return manifest


def _read_text(path: Path, warnings: list[str]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            warnings.append(f"{path.name}: {size // 1_000_000} MB is too large for a manifest (limit "
                            f"{MAX_MANIFEST_BYTES // 1_000_000} MB); it is ignored — split it or trim it")
            return None
        return decode_bytes(path.read_bytes(), path.name).text
    except InputError as err:
        warnings.append(f"{err} — the manifest is ignored")
    except OSError as err:
        warnings.append(f"{path.name}: cannot be read ({err.strerror}); the manifest is ignored")
    return None


class _Loader:
    """Rows of one manifest file into ``Manifest``; counts warnings per kind."""

    def __init__(self, manifest: Manifest, name: str, reuse: _Reuse | None = None):
        self.manifest, self.name, self.reuse = manifest, name, reuse
        self.counts: dict[str, int] = {}
        self._plans: dict[tuple, list] = {}

    def warn(self, kind: str, message: str) -> None:
        n = self.counts[kind] = self.counts.get(kind, 0) + 1
        if n <= MAX_WARNINGS_PER_KIND:
            self.manifest.warnings.append(message)

    def load(self, text: str) -> None:
        if self.name.endswith(".jsonl"):
            self._jsonl(text)
        else:
            self._csv(text)
        for kind, n in self.counts.items():
            if n > MAX_WARNINGS_PER_KIND:
                self.manifest.warnings.append(
                    f"{self.name}: {n - MAX_WARNINGS_PER_KIND} more warnings like the ones above ({kind}) not listed")

    def _jsonl(self, text: str) -> None:
        reuse = self.reuse
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{self.name} line {n}"
            if reuse is not None:
                line_key = reuse.line_key(line)
                row = reuse.before.get(line_key)
                if row is not None:
                    reuse.now[line_key] = row
                    self._keep(where, *row)
                    continue
                warned = len(self.manifest.warnings), sum(self.counts.values())
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                self.warn("malformed", f"{where}: not a JSON object ({_preview(line)}); fix the line — it is ignored")
                continue
            if "\\ud" in line.lower():
                obj = _without_surrogates(obj)
            if not isinstance(obj, dict):
                self.warn("malformed", f"{where}: a JSON {type(obj).__name__}, not an object "
                                       f"{{\"file\": …}}; the line is ignored")
                continue
            row = self._row(where, {str(k): v for k, v in obj.items()})
            if reuse is not None and row is not None and warned == (len(self.manifest.warnings),
                                                                     sum(self.counts.values())):
                reuse.now[line_key] = row

    def _csv(self, text: str) -> None:
        delimiter, skip = _delimiter(text)
        # newline="": line breaks inside quoted cells stay in the cell (the csv module's rule).
        lines = io.StringIO(text, newline="")
        for _ in range(skip):
            lines.readline()
        reader = csv.reader(lines, delimiter=delimiter)
        header = None
        start = 1 + skip
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                self.warn("malformed", f"{self.name} line {start}: malformed CSV ({err}); the row is ignored")
                start = reader.line_num + skip + 1
                continue
            first, end = start, reader.line_num + skip
            where, start = f"{self.name} line {first}", end + 1
            if end - first > MAX_ROW_LINES:
                self.warn("quote", f"{where}: this row runs to line {end}; a quote (\") is probably not "
                                   f"closed — the rows in between are read as one cell")
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                if not any(header_key(h) in FILE_COLUMNS for h in header):
                    self.warn("header", f"{where}: no 'file' column in the header ({_preview(', '.join(header))}); "
                                        f"the first row must name the columns, one of them 'file'")
                    return
                continue
            if len(cells) > len(header):
                self.warn("columns", f"{where}: {len(cells)} cells for {len(header)} columns; "
                                     f"the extra cells are ignored (a ',' inside a value needs \"quotes\")")
            row: dict = {}
            for column, cell in zip(header, cells):
                if column:
                    row.setdefault(column, cell)  # a repeated column name: the first one counts
            self._row(where, row)

    def _plan(self, columns: tuple) -> list[tuple[str, str, str | None]]:
        """(column, "file" | "text" | "list" | "extra", sidecar key) for a row's columns,
        canonical names first so that they win over aliases. Rows of one file share their
        columns, so this is computed once per distinct set."""
        plan = self._plans.get(columns)
        if plan is None:
            keyed = sorted(((header_key(c), c) for c in columns), key=lambda kc: kc[0] not in CANONICAL)
            plan = [(c, "file", None) if k in FILE_COLUMNS else (c, "text", TEXT_COLUMNS[k]) if k in TEXT_COLUMNS
                    else (c, "list", LIST_COLUMNS[k]) if k in LIST_COLUMNS else (c, "extra", None)
                    for k, c in keyed]
            if len(self._plans) < 1000:  # a file with ever-changing columns must not fill memory
                self._plans[columns] = plan
        return plan

    def _row(self, where: str, raw: dict) -> tuple[str, dict] | None:
        """The row's (file key, given metadata), kept unless another row had the file; None
        when it is ignored."""
        given: dict = {}
        extra: dict = {}
        file_value, file_seen = None, False
        for column, kind, target in self._plan(tuple(raw)):
            value = raw[column]
            if kind == "file":
                if not file_seen:
                    file_value, file_seen = value, True
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                self.warn("long", f"{where}: '{column}' is {len(value):,} characters long (limit "
                                  f"{MAX_CELL_CHARS:,}); ignored — a manifest cell holds metadata, not text")
                continue
            if kind == "extra" or target in given:
                extra[column] = value
                continue
            mapped = self._value(where, column, target, value, kind == "list")
            if mapped is not None:
                given[target] = mapped
        if not file_seen or file_value is None or (isinstance(file_value, str) and not file_value.strip()):
            self.warn("no-file", f"{where}: no 'file' value; say which article file the row describes — it is ignored")
            return
        key = file_key(file_value)
        if key is None:
            self.warn("bad-file", f"{where}: 'file' must be a path inside the articles folder, found "
                                  f"{_preview(file_value)}; the row is ignored")
            return
        for column, value in extra.items():
            given[EXTRA_PREFIX + column] = value
        self._keep(where, key, given)
        return key, given

    def _keep(self, where: str, key: str, given: dict) -> None:
        if key in self.manifest.rows:
            self.warn("duplicate", f"{where}: a second row for {key} (the first is {self.manifest.lines[key]}, "
                                   f"which is used); merge the rows or remove one")
            return
        self.manifest.rows[key] = given
        self.manifest.lines[key] = where

    def _value(self, where: str, column: str, target: str, value, is_list: bool):
        if is_list:
            if isinstance(value, str):
                items = _LIST_SPLIT.split(value)
            elif isinstance(value, list):
                items = value
            else:
                items = [value]
            out = []
            for item in items:
                if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                    self.warn("type", f"{where}: '{column}' items must be names or ids, found "
                                      f"{_preview(item)}; it is ignored")
                    continue
                text = _tidy_line(str(item))
                if text and len(text) <= MAX_CELL_CHARS and text not in out:
                    out.append(text)
            return out or None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.warn("type", f"{where}: '{column}' must be text, found a {_json_type(value)}; ignored")
            return None
        if target == "date":
            date = parse_date_value(value if not isinstance(value, float) else str(value))
            if date is None:
                self.warn("date", f"{where}: date {_preview(value)} is not a date Arshif reads; write "
                                  f"YYYY-MM-DD (or YYYY-MM, YYYY, 'YYYY-MM-DD HH:MM', ISO 8601) — detection is used")
                return None
            return date.value
        text = str(value)
        text = clean_text(text).strip() if target in _MULTILINE else _tidy_line(" ".join(text.splitlines()))
        if not text:
            return None
        if target == "source_url" and not re.match(r"https?://[^\s/]", text, re.I):
            self.warn("url", f"{where}: '{column}' must be an http(s) address, found {_preview(text)}; ignored")
            return None
        return text


def _as_text(path) -> str:
    return path.as_posix() if isinstance(path, PurePath) else str(path)


def _delimiter(text: str) -> tuple[str, int]:
    """(delimiter, lines to skip). Comma, as CollectionBuilder writes; but Excel in locales
    with a decimal comma saves ';', and may say so on a first line 'sep=;'; a header with no
    comma and a ';' or a tab uses that."""
    first = text[: text.find("\n") if "\n" in text else len(text)].rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], 1
    if "," not in first:
        for candidate in (";", "\t"):
            if candidate in first:
                return candidate, 0
    return ",", 0


def _tidy_line(text: str) -> str:
    """``clean_line``, skipped for the usual cell that has nothing to clean: isprintable() is
    False for every character clean_line touches (controls, format and bidi marks, every
    space but ' '), so such a text only needs its ends and double spaces checked."""
    if text.isprintable() and "  " not in text and text.strip() == text:
        return text
    return clean_line(text)


def _without_surrogates(value):
    """JSON may carry lone surrogates ("\\ud800"), which no file can be written with: they
    become '?'. Only lines that contain such an escape pay for this."""
    return json.loads(json.dumps(value, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8"))


def _json_type(value) -> str:
    return {dict: "JSON object", list: "list", bool: "true/false"}.get(type(value), type(value).__name__)


def _preview(value, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = clean_line(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")
