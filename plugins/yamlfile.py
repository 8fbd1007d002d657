"""The one way Arshif reads YAML (sidecars, front matter, every curated file).

Plain data only (``SafeLoader``: ``!!python`` tags are refused, never executed), and dates
stay strings: PyYAML would turn ``date: 2025-02-30`` into a ``ValueError`` while loading, so
the date stage judges every date instead and a bad one is a warning about that one value.
Every problem is a ``YamlError`` whose message names the file and line and says what to do.
"""

from __future__ import annotations

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):
    """SafeLoader whose timestamps are left as the strings the curator wrote."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", _Base.construct_yaml_str)


class YamlError(Exception):
    """A YAML file that cannot be used; the message is for the curator."""


def _where(err, where: str) -> str:
    mark = getattr(err, "problem_mark", None)
    return f"{where} line {mark.line + 1}" if mark is not None else where


def load_yaml(text: str, where: str):
    """The data in ``text`` (None for an empty document). ``where`` names the file in messages."""
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader
    except yaml.constructor.ConstructorError as err:
        raise YamlError(f"{_where(err, where)}: YAML tag not allowed ({err.problem}); "
                        f"use plain values only") from None
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise YamlError(f"{_where(err, where)}: broken YAML ({problem}); fix the syntax "
                        f"(quote values that contain ':' or start with a special character)") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:  # a value PyYAML cannot build
        raise YamlError(f"{where}: a value cannot be read ({type(err).__name__}: {err}); "
                        f"quote it as a string") from None


def load_mapping(text: str, where: str) -> dict:
    """A YAML document that must be ``key: value`` lines (a sidecar, front matter)."""
    data = load_yaml(text, where)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError(f"{where}: expected 'key: value' lines, found a {type(data).__name__}; "
                        f"see README 'Sidecars'")
    return {str(k): v for k, v in data.items()}
