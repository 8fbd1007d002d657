"""What the report tells a curator to do next."""

import yaml

from plugins.entities.gazetteer import Entity, Gazetteer
from plugins.pages.core import SourceCatalog
from plugins.record import ArticleRecord
from plugins.report.advice import (MAX_FILES, advise, latin_id, rule_names, suggested_people, unlisted_sources,
                                   unused_rules)
from plugins.clean.rules import load_rules

CATALOG_ENTRIES = [{"id": "al-thawra", "name": "الثورة", "aliases": ["صحيفة الثورة"]}]
KNOWN = Gazetteer([Entity(id="emmanuel-macron", kind="person", name="إيمانويل ماكرون", aliases=["ماكرون"])])


def rec(ident, date=None, source=None, title="عنوان", text="نص.", status="built"):
    return ArticleRecord(id=ident, file=f"{ident}.txt", format="text", date=date, source=source, title=title,
                         text=text, status=status)


def test_undated_and_sourceless_articles_are_counted_listed_and_say_how_to_fix():
    records = [rec("b"), rec("a", source="الثورة"), rec("c", date="2025", source="الثورة"), rec("d", date="2025")]
    advice = advise(records, SourceCatalog(CATALOG_ENTRIES), manifests=["manifest.jsonl"])
    assert (advice.undated.count, advice.undated.files) == (2, ["a.txt", "b.txt"])
    assert (advice.sourceless.count, advice.sourceless.files) == (2, ["b.txt", "d.txt"])
    assert (advice.undated.manifest_column, advice.undated.sidecar_key, advice.undated.manifests) == (
        "date", "date", ["manifest.jsonl"])


def test_skipped_records_are_not_advice():
    advice = advise([rec("x", status="skipped")], SourceCatalog([]))
    assert advice.undated.count == 0 and advice.empty


def test_file_lists_are_capped_but_counts_are_complete():
    advice = advise([rec(f"r{i:04d}") for i in range(MAX_FILES + 3)], SourceCatalog([]))
    assert advice.undated.count == MAX_FILES + 3 and len(advice.undated.files) == MAX_FILES


def test_sources_not_in_sources_yaml_most_articles_first_with_an_entry_to_paste():
    records = [rec("a", source="صحيفة الثورة"), rec("b", source="BBC Arabic (bbc.com/arabic)"),
               rec("c", source="BBC Arabic (bbc.com/arabic)"), rec("d", source="الميادين")]
    found = unlisted_sources(records, SourceCatalog(CATALOG_ENTRIES))
    assert [(s.name, s.articles, s.proposed_id) for s in found] == [
        ("BBC Arabic (bbc.com/arabic)", 2, "bbc-arabic"), ("الميادين", 1, None)]
    assert found[0].files == ["b.txt", "c.txt"] and found[0].id.startswith("s-")
    assert yaml.safe_load(found[0].yaml) == [{"id": "bbc-arabic", "name": "BBC Arabic (bbc.com/arabic)"}]
    assert yaml.safe_load(found[1].yaml)[0]["name"] == "الميادين"


def test_ids_are_proposed_from_latin_names_only():
    assert latin_id("Al-Sharq Al-Awsat (aawsat.com)") == "al-sharq-al-awsat"
    assert latin_id("الشرق الأوسط") is None and latin_id("BBC عربي") is None and latin_id("(x)") is None


def test_people_suggest_would_add_come_with_counts_from_titles_and_texts():
    records = [rec("a", title="وزير الخارجية الأميركي أنتوني بلينكن يزور باريس",
                   text="قال وزير الخارجية الأميركي أنتوني بلينكن إن الرئيس الفرنسي إيمانويل ماكرون وافق."),
               rec("b", text="وقال وزير الخارجية الأميركي أنتوني بلينكن إن الزيارة مهمة.")]
    found = suggested_people(records, KNOWN)
    assert [(p.name, p.count, p.articles) for p in found] == [("أنتوني بلينكن", 3, 2)]


def test_people_suggestions_can_be_bounded_to_the_newest_articles():
    text = "قال الإعلامي عمرو أديب كلاما. وقال الإعلامي عمرو أديب غيره."
    records = [rec("old", date="2001", text=text), rec("new", date="2025", text="قال الوزير فلان الفلاني ذلك.")]
    assert suggested_people(records, KNOWN, max_articles=1, min_count=1)[0].name == "فلان الفلاني"


def test_rules_that_removed_nothing():
    assert unused_rules({"read_more_ad": 4, "teaser": 0}, ["teaser", "read_more_ad", "share_widget"]) == [
        "share_widget", "teaser"]


def test_rule_names_come_from_the_rules_data():
    names = rule_names(load_rules(None))
    assert {"cut_marker", "back_to_top", "share_widget"} <= set(names) and "dateline" not in names


def test_advice_is_plain_data_with_english_keys():
    data = advise([rec("a")], SourceCatalog([]), rule_counts={"x": 1}, rules_named=["x", "y"]).to_dict()
    assert set(data) == {"undated", "sourceless", "unlisted_sources", "suggested_people", "unused_rules"}
    assert data["unused_rules"] == ["y"] and data["undated"]["files"] == ["a.txt"]


def test_people_suggestions_kept_in_a_cache_are_the_suggestions_and_read_changed_texts_only(tmp_path, monkeypatch):
    import plugins.report.advice as advice

    texts = ["قال وزير الخارجية فلان الفلاني إن", "وأكد الرئيس علان العلاني أن", "قال وزير الخارجية فلان الفلاني"]
    records = [rec(f"a{n}", text=t) for n, t in enumerate(texts)]
    read = []
    real = advice.name_finder

    def counting(gazetteer):
        find = real(gazetteer)
        return lambda text: read.append(text) or find(text)
    monkeypatch.setattr(advice, "name_finder", counting)
    plain = suggested_people(records, KNOWN, min_count=1)
    read.clear()
    assert suggested_people(records, KNOWN, min_count=1, cache=tmp_path) == plain and len(read) == 3
    assert suggested_people(records, KNOWN, min_count=1, cache=tmp_path) == plain and len(read) == 3  # all kept
    records[1] = rec("a1", text="وأكد الرئيس زيد الزيدي أن")
    changed = suggested_people(records, KNOWN, min_count=1, cache=tmp_path)
    assert changed == suggested_people(records, KNOWN, min_count=1) and len(read) == 3 + 1  # the changed text only
    assert "زيد الزيدي" in {p.name for p in changed}
    other = Gazetteer([Entity(id="zaid", kind="person", name="زيد الزيدي")])   # another gazetteer: read again
    assert suggested_people(records, other, min_count=1, cache=tmp_path) == suggested_people(records, other, min_count=1)
    assert "زيد الزيدي" not in {p.name for p in suggested_people(records, other, min_count=1, cache=tmp_path)}
