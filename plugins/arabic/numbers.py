"""Arabic counts with the counted noun in the form Arabic grammar asks for.

The number picks one of six categories (Unicode CLDR's plural rules for Arabic, the ones
browsers implement as ``Intl.PluralRules("ar")``, so the search page's script agrees):

=========  ====================  ===============================  ===================
category   numbers               noun form                        example
=========  ====================  ===============================  ===================
zero       0                     «لا» + plural                    لا مقالات
one        1                     singular + «واحد/واحدة»          مقالة واحدة
two        2                     dual (no digit)                  مقالتان / مقالتين
few        n % 100 in 3..10      digits + plural                  3 مقالات، 105 أشخاص
many       n % 100 in 11..99     digits + accusative singular     11 شخصًا، 250 مقالة
other      100, 101, 102, 200…   digits + (genitive) singular     100 شخص، 102 مقالة
=========  ====================  ===============================  ===================

The dual is the only form whose spelling depends on the noun's case: «ورد في مقالتين»
(after a preposition) but «مقالتان» standing alone, hence ``case``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .text import to_arabic_digits


@dataclass(frozen=True)
class Noun:
    singular: str          # مقالة
    dual: str              # مقالتان (nominative)
    dual_oblique: str      # مقالتين (after a preposition, or as an object)
    plural: str            # مقالات (3-10)
    accusative: str        # مقالة / شخصًا (tamyiz, 11-99)
    feminine: bool         # for «واحدة» after the singular


# Every noun the site counts. Add a row here to count something new.
NOUNS: dict[str, Noun] = {
    "article": Noun("مقالة", "مقالتان", "مقالتين", "مقالات", "مقالة", True),
    "person": Noun("شخص", "شخصان", "شخصين", "أشخاص", "شخصًا", False),
    "place": Noun("مكان", "مكانان", "مكانين", "أماكن", "مكانًا", False),
    "organisation": Noun("منظمة", "منظمتان", "منظمتين", "منظمات", "منظمة", True),
    "event": Noun("حدث", "حدثان", "حدثين", "أحداث", "حدثًا", False),
    "source": Noun("مصدر", "مصدران", "مصدرين", "مصادر", "مصدرًا", False),
    "line": Noun("سطر", "سطران", "سطرين", "أسطر", "سطرًا", False),
    "warning": Noun("تنبيه", "تنبيهان", "تنبيهين", "تنبيهات", "تنبيهًا", False),
    "result": Noun("نتيجة", "نتيجتان", "نتيجتين", "نتائج", "نتيجة", True),
    "page": Noun("صفحة", "صفحتان", "صفحتين", "صفحات", "صفحة", True),
    "file": Noun("ملف", "ملفان", "ملفين", "ملفات", "ملفًا", False),
    "note": Noun("ملاحظة", "ملاحظتان", "ملاحظتين", "ملاحظات", "ملاحظة", True),
    "month": Noun("شهر", "شهران", "شهرين", "أشهر", "شهرًا", False),
}

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def plural_category(n: int) -> str:
    """CLDR's Arabic plural category of a whole number ≥ 0."""
    if n < 0 or int(n) != n:
        raise ValueError(f"count_ar counts whole numbers ≥ 0, not {n!r}")
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def format_number(n: int, digits: str = "western") -> str:
    """``digits``: "western" (0-9) or "arabic-indic" (٠-٩), as the ARSHIF_DIGITS setting."""
    if digits not in ("western", "arabic-indic"):
        raise ValueError(f"digits must be 'western' or 'arabic-indic', not {digits!r}")
    text = str(int(n))
    return to_arabic_digits(text) if digits == "arabic-indic" else text


def _forms(noun_key: str, case: str) -> dict[str, str]:
    """The phrase for each category, «{n}» standing for the number."""
    try:
        noun = NOUNS[noun_key]
    except KeyError:
        raise KeyError(f"count_ar: no noun {noun_key!r}; add it to NOUNS in plugins/arabic/numbers.py") from None
    if case not in ("nominative", "oblique"):
        raise ValueError(f"case must be 'nominative' or 'oblique', not {case!r}")
    return {
        "zero": f"لا {noun.plural}",
        "one": f"{noun.singular} {'واحدة' if noun.feminine else 'واحد'}",
        "two": noun.dual if case == "nominative" else noun.dual_oblique,
        "few": "{n} " + noun.plural,
        "many": "{n} " + noun.accusative,
        "other": "{n} " + noun.singular,
    }


def count_ar(n: int, noun_key: str, digits: str = "western", case: str = "nominative") -> str:
    """«لا مقالات», «مقالة واحدة», «مقالتان», «3 مقالات», «11 مقالة», «100 مقالة».

    ``case="oblique"`` gives the dual after a preposition («في مقالتين»); every other form is
    written the same in every case."""
    phrase = _forms(noun_key, case)[plural_category(n)]
    return phrase.replace("{n}", format_number(n, digits))


def noun_forms_json(noun_key: str, case: str = "nominative") -> str:
    """The phrases by CLDR category, as JSON for a page script that counts with
    ``Intl.PluralRules("ar")`` (the search page's result count): the same forms as count_ar."""
    return json.dumps(_forms(noun_key, case), ensure_ascii=False)


__all__ = ["CATEGORIES", "NOUNS", "Noun", "count_ar", "format_number", "noun_forms_json", "plural_category"]
