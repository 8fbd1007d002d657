"""Real collections (issue 17): an archive from a metadata.csv, the sitemap, JSON-LD."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT, build_site

ARTICLE = "عنوان الخبر {n}\n\nقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المحادثات كانت جيدة ({n}).\n"
SITE_URL = "https://archive.example.org/arshif"


@pytest.fixture(scope="module")
def csv_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("csv")
    content = tmp / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "data", content / "data")
    for n in range(1, 5):
        (content / "articles" / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (content / "articles" / "metadata.csv").write_text(
        "file,date,publisher,category,url,collection\n"
        "a1.txt,2018-04-10T23:40:03+03:00,الثورة,سياسة,https://example.org/a1,دفعة أولى\n"
        "a2.txt,2018-04,BBC Arabic (bbc.com/arabic),دولي,,دفعة أولى\n"
        "a3.txt,not a date,,,,\n"
        "missing.txt,2018-01-01,,,,\n", encoding="utf-8")
    return build_site(content, tmp / "output", SITEURL=SITE_URL)


def _articles(site):
    return {a["file"]: a for a in json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))}


def _report(site):
    return json.loads((site / "data" / "report.json").read_text(encoding="utf-8"))


def test_a_metadata_csv_gives_dates_sources_and_sections(csv_site):
    articles = _articles(csv_site)
    assert (articles["a1.txt"]["date"], articles["a1.txt"]["date_source"]) == ("2018-04-10T23:40", "manifest")
    assert articles["a1.txt"]["source"] == "الثورة" and articles["a1.txt"]["section"] == "سياسة"
    assert articles["a1.txt"]["extra"] == {"collection": "دفعة أولى"}
    assert articles["a2.txt"]["date"] == "2018-04"


def test_manifest_problems_are_warnings_naming_the_manifest_and_line(csv_site):
    warnings = " ".join(_report(csv_site)["warnings"])
    assert "metadata.csv" in warnings
    assert "not a date" in warnings            # a bad date, with the row
    assert "missing.txt" in warnings           # a row for no file
    assert "a4.txt" in warnings                # a file in no row


def test_a_latin_publisher_with_its_site_finds_its_sources_yaml_entry(csv_site):
    page = (csv_site / "articles" / "a2" / "index.html").read_text(encoding="utf-8")
    assert "sources/bbc-arabic/" in page


def test_the_report_says_what_a_curator_should_do(csv_site):
    advice = _report(csv_site)["advice"]
    assert advice["undated"]["count"] == 2 and "a3.txt" in advice["undated"]["files"]
    assert advice["undated"]["manifests"] == ["metadata.csv"]
    assert "ما يمكن فعله بعد" in (csv_site / "report" / "index.html").read_text(encoding="utf-8")


def test_the_sitemap_lists_every_page_and_nothing_else(csv_site):
    tree = ElementTree.parse(csv_site / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs)) and all(loc.startswith(SITE_URL + "/") for loc in locs)
    listed = {loc[len(SITE_URL) + 1:] for loc in locs}
    for path in listed:  # nothing that does not exist
        assert (csv_site / (path + "index.html" if path.endswith("/") or path == "" else path)).is_file(), path
    pages = set()
    for html in csv_site.rglob("index.html"):
        rel = html.relative_to(csv_site).as_posix()
        if rel.startswith(("theme/", "pagefind/")) or 'http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue
        pages.add(rel[: -len("index.html")])
    assert pages == listed  # every page
    robots = (csv_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots


def _json_ld(page: Path) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert match, page
    return json.loads(match.group(1))


def test_article_pages_carry_news_article_json_ld_and_link_previews(csv_site):
    page = csv_site / "articles" / "a1" / "index.html"
    data = _json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] and data["datePublished"] == "2018-04-10T23:40"
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "الثورة"
    assert {m["@type"] for m in data.get("about", []) + data.get("mentions", [])} >= {"Person", "Place"}
    html = page.read_text(encoding="utf-8")
    for tag in ('<meta name="description"', '<meta property="og:title"', '<meta property="og:url" content="https://',
                '<meta name="twitter:card"', "كيف تستشهد بهذه المادة", "favicon.svg"):
        assert tag in html, tag


def test_entity_and_event_pages_carry_their_json_ld(site):
    person = _json_ld(site / "people" / "sergey-lavrov" / "index.html")
    assert person["@type"] == "Person" and person["name"]
    event = _json_ld(site / "events" / "al-shaibani-visits-moscow" / "index.html")
    assert event["@type"] == "Event" and event["startDate"] == "2025-07-31"
