"""Junk passes over the body: each removes lines for one named reason.

Order matters and is fixed by core.clean_article: prefixes, drops anywhere, the cut, the tail,
repeats. None of them may leave an article without text; core restores soft removals then.
"""

from __future__ import annotations

import re

from .inline import glued_byline, wire_dateline
from .lines import MATCH_CHARS, SOURCE, Line, kept
from .matching import more_words_than
from .rules import Rules
from .shapes import (
    dateline_text, ends_with_ellipsis, ends_with_single_period, final_char, has_letter, is_caption,
    is_dateline, is_heading_like, is_paragraph, parse_credit, word_count,
)

# A read-also header with no headline of its own («اقرأ أيضاً:») has at most this many words.
_BARE_HEADER_WORDS = 3
# Link lines that may follow such a header.
_MAX_RELATED_LINKS = 8
_LINK_MAX_WORDS = 18


_WORD_CHAR = re.compile(r"[^\W_]")


def drop_empty(lines: list[Line]) -> None:
    """Lines with no letter or digit: rules «-----», «* * *», a stray «.»."""
    for line in lines:
        if line.kept and _WORD_CHAR.search(line.text) is None:
            line.reason = "empty"


def strip_prefixes(lines: list[Line], rules: Rules) -> None:
    """Cut junk glued to the start of a line («Next Previous», share buttons)."""
    candidates = kept(lines)
    misses = rules.misses("strip_prefixes", [(line.folded,) for line in candidates], anchored=True)
    for line, miss in zip(candidates, misses):
        if miss or rules.first("strip_prefixes", (line.folded,), anchored=True) is None:
            continue
        for pattern, reason in rules.strip_prefixes:
            m = pattern.match(line.folded)
            if m and m.end() < len(line.folded):
                # Folding keeps length except for diacritics: cut by words to stay on the text.
                n_words = len(line.folded[: m.end()].split())
                words = line.text.split(" ")
                line.cuts.append((" ".join(words[:n_words]), reason))
                line.text = " ".join(words[n_words:])
                line.refresh()
                break


def may_be_listed(line: Line, rules: Rules, limit: int | None = None) -> bool:
    """Whether the line's key can be a listed one (a cut marker, a drop line); most lines are
    paragraphs with more words than any, and their key is then not worked out. ``limit``:
    rules.listed_words(), when the caller has it."""
    if limit is None:
        limit = rules.listed_words()
    if line.listed_for != (line.text, limit):  # asked by two passes: worked out once
        line.listed_for = (line.text, limit)
        line.listed = not more_words_than(line.text[:MATCH_CHARS], limit)
    return line.listed


def is_link_line(text: str) -> bool:
    """A related-article link: a short headline, maybe numbered or bulleted, no final period."""
    return (word_count(text) <= _LINK_MAX_WORDS and has_letter(text)
            and not ends_with_single_period(text) and final_char(text) not in ":،,")


def drop_anywhere(lines: list[Line], rules: Rules, body: list[Line]) -> None:
    """Read-more ads, back-to-top, comment forms, share widgets, site patterns, wherever they
    stand. A bare «اقرأ أيضاً:» header takes the link lines under it (not the text after)."""
    pending_links = 0
    limit = rules.listed_words()
    candidates = [line for line in body if line.kept]
    # A line's own texts decide its pattern answer, and this pass changes no text: the
    # pre-checks of all lines first, in one call.
    misses = rules.misses("drop_patterns", [(line.folded, line.text[:MATCH_CHARS]) for line in candidates],
                          folded_first=True)
    for line, miss in zip(candidates, misses):
        if not line.kept:
            continue
        listed = may_be_listed(line, rules, limit)
        if listed and line.key in rules.cut_markers:
            continue  # a cut marker is the cut's to handle: it ends the article
        reason = rules.drop_lines.get(line.key) if listed else None
        if reason is None and not miss:
            found = rules.first("drop_patterns", (line.folded, line.text[:MATCH_CHARS]))
            reason = found[1] if found else None
        if reason:
            line.reason = reason
            bare_header = reason == "read_more_ad" and word_count(line.key) <= _BARE_HEADER_WORDS
            pending_links = _MAX_RELATED_LINKS if bare_header else 0
            continue
        if pending_links and is_link_line(line.text) and not is_paragraph_after_links(line.text):
            line.reason = "related_list"
            pending_links -= 1
            continue
        pending_links = 0


def is_paragraph_after_links(text: str) -> bool:
    """Running text that ends a list of links: long, or a full sentence."""
    return word_count(text) > _LINK_MAX_WORDS or ends_with_single_period(text)


# Related-story links a site prints between two paragraphs: a short run of headlines.
_RELATED_RUN = (2, 5)
_RELATED_WORDS = (4, 16)
_RELATED_MEAN_WORDS = 6
_RELATED_NEIGHBOUR_WORDS = 12
_CONJUNCTION_START = re.compile(r"^[وف][^\W\d_]")


