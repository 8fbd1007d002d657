"""Curated data files (content/data/*.yaml) read safely: a broken file is a message that
names it and its line, never a traceback, and the build goes on without it."""

from __future__ import annotations

from pathlib import Path

from ..yamlfile import YamlError, load_yaml
from .core import inside


def load_data_file(path: Path, root: Path | None = None):
    """(data, problem): data is None when the file is missing or unreadable; problem is a
    message for the report when it could not be read. Names the file by its name only, so
    no absolute path of the machine reaches the public report. A link that leads outside
    ``root`` (the data folder) is refused."""
    if not path.is_file():
        return None, None
    if root is not None and not inside(path, root):
        return None, f"{path.name}: is a link to a file outside the data folder; copy the file in instead — it is ignored for now"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, f"{path.name}: is not UTF-8 text; save it as UTF-8 — it is ignored for now"
    except OSError as err:
        return None, f"{path.name}: cannot be read ({err.strerror}) — it is ignored for now"
    try:
        return load_yaml(text, path.name), None
    except YamlError as err:
        return None, f"{err} — it is ignored for now"
