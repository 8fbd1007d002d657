"""The dates stage's shortcuts give the answers of the plain scans they replace: the trigger
trie finds what a longest-first alternation finds, month expressions are found where the
window scan found them, and the offset-keeping normalisation reuses the last text exactly."""

import re

import pytest

from plugins.arabic import normalize_keep_offsets
from plugins.arabic.text import _keep_offsets
from plugins.dates import patterns as P
from plugins.dates.core import find_date_mentions, parse_date_value
from plugins.dates.patterns import alternation

TEXTS = [
    "وصل الوفد يوم الخميس 12 أيار/مايو الماضي إلى العاصمة، وغادرها ليل الأربعاء الخميس.",
    "في 20 آب/أغسطس المقبل تنتهي المهلة، وفي شهر سبتمبر تبدأ المرحلة الثانية من العام الجاري.",
    "انعقد المؤتمر بين 21 يونيو و13 يوليو، ثم في كانون الأول الماضي، وفي تموز/يوليو تموز.",
    "بالأمس والعام الماضي وللعام المقبل، وصيف 2014، وقبل ثلاثة أيام، والطعام والشهرين.",
    "الثامن من كانون الثاني 2024 والحادي عشر من شهر رمضان 1445 هـ واليوم السبت.",
]
PUBLISHED = parse_date_value("2018-05-20")


@pytest.mark.parametrize("text", TEXTS)
def test_trigger_trie_finds_what_the_longest_first_alternation_finds(text):
    plain = re.compile(alternation(P.TRIGGER_FAMILIES))
    norm = normalize_keep_offsets(text)
    assert [m.span() for m in P.TRIGGER.finditer(norm)] == [m.span() for m in plain.finditer(norm)]


@pytest.mark.parametrize("text", TEXTS)
def test_month_expressions_are_found_as_the_window_scan_found_them(text, monkeypatch):
    found = [(m.text, m.value) for m in find_date_mentions(text, PUBLISHED)]
    from plugins.dates import mentions
    # Without the month shortcut: months go through the generic window scan of every family.
    original = mentions._candidates

    def plain(scanned, published, words=None):
        saved = dict(mentions.P.TRIGGER_FAMILIES)
        for word, family in saved.items():
            if family == "month":
                mentions.P.TRIGGER_FAMILIES[word] = "month_scan"
        try:
            return original(scanned, published, words)
        finally:
            mentions.P.TRIGGER_FAMILIES.update(saved)
    monkeypatch.setitem(mentions._FAMILY_JOBS, "month_scan", mentions._FAMILY_JOBS["month"])
    monkeypatch.setattr(mentions, "_candidates", plain)
    mentions.ScannedText._last = None
    assert [(m.text, m.value) for m in find_date_mentions(text, PUBLISHED)] == found


NEEDS_TEXTS = TEXTS + [
    "منتصف ليل السبت - الأحد، وليلة الخميس إلى الجمعة، والليل الأحد طويل.",
    "في 21 من الشهر الجاري والـ22 من هذا الشهر، ومنذ 3 أشهر وبعد يومين ومنذ عامين.",
    "الاثنين الماضي والشهر المقبل وقبل أسبوع من الانتخابات.",
]


@pytest.mark.parametrize("text", NEEDS_TEXTS)
def test_windows_without_a_needed_word_are_skipped_as_the_scan_would_find_nothing(text, monkeypatch):
    from plugins.dates import mentions
    found = [(m.text, m.value, m.start) for m in find_date_mentions(text, PUBLISHED)]
    assert any(needs for jobs in mentions._FAMILY_JOBS.values() for *_, needs in jobs)
    for family, jobs in list(mentions._FAMILY_JOBS.items()):
        monkeypatch.setitem(mentions._FAMILY_JOBS, family, tuple((*job[:4], None) for job in jobs))
    mentions.ScannedText._last = None
    assert [(m.text, m.value, m.start) for m in find_date_mentions(text, PUBLISHED)] == found


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_normalisation_reuses_the_last_text_exactly(text):
    title = "عنوانُ الخبرِ: ـالرئيس «يزور» A-B"
    normalize_keep_offsets(text)
    joined = title + "\n\n" + text
    assert normalize_keep_offsets(joined) == _keep_offsets(joined)
    assert normalize_keep_offsets(text) == _keep_offsets(text)
    assert len(normalize_keep_offsets(joined)) == len(joined)


def _prefixes(items, n=2):
    """Every way a match of parsed ``items`` can begin, up to ``n`` atoms: a tuple of single
    characters, or ("in", members) for a class or category, or ("other", op) for anything
    else (never listed by a look-ahead, so never covered)."""
    from re import _constants as C
    found = {()}
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        grown = set()
        for head in found:
            if len(head) >= n:
                grown.add(head)
                continue
            for tail in _element_prefixes(op, av, n - len(head)):
                grown.add(head + tail)
        found = grown
    return found


