"""Finding gazetteer names in article text: clitics, spelling variants, word boundaries,
longest match, weak aliases. Examples are from other news than the seed articles."""

import pytest

from plugins.arabic import normalize, tokens
from plugins.entities.gazetteer import Entity, Gazetteer
from plugins.entities.matcher import split_words


def person(id, name, aliases=(), weak=(), roles=()):
    return Entity(id=id, kind="person", name=name, aliases=list(aliases), weak_aliases=list(weak), roles=list(roles))


def place(id, name, aliases=(), weak=()):
    return Entity(id=id, kind="place", name=name, aliases=list(aliases), weak_aliases=list(weak))


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer([
        person("emmanuel-macron", "إيمانويل ماكرون", aliases=["ماكرون"], roles=["الرئيس الفرنسي"]),
        person("najib-mikati", "نجيب ميقاتي"),
        person("hassan-nasrallah", "حسن نصر الله", weak=["نصر الله"], roles=["الأمين العام لحزب الله"]),
        person("mahmoud-abbas", "محمود عباس", weak=["عباس"], roles=["رئيس السلطة الفلسطينية"]),
        person("ahmed-al-sharaa", "أحمد الشرع", weak=["الشرع"]),
        person("saad-hariri", "سعد الحريري", weak=["الحريري"]),
        person("rafik-hariri", "رفيق الحريري", weak=["الحريري"]),
        place("beirut", "بيروت"),
        place("sidon", "صيدا"),
        place("cairo", "القاهرة"),
        place("jerusalem", "القدس"),
        place("east-jerusalem", "القدس الشرقية"),
        Entity(id="hezbollah", kind="organisation", name="حزب الله"),
        Entity(id="elysee", kind="organisation", name="قصر الإليزيه", redirect_from=["elysee-palace"]),
    ])


def found(gazetteer, text):
    return [(m.entity_id, m.text) for m in gazetteer.find_mentions(text)]


# --- clitics and spelling --------------------------------------------------------------------

def test_attached_conjunction_is_left_out_of_the_mention(gazetteer):
    text = "التقى عون ونجيب ميقاتي وماكرون"
    mentions = gazetteer.find_mentions(text)
    assert [(m.entity_id, m.text) for m in mentions] == [("najib-mikati", "نجيب ميقاتي"), ("emmanuel-macron", "ماكرون")]
    assert text[mentions[1].start:mentions[1].end] == "ماكرون"


def test_prepositions_and_article_clitics_are_recognised(gazetteer):
    text = "وصل ببيروت ثم توجه لصيدا وبالقاهرة وللقاهرة"
    assert [e for e, _ in found(gazetteer, text)] == ["beirut", "sidon", "cairo", "cairo"]
    assert found(gazetteer, "وبالقاهرة")[0][1] == "القاهرة"


def test_hamza_ta_marbuta_diacritics_and_tatweel_are_ignored(gazetteer):
    assert [e for e, _ in found(gazetteer, "التقى ايمانويل ماكرون في القاهره")] == ["emmanuel-macron", "cairo"]
    text = "قال مَـاكْرُونُ إن"
    (mention,) = gazetteer.find_mentions(text)
    assert mention.text == "مَـاكْرُونُ" and text[mention.start:mention.end] == mention.text


# --- word boundaries -------------------------------------------------------------------------

def test_a_name_inside_a_longer_word_is_not_matched(gazetteer):
    assert found(gazetteer, "افتتحت صيدلية جديدة في الحي البيروتي") == []


def test_the_article_is_not_a_clitic_of_a_name_written_without_it(gazetteer):
    assert found(gazetteer, "زار مقام العباس ومسجد الصيدا") == []


def test_name_words_must_be_contiguous(gazetteer):
    assert found(gazetteer, "قال نجيب، ميقاتي") == []
    assert found(gazetteer, "نجيب\nميقاتي") == []
    assert found(gazetteer, "قال نجيب  ميقاتي") == [("najib-mikati", "نجيب  ميقاتي")]


# --- longest match ---------------------------------------------------------------------------

def test_the_longest_name_wins(gazetteer):
    assert found(gazetteer, "في القدس الشرقية المحتلة") == [("east-jerusalem", "القدس الشرقية")]
    assert found(gazetteer, "في القدس الغربية") == [("jerusalem", "القدس")]


def test_full_name_is_one_mention_not_full_plus_weak(gazetteer):
    assert found(gazetteer, "ألقى حسن نصر الله كلمة") == [("hassan-nasrallah", "حسن نصر الله")]


# --- weak aliases ----------------------------------------------------------------------------

