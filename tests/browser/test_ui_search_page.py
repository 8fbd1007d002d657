"""The search page as a reader meets it (Chromium, served over http): results before the
filters on a phone, nothing shifting, the query kept, a helpful empty state, errors in
Arabic, labelled landmarks. One behaviour per test."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The status line once a search has finished (not empty, not «جارٍ البحث…»). Waits use
# Playwright's expect: the page's CSP forbids the eval that wait_for_function needs.
DONE = re.compile(r"^(?!جارٍ)\S")


def wait_done(page):
    expect(page.locator("#search-status")).to_have_text(DONE, timeout=30_000)


@pytest.fixture()
def open_page(browser, served):
    contexts = []

    def open_(path, viewport=PHONE, before=None):
        context = browser.new_context(locale="ar", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        if before:
            before(page)
        page.goto(served + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def test_phone_first_result_is_above_the_fold(open_page):
    page = open_page("search/?q=" + quote("لافروف"))
    page.wait_for_selector("#results li.result")
    box = page.locator("#results li.result").first.bounding_box()
    assert box["y"] + 60 < PHONE["height"], box  # its title is on the first screen


def test_phone_filters_are_behind_a_toggle_that_opens_them_above_the_results(open_page):
    page = open_page("search/?q=" + quote("لافروف"))
    page.wait_for_selector("#results li.result")
    assert not page.locator("#filters").is_visible()
    toggle = page.locator("#filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.wait_for_selector("#filter-groups details")  # loaded when opened, with their counts
    assert page.locator("#filters").bounding_box()["y"] < page.locator("#results").bounding_box()["y"]


def test_desktop_filters_stand_beside_the_results_without_a_toggle(open_page):
    page = open_page("search/?q=" + quote("لافروف"), viewport=DESKTOP)
    page.wait_for_selector("#filter-groups details")
    assert not page.locator("#filters-toggle").is_visible()
    filters, results = page.locator("#filters").bounding_box(), page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]  # right to left: filters on the left
    assert filters["y"] < results["y"] + results["height"]


LAYOUT_SHIFT = """new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_results_and_filters_arriving_shift_nothing(open_page, viewport):
    page = open_page("search/?q=" + quote("لافروف"), viewport=viewport)
    page.wait_for_selector("#results li.result")
    if viewport is PHONE:
        page.click("#filters-toggle")  # a reader's own action: not counted as a shift
    page.wait_for_selector("#filter-groups details")
    assert page.evaluate(LAYOUT_SHIFT) < 0.02


def test_the_header_box_keeps_the_query(open_page):
    page = open_page("search/?q=" + quote("حميميم"))
    wait_done(page)
    assert page.input_value("#header-q") == "حميميم"
    page.fill("#q", "لافروف")
    page.press("#q", "Enter")
    expect(page.locator("#header-q")).to_have_value("لافروف")


def test_the_result_count_is_grammatical_arabic(open_page):
    page = open_page("search/?q=" + quote("حميميم"))
    page.wait_for_selector("#results li.result")
    assert page.inner_text("#search-status").startswith("نتيجة واحدة")


def test_no_results_suggests_a_spelling_the_archive_has(open_page):
    page = open_page("search/?q=" + quote("لافرف"))
    page.wait_for_selector("#search-help:not([hidden]) a")
    assert "لا نتائج" in page.inner_text("#search-status")
    suggestion = page.locator("#search-help a", has_text="لافروف").first
    suggestion.click()
    page.wait_for_selector("#results li.result")
    assert page.input_value("#q") == "لافروف"


def test_no_results_offers_to_browse_people(open_page):
    page = open_page("search/?q=" + quote("زززززز"))
    page.wait_for_selector("#search-help:not([hidden])")
    assert page.locator("#search-help a[href$='people/']").count() == 1


def test_no_results_with_a_filter_offers_to_remove_it(open_page):
    page = open_page("search/?q=" + quote("حميميم") + "&person=" + quote("اسم غير موجود"))
    page.wait_for_selector("#search-help:not([hidden]) button")
    page.click("#search-help button:has-text('اسم غير موجود')")
    page.wait_for_selector("#results li.result")
    assert "person=" not in page.url


def test_a_search_error_is_shown_in_arabic(open_page):
    def break_engine(page):
        page.route(re.compile(r".*/pagefind/.*"), lambda route: route.abort())

    page = open_page("search/?q=" + quote("لافروف"), before=break_engine)
    wait_done(page)
    status = page.inner_text("#search-status") + page.inner_text("#search-help")
    assert status.startswith("تعذّر البحث")
    assert not re.search(r"[A-Za-z]{3,}", status), status


def test_every_search_landmark_has_its_own_name(open_page):
    page = open_page("search/")
    names = page.eval_on_selector_all("[role=search], search", "els => els.map(e => e.getAttribute('aria-label'))")
    assert len(names) == 2 and all(names) and len(set(names)) == 2
