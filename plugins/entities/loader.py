"""Reading and validating the curated gazetteer files (people.yaml, places.yaml,
organisations.yaml). A curator edits them by hand, so every problem becomes a warning that
names the file, the entry and what to do; a bad entry is skipped, the rest still loads."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from ..readers.core import inside
from .matcher import name_key
from .model import KINDS, Entity

KNOWN_KEYS = ("id", "name", "name_en", "aliases", "weak_aliases", "roles", "wikidata", "redirect_from")
_LIST_KEYS = ("aliases", "weak_aliases", "roles", "redirect_from")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
# Arshif's one YAML loader (safe, C-accelerated, dates left as strings: plugins/yamlfile.py).
from ..yamlfile import Loader as _SafeLoader  # noqa: E402


def load_entities(data_dir: str | Path) -> tuple[list[Entity], list[str]]:
    """All valid entries of the three files (each optional), and the warnings."""
    warnings: list[str] = []
    entities: list[Entity] = []
    where_id: dict[str, str] = {}  # id -> where it was first defined
    owners: dict[tuple, tuple[str, bool, str]] = {}  # name key -> (entity id, strong, where)
    for kind, (filename, _) in KINDS.items():
        path = Path(data_dir) / filename
        if not path.exists():
            continue
        if not inside(path, Path(data_dir)):  # a link out of the data folder
            warnings.append(f"{filename}: is a link to a file outside the data folder; copy the file in "
                            "instead. Nothing was loaded from it.")
            continue
        for number, line, record in _read_entries(path, warnings):
            where = f"{path.name}, entry {number} (line {line})"
            entity = _entity_from_record(kind, record, where, warnings)
            if entity is None:
                continue
            where = f"{where} '{entity.id}'"
            if entity.id in where_id:
                warnings.append(
                    f"{where}: duplicate id '{entity.id}' (already used at {where_id[entity.id]}); ids are "
                    "unique across people, places and organisations: give one of them another id, or merge "
                    "the two entries. This entry was skipped.")
                continue
            where_id[entity.id] = where
            _claim_names(entity, where, owners, warnings)
            entities.append(entity)
    _check_redirects(entities, where_id, warnings)
    return entities, warnings


def _read_entries(path: Path, warnings: list[str]) -> list[tuple[int, int, object]]:
    """(entry number, line, parsed entry) for each item of the file's top-level list."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        warnings.append(f"{path.name}: cannot be read ({error}); save it as UTF-8 text. Nothing was loaded from it.")
        return []
    loader = _SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:  # a value PyYAML cannot build
        warnings.append(f"{path.name}: a value cannot be read ({type(error).__name__}: {error}); quote it as a "
                        "string. Nothing was loaded from it.")
        return []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        at = f", line {mark.line + 1}" if mark is not None else ""
        context = getattr(error, "context_mark", None)
        if mark is not None and context is not None and context.line != mark.line:
            at += f" (in what starts at line {context.line + 1})"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        warnings.append(f"{path.name}{at}: not valid YAML ({problem}); fix the file (a common cause is a "
                        "missing space after '-' or ':', or a tab). Nothing was loaded from it.")
        return []
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list):
        warnings.append(f"{path.name}: expected a list of entries, each starting with '- id: …', but the file "
                        f"holds a {type(data).__name__}. Nothing was loaded from it.")
        return []
    return [(n, item.start_mark.line + 1, record) for n, (item, record) in enumerate(zip(root.value, data), 1)]


