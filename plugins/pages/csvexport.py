"""CSV beside every JSON download (``articles.json`` -> ``articles.csv``, …), for the
people who open data in a spreadsheet.

The rules, once:

* **Columns**: the ``columns`` given (``EXPORT_COLUMNS`` for the data export), then any other
  key of the rows in first-seen order (so the same rows give the same columns). A dict value (``extra``) becomes one column per key,
  ``extra.NAME``; anything nested deeper is JSON text.
* **Lists** of names or ids are joined with ``;`` (``sergey-lavrov;bashar-al-assad``), the
  separator ``metadata.csv`` reads back. A list that holds objects (``date_mentions``,
  ``removed``) or an item with a ``;`` in it is written as JSON text instead, so nothing is
  ambiguous.
* **Formula injection** (OWASP "CSV Injection"): a text cell starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows
  it as text instead of running it as a formula (``=HYPERLINK(…)`` in a scraped title). Numbers
  are written as numbers.
* **Encoding**: UTF-8 with a byte-order mark. Excel opens a CSV without BOM in the machine's
  ANSI code page (Windows-1252 or -1256), which turns Arabic into mojibake; the BOM tells it
  the file is UTF-8. LibreOffice, pandas (``encoding="utf-8-sig"``) and Python's csv read
  it too. Lines end with CRLF (RFC 4180); cells with commas, quotes or line breaks are quoted.
* Deterministic: the same rows give the same bytes.

Excel shows at most 32,767 characters in a cell; a longer article ``text`` is complete in
the file (and in the JSON) but cut on screen by Excel.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Sequence

BOM = "\ufeff"
LIST_SEPARATOR = ";"
# OWASP: the characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# The data export's columns (spec/README.md), so that an empty file still has its header.
_ENTITY = ("id", "name", "name_en", "aliases", "url", "articles")
EXPORT_COLUMNS = {
    "articles.json": ("id", "file", "url", "title", "date", "date_source", "source", "section", "people",
                      "places", "organisations", "events", "headings", "text", "date_mentions", "removed"),
    "people.json": _ENTITY, "places.json": _ENTITY, "organisations.json": _ENTITY,
    "events.json": ("id", "title", "date", "url", "articles", "people", "places"),
}


def csv_name(json_name: str) -> str:
    """'articles.json' -> 'articles.csv'."""
    return json_name[: -len(".json")] + ".csv" if json_name.endswith(".json") else json_name + ".csv"


def _flat(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = inner
        else:
            out[key] = value
    return out


def _safe_text(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value) -> str:
    """One value as CSV cell text (see the module's rules)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value) and \
                not any(LIST_SEPARATOR in str(v) for v in value):
            return _safe_text(LIST_SEPARATOR.join(str(v) for v in value))
    return _safe_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def csv_text(rows: Iterable[dict], columns: Sequence[str] = ()) -> str:
    """The CSV as text (no BOM): a header row, then one row per dict. ``columns`` come
    first, in that order (so an empty export still has its header); any other key of the
    rows follows in first-seen order."""
    rows = list(rows)
    columns = csv_columns(rows, columns)
    return csv_header(columns) + "".join(csv_line(row, columns) for row in rows)


def csv_columns(rows: Sequence[dict], columns: Sequence[str] = ()) -> list[str]:
    """The columns of ``rows`` (see ``csv_text``)."""
    return list(dict.fromkeys([*columns, *(k for r in rows for k in row_columns(r))]))


def row_columns(row: dict) -> tuple[str, ...]:
    """The columns one row fills, in its order."""
    return tuple(_flat(row))


class _Line:
    """What one ``writerow`` writes (csv's writer writes a row in one call): one writer
    serves every line, instead of a buffer and a writer made for each of 20,000 rows."""
    text = ""

    def write(self, text: str) -> None:
        self.text = text


_LINE = _Line()
_WRITER = csv.writer(_LINE, lineterminator="\r\n")


def _line(cells: list[str]) -> str:
    _WRITER.writerow(cells)
    return _LINE.text


def csv_header(columns: Sequence[str]) -> str:
    return _line([_safe_text(str(c)) for c in columns])


def csv_line(row: dict, columns: Sequence[str]) -> str:
    """One row of the table, line end included (a build reuses the lines of unchanged rows)."""
    flat = _flat(row)
    return _line([cell(flat.get(c)) for c in columns])


def csv_bytes(rows: Iterable[dict], columns: Sequence[str] = ()) -> bytes:
    """What is written: UTF-8 with BOM (for Excel; see the module's notes). A lone surrogate
    (never in a valid record, but never a traceback either) becomes '?'."""
    return (BOM + csv_text(rows, columns)).encode("utf-8", "replace")


def write_csv(path: Path, rows: Iterable[dict], columns: Sequence[str] = ()) -> None:
    """Write ``rows`` to ``path`` (``data/articles.csv``)."""
    Path(path).write_bytes(csv_bytes(rows, columns))


def csv_for(json_name: str, data) -> bytes | None:
    """The CSV twin of a JSON download (``data`` as written to ``json_name``): its bytes when
    ``data`` is a list of objects (a table), None otherwise (``report.json`` is a document,
    not a table)."""
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        return None
    return csv_bytes(data, EXPORT_COLUMNS.get(json_name, ()))
