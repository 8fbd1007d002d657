"""Search in real headless Chromium (Debian's package) against the built sample archive
served over http on 127.0.0.1, through window.arshif.search."""

from __future__ import annotations

import pytest
import yaml

from plugins.search.tokens import query_terms
from tests.conftest import SPEC

pytestmark = pytest.mark.browser

QUERIES_PATH = SPEC / "search_queries.yaml"
QUERIES = yaml.safe_load(QUERIES_PATH.read_text(encoding="utf-8")) if QUERIES_PATH.exists() else []


@pytest.fixture()
def search_page(page, served):
    page.goto(served + "search/")
    page.wait_for_function("window.arshif && window.ArshifArabic")
    return page


def _files_found(page, export, query):
    results = page.evaluate("q => window.arshif.search(q)", query)
    by_url = {a["url"]: a["file"][:3] for a in export["articles"]}
    return sorted(by_url[r["url"]] for r in results), results


def test_lavrov_finds_the_four_lavrov_articles(search_page, export):
    found, results = _files_found(search_page, export, "لافروف")
    assert found == ["000", "001", "002", "003"]
    assert all(r["title"] and "<mark>" in r["excerpt"] for r in results)


@pytest.mark.skipif(not QUERIES, reason="../shared/spec is not beside the project")
@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_gold_query_returns_exactly_its_articles(search_page, export, case):
    found, _ = _files_found(search_page, export, case["query"])
    required, allowed = set(case["expect"]), set(case["expect"]) | set(case.get("may", []))
    assert required <= set(found) <= allowed, found


def test_excerpt_shows_original_words_with_the_hit_marked(search_page, export):
    _, results = _files_found(search_page, export, "والشيباني")
    for r in results:
        assert "<mark>" in r["excerpt"]
        assert "شيباني" not in r["excerpt"].replace("الشيباني", "")  # stems never shown bare


WORDS = ["والشيباني", "وزارة", "لوزارة", "كمان", "الكرملين", "لافْروف", "إلى", "الخارجيّة", "مُـوسكو", "Lavrov",
         "٢٠٢٥", "بالعقوبات", "للخارجية", "وطرطوس", "فبال", "ال", "و", "قمة", "أحمد الشرع"]


def test_browser_query_normaliser_agrees_with_python(search_page):
    js = search_page.evaluate("ws => ws.map(w => window.ArshifArabic.queryTerms(w))", WORDS)
    assert js == [query_terms(w) for w in WORDS]


def test_search_page_ui_shows_count_results_and_deep_link(page, served):
    page.goto(served + "search/?q=" + "بوتين")
    page.wait_for_selector("#results li.result")
    status = page.inner_text("#search-status")
    assert "3" in status  # three articles name Putin (ARSHIF_DIGITS defaults to western)
    assert page.locator("#results li.result mark").count() >= 1
    assert page.get_attribute("#search-status", "aria-live") == "polite"


def test_header_search_box_leads_to_search_results(page, served):
    page.goto(served)
    page.fill("#header-q", "حميميم")
    page.press("#header-q", "Enter")
    page.wait_for_selector("#results li.result")
    assert page.locator("#results li.result").count() == 1


@pytest.mark.parametrize("query", ["Shaibani", "al-Shaibani", "Al Shaibani", "AL-SHAIBANI", "alshaibani",
                                   "Asaad al-Shaibani", "أسعد حسن الشيباني"])
def test_every_name_form_finds_the_persons_articles(search_page, export, query):
    found, _ = _files_found(search_page, export, query)
    expected, _ = _files_found(search_page, export, "الشيباني")
    assert found == expected and found


def test_excerpt_keeps_punctuation_and_marks_whole_words_only(search_page):
    data = {"meta": {"text": "قال مسؤول لوزارة الخارجية: «الوفد زار دمشق، وزارها ثانية»."}}
    html = search_page.evaluate("d => window.arshif.excerpt(d, window.ArshifArabic.queryTerms('زار'))", data)
    assert html == "قال مسؤول لوزارة الخارجية: «الوفد <mark>زار</mark> دمشق، وزارها ثانية»."
    html = search_page.evaluate("d => window.arshif.excerpt(d, window.ArshifArabic.queryTerms('الوزارة'))", data)
    assert html == "قال مسؤول <mark>لوزارة</mark> الخارجية: «الوفد زار دمشق، وزارها ثانية»."


def test_results_and_titles_show_no_index_marks(search_page):
    results = search_page.evaluate("q => window.arshif.search(q)", "لافروف")
    assert results and not any("\u07ca" in (r["title"] + r["excerpt"] + (r["dateDisplay"] or "")) for r in results)


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_date_sort_orders_every_result_by_date(search_page, order):
    results = search_page.evaluate("([q, o]) => window.arshif.search(q, {sort: {date: o}})", ["موسكو", order])
    dates = [r["date"] for r in results]
    assert len(dates) == 5 and dates == sorted(dates, reverse=order == "desc")


def test_a_title_word_outranks_the_same_word_in_a_body(search_page):
    # All five sample articles mention موسكو; some have it in their title, and those come first.
    results = search_page.evaluate("q => window.arshif.search(q)", "موسكو")
    in_title = ["موسكو" in r["title"] for r in results]
    assert len(results) == 5 and 0 < sum(in_title) < 5
    assert in_title == sorted(in_title, reverse=True)


ENGINE_FILES = ("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                ".filter(p => p.includes('/pagefind/'))")


def test_the_engine_arrives_zipped_and_the_page_table_compact(search_page):
    """The search page imports Pagefind's module from its gzipped copy (the page's CSP lets
    it run from a blob: URL) and reads the compact page table (plugins/search/compact.py)."""
    search_page.evaluate("window.arshif.search('لافروف')")
    fetched = search_page.evaluate(ENGINE_FILES)
    assert any(p.endswith("/pagefind/pagefind.js.pf_gz") for p in fetched)
    assert not any(p.endswith("/pagefind/pagefind.js") for p in fetched), fetched
    assert search_page.evaluate("window.__arshifIndex.chunks.length") >= 1


@pytest.fixture(scope="module")
def firefox():
    from pathlib import Path

    if not Path("/usr/bin/firefox-esr").exists():
        pytest.fail("Debian's firefox-esr is not installed: apt-get install -y firefox-esr")
    from tests.browser.bidi import Firefox

    with Firefox() as ff:
        yield ff


@pytest.mark.skipif(not QUERIES, reason="../shared/spec is not beside the project")
def test_firefox_hosted_search_matches_every_gold_query(firefox, served, export):
    firefox.navigate(served + "search/")
    by_url = {a["url"]: a["file"][:3] for a in export["articles"]}
    for case in QUERIES:
        q = case["query"].replace("\\", "\\\\").replace('"', '\\"')
        found = {by_url[r["url"]] for r in firefox.evaluate(f'window.arshif.search("{q}")')}
        assert set(case["expect"]) <= found <= set(case["expect"]) | set(case.get("may", [])), case["query"]
    fetched = firefox.evaluate(ENGINE_FILES)
    assert any(p.endswith("/pagefind/pagefind.js.pf_gz") for p in fetched)
    assert not any(p.endswith("/pagefind/pagefind.js") for p in fetched), fetched
