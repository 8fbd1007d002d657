"""The offline zip: unzip, open index.html from disk (file://), and everything works —
navigation and search — in Chromium and in Firefox ESR, both Debian's."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from tasks import write_zip
from tests.conftest import ROOT, SPEC, build_site

pytestmark = pytest.mark.browser
QUERIES_PATH = SPEC / "search_queries.yaml"
QUERIES = yaml.safe_load(QUERIES_PATH.read_text(encoding="utf-8")) if QUERIES_PATH.exists() else []
FOLDER = "arshif-offline-test"


def _zip(tmp: Path, name: str) -> Path:
    site = build_site(ROOT / "content", tmp / name / FOLDER, OFFLINE=True)
    target = tmp / f"{name}.zip"
    write_zip(site, target, FOLDER, "أرشيف")
    return target


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    return _zip(tmp_path_factory.mktemp("zip"), "first")


@pytest.fixture(scope="session")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(target)
    return target / FOLDER


def test_two_builds_of_the_same_input_give_byte_identical_zips(offline_zip, tmp_path):
    assert _zip(tmp_path, "second").read_bytes() == offline_zip.read_bytes()


def test_zip_holds_an_arabic_readme_beside_the_site(offline_zip):
    with zipfile.ZipFile(offline_zip) as zf:
        names = zf.namelist()
        assert "اقرأني.html" in names and f"{FOLDER}/index.html" in names
        assert "index.html" in zf.read("اقرأني.html").decode("utf-8")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append((tag, value))


def test_every_link_in_the_unzipped_tree_names_an_existing_file(unzipped):
    broken, pages = [], [p for p in unzipped.rglob("*.html")]
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, ref in parser.refs:
            if re.match(r"^(https?:|mailto:|#|\?)", ref):
                assert tag == "a", (page, ref)  # nothing is loaded from another host
                continue
            target = (page.parent / unquote(ref.split("#")[0].split("?")[0])).resolve()
            if not target.is_file():  # a folder opens as a listing from file://, not a page
                broken.append((str(page.relative_to(unzipped)), ref))
    assert len(pages) > 40 and not broken, broken[:20]


def _offline_search(page_or_ff, query):
    return page_or_ff.evaluate("q => window.arshif.search(q)", query)


def test_chromium_walks_home_person_article_event_and_back(page, unzipped):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((unzipped / "index.html").as_uri())
    page.click("nav.site-nav >> text=الأشخاص")
    assert page.url.endswith("people/index.html")
    page.click("text=سيرغي لافروف")
    assert page.url.endswith("people/sergey-lavrov/index.html")
    assert page.inner_text("h1").startswith("سيرغي لافروف")
    page.click(".article-list .title >> nth=0")
    assert re.search(r"articles/[^/]+/index\.html$", page.url)
    page.click(".chips >> text=زيارة الشيباني")
    assert "/events/" in page.url and page.url.endswith("index.html")
    page.click("a.brand")
    assert page.url == (unzipped / "index.html").as_uri()
    assert all(u.startswith("file://") for u in requests), [u for u in requests if not u.startswith("file://")]


@pytest.mark.skipif(not QUERIES, reason="../shared/spec is not beside the project")
def test_chromium_offline_search_matches_every_gold_query(page, unzipped, export):
    page.goto((unzipped / "search" / "index.html").as_uri())
    page.wait_for_function("window.arshif")
    by_url = {a["url"]: a["file"][:3] for a in export["articles"]}
    for case in QUERIES:
        found = {by_url[r["url"]] for r in page.evaluate("q => window.arshif.search(q)", case["query"])}
        assert set(case["expect"]) <= found <= set(case["expect"]) | set(case.get("may", [])), case["query"]


def test_chromium_offline_search_page_ui_shows_results_and_links_to_files(page, unzipped):
    page.goto((unzipped / "search" / "index.html").as_uri() + "?q=" + "حميميم")
    page.wait_for_selector("#results li.result")
    href = page.get_attribute("#results li.result a.title", "href")
    assert href.endswith("index.html")
    page.click("#results li.result a.title")
    assert page.url.endswith("index.html") and "/articles/" in page.url


@pytest.fixture(scope="module")
def firefox():
    if not Path("/usr/bin/firefox-esr").exists():
        pytest.fail("Debian's firefox-esr is not installed: apt-get install -y firefox-esr")
    from tests.browser.bidi import Firefox

    with Firefox() as ff:
        yield ff


@pytest.mark.skipif(not QUERIES, reason="../shared/spec is not beside the project")
def test_firefox_offline_search_matches_every_gold_query(firefox, unzipped, export):
    firefox.navigate((unzipped / "search" / "index.html").as_uri())
    by_url = {a["url"]: a["file"][:3] for a in export["articles"]}
    for case in QUERIES:
        q = case["query"].replace("\\", "\\\\").replace('"', '\\"')
        found = {by_url[r["url"]] for r in firefox.evaluate(f'window.arshif.search("{q}")')}
        assert set(case["expect"]) <= found <= set(case["expect"]) | set(case.get("may", [])), case["query"]


def test_firefox_walks_home_person_article_event_and_back(firefox, unzipped):
    firefox.navigate((unzipped / "index.html").as_uri())
    steps = [
        'document.querySelector("nav.site-nav a[href$=\\"people/index.html\\"]").href',
        'document.querySelector("a[href$=\\"sergey-lavrov/index.html\\"]").href',
        'document.querySelector(".article-list .title").href',
        'document.querySelector(".chips a[href*=\\"events/\\"]").href',
        'document.querySelector("a.brand").href',
    ]
    for step in steps:
        href = firefox.evaluate(step)
        assert href.startswith("file://") and href.endswith("index.html"), href
        firefox.navigate(href)
        assert firefox.evaluate("document.documentElement.lang") == "ar"
    assert firefox.evaluate("location.href") == (unzipped / "index.html").as_uri()
