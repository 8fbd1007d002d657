"""Cleaning rules as data: built-in defaults (default_rules.yaml) plus a site's boilerplate.yaml.

A new news source is a data change: its cut markers, drop patterns, section and source labels
go in content/data/boilerplate.yaml. This module reads both files, checks their shape and
compiles them once into ``Rules``; bad site rules raise ``RulesError`` naming the file and
what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import regex
import yaml

from .matching import fold, line_key

DEFAULT_RULES_PATH = Path(__file__).with_name("default_rules.yaml")

# Keys holding a plain list of strings compared by line key (folded, punctuation ignored).
_KEY_LISTS = ("cut_markers", "section_labels", "not_source_labels", "caption_credits")
# Keys holding {reason: [strings]} or {reason: [regexes]}.
_REASON_MAPS = ("drop_lines", "drop_patterns", "strip_prefixes", "strip_suffixes", "tail_patterns")
# Keys holding a plain list of regexes.
_PATTERN_LISTS = ("section_patterns", "title_time_phrases", "title_attributions")
_OTHER = ("source_labels", "weekdays")
KNOWN_KEYS = _KEY_LISTS + _REASON_MAPS + _PATTERN_LISTS + _OTHER

_REASON_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_BACKREF = re.compile(r"\\\d|\(\?P=")


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and says what to fix."""


# A curator's pattern can backtrack without end («(a|aa)+$» on a long run of «a»), so site
# patterns run on the ``regex`` module with a time limit per call; the built-in ones are
# reviewed, covered by tests/robustness/test_linear_time.py, and stay on ``re``. Legitimate
# patterns take well under 10 ms on a 1 MB line; a 20 MB line can take seconds.
PATTERN_TIMEOUT = 1.0


