"""Acceptance: what a correct build makes of the five seeds (../shared/spec/seeds_gold.yaml),
judged on the data export and the pages as ../shared/spec/README.md defines."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import SPEC

GOLD_PATH = SPEC / "seeds_gold.yaml"
pytestmark = pytest.mark.skipif(not GOLD_PATH.exists(), reason="../shared/spec is not beside the project")
GOLD = yaml.safe_load(GOLD_PATH.read_text(encoding="utf-8")) if GOLD_PATH.exists() else {"articles": [], "people": {}, "events": []}
ARTICLE_IDS = [a["file"][:3] for a in GOLD["articles"]]


@pytest.fixture(scope="module")
def by_file(export):
    return {a["file"]: a for a in export["articles"]}


def _gold(prefix):
    return next(a for a in GOLD["articles"] if a["file"].startswith(prefix))


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_title_follows_gold(by_file, prefix):
    gold, title = _gold(prefix), by_file[_gold(prefix)["file"]]["title"]
    rules = gold["title"]
    if "equals" in rules:
        assert title == rules["equals"]
    if "starts_with" in rules:
        assert title.startswith(rules["starts_with"]), title
    if "contains" in rules:
        assert rules["contains"] in title, title
    if "not_contains" in rules:
        assert rules["not_contains"] not in title, title
    if "max_chars" in rules:
        assert len(title) <= rules["max_chars"], title


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_source_and_section_follow_gold(by_file, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    if "source" in gold:
        assert article["source"] == gold["source"]
    if "section" in gold:
        assert article["section"] == gold["section"]


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_people_equal_gold_and_places_include_gold(by_file, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    assert sorted(article["people"]) == sorted(gold["people"])
    assert set(gold["places_include"]) <= set(article["places"]), article["places"]


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_publication_date_follows_gold(by_file, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    assert article["date"] is not None and article["date"].startswith(gold["date"]["value"])
    assert article["date_source"] == gold["date"]["from"]


def _matches(mention, rule):
    return mention["value"] == rule["value"] and (rule["text"] in mention["text"] or mention["text"] in rule["text"])


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_date_mentions_follow_gold(by_file, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    rules = gold["date_mentions"]
    mentions = article["date_mentions"]
    for mention in mentions:
        assert article["text"][mention["start"]:mention["end"]] == mention["text"]
    for required in rules.get("required", []):
        assert any(_matches(m, required) for m in mentions), (required, mentions)
    allowed = rules.get("required", []) + rules.get("optional", [])
    for mention in mentions:
        assert any(_matches(mention, rule) for rule in allowed), ("unexpected mention", mention)
    for value in rules.get("forbidden_values", []):
        assert all(m["value"] != value for m in mentions)


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_headings_follow_gold_and_render_as_headings(by_file, site, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    assert article["headings"] == gold["headings"]
    html = (site / article["url"] / "index.html").read_text(encoding="utf-8")
    rendered = re.findall(r'<div class="body">(.*?)</div>', html, re.S)[0]
    assert [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", rendered)] == gold["headings"]


@pytest.mark.parametrize("prefix", ARTICLE_IDS)
def test_body_text_follows_gold(by_file, prefix):
    gold, article = _gold(prefix), by_file[_gold(prefix)["file"]]
    text = article["text"]
    blocks = text.split("\n\n")
    for phrase in gold.get("body_must_contain", []):
        assert phrase in text, phrase
    for phrase in gold.get("body_must_not_contain", []):
        assert phrase not in text, phrase
    for block in gold.get("no_block_equals", []):
        assert block not in [b.strip() for b in blocks]
    for phrase in gold.get("at_most_once", []):
        assert text.count(phrase) <= 1, phrase


@pytest.mark.parametrize("gold_event", GOLD["events"], ids=[e["date"] for e in GOLD["events"]])
def test_gold_event_exists_with_its_articles(export, gold_event):
    id_of = {a["file"]: a["id"] for a in export["articles"]}
    wanted = {id_of[f] for f in gold_event["articles_include"]}
    assert any(e["date"] == gold_event["date"] and wanted <= set(e["articles"]) for e in export["events"]), \
        [(e["date"], e["articles"]) for e in export["events"]]


def test_every_gold_person_is_in_the_export_with_a_page(export, site):
    people = {p["id"]: p for p in export["people"]}
    for ident, gold in GOLD["people"].items():
        assert ident in people, ident
        assert people[ident]["name"] == gold["name"]
        assert people[ident]["name_en"] == gold["name_en"]
        assert (site / people[ident]["url"] / "index.html").exists()
