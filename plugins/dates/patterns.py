"""Regular expressions for date expressions, compiled once, over *normalised* text
(``plugins.arabic.normalize`` spelling, diacritics and tatweel removed).

Each pattern finds one family; ``mentions.py`` decides what a match means.
"""

from __future__ import annotations

import re

from .lexicon import (
    CURRENT_MARKERS, FUTURE_MARKERS, HIJRI_MONTHS, MONTHS, NUMBER_WORDS, ORDINAL_DAYS,
    PAST_MARKERS, PERIOD_UNITS, WEEKDAYS,
)


def alternation(words) -> str:
    """Longest first, so «كانون الثاني» wins over a shorter name; spaces match any run."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


# Start of a word, allowing the proclitics و ف ب ل before it («والخميس», «وفي», «بالأمس»).
WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف])|(?<=(?<!\w)[بل])|(?<=(?<!\w)[وف][بل]))"
WORD_END = r"(?!\w)"



def opens(*words, digits: bool = False) -> str:
    """A look-ahead for the ways a match can begin: the first two letters of ``words`` (of
    their first word, as a space in them is any run of spaces), digits. Tested before
    WORD_START, whose look-behinds cost several checks at every position a window is scanned
    from, it passes most positions with one or two; a pattern finds what it found without
    it, as long as every way its match can begin is listed."""
    starts = sorted({w.split()[0][:2] for group in words for w in ([group] if isinstance(group, str) else group)})
    return "(?=" + "|".join([re.escape(s) for s in starts] + ([r"\d"] if digits else [])) + ")"


MONTH = alternation(MONTHS)
HIJRI_MONTH = alternation(HIJRI_MONTHS)
WEEKDAY = alternation(WEEKDAYS)
ORDINAL = alternation(ORDINAL_DAYS)
MARKER = alternation(PAST_MARKERS + FUTURE_MARKERS + CURRENT_MARKERS)
NUMBER_WORD = alternation(NUMBER_WORDS)
PERIOD_UNIT = alternation(PERIOD_UNITS)

# A day of the month: «12», «الـ12» (tatweel already gone), «الثامن».
_DAY = rf"(?:(?:ال\s*)?\d{{1,2}}(?![\d%٪])|{ORDINAL}{WORD_END})"
_DAY_OPENS = ("ال", ORDINAL_DAYS)  # and digits
# A second month name for the same month: «أيار/مايو», «15 أكتوبر (تشرين الأول)».
_DUAL = rf"(?:\s*[/(\-–]?\s*(?P<month2>{MONTH}){WORD_END}(?:\s*\))?)?"
# A Gregorian year after a month: «2024», «، 2024», «من عام 2024», «2024م».
# Or a year relative to publication: «أكتوبر من العام الماضي».
_YEAR_AFTER = (
    r"(?:\s*،?\s*(?:من\s+)?(?:عام|العام|سنه|السنه)?\s*(?P<year>\d{4})(?![\d%٪])"
    r"(?:\s*(?:م|ميلادي|ميلاديه)(?!\w))?"
    rf"|\s+(?:من\s+)?(?=(?:هذا|هذه)\s+(?:العام|السنه){WORD_END}|(?:العام|السنه)\s+{MARKER}{WORD_END})"
    rf"(?:(?P<thisyear>هذا|هذه)\s+)?(?:العام|السنه)(?:\s+(?P<relyear>{MARKER}))?{WORD_END})?"
)
_MARKER_AFTER = rf"(?:\s+(?P<marker>{MARKER}){WORD_END})?"

# «اليوم، الأربعاء 12 من شباط», «يومي 23 و24 شباط الماضي», «الثامن من كانون الأول الماضي»,
# «15 أكتوبر/تشرين الأول المقبل», «8 من كانون الأول 2024», «من 3 إلى 5 آذار».
DAY_MONTH = re.compile(
    opens(("اليوم", "امس", "غدا", "يوم", "يومي", "من", "بين"), WEEKDAYS, *_DAY_OPENS, digits=True)
    + WORD_START
    + r"(?:(?P<rel>اليوم|امس|غدا)\s*،?\s*)?"
    + rf"(?:(?:يوم\s+)?(?P<weekday>{WEEKDAY})\s*،?\s*(?:الموافق\s+)?)?"
    + r"(?:(?:يومي|يوم|من|بين)\s+)?"
    + rf"(?P<day>{_DAY})"
    + rf"(?:\s*(?:و|-|–|الي|حتي|ل)\s*(?P<day2>{_DAY}))?"
    + r"\s*(?P<of>من\s+)?(?:شهر\s+)?"
    + rf"(?P<month>{MONTH}){WORD_END}"
    + _DUAL + _YEAR_AFTER + _MARKER_AFTER
)

# «في ديسمبر», «أيار/مايو الماضي», «شهر مارس», «مايو 2024», «نيسان (أبريل) 2023».
MONTH_ALONE = re.compile(
    opens("شهر", MONTHS)
    + WORD_START
    + r"(?:(?P<shahr>شهر|شهري)\s+)?"
    + rf"(?P<month>{MONTH}){WORD_END}"
    + _DUAL + _YEAR_AFTER + _MARKER_AFTER
)

# «14 رجب 1446 هـ», «1 رمضان 1446هـ», «الأول من رمضان».
HIJRI_DATE = re.compile(
    opens("يوم", WEEKDAYS, *_DAY_OPENS, digits=True)
    + WORD_START
    + rf"(?:(?:يوم\s+)?(?P<weekday>{WEEKDAY})\s*،?\s*(?:الموافق\s+)?)?"
    + rf"(?P<day>{_DAY})\s*(?P<of>من\s+)?(?:شهر\s+)?(?P<month>{HIJRI_MONTH}){WORD_END}"
    + r"(?:\s*،?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>\d{4})(?!\d))?"
    + r"(?P<hijri>\s*(?:ه|هجري|هجريه|للهجره)(?!\w))?"
    + _MARKER_AFTER
)

# Numeric dates, year first or day first: «2025/02/12», «12-2-2025», «12/2/2025».
NUMERIC_YMD = re.compile(r"(?<![\d/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/\-]|\.\d)")
NUMERIC_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/\-]|\.\d)")

# A year with a word that says it is a year: «عام 2024», «في 2024», «عامي 2023 و2024».
YEAR_CONTEXTS = (
    "عام", "العام", "سنه", "السنه", "عامي", "في", "منذ", "خلال", "حتي", "مطلع", "اوايل", "اواخر",
    "منتصف", "نهايه", "بدايه", "اواسط", "بحلول", "قبل", "بعد", "موسم", "ميزانيه", "بين",
)
STRONG_YEAR_CONTEXTS = frozenset({"عام", "العام", "سنه", "السنه", "عامي"})
YEAR = re.compile(
    opens(YEAR_CONTEXTS)
    + WORD_START
    + rf"(?P<ctx>{alternation(YEAR_CONTEXTS)})\s+(?P<year>\d{{4}})(?![\d%٪]|[.,٫:]\d)"
    + r"(?:\s*(?:و|-|–|الي|حتي)\s*(?P<year2>\d{4})(?![\d%٪]|[.,٫:]\d))?"
)
# «2014م», «2015 ميلادي»: the suffix says it is a year, whatever stands before it.
YEAR_AD = re.compile(r"(?<![\d.,])(?P<year>\d{4})\s*(?:م|ميلادي|ميلاديه)(?!\w)")
# After a year: it is Hijri («1446 هـ»), so not a Gregorian year.
HIJRI_SUFFIX = re.compile(r"\s*(?:ه|هجري|هجريه|للهجره)(?!\w)")

# «اليوم», «اليوم الثلاثاء», «أمس الأربعاء», «أول أمس», «بعد غد», «غداً», «الليلة».
RELATIVE_DAY = re.compile(
    opens(("يوم", "اليوم", "امس", "اول", "بالامس", "بعد", "غدا", "غد", "الليله"))
    + WORD_START
    + r"(?:يوم\s+(?=امس|غد))?"
    + r"(?P<word>اليوم|امس\s+الاول|اول\s+(?:من\s+)?امس|بالامس|امس|بعد\s+غد|غدا"
    + rf"|غد(?=\s*،?\s*{WEEKDAY})|الليله\s+الماضيه|الليله)"
    + WORD_END
    + rf"(?:\s*[،(]?\s*(?P<weekday>{WEEKDAY}){WORD_END}(?:\s*\))?)?"
)

# A night that spans two days: «ليل السبت الأحد», «منتصف ليل الأحد - الاثنين», «ليلة الخميس
# إلى الجمعة».
NIGHT_SPAN = re.compile(
    opens(("منتصف", "ليل"))
    + WORD_START
    + r"(?:منتصف\s+)?(?:ليل|ليله)\s+"
    + rf"(?P<weekday>{WEEKDAY}){WORD_END}\s*(?:[-–/]|الي|علي)?\s*(?:و)?(?P<weekday2>{WEEKDAY}){WORD_END}"
)

# «الخميس», «يوم الخميس», «الأربعاء الماضي», «السبت المقبل».
WEEKDAY_ALONE = re.compile(
    opens("يوم", WEEKDAYS) + WORD_START + rf"(?:يوم\s+)?(?P<weekday>{WEEKDAY}){WORD_END}" + _MARKER_AFTER
)

# «الشهر الماضي», «العام المقبل», «السنة الماضية», «هذا العام».
RELATIVE_PERIOD = re.compile(
    opens(("هذا", "هذه", "الشهر", "العام", "السنه"))
    + WORD_START
    + r"(?:(?P<this>هذا|هذه)\s+)?(?P<unit>الشهر|العام|السنه)"
    + rf"(?:\s+(?P<marker>{MARKER}))?" + WORD_END
)

# «21 من الشهر الجاري», «الـ22 من هذا الشهر»: a day of a month relative to publication.
DAY_OF_MONTH = re.compile(
    opens(*_DAY_OPENS, digits=True)
    + WORD_START
    + rf"(?P<day>{_DAY})\s*(?:من\s+)?(?:(?P<this>هذا)\s+الشهر|الشهر\s+(?P<marker>{MARKER}))" + WORD_END
)

# Seasons: «صيف 2014», «صيف العام 1980», «الصيف الماضي», «هذا الشتاء».
SEASONS = {"صيف": 6, "خريف": 9, "شتاء": 12, "ربيع": 3}
_SEASON = r"(?:ال)?(?P<season>صيف|خريف|شتاء|ربيع)"
SEASON = re.compile(
    opens(("هذا", "ال"), SEASONS)
    + WORD_START
    + r"(?:(?P<this>هذا)\s+)?" + _SEASON + WORD_END
    + rf"(?:\s+(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<year>\d{{4}})(?![\d%٪])|\s+(?P<marker>{MARKER}){WORD_END})?"
)

# «قبل ثلاثة أيام», «منذ عامين», «قبل أسبوع», «بعد يومين», «منذ 3 أشهر».
PERIOD_AGO = re.compile(
    opens(("قبل", "منذ", "بعد"))
    + WORD_START
    + r"(?P<direction>قبل|منذ|بعد)\s+"
    + rf"(?:(?P<number>\d{{1,3}})\s*|(?P<number_word>{NUMBER_WORD})\s+)?"
    + rf"(?P<unit>{PERIOD_UNIT}){WORD_END}"
)

SENTENCE_END = re.compile(r"[.!؟?\n]")
WORD = re.compile(r"\w+")

# --- triggers -------------------------------------------------------------------------
# The family patterns above are only tried in a window around a trigger word or a run of
# digits: scanning 20,000 articles with every pattern at every position is too slow.
TRIGGER_FAMILIES: dict[str, str] = {
    **{w: "month" for w in MONTHS},
    **{w: "hijri" for w in HIJRI_MONTHS},
    **{w: "weekday" for w in WEEKDAYS},
    **{w: "relative_day" for w in ("اليوم", "امس", "غدا", "غد", "الليله")},
    **{w: "relative_period" for w in ("الشهر", "العام", "السنه")},
    **{w: "period_unit" for w in PERIOD_UNITS},
    **{w: "season" for w in ("صيف", "الصيف", "خريف", "الخريف", "شتاء", "الشتاء", "ربيع", "الربيع")},
    **{w: "night" for w in ("ليل", "ليله")},
}


def _trie(words) -> str:
    """An alternation nested by shared prefixes («ا(?:ل(?:شهر|عام|…)|…)»): at each position
    the engine follows one path instead of trying every word of a letter, and the longest
    word that matches wins, as in ``alternation``. A space matches any run of spaces."""
    trie: dict = {}
    for word in words:
        node = trie
        for token in re.findall(r"\s+|.", word):
            node = node.setdefault(r"\s+" if token.isspace() else re.escape(token), {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        branches = [token + emit(child) for token, child in node.items() if token]
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")
    return emit(trie)


TRIGGER = re.compile(_trie(TRIGGER_FAMILIES))

# What a trigger word may carry before it (a conjunction, a preposition): «والخميس»,
# «بالعام», «للشهر». Any other word that merely ends in a trigger («يمارس», «حسنه») is not one.
_PROCLITICS = sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك", "لل")}, key=len)
# Triggers listed bare that are also written with the article: «بالأمس».
_WITH_ARTICLE = ("امس",)


def _trigger_words() -> dict[str, int]:
    """Each whole word that holds a trigger -> where the trigger starts in it (after its
    proclitics). A trigger of several words is listed by its first word («كانون»); TRIGGER,
    matched where the trigger starts, says which trigger it is and where it ends."""
    words: dict[str, int] = {}
    for prefix in _PROCLITICS:  # the shortest prefix first: the trigger that starts leftmost
        for trigger in TRIGGER_FAMILIES:
            words.setdefault(prefix + trigger.split()[0], len(prefix))
        for trigger in _WITH_ARTICLE:
            words.setdefault(prefix + "ال" + trigger, len(prefix) + 2)
    return words


TRIGGER_WORDS = _trigger_words()
TRIGGER_WORD_SET = frozenset(TRIGGER_WORDS)
# A word as the date finder's trigger look-up splits the text: the words of
# plugins.entities.matcher.split_words, which cuts at underscores too.
WORD_NO_UNDERSCORE = re.compile(r"[^\W_]+")
DIGIT_RUN = re.compile(r"\d+")
NON_WORD = re.compile(r"\W")
