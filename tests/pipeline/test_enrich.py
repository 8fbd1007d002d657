"""enrich(): one input -> one ArticleRecord, precedence field by field, never a traceback."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from plugins import enrich as enrich_module
from plugins.enrich import (ArticleInput, enrich, enrich_file, given_ids, load_context, pick_text,
                            publication_date, web_url)
from plugins.readers.core import plan_inputs
from tests.conftest import ROOT

DATA = ROOT / "content" / "data"
TEXT = "عنوان الخبر\n\nقال وزير الخارجية الروسي سيرغي لافروف في موسكو اليوم إن المحادثات كانت جيدة.\n"


@pytest.fixture(scope="module")
def context():
    return load_context(DATA)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _record(folder: Path, context, name="a.txt", manifest=None):
    plan = plan_inputs(folder)
    planned = next(p for p in plan.inputs if p.file == name)
    return enrich(ArticleInput(planned, str(folder.resolve()), manifest or {}), context)


def test_sidecar_beats_manifest_beats_detection_field_by_field():
    warnings: list[str] = []
    layers = [("sidecar", {"title": "من الملف الجانبي"}, "a.yaml"),
              ("manifest", {"title": "من البيان", "source": "الثورة"}, "manifest.jsonl")]
    assert pick_text("title", layers, warnings) == ("من الملف الجانبي", "sidecar")
    assert pick_text("source", layers, warnings) == ("الثورة", "manifest")
    assert pick_text("section", layers, warnings) == (None, "none")
    assert warnings == []


def test_a_bad_sidecar_date_falls_back_to_the_manifest_with_a_warning():
    warnings: list[str] = []
    layers = [("sidecar", {"date": "2025-02-30"}, "a.yaml"), ("manifest", {"date": "2018-04-10"}, "m")]
    published, origin = publication_date(layers, None, {}, warnings)
    assert (published.value, origin) == ("2018-04-10", "manifest")
    assert len(warnings) == 1 and "2025-02-30" in warnings[0] and "a.yaml" in warnings[0]


def test_the_dateline_then_the_page_metadata_date_when_no_curator_gave_one():
    published, origin = publication_date([], None, {"date": "2016-03-01"}, [])
    assert (published.value, origin) == ("2016-03-01", "page")
    assert publication_date([], None, {}, []) == (None, "none")


def test_curator_text_loses_bidi_controls_and_rejects_lists(context):
    warnings: list[str] = []
    layers = [("sidecar", {"title": "\u202eعنوان\u200f", "source": ["a", "b"], "section": 42}, "a.yaml")]
    assert pick_text("title", layers, warnings)[0] == "عنوان"
    assert pick_text("source", layers, warnings)[0] is None
    assert pick_text("section", layers, warnings)[0] == "42"
    assert len(warnings) == 1 and "'source' must be plain text" in warnings[0]


def test_a_sidecar_naming_a_person_by_an_old_redirect_id_keeps_the_person(context):
    gazetteer = context.gazetteer
    person = next(e for e in gazetteer.entities.values() if e.kind == "person")
    gazetteer.redirects["old-spelling-of-someone"] = person.id
    try:
        warnings: list[str] = []
        assert given_ids(["old-spelling-of-someone"], "people", gazetteer, "person", "a.yaml", warnings) == [person.id]
        assert warnings == []
    finally:
        del gazetteer.redirects["old-spelling-of-someone"]


def test_an_unknown_sidecar_id_is_a_warning_naming_the_file(context):
    warnings: list[str] = []
    assert given_ids(["nobody-here"], "people", context.gazetteer, "person", "a.yaml", warnings) == []
    assert "a.yaml" in warnings[0] and "nobody-here" in warnings[0]


def test_only_http_addresses_become_links():
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("javascript:alert(1)") is None
    assert web_url("file:///etc/passwd") is None
    assert web_url(["https://x"]) is None


def test_a_plain_text_article_becomes_a_full_record(tmp_path, context):
    _write(tmp_path, "a.txt", TEXT)
    record = _record(tmp_path, context)
    assert record.built and record.title == "عنوان الخبر" and record.title_from == "headline"
    assert "sergey-lavrov" in record.people and "moscow" in record.places
    for m in record.entity_mentions:
        assert record.text[m.start:m.end] == m.text
    assert pickle.loads(pickle.dumps(record)) == record


def test_manifest_values_fill_what_the_sidecar_does_not_give(tmp_path, context):
    _write(tmp_path, "a.txt", TEXT)
    _write(tmp_path, "a.yaml", "source: الثورة\n")
    record = _record(tmp_path, context, manifest={"date": "2018-04-10", "source": "بي بي سي", "section": "سياسة",
                                                  "extra:country": "سوريا"})
    assert (record.date, record.date_source) == ("2018-04-10", "manifest")
    assert (record.source, record.source_from) == ("الثورة", "sidecar")
    assert record.section == "سياسة"
    assert record.extra == {"country": "سوريا"}


def test_an_unquoted_impossible_sidecar_date_is_one_warning_not_a_lost_article(tmp_path, context):
    _write(tmp_path, "a.txt", TEXT)
    _write(tmp_path, "a.yaml", "date: 2025-02-30\n")
    record = _record(tmp_path, context)
    assert record.built and record.date is None
    assert any("2025-02-30" in w for w in record.warnings)


def test_front_matter_with_an_impossible_date_still_builds_the_markdown_article(tmp_path, context):
    _write(tmp_path, "a.md", "---\ndate: 2025-02-30\ntitle: عنوان\n---\n\n" + TEXT)
    record = _record(tmp_path, context, name="a.md")
    assert record.built and record.title == "عنوان" and record.date is None
    assert any("2025-02-30" in w for w in record.warnings)


def test_an_unexpected_failure_becomes_a_skipped_record_naming_the_file(tmp_path, context, monkeypatch):
    _write(tmp_path, "a.txt", TEXT)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(enrich_module, "clean_article", broken)
    record = _record(tmp_path, context)
    assert record.status == "skipped"
    assert record.problem.startswith("a.txt:") and "RuntimeError" in record.problem


def test_enrich_file_plans_one_file_like_the_build(tmp_path, context):
    _write(tmp_path, "a.txt", TEXT)
    assert enrich_file(tmp_path / "a.txt", tmp_path, context) == _record(tmp_path, context)


def test_the_cache_key_changes_with_the_input_the_sidecar_the_manifest_and_the_data(tmp_path, context):
    path = _write(tmp_path, "a.txt", TEXT)
    planned = plan_inputs(tmp_path).inputs[0]
    base = ArticleInput(planned, str(tmp_path)).cache_key(context)
    assert ArticleInput(planned, str(tmp_path)).cache_key(context) == base
    assert ArticleInput(planned, str(tmp_path), {"date": "2018"}).cache_key(context) != base
    path.write_text(TEXT + "فقرة.\n", encoding="utf-8")
    assert ArticleInput(planned, str(tmp_path)).cache_key(context) != base
    _write(tmp_path, "a.yaml", "date: 2018\n")
    replanned = plan_inputs(tmp_path).inputs[0]
    assert ArticleInput(replanned, str(tmp_path)).cache_key(context) != ArticleInput(planned, str(tmp_path)).cache_key(context)
    other = tmp_path / "data"
    other.mkdir()
    (other / "people.yaml").write_text("- id: x\n  name: س\n", encoding="utf-8")
    assert load_context(other).fingerprint != context.fingerprint
