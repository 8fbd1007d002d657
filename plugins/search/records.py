"""What the search record of one article holds (pure: no Pelican here).

``search_fields`` turns an ``ArticleRecord`` into the plain data that
``theme/templates/search_record.html`` renders for Pagefind:

* ``title_tokens``: the title's index tokens, in an element Pagefind weights highly, so a
  title word outranks the same word in a body;
* ``tokens``: the body's index tokens (plugins/search/tokens.py), never shown;
* ``names``: every name form of the article's people, places and organisations (Arabic
  aliases, the Latin name, each Latin word alone, and Latin words written with a hyphen
  both split and joined: al-Sharaa -> al, sharaa, alsharaa);
* title, dates and filter values.

The body as written, punctuation included, is not in the record: excerpts are cut from
``excerpt_text``, written beside the index (build.prepare_shard). The record holds only
the tokens a query can ask for. A body token counts at most ``BODY_TF_CAP`` times
(ranking saturates long before; every extra occurrence would cost index bytes), and the
copies sit together, which the fragment's gzip makes nearly free.

Pagefind indexes meta values too. So that the words of the displayed meta (title and
date) never sit among the index tokens (in the index chunks a query downloads), each of
their words starts with ``EXACT_MARK``, a letter that sorts after every Arabic and Latin
one; ``search.js`` removes it before showing anything (``shown``).
"""

from __future__ import annotations

import re
from collections import Counter

from ..arabic import words
from ..dates.core import format_date_ar
from .tokens import EXACT_MARK, index_tokens, word_index_tokens

BODY_TF_CAP = 3
_WORD_START = re.compile(r"(?<![\w\u0610-\u061a\u064b-\u065f\u0670\u0640])(?=\w)")

# Latin words joined by a hyphen or an apostrophe (al-Assad, O'Brien): also indexed joined.
_LATIN_JOINED = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)+")
_SPACES = re.compile(r"\s+")


def name_tokens(forms) -> list[str]:
    """Index tokens for a list of name forms, each distinct token once."""
    out: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        for token in index_tokens(text):
            if token not in seen:
                seen.add(token)
                out.append(token)

    for form in forms:
        if not form:
            continue
        add(form)
        for joined in _LATIN_JOINED.findall(form):
            add(re.sub(r"[-'’]", "", joined))
    return out


def excerpt_text(text: str) -> str:
    """The body as one line (blocks and line breaks become spaces): Pagefind keeps meta
    values on one line, and the excerpt is cut from this string."""
    return _SPACES.sub(" ", text).strip()


def shown(text: str) -> str:
    """A displayed meta value with EXACT_MARK before each word (see the module doc)."""
    return _WORD_START.sub(EXACT_MARK, text)


def body_tokens(text: str, cap: int = BODY_TF_CAP) -> list[str]:
    """The body's index tokens, each at most ``cap`` times, copies together, in order of
    first appearance."""
    # Counted by distinct word first (Counter keeps first appearance): a token's first
    # appearance is that of the first word giving it, and a body repeats its words.
    counts: dict[str, int] = {}
    for word, n in Counter(words(text)).items():
        for token in word_index_tokens(word):
            counts[token] = counts.get(token, 0) + n
    return [token for token, n in counts.items() for _ in range(min(n, cap))]


def search_fields(record, entity_names: dict[str, list[str]], people: list[str], places: list[str],
                  events: list[str], source: str | None) -> dict:
    """The fields of one article's search record.

    ``record``: an ``ArticleRecord`` (plugins/record.py); ``entity_names``: entity id -> every
    name form (name, name_en, aliases, weak aliases) for the ids in the record's people,
    places and organisations; ``people``/``places``/``events``: the display names used as
    filter values; ``source``: the publisher's display name or None.
    """
    forms = []
    for ident in (*record.people, *record.places, *record.organisations):
        forms.extend(entity_names.get(ident, ()))
    date = record.date
    return {
        "title": shown(record.title),
        "title_tokens": " ".join(index_tokens(record.title)),
        "tokens": " ".join(body_tokens(record.text)),
        "names": " ".join(name_tokens(forms)),
        "date": date,
        "date_display": shown(format_date_ar(date)) if date else None,
        "year": date[:4] if date else None,
        "people": list(people),
        "places": list(places),
        "events": list(events),
        "source": source,
    }

