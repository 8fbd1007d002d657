"""Other stories' ledes appended after the article without datelines (a «more news» block):
three or more closing paragraphs that each open as a wire lede are teasers; the article's own
paragraphs, and two such paragraphs alone, stay."""

import pytest

from plugins.clean.rules import load_rules

from .clean_helpers import clean

HEAD = "افتتاح معرض الكتاب الدولي في الجزائر بمشاركة واسعة"
BODY = [
    "الجزائر (CNN)-- افتتح معرض الجزائر الدولي للكتاب أبوابه أمام الزوار صباح الأربعاء بمشاركة أكثر من ألف دار نشر من خمسين بلدا.",
    "ويتضمن برنامج المعرض ندوات فكرية وأمسيات شعرية ولقاءات مع كتّاب من الجزائر والعالم العربي على مدى عشرة أيام.",
]
LEDES = [
    "قال وزير المالية في البلد المجاور، سامي الكاتب، إن الحكومة ستخفض الضرائب على الشركات الصغيرة العام المقبل.",
    "أعلنت وزارة الصحة، الخميس، تسجيل انخفاض في عدد الإصابات بالإنفلونزا الموسمية خلال الشهر الجاري.",
    "كشفت صحيفة محلية، الجمعة، عن خطة لبناء ملعب جديد في العاصمة يتسع لخمسين ألف متفرج.",
    "أكد رئيس اتحاد الكرة أن المنتخب سيخوض ثلاث مباريات ودية قبل البطولة القارية.",
]


@pytest.fixture(scope="module")
def rules():
    return load_rules(None)


def texts(article):
    return [b.text for b in article.blocks]


def test_three_closing_ledes_of_other_stories_are_teasers(rules):
    article = clean("\n".join([HEAD, *BODY, *LEDES]), rules)
    assert texts(article)[-1].startswith("ويتضمن")
    assert [r.reason for r in article.removed if r.text in LEDES] == ["teaser"] * len(LEDES)


def test_two_closing_lede_shaped_paragraphs_stay(rules):
    article = clean("\n".join([HEAD, *BODY, *LEDES[:2]]), rules)
    assert texts(article)[-2:] == LEDES[:2]


def test_paragraphs_going_on_with_a_pronoun_subject_are_the_article(rules):
    # «أشار إلى أن …», «قال إن …»: the same speaker goes on, not a new story's lede.
    own = [
        "قال مدير المعرض، أحمد السالم، إن عدد الزوار فاق التوقعات في اليوم الأول.",
        "أشار إلى أن دور النشر العربية تشارك هذا العام بعدد أكبر من العناوين الجديدة.",
        "قال مدير الجناح، خالد العمري، إن الإقبال على كتب الأطفال كان لافتا.",
        "أشار إلى أن الأسعار بقيت في متناول العائلات رغم ارتفاع تكاليف الطباعة.",
    ]
    article = clean("\n".join([HEAD, *BODY, *own]), rules)
    assert texts(article)[-4:] == own


def test_the_article_itself_is_never_all_teasers(rules):
    article = clean("\n".join([HEAD, *LEDES]), rules)
    assert texts(article)[0] == LEDES[0]
