"""Rule lists are tried through alternations and literal pre-checks (plugins/clean/rules.py):
the answer must be the one trying each pattern in order gives, site patterns included."""

import re

import pytest

from plugins.clean.matching import fold, line_key, more_words_than
from plugins.clean.rules import literal_starts, load_rules, required_literal, required_literals, starts_anchored

SITE = """
drop_patterns:
  newsletter:
    - '^للاشتراك في (قناه|قناتنا) .{0,60}$'
  site_junk:
    - '(?<=[.!])\\s*وسوم( \\S+){1,4}$'
    - 'دعم\\s+(\\S+)\\s+\\1'
tail_patterns:
  disclaimer:
    - '^\\**\\s*جميع المقالات المنشوره تمثل'
strip_prefixes:
  share_widget:
    - '^(شارك|شاركها) عبر:?\\s+'
"""

LINES = [
    "للاشتراك في قناتنا على تلغرام اضغط هنا",
    "للاشتراك في النشرة الأسبوعية",
    "انتهى الاجتماع مساء أمس. وسوم سياسة اقتصاد",
    "دعم دعم دعم",
    "دعم كبير للمشروع",
    "اقرأ أيضاً: افتتاح معرض الكتاب",
    "لن يتم نشر عنوان بريدك الإلكتروني",
    "** جميع المقالات المنشورة تمثل رأي كتابها فقط",
    "شاركها عبر: فيسبوك تويتر",
    "شارك عبر تويتر افتتح المعرض أبوابه",
    "افتتح معرض الكتاب أبوابه أمام الزوار بمشاركة ألف دار نشر.",
    "Read more: the full story",
    "للاشتراك أرسل SMS إلى الرقم",
    "أرسل \u017fms",
    "",
]


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "boilerplate.yaml"
    path.write_text(SITE, encoding="utf-8")
    return load_rules(path)


def one_by_one(patterns, texts, anchored=False):
    for entry in patterns:
        pattern = entry[0] if isinstance(entry, tuple) else entry
        if any((pattern.match if anchored else pattern.search)(t) is not None for t in texts):
            return entry
    return None


@pytest.mark.parametrize("key", ["drop_patterns", "tail_patterns", "section_patterns"])
@pytest.mark.parametrize("line", LINES)
def test_first_pattern_is_the_one_trying_each_in_order_finds(rules, key, line):
    texts = (fold(line), line)
    assert rules.first(key, texts) is one_by_one(getattr(rules, key), texts)


@pytest.mark.parametrize("line", LINES)
def test_anchored_lists_match_at_the_start_only(rules, line):
    texts = (fold(line),)
    assert rules.first("strip_prefixes", texts, anchored=True) is one_by_one(rules.strip_prefixes, texts, True)


def test_a_site_pattern_is_found_through_its_literal_precheck(rules):
    found = rules.first("drop_patterns", (fold(LINES[0]), LINES[0]))
    assert found is not None and found[1] == "newsletter"
    found = rules.first("drop_patterns", (fold(LINES[2]), LINES[2]))
    assert found is not None and found[1] == "site_junk"


def test_a_back_reference_is_tried_alone(rules):
    found = rules.first("drop_patterns", (fold("دعم دعم دعم"), "دعم دعم دعم"))
    assert found is not None and found[1] == "site_junk"
    assert rules.first("drop_patterns", (fold("دعم كبير للمشروع"), "دعم كبير للمشروع")) is None


def test_a_list_changed_after_use_is_gated_afresh(rules):
    texts = (fold("إعلان مدفوع"), "إعلان مدفوع")
    assert rules.first("drop_patterns", texts) is None
    rules.drop_patterns.append((re.compile("^اعلان مدفوع$", re.I), "ad"))
    try:
        assert rules.first("drop_patterns", texts)[1] == "ad"
    finally:
        rules.drop_patterns.pop()


