"""The input plan: every file under the articles folder is an input or a reason."""

from __future__ import annotations

import os

from plugins.readers.core import article_id_for, plan_inputs
from plugins.yamlfile import YamlError, load_yaml

import pytest


def _touch(folder, name, text="خبر\n\nنص الخبر.\n"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_article_extensions_are_read_in_any_letter_case(tmp_path):
    for name in ("UPPER.TXT", "Page.HTML", "Note.MD", "x.Markdown"):
        _touch(tmp_path, name)
    plan = plan_inputs(tmp_path)
    assert sorted(p.file for p in plan.inputs) == ["Note.MD", "Page.HTML", "UPPER.TXT", "x.Markdown"]
    assert {p.file: p.format for p in plan.inputs}["Page.HTML"] == "html"


def test_other_markup_files_are_reported_not_handed_to_pelican(tmp_path):
    for name in ("a.rst", "b.mkd", "c.mdown", "d.pdf", "noext"):
        _touch(tmp_path, name)
    plan = plan_inputs(tmp_path)
    assert plan.inputs == []
    assert sorted(plan.not_articles) == ["a.rst", "b.mkd", "c.mdown", "d.pdf", "noext"]


def test_a_second_sidecar_is_reported_and_the_yaml_one_is_read(tmp_path):
    _touch(tmp_path, "a.txt")
    _touch(tmp_path, "a.yaml", "title: من yaml\n")
    _touch(tmp_path, "a.yml", "title: من yml\n")
    plan = plan_inputs(tmp_path)
    assert plan.inputs[0].given == {"title": "من yaml"}
    assert "a.yml" in plan.not_articles and "only a.yaml is read" in plan.not_articles["a.yml"]


def test_an_upper_case_sidecar_is_still_the_sidecar(tmp_path):
    _touch(tmp_path, "a.txt")
    _touch(tmp_path, "a.YAML", "title: عنوان\n")
    assert plan_inputs(tmp_path).inputs[0].given == {"title": "عنوان"}


def test_orphan_sidecars_in_subfolders_are_reported(tmp_path):
    _touch(tmp_path, "2024/lonely.yaml", "title: x\n")
    plan = plan_inputs(tmp_path)
    assert "2024/lonely.yaml" in plan.not_articles
    assert "sidecar without an article" in plan.not_articles["2024/lonely.yaml"]


def test_same_name_in_two_folders_gives_two_files_and_two_ids(tmp_path):
    _touch(tmp_path, "2024/a.txt")
    _touch(tmp_path, "2025/a.txt")
    plan = plan_inputs(tmp_path)
    assert [(p.file, p.article_id) for p in plan.inputs] == [("2024/a.txt", "a"), ("2025/a.txt", "a-2")]
    assert len(plan.warnings) == 1 and "2025/a.txt" in plan.warnings[0]


def test_links_out_of_the_archive_are_refused_for_articles_and_sidecars(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = _touch(outside, "secret.txt", "سر\n")
    archive = tmp_path / "archive"
    archive.mkdir()
    _touch(archive, "a.txt")
    os.symlink(secret, archive / "b.txt")
    os.symlink(_touch(outside, "a.yaml", "title: x\n"), archive / "a.yaml")
    plan = plan_inputs(archive)
    assert [p.file for p in plan.inputs] == ["a.txt"]
    assert plan.inputs[0].given == {}
    assert "outside the archive folder" in plan.not_articles["b.txt"]
    assert "outside the archive folder" in plan.not_articles["a.yaml"]


def test_ids_are_nfc_and_free_of_invisible_marks():
    decomposed = "ا\u0653خر"      # alef + combining madda: NFC makes it آ
    assert article_id_for(decomposed) == article_id_for("آخر")
    assert article_id_for("خبر\u200f\u061c") == article_id_for("خبر")
    assert article_id_for("a\u202eb") == "ab"
    assert article_id_for("...") == "article"


def test_yaml_dates_stay_strings_and_tags_are_refused():
    assert load_yaml("date: 2025-02-30\nwhen: 2025-07-31 10:00\n", "a.yaml") == {
        "date": "2025-02-30", "when": "2025-07-31 10:00"}
    with pytest.raises(YamlError, match="a.yaml line 1: YAML tag not allowed"):
        load_yaml("x: !!python/object/apply:os.system [ls]\n", "a.yaml")
    with pytest.raises(YamlError, match="broken YAML"):
        load_yaml("x: [\n", "a.yaml")


def test_curated_files_linked_from_outside_the_data_folder_are_refused(tmp_path):
    from plugins.enrich import load_context

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "people.yaml").write_text("- id: intruder\n  name: دخيل\n", encoding="utf-8")
    (outside / "boilerplate.yaml").write_text("drop_lines: [x]\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    os.symlink(outside / "people.yaml", data / "people.yaml")
    os.symlink(outside / "boilerplate.yaml", data / "boilerplate.yaml")
    context = load_context(data)
    assert "intruder" not in context.gazetteer.entities
    assert any("people.yaml" in w and "outside the data folder" in w for w in context.warnings)
    assert any("boilerplate.yaml" in w and "outside the data folder" in w for w in context.warnings)
