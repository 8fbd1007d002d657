"""Proposing new people for the gazetteer (the curators' ``invoke suggest`` task).

Arabic news introduces a person with a title: «وزير الخارجية الروسي سيرغي لافروف»,
«المتحدثة باسم وزارة الخارجية الروسية، ماريا زاخاروفا», «الإعلامي مصطفى بكري». We look for
a title, skip its complements («الخارجية الروسي»), and take the two (sometimes three) words
that follow as a name, unless the gazetteer already knows them. It is a heuristic for a human
to review, so it favours recall and shows counts and example sentences.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..arabic import normalize
from .matcher import name_key, split_words, word_offsets, written_forms
from .titles import PERSON_TITLES

# Title words that introduce a person; «… باسم» titles are followed by the body they speak for.
_EXTRA_TITLES = ("نائب وزير", "نائب رئيس", "مساعد وزير", "مستشار", "الناطق باسم", "الناطقة باسم",
                 "مبعوث", "المبعوثة", "الممثل", "الممثلة", "عضو", "رئيسة", "زعيم", "المخرج", "الفنان",
                 "الفنانة", "المطرب", "المطربة", "اللاعب", "المدرب", "الباحث", "الناشط", "الناشطة",
                 "المحلل", "المحامي", "القاضي")
# Glue words inside a name: «أبو قصرة», «محمد بن سلمان», «عبد الفتاح», «آل ثاني».
_CONNECTORS = frozenset(map(normalize, ("أبو", "أبي", "بن", "ابن", "بنت", "عبد", "آل", "ولد", "أم")))
# Words that end a compound name: «نصر الله», «نور الدين», «عبد الرحمن».
_SECOND_PARTS = frozenset(map(normalize, ("الله", "الدين", "الرحمن", "الرحيم", "العزيز")))
# Words that follow a title but start no name: particles and the usual reporting verbs.
_NOT_NAMES = frozenset(map(normalize, (
    "في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "أنه", "أنها", "الذي", "التي", "الذين", "قد",
    "كان", "كانت", "لم", "لن", "ما", "لا", "هذا", "هذه", "ذلك", "تلك", "بعد", "قبل", "خلال", "حول",
    "عبر", "منذ", "عند", "حيث", "كما", "أو", "ثم", "بين", "ضد", "دون", "غير", "وقد", "فقد", "لقد",
    "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "أشار", "أشارت", "أوضح", "أوضحت", "شدد", "شددت",
    "دعا", "دعت", "رحب", "رحبت", "التقى", "التقت", "بحث", "بحثت", "اعتبر", "اعتبرت", "أضاف",
    "أضافت", "يلتقي", "يزور", "وصل", "وصلت", "زار", "زارت", "نفى", "نفت", "طالب", "طالبت", "لفت",
    "لفتت", "أجرى", "أجرت", "تلقى", "تلقت", "استقبل", "استقبلت", "يؤكد", "يدعو", "دعم", "نفسه",
    "السابق", "الحالي", "الجديد", "عام", "العام", "الخاص", "الأسبق", "لدى", "إنه", "أنه")))
_SPEAKS_FOR = normalize("باسم")
# A definite word, maybe with attached clitics («الجديدة», «بالديناميكية», «للمرحلة»): no first name.
_DEFINITE = re.compile("[وف]?[بلك]?ال|[وف]?لل")
# ... and later in a name only with a clitic: «الشيباني» may end a name, «للإغاثة» may not.
_CLITIC_DEFINITE = re.compile("[وف][بلك]?ال|[بلك]ال|[وف]?لل")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
MAX_EXAMPLES = 3


@dataclass
class Suggestion:
    name: str  # the most frequent written form
    count: int  # mentions over all texts
    articles: int  # texts it appears in
    titles: list[str] = field(default_factory=list)  # titles seen before it, most frequent first
    examples: list[str] = field(default_factory=list)  # up to 3 sentences
    proposed_id: str | None = None  # an ASCII id when one can be given; None: the curator picks


def suggest_names(texts: Iterable[str], gazetteer, find=None) -> list[Suggestion]:
    """Names introduced by a person title that the gazetteer does not know, most frequent first.
    ``find``: ``name_finder(gazetteer)``, or a memo of it (the build report keeps one)."""
    find = find or name_finder(gazetteer)
    forms: dict[tuple, Counter] = {}
    titles: dict[tuple, Counter] = {}
    examples: dict[tuple, list[str]] = {}
    counts: Counter = Counter()
    articles: Counter = Counter()
    for text in texts:
        seen_here = set()
        for key, name, title, sentence in find(text):
            counts[key] += 1
            forms.setdefault(key, Counter())[name] += 1
            titles.setdefault(key, Counter())[title] += 1
            found = examples.setdefault(key, [])
            if len(found) < MAX_EXAMPLES and sentence not in found:
                found.append(sentence)
            if key not in seen_here:
                seen_here.add(key)
                articles[key] += 1
    out = [
        Suggestion(name=forms[key].most_common(1)[0][0], count=count, articles=articles[key],
                   titles=[t for t, _ in titles[key].most_common(3)], examples=examples[key])
        for key, count in counts.items()
    ]
    out.sort(key=lambda s: (-s.count, -s.articles, s.name))
    return out


def name_finder(gazetteer):
    """text -> (name key, name as written, title as written, sentence) for each name a person
    title introduces that the gazetteer does not know."""
    return _TitleFinder(gazetteer).find


class _TitleFinder:
    def __init__(self, gazetteer):
        self._matcher = gazetteer.matcher  # its names are known: never suggested
        # like the name index: written first word -> [(clitic cut, [rest of title, longest first])]
        by_first: dict[str, list] = {}
        for key in {key for key in map(name_key, (*PERSON_TITLES, *_EXTRA_TITLES)) if key}:
            by_first.setdefault(key[0], []).append(key[1:])
        self._titles: dict[str, list] = {}
        for stem, rests in by_first.items():
            rests.sort(key=len, reverse=True)
            for surface, cut in written_forms(stem):
                self._titles.setdefault(surface, []).append((cut, stem, rests))

    def find(self, text: str):
        """(name key, name as written, title as written, sentence) for each titled unknown name."""
        pieces, words = split_words(text)
        if not words:
            return
        known = bytearray(len(words))
        for first, end, _, _ in self._matcher.candidates(pieces, words):
            known[first:end] = b"\x01" * (end - first)
        offsets = None
        i = 0
        while i < len(words):
            title = self._title_at(pieces, words, i)
            if title is None:
                i += 1
                continue
            title_end, cut, definite = title
            complement_end = self._complement_end(pieces, words, title_end, known, definite)
            span = self._name_after(pieces, words, complement_end, known)
            if span is None:
                i = title_end
                continue
            first, end = span
            offsets = offsets or word_offsets(pieces)
            name = text[offsets[2 * first]:offsets[2 * end - 1]]
            title_text = text[offsets[2 * i] + cut:offsets[2 * complement_end - 1]]
            if cut and words[i][cut:cut + 1] == "ل" and not title_text.startswith(("ال", "أل", "إل")):
                title_text = "ا" + title_text  # «للرئيس» -> «الرئيس» (ل + ال, alef dropped)
            yield tuple(words[first:end]), name, title_text, _sentence(text, offsets[2 * first], offsets[2 * end - 1])
            i = end

    def _title_at(self, pieces, words, i) -> tuple[int, int, bool] | None:
        """(end, clitic cut, definite) of the longest title starting at word i."""
        best = None
        for cut, stem, rests in self._titles.get(words[i], ()):
            for rest in rests:
                end = i + 1 + len(rest)
                if tuple(words[i + 1:end]) == rest and _spaced(pieces, i + 1, end):
                    if best is None or end > best[0]:
                        best = (end, cut, stem.startswith("ال"))
                    break
        return best

    def _complement_end(self, pieces, words, j, known, definite=True) -> int:
        """Skip what completes a title: «باسم وزارة الخارجية الروسية», «الخارجية الروسي»,
        «(رئيس) حكومة الاحتلال الإسرائيلي», up to a name the gazetteer knows («الرئيس الشرع»)."""
        if j < len(words) and _spaced(pieces, j, j + 1) and not known[j] and (
                words[j - 1] == _SPEAKS_FOR or (not definite and not words[j].startswith("ال"))):
            j += 1  # the body spoken for («وزارة»), or the head of a construct («حكومة»)
        limit = j + 4
        while j < min(limit, len(words)) and words[j].startswith("ال") and not known[j] and _spaced(pieces, j, j + 1):
            j += 1
        return j

    def _name_after(self, pieces, words, j, known) -> tuple[int, int] | None:
        if j >= len(words) or not _name_gap(pieces[j][0]):
            return None
        units = []  # (first word, end word) of each unit
        k = j
        while k < len(words) and len(units) < 3:
            if units and not _spaced(pieces, k, k + 1):
                break
            unit_end = k + 1
            while unit_end < len(words) and _spaced(pieces, unit_end, unit_end + 1) and (
                    words[unit_end - 1] in _CONNECTORS or words[unit_end] in _SECOND_PARTS):
                unit_end += 1
            units.append((k, unit_end))
            k = unit_end
        units = list(_leading_names(units, words))
        if units and words[units[0][0]] in self._titles:  # a title word starts no name («رئيس مجلس»)
            return None
        if len(units) < 2 or any(known[units[0][0]:units[-1][1]]):
            return None
        # two units unless a third one closes the phrase («رجب طيب أردوغان،»)
        if len(units) == 3 and not _closes(pieces, units[2][1]):
            units = units[:2]
        return units[0][0], units[-1][1]


def _leading_names(units, words):
    """The units up to the first one that cannot be part of a name."""
    for n, (first, end) in enumerate(units):
        word = words[first]
        definite = _DEFINITE if n == 0 else _CLITIC_DEFINITE
        if word in _NOT_NAMES or not word.isalpha() or len(word) < 2 or definite.match(word):
            return
        yield first, end


def _spaced(pieces, first, end) -> bool:
    return all(not gap.strip(" \t\u00a0") for gap, _ in pieces[first:end])


def _name_gap(gap: str) -> bool:
    return not gap.strip(" \t\u00a0،,")


def _closes(pieces, end) -> bool:
    """The phrase ends after word end-1: punctuation or the end of the text follows."""
    return end >= len(pieces) or bool(pieces[end][0].strip(" \t\u00a0"))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], shortened around it when long."""
    first = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    match = _SENTENCE_END.search(text, end)
    last = match.end() if match else len(text)
    if last - first > 240:
        first, last = max(first, start - 110), min(last, end + 110)
        return "…" + " ".join(text[first:last].split()) + "…"
    return " ".join(text[first:last].split())


