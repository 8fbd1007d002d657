"""Rules as data: built-in defaults plus the site's boilerplate.yaml, checked with clear errors."""

import pytest

from plugins.clean.core import Rules, RulesError, clean_article, load_rules, rule_counts

HEADLINE = "انطلاق معرض الكتاب في الجزائر بمشاركة ألف دار نشر"
P1 = "افتتح معرض الجزائر الدولي للكتاب أبوابه أمام الزوار بمشاركة أكثر من ألف دار نشر من خمسين بلدا."
P2 = "ويتضمن برنامج المعرض ندوات فكرية وأمسيات شعرية ولقاءات مع كتّاب من الجزائر والعالم العربي."


def clean(lines, rules):
    return clean_article([{"text": t, "kind": "line", "line": n} for n, t in enumerate(lines, 1)], rules)


def site_rules(tmp_path, text):
    path = tmp_path / "boilerplate.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_load_without_a_site_file():
    rules = load_rules(None)
    assert isinstance(rules, Rules)
    assert "مقالات ذات صله" in rules.cut_markers  # stored folded: ة -> ه


def test_project_sample_rules_file_loads():
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "content" / "data" / "boilerplate.yaml"
    rules = load_rules(path)
    assert len(rules.cut_markers) > len(load_rules(None).cut_markers)


def test_site_cut_marker_is_a_data_change(tmp_path):
    rules = load_rules(site_rules(tmp_path, "cut_markers:\n  - تابعونا على إنستغرام\n"))
    a = clean([HEADLINE, P1, P2, "تابعونا على انستغرام", "خبر من موقع آخر"], rules)
    assert [b.text for b in a.blocks] == [P1, P2]


def test_site_drop_pattern_with_named_reason(tmp_path):
    rules = load_rules(site_rules(tmp_path, "drop_patterns:\n  newsletter:\n    - '^اشترك في نشرتنا'\n"))
    a = clean([HEADLINE, P1, "اشترك في نشرتنا اليومية مجانا", P2], rules)
    assert [(r.reason) for r in a.removed] == ["newsletter"]


def test_site_drop_lines_as_plain_list(tmp_path):
    rules = load_rules(site_rules(tmp_path, "drop_lines:\n  - حمّل تطبيقنا\n"))
    a = clean([HEADLINE, P1, "حمل تطبيقنا", P2], rules)
    assert a.removed[0].reason == "site_junk"


def test_site_source_label(tmp_path):
    rules = load_rules(site_rules(tmp_path, "source_labels: [الشروق الجزائرية]\n"))
    a = clean([HEADLINE, "الجزائر - الشروق الجزائرية", P1, P2], rules)
    assert a.source == "الشروق الجزائرية"


def test_empty_site_file_is_fine(tmp_path):
    assert isinstance(load_rules(site_rules(tmp_path, "# nothing yet\n")), Rules)


def test_invalid_yaml_names_the_file_and_line(tmp_path):
    path = site_rules(tmp_path, "cut_markers:\n  - [unclosed\n")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    assert str(path) in str(err.value) and "line" in str(err.value)


def test_wrong_shape_says_what_to_fix(tmp_path):
    with pytest.raises(RulesError, match="must be a mapping"):
        load_rules(site_rules(tmp_path, "- just a list\n"))
    with pytest.raises(RulesError, match="cut_markers.*list of texts"):
        load_rules(site_rules(tmp_path, "cut_markers:\n  a: b\n"))


def test_unknown_key_is_reported(tmp_path):
    with pytest.raises(RulesError, match="unknown key.*cut_marker"):
        load_rules(site_rules(tmp_path, "cut_marker: [x]\n"))


def test_bad_regex_is_reported_with_the_pattern(tmp_path):
    with pytest.raises(RulesError, match=r"not a valid regular expression"):
        load_rules(site_rules(tmp_path, "drop_patterns:\n  ads:\n    - '^(اعلان'\n"))


def test_bad_reason_name_is_reported(tmp_path):
    with pytest.raises(RulesError, match="snake_case"):
        load_rules(site_rules(tmp_path, "drop_lines:\n  Read More:\n    - x\n"))


def test_missing_file_is_a_rules_error(tmp_path):
    with pytest.raises(RulesError, match="cannot be read"):
        load_rules(tmp_path / "absent.yaml")


def test_rule_counts_sums_reasons_over_articles():
    rules = load_rules(None)
    a = clean([HEADLINE, P1, "اقرأ أيضا: خبر", P2, "مقالات ذات صلة", "خبر"], rules)
    b = clean([HEADLINE, P1, "إقرأ أيضاً: خبر آخر", P2], rules)
    assert rule_counts([a, b]) == {"read_more_ad": 2, "cut_marker": 1, "after_cut_marker": 1}