@pytest.mark.parametrize("source, anchored", [
    ("^a|b", False), ("^(a|b)c", True), ("^[|]x", True), (r"^a\|b", True), ("a^", False),
    ("^[]|]x", True), ("^(?:x)|y", False),
])
def test_starts_anchored(source, anchored):
    assert starts_anchored(source) is anchored


@pytest.mark.parametrize("source, starts", [
    ("^للاشتراك في (قناه|قناتنا)", ("للاشتراك في ",)),
    ("^(شارك|شاركها) عبر", ("شارك", "شاركها")),
    ("^(شارك|شاركها)? عبر", None),          # the group may be absent
    ("^اقراx", None),                      # a cased letter: ignoring case could change it
    ("^اقراx?", ("اقرا",)),                # … unless it may be absent
    ("^ابت?ث", ("اب",)),                   # the «ت» may be absent
    ("^x|y", None),
])
def test_literal_starts(source, starts):
    assert literal_starts(source) == starts


@pytest.mark.parametrize("source, literal", [
    (r"(?<=[.!])\s*وسوم( \S+){1,4}$", "وسوم"),
    (r"^\**\s*جميع المقالات", "جميع المقالات"),
    (r"x{1,2}\u0627123", "123"),            # an escape's digits and a count are not text
    (r"(ب){12345}ت", "ت"),
    ("a|b", None),
    ("(?x)ا ب", None),                      # verbose: spaces are not literal
    ("[وسوم]", None),
])
def test_required_literal(source, literal):
    assert required_literal(source) == literal


@pytest.mark.parametrize("source, literals", [
    (r"\s*للتواصل مع الكاتب\b.{0,200}$", ("للتواصل مع الكاتب",)),
    ("(تحميل|حمل)( احدث)?( من)? (تطبيق|التطبيق)", ("تطبيق", "التطبيق")),   # the group with the longest shortest
    ("(?P<w>عبر|علي)", ("عبر", "علي")),
    ("ابجد|هوز", ("ابجد", "هوز")),             # one set per alternative
    ("ابجد|(?:x)", None),                      # an alternative without one
    ("(عبر|علي)? ابج", (" ابج",)),             # an optional group holds nothing
    ("(عبر|علي)?اب", None),                    # … and two characters are in most lines
    ("[)(|]سمات", ("سمات",)),                  # a bracket's «|» and «(» are members, not syntax
    (r"\bsms\b", None),                          # cased letters: ignoring case could change them
    ("(?=ابجد)x", None),                      # a look-ahead's text is not in the match
])
def test_required_literals(source, literals):
    assert required_literals(source) == literals


@pytest.mark.parametrize("text", [
    "واحد اثنان ثلاثة", "كلمة " * 20, "ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ ـ", "- - - - - - - - - - - - - - - - - كلمة",
    "a_b c_d " * 8, "مُحَمَّدٌ " * 16, "١٢ ٣٤ " * 9, "«أ» (ب) [ج] " * 6,
])
def test_more_words_than_never_says_more_than_the_key_has(text):
    for limit in (0, 3, 8, 14):
        if more_words_than(text, limit):
            assert len(line_key(text).split()) > limit


def test_every_character_hygiene_changes_is_unprintable():
    # to_lines skips the hygiene search on printable lines: that needs this to hold.
    from plugins.clean.lines import _NEEDS_HYGIENE
    changed = [chr(c) for c in range(0x110000) if _NEEDS_HYGIENE.fullmatch(chr(c))]
    assert len(changed) > 50 and not any(c.isprintable() for c in changed)


def test_every_line_break_is_unprintable():
    # to_lines does not split a printable block at line breaks: that needs this to hold.
    breaks = [chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) > 1]
    assert "\n" in breaks and "\u2029" in breaks and not any(c.isprintable() for c in breaks)


