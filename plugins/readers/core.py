"""Read the archive folder: which files are article inputs (the plan), and one input file
(.txt, .html, .md) into plain data.

No cleaning happens here: the reader only decodes, splits into raw blocks and gathers the
metadata that the curator gave (sidecar, front matter) or the page declared (HTML head).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from ..arabic import clean_line
from .decode import InputError, decode_bytes
from .html_extract import html_to_blocks
from .sidecar import read_sidecar, split_front_matter

# Above this an input is almost certainly not one article (a dump, a log, a mistake).
MAX_INPUT_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
SIDECAR_SUFFIXES = (".yaml", ".yml")
MANIFEST_NAMES = ("manifest.jsonl", "metadata.csv")
_UNSAFE_ID = re.compile(r"[^0-9A-Za-z\u0600-\u06ff_-]+")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # diacritics, tatweel


def article_id_for(stem: str) -> str:
    """The one id rule: a URL-safe id from a file stem or slug — NFC, invisible and bidi
    marks removed, letters (Latin or Arabic), digits, _ and -, lower case. Two ids that
    look the same are the same id."""
    text = unicodedata.normalize("NFC", clean_line(str(stem)))
    text = _ARABIC_MARKS.sub("", text)
    ident = _UNSAFE_ID.sub("-", text).strip("-").lower()
    return ident or "article"


@dataclass(frozen=True)
class PlannedInput:
    """One article input, decided before any is read."""
    path: str                    # absolute path
    file: str                    # path under the articles folder, POSIX (unique: the report's key)
    format: str                  # "text" | "html" | "markdown"
    article_id: str
    given: dict = field(default_factory=dict, hash=False, compare=False)  # the sidecar's values
    sidecar_bytes: bytes = b""   # part of the cache key: editing the sidecar re-enriches
    warnings: tuple[str, ...] = ()


@dataclass
class InputPlan:
    """Every file under the articles folder: the article inputs with their ids (duplicates
    resolved in file-name order, so the same archive always gives the same URLs), and every
    other file with the reason it is not an article."""
    inputs: list[PlannedInput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_articles: dict[str, str] = field(default_factory=dict)  # relative path -> reason
    manifests: list[Path] = field(default_factory=list)


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links followed, is ``root`` or under it (the archive's one rule for
    links that lead out of a folder)."""
    if _plainly_under(os.fspath(path), os.fspath(root)):
        return True
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _plainly_under(path: str, root: str) -> bool:
    """``path`` is written as ``root`` + plain names (no «.», «..», empty part) and none of
    those names is a link: then realpath(path) is realpath(root) followed by the same names,
    so ``inside`` is true without resolving either (two realpath calls cost ~35 µs, most of
    reading a file). Anything else (a link, a name that cannot be looked at) says False and
    ``inside`` resolves both."""
    return _plain_stat(path, root) is not None


def _plain_stat(path: str, root: str) -> os.stat_result | None:
    """``_plainly_under``'s answer as the lstat of ``path`` itself (None for False): not a
    link, so it is also its stat, and reading the file needs no second one."""
    if not (os.path.isabs(path) and os.path.isabs(root)):
        return None
    prefix = root.rstrip(os.sep) + os.sep
    if not path.startswith(prefix) or len(path) == len(prefix):
        return None
    names = path[len(prefix):].split(os.sep)
    if any(name in ("", ".", "..") for name in names):
        return None
    here = prefix.rstrip(os.sep) or os.sep
    try:
        for name in names:
            here = os.path.join(here, name)
            info = os.lstat(here)
            if stat.S_ISLNK(info.st_mode):
                return None
    except (OSError, ValueError):
        return None
    return info


def _is_file(entry: _Entry) -> bool:
    try:
        return bool(entry.is_file())
    except OSError:
        return False


def _walk(folder: Path):
    """Every file and link under ``folder``, sorted, links not followed (a link to a folder is
    an entry, not descended into), as ``_Entry``. os.scandir rather than pathlib and os.walk:
    the entries' types come with the listing, so 20,000 files cost no stat each."""
    def walk(top: str, prefix: str):
        try:
            with os.scandir(top) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            link = entry.is_symlink()
            if is_dir and not link:
                folders.append(entry)
            else:
                yield _Entry(entry.path, prefix + entry.name, entry.name, link, entry.is_file)
        for entry in folders:
            yield from walk(entry.path, prefix + entry.name + "/")
    yield from walk(os.fspath(folder), "")


