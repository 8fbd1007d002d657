"""Every date expression in a cleaned article body, with its offsets and its ISO value
resolved against the publication date.

The text is matched in normalised spelling (alef/hamza, ة/ه, ى/ي folded, Arabic-Indic
digits made Western, diacritics and tatweel removed); offsets are mapped back, so a
mention's text is always the words as written.
"""

from __future__ import annotations

import bisect
import re

from . import patterns as P
from .absolute import day_month, hijri_date, month_alone, numeric_date, season, year_ad, year_alone
from .model import DateMention, PartialDate, interval
from .relative import (
    day_of_month, night_span, period_ago, reanchor, relative_day, relative_period, weekday_alone,
)
from .scan import Candidate, ScannedText, key


# Family -> (pattern, interpreter, characters to look back, characters to look ahead, words
# one of which every match holds or None) around the trigger word. A window holding none of
# those words has no match and is not scanned (most weekdays stand without «ليل», most units
# without «قبل»/«منذ»/«بعد»).
_FAMILY_JOBS = {
    "month": ((P.DAY_MONTH, day_month, 80, 70, None), (P.MONTH_ALONE, month_alone, 10, 70, None)),
    "hijri": ((P.HIJRI_DATE, hijri_date, 50, 40, None),),
    "weekday": ((P.WEEKDAY_ALONE, weekday_alone, 10, 30, None), (P.NIGHT_SPAN, night_span, 26, 30, ("ليل",))),
    "night": ((P.NIGHT_SPAN, night_span, 12, 40, ("ليل",)),),
    "relative_day": ((P.RELATIVE_DAY, relative_day, 12, 30, None),),
    "relative_period": ((P.RELATIVE_PERIOD, relative_period, 10, 30, None),
                        (P.DAY_OF_MONTH, day_of_month, 16, 30, ("الشهر",))),
    "period_unit": ((P.PERIOD_AGO, period_ago, 25, 2, ("قبل", "منذ", "بعد")),),
    "season": ((P.SEASON, season, 8, 40, None),),
}
_NUMERIC_SEPARATORS = "/.-"
# What every numeric date holds (a digit, a separator, a digit): a window without it is not
# scanned by both numeric patterns (most numbers beside a separator end a sentence: «عام 2019.»).
_NUMERIC_CORE = re.compile(r"\d[/.\-]\d")