class BoundedPattern:
    """A site pattern with the ``re.Pattern`` calls the cleaning passes make, each limited
    to PATTERN_TIMEOUT. A call that runs out counts as no match, the pattern is not used
    again (a bad pattern costs one time limit per process, not one per line) and a warning
    naming the file and the pattern goes to ``warnings`` (``Rules.warnings``)."""

    def __init__(self, compiled: regex.Pattern, where: str, warnings: list[str]):
        self._compiled = compiled
        self.pattern = compiled.pattern
        self.where = where  # "boilerplate.yaml: 'drop_patterns.x' pattern '…'"
        self.timed_out = False
        self._warnings = warnings

    def search(self, text: str, pos: int = 0):
        return self._call(self._compiled.search, text, pos)

    def match(self, text: str, pos: int = 0):
        return self._call(self._compiled.match, text, pos)

    def finditer(self, text: str, pos: int = 0):
        return iter(self._call(lambda t, p, timeout: list(self._compiled.finditer(t, p, timeout=timeout)),
                               text, pos) or ())

    def _call(self, method, text: str, pos: int):
        if self.timed_out:
            return None
        try:
            return method(text, pos, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            self.timed_out = True
            self._warnings.append(
                f"{self.where} took over {PATTERN_TIMEOUT:g} s on a {len(text)}-character line and is not "
                f"used for the rest of this build; simplify it (a repetition inside a repetition, such as "
                f"(a|aa)+ or (\\S+ ?)+, can backtrack without end)")
            return None


@dataclass
class Rules:
    cut_markers: set[str] = field(default_factory=set)                  # line keys
    drop_lines: dict[str, str] = field(default_factory=dict)            # line key -> reason
    drop_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)
    strip_prefixes: list[tuple[re.Pattern, str]] = field(default_factory=list)
    strip_suffixes: list[tuple[re.Pattern, str]] = field(default_factory=list)
    tail_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)
    section_labels: set[str] = field(default_factory=set)
    section_patterns: list[re.Pattern] = field(default_factory=list)
    source_labels: dict[str, str] = field(default_factory=dict)         # line key -> name as written
    not_source_labels: set[str] = field(default_factory=set)
    caption_credits: set[str] = field(default_factory=set)
    title_time_phrases: list[re.Pattern] = field(default_factory=list)
    title_attributions: list[re.Pattern] = field(default_factory=list)
    weekdays: list[str] = field(default_factory=list)                   # folded
    sources: list[str] = field(default_factory=list)                    # files read, for messages
    warnings: list[str] = field(default_factory=list)   # site patterns that timed out (clean_article takes them)
    _gates: dict = field(default_factory=dict, repr=False, compare=False)

    def first(self, key: str, texts: tuple[str, ...], anchored: bool = False):
        """The first (pattern, reason) of the list ``key`` that finds one of ``texts``
        (``anchored``: matches at its start), or None. Same answer as trying each pattern
        in order; but most lines match none, and a few cheap pre-checks of the list's
        patterns (the texts they must start with or hold, one alternation of the rest) tell
        so instead of one call per pattern (a site pattern's call alone costs more than a
        built-in one's, for its time limit)."""
        patterns = getattr(self, key)
        cached = self._gates.get(key)
        if cached is None or cached[0] != len(patterns):
            cached = self._gates_of(key, patterns)
        gates = cached[1]
        if gates is not None and not self._gates_hit(key, gates, texts, anchored):
            tried = cached[2]  # only patterns outside the pre-checks can still match
        else:
            tried = cached[3]
        for entry, pattern, starts, holds in tried:
            # A pattern whose own pre-check fails cannot match: skipped without a call.
            if starts is not None and not any(text.startswith(starts) for text in texts):
                continue
            if holds is not None and not any(literal in text for text in texts for literal in holds):
                continue
            test = pattern.match if anchored else pattern.search
            for text in texts:
                if test(text) is not None:
                    return entry
        return None

    def misses(self, key: str, items: list[tuple[str, ...]], anchored: bool = False,
               folded_first: bool = False) -> list[bool]:
        """For each texts tuple of ``items``, True when ``first(key, texts, anchored)`` is
        certainly None (False: ask ``first``). One call per pass instead of one per line (the
        call's fixed cost was most of its cost, for the many lines that match nothing). Only
        the side-effect-free pre-checks run here (literals, built-in alternations), so asking
        ``first`` afterwards for the lines left gives the same answers, warnings and all.
        ``folded_first``: each item is (fold(text), text); a literal that folding leaves as it
        is and that ``text`` holds is then in fold(text) too, so ``text`` is not searched for it."""
        patterns = getattr(self, key)
        cached = self._gates.get(key)
        if cached is None or cached[0] != len(patterns):
            cached = self._gates_of(key, patterns)
        gates = cached[1]
        if gates is None or cached[2] or any(bounded for _, _, bounded, _ in gates[2]):
            return [False] * len(items)  # patterns outside the pre-checks or with a time limit
        starts, holds, alternations = gates
        tests = [(gate.match if at_start or anchored else gate.search, chars)
                 for gate, at_start, _, chars in alternations]
        # The literals still to look for in the texts after the first (all, unless folded_first).
        later_starts, later_holds = starts, holds
        if folded_first:
            stable = self._gates.get(("fold_stable", key))
            if stable is None or stable[0] is not gates:
                stable = self._gates[("fold_stable", key)] = (
                    gates, tuple(s for s in starts if not _fold_stable(s)),
                    tuple(h for h in holds if not _fold_stable(h)))
            later_starts, later_holds = stable[1], stable[2]
        out = []
        for texts in items:
            miss = True
            first_text = True
            for text in texts:
                text_starts, text_holds = (starts, holds) if first_text else (later_starts, later_holds)
                first_text = False
                if text_starts and text.startswith(text_starts):
                    miss = False
                    break
                for literal in text_holds:
                    if literal in text:
                        miss = False
                        break
                if not miss:
                    break
                for test, chars in tests:
                    if (chars is None or any(c in text for c in chars)) and test(text) is not None:
                        miss = False
                        break
                if not miss:
                    break
            out.append(miss)
        return out

    def listed_words(self) -> int:
        """The most words in a listed line key (cut markers, drop lines): a longer line is
        none of them, whatever its key."""
        sizes = (len(self.cut_markers), len(self.drop_lines))
        cached = self._gates.get("listed_words")
        if cached is None or cached[0] != sizes:
            most = max((len(k.split()) for k in (*self.cut_markers, *self.drop_lines)), default=0)
            cached = self._gates["listed_words"] = (sizes, most)
        return cached[1]

    def source_last_words(self) -> frozenset[str]:
        """The last word of every known source's key: a text whose key ends otherwise names
        no source, whatever stands before."""
        cached = self._gates.get("source_last_words")
        if cached is None or cached[0] != len(self.source_labels):
            last = frozenset(key.rsplit(" ", 1)[-1] for key in self.source_labels if key)
            cached = self._gates["source_last_words"] = (len(self.source_labels), last)
        return cached[1]

    def _gates_hit(self, key: str, gates: tuple, texts: tuple[str, ...], anchored: bool) -> bool:
        starts, holds, alternations = gates
        for text in texts:
            if starts and text.startswith(starts):
                return True
            for literal in holds:
                if literal in text:
                    return True
        if not alternations:
            return False
        try:
            for gate, at_start, bounded, chars in alternations:
                test = gate.match if at_start or anchored else gate.search
                for text in texts:
                    if chars is not None and not any(c in text for c in chars):
                        continue  # holds none of the characters every match holds one of
                    if (test(text, timeout=PATTERN_TIMEOUT) if bounded else test(text)) is not None:
                        return True
        except TimeoutError:
            # A site pattern backtracks: from now on each pattern is tried alone, so the one
            # at fault times out once more, is switched off and named in a warning.
            patterns = getattr(self, key)
            alone = [(entry, entry[0] if isinstance(entry, tuple) else entry, None, None) for entry in patterns]
            self._gates[key] = (len(patterns), None, alone, alone)
            return True
        return False

    def _gates_of(self, key: str, patterns: list) -> tuple:
        """(length of the list, pre-checks or None, patterns left out of them, every pattern),
        patterns as (entry, pattern, texts it must start with, texts one of which it holds).
        The pre-checks are (the texts some pattern must start with, the texts one of which
        some pattern's every match holds, [(alternation of the rest, matches at the start
        only, is a site one)])."""
        groups: dict[tuple[bool, bool], list[str]] = {}
        starts: list[str] = []
        holds: list[str] = []
        always, every = [], []
        for entry in patterns:
            pattern = entry[0] if isinstance(entry, tuple) else entry
            source = pattern.pattern
            bounded = isinstance(pattern, BoundedPattern)
            if _BACKREF.search(source) or not (bounded or isinstance(pattern, re.Pattern)):
                # A back-reference would point at another group inside an alternation.
                always.append((entry, pattern, None, None))
                every.append(always[-1])
                continue
            # A line that does not open with one of the words a pattern starts with, or does
            # not hold a word every match of it holds, is skipped without a regex call (most
            # lines, and each call of a site pattern pays for its time limit).
            pattern_starts = literal_starts(source)
            needed = None if pattern_starts else required_literals(source)
            every.append((entry, pattern, pattern_starts, needed))
            if pattern_starts:
                starts.extend(pattern_starts)
            elif needed:
                holds.extend(needed)
            else:
                groups.setdefault((bounded, starts_anchored(source)), []).append(source)
        alternations: list = []
        try:
            for (bounded, at_start), sources in groups.items():
                joined = "|".join(f"(?:{p})" for p in sources)
                # A search through a long line: skipped when it holds none of the characters
                # every match must hold one of (the check is cheaper than the search).
                chars = None if bounded or at_start else needed_chars(sources)
                alternations.append((regex.compile(joined, regex.IGNORECASE) if bounded
                                     else re.compile(joined, re.IGNORECASE), at_start, bounded, chars))
            # A literal holding another is redundant: the shorter one is found wherever it is.
            holds = [h for h in dict.fromkeys(holds) if not any(o != h and o in h for o in holds)]
            gates = (tuple(dict.fromkeys(starts)), tuple(holds), alternations)
        except (re.error, regex.error):  # e.g. inline flags: each pattern is tried in turn
            gates = None
            always = every = [(entry, entry[0] if isinstance(entry, tuple) else entry, None, None)
                              for entry in patterns]
        cached = self._gates[key] = (len(patterns), gates, always, every)
        return cached

