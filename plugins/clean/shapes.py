"""What a single line looks like: headline, paragraph, subheading, dateline, byline, caption,
quotation, teaser. Pure predicates over one line's text (and, for bylines, its neighbour);
the decisions that need the whole article live in core.py and junk.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .matching import fold, line_key, more_words_than
from .rules import Rules

# Closing quotes/brackets that may follow a sentence's final punctuation.
_CLOSERS = "”»\"’')]»"
# Final punctuation that makes a line a sentence (not a heading).
_SENTENCE_END = ".!…؛;:،,"
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMBERED = re.compile(r"^\s*\d+\s*[-.)]")  # «1- », «2. », «3) »: a list item
_DIGIT = re.compile(r"\d")

HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100


# Every pass asks about the same lines again (about thirty times per article): remembered,
# a bounded number of texts (forgotten all at once when full).
_WORD_COUNTS: dict[str, int] = {}
_WORD_COUNTS_MAX = 4096


def word_count(text: str) -> int:
    n = _WORD_COUNTS.get(text)
    if n is None:
        if len(_WORD_COUNTS) >= _WORD_COUNTS_MAX:
            _WORD_COUNTS.clear()
        n = _WORD_COUNTS[text] = _count_words(text)
    return n


def remember_word_count_of_plain(text: str) -> None:
    """For a text its caller knows is printable, stripped and free of double spaces (cleaning
    checks each input line for its hygiene): ``word_count`` is its single spaces plus one,
    remembered now instead of testing the text again when a pass asks."""
    if len(_WORD_COUNTS) >= _WORD_COUNTS_MAX:
        _WORD_COUNTS.clear()
    _WORD_COUNTS[text] = text.count(" ") + 1 if text else 0


def _count_words(text: str) -> int:
    if text.isprintable() and "  " not in text:
        # Every space but « » is unprintable: the words are the gaps between single spaces
        # (counted in C, no list of words built).
        return text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ") if text.strip() else 0
    return len(text.split())


def final_char(text: str) -> str:
    """The last character once closing quotes and brackets are set aside."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1:] if stripped else ""


def ends_with_ellipsis(text: str) -> bool:
    # Not a regex: r"(…|\.{3,})\s*$" searched a run of dots again from each of its dots
    # when a letter followed (quadratic).
    return text.rstrip().endswith(("…", "..."))


def ends_with_single_period(text: str) -> bool:
    """A sentence-final «.»; «..» (a headline's trailing dots) and «…» do not count."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith(".") and not stripped.endswith("..")


def has_letter(text: str) -> bool:
    return _HAS_LETTER.search(text) is not None


def is_headline_like(text: str) -> bool:
    """A first line that reads as a headline: short-ish, no sentence-final period."""
    if not has_letter(text) or len(text) > HEADLINE_MAX_CHARS:
        return False
    if word_count(text) > HEADLINE_MAX_WORDS or ends_with_single_period(text):
        return False
    return final_char(text) not in ":،,;؛"


def is_heading_like(text: str) -> bool:
    """A short line with no final punctuation (a question mark is allowed): a subheading,
    a teaser headline or a tag, depending on where it stands."""
    if not has_letter(text) or len(text) > HEADING_MAX_CHARS or word_count(text) > HEADING_MAX_WORDS:
        return False
    if text.lstrip()[:1] in "•*-–—·▪" or _NUMBERED.match(text):
        return False  # list items are never subheadings
    return final_char(text) not in _SENTENCE_END


def is_paragraph(text: str) -> bool:
    """A line that reads as running text rather than a heading or label."""
    return word_count(text) >= 8 or (final_char(text) in ".!…؟?" and word_count(text) >= 3)


# --- datelines ----------------------------------------------------------------------

_DATE_WORDS = set(fold(w) for w in """
    يناير فبراير مارس ابريل أبريل إبريل مايو يونيو يونيه يوليو يوليه اغسطس أغسطس سبتمبر اكتوبر
    أكتوبر نوفمبر ديسمبر كانون الثاني شباط آذار اذار نيسان أيار حزيران تموز آب اب أيلول تشرين
    الأول جانفي فيفري أفريل ماي جوان جويلية أوت محرم صفر ربيع الآخر جمادى رجب شعبان رمضان شوال
    ذو القعدة الحجة
    الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت يوم
    ص م مساء مساءً صباحا صباحاً ظهرا الساعة ت بتوقيت توقيت مكة المكرمة غرينتش جرينتش القدس
    دمشق بيروت القاهرة الرياض هـ ه الموافق آخر اخر تحديث التحديث تم تحديثه نشر في بتاريخ
    منذ ساعة ساعات ساعتين دقيقة دقائق gmt utc am pm
