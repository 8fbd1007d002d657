"""Arabic number agreement (plugins/arabic/numbers.py): every noun the site counts, 0-111,
against the grammar written out here (not against the helper's own category function)."""

from __future__ import annotations

import pytest

from plugins.arabic.numbers import NOUNS, count_ar, noun_forms_json, plural_category

# noun key: (singular, dual nominative, dual oblique, plural 3-10, tamyiz 11-99, «one» word)
GRAMMAR = {
    "article": ("مقالة", "مقالتان", "مقالتين", "مقالات", "مقالة", "واحدة"),
    "person": ("شخص", "شخصان", "شخصين", "أشخاص", "شخصًا", "واحد"),
    "place": ("مكان", "مكانان", "مكانين", "أماكن", "مكانًا", "واحد"),
    "organisation": ("منظمة", "منظمتان", "منظمتين", "منظمات", "منظمة", "واحدة"),
    "event": ("حدث", "حدثان", "حدثين", "أحداث", "حدثًا", "واحد"),
    "source": ("مصدر", "مصدران", "مصدرين", "مصادر", "مصدرًا", "واحد"),
    "line": ("سطر", "سطران", "سطرين", "أسطر", "سطرًا", "واحد"),
    "warning": ("تنبيه", "تنبيهان", "تنبيهين", "تنبيهات", "تنبيهًا", "واحد"),
    "result": ("نتيجة", "نتيجتان", "نتيجتين", "نتائج", "نتيجة", "واحدة"),
    "page": ("صفحة", "صفحتان", "صفحتين", "صفحات", "صفحة", "واحدة"),
    "file": ("ملف", "ملفان", "ملفين", "ملفات", "ملفًا", "واحد"),
    "note": ("ملاحظة", "ملاحظتان", "ملاحظتين", "ملاحظات", "ملاحظة", "واحدة"),
    "month": ("شهر", "شهران", "شهرين", "أشهر", "شهرًا", "واحد"),
}


def expected(n: int, forms: tuple, oblique: bool = False) -> str:
    singular, dual, dual_oblique, plural, tamyiz, one = forms
    if n == 0:
        return f"لا {plural}"
    if n == 1:
        return f"{singular} {one}"
    if n == 2:
        return dual_oblique if oblique else dual
    if 3 <= n <= 10 or 103 <= n <= 110:   # the plural, also after a hundred (103-110)
        return f"{n} {plural}"
    if 11 <= n <= 99 or n == 111:          # the accusative singular (tamyiz)
        return f"{n} {tamyiz}"
    assert n in (100, 101, 102)            # a hundred, and a hundred and one/two: genitive singular
    return f"{n} {singular}"


def test_every_noun_of_the_site_is_covered_here():
    assert set(NOUNS) == set(GRAMMAR)


@pytest.mark.parametrize("key", sorted(GRAMMAR))
def test_counts_0_to_111_follow_the_grammar(key):
    wrong = [(n, count_ar(n, key), expected(n, GRAMMAR[key])) for n in range(112)
             if count_ar(n, key) != expected(n, GRAMMAR[key])]
    assert not wrong, wrong


@pytest.mark.parametrize("key", sorted(GRAMMAR))
def test_the_dual_after_a_preposition_is_oblique_and_nothing_else_changes(key):
    for n in range(112):
        assert count_ar(n, key, case="oblique") == expected(n, GRAMMAR[key], oblique=True), n


def test_the_examples_readers_reported_are_now_grammatical():
    assert count_ar(5, "article") == "5 مقالات"
    assert count_ar(9, "place") == "9 أماكن"
    assert count_ar(7, "event") == "7 أحداث"
    assert count_ar(3, "line") == "3 أسطر"
    assert count_ar(0, "warning") == "لا تنبيهات"
    assert count_ar(13, "person") == "13 شخصًا"
    assert count_ar(2, "article", case="oblique") == "مقالتين"


def test_arabic_indic_digits():
    assert count_ar(13, "person", digits="arabic-indic") == "١٣ شخصًا"
    assert count_ar(105, "article", digits="arabic-indic") == "١٠٥ مقالات"
    with pytest.raises(ValueError):
        count_ar(3, "article", digits="roman")


def test_beyond_111_the_last_two_digits_decide():
    assert count_ar(200, "article") == "200 مقالة"
    assert count_ar(1002, "person") == "1002 شخص"
    assert count_ar(1005, "person") == "1005 أشخاص"
    assert count_ar(2350, "place") == "2350 مكانًا"


def test_unknown_noun_and_negative_counts_are_errors():
    with pytest.raises(KeyError, match="add it to NOUNS"):
        count_ar(3, "camel")
    with pytest.raises(ValueError):
        plural_category(-1)


def test_forms_for_the_page_script_match_count_ar():
    import json

    forms = json.loads(noun_forms_json("result"))
    for n in range(112):
        assert forms[plural_category(n)].replace("{n}", str(n)) == count_ar(n, "result")