_META = set("\\.^$*+?{}[]()|")


def _fold_stable(literal: str) -> bool:
    """Whether folding leaves every character of ``literal`` as it is (then a text holding
    it, or starting with it, folds to a text that does too)."""
    return all(fold(ch) == ch for ch in literal)


def literal_starts(source: str) -> tuple[str, ...] | None:
    """Texts one of which every match of an anchored pattern begins with: «^اقرا في X» ->
    («اقرا في X»,), «^(شارك|شاركها) عبر» -> («شارك», «شاركها»); None when not worked out.
    Only uncased letters (Arabic, digits, spaces), where ignoring case changes nothing."""
    if not starts_anchored(source):
        return None
    rest = source[1:]
    if rest.startswith("(") and not rest.startswith("(?"):
        close = rest.find(")")
        inner = rest[1:close]
        if close < 0 or "(" in inner or rest[close + 1:close + 2] in ("?", "*", "{"):
            return None
        starts = tuple(inner.split("|"))
    else:
        literal = ""
        for i, ch in enumerate(rest):
            if ch in _META:
                if ch in "?*{":
                    literal = literal[:-1]  # the last character may be absent
                break
            literal += ch
        starts = (literal,)
    if not all(starts) or any(ch in _META or ch.lower() != ch.upper() for s in starts for ch in s):
        return None
    return starts


