"""A plain-text input: one raw block per non-empty line, numbered as in the file, so a
removed line is reported at the line a curator sees in an editor."""

from plugins.clean.core import clean_article, load_rules
from plugins.readers.core import parse_input

TEXT = "عنوان الخبر هنا\n\nأعلنت الوزارة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير.\n\n\n" \
       "اقرأ أيضاً:\nوقال الوزير إن المستشفى سيخدم أكثر من نصف مليون مواطن في المحافظة.\n"


def test_text_blocks_are_the_non_empty_lines_with_their_numbers_in_the_file():
    doc = parse_input(TEXT.encode(), "a.txt", "text")
    lines = TEXT.split("\n")
    assert [(b["line"], b["text"]) for b in doc.raw_blocks] == [(n, t) for n, t in enumerate(lines, 1) if t]
    article = clean_article(doc.raw_blocks, load_rules(None))
    assert [(r.line, r.text) for r in article.removed] == [(6, "اقرأ أيضاً:")]
    assert all(lines[r.line - 1] == r.text for r in article.removed)
