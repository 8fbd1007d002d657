"""The offline variant opened from disk (file://): the header search box works in Chromium
and in Firefox ESR (the page's CSP lets a form go from one file: page to another), and a
broken search file gives an Arabic message, not an engine error."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.browser
QUERY = "حميميم"  # one article of the sample archive


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    return build_site(ROOT / "content", tmp_path_factory.mktemp("offline-ui") / "site", OFFLINE=True)


def test_chromium_header_search_from_disk_opens_search_with_results(page, offline_site):
    page.goto((offline_site / "people" / "index.html").as_uri())
    page.fill("#header-q", QUERY)
    page.press("#header-q", "Enter")
    page.wait_for_selector("#results li.result")
    assert page.url.startswith((offline_site / "search" / "index.html").as_uri())
    assert unquote(page.url).endswith("?q=" + QUERY)
    assert page.input_value("#header-q") == QUERY


@pytest.fixture(scope="module")
def firefox():
    if not Path("/usr/bin/firefox-esr").exists():
        pytest.fail("Debian's firefox-esr is not installed: apt-get install -y firefox-esr")
    from tests.browser.bidi import Firefox

    with Firefox() as ff:
        yield ff


def _wait(firefox, expression, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = firefox.evaluate(expression)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {expression}")


def test_firefox_header_search_from_disk_opens_search_with_results(firefox, offline_site):
    firefox.navigate((offline_site / "people" / "index.html").as_uri())
    firefox.evaluate('(() => { const f = document.querySelector("form.header-search"); '
                     f'f.q.value = "{QUERY}"; f.requestSubmit(); return true; }})()')
    _wait(firefox, 'location.pathname.endsWith("/search/index.html") && document.readyState === "complete"')
    assert _wait(firefox, 'document.querySelectorAll("#results li.result").length') == 1
    assert firefox.evaluate('document.getElementById("header-q").value') == QUERY


def test_firefox_from_disk_loads_the_shipped_typeface(firefox, offline_site):
    firefox.navigate((offline_site / "index.html").as_uri())
    _wait(firefox, "document.fonts.status === 'loaded'")
    assert firefox.evaluate("[...document.fonts].some(f => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded')")


def test_a_missing_search_engine_file_is_reported_in_arabic(page, offline_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(offline_site, broken)
    for wasm in (broken / "pagefind-offline" / "files").glob("wasm.*.js"):
        wasm.unlink()
    page.goto((broken / "search" / "index.html").as_uri() + "?q=" + QUERY)
    expect(page.locator("#search-status")).to_have_text(re.compile("^تعذّر البحث"), timeout=30_000)
    assert "index.html" in page.inner_text("#search-help")  # what to do: open the unzipped folder's index.html