def required_literal(source: str) -> str | None:
    """The longest run of uncased literal characters outside groups, brackets and
    repetitions: every match holds it («\\s*سمات( \\S+){1,8}$» -> «سمات»). None when the
    pattern has a «|» outside groups, inline flags, or no such run."""
    if re.search(r"\(\?[a-zA-Z]*x", source):
        return None  # verbose: spaces are not literal
    best, run, depth, i, in_class = "", "", 0, 0, False
    while i < len(source):
        ch = source[i]
        literal = False
        if ch == "\\":
            i = _escape_end(source, i)
        elif ch == "{" and not in_class:
            close = source.find("}", i)
            i = len(source) if close < 0 else close + 1  # a repetition count, not text
        elif in_class:
            in_class = ch != "]"
            i += 1
        elif ch == "[":
            in_class = True
            i += 2 if source[i + 1:i + 2] == "]" else 3 if source[i + 1:i + 3] == "^]" else 1
        else:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "|" and depth == 0:
                return None
            literal = depth == 0 and ch not in _META and ch.lower() == ch.upper()
            i += 1
        if literal:
            if source[i:i + 1] in ("?", "*", "{"):
                literal = False  # the character may be absent
        if literal:
            run += ch
            continue
        best = max(best, run, key=len)
        run = ""
    best = max(best, run, key=len)
    return best or None


def required_literals(source: str, shortest: int = 3) -> tuple[str, ...] | None:
    """Texts one of which every match holds: a run of uncased literal characters outside
    groups («\\s*سمات( \\S+){1,8}$» -> («سمات»,)) or a group of plain alternatives
    («(تطبيق|التطبيق)» -> both), the set whose shortest text is longest; for «a|b», the sets
    of both. None when a part has no such set of at least ``shortest`` characters (a short
    one is in most lines), or for a verbose pattern (spaces are not literal)."""
    if re.search(r"\(\?[a-zA-Z]*x", source):
        return None
    found: list[str] = []
    for branch in _top_branches(source):
        best = max(_literal_sets(branch), key=lambda s: (min(map(len, s)), -len(s)), default=None)
        if best is None or min(map(len, best)) < shortest:
            return None
        found.extend(best)
    return tuple(dict.fromkeys(found)) or None


# The characters re.IGNORECASE matches with each ASCII letter (tests check it against re).
_IGNORECASE_EQUIVALENTS = {c: c + c.upper() + {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}.get(c, "")
                           for c in "abcdefghijklmnopqrstuvwxyz"}


def _ignorecase_class(ch: str) -> str | None:
    """The characters an re.IGNORECASE pattern's literal ``ch`` matches; None when not known
    here (a cased letter outside ASCII)."""
    if ch.lower() == ch.upper():
        return ch
    return _IGNORECASE_EQUIVALENTS.get(ch.lower()) if ch.isascii() else None


def needed_chars(sources: list[str]) -> str | None:
    """Characters one of which every match of any of ``sources`` (re, IGNORECASE) holds: from
    each its texts one of which every match holds (ASCII letters allowed), their first
    characters in every case; «\\bsms\\b» -> «sSſ». None when a source has no such texts or
    for a verbose pattern."""
    chars: dict[str, None] = {}
    for source in sources:
        if re.search(r"\(\?[a-zA-Z]*x", source):
            return None
        for branch in _top_branches(source):
            sets = _literal_sets(branch, ascii_cased=True)
            if not sets:
                return None
            for text in min(sets, key=len):  # the fewest texts: the fewest characters to look for
                found = _ignorecase_class(text[0])
                if found is None:
                    return None
                chars.update(dict.fromkeys(found))
    return "".join(chars) or None


