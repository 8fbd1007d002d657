"""What every value a template prints goes through (Jinja's ``finalize``, set in
pelicanconf.py): plain text loses bidi overrides and invisible marks, wherever it came from
(a sidecar, a manifest, a gazetteer, an event title). Markup the views built (the article
body, JSON-LD) is passed through: it is escaped and cleaned by construction."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ..arabic.hygiene import remove_controls

# Pages print the same labels, names and dates thousands of times: clean each string once.
_visible_text = lru_cache(maxsize=1 << 16)(remove_controls)


def visible(value):
    if type(value) is str:
        return _visible_text(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return remove_controls(value)
    return value


def once_per_text(function):
    """``function`` of a template value, worked out once per text: pages print the same few
    thousand dates ~100,000 times a build (the date filters). Other values are passed to it
    as they come."""
    kept = lru_cache(maxsize=1 << 16)(function)
    return lambda value: kept(value) if type(value) is str else function(value)