def _triggers(norm: str, words, digit_runs: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, family) of every trigger in ``norm``, in text order: a word of ``words``
    (those of ``norm``; a superset does no harm) that is a trigger, perhaps with proclitics,
    looked up as a whole word. One set intersection over the words replaces a scan of the
    text at every position; only the few trigger words are then found in the text. A trigger
    glued to the number before it («20تموز», «بعد 15يوما») is looked for after each run of
    digits."""
    families = P.TRIGGER_FAMILIES
    size = len(norm)
    found = []
    for _, pos in digit_runs:
        if pos < size and norm[pos].isalpha():
            m = P.TRIGGER.match(norm, pos)
            if m and (m.end() >= size or not norm[m.end()].isalnum()):
                trigger = m.group()
                found.append((pos, m.end(), families.get(trigger) or families[key(trigger)]))
    for word in P.TRIGGER_WORD_SET.intersection(words):
        skip = P.TRIGGER_WORDS[word]
        pos = norm.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (not pos or not norm[pos - 1].isalnum()) and (end >= size or not norm[end].isalnum()):
                # The longest trigger from here (a second word: «كانون الثاني», «ربيع الاول»),
                # itself not the start of a longer word.
                m = P.TRIGGER.match(norm, pos + skip)
                if m and (m.end() >= size or not norm[m.end()].isalnum()):
                    trigger = m.group()
                    # A trigger written with single spaces (all but a rare «كانون  الثاني») is its own key.
                    found.append((m.start(), m.end(), families.get(trigger) or families[key(trigger)]))
            pos = norm.find(word, end)
    found.sort()
    return found


def _candidates(text: ScannedText, published: PartialDate | None, words=None) -> list[Candidate]:
    """Try each family's pattern around the words and numbers that can start one."""
    norm = text.norm
    size = len(norm)
    tried: set[tuple[int, int, int]] = set()
    found: list[Candidate | None] = []

    def run(pattern, interpret, lo, hi, *extra, needs=None):
        hi, cut = _window_end(norm, min(size, hi))  # cut: inside an overlong word
        lo = max(0, lo)
        if needs is not None and all(norm.find(word, lo, hi) < 0 for word in needs):
            return  # every match holds one of ``needs``: none in the window
        for m in pattern.finditer(norm, lo, hi):
            if cut and m.end() == hi:
                continue  # its «not followed by a letter» test saw the window's end, not the text
            key = (id(pattern), m.start(), m.end())
            if key not in tried:
                tried.add(key)
                found.append(interpret(text, m, *extra))

    def run_at(pattern, interpret, starts, hi, *extra):
        """``run`` for a pattern whose matches can only begin at ``starts`` (ascending):
        the same matches as the scan, which also never starts one inside the last."""
        hi, cut = _window_end(norm, min(size, hi))
        taken_to = -1
        for pos in starts:
            m = None if pos < taken_to else pattern.match(norm, pos, hi)
            if m is None:
                continue
            taken_to = m.end()
            if cut and m.end() == hi:
                continue
            key = (id(pattern), m.start(), m.end())
            if key not in tried:
                tried.add(key)
                found.append(interpret(text, m, *extra))

    digit_runs = digit_runs_of(norm)
    triggers = _triggers(norm, P.WORD_NO_UNDERSCORE.findall(norm) if words is None else words, digit_runs)
    # Where a month-alone expression may begin: at a month, or at «شهر» right before one.
    month_starts = sorted({pos for start, _, family in triggers if family == "month"
                           for pos in _month_starts(norm, start)})
    for start, end, family in triggers:
        if family == "month":
            # Around a month, scanning the window at every position cost most of the dates
            # stage. A day-month expression needs its day right before this month (else the
            # month it takes is another one, with its own trigger); a month alone is tried
            # where one may begin in the window the scan covered.
            if _day_may_precede(norm, start):
                run(P.DAY_MONTH, day_month, start - 80, end + 70, published)
            lo, hi = start - _MONTH_BACK, end + 70
            first = bisect.bisect_left(month_starts, lo)
            last = bisect.bisect_left(month_starts, _word_end(norm, min(size, hi)))
            run_at(P.MONTH_ALONE, month_alone, month_starts[first:last], hi, published)
            continue
        for pattern, interpret, back, ahead, needs in _FAMILY_JOBS[family]:
            run(pattern, interpret, start - back, end + ahead, published, needs=needs)
    for start, end in digit_runs:
        if end - start == 4:
            run(P.YEAR, year_alone, start - 20, end + 25)
            run(P.YEAR_AD, year_ad, start, end + 12, needs=("م",))  # «م», «ميلادي» after the year
        if ((end < size and norm[end] in _NUMERIC_SEPARATORS) or (start and norm[start - 1] in _NUMERIC_SEPARATORS)) \
                and _NUMERIC_CORE.search(norm, max(0, start - 11), _window_end(norm, min(size, end + 11))[0]):
            run(P.NUMERIC_YMD, numeric_date, start - 11, end + 11, True)
            run(P.NUMERIC_DMY, numeric_date, start - 11, end + 11, False)
    return [c for c in found if c is not None]


