"""A title derived from the lead when the article has no headline.

The lead's first sentence, without the time phrases and attributions a headline leaves out
(«اليوم الخميس», «وفقًا لما أوردته وكالة …»), cut at a clause or word boundary. The lead
itself is not changed: the title is a new string.
"""

from __future__ import annotations

import re

from .matching import cut_spans, fold_with_map
from .rules import Rules

TITLE_MAX_CHARS = 120
# A clause cut must keep at least this much, or a word cut reads better.
_MIN_CLAUSE_CHARS = 40
# End of a sentence: . ! ? ؟ followed by a space or the end (not 3.5, not أ.ف.ب).
_SENTENCE_END = re.compile(r"(?<!\.)[.!?؟](?=\s|$)")
_TRAILING = " \t،,:;؛-–—"
_DANGLING_OPENERS = "«“(\"["
_SPACES = re.compile(r"\s{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([،,:;؛.])")
_DOUBLE_COMMA = re.compile(r"([،,])\s*[،,]")


def first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text


def strip_phrases(sentence: str, rules: Rules) -> str:
    """The sentence without time phrases and attributions, spaces and commas tidied."""
    for group in (rules.title_attributions, rules.title_time_phrases):
        folded, where = fold_with_map(sentence)
        spans = [m.span() for pattern in group for m in pattern.finditer(folded) if m.end() > m.start()]
        sentence = cut_spans(sentence, _merge(spans), where)
    sentence = _SPACES.sub(" ", sentence)
    sentence = _DOUBLE_COMMA.sub(r"\1", sentence)
    sentence = _SPACE_BEFORE_PUNCT.sub(r"\1", sentence)
    return sentence.strip().lstrip("،,:;؛ ").strip()


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """At most ``limit`` characters: the longest clause (up to a comma) that fits, else a
    word boundary; never ending on a comma, colon or an opening quote."""
    text = text.strip().rstrip(_TRAILING)
    if len(text) > limit:
        clauses = [m.start() for m in re.finditer(r"[،,؛;]", text) if _MIN_CLAUSE_CHARS <= m.start() <= limit]
        if clauses:
            text = text[: clauses[-1]]
        else:
            cut = text.rfind(" ", 0, limit + 1)
            text = text[: cut if cut > 0 else limit]
    text = text.rstrip(_TRAILING)
    while text and text[-1] in _DANGLING_OPENERS:
        text = text[:-1].rstrip(_TRAILING)
    return text


# A title comes from the lead's first sentence; no need to look further than this (and a
# 10 MB single-line "lead" must not be folded character by character).
LEAD_WINDOW = 2000


def title_from_lead(lead: str, rules: Rules) -> str | None:
    lead = lead[:LEAD_WINDOW]
    sentence = strip_phrases(first_sentence(lead), rules)
    title = shorten(sentence)
    if len(title) < 3:
        title = shorten(lead)
    # A period left at the end (the sentence had no other end) is not a headline's.
    title = title.rstrip(".").rstrip(_TRAILING)
    return title or None