def format_suggestions_yaml(suggestions: Iterable[Suggestion]) -> str:
    """People entries to review and paste into people.yaml, with counts and examples."""
    lines = ["# Suggested people: check each one, choose a permanent ASCII id (e.g. the English",
             "# spelling: mostafa-bakry), fill in name_en, then move it into people.yaml.", ""]
    for n, suggestion in enumerate(suggestions, 1):
        entity_id = suggestion.proposed_id or f"todo-{n}"
        lines.append(f"- id: {entity_id}" + ("" if suggestion.proposed_id else "   # TODO: a permanent ASCII id"))
        lines.append(f"  name: {_scalar(suggestion.name)}")
        lines.append("  name_en:   # TODO")
        lines.append("  aliases: []")
        lines.append(f"  roles: [{', '.join(_scalar(t) for t in suggestion.titles)}]")
        lines.append(f"  # seen {suggestion.count} times in {suggestion.articles} articles, e.g.:")
        lines += [f"  #   {example}" for example in suggestion.examples]
        lines.append("")
    return "\n".join(lines)


_PLAIN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640 .'-]+")


def _scalar(value: str) -> str:
    """A YAML scalar: plain when safe, else a JSON string (valid YAML)."""
    if _PLAIN.fullmatch(value) and not value[0] in "-.'" and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)
