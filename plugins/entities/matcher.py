"""Finding gazetteer names in a text.

Speed matters (thousands of articles per second), so a text is normalised once, split into
words once, and each word costs one dict look-up: every name's first word is indexed under
all its written forms with attached clitics (و ف ب ل ك, ال, لل), checked against
``plugins.arabic.clitic_variants`` so the two can never disagree. Only when a first word hits
are the following words compared. Names are whole words only: «الأسدي» is not «الأسد», and
no stemming is done on names.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress, islice
from operator import itemgetter
from typing import Iterable, NamedTuple

from ..arabic import clitic_variants, normalize, normalize_keep_offsets
from ..arabic.text import OFFSET_FILLER
from .model import Entity
from .titles import INSTITUTION_HEADS, MAX_MODIFIERS, TITLE_MODIFIERS, TITLES_BY_KIND

# The word characters of ``plugins.arabic.tokens`` (letters, digits, inner diacritics,
# tatweel, the offset filler); underscores are turned into spaces first, as tokens() splits them.
_WORD_CHARS = "\\w\u0610-\u061a\u064b-\u065f\u0670\u0640\u0000"
# (separator before the word, the word): keeping separators lets offsets be rebuilt cheaply.
# The word may be empty, which happens only at the very end (a trailing separator run):
# with «+» a run of punctuation that no word follows was rescanned from each of its positions.
# The Arabic letters are listed first in both classes: most characters of a text are one, and
# a range test answers before the \w one (a tenth of the split). The same set of characters:
# the range is used only if every character in it is a word character.
_ARABIC_LETTERS = "\u0621-\u064a"
if not all(re.fullmatch(f"[{_WORD_CHARS}]", chr(c)) for c in range(0x621, 0x64b)):
    _ARABIC_LETTERS = ""
_PIECE = re.compile(f"([^{_ARABIC_LETTERS}{_WORD_CHARS}]*)([{_ARABIC_LETTERS}{_WORD_CHARS}]*)")
# Separators allowed inside a name: spaces only (no comma, no line break).
_SPACES = " \t\u00a0"
# Separator allowed between a title and the name: spaces, or a comma with spaces.
_TITLE_GAP = re.compile("[ \t\u00a0]*[،,]?[ \t\u00a0]*")

_JOINER = "\x01"  # not a word character
_END = None  # trie key of "a name ends here" (never a word)
_CONJUNCTIONS = ("", "و", "ف")
_PREFIXES = tuple(c + p for c in _CONJUNCTIONS for p in ("", "ب", "ل", "ك"))


def name_key(form: str) -> tuple[str, ...]:
    """The normalised word sequence of a name: what it is matched and compared by."""
    return tuple(word for _, word in _pieces(normalize(form).replace("_", " ")))


def _pieces(norm: str) -> list[tuple[str, str]]:
    """(separator, word) pairs of ``norm``, each word non-empty (the trailing run is dropped)."""
    pieces = _PIECE.findall(norm)
    while pieces and not pieces[-1][1]:
        pieces.pop()
    return pieces


def split_words(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(separator, word) pieces of the offset-keeping normalised text, and the bare words."""
    norm = normalize_keep_offsets(text)
    if "_" in norm:
        norm = norm.replace("_", " ")
    pieces = _pieces(norm)
    words = list(map(itemgetter(1), pieces))
    if OFFSET_FILLER in norm:
        _drop_fillers(words)
    return pieces, words


def _drop_fillers(words: list[str]) -> None:
    """OFFSET_FILLER taken out of the few words that hold one, in place. They are found in
    the words joined by a character no word holds, their index counted from the joiners
    between one and the next: splitting the joined text again made a new string of every
    word (a fifth of finding names, for the many texts with a diacritic somewhere)."""
    joined = _JOINER.join(words)
    pos = joined.find(OFFSET_FILLER)
    index = last = 0
    while pos >= 0:
        index += joined.count(_JOINER, last, pos)
        last = pos
        words[index] = words[index].replace(OFFSET_FILLER, "")
        pos = joined.find(_JOINER, pos)  # on to the next word
        if pos < 0:
            break
        pos = joined.find(OFFSET_FILLER, pos)


def word_offsets(pieces: list[tuple[str, str]]) -> list[int]:
    """Cumulative lengths: word i spans [cum[2i], cum[2i+1]) in the text."""
    return list(accumulate(map(len, chain.from_iterable(pieces))))