def _top_branches(source: str) -> list[str]:
    """``source`` split at its «|» outside groups and brackets."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i = _escape_end(source, i)
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if source[i + 1:i + 2] == "]" else 3 if source[i + 1:i + 3] == "^]" else 1
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(source[start:i])
            start = i + 1
        i += 1
    branches.append(source[start:])
    return branches


def _group_end(source: str, i: int) -> int:
    """Index of the «)» closing the group opened at ``i`` (len(source) if none)."""
    depth, in_class = 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i = _escape_end(source, i)
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if source[i + 1:i + 2] == "]" else 3 if source[i + 1:i + 3] == "^]" else 1
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(source)


def _bracket_end(source: str, i: int) -> int:
    """Index after the bracket expression opened at ``i`` («[]…]», «[^]…]» hold a «]»)."""
    j = i + 1
    j += source[j:j + 1] == "^"
    j += source[j:j + 1] == "]"
    while j < len(source):
        if source[j] == "\\":
            j = _escape_end(source, j)
        elif source[j] == "]":
            return j + 1
        else:
            j += 1
    return len(source)


def _literal_sets(branch: str, ascii_cased: bool = False) -> list[tuple[str, ...]]:
    """The sets of one branch (no «|» outside groups) every match holds one text of, in
    uncased characters (``ascii_cased``: ASCII letters too, matched in either case)."""
    def plain(ch: str) -> bool:
        return ch not in _META and (ch.lower() == ch.upper() or ascii_cased and ch.isascii() and ch.isalpha())

    sets, run, i, in_class = [], "", 0, False
    while i < len(branch):
        ch = branch[i]
        literal = False
        if ch == "\\":
            i = _escape_end(branch, i)
        elif ch == "{":
            close = branch.find("}", i)
            i = len(branch) if close < 0 else close + 1  # a repetition count, not text
        elif ch == "[":
            i = _bracket_end(branch, i)
        elif ch == "(":
            close = _group_end(branch, i)
            inner = branch[i + 1:close]
            i = close + 1
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?P<"):
                inner = inner[inner.find(">") + 1:]
            elif inner.startswith("?"):
                inner = ""  # a look-around or flags: nothing the match must hold
            options = inner.split("|")
            if (inner and branch[i:i + 1] not in ("?", "*", "{") and all(options)
                    and all(plain(c) for c in inner.replace("|", ""))):
                sets.append(tuple(options))
        else:
            literal = plain(ch)
            i += 1
            if literal and branch[i:i + 1] in ("?", "*", "{"):
                literal = False  # the character may be absent
        if literal:
            run += ch
            continue
        if run:
            sets.append((run,))
        run = ""
    if run:
        sets.append((run,))
    return sets


def _escape_end(source: str, i: int) -> int:
    """Index after the escape at ``i`` («\\s», «\\x41», «\\u0627», «\\N{…}», «\\12»)."""
    kind = source[i + 1:i + 2]
    if kind == "N" and source[i + 2:i + 3] == "{":
        close = source.find("}", i)
        return len(source) if close < 0 else close + 1
    width = {"x": 2, "u": 4, "U": 8}.get(kind)
    if width:
        return i + 2 + width
    end = i + 2
    while kind.isdigit() and end < len(source) and source[end].isdigit():
        end += 1
    return end


def starts_anchored(source: str) -> bool:
    """Whether a pattern can only match at the start of the text: it opens with «^» and has
    no «|» outside brackets and groups (``^a|b`` finds «b» anywhere)."""
    if not source.startswith("^"):
        return False
    depth, i, in_class = 0, 1, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1:i + 2] == "]" or source[i + 1:i + 3] == "^]":
                i += 2 if source[i + 1] == "]" else 3  # «[]…]», «[^]…]»: the «]» is a member
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


def load_rules(site_rules_path: str | Path | None) -> Rules:
    """Defaults from default_rules.yaml, extended by the site's boilerplate.yaml if given."""
    rules = Rules()
    raw_default = _read_yaml(DEFAULT_RULES_PATH)
    weekdays = [fold(w) for w in raw_default.get("weekdays", [])]
    _extend(rules, raw_default, DEFAULT_RULES_PATH, weekdays)
    if site_rules_path is not None:
        path = Path(site_rules_path)
        _extend(rules, _read_yaml(path), path, weekdays, bounded=True)
    rules.weekdays = weekdays
    return rules


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"{path}: cannot be read ({err.strerror}); check the path") from None
    except UnicodeDecodeError:
        raise RulesError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        where = ""
        mark = getattr(err, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise RulesError(f"{path}: invalid YAML{where} ({problem}); fix the syntax "
                         f"(quote patterns that contain ':' or start with a special character)") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}: must be a mapping of rule lists (cut_markers:, drop_patterns:, …), "
                         f"not a {type(data).__name__}")
    unknown = sorted(str(k) for k in data if k not in KNOWN_KEYS)
    if unknown:
        raise RulesError(f"{path}: unknown key(s) {', '.join(unknown)}; known keys are "
                         f"{', '.join(KNOWN_KEYS)}")
    return data


