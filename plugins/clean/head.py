"""The head of a scraped article: what stands above the first paragraph.

Section label, headline, byline/source label, dateline and photo captions come in varying
order before the lead. This pass gives each its role (or reason) and says where the body starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import DATELINE, SECTION, SOURCE, TITLE, Line
from .matching import line_key
from .rules import Rules
from .shapes import (
    dateline_text, final_char, has_letter, is_caption, is_dateline, is_headline_like, parse_byline,
    source_name,
    word_count,
)

# How far down the head may reach (non-blank lines): bylines and datelines sit near the top.
HEAD_SCAN = 10
_TEXT_KINDS = ("line", "p", "h2", "h3", "h4")


@dataclass
class Head:
    title: Line | None = None
    section: str | None = None
    source: str | None = None
    datelines: list[str] | None = None


def pick_page_title(lines: list[Line]) -> Line | None:
    """Among <title>/<h1> candidates, the headline: a shorter one contained in a longer one
    («X» inside «X | Site») wins; the others are recorded as duplicates."""
    candidates = [l for l in lines if l.kind == "title" and l.kept]
    if not candidates:
        return None
    best = candidates[0]
    for other in candidates[1:]:
        if other.key and other.key in best.key and len(other.key) < len(best.key):
            best = other
    for other in candidates:
        if other is not best:
            other.reason = "duplicate" if (other.key in best.key or best.key in other.key) else "page_title"
    best.role = TITLE
    return best


def is_section_label(line: Line, next_line: Line | None, rules: Rules) -> bool:
    """A site's section name above the headline: listed in the rules, short, unpunctuated."""
    if next_line is None or word_count(line.text) > 4 or final_char(line.text) in ".:،,!؟?":
        return False
    if not is_headline_like(next_line.text) or next_line.text[:1] in "*•-–·▪":
        return False
    return line.key in rules.section_labels or rules.first("section_patterns", (line.folded, line.text)) is not None


def split_dated_byline(text: str, rules: Rules) -> tuple[str, str] | None:
    """(dateline, source) for a wire dateline «جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس»:
    an optional place (up to three words), a date, and a known agency last."""
    if not 3 <= word_count(text) <= 20:  # remembered for the line: a paragraph is not split
        return None
    words = text.split()
    last = line_key(words[-1])
    if last and last.rsplit(" ", 1)[-1] not in rules.source_last_words():
        return None  # the key of the last words ends as no known source's does
    for n_source in (1, 2, 3):
        source = source_name(" ".join(words[-n_source:]), rules)
        if not source:
            continue
        rest = words[:-n_source]
        for n_place in (0, 1, 2, 3):
            date = " ".join(rest[n_place:]).strip(" -–—،,(")
            if date and is_dateline(date):
                return date, source
        return None
    return None


def parse_head(lines: list[Line], rules: Rules) -> Head:
    head = Head(title=pick_page_title(lines), datelines=[])
    top = [l for l in lines if l.kept and l.kind != "title"]
    for i, line in enumerate(top[:HEAD_SCAN]):
        nxt = top[i + 1] if i + 1 < len(top) else None
        if line.kind == "caption":
            continue  # a photo above the lead: body, but not the end of the head
        if line.kind not in _TEXT_KINDS:
            break
        if is_dateline(line.text):
            line.role, line.reason = DATELINE, "dateline"
            head.datelines.append(dateline_text(line.text))
            continue
        dated = split_dated_byline(line.text, rules)
        if dated:
            line.role, line.reason = DATELINE, "dateline"
            head.datelines.append(dated[0])
            head.source = head.source or dated[1]
            continue
        if head.title is None and head.section is None and not head.source and is_section_label(line, nxt, rules):
            line.role, line.reason = SECTION, "section_label"
            head.section = line.text
            continue
        byline = parse_byline(line.text, nxt.text if nxt else None, rules)
        # An unknown «X - Y» before the headline may be the headline itself.
        if byline and (byline[1] or head.title is not None or byline[0] == "byline_source"):
            reason, source = byline
            line.reason = reason
            if source and not head.source:
                head.source = source
                line.role = SOURCE
            continue
        if is_caption(line.text, rules):
            continue
        if head.title is None and is_headline_like(line.text) and has_letter(line.text):
            line.role = TITLE
            head.title = line
            continue
        break
    return head


def drop_title_repeats(lines: list[Line], title: Line | None) -> None:
    """A body line that repeats the headline word for word (HTML: <h1> and a first <p>)."""
    if title is None:
        return
    title_key = line_key(title.text)
    for line in lines:
        if line.kept and abs(len(line.text) - len(title.text)) < 10 and line_key(line.text) == title_key:
            line.reason = "duplicate"

