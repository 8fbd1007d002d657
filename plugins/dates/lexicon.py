"""Arabic date vocabulary, in the *normalised* spelling that ``plugins.arabic.normalize``
produces (alef/hamza forms -> ا, ة -> ه, ى -> ي, diacritics and tatweel gone).

Everything the date finder recognises by name lives here, so adding a spelling is a
one-line change.
"""

from __future__ import annotations

# Gregorian month names -> month number. Levantine/Iraqi, Egyptian/Gulf, Maghrebi.
MONTHS: dict[str, int] = {
    # كانون الثاني / يناير / جانفي
    "كانون الثاني": 1, "كانون ثاني": 1, "يناير": 1, "جانفي": 1, "جانفييه": 1,
    # شباط / فبراير / فيفري
    "شباط": 2, "فبراير": 2, "فيفري": 2, "فبرير": 2,
    # آذار / مارس
    "اذار": 3, "مارس": 3,
    # نيسان / أبريل / إبريل / أفريل
    "نيسان": 4, "ابريل": 4, "افريل": 4,
    # أيار / مايو / ماي / مايس (Iraq)
    "ايار": 5, "مايو": 5, "ماي": 5, "مايس": 5,
    # حزيران / يونيو / يونيه / جوان
    "حزيران": 6, "يونيو": 6, "يونيه": 6, "جوان": 6,
    # تموز / يوليو / يوليه / جويلية / يوليوز (Morocco)
    "تموز": 7, "يوليو": 7, "يوليه": 7, "جويليه": 7, "يوليوز": 7,
    # آب / أغسطس / أوت / غشت (Morocco)
    "اب": 8, "اغسطس": 8, "اغسطوس": 8, "اوت": 8, "غشت": 8,
    # أيلول / سبتمبر / شتنبر (Morocco)
    "ايلول": 9, "سبتمبر": 9, "شتنبر": 9,
    # تشرين الأول / أكتوبر
    "تشرين الاول": 10, "تشرين اول": 10, "اكتوبر": 10,
    # تشرين الثاني / نوفمبر / نونبر (Morocco)
    "تشرين الثاني": 11, "تشرين ثاني": 11, "نوفمبر": 11, "نونبر": 11,
    # كانون الأول / ديسمبر / دجنبر (Morocco)
    "كانون الاول": 12, "كانون اول": 12, "ديسمبر": 12, "دجنبر": 12,
}

# Month names that are also ordinary words (آب/أب «father», مارس «practised», ماي,
# جوان a given name, نيسان the car maker, أوت, غشت «cheated»): alone they count only with
# a day number, a year, a dual form, «شهر» before them or الماضي/المقبل after them.
AMBIGUOUS_MONTHS = frozenset({"اب", "مارس", "ماي", "جوان", "نيسان", "اوت", "غشت", "مايس"})

# Hijri month names -> month number (for «14 رجب 1446 هـ»).
HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2,
    "ربيع الاول": 3, "ربيع اول": 3,
    "ربيع الاخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5,
    "جمادي الاخره": 6, "جمادي الاخر": 6, "جمادي الثانيه": 6, "جمادي الثاني": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
# Hijri months that are common words («صفر» = zero): only with a year or «هـ».
AMBIGUOUS_HIJRI_MONTHS = frozenset({"صفر"})

# Weekday words (with the article) -> Python weekday() number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الاتنين": 0,
    "الثلاثاء": 1, "الثلاثا": 1,
    "الاربعاء": 2, "الاربعا": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}

# Ordinal day words as in «الثامن من كانون الأول» -> day of month.
_UNITS = {
    "الحادي": 1, "الواحد": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9,
}
ORDINAL_DAYS: dict[str, int] = {"الاول": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30}
for _word, _n in _UNITS.items():
    if _word not in ("الحادي", "الواحد"):  # «الحادي» alone is not a day
        ORDINAL_DAYS[_word] = _n
    ORDINAL_DAYS[f"{_word} عشر"] = 10 + _n
    ORDINAL_DAYS[f"{_word} والعشرين"] = 20 + _n
ORDINAL_DAYS["الحادي والثلاثين"] = 31
ORDINAL_DAYS["الواحد والثلاثين"] = 31
del ORDINAL_DAYS["الواحد عشر"]

# Small cardinal numbers as words, for «قبل ثلاثة أيام».
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "اثنين": 2, "اثنان": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
    "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8,
    "ثمان": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
}

# Units of «قبل/منذ/بعد N ...»: word -> (unit, count implied by the word itself or None).
# A dual form carries its count; a singular means one; a plural needs a number.
PERIOD_UNITS: dict[str, tuple[str, int | None]] = {
    "يوم": ("day", 1), "يوما": ("day", None), "يومين": ("day", 2), "ايام": ("day", None),
    "اسبوع": ("week", 1), "اسبوعا": ("week", None), "اسبوعين": ("week", 2), "اسابيع": ("week", None),
    "شهر": ("month", 1), "شهرا": ("month", None), "شهرين": ("month", 2), "اشهر": ("month", None),
    "شهور": ("month", None),
    "عام": ("year", 1), "عاما": ("year", None), "عامين": ("year", 2), "اعوام": ("year", None),
    "سنه": ("year", 1), "سنتين": ("year", 2), "سنوات": ("year", None), "سنين": ("year", None),
}

# Words after a month or weekday that place it relative to the publication date.
PAST_MARKERS = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "السابق")
FUTURE_MARKERS = ("المقبل", "المقبله", "القادم", "القادمه")
CURRENT_MARKERS = ("الجاري", "الحالي", "الحاليه", "الجاريه")

# Words near a bare date that say it lies ahead («المقررة في 15 أكتوبر»).
FUTURE_CUES = (
    "المقرر", "المقرره", "المرتقب", "المرتقبه", "المزمع", "المزمعه", "المنتظر", "المنتظره",
    "المتوقع", "المتوقعه", "يعتزم", "تعتزم", "ينوي", "تنوي", "يرتقب", "يتوقع", "موعد",
    "سيعقد", "ستعقد", "سيجري", "ستجري", "ستنطلق", "سينطلق", "سيقام", "ستقام", "سيبدا", "ستبدا",
    "سيزور", "سيتوجه", "ستنظم", "سينظم", "سيشارك", "ستشارك", "ستكون", "سيكون", "ستستضيف",
    "سيستضيف", "سيتم", "ستتم", "سيلتقي", "سيصل", "ستصل", "ستبدا", "سيعود", "ستعود", "سيدخل",
    "سيحل", "سيخوض", "ستنتهي", "سينتهي", "تنطلق", "يحل", "ستجري", "سيجري",
)

# Words before «N MONTH» that make it the name of something, not a date in the text's
# time frame: «ثورة 25 يناير», «قوى 14 آذار», «شارع 26 يوليو», «مدينة 6 أكتوبر».
NAME_HEADS = frozenset({
    "ثوره", "ثورتي", "انتفاضه", "حركه", "قوي", "تحالف", "تيار", "فريق", "كتله", "شارع",
    "ميدان", "مدينه", "جسر", "مستشفي", "مدرسه", "ساحه", "نادي", "ملعب", "حرب", "جامعه",
    "حزب", "جبهه", "مجموعه", "كوبري", "محور", "طريق", "دوار", "حي", "اتفاقيه", "اتفاق", "ذكري",
    "هزيمه", "نصر", "انتصار", "حربي",  # «هزيمة أكتوبر», «نصر أكتوبر»: the 1973 war
    "صيف", "شتاء", "ربيع", "خريف",  # «صيف أغسطس الحارق»: a month in general
})
