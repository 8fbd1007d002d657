"""A title derived from the lead when the first line is not a headline."""

import pytest

from plugins.clean.core import clean_article, load_rules
from plugins.clean.title import TITLE_MAX_CHARS


@pytest.fixture(scope="module")
def rules():
    return load_rules(None)


def clean(text, rules):
    raw = [{"text": t, "kind": "line", "line": n} for n, t in enumerate(text.split("\n"), 1)]
    return clean_article(raw, rules)


NEXT = "وأضاف البيان أن المحادثات تناولت سبل تعزيز التعاون الاقتصادي والأمني بين البلدين الجارين."


def test_title_from_lead_drops_time_phrase_and_attribution(rules):
    lead = ("التقى رئيس الوزراء العراقي، مساء اليوم الأربعاء، نظيره الأردني في بغداد لبحث ملف المياه، "
            "وفقًا لما أوردته وكالة الأنباء العراقية الرسمية.")
    a = clean("\n".join([lead, NEXT]), rules)
    assert a.title_from == "lead"
    assert a.title == "التقى رئيس الوزراء العراقي نظيره الأردني في بغداد لبحث ملف المياه"
    assert a.lead == lead and a.blocks[0].text == lead  # the lead stays in the body unchanged


@pytest.mark.parametrize("phrase", ["، أمس الثلاثاء،", "، اليوم الخميس،", " يوم الجمعة الماضي", " أمس"])
def test_time_phrases_are_left_out_of_the_title(rules, phrase):
    lead = f"أعلنت شركة الطيران الوطنية{phrase} استئناف رحلاتها إلى عدد من العواصم الأوروبية بعد توقف طويل."
    a = clean("\n".join([lead, NEXT]), rules)
    assert a.title == "أعلنت شركة الطيران الوطنية استئناف رحلاتها إلى عدد من العواصم الأوروبية بعد توقف طويل"


@pytest.mark.parametrize("attribution", ["، بحسب وكالة الأنباء الرسمية", "، حسبما ذكرت صحيفة محلية",
                                         "، نقلاً عن مصادر مطلعة"])
def test_attributions_are_left_out_of_the_title(rules, attribution):
    lead = f"قررت السلطات الليبية إغلاق معبر رأس جدير مؤقتا{attribution}."
    a = clean("\n".join([lead, NEXT]), rules)
    assert a.title == "قررت السلطات الليبية إغلاق معبر رأس جدير مؤقتا"


def test_long_lead_is_cut_at_a_clause_boundary(rules):
    lead = ("اختتمت في العاصمة القطرية الدوحة أعمال المؤتمر الدولي للطاقة المتجددة بمشاركة وفود من أربعين دولة، "
            "حيث ناقش المشاركون على مدى ثلاثة أيام سبل خفض الانبعاثات وتمويل مشاريع الطاقة في الدول النامية")
    a = clean("\n".join([lead, NEXT]), rules)
    assert a.title == "اختتمت في العاصمة القطرية الدوحة أعمال المؤتمر الدولي للطاقة المتجددة بمشاركة وفود من أربعين دولة"


def test_long_lead_without_commas_is_cut_at_a_word_boundary(rules):
    lead = " ".join(["شهدت الأسواق المالية الخليجية تراجعا ملحوظا في تعاملات الأسبوع"] * 5)
    a = clean("\n".join([lead, NEXT]), rules)
    assert len(a.title) <= TITLE_MAX_CHARS
    assert lead.startswith(a.title) and lead[len(a.title)] == " "
    assert a.title[-1] not in "،,:"


def test_title_never_ends_with_comma_or_colon(rules):
    lead = "قال المتحدث باسم الجيش: " + "إن القوات تواصل عملياتها في المنطقة الحدودية " * 4
    a = clean("\n".join([lead, NEXT]), rules)
    assert len(a.title) <= TITLE_MAX_CHARS and a.title[-1] not in "،,:؛"


def test_no_text_means_no_title(rules):
    a = clean_article([], rules)
    assert (a.title, a.title_from, a.lead, a.blocks) == (None, "none", None, [])
