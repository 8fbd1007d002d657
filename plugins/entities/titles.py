"""Titles that make a weak alias count («الرئيس الشرع», «مدينة حماة»), and the words that may
stand between a title and the name («الرئيس السوري الشرع»).

Written as they are usually spelled; they are normalised (and matched with attached و ف ب ل ك
and ال on their first word) like names. Each entity's own ``roles`` are titles for it too.
"""

# Generic titles in front of a person's (weak) name.
PERSON_TITLES = (
    "الرئيس", "الرئيسة", "رئيس", "نائب الرئيس", "رئيس الوزراء", "رئيس الحكومة",
    "الوزير", "الوزيرة", "وزير", "وزير الخارجية", "وزير الدفاع", "وزير الداخلية", "وزير المالية",
    "نائب وزير الخارجية", "المتحدث باسم", "المتحدثة باسم",
    "الشيخ", "الأمير", "ولي العهد", "الملك", "الملكة", "السلطان", "السيد", "السيدة",
    "الدكتور", "الدكتورة", "د.", "المهندس", "الجنرال", "المشير", "الفريق", "اللواء", "العميد",
    "العقيد", "القائد", "الزعيم", "المبعوث", "السفير", "النائب", "المستشار", "الإعلامي",
    "الإعلامية", "الكاتب", "الكاتبة", "الصحفي", "الصحفية", "الأمين العام",
)

# Generic titles in front of a place's (weak) name.
PLACE_TITLES = (
    "مدينة", "محافظة", "العاصمة", "ريف", "بلدة", "قرية", "ولاية", "إقليم", "منطقة", "دولة",
    "جمهورية", "مملكة", "إمارة", "سلطنة",
)

# Generic titles in front of an organisation's (weak) name.
ORGANISATION_TITLES = (
    "حركة", "حزب", "منظمة", "تنظيم", "جماعة", "وكالة", "وكالة أنباء", "قناة", "صحيفة", "شركة",
    "مجلس", "هيئة", "جامعة",
)

TITLES_BY_KIND = {
    "person": PERSON_TITLES,
    "place": PLACE_TITLES,
    "organisation": ORGANISATION_TITLES,
}

# Nouns that make a person's name the name of a place or institution: «مستشفى الملك فيصل»,
# «جائزة محمد بن سلمان», «مركز الملك عبدالعزيز الثقافي», «دارة الملك عبدالعزيز». A person
# named right after one of these (titles such as «الملك» may stand between) is not mentioned.
INSTITUTION_HEADS = (
    "مستشفى", "مستشفيات", "مستوصف", "متنزه", "منتزه", "حديقة", "مركز", "دارة", "جامعة", "كلية",
    "معهد", "مدرسة", "مدارس", "أكاديمية", "مكتبة", "شارع", "طريق", "جسر", "نفق", "ميدان", "دوار",
    "مطار", "ميناء", "قاعدة", "مدينة", "حي", "مسجد", "جامع", "قاعة", "ملعب", "استاد", "مجمع",
    "برج", "قصر", "جائزة", "كرسي", "مؤسسة", "جمعية", "صندوق", "برنامج", "مبادرة", "منحة", "وقف",
    "محطة", "سد", "بوابة", "متحف", "مهرجان", "بطولة", "كأس",
)

# Words allowed between a title and the name, besides nisba adjectives (ال… ending in ي,
# «السوري», «الروسي», «الانتقالي»): «الرئيس السابق الأسد», «الرئيس المخلوع الأسد».
TITLE_MODIFIERS = ("السابق", "الأسبق", "المخلوع", "الراحل", "الحالي", "الجديد", "الفار", "المؤقت")

# At most this many adjectives/modifiers between a title and the name.
MAX_MODIFIERS = 2
