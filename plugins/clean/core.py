"""Cleaning core: from the reader's raw blocks to a clean article (no Pelican here).

    raw blocks -> hygiene -> head (section, headline, byline, dateline) -> junk passes
    (prefixes, drops, cut, tail, repeats) -> structure (p, h2, quote, caption) -> title, lead

Nothing is lost: every non-blank input line ends up as the title, a body block, or in
``removed`` with a short reason; section/source/dateline lines are listed there as well.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .. import record as _record
from . import inline, junk
from .head import drop_title_repeats, parse_head
from .lines import Line, kept, to_lines
from .rules import Rules, RulesError, load_rules
from .shapes import is_caption, is_dateline, is_heading_like, is_paragraph, is_quotation
from .title import title_from_lead

__all__ = ["Block", "CleanArticle", "RemovedLine", "Rules", "RulesError", "clean_article",
           "load_rules", "rule_counts"]

# Reasons that only decide what is article text; undone when nothing would be left.
_SOFT_REASONS = {"teaser", "tag_line", "duplicate", "related_list", "after_cut_marker", "cut_marker",
                 "read_more_ad"}
_KIND_OF_INPUT = {"h2": "h2", "h3": "h2", "h4": "h2", "quote": "quote", "caption": "caption"}


# The record's own types (plain data, no Pelican): enrich takes the blocks and removals as
# they are instead of copying each into a record type.
#   Block(kind, text): kind "p" | "h2" | "quote" | "caption"
#   RemovedLine(text, reason, line): reason a snake_case rule name («cut_marker», «teaser», …),
#   line the 1-based line in the input when known
Block = _record.Block
RemovedLine = _record.Removal


@dataclass
class CleanArticle:
    title: str | None
    title_from: str             # "headline" | "lead" | "none"
    lead: str | None
    blocks: list[Block]
    source: str | None
    section: str | None
    dateline: str | None
    removed: list[RemovedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for the curator: a site pattern that timed out


def clean_article(raw_blocks: list[dict], rules: Rules, *, curated: bool = False) -> CleanArticle:
    seen = len(rules.warnings)
    article = _clean(raw_blocks, rules, curated)
    article.warnings = rules.warnings[seen:]
    del rules.warnings[seen:]
    return article


def _clean(raw_blocks: list[dict], rules: Rules, curated: bool) -> CleanArticle:
    lines = to_lines(raw_blocks)
    if curated:
        return _curated(lines, rules)

    junk.drop_empty(lines)
    junk.strip_prefixes(lines, rules)
    head = parse_head(lines, rules)
    section = inline.cut_section_prefix(head.title, rules)
    drop_title_repeats(lines, head.title)
    body = [l for l in lines if l.kind != "title" and l.role is None]
    inline.cut_title_repeat(body, head.title)
    inline.cut_image_urls(body)
    junk.drop_anywhere(lines, rules, body)
    junk.drop_related_runs(body)
    cut = junk.cut_at_marker(lines, rules, body)
    byline_source = inline.cut_lead_prefixes(body, rules)
    inline.cut_suffixes(body, rules)
    inline.cut_photo_credits(body, rules)
    credit_source = junk.strip_tail(body, rules, cut)
    junk.drop_repeats(body)
    if not any(l.kept for l in body):
        _restore_soft(body)

    blocks = _structure(kept(body), rules)
    if not blocks and head.title is not None:
        blocks = [Block("p", head.title.text)]  # a headline alone: it is all the text there is
    title_line = head.title
    lead = next((b.text for b in blocks if b.kind == "p"), None)
    if title_line is not None:
        title, title_from = title_line.text, "headline"
    else:
        title = title_from_lead(lead, rules) if lead else None
        title_from = "lead" if title else "none"
    dateline = " ".join(head.datelines) or junk.dateline_of(body)
    return CleanArticle(
        title=title, title_from=title_from, lead=lead, blocks=blocks,
        source=head.source or byline_source or credit_source, section=head.section or section,
        dateline=dateline,
        removed=_removed(lines),
    )


def _curated(lines: list[Line], rules: Rules) -> CleanArticle:
    """Markdown from a curator: hygiene and structure only, every line is kept."""
    titles = [l for l in lines if l.kind == "title"]
    body = [l for l in lines if l.kind != "title"]
    blocks = [Block(_KIND_OF_INPUT.get(l.kind, "p"), l.text) for l in body]
    lead = next((b.text for b in blocks if b.kind == "p"), None)
    if titles:
        title, title_from = titles[0].text, "headline"
    else:
        title = title_from_lead(lead, rules) if lead else None
        title_from = "lead" if title else "none"
    removed = [RemovedLine(l.text, "duplicate", l.line) for l in titles[1:]]
    return CleanArticle(title, title_from, lead, blocks, None, None, None, removed)


def _structure(body: list[Line], rules: Rules) -> list[Block]:
    """Block kinds: the reader's when it knows (HTML), else from the line's shape and its
    neighbours (a subheading stands alone between two paragraphs)."""
    blocks = []
    for i, line in enumerate(body):
        kind = _KIND_OF_INPUT.get(line.kind)
        if kind is None:
            prev_text = body[i - 1].text if i > 0 else None
            next_text = body[i + 1].text if i + 1 < len(body) else None
            kind = _shape_kind(line, prev_text, next_text, rules)
        blocks.append(Block(kind, line.text))
    return blocks


def _shape_kind(line: Line, prev_text: str | None, next_text: str | None, rules: Rules) -> str:
    if is_caption(line.text, rules):
        return "caption"
    if is_quotation(line.text):
        return "quote"
    if (prev_text is not None and next_text is not None and is_heading_like(line.text)
            and is_paragraph(prev_text) and is_paragraph(next_text) and not is_dateline(line.text)):
        return "h2"
    return "p"


def _restore_soft(body: list[Line]) -> None:
    for line in body:
        if line.reason in _SOFT_REASONS:
            line.reason = None


def _removed(lines: list[Line]) -> list[RemovedLine]:
    out = []
    for line in lines:  # input order
        for cut, reason in line.cuts:
            out.append(RemovedLine(cut, reason, line.line))
        if line.reason is not None:
            out.append(RemovedLine(line.text, line.reason, line.line))
    return out


def rule_counts(articles: Iterable[CleanArticle]) -> dict[str, int]:
    """How many lines each rule removed, over many articles (for the build report)."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(r.reason for r in article.removed)
    return dict(counts.most_common())