def _element_prefixes(op, av, n):
    from re import _constants as C
    if op is C.LITERAL:
        return {(chr(av),)}
    if op is C.IN:
        return {(("in", tuple((o, a) for o, a in av)),)}
    if op is C.SUBPATTERN:
        return _prefixes(av[3], n)
    if op is C.BRANCH:
        return set().union(*(_prefixes(alt, n) for alt in av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, body = av
        out = set()
        for times in range(low, min(high, n) + 1):
            out |= _prefixes(list(body) * times, n)
        if high > n:  # longer repeats begin like the n-fold one
            out |= _prefixes(list(body) * n, n)
        return out
    return {(("other", op),)}


def _covered(prefix, starts) -> bool:
    """Whether a look-ahead alternative (a literal text, or the digit category) admits every
    text beginning as ``prefix``."""
    from re import _constants as C
    for start in starts:
        if start == "\\d":
            if prefix and prefix[0] == ("in", ((C.CATEGORY, C.CATEGORY_DIGIT),)):
                return True
        elif len(prefix) >= len(start) and all(atom == char for atom, char in zip(prefix, start)):
            return True
    return False


@pytest.mark.parametrize("name", ["DAY_MONTH", "MONTH_ALONE", "HIJRI_DATE", "YEAR", "RELATIVE_DAY", "NIGHT_SPAN",
                                  "WEEKDAY_ALONE", "RELATIVE_PERIOD", "DAY_OF_MONTH", "SEASON", "PERIOD_AGO"])
def test_a_patterns_opening_look_ahead_lets_every_match_begin(name):
    # The look-ahead only skips positions faster: it must admit every way the rest can begin.
    source = getattr(P, name).pattern
    assert source.startswith("(?=")
    look_ahead = source[:source.index(")") + 1]
    starts = look_ahead[3:-1].split("|")
    from re import _parser
    begins = _prefixes(_parser.parse(source[len(look_ahead):]))
    assert () not in begins and all(len(b) == 2 or any(a[0] == "other" for a in b if isinstance(a, tuple)) for b in begins)
    missed = [b for b in begins if not _covered(b, starts)]
    assert not missed, missed[:5]


def test_a_year_with_its_era_suffix_is_still_found():
    # The «م» after a year is looked for before its pattern is tried (mentions._candidates).
    found = [(m.text, m.value) for m in find_date_mentions("تأسست 1990م، ثم 2014 ميلادي، و2015 مساء", PUBLISHED)]
    assert ("1990م", "1990") in found and ("2014 ميلادي", "2014") in found


@pytest.mark.parametrize("text", NEEDS_TEXTS)
def test_words_around_a_position_are_those_a_fresh_scan_gives_whatever_was_asked_before(text):
    from plugins.dates.scan import ScannedText
    asked = ScannedText(text)
    for pos in range(0, len(asked.norm) + 1, 7):
        for count in (1, 8, 3, 7):  # the interpreters ask one position for several counts
            assert asked.words_before(pos, count) == ScannedText(text).words_before(pos, count)
            assert asked.words_after(pos, count) == ScannedText(text).words_after(pos, count)
    words = asked.words_before(len(asked.norm), 2)
    words.append("x")  # a caller changing its list does not change the next answer
    assert asked.words_before(len(asked.norm), 2) == ScannedText(text).words_before(len(asked.norm), 2)


@pytest.mark.parametrize("spaces", [" ", "  ", "\n", " \t "])
def test_a_two_word_month_is_found_whatever_spaces_stand_between_its_words(spaces):
    found = [(m.text, m.value) for m in find_date_mentions(f"وقع ذلك في 8 كانون{spaces}الثاني 2024 في المدينة.",
                                                           PUBLISHED)]
    assert found == [(f"8 كانون{spaces}الثاني 2024", "2024-01-08")]


# --- trigger words ----------------------------------------------------------------------
# Triggers are looked up as whole words, with their proclitics, in the words of the text
# (mentions._triggers), not scanned for at every position. Where no word merely ends in a
# trigger, they are the triggers the trie scan finds.
WORD_TEXTS = [t for t in TEXTS if "والطعام" not in t] + [
    "وصل الوفد والخميس الماضي، وبـالأمس قال الوزير إن فالعام المقبل وللعام الجاري سيختلفان.",
    "عقد الاجتماع في 20تموز/ يوليو الجاري، على أن يبدأ التطبيق بعد 15يوما أو منذ 3أشهر.",
    "في إبريل وأبريل وإبريل 2017، والأربعاء والاربعاء وكالسبت، وكانون الثاني 2017 وربيع الأول.",
    "فبراير وفيفري وفي فبراير، ولليلة الخميس إلى الجمعة ذكرى، والشهر_الماضي واليومين.",
]


def _trie_triggers(norm):
    size = len(norm)
    return [(m.start(), m.end()) for m in P.TRIGGER.finditer(norm) if m.end() >= size or not norm[m.end()].isalnum()]


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_trigger_words_are_the_triggers_the_trie_scan_finds(text):
    from plugins.dates import mentions
    from plugins.dates.scan import ScannedText
    norm = ScannedText(text).norm
    runs = [m.span() for m in P.DIGIT_RUN.finditer(norm)]
    found = mentions._triggers(norm, P.WORD_NO_UNDERSCORE.findall(norm), runs)
    assert [(start, end) for start, end, _ in found] == _trie_triggers(norm)
    assert [family for *_, family in found] == [
        P.TRIGGER_FAMILIES[" ".join(norm[s:e].split())] for s, e in _trie_triggers(norm)]


def test_a_word_that_merely_ends_in_a_trigger_is_not_one():
    from plugins.dates import mentions
    from plugins.dates.scan import ScannedText
    norm = ScannedText("كان يمارس الرياضة والطعام لحسنه منذ 3 أيام").norm
    assert len(_trie_triggers(norm)) == 4  # مارس, عام, سنه, ايام: the trie scan took any word's end
    words = P.WORD_NO_UNDERSCORE.findall(norm)
    assert [norm[s:e] for s, e, _ in mentions._triggers(norm, words, [])] == ["ايام"]


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد والخميس الماضي إلى العاصمة.", [("الخميس الماضي", "2018-05-17")]),
    ("وبـالأمس قال الوزير", [("بـالأمس", "2018-05-19")]),  # «بـ» with its tatweel
    ("فالعام المقبل سيكون صعبا", [("العام المقبل", "2019")]),
    ("وفي شهر أيار الماضي", [("شهر أيار الماضي", "2017-05")]),
    ("الأربعاء 16 مايو والاربعاء 16 مايو", [("الأربعاء 16 مايو", "2018-05-16"), ("الاربعاء 16 مايو", "2018-05-16")]),
    ("في إبريل 2017 وأبريل 2016", [("إبريل 2017", "2017-04"), ("أبريل 2016", "2016-04")]),
    ("وكانون الثاني 2017", [("كانون الثاني 2017", "2017-01")]),
    ("عقد اجتماع في 14أيار/مايو", [("14أيار/مايو", "2018-05-14")]),  # a number glued to the month
    ("سيبدأ التطبيق بعد 15يوما", [("بعد 15يوما", "2018-06-04")]),
    ("كان يمارس الرياضة لحسنه", []),
])
def test_trigger_words_with_proclitics_hamza_forms_and_glued_numbers(text, expected):
    assert [(m.text, m.value) for m in find_date_mentions(text, PUBLISHED)] == expected


