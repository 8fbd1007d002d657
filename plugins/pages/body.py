"""The article body as HTML: blocks, with the first mention of each entity linked to its
page and every resolved date mention in a ``<time datetime>``.

Everything is built from plain text and escaped here, so no markup from an input ever
reaches a page: the body is safe by construction.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from html import escape

import nh3

# What an article body may contain once rendered: the blocks and the two annotations.
_ALLOWED_TAGS = {"p", "h2", "blockquote", "figure", "figcaption", "a", "time"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "class"}, "time": {"datetime"}, "figure": {"class"}}

_BLOCK_TAGS = {"p": ("<p>", "</p>"), "h2": ("<h2>", "</h2>"), "quote": ("<blockquote><p>", "</p></blockquote>"),
               "caption": ('<figure class="caption"><figcaption>', "</figcaption></figure>")}


def _annotations(text_len: int, entity_mentions: list[dict], date_mentions: list[dict],
                 entity_urls: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, open_tag, close_tag), first entity mention only."""
    spans = []
    linked = set()
    for m in sorted(entity_mentions, key=lambda m: m["start"]):
        if m["id"] in linked or m["id"] not in entity_urls:
            continue
        linked.add(m["id"])
        spans.append((m["start"], m["end"], f'<a class="entity {m["kind"]}" href="{escape(entity_urls[m["id"]])}">', "</a>"))
    for d in date_mentions:
        if d.get("value"):
            spans.append((d["start"], d["end"], f'<time datetime="{escape(d["value"])}">', "</time>"))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= text_len]
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept, last_end = [], -1
    for span in spans:
        if span[0] >= last_end:  # overlapping annotations: the earlier, longer one wins
            kept.append(span)
            last_end = span[1]
    return kept


def _mark_up(text: str, base: int, spans: list[tuple[int, int, str, str]]) -> str:
    out, pos = [], 0
    for start, end, open_tag, close_tag in spans:
        s, e = start - base, end - base
        if s < 0 or e > len(text):
            continue
        out.append(escape(text[pos:s], quote=False))
        out.append(open_tag + escape(text[s:e], quote=False) + close_tag)
        pos = e
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def body_html(blocks: list[dict], entity_mentions: list[dict], date_mentions: list[dict],
              entity_urls: dict[str, str]) -> str:
    """``blocks`` joined by blank lines are the article's ``text``; mention offsets point
    into that text."""
    text_len = sum(len(b["text"]) for b in blocks) + 2 * max(len(blocks) - 1, 0)
    spans = _annotations(text_len, entity_mentions, date_mentions, entity_urls)
    starts = [s[0] for s in spans]  # sorted: each block takes its own slice, not a pass over all
    html, base = [], 0
    for block in blocks:
        end = base + len(block["text"])
        mine = spans[bisect_left(starts, base):bisect_right(starts, end)]
        inside = [s for s in mine if s[1] <= end]
        open_tag, close_tag = _BLOCK_TAGS.get(block["kind"], _BLOCK_TAGS["p"])
        html.append(open_tag + _mark_up(block["text"], base, inside) + close_tag)
        base = end + 2
    return "\n".join(html)


def sanitize_body(html: str) -> str:
    """Defence in depth: the body is escaped by construction (above); an allowlist
    sanitiser (nh3) still has the last word, so no future change can let markup through.
    Only relative links survive (entity pages); no URL scheme is allowed."""
    return nh3.clean(_cut_long_text(html), tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                     url_schemes=set(), link_rel=None, strip_comments=True)


# nh3 (html5ever) takes time quadratic in the length of a text node that holds characters
# U+0080-U+00BF («», ©, °): 0.45 s for 200,000 of them, minutes for a few MB. An empty comment
# every _TEXT_CHUNK characters of text cuts the node into short ones; comments are stripped,
# so the output is the same.
_TEXT_CHUNK = 2048
_CUT = "<!---->"


def _cut_long_text(html: str) -> str:
    if len(html) <= _TEXT_CHUNK:
        return html
    pieces = html.split("<")  # each piece after the first: a tag, then the text that follows it
    for i, piece in enumerate(pieces):
        if len(piece) > _TEXT_CHUNK:
            pieces[i] = _cut_piece(piece)
    return "<".join(pieces)


def _cut_piece(piece: str) -> str:
    pos = piece.find(">") + 1
    out = [piece[:pos]]
    while len(piece) - pos > _TEXT_CHUNK:
        cut = pos + _TEXT_CHUNK
        amp = piece.rfind("&", cut - 40, cut)  # never inside a character reference («&amp;»)
        if amp > pos and piece.find(";", amp, cut) == -1:
            cut = amp
        out += [piece[pos:cut], _CUT]
        pos = cut
    out.append(piece[pos:])
    return "".join(out)
