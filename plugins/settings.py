"""Every Arshif setting, declared once: name, default, meaning.

pelicanconf.py takes the defaults from here, the build reads values through ``value()``,
and README.md's "Settings" table lists each one (a test fails when one is missing there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("ARSHIF_DATA_PATH", None, "where the curated YAML lives (`None` = `<PATH>/data`)"),
    Setting("ARSHIF_EVENT_MIN_ARTICLES", 2, "articles an automatic event needs at least"),
    Setting("ARSHIF_EVENT_MIN_SOURCES", 2, "different sources an automatic event needs at least"),
    Setting("ARSHIF_SEARCH", True, "build the Pagefind index"),
    Setting("ARSHIF_ENTITY_PAGE_SIZE", 50, "articles per page on a person, place, organisation or source page "
                                           "and on the articles index (`people/<id>/`, `people/<id>/2/`, …)"),
    Setting("ARSHIF_STRICT", False, "fail the build (exit 1) on any skipped input or warning"),
    Setting("ARSHIF_DIGITS", "western", "`\"arabic-indic\"` writes counts and dates with ٠–٩"),
    Setting("ARSHIF_WORKERS", 0, "processes that enrich articles (`0` = one per core, `1` = in the build process)"),
    Setting("ARSHIF_SCHEDULER", None, "a Dask scheduler address (`tcp://host:8786`): enrichment runs on that "
                                      "cluster instead of local processes"),
    Setting("ARSHIF_CACHE_PATH", ".arshif-cache", "where enriched records and search shards are cached by "
                                                  "content hash (delete it any time; `None` turns the cache off)"),
    Setting("ARSHIF_PROGRESS", None, "show a progress bar (`None` = only on a terminal, never in CI)"),
    Setting("OFFLINE", False, "the offline variant: links name `index.html`, search ships as classic scripts "
                              "(`invoke zip` sets it)"),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


def value(settings, name: str):
    """The setting's value in Pelican's ``settings`` dict, or its declared default."""
    return settings.get(name, DEFAULTS[name]) if name in DEFAULTS else settings[name]


def data_path(settings) -> Path:
    """The curated data folder: ARSHIF_DATA_PATH, or <PATH>/data."""
    return Path(value(settings, "ARSHIF_DATA_PATH") or Path(settings["PATH"]) / "data")


def articles_path(settings) -> Path:
    """The articles folder: the first of Pelican's ARTICLE_PATHS under PATH."""
    paths = settings.get("ARTICLE_PATHS") or ["articles"]
    return Path(settings["PATH"]) / paths[0]
