"""The working form of an article while it is cleaned: one ``Line`` per non-blank input block.

Every pass looks at lines still kept (``reason is None``) and may give one a ``reason`` (it is
removed) or a ``role`` (it becomes title, section, source or dateline instead of body).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..arabic import clean_line
from .matching import fold, fold_all, line_key
from .shapes import remember_word_count_of_plain

# Rules look at most at a line's first characters: markers, labels and ads are short, and
# folding whole long paragraphs would dominate the cost of cleaning.
MATCH_CHARS = 160
# Anything plugins.arabic.clean_line would change besides trimming the ends; most lines
# have none, and one search is much cheaper than the four substitutions.
_NEEDS_HYGIENE = re.compile(
    "[\u200b\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|  ")
# HTML character references left in scraped text («&quot;», «&#8220;»): the scraper's escaping,
# not the publisher's text, so they are decoded to the character they stand for.
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")

# Roles a head line can take instead of being body text.
TITLE, SECTION, SOURCE, DATELINE = "title", "section", "source", "dateline"


@dataclass(slots=True)  # ~10 per article, each read by every pass: slots make both cheaper
class Line:
    order: int              # position in the input, for stable ordering of removed lines
    line: int | None        # 1-based line in the input file, when known
    kind: str               # the reader's kind: "line", "p", "h2", "quote", "caption", "li", "title"…
    text: str               # hygiene-cleaned text (letters untouched)
    reason: str | None = None   # set when removed as junk
    role: str | None = None     # set when it became title/section/source/dateline
    # (junk cut out of the line, reason), in the order cut: prefixes, glued bylines, suffixes
    cuts: list[tuple[str, str]] = field(default_factory=list)
    # junk.may_be_listed's answer and what it was for (the text and the rules' longest key)
    listed: bool = field(default=True, repr=False, compare=False)
    listed_for: tuple | None = field(default=None, repr=False, compare=False)
    # the match forms, worked out when first asked (None until then; refresh() forgets them)
    _folded: str | None = field(default=None, init=False, repr=False, compare=False)
    _key: str | None = field(default=None, init=False, repr=False, compare=False)

    def refresh(self) -> None:
        """Forget cached match forms (after the text changed)."""
        self._folded = None
        self._key = None

    @property
    def folded(self) -> str:
        """Folded spelling of the line's start, for rule patterns."""
        if self._folded is None:
            self._folded = fold(self.text[:MATCH_CHARS])
        return self._folded

    @property
    def key(self) -> str:
        """The line's words, folded, punctuation dropped (see matching.line_key)."""
        if self._key is None:
            self._key = line_key(self.text[:MATCH_CHARS])
        return self._key

    @property
    def kept(self) -> bool:
        return self.reason is None and self.role is None


def to_lines(raw_blocks: list[dict]) -> list[Line]:
    """Hygiene on every block; blank ones dropped (they carry no text to lose)."""
    out = []
    for order, block in enumerate(raw_blocks):
        text = str(block.get("text") or "")
        if not text:
            continue
        # Every line break and every character hygiene changes is unprintable: a printable
        # line (most; str.isprintable is one pass in C) is neither split nor searched.
        printable = text.isprintable()
        if not printable:
            text = " ".join(text.splitlines())  # a block is one paragraph: inner breaks are spaces
        if "&" in text and _ENTITY.search(text):
            text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
            printable = text.isprintable()
        needs = (not printable and _NEEDS_HYGIENE.search(text) is not None) or "  " in text
        text = clean_line(text) if needs else text.strip()
        if printable and not needs:
            # Known printable with single spaces: its word count is known (the passes ask).
            remember_word_count_of_plain(text)
        if text:
            out.append(Line(order, block.get("line"), str(block.get("kind") or "line"), text))
    _prime(out)
    return out


def _prime(lines: list[Line]) -> None:
    """Every line's folded start at once (the rule passes ask for each line's, and per line
    the fixed cost of folding dominated cleaning)."""
    folded = fold_all([line.text[:MATCH_CHARS] for line in lines]) if lines else None
    for line, text in zip(lines, folded or ()):
        line._folded = text


def kept(lines: list[Line]) -> list[Line]:
    # Line.kept spelled out: every pass asks, and the property call cost more than the test.
    return [l for l in lines if l.reason is None and l.role is None]