def word_spans(pieces: list[tuple[str, str]], hits: list["Hit"]) -> list[tuple[int, int]]:
    """(start, end) in the text of each hit (in text order, not overlapping): the pieces'
    lengths summed up to each bound only, without a list of every word's offset."""
    lengths = map(len, chain.from_iterable(pieces))
    total, taken = 0, 0  # total: the sum of the first ``taken`` lengths

    def through(k: int) -> int:  # the sum of lengths[0..k]
        nonlocal total, taken
        total += sum(islice(lengths, k + 1 - taken))
        taken = k + 1
        return total
    return [(through(2 * hit.first) + hit.cut, through(2 * hit.end - 1)) for hit in hits]


def written_forms(stem: str) -> list[tuple[str, int]]:
    """Every way ``stem`` (a normalised word) is written with proclitics, with the number of
    leading characters that are clitics; kept only where clitic_variants agrees."""
    candidates = [p + stem for p in _PREFIXES]
    if stem.startswith("ال") and len(stem) > 3:  # لل = ل + ال, alef dropped in writing
        candidates += [c + "ل" + stem[1:] for c in _CONJUNCTIONS]
    out = []
    for surface in candidates:
        for variant, cut in clitic_variants(surface):
            if variant == stem:
                out.append((surface, cut))
                break
    return out


class Hit(NamedTuple):
    first: int  # index of the first word
    end: int  # index after the last word
    cut: int  # clitic characters at the start of the first word
    entity_id: str


