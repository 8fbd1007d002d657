"""A person's name inside the name of a place or institution («مستشفى الملك …», «متنزه …»,
«مركز … الثقافي», «دارة …») is that place or institution, not the person (issue 15)."""

import pytest

from plugins.entities.gazetteer import Entity, Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer([
        Entity(id="king-fahd", kind="person", name="الملك فهد", aliases=["فهد بن عبدالعزيز"]),
        Entity(id="rafik-hariri", kind="person", name="رفيق الحريري"),
        Entity(id="zayed", kind="person", name="زايد بن سلطان", aliases=["الشيخ زايد"]),
        Entity(id="hariri-airport", kind="place", name="مطار رفيق الحريري الدولي"),
    ])


def people(gazetteer, text):
    return [m.entity_id for m in gazetteer.find_mentions(text) if m.kind == "person"]


@pytest.mark.parametrize("text", [
    "نقل المصابون إلى مستشفى الملك فهد في الدمام.",
    "أقيم الحفل في متنزه الملك فهد وسط المدينة.",
    "افتتح المعرض في مركز الشيخ زايد الثقافي بحضور الوزير.",
    "أصدرت دارة الملك فهد كتاباً عن تاريخ المنطقة.",
    "وصل الوفد إلى شارع رفيق الحريري في بيروت.",
    "فاز الباحث بجائزة الشيخ زايد للكتاب.",
])
def test_person_named_inside_an_institution_name_is_not_mentioned(gazetteer, text):
    assert people(gazetteer, text) == []


@pytest.mark.parametrize("text,expected", [
    ("استقبل الملك فهد الوفد في الرياض.", ["king-fahd"]),
    ("وقال الشيخ زايد إن الاتحاد قوة للجميع.", ["zayed"]),
    ("زار الوزير المستشفى ثم التقى رفيق الحريري في مكتبه.", ["rafik-hariri"]),
])
def test_the_person_is_still_found_outside_such_names(gazetteer, text, expected):
    assert people(gazetteer, text) == expected


def test_an_institution_listed_in_the_gazetteer_wins_as_the_longer_name(gazetteer):
    found = [(m.entity_id, m.kind) for m in gazetteer.find_mentions("هبطت الطائرة في مطار رفيق الحريري الدولي.")]
    assert found == [("hariri-airport", "place")]
