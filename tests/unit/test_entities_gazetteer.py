"""Loading the curated gazetteer files: every problem is a warning that names the file, the
entry and what to do; bad entries are skipped and the rest still loads."""

from pathlib import Path

import pytest

from plugins.entities.gazetteer import GazetteerError, load_gazetteer

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "content" / "data"


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_the_three_files_load_with_their_kinds(tmp_path):
    write(tmp_path, "people.yaml", "- id: najib-mikati\n  name: نجيب ميقاتي\n  name_en: Najib Mikati\n"
                                   "  aliases: [ميقاتي]\n  roles: [رئيس الحكومة اللبنانية]\n  wikidata: Q380823\n")
    write(tmp_path, "places.yaml", "- {id: beirut, name: بيروت, name_en: Beirut}\n")
    write(tmp_path, "organisations.yaml", "- {id: hezbollah, name: حزب الله}\n")
    gazetteer, warnings = load_gazetteer(tmp_path)
    assert warnings == []
    mikati = gazetteer.entities["najib-mikati"]
    assert (mikati.kind, mikati.name_en, mikati.aliases, mikati.wikidata) == ("person", "Najib Mikati", ["ميقاتي"], "Q380823")
    assert gazetteer.entities["beirut"].kind == "place"
    assert gazetteer.entities["hezbollah"].kind == "organisation"


def test_missing_files_are_optional(tmp_path):
    write(tmp_path, "places.yaml", "- {id: beirut, name: بيروت}\n")
    gazetteer, warnings = load_gazetteer(tmp_path)
    assert warnings == [] and list(gazetteer.entities) == ["beirut"]


def test_a_missing_folder_is_a_warning_not_a_traceback(tmp_path):
    gazetteer, warnings = load_gazetteer(tmp_path / "nowhere")
    assert gazetteer.entities == {} and "nowhere: no such folder" in warnings[0]


