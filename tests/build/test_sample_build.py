"""The sample archive builds into a complete right-to-left site whose data export keeps
the contract of ../shared/spec/README.md."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

ARTICLE_FIELDS = {"id", "file", "url", "title", "date", "date_source", "source", "section", "people", "places",
                  "organisations", "events", "headings", "text", "date_mentions", "removed"}


def _page(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or url == "" else site / url


def test_every_page_kind_is_written(site):
    for url in ["", "articles/", "people/", "places/", "organisations/", "events/", "timeline/", "sources/",
                "search/", "data/", "report/", "people/sergey-lavrov/", "places/moscow/", "sources/al-thawra/"]:
        assert _page(site, url).exists(), url
    assert (site / "404.html").exists()


def test_article_export_has_exactly_the_spec_fields(export):
    assert len(export["articles"]) == 5
    for article in export["articles"]:
        assert set(article) == ARTICLE_FIELDS
        assert article["url"] == f"articles/{article['id']}/"
        for mention in article["date_mentions"]:
            assert set(mention) == {"text", "value", "start", "end"}
        for removed in article["removed"]:
            assert set(removed) == {"text", "reason"} and removed["reason"]


def test_entity_and_event_exports_have_the_spec_fields(export):
    for kind in ("people", "places", "organisations"):
        for entity in export[kind]:
            assert set(entity) == {"id", "name", "name_en", "aliases", "url", "articles"}
    for event in export["events"]:
        # The spec's fields, then Arshif's documented additions (README "Data export").
        assert set(event) == {"id", "title", "date", "url", "articles", "people", "places",
                              "curated", "organisations", "sources", "redirect_from"}


def test_every_url_in_the_export_exists(site, export):
    for kind, items in export.items():
        for item in items:
            assert _page(site, item["url"]).exists(), (kind, item["url"])


def test_article_ids_come_from_file_stems(export):
    for article in export["articles"]:
        assert article["id"] == Path(article["file"]).stem.lower()


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.html_attrs = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        for name in ("href", "src"):
            if attrs.get(name):
                self.refs.append((tag, attrs.get("rel"), attrs[name]))


def _all_pages(site):
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def test_every_page_is_arabic_rtl_and_requests_nothing_from_another_host(site):
    for page in _all_pages(site):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.html_attrs == {"lang": "ar", "dir": "rtl"}, page
        for tag, rel, ref in parser.refs:
            if tag == "a":
                continue  # links are followed only when a reader clicks
            assert not re.match(r"^(https?:)?//", ref), (page, ref)


def test_internal_links_resolve(site):
    broken = []
    for page in _all_pages(site):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, rel, ref in parser.refs:
            if re.match(r"^(https?:|mailto:|#)", ref) or ref.startswith("?"):
                continue
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), ref))
    assert not broken, broken[:20]


def test_css_uses_logical_properties_only(site):
    css = (site / "theme" / "css" / "arshif.css").read_text(encoding="utf-8")
    physical = re.findall(r"(?<![-\w])(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)", css)
    assert not physical


def test_article_page_links_first_mentions_and_the_original(site, export):
    article = next(a for a in export["articles"] if a["file"].startswith("000"))
    html = (site / article["url"] / "index.html").read_text(encoding="utf-8")
    assert html.count('href="../../people/sergey-lavrov/"') >= 1
    assert 'href="original.txt"' in html
    original = (site / article["url"] / "original.txt").read_text(encoding="utf-8")
    assert original.startswith("لافروف عقب لقائه الشيباني")


def test_build_report_lists_every_input(site):
    report = json.loads((site / "data" / "report.json").read_text(encoding="utf-8"))
    files = {i["file"] for i in report["inputs"]}
    assert {f"00{n}_" for n in range(5)} == {f[:4] for f in files}
    assert report["counts"]["built"] == 5


def test_pagefind_index_is_written(site):
    assert (site / "pagefind" / "pagefind.js").exists()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 5


def test_long_entity_lists_are_split_into_numbered_pages(tmp_path):
    from tests.conftest import ROOT, build_site

    out = build_site(ROOT / "content", tmp_path / "out", ARSHIF_ENTITY_PAGE_SIZE=2)
    first = (out / "people" / "sergey-lavrov" / "index.html").read_text(encoding="utf-8")
    second = (out / "people" / "sergey-lavrov" / "2" / "index.html").read_text(encoding="utf-8")
    assert first.count('class="article-item"') == 2 and second.count('class="article-item"') == 2
    assert 'href="../../../people/sergey-lavrov/"' in second and 'aria-current="page">2<' in second
    # the lists' windowed navigation (listing.page_nav), previous and next included
    assert 'rel="next" href="../../people/sergey-lavrov/2/"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="../../../people/sergey-lavrov/"' in second and 'rel="next"' not in second
    assert not (out / "people" / "sergey-lavrov" / "3").exists()


def test_a_renamed_article_id_keeps_a_redirect_from_the_old_url(tmp_path):
    from tests.conftest import build_site, copy_content

    content = copy_content(tmp_path)
    sidecar = content / "articles" / "002_2ac46bbe3c7d16b3.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "slug: lavrov-invites-shaibani\nredirect_from: [002_2ac46bbe3c7d16b3]\n",
                       encoding="utf-8")
    out = build_site(content, tmp_path / "out", ARSHIF_SEARCH=False)
    assert (out / "articles" / "lavrov-invites-shaibani" / "index.html").exists()
    old = (out / "articles" / "002_2ac46bbe3c7d16b3" / "index.html").read_text(encoding="utf-8")
    assert 'url=../../articles/lavrov-invites-shaibani/' in old
