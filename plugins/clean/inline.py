"""Boilerplate inside a kept line: cut out, the rest of the line stays.

Each cut is recorded on the line (``Line.cuts``) with its reason, so it appears in the
article's ``removed`` list like a whole removed line:

* a wire dateline opening a paragraph: «دبي، الإمارات العربية المتحدة (CNN)-- …»;
* a byline glued into the lead: «محمد أبو شعر- سبق: …», «سبق- الرياض: …» (one of the
  dash-separated parts must be a known publisher, so ordinary text is never taken);
* a section prefix in the headline: «عام / …», «اقتصادي / …» (a known section label);
* the headline repeated at the start of a paragraph, and image addresses left by a scraper;
* a photo credit closing a paragraph: «… (تصوير: فلان)», «… (صورة أرشيفية)»;
* a site's junk glued to the end of one of the last lines (``strip_suffixes`` in the rules:
  «سمات …» tags, «رابط الخبر بصحيفة …: …», «للتواصل مع الكاتب …»).
"""

from __future__ import annotations

import re

from .lines import MATCH_CHARS, Line, kept
from .matching import fold, fold_all, fold_with_map, line_key
from .rules import Rules
from .shapes import is_paragraph, source_name

# How much of a line's end a suffix rule looks at: site junk glued to a paragraph is short;
# and at which lines: the article's last ones, where tags, links and contact lines are glued.
SUFFIX_CHARS = 300
assert MATCH_CHARS <= SUFFIX_CHARS  # a line short enough to be folded whole is its own tail
SUFFIX_LINES = 3

# «(CNN)-- », «دبي، الإمارات العربية المتحدة (CNN)— »: up to six words of place, an agency in
# parentheses (Latin, or a known publisher), a dash.
_WIRE_DATELINE = re.compile(
    r"^\s*((?:[^\s()\-–—:：.!؟?«»\"]+[،,]?\s+){0,6})\(\s*([^()]{1,30}?)\s*\)\s*[-–—ـ]+\s*(?=\S)")
_LATIN_AGENCY = re.compile(r"^[A-Z][A-Za-z .&]{1,25}$")
# One part of a glued byline: one to four words, no punctuation.
_PART = r"[^\s\-–—ـ:：،,.()«»\"“”]+(?: [^\s\-–—ـ:：،,.()«»\"“”]+){0,3}"
# «محمد أبو شعر- سبق- جدة (تصوير: …): …»
_GLUED_BYLINE = re.compile(
    rf"^\s*({_PART}(?:\s*[-–—ـ]\s*{_PART}){{1,3}})\s*(\((?:تصوير|تصوير\s*[:/])[^()]{{0,40}}\))?\s*[:：]\s+(?=\S)")
_DASH_SPLIT = re.compile(r"\s*[-–—ـ]\s*")
# «عام / العبادي يرحب …»
_SECTION_PREFIX = re.compile(r"^\s*([^/\d]{2,25}?)\s*/\s*(?=\S)")
# An image address pasted into the text by a scraper.
_IMAGE_URL = re.compile(r"\s*https?://\S+?\.(?:jpe?g|png|gif|webp)(?:\?\S*)?(?=\s|$)", re.IGNORECASE)
_LEAD_PARAGRAPHS = 2   # a dateline or byline opens one of the first paragraphs only


def _cut_start(line: Line, end: int, reason: str) -> str:
    cut = line.text[:end].strip()
    line.cuts.append((cut, reason))
    line.text = line.text[end:].lstrip()
    line.refresh()
    return cut


def wire_dateline(text: str, rules: Rules) -> int | None:
    """End of a wire dateline opening ``text``, or None."""
    if "(" not in text:
        return None  # the agency is in parentheses (most paragraphs have none: no regex call)
    m = _WIRE_DATELINE.match(text)
    if m is None:
        return None
    agency = m.group(2)
    if not (_LATIN_AGENCY.match(agency) or source_name(agency, rules)):
        return None
    return m.end()


def glued_byline(text: str, rules: Rules) -> tuple[int, str] | None:
    """(end, publisher) of a byline glued before the lead, or None."""
    if ":" not in text and "：" not in text:
        return None  # the byline ends with a colon
    m = _GLUED_BYLINE.match(text)
    if m is None:
        return None
    for part in _DASH_SPLIT.split(m.group(1)):
        known = source_name(part, rules)
        if known:
            return m.end(), known
    return None


