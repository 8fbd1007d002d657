"""Index tokens and query terms (plugins/search/tokens.py): what a query must meet."""

from __future__ import annotations

import pytest

from plugins.search.tokens import EXACT_MARK, query_split, query_term, query_terms, word_tokens


def m(token: str) -> str:
    """A token written with _ for EXACT_MARK (readable here)."""
    return token.replace("_", EXACT_MARK)


def finds(query_word: str, text_word: str, whole: bool = True) -> bool:
    """Would the query word find the text word? Pagefind matches query words as prefixes of
    index tokens; search.js asks for term + EXACT_MARK (whole words) first."""
    term = query_term(query_word)
    return any(t.startswith(term + EXACT_MARK if whole else term) for t in word_tokens(text_word))


@pytest.mark.parametrize("text_word, query_word", [
    ("والشيباني", "الشيباني"), ("والشيباني", "شيباني"), ("الشيباني", "والشيباني"),
    ("بالعقوبات", "عقوبات"), ("العقوبات", "بالعقوبات"), ("للخارجية", "الخارجيه"),
    ("وزارة", "الوزارة"), ("لوزارة", "وزارة"), ("وطرطوس", "طرطوس"), ("بأمريكا", "امريكا"),
    ("أمريكا", "بأمريكا"), ("الإمارات", "الامارات"), ("مستشفى", "مستشفي"), ("لافروف", "لافروف"),
])
def test_every_spelling_of_a_word_finds_it_as_a_whole_word(text_word, query_word):
    assert finds(query_word, text_word)


@pytest.mark.parametrize("text_word, query_word", [
    ("لوزارة", "زار"), ("وزارة", "زار"), ("زيارة", "وزارة"), ("المصرية", "مصر"),
])
def test_a_word_that_only_contains_the_query_is_not_a_whole_word_hit(text_word, query_word):
    assert not finds(query_word, text_word)


def test_the_first_token_is_the_word_as_written_term_then_clitics():
    assert word_tokens("بأمريكا")[0] == m("امريكا_ب")
    assert word_tokens("أمريكا") == [m("امريكا_")]
    assert word_tokens("والشيباني") == [m("شيباني_وال")]


def test_the_exact_form_typed_with_its_clitic_tells_the_two_spellings_apart():
    prefix, term = query_split("بأمريكا")
    exact = f"{term}{EXACT_MARK}{prefix}"
    assert exact in word_tokens("بأمريكا") and exact not in word_tokens("أمريكا")


def test_latin_is_lower_cased_and_digits_are_western():
    assert word_tokens("Lavrov") == [m("lavrov_")]
    assert word_tokens("٢٠٢٥") == [m("2025_")]


def test_query_terms_fold_and_take_clitics_off_cautiously():
    assert query_terms("والشيباني كمان وزارة") == ["شيباني", "كمان", "زاره"]


# --- what the tokens' shortcuts rely on ----------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from plugins.arabic import normalize, tokens, words  # noqa: E402

# Arabic letters, hamza forms, ta marbuta, alef maqsura, diacritics, tatweel, Arabic-Indic
# digits, Latin, underscore, punctuation and spaces.
_TEXT = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآؤئءةى\u064b\u064e\u064f\u0650\u0651\u0652\u0640"
                         "٠١٢٣٤٥٦٧٨٩AbCz09_-., \n", max_size=40)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_a_folded_words_every_part_is_folded_already(text):
    """_word_tokens folds a word once: the stems it cuts from the folded word must need no
    folding again (normalize folds each character on its own)."""
    folded = normalize(text)
    assert normalize(folded) == folded
    for start in range(len(folded)):
        assert normalize(folded[start:]) == folded[start:]


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_words_are_the_tokens_texts(text):
    assert words(text) == [t.text for t in tokens(text)]


def test_underscores_do_not_join_words():
    assert words("a_b __c_ وال_شيباني") == ["a", "b", "c", "وال", "شيباني"]
    assert [(t.start, t.end) for t in tokens("x__yz")] == [(0, 1), (3, 5)]
