"""What the date interpreters share: the body in normalised spelling with the way back
to original offsets, a found expression (``Candidate``), and small context tests."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from ..arabic import normalize_keep_offsets
from ..arabic.text import OFFSET_FILLER
from . import patterns as P
from .lexicon import CURRENT_MARKERS, FUTURE_CUES, FUTURE_MARKERS, NAME_HEADS, ORDINAL_DAYS, PAST_MARKERS
from .model import PartialDate
from .resolve import Direction


@dataclass
class Candidate:
    start: int  # offsets into the normalised, compacted text
    end: int
    value: str | None


class ScannedText:
    """The body in normalised spelling, without the characters normalisation drops, and
    the way back to offsets in the original. ``ScannedText.of(text)`` reuses the last one
    made (the mentions and the weekday check scan the same body)."""

    _last: "ScannedText | None" = None

    @classmethod
    def of(cls, original: str) -> "ScannedText":
        last = cls._last
        if last is None or last.original != original:
            last = cls._last = cls(original)
        return last

    def __init__(self, original: str):
        self.original = original
        self.anchors: dict = {}  # publication date -> the day the text calls today (relative.reanchor)
        # position -> every word words_before / words_after would take there (a slice is returned)
        self._before: dict[int, list[str]] = {}
        self._after: dict[int, list[str]] = {}
        norm = normalize_keep_offsets(original)
        if OFFSET_FILLER in norm:
            # compact position of every dropped character, to map offsets back: the length of
            # the text kept before it (summed in C, not a regex match per dropped character)
            kept = norm.split(OFFSET_FILLER)
            self._dropped = list(accumulate(map(len, kept[:-1])))
            self.norm = "".join(kept)
        else:
            self._dropped = []
            self.norm = norm

    def to_original(self, pos: int) -> int:
        return pos + bisect.bisect_right(self._dropped, pos) if self._dropped else pos

    def words_before(self, pos: int, count: int) -> list[str]:
        """Up to ``count`` words before ``pos`` in the same sentence."""
        words = self._before.get(pos)
        if words is None:  # the interpreters ask about the same position for 1, 7 and 8 words
            window = self.norm[max(0, pos - 90):pos]
            end = _THROUGH_LAST_SENTENCE_END.match(window)
            if end:
                window = window[end.end():]
            words = P.WORD.findall(window)
            if pos and self.norm[pos - 1].isalnum():
                words = words[:-1]  # the proclitic of the word at ``pos`` («و» of «والخميس»)
            self._before[pos] = words
        return words[-count:]

    def words_after(self, pos: int, count: int) -> list[str]:
        words = self._after.get(pos)
        if words is None:
            window = self.norm[pos:pos + 50]
            end = P.SENTENCE_END.search(window)
            if end:
                window = window[:end.start()]
            words = self._after[pos] = P.WORD.findall(window)
        return words[:count]

    def next_word_attached(self, pos: int) -> str | None:
        """The next word when only spaces separate it from ``pos`` (no punctuation)."""
        match = _NEXT_WORD.match(self.norm, pos)
        return match.group(1) if match else None


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
# Everything up to the last sentence end (P.SENTENCE_END): found backwards from the end, not
# by listing every one.
_THROUGH_LAST_SENTENCE_END = re.compile(r"(?s:.*)" + P.SENTENCE_END.pattern)
_FUTURE_CUES = frozenset(FUTURE_CUES) | {"سوف"}


def without_conjunction(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def one_of(word: str, vocabulary) -> bool:
    """``word`` is in ``vocabulary``, perhaps with و/ف attached («وفي», «فقد»)."""
    return word in vocabulary or (len(word) > 2 and word[0] in "وف" and word[1:] in vocabulary)


def key(words: str) -> str:
    return " ".join(words.split())


def direction_of(marker: str | None) -> Direction | None:
    if not marker:
        return None
    marker = key(marker)
    if marker in PAST_MARKERS:
        return Direction.PAST
    if marker in FUTURE_MARKERS:
        return Direction.FUTURE
    if marker in CURRENT_MARKERS:
        return Direction.CURRENT
    return None


def with_conjunctions(vocabulary) -> frozenset[str]:
    """Every word ``one_of`` accepts for ``vocabulary``: a set of them answers for a whole
    list of words in one C call."""
    return frozenset(vocabulary) | {c + w for w in vocabulary for c in "وف" if len(w) > 1}


_FUTURE_CUE_FORMS = with_conjunctions(_FUTURE_CUES)


def future_cue(text: ScannedText, start: int, end: int) -> bool:
    return not (_FUTURE_CUE_FORMS.isdisjoint(text.words_before(start, 7))
                and _FUTURE_CUE_FORMS.isdisjoint(text.words_after(end, 3)))


def default_direction(text: ScannedText, start: int, end: int) -> Direction:
    return Direction.NEXT if future_cue(text, start, end) else Direction.LATEST


def relative_year(marker: str | None, published: PartialDate | None) -> int | None:
    """The year of «من العام الماضي» after a month."""
    direction = direction_of(marker)
    if direction is None or published is None:
        return None
    return published.year + {Direction.PAST: -1, Direction.FUTURE: 1, Direction.CURRENT: 0}[direction]


def day_number(raw: str) -> tuple[int | None, bool]:
    """(day, written as an ordinal word)."""
    raw = key(raw)
    digits = raw.removeprefix("ال").strip()
    if digits.isdigit():
        return int(digits), False
    return ORDINAL_DAYS.get(raw), True


def names_something(text: ScannedText, start: int) -> bool:
    """«ثورة 25 يناير», «قوى 14 آذار»: a date used as a name."""
    before = text.words_before(start, 1)
    return bool(before) and one_of(before[0], NAME_HEADS)


# Words before an ordinal that make «الأول من شباط» a week or half, not a day.
