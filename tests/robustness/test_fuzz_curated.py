"""Hypothesis over what curators write: sidecar and front-matter values, manifest rows and
the curated YAML files. Whatever the values, no traceback, and every input is accounted for
(a record, built or skipped with a message naming its file)."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.enrich import ArticleInput, enrich, load_context
from plugins.entities.gazetteer import load_gazetteer
from plugins.events.core import build_events
from plugins.pages.core import SourceCatalog
from plugins.readers.core import PlannedInput
from plugins.yamlfile import YamlError, load_yaml
from tests.conftest import ROOT

ARTICLE = "عنوان الخبر\n\nقال وزير الخارجية الروسي سيرغي لافروف في موسكو اليوم الأربعاء إن المحادثات جيدة.\n"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["2025-02-30", "2025-13-01", "0000-00-00", "..",
                                                           "../../x", "feed.xml", "\u202e", "sergey-lavrov"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=10)
KEYS = ["title", "date", "source", "source_url", "section", "slug", "lead", "people", "places",
        "organisations", "redirect_from", "note", "extra:x"]
given_values = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)

CONTEXT = load_context(ROOT / "content" / "data")


@SETTINGS
@given(sidecar=given_values, manifest=given_values)
def test_any_sidecar_and_manifest_values_give_a_record_never_an_exception(tmp_path_factory, sidecar, manifest):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    planned = PlannedInput(str(folder / "a.txt"), "a.txt", "text", "a", sidecar, b"", ())
    record = enrich(ArticleInput(planned, str(folder), manifest), CONTEXT)
    assert record.file == "a.txt"
    assert record.status == "built", record.problem  # curator values never cost the article
    assert isinstance(record.title, str) and record.title
    assert record.date is None or isinstance(record.date, str)
    assert all(isinstance(w, str) and "a.txt" in w for w in record.warnings)
    assert "\u202e" not in record.title + (record.source or "") + (record.section or "")


@SETTINGS
@given(data=st.lists(st.one_of(values, given_values), max_size=6))
def test_any_curated_yaml_loads_with_warnings_never_an_exception(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("data")
    text = yaml.safe_dump(data, allow_unicode=True)
    for name in ("people.yaml", "places.yaml", "organisations.yaml"):
        (folder / name).write_text(text, encoding="utf-8")
    gazetteer, warnings = load_gazetteer(folder)
    assert all(isinstance(w, str) and str(folder) not in w for w in warnings)
    catalog = SourceCatalog(data)
    assert all(isinstance(w, str) for w in catalog.warnings)
    result = build_events([], data)
    assert all(isinstance(w, str) for w in result.warnings)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_yaml_text_is_data_or_a_yaml_error(text):
    try:
        load_yaml(text, "x.yaml")
    except YamlError as err:
        assert str(err).startswith("x.yaml")