# A one-byte code page of Arabic text with no digit but 0-9: a text it encodes keeps its
# offsets, and its runs of \d are the runs of bytes 0-9, found with a few C calls instead of a
# regex search at every character (which cost a tenth of the dates stage).
_ONE_BYTE = "cp1256"
_DIGIT_MASK = bytes(0x31 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # digit -> «1», else « »


def digit_runs_of(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every run of digits (P.DIGIT_RUN) in ``norm``."""
    try:
        mask = norm.encode(_ONE_BYTE).translate(_DIGIT_MASK)
    except UnicodeEncodeError:  # a character outside the code page: perhaps another script's digit
        return [m.span() for m in P.DIGIT_RUN.finditer(norm)]
    runs = []
    find = mask.find
    start = find(0x31)
    while start >= 0:
        end = find(0x20, start)
        if end < 0:
            runs.append((start, len(mask)))
            break
        runs.append((start, end))
        start = find(0x31, end)
    return runs


_ORDINAL_ENDS = tuple(P.ORDINAL_DAYS)
_SHAHR = ("شهر", "شهري")


def _day_may_precede(norm: str, start: int) -> bool:
    """Whether a day (digits or an ordinal word) can stand before the month at ``start``,
    with «من» and «شهر» perhaps between: a necessary condition for DAY_MONTH to take it."""
    before = " ".join(norm[max(0, start - 40):start].split())  # «الحادي  عشر»: spaces as the pattern's \\s+
    # The text before, without «شهر», without «من», without both («من شهر»): written out,
    # not as lists of forms (called at every month).
    if before[-1:].isdigit() or before.endswith(_ORDINAL_ENDS):
        return True
    if before.endswith("شهر"):
        without = before[:-3].rstrip()
        if without[-1:].isdigit() or without.endswith(_ORDINAL_ENDS):
            return True
        if without.endswith("من"):
            without = without[:-2].rstrip()
            if without[-1:].isdigit() or without.endswith(_ORDINAL_ENDS):
                return True
    if before.endswith("من"):
        without = before[:-2].rstrip()
        return without[-1:].isdigit() or without.endswith(_ORDINAL_ENDS)
    return False


_MONTH_BACK = 10  # how far before a month the month-alone scan looked


def _month_starts(norm: str, start: int) -> list[int]:
    """Where a month-alone expression holding the month at ``start`` may begin: at «شهر» or
    «شهري» right before it, or at the month."""
    before = norm[max(0, start - _MONTH_BACK):start]
    stripped = before.rstrip()
    if len(stripped) < len(before):
        for word in _SHAHR:
            if stripped.endswith(word):
                return [start - len(before) + len(stripped) - len(word), start]
    return [start]


# How far a window may be widened to reach the end of a word. A longer run of letters and
# digits (a URL, an encoded blob) is cut there: widened to its end, every number inside it
# would scan to that end, which is quadratic in the run's length.
_MAX_WIDEN = 64


def _word_end(norm: str, pos: int) -> int:
    """``pos`` moved to the end of the word it falls in, so a window never cuts a word
    (of up to _MAX_WIDEN more characters)."""
    match = P.NON_WORD.search(norm, pos, pos + _MAX_WIDEN)
    return match.start() if match else min(len(norm), pos + _MAX_WIDEN)


def _window_end(norm: str, pos: int) -> tuple[int, bool]:
    """(_word_end(norm, pos), whether the window is cut there inside a word: an overlong one,
    so what follows the window's end is a letter)."""
    match = P.NON_WORD.search(norm, pos, pos + _MAX_WIDEN)
    if match:
        return match.start(), False  # at a non-word character
    end = min(len(norm), pos + _MAX_WIDEN)
    return end, end < len(norm) and not P.NON_WORD.match(norm, end)


def _longest_first(candidates: list[Candidate], size: int) -> list[Candidate]:
    """Non-overlapping candidates, a longer expression winning over the shorter ones in it.
    Taken characters are marked, so a candidate costs its own length (comparing it with
    every taken one was quadratic on a text full of dates)."""
    taken = bytearray(size)
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if taken.find(1, cand.start, cand.end) == -1:
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


# Words that join two dates into one interval: «من 21 يونيو إلى 13 يوليو», «بين مارس ومايو».
_SPAN_JOINT = re.compile(r"\s*(?:الي|حتي|لغايه|و)\s*$")
_SPAN_OPENERS = ("من", "بين", "منذ")


def _opens_span(body: ScannedText, cand: Candidate) -> bool:
    before = body.words_before(cand.start, 1)
    return body.norm.startswith(_SPAN_OPENERS, cand.start) or (bool(before) and before[0] in _SPAN_OPENERS)


def _join_spans(body: ScannedText, kept: list[Candidate]) -> list[Candidate]:
    """«من A إلى B» with A and B dates of the same precision, A before B: one interval."""
    out: list[Candidate] = []
    for cand in kept:
        prev = out[-1] if out else None
        if (prev is not None and prev.value and cand.value and "/" not in prev.value + cand.value
                and len(prev.value) == len(cand.value) and prev.value < cand.value
                and _SPAN_JOINT.match(body.norm, prev.end, cand.start)
                and _opens_span(body, prev)):
            out[-1] = Candidate(prev.start, cand.end, interval(prev.value, cand.value))
            continue
        out.append(cand)
    return out


def find_date_mentions(text: str, published: PartialDate | None, words=None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``. ``words``: the
    words of ``text`` in normalised spelling, if already split (a superset, such as the words
    of the title and body that plugins.entities.matcher.split_words gives, is as good)."""
    body = ScannedText.of(text)
    # The text's own «اليوم الخميس» wins over a publication date that says another day
    # (a crawl time, a time zone): relative dates are read from the day the text was written.
    published = reanchor(body, published)
    mentions = []
    kept = _join_spans(body, _longest_first(_candidates(body, published, words), len(body.norm)))
    for cand in kept:
        start, end = body.to_original(cand.start), body.to_original(cand.end)
        written = text[start:end]
        trimmed = written.rstrip(" \t\n)")
        if trimmed.count("(") > trimmed.count(")") and written.rstrip().endswith(")"):
            trimmed = written.rstrip()  # keep the «)» of «مايو (أيار)»
        end = start + len(trimmed)
        mentions.append(DateMention(text[start:end], cand.value, start, end))
    return mentions
