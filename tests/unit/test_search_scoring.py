"""The known-item harness's queries (scoring/search.py): as written and as a reader types."""

from __future__ import annotations

import pytest

from scoring.search import known_items, reader_form


@pytest.mark.parametrize("written, typed", [
    ("والشيباني", "الشيباني"), ("بالعقوبات", "العقوبات"), ("للخارجية", "الخارجيه"), ("أمريكا", "امريكا"),
    ("مستشفى", "مستشفي"), ("وزير", "وزير"), ("كالعادة", "العاده"), ("بأمريكا", "بامريكا"), ("لافْروف", "لافروف"),
])
def test_reader_form_drops_hamza_clitics_before_al_and_final_letter_forms(written, typed):
    assert reader_form(written) == typed


def test_query_is_the_two_rarest_content_words_in_headline_order():
    texts = {"a.txt": "زيارة الوزير إلى طرطوس وحميميم\n\nنص", "b.txt": "الوزير في دمشق\n\nزيارة حميميم", "c.txt": "زيارة\n\nالوزير"}
    articles = [{"file": f, "url": f"articles/{f[0]}/"} for f in texts]
    items = {i["file"]: i for i in known_items(articles, texts, sample=3, seed=1)}
    assert items["a.txt"]["written"] == "طرطوس وحميميم" and items["a.txt"]["typed"] == "طرطوس حميميم"
    assert "c.txt" not in items  # one content word only: no two-word query


def test_an_attached_waw_is_dropped_when_the_rest_is_a_word_of_the_archive():
    from collections import Counter

    counts = Counter({"حميميم": 3, "وحميميم": 1, "وزير": 50, "زير": 1})
    assert reader_form("وحميميم", counts) == "حميميم" and reader_form("وزير", counts) == "وزير"