def _entity_from_record(kind: str, record: object, where: str, warnings: list[str]) -> Entity | None:
    if not isinstance(record, dict):
        warnings.append(f"{where}: expected keys such as 'id:' and 'name:', got {record!r}. Entry skipped.")
        return None
    entity_id = record.get("id")
    if entity_id is None or entity_id == "":
        warnings.append(f"{where}: no 'id'. Add a permanent ASCII id, used in the URL (e.g. 'id: sergey-lavrov'). "
                        "Entry skipped.")
        return None
    if not isinstance(entity_id, str) or not _ID.fullmatch(entity_id):
        warnings.append(f"{where}: id {entity_id!r} is not valid: use lower-case ASCII letters, digits and single "
                        "hyphens (e.g. 'sergey-lavrov'). Entry skipped.")
        return None
    where = f"{where} '{entity_id}'"
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        warnings.append(f"{where}: no 'name'. Add the Arabic display name (e.g. 'name: سيرغي لافروف'). Entry skipped.")
        return None
    if not name_key(name):
        warnings.append(f"{where}: name {name!r} has no letters to match. Entry skipped.")
        return None
    for key in record:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            warnings.append(f"{where}: unknown key '{key}' ignored.{hint} Known keys: {', '.join(KNOWN_KEYS)}.")
    lists = {key: _string_list(record.get(key), key, where, warnings) for key in _LIST_KEYS}
    wikidata = record.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _WIKIDATA.fullmatch(wikidata)):
        warnings.append(f"{where}: wikidata {wikidata!r} ignored; it must look like 'Q7747'.")
        wikidata = None
    name_en = record.get("name_en")
    if name_en is not None and not isinstance(name_en, str):
        name_en = str(name_en)
    return Entity(id=entity_id, kind=kind, name=name.strip(), name_en=name_en or None, wikidata=wikidata, **lists)


def _string_list(value: object, key: str, where: str, warnings: list[str]) -> list[str]:
    """A list of strings; a single string is taken as a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        warnings.append(f"{where}: '{key}' should be a list like [a, b]; got {value!r}, ignored.")
        return []
    out = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            warnings.append(f"{where}: '{key}' item {item!r} is not text, ignored.")
    return out


def _claim_names(entity: Entity, where: str, owners: dict, warnings: list[str]) -> None:
    """Record which entry owns each name form; drop a later entry's form that is already
    another entry's name. A weak alias may be shared (الأسد: Bashar and Hafez)."""
    forms = [(entity.name, True, "name")] + [(a, True, "aliases") for a in entity.aliases]
    forms += [(a, False, "weak_aliases") for a in entity.weak_aliases]
    for form, strong, field in forms:
        key = name_key(form)
        if not key:
            warnings.append(f"{where}: {field} item {form!r} has no letters to match, ignored.")
            _drop(entity, field, form)
            continue
        owner = owners.get(key)
        if owner is None:
            owners[key] = (entity.id, strong, where)
            continue
        owner_id, owner_strong, owner_where = owner
        if owner_id == entity.id:
            continue  # a repeat of its own name, e.g. «ماري بارّا» = «ماري بارا»: harmless
        if not strong and not owner_strong:
            continue  # shared weak alias: resolved per article
        if field == "name":
            warnings.append(
                f"{where}: its name «{form}» is also a name of '{owner_id}' ({owner_where}); mentions go to "
                f"'{owner_id}'. Use a fuller name for one of them, or merge them if they are the same.")
        else:
            warnings.append(
                f"{where}: {field} «{form}» is also a name of '{owner_id}' ({owner_where}); a name can point "
                "to one entry only, so it was ignored here. Remove it from one of them (a common surname can "
                "be a weak_alias of both).")
            _drop(entity, field, form)


def _drop(entity: Entity, field: str, form: str) -> None:
    if field != "name":
        getattr(entity, field).remove(form)


def _check_redirects(entities: list[Entity], where_id: dict[str, str], warnings: list[str]) -> None:
    claimed: dict[str, str] = {}
    for entity in entities:
        for old in list(entity.redirect_from):
            problem = None
            if not _ID.fullmatch(old):
                problem = "is not a valid id"
            elif old in where_id:
                problem = f"is the id of an entry ({where_id[old]}), so it cannot redirect"
            elif old in claimed:
                problem = f"already redirects to '{claimed[old]}'"
            if problem:
                warnings.append(f"{where_id[entity.id]}: redirect_from '{old}' {problem}; ignored.")
                entity.redirect_from.remove(old)
            else:
                claimed[old] = entity.id
