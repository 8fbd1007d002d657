"""The web's conventions: descriptions, link previews, JSON-LD, sitemap, robots.txt, citation."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from plugins.arabic import clean_line
from plugins.entities.model import Entity
from plugins.pages.seo import (SITEMAP_MAX_URLS, about_and_mentions, citation, entity_ld, event_ld, json_ld,
                               meta_description, news_article_ld, open_graph, pages_in_output, robots_txt,
                               sitemap_xml, sitemaps, twitter_card, wikidata_url)

SITE = "https://archive.example/ar/"
LAVROV = Entity("sergey-lavrov", "person", "سيرغي لافروف", "Sergey Lavrov", ["لافروف"],
                roles=["وزير الخارجية الروسي"], wikidata="Q159555")
DAMASCUS = Entity("damascus", "place", "دمشق", "Damascus", wikidata="https://www.wikidata.org/wiki/Q3766")
UN = Entity("un", "organisation", "الأمم المتحدة", "United Nations")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_script(text: str):
    """What a browser hands a JSON-LD consumer: the text between the script tags."""
    html = f'<script type="application/ld+json">{text}</script>'
    body = re.fullmatch(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert body is not None, "the JSON closed the script element early"
    return json.loads(body.group(1))


# --- description and previews ---------------------------------------------------------------

def test_description_short_text_is_kept_on_one_line():
    assert meta_description("  سطر أول\n\nسطر   ثانٍ ") == "سطر أول سطر ثانٍ"


def test_description_long_text_is_cut_at_a_word_within_the_limit():
    text = " ".join(["الحكومة"] * 60)
    description = meta_description(text, limit=160)
    assert len(description) <= 160 and description.endswith("الحكومة…")


def test_description_of_nothing_is_empty():
    assert meta_description(None) == ""


def test_open_graph_article_has_type_time_section_and_absolute_url():
    tags = open_graph("article", title="ع", description="و", path="articles/a1/", site_name="أرشيف",
                      site_url=SITE, published="2025-07-31", section="سياسة")
    assert tags == {"og:type": "article", "og:title": "ع", "og:description": "و", "og:site_name": "أرشيف",
                    "og:locale": "ar_AR", "og:url": "https://archive.example/ar/articles/a1/",
                    "article:published_time": "2025-07-31", "article:section": "سياسة"}


def test_open_graph_without_site_url_has_no_url_and_other_kinds_are_websites():
    tags = open_graph("place", title="دمشق", description="", path="places/damascus/", site_name="أرشيف")
    assert tags["og:type"] == "website" and "og:url" not in tags and "og:description" not in tags


def test_person_page_is_an_open_graph_profile():
    assert open_graph("person", title="x", description="y", path="people/x/", site_name="s")["og:type"] == "profile"


def test_twitter_card_is_a_summary_card():
    assert twitter_card(title="ع", description="و") == {
        "twitter:card": "summary", "twitter:title": "ع", "twitter:description": "و"}


# --- JSON-LD --------------------------------------------------------------------------------------

def test_news_article_json_ld_types_and_required_properties():
    title = "لافروف: لا حل في سوريا دون حوار"
    about, mentions = about_and_mentions(title, [LAVROV, DAMASCUS, UN])
    data = parse_script(json_ld(news_article_ld(
        headline=title, path="articles/a1/", site_url=SITE, date="2025-02-12T23:11", publisher="الثورة",
        description="ملخص", section="سياسة", source_url="https://thawra.sy/a1", about=about, mentions=mentions,
        site_name="أرشيف")))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == title and data["datePublished"] == "2025-02-12T23:11"
    assert data["inLanguage"] == "ar" and data["url"] == "https://archive.example/ar/articles/a1/"
    assert data["publisher"] == {"@type": "Organization", "name": "الثورة"}
    assert data["sameAs"] == "https://thawra.sy/a1"
    assert [(n["@type"], n["name"], n.get("sameAs")) for n in data["about"]] == [
        ("Person", "سيرغي لافروف", "https://www.wikidata.org/wiki/Q159555")]
    assert [(n["@type"], n["name"], n.get("sameAs")) for n in data["mentions"]] == [
        ("Place", "دمشق", "https://www.wikidata.org/wiki/Q3766"), ("Organization", "الأمم المتحدة", None)]


def test_news_article_date_keeps_its_precision():
    assert news_article_ld(headline="x", path="articles/x/", date="2025-07")["datePublished"] == "2025-07"


def test_news_article_without_site_url_has_no_relative_urls():
    data = news_article_ld(headline="x", path="articles/x/", about=[LAVROV])
    assert "url" not in data and "@id" not in data and "url" not in data["about"][0]


def test_news_article_undated_without_source_has_no_empty_properties():
    data = news_article_ld(headline="x", path="articles/x/", source_url="javascript:alert(1)")
    assert set(data) == {"@context", "@type", "headline", "inLanguage"}


def test_headline_entities_are_about_the_rest_mentioned_with_clitics_and_hamza():
    about, mentions = about_and_mentions("ولافروف يصل الى دمشق", [LAVROV, DAMASCUS, UN])
    assert about == [LAVROV, DAMASCUS] and mentions == [UN]


def test_person_json_ld_has_names_roles_and_wikidata():
    data = parse_script(json_ld(entity_ld(LAVROV, site_url=SITE, description="وزير")))
    assert data["@type"] == "Person" and data["name"] == "سيرغي لافروف"
    assert data["alternateName"] == ["Sergey Lavrov", "لافروف"] and data["jobTitle"] == ["وزير الخارجية الروسي"]
    assert data["sameAs"] == "https://www.wikidata.org/wiki/Q159555"
    assert data["url"] == "https://archive.example/ar/people/sergey-lavrov/"


@pytest.mark.parametrize("entity, kind", [(DAMASCUS, "Place"), (UN, "Organization")])
def test_place_and_organisation_json_ld_types(entity, kind):
    data = parse_script(json_ld(entity_ld(entity)))
    assert data["@context"] == "https://schema.org" and data["@type"] == kind and data["name"] == entity.name
    assert "jobTitle" not in data


def test_event_json_ld_has_dates_location_and_about():
    data = parse_script(json_ld(event_ld(name="مؤتمر", path="events/e1/", start="2025-02-23", end="2025-02-24",
                                         site_url=SITE, places=[DAMASCUS], people=[LAVROV])))
    assert data["@type"] == "Event" and data["name"] == "مؤتمر"
    assert (data["startDate"], data["endDate"]) == ("2025-02-23", "2025-02-24")
    assert data["location"]["@type"] == "Place" and data["about"][0]["@type"] == "Person"


def test_one_day_event_has_no_end_date():
    assert "endDate" not in event_ld(name="x", path="events/x/", start="2025-02-23", end="2025-02-23")


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!--", "a\u2028b\u2029c", "</SCRIPT>"])
def test_json_ld_cannot_close_its_script_and_reads_back_the_same(hostile):
    text = json_ld(news_article_ld(headline=hostile, path="articles/x/"))
    assert "<" not in text and "\u2028" not in text and "\u2029" not in text
    assert parse_script(text)["headline"] == hostile


@pytest.mark.parametrize("value, url", [
    ("Q7747", "https://www.wikidata.org/wiki/Q7747"),
    ("http://www.wikidata.org/entity/Q7747", "https://www.wikidata.org/wiki/Q7747"),
    ("Q0", None), ("javascript:Q1", None), (7747, None), (None, None),
])
def test_wikidata_ids_and_urls(value, url):
    assert wikidata_url(value) == url


# --- sitemap and robots.txt --------------------------------------------------------------------

def test_sitemap_lists_absolute_escaped_urls_once_in_order():
    xml = sitemap_xml(["", "articles/مقال/", "a&b/", ""], SITE)
    locs = [e.text for e in ET.fromstring(xml).findall("s:url/s:loc", NS)]
    assert locs == ["https://archive.example/ar/", "https://archive.example/ar/articles/%D9%85%D9%82%D8%A7%D9%84/",
                    "https://archive.example/ar/a&b/"]


@pytest.mark.parametrize("site_url", ["", None, "/ar", "archive.example", "file:///tmp/site"])
def test_no_sitemap_without_an_absolute_site_url(site_url):
    assert sitemap_xml(["articles/x/"], site_url) is None and sitemaps(["x/"], site_url) is None


def test_many_urls_become_an_index_of_sitemaps(monkeypatch):
    monkeypatch.setattr("plugins.pages.seo.SITEMAP_MAX_URLS", 2)
    files = sitemaps(["a/", "b/", "c/"], SITE)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    index = [e.text for e in ET.fromstring(files["sitemap.xml"]).findall("s:sitemap/s:loc", NS)]
    assert index == ["https://archive.example/ar/sitemap-1.xml", "https://archive.example/ar/sitemap-2.xml"]
    assert len(ET.fromstring(files["sitemap-2.xml"]).findall("s:url", NS)) == 1


def test_few_urls_are_one_sitemap():
    assert list(sitemaps(["a/"] * 3, SITE)) == ["sitemap.xml"] and SITEMAP_MAX_URLS == 50_000


def test_robots_txt_names_the_sitemap_under_the_site_path():
    assert robots_txt(SITE) == ("User-agent: *\nDisallow: /ar/pagefind/\nAllow: /\n\n"
                                "Sitemap: https://archive.example/ar/sitemap.xml\n")


def test_robots_txt_without_site_url_has_no_sitemap_line():
    assert robots_txt("") == "User-agent: *\nDisallow: /pagefind/\nAllow: /\n"


def test_pages_in_output_lists_real_pages_only(tmp_path):
    def page(rel, head=""):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><head>{head}</head><body></body></html>", encoding="utf-8")

    page("index.html")
    page("articles/a1/index.html")
    page("articles/old/index.html", '<meta http-equiv="refresh" content="0; url=../a1/">')
    page("report/index.html", '<meta name="robots" content="noindex">')
    page("404.html")
    page("pagefind/x.html")
    page("data/offline.html")
    (tmp_path / "articles/a1/original.txt").write_text("x")
    assert pages_in_output(tmp_path) == ["", "articles/a1/", "data/offline.html"]


# --- citation --------------------------------------------------------------------------------------

def test_citation_names_publisher_title_date_archive_url_and_access_date():
    cite = citation(title="عنوان", path="articles/a1/", accessed="2026-11-29", site_name="أرشيف",
                    publisher="الثورة", date="2025-07-31", site_url=SITE)
    assert cite.text == ("الثورة. «عنوان». 31 تموز/يوليو 2025. أرشيف: https://archive.example/ar/articles/a1/ "
                         "(تاريخ الاطلاع: 29 تشرين الثاني/نوفمبر 2026).")
    assert cite.url == "https://archive.example/ar/articles/a1/"


def test_citation_undated_without_publisher_or_site_url():
    cite = citation(title="عنوان", path="articles/a1/", accessed="2026-11-29", site_name="أرشيف")
    assert cite.text == "«عنوان». د.ت. أرشيف: articles/a1/ (تاريخ الاطلاع: 29 تشرين الثاني/نوفمبر 2026)."
    assert cite.publisher is None and cite.date is None


def test_favicon_is_a_tiny_self_contained_svg():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "theme" / "static" / "favicon.svg"
    data = path.read_bytes()
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and len(data) < 1024
    assert b"href" not in data and b"<text" not in data  # no other file, no font needed to draw the mark


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=1200),
       st.text(alphabet=st.sampled_from(list("ab سوريا\u00a0\u200b\u200f\t\n\u2003.،-…")), max_size=300),
       st.integers(min_value=1, max_value=200))
def test_a_description_cut_from_the_head_of_a_long_text_is_the_one_cut_from_all_of_it(blank, words, limit):
    text = (" \u200b\n\u200f" * blank)[:blank] + words   # a head of blank or invisible characters
    from plugins.pages.seo import _cut

    # the rule applied to the whole text, as before the head was cut first
    assert meta_description(text, limit) == _cut(clean_line(" ".join(text.split())), limit)
