"""Arabic collation (plugins/arabic/text.py sort_key): what every index page sorts by."""

from plugins.arabic.text import sort_key


def first_letter(name):
    return sort_key(name)[0]


def test_a_hamza_on_the_alef_is_not_an_article():
    assert first_letter("ألكسندر لافرنتييف") == "ا"
    assert first_letter("إلهام علييف") == "ا"


def test_the_definite_article_is_ignored():
    assert first_letter("الشرع") == "ش"
    assert first_letter("القاهرة") == "ق"


def test_alef_and_hamza_spellings_sort_together():
    names = ["بشار", "آمنة", "إيران", "أحمد", "احمد"]
    assert sorted(names, key=sort_key) == ["أحمد", "احمد", "آمنة", "إيران", "بشار"]


def test_an_index_is_in_alphabetical_order_whatever_the_input_order():
    names = ["كييف", "ألكسندر لافرنتييف", "السويداء", "دمشق", "الأسد"]
    expected = ["الأسد", "ألكسندر لافرنتييف", "دمشق", "السويداء", "كييف"]
    assert sorted(names, key=sort_key) == expected
    assert sorted(reversed(names), key=sort_key) == expected