@pytest.mark.parametrize("text", WORD_TEXTS + TEXTS + NEEDS_TEXTS)
def test_the_title_and_body_words_enrich_shares_find_what_the_body_alone_finds(text):
    from plugins.entities.matcher import split_words
    from plugins.dates.scan import ScannedText
    alone = [(m.text, m.value, m.start) for m in find_date_mentions(text, PUBLISHED)]
    ScannedText._last = None
    _, words = split_words("في الخميس 12 مايو والعام الماضي\n\n" + text)  # the title's words are extra
    assert [(m.text, m.value, m.start) for m in find_date_mentions(text, PUBLISHED, words)] == alone


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_normalisation_of_a_body_after_its_title_reuses_the_tail(text):
    joined = "عنوانُ الخبرِ: ـالرئيس «يزور» A-B\n\n" + text
    normalize_keep_offsets(joined)
    assert normalize_keep_offsets(text) == _keep_offsets(text)
    assert normalize_keep_offsets("") == ""


@pytest.mark.parametrize("text", TEXTS + WORD_TEXTS + [
    "2024", "عام 1999م و12/5/2020 وص.ب 7 و٣٤ و۵۶ ثم 8", "abc 12 — «3» “45” … 6",
    "رقم ١٢ و१२३ و１２ بعد 5 أيام",  # Devanagari and full-width digits: outside the code page
    "", "بلا أرقام",
])
def test_digit_runs_are_the_runs_of_the_digit_pattern(text):
    from plugins.dates import mentions
    from plugins.dates.scan import ScannedText
    norm = ScannedText(text).norm
    assert mentions.digit_runs_of(norm) == [m.span() for m in P.DIGIT_RUN.finditer(norm)]