def cut_lead_prefixes(body: list[Line], rules: Rules) -> str | None:
    """Wire datelines and glued bylines at the start of the first paragraphs. Returns the
    publisher a glued byline names, if any."""
    source = None
    seen = 0
    for line in body:
        if not line.kept:
            continue
        if seen >= _LEAD_PARAGRAPHS:
            break
        seen += 1
        end = wire_dateline(line.text, rules)
        if end is not None and end < len(line.text):
            _cut_start(line, end, "dateline")
        byline = glued_byline(line.text, rules)
        if byline is not None and byline[0] < len(line.text):
            _cut_start(line, byline[0], "byline_source")
            source = source or byline[1]
        if is_paragraph(line.text):
            break
    return source


def cut_section_prefix(title: Line | None, rules: Rules) -> str | None:
    """A section label written before the headline with a slash: cut, and returned."""
    if title is None:
        return None
    m = _SECTION_PREFIX.match(title.text)
    if m is None or line_key(m.group(1)) not in rules.section_labels:
        return None
    return _cut_start(title, m.end(), "section_label").rstrip(" /")


def cut_title_repeat(body: list[Line], title: Line | None) -> None:
    """The headline pasted again before a picture's address at the start of a paragraph (a
    scraped thumbnail): the repeat is cut. A lede that merely opens with the headline's words
    («العراق يعلن …، بعد …») is text and stays."""
    if title is None or len(title.text) < 15:
        return
    for line in body:
        if (line.kept and line.text.startswith(title.text)
                and _IMAGE_URL.match(line.text, len(title.text)) is not None):
            _cut_start(line, len(title.text), "duplicate")


def cut_image_urls(body: list[Line]) -> None:
    for line in body:
        if not line.kept or "://" not in line.text:
            continue
        found = [m for m in _IMAGE_URL.finditer(line.text)]
        if not found or sum(m.end() - m.start() for m in found) >= len(line.text.strip()):
            continue  # a line that is only an address is left to the whole-line rules
        for m in reversed(found):
            line.cuts.append((m.group().strip(), "image_url"))
            line.text = (line.text[:m.start()] + line.text[m.end():]).strip()
        line.refresh()


# «… في الرياض أمس. (تصوير: فلان)», «… (صورة أرشيفية)»: a photo credit left at a paragraph's end.
_PHOTO_CREDIT = re.compile(r"\s*\(\s*([^()]{2,50}?)\s*\)\s*\.?\s*$")
_PHOTO_WORDS = re.compile(r"^(?:تصوير|عدسة|صورة|الصورة|صور|photo|credit)\b", re.IGNORECASE)


def cut_photo_credits(body: list[Line], rules: Rules) -> None:
    """A photo credit in parentheses closing a paragraph (not a caption, which is all credit
    and description): cut. The credit must say so («تصوير», «صورة …») or be a listed one."""
    for line in body:
        if not line.kept or not line.text.rstrip(" .").endswith(")") or not is_paragraph(line.text):
            continue
        m = _PHOTO_CREDIT.search(line.text)
        if m is None or m.start() == 0:
            continue
        credit = m.group(1)
        if _PHOTO_WORDS.match(credit) or line_key(credit) in rules.caption_credits:
            line.cuts.append((line.text[m.start():].strip(), "photo_credit"))
            line.text = line.text[:m.start()].rstrip()
            line.refresh()


def cut_suffixes(body: list[Line], rules: Rules) -> None:
    """Site junk glued to the end of a line (``strip_suffixes``), matched on the line's last
    characters in folded spelling and cut from the text as written."""
    if not rules.strip_suffixes:
        return
    last = kept(body)[-SUFFIX_LINES:]
    # The long lines' tails folded in one call (per call, folding's fixed cost dominated);
    # each line is cut on its own, so folding them all first changes nothing.
    tails = [line.text[len(line.text) - SUFFIX_CHARS:] if len(line.text) > SUFFIX_CHARS else line.text
             for line in last if len(line.text) > MATCH_CHARS]
    folded_tails = iter(fold_all(tails) or [fold(tail) for tail in tails])
    quicks = [line.folded if len(line.text) <= MATCH_CHARS else next(folded_tails)  # a short line's is kept
              for line in last]
    misses = rules.misses("strip_suffixes", [(quick,) for quick in quicks])
    for line, quick, miss in zip(last, quicks, misses):
        offset = max(0, len(line.text) - SUFFIX_CHARS)
        tail = line.text[offset:]
        # Folding the whole tail at once is cheap; the character map is only built for the
        # rare line a pattern matches.
        if miss or rules.first("strip_suffixes", (quick,)) is None:
            continue
        folded, where = fold_with_map(tail)
        for pattern, reason in rules.strip_suffixes:
            m = pattern.search(folded)
            if m is None or m.start() == 0 and offset == 0:
                continue  # the whole line: a whole-line rule's job, not a cut
            start = offset + where[m.start()]
            line.cuts.append((line.text[start:].strip(), reason))
            line.text = line.text[:start].rstrip()
            line.refresh()
            break