def test_weak_alias_alone_is_not_attached(gazetteer):
    assert found(gazetteer, "إذا جاء نصر الله والفتح") == []
    assert gazetteer.match_article("وفق أحكام الشرع الإسلامي")["people"] == []


def test_weak_alias_counts_when_the_full_name_is_in_the_same_text(gazetteer):
    text = "أعلن محمود عباس رفضه الخطة.\n\nوقال عباس إن"
    assert found(gazetteer, text) == [("mahmoud-abbas", "محمود عباس"), ("mahmoud-abbas", "عباس")]
    # the full name may come after the short form
    assert [e for e, _ in found(gazetteer, "قال عباس إن محمود عباس")] == ["mahmoud-abbas"] * 2


def test_weak_alias_counts_right_after_a_title(gazetteer):
    assert found(gazetteer, "التقى الرئيس الشرع وفدا") == [("ahmed-al-sharaa", "الشرع")]
    assert found(gazetteer, "استقبل السيد نصر الله الوفد") == [("hassan-nasrallah", "نصر الله")]
    # the title may carry clitics and be followed by adjectives or a comma
    assert found(gazetteer, "وقال الرئيس الفلسطيني، عباس") == [("mahmoud-abbas", "عباس")]
    assert found(gazetteer, "والتقى بالرئيس السابق عباس") == [("mahmoud-abbas", "عباس")]


def test_weak_alias_counts_after_one_of_the_entitys_roles(gazetteer):
    text = "قال رئيس السلطة الفلسطينية عباس"
    assert found(gazetteer, text) == [("mahmoud-abbas", "عباس")]


def test_title_must_stand_right_before_the_weak_alias(gazetteer):
    assert found(gazetteer, "قال الرئيس إن عباس") == []
    assert found(gazetteer, "قال الرئيس وعباس") == []  # «and Abbas»: no title before it
    assert found(gazetteer, "قال الرئيس. الشرع") == []


def test_shared_weak_alias_goes_to_the_person_named_in_the_article(gazetteer):
    text = "عاد سعد الحريري إلى بيروت، وقال الحريري إن"
    assert gazetteer.match_article(text)["people"] == ["saad-hariri"]
    assert [e for e, _ in found(gazetteer, text)] == ["saad-hariri", "beirut", "saad-hariri"]
    # both named: the short form is ambiguous and left out
    both = "ذكرى رفيق الحريري. وقال سعد الحريري إن الحريري"
    assert [e for e, _ in found(gazetteer, both)] == ["rafik-hariri", "saad-hariri"]
    # a title alone cannot tell them apart
    assert found(gazetteer, "قال الرئيس الحريري") == []


# --- results ---------------------------------------------------------------------------------

def test_match_article_groups_ids_by_kind_in_order_of_first_mention(gazetteer):
    text = "من بيروت: التقى ماكرون نجيب ميقاتي في قصر الإليزيه، ثم عاد ميقاتي إلى صيدا وبيروت"
    assert gazetteer.match_article(text) == {
        "people": ["emmanuel-macron", "najib-mikati"],
        "places": ["beirut", "sidon"],
        "organisations": ["elysee"],
    }


def test_search_terms_hold_every_name_form(gazetteer):
    assert gazetteer.search_terms("hassan-nasrallah") == ["حسن نصر الله", "نصر الله"]
    assert gazetteer.search_terms("emmanuel-macron") == ["إيمانويل ماكرون", "ماكرون"]


def test_old_ids_resolve_through_redirect_from(gazetteer):
    assert gazetteer.get("elysee-palace").id == "elysee"
    assert gazetteer.get("no-such-id") is None
    assert [e.id for e in gazetteer.by_kind("places")][:2] == ["beirut", "sidon"]
    assert [e.id for e in gazetteer.by_kind("organisation")] == ["hezbollah", "elysee"]


def test_text_without_words_has_no_mentions(gazetteer):
    assert gazetteer.find_mentions("") == []
    assert gazetteer.match_article("— … 2024") == {"people": [], "places": [], "organisations": []}


@pytest.mark.parametrize("text", [
    "قال الرئيسُ الفرنسيّ، إيمانويل ماكرون: «نعم» (رويترز)",
    "snake_case و__ماكرون__ 123 ٤٥٦",
    "كلمة\u0640\u0640ممدودة\nسطر_ثان",
])
def test_words_are_the_words_of_plugins_arabic_tokens(text):
    _, words = split_words(text)
    expected = [normalize(t.text) for t in tokens(text)]
    assert words == expected