def _related_link(text: str) -> bool:
    n = word_count(text)
    return (_RELATED_WORDS[0] <= n <= _RELATED_WORDS[1] and is_heading_like(text)
            and ".." not in text and "*" not in text and "ــ" not in text and not text.rstrip().endswith(("-", "ـ"))
            and not text.lstrip()[:1].isdigit() and _CONJUNCTION_START.match(text) is None)


def drop_related_runs(body: list[Line]) -> None:
    """Two to five headline-like lines standing between two long paragraphs are links to
    other stories (a related-links box), not subheadings: a subheading is one line. Verse and
    lists are spared by the shape test (very short lines, «..», stretched letters, bullets,
    numbers, و/ف) and by the colon that introduces them."""
    rest = kept(body)
    i = 1
    while i < len(rest) - 1:
        j = i
        while j < len(rest) - 1 and _related_link(rest[j].text):
            j += 1
        run = rest[i:j]
        if (_RELATED_RUN[0] <= len(run) <= _RELATED_RUN[1]
                and sum(word_count(l.text) for l in run) >= _RELATED_MEAN_WORDS * len(run)
                and word_count(rest[i - 1].text) >= _RELATED_NEIGHBOUR_WORDS and is_paragraph(rest[i - 1].text)
                and final_char(rest[i - 1].text) not in ":：-"  # a colon introduces the lines: verse, a list
                and word_count(rest[j].text) >= _RELATED_NEIGHBOUR_WORDS):
            for line in run:
                line.reason = "related_list"
        i = max(j, i + 1)


def cut_at_marker(lines: list[Line], rules: Rules, body: list[Line]) -> bool:
    """At the first cut marker that follows article text, drop it and everything after.
    A marker with no paragraph above it is dropped alone (it cannot end an article that has
    not begun)."""
    seen_text = False
    limit = rules.listed_words()
    for i, line in enumerate(body):
        if not line.kept:
            continue
        if may_be_listed(line, rules, limit) and line.key in rules.cut_markers:
            line.reason = "cut_marker"
            if seen_text:
                for rest in body[i + 1:]:
                    if rest.kept:
                        rest.reason = "after_cut_marker"
                return True
            continue
        if is_paragraph(line.text):
            seen_text = True
    return False


def strip_tail(body: list[Line], rules: Rules, cut: bool) -> str | None:
    """Remove what trails the article: teaser runs, tag and navigation lines, credits,
    datelines, and a heading left with no paragraph under it. Returns a source named by a
    closing credit, if any."""
    source = None
    junk_seen = cut
    while True:
        rest = [l for l in body if l.kept]
        if len(rest) <= 1:
            return source
        last = rest[-1]
        reason = _tail_reason(last, rules)
        if reason == "byline_source":
            source = source or parse_credit(last.text, rules)
            last.role = SOURCE
        if reason is None:
            run = _signature_run(rest)
            if run:
                for line in run:
                    line.reason = "author_credit"
                continue
            run = _dateline_led_run(rest, rules)
            if len(run) >= 2 and len(run) < len(rest):
                for line in run:
                    line.reason = "teaser"
                junk_seen = True
                continue
            run = _lede_run(rest, rules)
            if len(run) >= _LEDE_RUN and len(run) < len(rest):
                for line in run:
                    line.reason = "teaser"
                junk_seen = True
                continue
            run = _ellipsis_run(rest)
            if len(run) >= 2 and len(run) < len(rest):
                for line in run:
                    line.reason = "teaser"
                junk_seen = True
                continue
            if _is_tag(last.text):
                reason = "tag_line"
            elif junk_seen and is_heading_like(last.text) and not is_caption(last.text, rules):
                reason = "teaser"  # a related headline left above a cut or a teaser run
                junk_seen = False  # only the one line right above it
        if reason is None:
            return source
        last.reason = reason


def _tail_reason(line: Line, rules: Rules) -> str | None:
    found = rules.first("tail_patterns", (line.folded, line.text))
    if found:
        return found[1]
    if is_dateline(line.text):
        return "dateline"
    if parse_credit(line.text, rules):
        return "byline_source"
    return None


def _ellipsis_run(rest: list[Line]) -> list[Line]:
    run = []
    for line in reversed(rest):
        if not ends_with_ellipsis(line.text):
            break
        run.append(line)
    return run


# A signature closing an opinion piece: «الدكتور/ فلان», then a line or two of titles.
_SIGNATURE_START = re.compile(
    r"^\s*(?:د\s*\.|أ\s*\.|الدكتور|الدكتورة|دكتور|بقلم|الكاتب|الكاتبة|المهندس|الأستاذ|الاستاذ)\s*[/:.]?\s*\S")
