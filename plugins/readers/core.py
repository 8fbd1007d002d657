"""Read one input file (.txt, .html, .md, plus its sidecar) into plain data.

No cleaning happens here: the reader only decodes, splits into raw blocks and gathers the
metadata that the curator gave (sidecar, front matter) or the page declared (HTML head).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from .decode import InputError, decode_bytes
from .html_extract import html_to_blocks
from .sidecar import read_sidecar, split_front_matter

# Above this an input is almost certainly not one article (a dump, a log, a mistake).
MAX_INPUT_BYTES = 20 * 1024 * 1024
_SAFE_ID = re.compile(r"[^0-9A-Za-z\u0600-\u06ff_-]+")


@dataclass
class InputDocument:
    """One article input as read: what the following stages start from."""
    file: str                    # file name under the articles folder
    article_id: str              # stable id: sidecar slug, else derived from the file stem
    format: str                  # "text" | "html" | "markdown"
    raw_blocks: list[dict]       # [{"text", "kind", "line"}] for the cleaning stage
    original_text: str           # the decoded input, shown to readers as the original
    encoding: str
    given: dict = field(default_factory=dict)     # sidecar / front matter: always wins
    declared: dict = field(default_factory=dict)  # from an HTML page's head: detection-level
    warnings: list[str] = field(default_factory=list)


def article_id_for(stem: str) -> str:
    """A URL-safe id from a file stem: letters (Latin or Arabic), digits, _ and -."""
    ident = _SAFE_ID.sub("-", stem.strip()).strip("-").lower()
    return ident or "article"


ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown")
SIDECAR_SUFFIXES = (".yaml", ".yml")


@dataclass
class InputPlan:
    """Every file under the articles folders, decided before any is read: the id of each
    article input (duplicates resolved in file-name order, so the same archive always
    gives the same URLs) and the files that are not article inputs."""
    ids: dict[str, str] = field(default_factory=dict)          # absolute path -> article id
    warnings: list[str] = field(default_factory=list)
    not_articles: dict[str, str] = field(default_factory=dict)  # file name -> reason


def _sidecar_slug(path: Path) -> str | None:
    try:
        given, _ = read_sidecar(path)
    except InputError:
        return None
    slug = given.get("slug")
    return str(slug) if slug else None


def plan_inputs(folders: list[Path]) -> InputPlan:
    plan = InputPlan()
    taken: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if not p.is_dir()):
            rel = path.relative_to(folder).as_posix()
            suffix = path.suffix.lower()
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                plan.not_articles[rel] = f"{rel}: hidden file (name starts with '.'), not read; rename it to include it"
                continue
            if suffix in SIDECAR_SUFFIXES:
                continue  # judged with its article (or reported as an orphan by the pages stage)
            if suffix not in ARTICLE_SUFFIXES:
                plan.not_articles[rel] = (f"{rel}: not an article input ({suffix or 'no extension'}); "
                                          f"articles are .txt, .html or .md")
                continue
            wanted = article_id_for(_sidecar_slug(path) or path.stem)
            ident, n = wanted, 1
            while ident in taken:
                n += 1
                ident = f"{wanted}-{n}"
            if ident != wanted:
                plan.warnings.append(f"{rel}: id '{wanted}' is already used by {taken[wanted]}; this article "
                                     f"gets '{ident}' — give it its own file name or sidecar slug")
            taken[ident] = rel
            plan.ids[str(path.resolve())] = ident
    return plan


def _text_blocks(text: str) -> list[dict]:
    return [{"text": line, "kind": "line", "line": n} for n, line in enumerate(text.split("\n"), 1)]


def read_input(path: Path, root: Path | None = None, article_id: str | None = None) -> InputDocument:
    """Read ``path`` or raise InputError with a message that names it and says what to do.
    ``root``: the archive folder; a file reached through a link from outside it is refused,
    so a stray symlink cannot publish /etc/passwd."""
    name = path.name
    if root is not None:
        real, real_root = path.resolve(), root.resolve()
        if real != real_root and real_root not in real.parents:
            raise InputError(f"{name}: is a link to {real}, outside the archive folder; copy the file in instead")
    if path.exists() and not path.is_file():
        raise InputError(f"{name}: is not a regular file (a pipe, device or folder); remove it")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: {size // 1_000_000} MB is too large for one article (limit "
                             f"{MAX_INPUT_BYTES // 1_000_000} MB); split it or remove it")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: cannot be read (permission denied); fix its permissions") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror}); check the file") from None
    decoded = decode_bytes(data, name)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty; add the article's text or remove the file")

    given, warnings = read_sidecar(path)
    suffix = path.suffix.lower()
    declared: dict = {}
    if suffix in (".html", ".htm"):
        fmt = "html"
        blocks, declared = html_to_blocks(text)
    elif suffix in (".md", ".markdown"):
        fmt = "markdown"
        front, body, fm_warnings = split_front_matter(text, name)
        warnings += fm_warnings
        given = {**front, **given}
        blocks, _ = html_to_blocks(markdown.markdown(body))
        if "title" in given:
            blocks = [b for b in blocks if not (b["kind"] == "title" and b["text"] == str(given["title"]).strip())]
    else:
        fmt = "text"
        blocks = _text_blocks(text)
    if not any(b["text"].strip() for b in blocks):
        raise InputError(f"{name}: has no readable text; check that it is an article")

    if article_id is None:
        slug = given.get("slug")
        article_id = article_id_for(str(slug)) if slug else article_id_for(path.stem)
    return InputDocument(
        file=name, article_id=article_id, format=fmt, raw_blocks=blocks, original_text=text,
        encoding=decoded.encoding, given=given, declared=declared, warnings=warnings,
    )