def test_a_split_the_caller_already_made_finds_the_same_mentions(gazetteer):
    # enrich splits title and body once and shares the words with the dates stage.
    text = "عنوان: ماكرون في بيروت\n\nقال الرئيس الفرنسي إيمانويل ماكرون في صيدا إن نصر الله وعباس…"
    expected = gazetteer.find_mentions(text)
    assert expected  # the comparison below is not between two empty lists
    assert gazetteer.find_mentions(text, split_words(text)) == expected


def test_word_spans_are_the_spans_the_cumulative_offsets_give():
    from plugins.entities.matcher import Hit, word_offsets, word_spans
    pieces, _ = split_words("قال الرئيس، «محمد بن سلمان» — وولي العهد (السعودي) في الرياض اليوم.")
    hits = [Hit(0, 1, 0, "a"), Hit(2, 5, 1, "b"), Hit(5, 6, 0, "c"), Hit(8, 9, 0, "d"), Hit(len(pieces) - 1, len(pieces), 0, "e")]
    offsets = word_offsets(pieces)
    assert word_spans(pieces, hits) == [(offsets[2 * h.first] + h.cut, offsets[2 * h.end - 1]) for h in hits]


@pytest.mark.parametrize("text", [
    "قال الرئيس الفرنسي إيمانويل ماكرون في بيروت إن حزب الله ووالقدس الشرقية، ثم عاد ماكرون إلى قصر الإليزيه.",
    "التقى الحريري سعد الحريري ورفيق الحريري، وقال عباس إن محمود عباس في القاهرة",
    "ماكرون",
    "لا اسم هنا — فقط كلمات، وأرقام 2024",
])
def test_names_are_looked_up_at_the_words_a_plain_loop_over_every_word_visits(gazetteer, text):
    from plugins.entities.matcher import _END, _SPACES
    matcher = gazetteer.matcher
    pieces, words = split_words(text)

    def plain():  # one look-up per word, as written before the look-ups ran in C
        out = []
        for i, word in enumerate(words):
            for cut, node in matcher._surface.get(word) or ():
                end = i + 1
                while True:
                    if node.get(_END):
                        out.append((i, end, cut, node[_END]))
                    if end == len(words):
                        break
                    node, gap = node.get(words[end]), pieces[end][0]
                    if node is None or (gap != " " and gap.strip(_SPACES)):
                        break
                    end += 1
        return out
    assert matcher.candidates(pieces, words) == plain()


@pytest.mark.parametrize("text", [
    "أيضاً قال", "قالَ أيضاً", "مُحَمَّد عَلِيّ", "كتب ً وحده", "ً", "ًٌ ٍ", "فقط ـ هنا", "أبـــو مازن، مُحمّد",
    "لا حركة هنا", "", "حزب\u0651 الله\u064b،\u064c البنك", "٢٠٢٤م، العامَ", "x\u0651y_z\u0651 ـ", "\u0651" * 5 + " a",
])
def test_split_words_drops_the_offset_filler_from_exactly_the_words_that_hold_it(text):
    # The fast path (fillers found in the joined words) against the plain one, word by word.
    from plugins.entities.matcher import OFFSET_FILLER, _pieces
    from plugins.arabic import normalize_keep_offsets
    pieces, words = split_words(text)
    assert pieces == _pieces(normalize_keep_offsets(text).replace("_", " "))
    assert words == [w.replace(OFFSET_FILLER, "") for _, w in pieces]
    assert any(OFFSET_FILLER in w for _, w in pieces) == (OFFSET_FILLER in normalize_keep_offsets(text))


def test_the_split_with_arabic_letters_listed_first_is_the_plain_split():
    # _PIECE lists the Arabic letters before \w only to answer sooner: the same characters are
    # word characters, so every text splits into the same pieces.
    import re
    from plugins.entities.matcher import _PIECE, _WORD_CHARS
    plain = re.compile(f"([^{_WORD_CHARS}]*)([{_WORD_CHARS}]*)")
    every = "".join(chr(c) for c in range(1, 0x10000) if not 0xD800 <= c < 0xE000)
    assert _PIECE.findall(every) == plain.findall(every)
    word = re.compile(f"[{_WORD_CHARS}]")
    assert all(bool(_PIECE.fullmatch(f"x{c}")) == bool(word.match(c)) for c in map(chr, range(0x600, 0x700)))
    for text in ("قال الرئيس، أمس: «لا» — 12/5/2024.", " .أ.ب. ", "ؤئ ء ـ ً", "abc_ d\u0000e"):
        assert _PIECE.findall(text) == plain.findall(text)