def test_duplicate_id_skips_the_second_entry_and_names_both(tmp_path):
    write(tmp_path, "people.yaml", "- {id: najib-mikati, name: نجيب ميقاتي}\n- {id: najib-mikati, name: نواف سلام}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities["najib-mikati"].name == "نجيب ميقاتي"
    assert "people.yaml, entry 2 (line 2)" in warning and "duplicate id 'najib-mikati'" in warning
    assert "entry 1 (line 1)" in warning and "skipped" in warning


def test_same_id_in_two_files_is_a_duplicate(tmp_path):
    write(tmp_path, "people.yaml", "- {id: jordan, name: مايكل جوردان}\n")
    write(tmp_path, "places.yaml", "- {id: jordan, name: الأردن}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities["jordan"].kind == "person" and "places.yaml" in warning


def test_one_alias_on_two_entries_is_kept_for_the_first_only(tmp_path):
    write(tmp_path, "people.yaml",
          "- {id: saad-hariri, name: سعد الحريري, aliases: [الحريري]}\n"
          "- {id: rafik-hariri, name: رفيق الحريري, aliases: [الحريري]}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities["rafik-hariri"].aliases == []
    assert "entry 2 (line 2) 'rafik-hariri'" in warning and "«الحريري» is also a name of 'saad-hariri'" in warning
    assert "weak_alias" in warning  # says what to do
    assert gazetteer.match_article("قال الحريري")["people"] == ["saad-hariri"]


def test_alias_collision_ignores_spelling_differences(tmp_path):
    write(tmp_path, "people.yaml", "- {id: a, name: أحمد سعيد}\n- {id: b, name: احمد سعيد}\n")
    _, (warning,) = load_gazetteer(tmp_path)
    assert "its name «احمد سعيد» is also a name of 'a'" in warning


def test_a_shared_weak_alias_is_not_a_collision(tmp_path):
    write(tmp_path, "people.yaml",
          "- {id: saad-hariri, name: سعد الحريري, weak_aliases: [الحريري]}\n"
          "- {id: rafik-hariri, name: رفيق الحريري, weak_aliases: [الحريري]}\n")
    _, warnings = load_gazetteer(tmp_path)
    assert warnings == []


def test_entry_without_name_is_skipped(tmp_path):
    write(tmp_path, "places.yaml", "- id: sidon\n  name_en: Sidon\n- {id: beirut, name: بيروت}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert list(gazetteer.entities) == ["beirut"]
    assert "places.yaml, entry 1 (line 1) 'sidon': no 'name'" in warning and "Entry skipped" in warning


@pytest.mark.parametrize("bad_id", ["Najib Mikati", "نجيب", "najib_mikati", "-najib", "123 "])
def test_an_id_that_is_not_an_ascii_slug_is_refused(tmp_path, bad_id):
    write(tmp_path, "people.yaml", f"- id: '{bad_id}'\n  name: نجيب ميقاتي\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities == {} and "is not valid" in warning and "sergey-lavrov" in warning


def test_entry_without_id_is_skipped(tmp_path):
    write(tmp_path, "people.yaml", "- name: نجيب ميقاتي\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities == {} and "no 'id'" in warning


def test_unknown_key_is_reported_with_the_likely_intended_key(tmp_path):
    write(tmp_path, "people.yaml", "- id: najib-mikati\n  name: نجيب ميقاتي\n  alias: [ميقاتي]\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert "najib-mikati" in gazetteer.entities  # the entry itself is fine
    assert "unknown key 'alias'" in warning and "Did you mean 'aliases'?" in warning


def test_broken_yaml_names_the_file_and_line_and_the_other_files_still_load(tmp_path):
    write(tmp_path, "people.yaml", "- id: najib-mikati\n  name: نجيب ميقاتي\n- id: nawaf-salam\n  name: [نواف سلام\n")
    write(tmp_path, "places.yaml", "- {id: beirut, name: بيروت}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert list(gazetteer.entities) == ["beirut"]
    assert "people.yaml, line " in warning and "not valid YAML" in warning


def test_a_file_that_is_not_a_list_is_reported(tmp_path):
    write(tmp_path, "people.yaml", "najib-mikati:\n  name: نجيب ميقاتي\n")
    _, (warning,) = load_gazetteer(tmp_path)
    assert "expected a list of entries" in warning


def test_wrong_value_types_are_reported_and_ignored(tmp_path):
    write(tmp_path, "people.yaml", "- id: najib-mikati\n  name: نجيب ميقاتي\n  aliases: ميقاتي\n"
                                   "  roles: [رئيس الحكومة, 12]\n  wikidata: mikati\n")
    gazetteer, warnings = load_gazetteer(tmp_path)
    mikati = gazetteer.entities["najib-mikati"]
    assert mikati.aliases == ["ميقاتي"]  # a single text is a list of one
    assert mikati.roles == ["رئيس الحكومة"] and mikati.wikidata is None
    assert len(warnings) == 2 and "'roles' item 12" in warnings[0] and "Q7747" in warnings[1]


def test_redirect_from_must_not_shadow_a_live_id(tmp_path):
    write(tmp_path, "places.yaml", "- {id: beirut, name: بيروت, redirect_from: [sidon, beyrouth]}\n"
                                   "- {id: sidon, name: صيدا}\n")
    gazetteer, (warning,) = load_gazetteer(tmp_path)
    assert gazetteer.entities["beirut"].redirect_from == ["beyrouth"]
    assert "redirect_from 'sidon'" in warning
    assert gazetteer.get("beyrouth").id == "beirut"


def test_strict_loading_raises_with_every_message(tmp_path):
    write(tmp_path, "people.yaml", "- {id: a, name: نجيب ميقاتي}\n- {id: a, name: نواف سلام}\n- {id: b}\n")
    with pytest.raises(GazetteerError) as error:
        load_gazetteer(tmp_path, strict=True)
    assert "duplicate id 'a'" in str(error.value) and "no 'name'" in str(error.value)


def test_the_sample_gazetteer_loads_without_warnings():
    gazetteer, warnings = load_gazetteer(SAMPLE_DATA)
    assert warnings == []
    assert {"person", "place", "organisation"} == {e.kind for e in gazetteer.entities.values()}