def test_the_one_byte_code_page_keeps_offsets_and_has_no_other_digit():
    # The fast digit runs rely on it: one byte per character, and only 0-9 among its
    # characters are digits to the regex.
    from plugins.dates import mentions
    for byte in range(256):
        char = bytes([byte]).decode(mentions._ONE_BYTE, errors="ignore")
        if char:
            assert char.encode(mentions._ONE_BYTE) == bytes([byte])
            assert bool(re.fullmatch(r"\d", char)) == ("0" <= char <= "9")


@pytest.mark.parametrize("text", TEXTS + WORD_TEXTS + [
    "قال: «سنعود». ثم أضاف! وهل؟ نعم\nالخميس المقبل", "كَتَبَ الـــخميس. وقال؟",
    "بلا نهاية جملة هنا الخميس", "", "مُحَمَّدٌ",
])
def test_scanned_text_shortcuts_give_the_plain_answers(text):
    # The dropped characters summed per kept piece, and the last sentence end found from the
    # back, against a regex match per dropped character and a list of every sentence end.
    from plugins.arabic.text import OFFSET_FILLER
    from plugins.dates.scan import ScannedText
    scanned = ScannedText(text)
    norm = normalize_keep_offsets(text)
    plain = [i - k for k, i in enumerate(m.start() for m in re.finditer(OFFSET_FILLER, norm))]
    assert scanned._dropped == plain and scanned.norm == norm.replace(OFFSET_FILLER, "")
    for pos in range(len(scanned.norm) + 1):
        window = scanned.norm[max(0, pos - 90):pos]
        ends = list(P.SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end():]
        words = P.WORD.findall(window)
        if pos and scanned.norm[pos - 1].isalnum():
            words = words[:-1]
        assert scanned.words_before(pos, 8) == words[-8:]


def test_conjunction_forms_accept_what_one_of_accepts():
    from plugins.dates.lexicon import FUTURE_CUES
    from plugins.dates.scan import one_of, with_conjunctions
    vocabulary = set(FUTURE_CUES) | {"سوف", "في", "ب"}
    forms = with_conjunctions(vocabulary)
    probes = {p + w + s for w in vocabulary for p in ("", "و", "ف", "ب", "وف", "فو") for s in ("", "ه")}
    probes |= {"و", "ف", "وب", "فب", "وفي", "ففي", "سوفا"}
    assert any(one_of(w, vocabulary) for w in probes) and not all(one_of(w, vocabulary) for w in probes)
    for word in probes:
        assert (word in forms) == one_of(word, vocabulary), word


@pytest.mark.parametrize("text", TEXTS + WORD_TEXTS + ["س" * 150 + " 12/5/2020 " + "x" * 100, "a" * 70])
def test_window_end_is_the_word_end_and_the_plain_cut(text):
    from plugins.dates import mentions
    from plugins.dates.scan import ScannedText
    norm = ScannedText(text).norm
    size = len(norm)
    seen = set()
    for pos in range(size + 1):
        hi = mentions._word_end(norm, pos)
        cut = hi < size and not P.NON_WORD.match(norm, hi)
        seen.add(cut)
        assert mentions._window_end(norm, pos) == (hi, cut)
    if "a" * 70 in text or "x" * 70 in text:  # an overlong word: windows cut inside it
        assert seen == {True, False}


def _day_may_precede_plain(norm, start):
    before = " ".join(norm[max(0, start - 40):start].split())
    forms = [before]
    for word in ("شهر", "من"):
        forms += [f[:-len(word)].rstrip() for f in forms if f.endswith(word)]
    return any(f[-1:].isdigit() or f.endswith(tuple(P.ORDINAL_DAYS)) for f in forms)


@pytest.mark.parametrize("text", TEXTS + WORD_TEXTS + [
    "في 12 من شهر مايو والثامن من شهر  يونيو والعاشر شهر يوليو و3 من أغسطس ومن شهر سبتمبر وشهر من",
])
def test_day_may_precede_is_the_plain_test_of_every_form(text):
    from plugins.dates import mentions
    from plugins.dates.scan import ScannedText
    norm = ScannedText(text).norm
    answers = [mentions._day_may_precede(norm, pos) for pos in range(len(norm) + 1)]
    assert answers == [_day_may_precede_plain(norm, pos) for pos in range(len(norm) + 1)]
    if "وشهر من" in text:  # every form occurs in it
        assert True in answers and False in answers


def test_the_named_weekday_of_a_mention_is_cached_not_changed():
    from plugins.dates import checks
    for written in ("أمس الخميس", "يوم الأَربعاء 12 مايو", "والسبت", "12 مايو", "الخميسي"):
        plain = checks._WEEKDAY_WORD.search(checks.normalize(written))
        expected = checks.WEEKDAYS[plain.group(1)] if plain else None
        assert checks._named_weekday(written) == expected == checks._named_weekday(written)
    assert checks._named_weekday("أمس الخميس") is not None and checks._named_weekday("12 مايو") is None
