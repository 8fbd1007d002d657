"""Arbitrary article text through the text cores (Hypothesis): no exception, nothing lost,
and every offset a core reports slices the text to the words it names.

The texts mix what scraped Arabic news is made of (names, titles, clitics, months, weekdays,
digits in both scripts, datelines, ads, punctuation runs, diacritics, bidi and zero-width
marks) with any Unicode at all, on any number of lines.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.clean.core import clean_article, load_rules
from plugins.clean.lines import to_lines
from plugins.dates.core import find_date_mentions, parse_date_value, parse_dateline, weekday_conflicts
from plugins.entities.gazetteer import load_gazetteer
from plugins.pages.body import body_html, sanitize_body
from plugins.record import join_blocks
from plugins.search.tokens import index_tokens

DATA = Path(__file__).resolve().parents[2] / "content" / "data"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    # names, titles, clitics
    "سيرغي لافروف", "لافروف", "والشيباني", "الرئيس السوري الانتقالي الشرع", "الشرع", "وزير الخارجية",
    "بدمشق", "ولدمشق", "للرئيس", "فبالمدينة", "الأسد", "موسكو", "أحمد", "Sergey Lavrov",
    # dates of every family
    "15 أكتوبر 2024", "أيار/مايو الماضي", "١٢ شباط ٢٠٢٥", "14 رجب 1446 هـ", "2025/02/12", "12-2-2025",
    "يوم الخميس", "الأربعاء الماضي", "اليوم", "أمس", "غداً", "بعد غد", "الشهر الماضي", "العام المقبل",
    "قبل ثلاثة أيام", "منذ عامين", "عام 2024", "عامي 2023 و2024", "في 2024", "الأحد عشر", "آب", "مارس",
    "الثامن من كانون الأول", "30 فبراير",
    # furniture and shapes cleaning looks at
    "اقرأ أيضاً:", "دمشق - سانا", "(سانا)", "تابعونا على تلغرام", "شارك عبر:", "الكلمات الدالة:",
    "المزيد من الأخبار", "...", "…", "«", "»", "•", "*", "-", "،", ".", "؟", "!", ":", "(", ")",
    # marks
    "\u064e", "\u0651", "\u0640", "\u200f", "\u200e", "\u202e", "\u061c", "\u200b", "\ufeff", "\u00a0",
    "&quot;", "&amp;", "<b>", "_",
]

_piece = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=12),  # any Unicode at all
    st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة٠١٢٣٤٥٦٧٨٩0123456789 .،", max_size=20),
    st.sampled_from(".!؟…-«»()،").map(lambda c: c * 30),
)
_line = st.lists(_piece, max_size=14).map(" ".join)
ARTICLES = st.lists(_line, max_size=25).map("\n".join)
PUBLISHED = st.sampled_from([None, "2025", "2025-02", "2025-02-12", "2024-02-29 10:30"]).map(
    lambda v: parse_date_value(v) if v else None)


@pytest.fixture(scope="module")
def cores():
    gazetteer, _ = load_gazetteer(DATA)
    return load_rules(DATA / "boilerplate.yaml"), gazetteer


def _raw_blocks(text: str) -> list[dict]:
    return [{"text": line, "kind": "line", "line": i} for i, line in enumerate(text.split("\n"), 1)]


@FUZZ
@given(text=ARTICLES, curated=st.booleans())
def test_cleaning_never_raises_and_loses_no_line(cores, text, curated):
    rules, _ = cores
    raw = _raw_blocks(text)
    article = clean_article(raw, rules, curated=curated)
    block_texts = {block.text for block in article.blocks}
    removed_lines = {removal.line for removal in article.removed}
    for line in to_lines(raw):  # the input lines that hold text, as hygiene leaves them
        placed = (line.line in removed_lines or line.text in block_texts
                  or (article.title_from == "headline" and line.text == article.title))
        assert placed, f"line {line.line} ({line.text!r}) is neither title, body nor removal"
    assert all(block.text for block in article.blocks)
    if article.dateline:
        parse_dateline(article.dateline)


@FUZZ
@given(text=ARTICLES, published=PUBLISHED)
def test_dates_and_entities_offsets_slice_the_text(cores, text, published):
    rules, gazetteer = cores
    article = clean_article(_raw_blocks(text), rules)
    for body in (join_blocks(block.text for block in article.blocks), text):  # cleaned, and raw
        mentions = find_date_mentions(body, published)
        for m in mentions:
            assert 0 <= m.start < m.end <= len(body)
            assert body[m.start:m.end] == m.text
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:])), "mentions overlap"
        weekday_conflicts(body, mentions)
        for m in gazetteer.find_mentions(body):
            assert 0 <= m.start < m.end <= len(body)
            assert body[m.start:m.end] == m.text
        gazetteer.match_article(body)


@FUZZ
@given(text=ARTICLES, published=PUBLISHED)
def test_rendered_body_holds_every_block_as_written(cores, text, published):
    rules, gazetteer = cores
    article = clean_article(_raw_blocks(text), rules)
    blocks = [{"kind": block.kind, "text": block.text} for block in article.blocks]
    body = join_blocks(block["text"] for block in blocks)
    entities = [{"id": m.entity_id, "kind": m.kind, "start": m.start, "end": m.end}
                for m in gazetteer.find_mentions(body)]
    dates = [{"text": m.text, "value": m.value, "start": m.start, "end": m.end}
             for m in find_date_mentions(body, published)]
    rendered = body_html(blocks, entities, dates, {entity_id: f"/e/{entity_id}/" for entity_id in gazetteer.entities})
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == "\n".join(block["text"] for block in blocks)
    sanitize_body(rendered)
    index_tokens(body)