@pytest.mark.parametrize("text", ["", " ", "كلمة", " كلمة ", "كلمة واحدة  واثنتان", "a\tb", "a\u00a0b c", "«أ» - ب", "x " * 30])
def test_word_count_is_the_number_of_words_split_finds(text):
    from plugins.clean.shapes import word_count
    assert word_count(text) == len(text.split())


def test_every_space_but_the_plain_one_is_unprintable():
    # word_count counts the gaps of a printable text: that needs this to hold.
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert " " in spaces and "\u00a0" in spaces and not any(c.isprintable() for c in spaces if c != " ")


@pytest.fixture(scope="module")
def default_rules():
    return load_rules(None)


@pytest.mark.parametrize("which", ["rules", "default_rules"])
@pytest.mark.parametrize("key, anchored", [("drop_patterns", False), ("tail_patterns", False),
                                           ("strip_prefixes", True), ("strip_suffixes", False)])
def test_misses_only_lines_first_finds_nothing_in(request, which, key, anchored):
    # The passes skip ``first`` for the lines ``misses`` rules out, given (folded, written).
    rules = request.getfixturevalue(which)
    items = [(fold(line), line) for line in LINES]
    for folded_first in (False, True):
        for miss, texts in zip(rules.misses(key, items, anchored, folded_first=folded_first), items):
            if miss:
                assert rules.first(key, texts, anchored) is None, (key, texts)


def test_misses_rules_out_lines_without_calling_first(default_rules):
    # The built-in lists are all pre-checked: plain prose is ruled out, junk is not.
    items = [(fold(line), line) for line in LINES]
    misses = default_rules.misses("drop_patterns", items, folded_first=True)
    assert misses[LINES.index("افتتح معرض الكتاب أبوابه أمام الزوار بمشاركة ألف دار نشر.")] is True
    assert misses[LINES.index("اقرأ أيضاً: افتتاح معرض الكتاب")] is False
    assert misses[LINES.index("Read more: the full story")] is False


def test_misses_looks_in_the_written_text_for_a_literal_folding_changes():
    # «مدرسة» folds to «مدرسه»: only the written text holds the pattern's literal.
    rules = load_rules(None)
    rules.drop_patterns.append((re.compile("مدرسة الحي", re.I), "ad"))
    line = "زيارة مدرسة الحي القديم"
    assert rules.first("drop_patterns", (fold(line), line))[1] == "ad"
    assert rules.misses("drop_patterns", [(fold(line), line)], folded_first=True) == [False]


def test_misses_asks_first_when_a_site_pattern_escapes_the_prechecks(rules):
    # The back-reference pattern is tried alone on every line: nothing can be ruled out.
    items = [(fold(line), line) for line in LINES]
    assert not any(rules.misses("drop_patterns", items))


def test_more_words_than_agrees_with_splitting_into_tokens():
    # One regex stands for str.split() and a test per token: every character as a token
    # and as a separator, and random mixes of the characters that matter.
    import random

    from plugins.clean.matching import _more_words_than_by_tokens
    for c in map(chr, range(0x110000)):
        for text, limit in ((c, 0), (f"ا{c}ب", 1)):
            assert more_words_than(text, limit) == _more_words_than_by_tokens(text, limit), (hex(ord(c)), limit)
    alphabet = list("اب ـًٌ_-.«»1٣a\t\n\u00a0\u2003\u200c\u0670\u06d6،") + [" "] * 4
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for limit in (0, 2, 8):
            assert more_words_than(text, limit) == _more_words_than_by_tokens(text, limit), (text, limit)


@pytest.mark.parametrize("raw", ["كلمة", "  كلمة واحدة  ", "a &amp; b", "x  y", "a\tb c", "«أ» - ب\u200f", "سطر\nثان", "&nbsp;كلمة"])
def test_word_counts_remembered_by_to_lines_are_the_ones_split_finds(raw):
    # to_lines hands word_count the counts of the plain lines it has already checked.
    from plugins.clean import shapes
    from plugins.clean.lines import to_lines
    shapes._WORD_COUNTS.clear()
    lines = to_lines([{"text": raw, "line": 1}])
    assert [shapes._WORD_COUNTS.get(l.text, len(l.text.split())) for l in lines] == [len(l.text.split()) for l in lines]
    assert all(shapes.word_count(l.text) == len(l.text.split()) for l in lines)