class NameMatcher:
    """Index of every name form of a set of entities; ``hits`` finds them in a text."""

    def __init__(self, entities: Iterable[Entity]):
        self._kind: dict[str, str] = {}
        self._roles: dict[str, frozenset] = {}  # entity id -> its roles, as name keys
        self._generic_titles = {
            kind: frozenset(key for key in map(name_key, titles) if key) for kind, titles in TITLES_BY_KIND.items()
        }
        forms: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
        for entity in entities:
            self._kind[entity.id] = entity.kind
            self._roles[entity.id] = frozenset(key for key in map(name_key, entity.roles) if key)
            names = [(n, True) for n in [entity.name, *entity.aliases]]
            names += [(n, False) for n in entity.weak_aliases]
            for form, strong in names:
                key = name_key(form)
                if key:
                    _add_form(forms, key, entity.id, strong)
        all_titles = [*self._generic_titles.values(), *self._roles.values()]
        self._title_lengths = sorted({len(k) for keys in all_titles for k in keys}, reverse=True)
        self._modifiers = frozenset(map(normalize, TITLE_MODIFIERS))
        self._institution_heads = frozenset(map(normalize, INSTITUTION_HEADS))
        self._person_titles = frozenset(k[0] for k in self._generic_titles.get("person", ()) if len(k) == 1)

        # A trie of names by their words after the first; _END holds the entities of a name
        # that ends at that node. Indexed under every written form of the first word:
        # surface word -> [(clitic cut, trie node)]
        tries: dict[str, dict] = {}
        for key, targets in forms.items():
            node = tries.setdefault(key[0], {})
            for word in key[1:]:
                node = node.setdefault(word, {})
            node[_END] = tuple(targets)
        self._surface: dict[str, list] = {}
        for stem, node in tries.items():
            for surface, cut in written_forms(stem):
                self._surface.setdefault(surface, []).append((cut, node))

    # --- finding ----------------------------------------------------------------------

    def hits(self, pieces: list[tuple[str, str]], words: list[str]) -> list[Hit]:
        """Accepted mentions as word spans, in text order."""
        candidates = self.candidates(pieces, words)
        if not candidates:
            return []
        chosen = _longest_first(candidates, len(words))
        strong_ids = {targets[0][0] for _, _, _, targets in chosen if targets[0][1]}
        out = []
        for first, end, cut, targets in chosen:
            if self._kind[targets[0][0]] == "person" and self._names_a_place(pieces, words, first, cut):
                continue  # «مستشفى الملك …»: the hospital, not the person
            if targets[0][1]:
                out.append(Hit(first, end, cut, targets[0][0]))
                continue
            entity_id = self._resolve_weak(targets, strong_ids, pieces, words, first, cut)
            if entity_id:
                out.append(Hit(first, end, cut, entity_id))
        return out

    def candidates(self, pieces, words) -> list[tuple]:
        """Every name found at every word: (first, end, cut, targets), overlaps included."""
        found = []
        count = len(words)
        # Most words start no name: the look-ups and the choice of the words that do run in C
        # (a Python loop over every word cost a quarter of finding names).
        looked_up = list(map(self._surface.get, words))
        for i in compress(range(count), looked_up):
            for cut, node in looked_up[i]:
                end = i + 1
                while True:
                    targets = node.get(_END)
                    if targets:
                        found.append((i, end, cut, targets))
                    if end == count:
                        break
                    node = node.get(words[end])
                    gap = pieces[end][0]
                    if node is None or (gap != " " and gap.strip(_SPACES)):
                        break
                    end += 1
        return found

    def _resolve_weak(self, targets, strong_ids, pieces, words, first, cut) -> str | None:
        """A weak alias counts for the one entity named strongly in the same text, else for
        the one entity whose title stands right before it; otherwise not at all."""
        named = [eid for eid, _ in targets if eid in strong_ids]
        if len(named) == 1:
            return named[0]
        if named or cut:  # ambiguous, or a clitic («والأسد») where a title would have to touch it
            return None
        titled = [eid for eid, _ in targets if self._title_before(pieces, words, first, eid)]
        return titled[0] if len(titled) == 1 else None

    def _title_before(self, pieces, words, index, entity_id) -> bool:
        """A generic title of the entity's kind or one of its roles ends right before word
        ``index``, maybe followed by adjectives («الرئيس السوري الانتقالي الشرع»)."""
        generic = self._generic_titles.get(self._kind[entity_id], frozenset())
        roles = self._roles[entity_id]
        if not _TITLE_GAP.fullmatch(pieces[index][0]):
            return False
        end = index  # the title ends at word end-1
        for _ in range(MAX_MODIFIERS + 1):
            for size in self._title_lengths:
                start = end - size
                if start < 0 or not _contiguous(pieces, start + 1, end):
                    continue
                rest = tuple(words[start + 1:end])
                for stem, _ in clitic_variants(words[start]):
                    key = (stem, *rest)
                    if key in generic or key in roles:
                        return True
            if end < 1 or not self._is_modifier(words[end - 1]) or not _contiguous(pieces, end - 1, end):
                return False
            end -= 1
        return False

    def _names_a_place(self, pieces, words, first: int, cut: int) -> bool:
        """An institution noun stands right before the name, maybe with titles between
        («مستشفى الملك …», «جائزة الأمير …», «بمركز الشيخ …»)."""
        if cut:
            return False  # «ومحمد بن سلمان»: a clitic starts a new phrase
        index = first
        for _ in range(3):  # the name, then up to two titles before it
            if index < 1 or not _contiguous(pieces, index, index + 1):
                return False
            before = words[index - 1]
            stems = {stem for stem, _ in clitic_variants(before)} | {before}
            if stems & self._institution_heads:
                return True
            if not stems & self._person_titles:
                return False
            index -= 1
        return False

    def _is_modifier(self, word: str) -> bool:
        # nisba adjectives («السوري», «الروسية») or a listed modifier («السابق»)
        return (word.startswith("ال") and len(word) > 4 and word.endswith(("ي", "يه"))) or word in self._modifiers

    def kind_of(self, entity_id: str) -> str:
        return self._kind[entity_id]


def _add_form(forms: dict, key: tuple, entity_id: str, strong: bool) -> None:
    """First strong owner of a form wins (the loader warns about collisions); a weak form may
    be shared by several entities (الأسد: Bashar, Hafez) and is resolved per text."""
    targets = forms.get(key)
    if targets is None:
        forms[key] = [(entity_id, strong)]
        return
    for owner, owner_strong in targets:
        if owner == entity_id:
            if strong and not owner_strong:  # the entity's own weak form made strong
                forms[key] = [(entity_id, True)]
            return
    if not strong and not any(s for _, s in targets):
        targets.append((entity_id, False))


def _contiguous(pieces, first: int, end: int) -> bool:
    """Words first-1 … end-1 are separated by spaces only."""
    for gap, _ in pieces[first:end]:
        if gap != " " and gap.strip(_SPACES):
            return False
    return True


def _longest_first(candidates: list[tuple], count: int) -> list[tuple]:
    """Non-overlapping candidates, the longest (in words) winning, then the leftmost."""
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(count)
    chosen = []
    for candidate in candidates:
        first, end = candidate[0], candidate[1]
        if any(taken[first:end]):
            continue
        taken[first:end] = b"\x01" * (end - first)
        chosen.append(candidate)
    chosen.sort()
    return chosen
