"""The fields of an article's search record (plugins/search/records.py)."""

from __future__ import annotations

from plugins.record import ArticleRecord, Block, join_blocks
from plugins.search.records import body_tokens, excerpt_text, name_tokens, search_fields, shown
from plugins.search.tokens import EXACT_MARK


def m(tokens: str) -> list[str]:
    """Tokens written with _ for EXACT_MARK, space-separated."""
    return tokens.replace("_", EXACT_MARK).split()


def _record() -> ArticleRecord:
    blocks = (Block("p", "قال الوزير: «نتطلع إلى حلّ»، مضيفاً أن المفاوضات مستمرة."), Block("p", "وتابع لافروف حديثه."))
    return ArticleRecord(id="a1", file="a1.txt", format="text", title="لافروف بأمريكا", blocks=blocks,
                         text=join_blocks(b.text for b in blocks), date="2025-07-31", people=("sergey-lavrov",))


def test_fields_hold_title_and_body_tokens_apart_and_the_text_as_written():
    fields = search_fields(_record(), {"sergey-lavrov": ["سيرغي لافروف", "Sergey Lavrov"]},
                           ["سيرغي لافروف"], [], [], "الثورة")
    assert fields["title_tokens"].split() == m("افروف_ل لافروف_ امريكا_ب بامريكا_")
    assert m("حديثه_")[0] in fields["tokens"].split() and m("حديثه_")[0] not in fields["title_tokens"].split()
    # Excerpts come from the text as written, punctuation kept, blocks on one line, kept
    # beside the index and not in the record; the title's words start with the mark that
    # keeps them out of the index tokens' chunks.
    assert "text" not in fields
    assert excerpt_text(_record().text) == "قال الوزير: «نتطلع إلى حلّ»، مضيفاً أن المفاوضات مستمرة. وتابع لافروف حديثه."
    assert fields["title"] == shown("لافروف بأمريكا") and fields["title"].count(EXACT_MARK) == 2
    assert fields["date"] == "2025-07-31" and fields["year"] == "2025"
    assert fields["people"] == ["سيرغي لافروف"] and fields["source"] == "الثورة"
    assert set(m("sergey_ lavrov_")) <= set(fields["names"].split())


def test_undated_article_has_no_date_fields():
    record = ArticleRecord(id="b", file="b.txt", format="text", title="عنوان", text="نص")
    fields = search_fields(record, {}, [], [], [], None)
    assert fields["date"] is None and fields["date_display"] is None and fields["year"] is None


def test_latin_names_are_found_whole_split_and_joined_in_any_case():
    tokens = set(name_tokens(["Ahmed al-Sharaa", "Abdel Fattah el-Sisi", "أحمد الشرع"]))
    assert set(m("ahmed_ al_ sharaa_ alsharaa_ sisi_ elsisi_ شرع_ال")) <= tokens


def test_name_tokens_are_listed_once():
    tokens = name_tokens(["سيرغي لافروف", "سيرجي لافروف", "لافروف"])
    assert len(tokens) == len(set(tokens))


def test_a_body_token_counts_at_most_three_times_copies_together():
    assert body_tokens("في الوزارة في الوزارة في في في") == m("في_ في_ في_ وزاره_ال وزاره_ال زاره_الو زاره_الو")


def test_shown_marks_each_word_start_and_nothing_else():
    assert shown("«نتطلع» إلى 2025، Lavrov").replace(EXACT_MARK, "") == "«نتطلع» إلى 2025، Lavrov"
    assert shown("«نتطلع» إلى 2025، Lavrov").count(EXACT_MARK) == 4