@dataclass(frozen=True)
class _Entry:
    path: str        # as listed (the folder joined with the relative path)
    rel: str         # POSIX, relative to the articles folder
    name: str
    link: bool       # a symbolic link (not followed)
    is_file: object  # () -> bool, links followed

    @property
    def suffix(self) -> str:
        """pathlib's suffix: from the last '.' that is neither the first nor the last character."""
        i = self.name.rfind(".")
        return self.name[i:] if 0 < i < len(self.name) - 1 else ""

    @property
    def stem(self) -> str:
        suffix = self.suffix
        return self.name[: -len(suffix)] if suffix else self.name


def _entry(folder: Path, path: Path) -> _Entry:
    return _Entry(str(path), path.relative_to(folder).as_posix(), path.name, path.is_symlink(), path.is_file)


def plan_inputs(folder: Path, manifest_slugs: dict[str, str] | None = None, only: Path | None = None) -> InputPlan:
    """The plan of ``folder`` (the articles folder). ``manifest_slugs``: file -> slug given
    by a manifest row (a sidecar's slug wins). ``only``: plan that one file (and its
    sidecars) without walking the folder (scorers, ``enrich_file``)."""
    plan = InputPlan()
    if not folder.is_dir():
        return plan
    root = folder.resolve()
    base = str(folder.absolute())
    articles: list[_Entry] = []
    sidecars: dict[tuple[str, str], list[Path]] = {}
    entries = ([_entry(folder, p) for p in sorted([only] + [p for p in only.parent.glob(f"{only.stem}.*")
                                                          if p.suffix.lower() in SIDECAR_SUFFIXES])]
               if only is not None else _walk(folder))
    for entry in entries:
        rel = entry.rel
        parts = rel.split("/")
        suffix = entry.suffix.lower()
        if any(part.startswith(".") for part in parts):
            plan.not_articles[rel] = f"{rel}: hidden file (name starts with '.'), not read; rename it to include it"
        elif entry.link and not inside(entry.path, root):
            plan.not_articles[rel] = f"{rel}: is a link to a file outside the archive folder; copy the file in instead"
        elif len(parts) == 1 and entry.name.lower() in MANIFEST_NAMES:
            plan.manifests.append(Path(entry.path))
        elif suffix in SIDECAR_SUFFIXES:
            sidecars.setdefault((rel.rpartition("/")[0], entry.stem), []).append(Path(entry.path))
        elif suffix in ARTICLE_SUFFIXES and not _is_file(entry):
            # Never opened: reading a pipe would wait forever.
            plan.not_articles[rel] = f"{rel}: is not a regular file (a pipe, device or folder); remove it"
        elif suffix in ARTICLE_SUFFIXES:
            articles.append(entry)
        else:
            plan.not_articles[rel] = (f"{rel}: not an article input ({suffix or 'no extension'}); articles are "
                                      f".txt, .html or .md (any letter case)")
    used: set[Path] = set()
    # articles/page/2/ … are the article index's pages: no article may have the id "page".
    taken: dict[str, str] = {"page": "the articles index (articles/page/2/ …)"}
    for entry in articles:
        rel = entry.rel
        candidates = sorted(sidecars.get((rel.rpartition("/")[0], entry.stem), []),
                            key=lambda p: (p.suffix.lower() != ".yaml", p.name))
        sidecar = candidates[0] if candidates else None
        used.update(candidates)
        warnings: list[str] = []
        for extra in candidates[1:]:
            extra_rel = extra.relative_to(folder).as_posix()
            plan.not_articles[extra_rel] = (f"{extra_rel}: a second sidecar for {rel}; only "
                                            f"{sidecar.name} is read — merge the two files")
        given, sidecar_bytes = {}, b""
        if sidecar is not None:
            if not sidecar.is_file():
                warnings.append(f"{sidecar.relative_to(folder).as_posix()}: is not a regular file; "
                                f"the article is built without it")
            else:
                given, sidecar_warnings = read_sidecar(sidecar, sidecar.relative_to(folder).as_posix())
                warnings += sidecar_warnings
                sidecar_bytes = sidecar.read_bytes()
        slug = given.get("slug") or (manifest_slugs or {}).get(rel)
        wanted = article_id_for(str(slug) if isinstance(slug, (str, int)) and str(slug).strip() else entry.stem)
        ident, n = wanted, 1
        while ident in taken:
            n += 1
            ident = f"{wanted}-{n}"
        if ident != wanted:
            plan.warnings.append(f"{rel}: id '{wanted}' is already used by {taken[wanted]}; this article "
                                 f"gets '{ident}' — give it its own file name or sidecar slug")
        taken[ident] = rel
        plan.inputs.append(PlannedInput(os.path.join(base, rel), rel, ARTICLE_SUFFIXES[entry.suffix.lower()], ident,
                                        given, sidecar_bytes, tuple(warnings)))
    for group in sidecars.values():
        for orphan in group:
            if orphan not in used:
                rel = orphan.relative_to(folder).as_posix()
                plan.not_articles[rel] = (f"{rel}: sidecar without an article (no {orphan.stem}.txt/.html/.md "
                                          f"beside it); rename it or remove it")
    return plan


