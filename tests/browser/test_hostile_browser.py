"""Hostile inputs, opened in real Chromium: no injected script runs (no dialog, no
injected element or global), and no page asks another host for anything."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.conftest import _QuietHandler, build_site, copy_content
from tests.robustness.bad_inputs import catalogue, write_catalogue

pytestmark = pytest.mark.browser
HOSTILE = [c for c in catalogue() if c.kind in ("hostile HTML", "Markdown with raw HTML")]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    content = copy_content(tmp)
    write_catalogue(content / "articles", HOSTILE)
    output = build_site(content, tmp / "output")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("article_id", ["hostile", "raw"])
def test_hostile_article_runs_no_injected_script(page, hostile_site, article_id):
    dialogs, requests, errors = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(f"{hostile_site}articles/{article_id}/")
    assert response.ok
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".body script, .body iframe, .body img, .body svg, .body style").count() == 0
    assert page.evaluate("[...document.querySelectorAll('.body *')].every(e => [...e.attributes].every(a => !a.name.startsWith('on')))")
    assert all(u.startswith(hostile_site) for u in requests), requests
    assert page.locator(".body").inner_text().strip() != ""


def test_hostile_text_is_shown_as_text_and_searchable_safely(page, hostile_site):
    page.goto(f"{hostile_site}search/?q=" + "الخبيث")
    page.wait_for_selector("#results li.result")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#results script, #results img").count() == 0
