"""Curated data files (content/data/*.yaml) read safely: a broken file is a message that
names it and its line, never a traceback, and the build goes on without it."""

from __future__ import annotations

from pathlib import Path

import yaml


def data_path(settings) -> Path:
    """The curated data folder: ARSHIF_DATA_PATH, or <PATH>/data."""
    return Path(settings.get("ARSHIF_DATA_PATH") or Path(settings["PATH"]) / "data")


def load_data_file(path: Path):
    """(data, problem): data is None when the file is missing or unreadable; problem is a
    message for the report when it could not be read."""
    if not path.is_file():
        return None, None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return None, f"{path.name}{where}: cannot be read ({problem}); fix it — it is ignored for now"