_SIGNATURE_LINES = 4
_SIGNATURE_WORDS = 8


def _signature_run(rest: list[Line]) -> list[Line]:
    """The author's name and titles as short lines at the very end, under the text."""
    run: list[Line] = []
    for line in reversed(rest[-_SIGNATURE_LINES:]):
        if word_count(line.text) > _SIGNATURE_WORDS or final_char(line.text) in ".!؟?":
            break
        run.insert(0, line)
    while run and not _SIGNATURE_START.match(run[0].text):
        run.pop(0)
    if not run or len(run) >= len(rest) or not is_paragraph(rest[-len(run) - 1].text):
        return []
    return run


def _dateline_led_run(rest: list[Line], rules: Rules) -> list[Line]:
    """Other stories' ledes appended after the article: paragraphs at the end that each open
    with their own wire dateline or byline («القاهرة (رويترز) -», «فلان- سبق:»)."""
    run: list[Line] = []
    for line in reversed(rest[1:]):
        if wire_dateline(line.text, rules) is None and glued_byline(line.text, rules) is None:
            break
        run.insert(0, line)
    return run


# Other stories' ledes appended without datelines (a site's «more news» block): each opens as a
# wire lede, a bare past-tense verb and its subject, then within its first clause a comma, the
# day («، الأحد،») or «أن/إن» («قال وزير الخارجية، فلان، إن …», «كشفت صحيفة كويتية، الجمعة، عن …»).
# An article's own later paragraphs run on with «و/ف» or a connective, so three such paragraphs
# in a row at the very end are taken for teasers (two are not: a narrative can do that).
_LEDE_VERBS = """
    قال قالت اعلن اعلنت كشف كشفت اكد اكدت اعتبر اعتبرت قرر قررت وقع وقعت اثار اثارت تصدر تصدرت
    تحدث تحدثت افاد افادت ذكر ذكرت دعا دعت اصدر اصدرت نفي نفت حذر حذرت طالب طالبت شهد شهدت
    استقبل استقبلت التقي التقت بحث بحثت اجري اجرت وصل وصلت غادر غادرت هاجم هاجمت انتقد انتقدت رحب
    رحبت ادان ادانت قتل قتلت اصيب اصيبت لقي لقيت اطلق اطلقت نشر نشرت اعرب اعربت اشاد اشادت تعهد
    تعهدت هدد هددت اتهم اتهمت امر امرت وافق وافقت رفض رفضت بدا بدات اقر اقرت شن شنت ارتفع ارتفعت
    تراجع تراجعت سجل سجلت فاز فازت خسر خسرت توفي توفيت اختار اختارت اصبح اصبحت احتفل احتفلت رد ردت
    علق علقت دخل دخلت حصل حصلت تلقي تلقت اوضح اوضحت اشار اشارت لفت لفتت نقل نقلت قام قامت عقد عقدت
""".split()
_LEDE = re.compile(
    rf"^(?:{'|'.join(_LEDE_VERBS)}) (?!(?:الي|في|علي|عن|ان|انه|انها|من|مع|بان|بانه|له|لها)(?!\w))"  # a subject, not «أشار إلى أن»
    r"[^.:\"«»؟?!]{2,120}?"
    r"(?:[،,]|(?<!\w)(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|ان|انه|انها)(?!\w))")
_LEDE_RUN = 3


def _lede_run(rest: list[Line], rules: Rules) -> list[Line]:
    """Closing paragraphs that each open as a lede: lede-shaped, or with a wire dateline or a
    glued byline (a teaser block may mix both)."""
    run: list[Line] = []
    for line in reversed(rest[1:]):
        if (_LEDE.match(line.folded) is None and wire_dateline(line.text, rules) is None
                and glued_byline(line.text, rules) is None):
            break
        run.insert(0, line)
    return run


_TAG_WORD = re.compile(r"^[^\W\d_]+$")


def _is_tag(text: str) -> bool:
    """A lone word closing the page: a tag or section link («سوريا», «اقتصاد»); not an
    e-mail address or a signature with punctuation."""
    return _TAG_WORD.match(text.strip()) is not None


def drop_repeats(body: list[Line], min_words: int = 4) -> None:
    """A paragraph or caption printed twice in the scrape: the first stays."""
    seen: set[str] = set()
    for line in body:
        if not line.kept:
            continue
        if word_count(line.text) < min_words and line.kind != "caption" and "(" not in line.text:
            continue
        # Repeats in a scrape are copies: compare the text as written (after hygiene).
        if line.text in seen:
            line.reason = "duplicate"
        else:
            seen.add(line.text)


def dateline_of(lines: list[Line]) -> str | None:
    """A trailing dateline, when the head had none."""
    found = [dateline_text(l.text) for l in lines if l.reason == "dateline"]
    return " ".join(found) or None