""".split())
_MONTH_WORDS = set(fold(w) for w in """
    يناير فبراير مارس ابريل أبريل إبريل مايو يونيو يونيه يوليو يوليه اغسطس أغسطس سبتمبر اكتوبر
    أكتوبر نوفمبر ديسمبر كانون شباط آذار اذار نيسان أيار حزيران تموز أيلول تشرين
    جانفي فيفري أفريل جوان جويلية أوت محرم صفر ربيع جمادى رجب شعبان رمضان شوال
""".split())
_NUMBER = re.compile(r"^\d+(م|ه)?$")
_YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}\s*:\s*\d{2}(?!\d)")
DATELINE_BULLETS = "•·▪●◦|-–—/ "


_DATELINE_MAX_WORDS = 14


@lru_cache(maxsize=4096)  # asked of the same head lines by the head, the tail and the structure passes
def is_dateline(text: str) -> bool:
    """A line made only of a date and/or time: «• 2025/02/12», «11:11 م»,
    «الأربعاء 12 فبراير 2025 - 10:30 ص», «آخر تحديث: 2018-05-03 14:05»."""
    if more_words_than(text, _DATELINE_MAX_WORDS):
        return False  # a paragraph: not worth folding
    key = line_key(text)
    words = key.split()
    if not words or len(words) > _DATELINE_MAX_WORDS:
        return False
    if not all(_NUMBER.match(w) or w in _DATE_WORDS for w in words):
        return False
    western = fold(text)
    has_month = any(w in _MONTH_WORDS for w in words)
    has_number = any(_NUMBER.match(w) for w in words)
    return bool(_YEAR.search(western) or _TIME.search(western) or (has_month and has_number))


def dateline_text(text: str) -> str:
    """The dateline without its bullets: «• 11:11 م» -> «11:11 م»."""
    return text.strip().strip("•·▪●◦").strip()


# --- bylines and sources --------------------------------------------------------------

_SOURCE_LABEL = re.compile(r"^\s*(?:المصدر|مصدر الخبر|source)\s*[:：]\s*(.{2,60}?)\s*$", re.IGNORECASE)
_LONE_LABEL = re.compile(r"^\s*([^\d:：]{2,40}?)\s*[:：]\s*$")
# «دمشق - سانا», «عمّان ـ بترا» (a spaced tatweel serves as a dash in Arabic typesetting).
_DASH_BYLINE = re.compile(r"^\s*([^\d\-–—|:.]{2,40}?)\s+[-–—|ـ]\s+([^\d\-–—|:.]{2,40}?)\s*$")
# «حامد القرشي – قاسم الزرعي – عين اليوم»: several names and a publisher, dash-separated.
_DASH_PARTS = re.compile(r"\s+[-–—|ـ]\s+")
_PLAIN_PART = re.compile(r"^[^\d\-–—|:.،,]{2,40}$")
_AUTHOR_PREFIX = re.compile(r"^\s*(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|ترجمة|حوار|تحرير|متابعة)\s*[:：]?\s*\S")
_CREDIT_PARTS = re.compile(r"\s*[/،,|]\s*|\s+و(?=\S)")


def source_name(label: str, rules: Rules) -> str | None:
    """The publisher's name as the rules spell it, if ``label`` is a known source."""
    return rules.source_labels.get(line_key(label))


