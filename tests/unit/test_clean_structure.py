"""Body structure (paragraphs, subheadings, quotations, captions) and text hygiene."""

from plugins.clean.core import clean_article
from tests.unit.clean_helpers import clean


HEADLINE = "تونس تطلق أكبر محطة للطاقة الشمسية في شمال أفريقيا"
P1 = "دشّنت الحكومة التونسية، اليوم الاثنين، محطة للطاقة الشمسية في ولاية القيروان بقدرة مئة ميغاواط."
P2 = "وقالت وزيرة الصناعة إن المحطة ستغطي حاجة أكثر من ستين ألف أسرة من الكهرباء على مدار السنة."
P3 = "وتسعى تونس إلى رفع حصة الطاقات المتجددة في إنتاج الكهرباء إلى خمسة وثلاثين في المئة بحلول 2030."
P4 = "ويرى خبراء أن المشروع يفتح الباب أمام استثمارات أوروبية جديدة في قطاع الطاقة النظيفة بالبلاد."
SUB = "تمويل أوروبي وشراكة محلية"


def kinds(article):
    return [(b.kind, b.text) for b in article.blocks]


def test_each_txt_line_is_its_own_paragraph(rules):
    a = clean("\n".join([HEADLINE, P1, P2, P3]), rules)
    assert kinds(a) == [("p", P1), ("p", P2), ("p", P3)]


def test_subheading_between_paragraphs_without_blank_lines(rules):
    a = clean("\n".join([HEADLINE, P1, P2, SUB, P3, P4]), rules)
    assert kinds(a)[2] == ("h2", SUB)


def test_subheading_between_paragraphs_with_blank_lines(rules):
    a = clean("\n\n".join([HEADLINE, P1, P2, SUB, P3, "\u00a0", P4]), rules)
    assert [b.text for b in a.blocks if b.kind == "h2"] == [SUB]


def test_question_subheading_is_a_heading(rules):
    a = clean("\n".join([HEADLINE, P1, "ما الذي يعنيه المشروع للمستهلك؟", P2]), rules)
    assert a.blocks[1].kind == "h2"


def test_list_of_short_lines_is_not_subheadings(rules):
    items = ["ألواح شمسية صينية الصنع", "محولات ألمانية", "كابلات محلية"]
    a = clean("\n".join([HEADLINE, P1, *items, P2]), rules)
    assert all(b.kind == "p" for b in a.blocks)


def test_short_line_ending_in_colon_is_not_a_heading(rules):
    a = clean("\n".join([HEADLINE, P1, "وفي ما يلي نص البيان:", P2]), rules)
    assert all(b.kind == "p" for b in a.blocks)


def test_paragraph_that_is_one_quotation_is_a_quote(rules):
    quote = "«سنواصل الاستثمار في الطاقة النظيفة لأنها مستقبل أبنائنا وضمان استقلالنا الطاقي»."
    a = clean("\n".join([HEADLINE, P1, quote, P2]), rules)
    assert a.blocks[1] .kind == "quote"


def test_paragraph_with_a_quotation_inside_is_not_a_quote(rules):
    para = "«المشروع رائد» هكذا وصفته الوزيرة، مضيفة أن «العمل بدأ قبل عامين»."
    a = clean("\n".join([HEADLINE, P1, para, P2]), rules)
    assert a.blocks[1].kind == "p"


def test_caption_with_agency_credit_in_the_body(rules):
    caption = "ألواح شمسية في محطة القيروان (رويترز)"
    a = clean("\n".join([HEADLINE, P1, caption, P2]), rules)
    assert a.blocks[1].kind == "caption"


def test_html_kinds_are_kept(rules):
    raw = [{"text": P1, "kind": "p", "line": None}, {"text": SUB, "kind": "h3", "line": None},
           {"text": "قول مأثور", "kind": "quote", "line": None},
           {"text": "صورة المحطة", "kind": "caption", "line": None}, {"text": P2, "kind": "li", "line": None}]
    a = clean_article(raw, rules)
    assert [b.kind for b in a.blocks] == ["p", "h2", "quote", "caption", "p"]


def test_hygiene_removes_invisible_characters_without_changing_letters(rules):
    dirty = "\u200fدشّنت\u00a0الحكومة  التونسية\u200b محطة\u202b جديدة للطاقة في القيروان بقدرة كبيرة.\u202c "
    a = clean("\n".join([HEADLINE, dirty]), rules)
    assert a.lead == "دشّنت الحكومة التونسية محطة جديدة للطاقة في القيروان بقدرة كبيرة."


def test_html_character_references_left_by_scrapers_are_decoded(rules):
    a = clean("\n".join(["الوزيرة: &quot;المشروع رائد&quot;", P1]), rules)
    assert a.title == 'الوزيرة: "المشروع رائد"' and a.title_from == "headline"


def test_lead_is_the_first_paragraph_after_captions(rules):
    caption = "ألواح شمسية في محطة القيروان (أ ف ب)"
    a = clean("\n".join([HEADLINE, caption, P1, P2]), rules)
    assert a.lead == P1