@dataclass
class InputDocument:
    """One article input as read: what cleaning starts from."""
    raw_blocks: list[dict]       # [{"text", "kind", "line"}]
    original_text: str           # the decoded input, shown to readers as the original
    encoding: str
    front_matter: dict = field(default_factory=dict)  # Markdown front matter (wins like a sidecar)
    declared: dict = field(default_factory=dict)      # from an HTML page's head: detection-level
    warnings: list[str] = field(default_factory=list)


def read_bytes(path: str | Path, name: str, root: str | Path | None = None) -> bytes:
    """The bytes of one input, or InputError naming it and saying what to do. ``root``:
    the archive folder; a file reached through a link from outside it is refused, so a stray
    symlink cannot publish /etc/passwd."""
    info = None
    if root is not None:
        info = _plain_stat(os.fspath(path), os.fspath(root))
        if info is None and not inside(path, root):
            raise InputError(f"{name}: is a link to a file outside the archive folder; copy the file in instead")
    try:
        if info is None:
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: is not a regular file (a pipe, device or folder); remove it")
        size = info.st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: {size // 1_000_000} MB is too large for one article (limit "
                             f"{MAX_INPUT_BYTES // 1_000_000} MB); split it or remove it")
        return _read_all(path, size)
    except PermissionError:
        raise InputError(f"{name}: cannot be read (permission denied); fix its permissions") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror}); check the file") from None


def _read_all(path, size: int) -> bytes:
    """The whole file, its stat having said ``size`` bytes: one read of one byte more than
    that, which gives exactly ``size`` bytes for a file that did not change; otherwise (it
    grew, or a short read) reads on to the end. The same bytes as open(path, "rb").read()
    for less than half its cost."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        chunks = [data]
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _text_blocks(text: str) -> list[dict]:
    # Empty lines carry nothing for cleaning (it skips them): only their number is kept, by the others.
    return [{"text": line, "kind": "line", "line": n} for n, line in enumerate(text.split("\n"), 1) if line]


def parse_input(data: bytes, name: str, fmt: str) -> InputDocument:
    """Decode and split one input's bytes (pure), or raise InputError."""
    decoded = decode_bytes(data, name)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty; add the article's text or remove the file")
    warnings: list[str] = []
    front: dict = {}
    declared: dict = {}
    if fmt == "html":
        blocks, declared = html_to_blocks(text)
    elif fmt == "markdown":
        front, body, warnings = split_front_matter(text, name)
        blocks, _ = html_to_blocks(markdown.markdown(body))
        title = front.get("title")
        if isinstance(title, str):
            blocks = [b for b in blocks if not (b["kind"] == "title" and b["text"] == title.strip())]
    else:
        blocks = _text_blocks(text)
    if not any(b["text"].strip() for b in blocks):
        raise InputError(f"{name}: has no readable text; check that it is an article")
    return InputDocument(blocks, text, decoded.encoding, front, declared, warnings)
