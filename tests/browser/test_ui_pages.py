"""What a reader sees on the pages (Chromium, served over http): the shipped typeface,
tables and pages that fit a phone, charts with counts on a real time axis, one order on
the timeline, Wikidata as a link, and counts that agree between the home and index pages."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ARTICLE = "articles/000_5f7054edf341bc2e/"
FONT_BUDGET = 140_000  # bytes of WOFF2 an article page may load (Arabic + basic Latin, 400 and 700)


@pytest.fixture()
def phone(browser):
    context = browser.new_context(locale="ar", viewport=PHONE)
    yield context.new_page()
    context.close()


def test_an_article_is_set_in_the_shipped_noto_naskh_arabic(page, served):
    fonts = []
    page.on("response", lambda r: fonts.append(r) if r.url.endswith(".woff2") else None)
    page.goto(served + ARTICLE)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded')")
    assert fonts and all("/theme/fonts/noto-naskh-arabic-" in r.url and r.url.startswith(served) for r in fonts)
    total = sum(len(r.body()) for r in fonts)
    assert 50_000 < total <= FONT_BUDGET, total


def test_the_font_licence_ships_with_the_fonts(site):
    assert "SIL Open Font License" in (site / "theme" / "fonts" / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["", ARTICLE, "people/sergey-lavrov/", "report/", "timeline/", "search/", "people/",
                                  "events/", "data/"])
def test_no_page_scrolls_sideways_on_a_phone(phone, served, path):
    phone.goto(served + path)
    phone.wait_for_load_state("networkidle")
    for opened in phone.locator("details").all():  # the chart's table and the like, opened
        opened.evaluate("d => d.open = true")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_every_table_fits_a_phone(phone, served):
    phone.goto(served + "report/")
    widths = phone.eval_on_selector_all("table", "ts => ts.map(t => t.getBoundingClientRect().right - t.getBoundingClientRect().left)")
    assert widths and max(widths) <= PHONE["width"]
    # ... and a reader does not have to scroll inside them either.
    assert phone.eval_on_selector_all("table", "ts => ts.every(t => t.scrollWidth <= t.clientWidth + 1)")


def test_chart_labels_are_legible_on_a_phone(phone, served):
    phone.goto(served + "people/sergey-lavrov/")
    sizes = phone.eval_on_selector_all(".chart text", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 9  # px on screen (was ~5)


def test_chart_shows_counts_on_the_bars_and_in_a_table(page, served, export):
    page.goto(served + "people/sergey-lavrov/")
    on_bars = [int(t) for t in page.eval_on_selector_all(".chart text.n", "ts => ts.map(t => t.textContent)")]
    lavrov = next(p for p in export["people"] if p["id"] == "sergey-lavrov")
    assert sum(on_bars) == len([a for a in export["articles"] if a["date"] and a["id"] in lavrov["articles"]])
    assert page.locator(".chart-table table td").count() == len(on_bars)


def test_chart_time_axis_spaces_months_by_the_calendar(page, served):
    page.goto(served + "people/sergey-lavrov/")
    bars = page.eval_on_selector_all(".chart rect", "rs => rs.map(r => [r.querySelector('title').textContent, +r.getAttribute('x'), +r.getAttribute('width')])")
    assert len(bars) >= 2
    # Bars sit at x = right edge - (months since the first + 1) * slot: gaps between the
    # bars are whole numbers of slots, one per calendar month.
    slot = bars[0][2] + 2
    gaps = [(a[1] - b[1]) / slot for a, b in zip(bars, bars[1:])]
    assert all(g > 0 and abs(g - round(g)) < 0.01 for g in gaps), gaps
    assert any(round(g) > 1 for g in gaps) or len(bars) == 2  # the sample has an empty month between


def test_timeline_runs_newest_first_at_every_level(page, served):
    page.goto(served + "timeline/")
    dates = page.eval_on_selector_all(".timeline time", "ts => ts.map(t => t.getAttribute('datetime').slice(0, 10))")
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)


def test_wikidata_ids_are_links_to_wikidata(page, served):
    page.goto(served + "places/moscow/")
    link = page.locator("a[href^='https://www.wikidata.org/wiki/Q']")
    assert link.count() == 1 and re.fullmatch(r"Q\d+", link.inner_text())


def test_home_counts_the_people_and_places_the_index_pages_list(page, served):
    from plugins.arabic.numbers import count_ar

    page.goto(served)
    stats = page.inner_text(".intro .stats")
    for path, noun in (("people/", "person"), ("places/", "place")):
        page.goto(served + path)
        listed = page.locator("ul.entity-index").first.locator("li").count()
        assert count_ar(listed, noun) in stats, (stats, path, listed)


@pytest.mark.parametrize("path", ["people/", "places/", "organisations/"])
def test_index_lists_file_hamza_alef_names_under_alef(page, served, path):
    page.goto(served + path)
    for names in page.eval_on_selector_all("ul.entity-index", "uls => uls.map(u => [...u.querySelectorAll('li > a')].map(a => a.textContent))"):
        # Ignoring a bare ال (the article), names starting with any alef come first, together.
        alef = [(n[2:] if n.startswith("ال") else n)[:1] in "اأإآ" for n in names]
        assert alef == sorted(alef, reverse=True), names
    page.goto(served + "people/")
    if "ألكسندر لافرنتييف" in page.content():
        names = page.locator("ul.entity-index li > a").all_inner_texts()
        at = names.index("ألكسندر لافرنتييف")
        assert all((n[2:] if n.startswith("ال") else n)[:1] in "اأإآ" for n in names[:at]), names


WRONG_COUNTS = re.compile(r"\b([3-9]|10) (مقالة|شخصًا|مكانًا|حدثًا|سطرًا|تنبيهًا|منظمة)|\b0 [^\s<]+|\b[12] (مقالة|شخص|مكان|حدث|سطر)\b")


def test_no_page_writes_a_count_against_arabic_grammar(site):
    bad = []
    for html in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
        bad += [(html.relative_to(site).as_posix(), m.group(0)) for m in WRONG_COUNTS.finditer(text)]
    assert not bad, bad[:10]
