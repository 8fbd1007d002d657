"""Proposing new people for the gazetteer from title patterns (the `invoke suggest` task)."""

import yaml

from plugins.entities.gazetteer import Entity, Gazetteer, load_gazetteer
from plugins.entities.suggest import format_suggestions_yaml, suggest_names

KNOWN = Gazetteer([
    Entity(id="emmanuel-macron", kind="person", name="إيمانويل ماكرون", aliases=["ماكرون"]),
    Entity(id="mahmoud-abbas", kind="person", name="محمود عباس", weak_aliases=["عباس"]),
])

ARTICLES = [
    "قال وزير الخارجية الأميركي أنتوني بلينكن، الثلاثاء، إن المحادثات مستمرة. "
    "وأكد الرئيس الفرنسي إيمانويل ماكرون دعمه.",
    "التقى وزير الخارجية الأميركي أنتوني بلينكن نظيره الصيني وانغ يي. وقالت المتحدثة باسم وزارة الخارجية "
    "الأميركية، مارغريت ماكليود، إن اللقاء كان مثمرا.",
    "وجه الإعلامي عمرو أديب رسالة إلى الرئيس عباس. واستقبل رئيس حكومة الاحتلال الإسرائيلي "
    "بنيامين نتنياهو الوفد الأميركي في القدس، كما التقى وزير الخارجية الإماراتي عبدالله بن زايد.",
]


def by_name(suggestions):
    return {s.name: s for s in suggestions}


def test_names_after_a_title_are_suggested_with_counts_and_examples():
    found = by_name(suggest_names(ARTICLES, KNOWN))
    blinken = found["أنتوني بلينكن"]
    assert (blinken.count, blinken.articles) == (2, 2)
    assert blinken.titles == ["وزير الخارجية الأميركي"]
    assert blinken.examples[0].startswith("قال وزير الخارجية الأميركي أنتوني بلينكن")
    assert suggest_names(ARTICLES, KNOWN)[0].name == "أنتوني بلينكن"  # most frequent first


def test_spokesperson_media_and_construct_titles_are_understood():
    found = by_name(suggest_names(ARTICLES, KNOWN))
    assert found["مارغريت ماكليود"].titles == ["المتحدثة باسم وزارة الخارجية الأميركية"]
    assert found["عمرو أديب"].titles == ["الإعلامي"]
    assert "بنيامين نتنياهو" in found
    assert "عبدالله بن زايد" in found  # «بن» joins the name's parts


def test_people_already_in_the_gazetteer_are_not_suggested():
    found = by_name(suggest_names(ARTICLES, KNOWN))
    assert not any("ماكرون" in name or "عباس" in name for name in found)


def test_words_after_a_title_that_are_no_name_are_not_suggested():
    texts = ["وأشار وزير الخارجية إلى أن الرئيس السوري للمرحلة الانتقالية، قال إن الوزير بالديناميكية الجديدة"]
    assert suggest_names(texts, KNOWN) == []


def test_suggestions_are_yaml_ready_for_people_yaml(tmp_path):
    text = format_suggestions_yaml(suggest_names(ARTICLES, KNOWN))
    entries = yaml.safe_load(text)
    assert entries[0]["id"] == "todo-1" and entries[0]["name"] == "أنتوني بلينكن"
    assert entries[0]["roles"] == ["وزير الخارجية الأميركي"]
    assert "# seen 2 times in 2 articles" in text
    (tmp_path / "people.yaml").write_text(text, encoding="utf-8")
    gazetteer, warnings = load_gazetteer(tmp_path)
    assert warnings == [] and gazetteer.entities["todo-1"].name == "أنتوني بلينكن"