def parse_byline(text: str, next_text: str | None, rules: Rules) -> tuple[str, str | None] | None:
    """(reason, source or None) when ``text`` is a byline/source label at the top of an article.

    «الثورة:» alone above the lead, «المصدر: سانا», «دمشق - سانا», «بقلم: …», or a known
    publisher's name alone. ``next_text`` is the following line: a lone «X:» is a byline only
    when running text follows (otherwise it introduces a list, like «العناوين:»)."""
    if word_count(text) > 8:
        return None
    known = source_name(text, rules)
    if known:
        return "byline_source", known
    m = _SOURCE_LABEL.match(text)
    if m:
        name = m.group(1).strip().strip("«»\"“”")
        return "byline_source", source_name(name, rules) or name
    m = _LONE_LABEL.match(text)
    if m:
        name = m.group(1).strip().strip("«»\"“”")
        if source_name(name, rules):
            return "byline_source", source_name(name, rules)
        if (word_count(name) <= 3 and line_key(name) not in rules.not_source_labels
                and "\u064b" not in name  # tanwin: an adverb («أولاً:»), not a name
                and has_letter(name) and next_text is not None and is_paragraph(next_text)
                and word_count(next_text) >= 12):
            return "byline_source", name
        return None
    m = _DASH_BYLINE.match(text)
    if m and word_count(m.group(1)) <= 4 and word_count(m.group(2)) <= 4:
        for side in (m.group(2), m.group(1)):  # «دمشق - سانا»: the agency usually comes last
            if source_name(side, rules):
                return "byline_source", source_name(side, rules)
        return "byline", None
    parts = _DASH_PARTS.split(text.strip())
    if 3 <= len(parts) <= 4 and all(_PLAIN_PART.match(p) and word_count(p) <= 4 for p in parts):
        for part in reversed(parts):
            if source_name(part, rules):
                return "byline_source", source_name(part, rules)
    if _AUTHOR_PREFIX.match(text) and word_count(text) <= 6 and final_char(text) not in ".!؟?":
        return "byline", None
    return None


def parse_credit(text: str, rules: Rules) -> str | None:
    """A closing credit made only of known publishers: «فرانس24/ أ ف ب» -> «فرانس24»."""
    if word_count(text) > 8:
        return None
    parts = [p for p in _CREDIT_PARTS.split(text.strip().strip("*•-–— ")) if p.strip()]
    names = [source_name(p, rules) for p in parts]
    if parts and all(names):
        return names[0]
    return None


# --- captions, quotations -------------------------------------------------------------

_TRAILING_CREDIT = re.compile(r"\(([^()]{1,50})\)\s*\.?\s*$")
_LATIN_CREDIT = re.compile(r"^[A-Z][A-Za-z./ ]{1,30}$")


def is_caption(text: str, rules: Rules) -> bool:
    """A photo caption: a short line ending in a parenthesised agency or photo credit,
    «الرئيس الروسي فلاديمير بوتين (تاس)», «جانب من الاجتماع (صورة أرشيفية)»."""
    m = _TRAILING_CREDIT.search(text)
    if not m or word_count(text) > 25:
        return False
    before = text[: m.start()].strip()
    if not has_letter(before) or ". " in before or ends_with_single_period(before):
        return False
    credit = m.group(1).strip()
    if _LATIN_CREDIT.match(credit):
        return True
    parts = [line_key(p) for p in re.split(r"\s*[/،,\-–]\s*", credit) if p.strip()]
    known = rules.caption_credits | rules.source_labels.keys()
    return bool(parts) and all(p in known or p.split(" ")[0] in known for p in parts)


_OPENERS = {"“": "”", "«": "»", '"': '"', "„": "“"}


def is_quotation(text: str) -> bool:
    """A paragraph that is one quotation from its first to its last word."""
    body = text.strip()
    closer = _OPENERS.get(body[:1])
    if closer is None:
        return False
    body = body.rstrip(".،,").rstrip()
    if len(body) < 3 or body[-1] != closer or word_count(body) < 3:
        return False
    inner = body[1:-1]
    # A closing mark inside means the quotation ends before the paragraph does.
    if closer == '"':
        return '"' not in inner
    return closer not in inner and body[:1] not in inner