def _strings(value, path: Path, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise RulesError(f"{path}: '{key}' must be a list of texts (one '- item' per line)")
    return [str(v) for v in value if str(v).strip()]


def _reason_map(value, path: Path, key: str) -> list[tuple[str, list[str]]]:
    """{reason: [items]}; a bare list is accepted and filed under a default reason."""
    default_reason = {"drop_lines": "site_junk", "drop_patterns": "site_junk",
                      "strip_prefixes": "site_junk", "strip_suffixes": "site_junk",
                      "tail_patterns": "tag_line"}[key]
    if value is None:
        return []
    if isinstance(value, list):
        return [(default_reason, _strings(value, path, key))]
    if not isinstance(value, dict):
        raise RulesError(f"{path}: '{key}' must map a reason (snake_case) to a list, "
                         f"e.g. '{key}:\\n  read_more_ad:\\n    - ...'")
    out = []
    for reason, items in value.items():
        if not isinstance(reason, str) or not _REASON_NAME.match(reason):
            raise RulesError(f"{path}: '{key}' reason '{reason}' must be a snake_case name "
                             f"such as read_more_ad")
        out.append((reason, _strings(items, path, f"{key}.{reason}")))
    return out


def _compile(pattern: str, path: Path, key: str, weekdays: list[str],
             bounded_into: Rules | None = None) -> re.Pattern | BoundedPattern:
    source = pattern.replace("{weekday}", "|".join(weekdays)) if weekdays else pattern
    try:
        if bounded_into is not None:
            return BoundedPattern(regex.compile(source, regex.IGNORECASE),
                                  f"{path.name}: '{key}' pattern {pattern!r}", bounded_into.warnings)
        return re.compile(source, re.IGNORECASE)
    except (re.error, regex.error) as err:
        raise RulesError(f"{path}: '{key}' pattern {pattern!r} is not a valid regular expression "
                         f"({err}); fix or quote it") from None


def _extend(rules: Rules, data: dict, path: Path, weekdays: list[str], bounded: bool = False) -> None:
    rules.sources.append(str(path))
    into = rules if bounded else None
    for key in _KEY_LISTS:
        getattr(rules, key).update(line_key(s) for s in _strings(data.get(key), path, key))
    for key in _PATTERN_LISTS:
        getattr(rules, key).extend(_compile(p, path, key, weekdays, into) for p in _strings(data.get(key), path, key))
    for reason, items in _reason_map(data.get("drop_lines"), path, "drop_lines"):
        rules.drop_lines.update((line_key(s), reason) for s in items)
    for key in ("drop_patterns", "strip_prefixes", "strip_suffixes", "tail_patterns"):
        for reason, items in _reason_map(data.get(key), path, key):
            getattr(rules, key).extend((_compile(p, path, f"{key}.{reason}", weekdays, into), reason) for p in items)
    for name in _strings(data.get("source_labels"), path, "source_labels"):
        rules.source_labels[line_key(name)] = name.strip()
    rules.cut_markers.discard("")
    rules.drop_lines.pop("", None)
