"""The head of an article: section label, headline, byline/source, dateline, captions."""

import pytest

from plugins.clean.core import clean_article, load_rules


from tests.unit.clean_helpers import clean


LEAD = "قررت الحكومة المغربية رفع الحد الأدنى للأجور بنسبة عشرة في المئة ابتداء من مطلع السنة المقبلة."
NEXT = "وأوضح الناطق باسم الحكومة أن القرار يشمل القطاعين العام والخاص ويستفيد منه نحو مليوني عامل."
HEADLINE = "المغرب يرفع الحد الأدنى للأجور 10 في المئة"


def test_first_short_line_without_period_is_the_headline(rules):
    a = clean("\n".join([HEADLINE, "", LEAD, NEXT]), rules)
    assert (a.title, a.title_from) == (HEADLINE, "headline")
    assert a.lead == LEAD
    assert all(r.text != HEADLINE for r in a.removed)


def test_headline_with_colon_inside_is_a_headline(rules):
    headline = "الناطق باسم الحكومة: الزيادة تشمل القطاع الخاص"
    a = clean("\n".join([headline, LEAD]), rules)
    assert a.title == headline


def test_first_line_ending_in_a_period_is_the_lead_not_a_headline(rules):
    a = clean("\n".join([LEAD, NEXT]), rules)
    assert a.title_from == "lead"
    assert a.blocks[0].text == LEAD


def test_section_label_above_headline_becomes_section(rules):
    a = clean("\n".join(["أخبار المغرب", "", HEADLINE, "", LEAD, NEXT]), rules)
    assert a.section == "أخبار المغرب"
    assert a.title == HEADLINE
    assert all(b.text != "أخبار المغرب" for b in a.blocks)
    assert [(r.text, r.reason) for r in a.removed] == [("أخبار المغرب", "section_label")]


def test_site_section_label_from_rules_file(tmp_path):
    site = tmp_path / "boilerplate.yaml"
    site.write_text("section_labels: [منبر الرأي]\n", encoding="utf-8")
    a = clean("\n".join(["منبر الرأي", HEADLINE, LEAD]), load_rules(site))
    assert a.section == "منبر الرأي"


def test_short_headline_alone_is_not_taken_for_a_section(rules):
    a = clean("\n".join(["اقتصاد الظل", "", LEAD, NEXT]), rules)
    assert a.section is None and a.title == "اقتصاد الظل"


@pytest.mark.parametrize("byline, source", [
    ("الصباح:", "الصباح"),
    ("المصدر: وكالة الأنباء الأردنية", "وكالة الأنباء الأردنية"),
    ("الرباط - رويترز", "رويترز"),
    ("عمّان ـ بترا", "بترا"),        # a spaced tatweel used as a dash
])
def test_byline_source_labels_at_the_top(rules, byline, source):
    a = clean("\n".join([HEADLINE, "", byline, "", LEAD, NEXT]), rules)
    assert a.source == source
    assert all(b.text != byline for b in a.blocks)
    assert (byline, "byline_source") in {(r.text, r.reason) for r in a.removed}


def test_agency_byline_with_city_first_names_the_agency(rules):
    a = clean("\n".join([HEADLINE, "دمشق - سانا", LEAD]), rules)
    assert a.source == "سانا"


def test_author_byline_is_removed_without_a_source(rules):
    a = clean("\n".join([HEADLINE, "الرياض - خالد العتيبي", LEAD, NEXT]), rules)
    assert a.source is None
    assert a.lead == LEAD
    assert a.removed[0].reason == "byline"


def test_label_introducing_a_list_is_not_a_source(rules):
    a = clean("\n".join([HEADLINE, "العناوين:", "ارتفاع البطالة", "انخفاض التضخم"]), rules)
    assert a.source is None


def test_numbered_point_label_is_not_a_source(rules):
    a = clean("\n".join([HEADLINE, "ثانياً:", LEAD, NEXT]), rules)
    assert a.source is None


@pytest.mark.parametrize("lines, dateline", [
    (["• 2024/03/17", "• 09:45 ص"], "2024/03/17 09:45 ص"),
    (["2024-03-17 14:05"], "2024-03-17 14:05"),
    (["الأحد 17 مارس 2024 - 10:30 ص"], "الأحد 17 مارس 2024 - 10:30 ص"),
    (["آخر تحديث: 17 آذار 2024"], "آخر تحديث: 17 آذار 2024"),
])
def test_dateline_near_the_top_is_metadata_not_body(rules, lines, dateline):
    a = clean("\n".join([HEADLINE, *lines, LEAD, NEXT]), rules)
    assert a.dateline == dateline
    assert a.lead == LEAD
    assert all(l not in "\n".join(b.text for b in a.blocks) for l in lines)
    assert {r.reason for r in a.removed} == {"dateline"}


def test_date_inside_a_paragraph_is_not_a_dateline(rules):
    a = clean("\n".join([HEADLINE, "في 17 مارس 2024 عقد البرلمان جلسة طارئة لمناقشة الموازنة.", NEXT]), rules)
    assert a.dateline is None and len(a.blocks) == 2


def test_caption_between_headline_and_lead_is_a_caption_block(rules):
    caption = "رئيس الحكومة خلال مؤتمر صحفي في الرباط (أ ف ب)"
    a = clean("\n".join([HEADLINE, caption, LEAD, NEXT]), rules)
    assert a.blocks[0].kind == "caption" and a.blocks[0].text == caption
    assert a.lead == LEAD


def test_headline_marked_as_photo_story_is_still_the_headline(rules):
    headline = "أطفال غزة يرسمون البحر (صور)"
    a = clean("\n".join([headline, LEAD]), rules)
    assert (a.title, a.title_from) == (headline, "headline")


def test_html_title_candidates_pick_the_headline_and_drop_its_repeat(rules):
    raw = [{"text": HEADLINE + " | جريدة الصباح", "kind": "title", "line": None},
           {"text": HEADLINE, "kind": "title", "line": None},
           {"text": HEADLINE, "kind": "p", "line": None},
           {"text": LEAD, "kind": "p", "line": None}]
    a = clean_article(raw, rules)
    assert a.title == HEADLINE and a.title_from == "headline"
    assert [b.text for b in a.blocks] == [LEAD]
    assert [r.reason for r in a.removed] == ["duplicate", "duplicate"]


def test_wire_dateline_with_place_and_agency_gives_dateline_and_source(rules):
    wire = "الكويت 3 رمضان 1445 هـ الموافق 13 مارس 2024 م كونا"
    a = clean("\n".join([HEADLINE, wire, LEAD, NEXT]), rules)
    assert a.dateline == "3 رمضان 1445 هـ الموافق 13 مارس 2024 م"
    assert a.source == "كونا"
    assert a.lead == LEAD


@pytest.mark.parametrize("text, expected", [
    ("جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "واس")),
    ("باريس 12 مارس 2019 فرانس برس", ("12 مارس 2019", "فرانس برس")),     # a two-word source
    ("باريس 12 مارس 2019 (فرانس برس)", ("12 مارس 2019", "فرانس برس")),   # punctuation is no word
    ("باريس 12 مارس 2019 واس .", ("12 مارس 2019", "واس")),               # a last «word» with no key
    ("باريس 12 مارس 2019 وكالة الأنباء", None),                          # no known source last
])
def test_a_dated_byline_is_split_whatever_the_source_words_number(text, expected):
    from plugins.clean.head import split_dated_byline
    assert split_dated_byline(text, load_rules(None)) == expected