def test_to_lines_remembers_a_plain_lines_word_count():
    from plugins.clean import shapes
    from plugins.clean.lines import to_lines
    shapes._WORD_COUNTS.clear()
    to_lines([{"text": " واحد اثنان ثلاثة ", "line": 1}])
    assert shapes._WORD_COUNTS == {"واحد اثنان ثلاثة": 3}


def test_lower_casing_is_one_character_for_one_but_for_two():
    # fold_with_map folds a whole text at once: that needs lower-casing to be per character,
    # one for one, except «İ» and «Σ» (it takes those character by character).
    chars = [chr(c) for c in range(0x110000) if chr(c) not in "\u0130\u03a3"]
    assert all(len(c.lower()) == 1 for c in chars)
    text = "".join(chars)
    assert text.lower() == "".join(c.lower() for c in chars)


@pytest.mark.parametrize("text", [
    "", "كلمة", "مُحَمَّدٌ ـــ رسولُ", "İstanbul ΣΟΦΙΑ σοφίας", "أإآٱ ةى ؤئ ٣٤ ABC ـًٌ",
    "\u0670\u06d6\u0610ا\u0640", "ΣΑΣ ًΣ", "a\u0130b",
])
def test_fold_with_map_folds_each_character_on_its_own(text):
    from plugins.clean.matching import _fold_with_map_by_chars, fold_with_map
    assert fold_with_map(text) == _fold_with_map_by_chars(text)
    import random
    rng = random.Random(len(text))
    for _ in range(200):
        mixed = "".join(rng.choice(text + "اأ ًـ") for _ in range(rng.randint(0, 20)))
        assert fold_with_map(mixed) == _fold_with_map_by_chars(mixed), mixed


def test_ignorecase_equivalents_are_the_characters_re_matches():
    from plugins.clean.rules import _IGNORECASE_EQUIVALENTS
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter, chars in _IGNORECASE_EQUIVALENTS.items():
        assert sorted(set(re.findall(letter, text, re.IGNORECASE))) == sorted(chars), letter


@pytest.mark.parametrize("sources, chars", [
    ([r"\bsms\b"], "sS\u017f"),
    ([r"\bsms\b", "^inshare$"], "sS\u017fiI\u0130\u0131"),
    ([r"(foo|bar)x?"], "fFbB"),
    ([r"سمات( \S+){1,8}$"], "س"),
    ([r"a|\d"], None),                 # a branch with no text every match holds
    ([r"(?x)s m s"], None),             # verbose
    ([r"\bsmé\b"], "sS\u017f"),       # the first letter decides
    ([r"é"], None),                     # a cased letter outside ASCII
    ([r"(?=ab)x"], "xX"),
])
def test_needed_chars(sources, chars):
    from plugins.clean.rules import needed_chars
    assert needed_chars(sources) == chars


def test_a_search_gate_is_skipped_only_for_lines_without_its_characters(default_rules):
    # tail_patterns' «\bsms\b» is searched through whole lines: only those holding an «s».
    gates = default_rules._gates_of("tail_patterns", default_rules.tail_patterns)[1]
    assert any(chars and "s" in chars for _, _, _, chars in gates[2])
    for line in ("رسالة SMS", "رسالة \u017fms", "رسالة sms"):
        assert default_rules.first("tail_patterns", (fold(line), line)) is not None, line
        assert default_rules.misses("tail_patterns", [(fold(line), line)]) == [False]
    assert default_rules.misses("tail_patterns", [(fold("رسالة قصيرة"), "رسالة قصيرة")]) == [True]
