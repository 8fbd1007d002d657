"""axe-core finds no accessibility violation on any kind of page, on a desktop (1280×900)
and on a phone (390×844), in Chromium. axe.min.js comes from the axe-playwright-python
package (requirements-dev.txt)."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
# One page of every kind the site writes (the sample archive's ids).
PAGES = {
    "home": "",
    "articles": "articles/",
    "article": "articles/000_5f7054edf341bc2e/",
    "people": "people/",
    "person": "people/sergey-lavrov/",
    "places": "places/",
    "place": "places/moscow/",
    "organisations": "organisations/",
    "organisation": "organisations/russian-foreign-ministry/",
    "events": "events/",
    "event": "events/al-shaibani-visits-moscow/",
    "timeline": "timeline/",
    "sources": "sources/",
    "data": "data/",
    "report": "report/",
    "search": "search/",
    "search-results": "search/?q=لافروف",
    "search-nothing": "search/?q=لافرف",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_finds_no_violation(browser, served, axe_source, kind, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(locale="ar", viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(served + PAGES[kind])
        page.wait_for_load_state("networkidle")
        if kind.startswith("search-"):
            expect(page.locator("#search-status")).to_have_text(re.compile(r"^(?!جارٍ)\S"), timeout=30_000)
        page.evaluate(axe_source + "\n;void 0")  # through DevTools: the page's CSP stays as shipped
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                                   ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))")
    finally:
        context.close()
    assert violations == [], violations
