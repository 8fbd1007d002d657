"""A catalogue of bad inputs an archive fed by scrapers will meet, written into a copy of
the sample content. Each kind says what the build must make of it."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

ARTICLE = ("وزير الخارجية يلتقي نظيره في العاصمة\n\n"
           "التقى وزير الخارجية اليوم نظيره في العاصمة لبحث العلاقات الثنائية بين البلدين.\n\n"
           "وأكد الجانبان أهمية التعاون في مجالات الاقتصاد والطاقة والتعليم.\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 200


@dataclass
class BadInput:
    kind: str
    files: dict            # relative path under content/articles -> bytes (or a callable making it)
    expect: str            # "built" | "skipped" | "warning" (built, with a warning) | "ignored-data"
    says: str = ""         # words the message must contain (besides the file name)


def _t(text: str) -> bytes:
    return text.encode("utf-8")


def catalogue() -> list[BadInput]:
    hostile_html = ("<html><head><title>هجوم</title><style>body{display:none}</style>"
                    "<script>window.__pwned=1;alert(1)</script></head><body><article>"
                    "<h1 onclick=\"alert(2)\">عنوان المقال الخبيث</h1>"
                    "<p>فقرة أولى <img src=x onerror=\"window.__pwned=2\"> فيها نص عادي عن الاقتصاد والسياسة.</p>"
                    "<p><a href=\"javascript:alert(3)\">رابط خبيث</a> ونص آخر طويل بما يكفي ليكون فقرة حقيقية.</p>"
                    "<iframe src=\"https://evil.example/\"></iframe><p>فقرة <b>غير مغلقة <i>بعلامات"
                    "<p><a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==\">بيانات</a> ختام الخبر."
                    "<svg onload=\"window.__pwned=3\"></svg></article></body></html>")
    return [
        BadInput("empty file", {"empty.txt": b""}, "skipped", "empty"),
        BadInput("whitespace only", {"blank.txt": b"  \n\t\n \xc2\xa0 \n"}, "skipped", "empty"),
        BadInput("binary renamed .txt", {"image.txt": PNG}, "skipped", "binary"),
        BadInput("Windows-1256", {"cp1256.txt": ARTICLE.encode("cp1256")}, "built"),
        BadInput("UTF-16 with BOM", {"utf16.txt": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")}, "built"),
        BadInput("UTF-8 with BOM", {"utf8bom.txt": codecs.BOM_UTF8 + _t(ARTICLE)}, "built"),
        BadInput("CR line endings", {"cr.txt": _t(ARTICLE.replace("\n", "\r"))}, "built"),
        BadInput("CRLF line endings", {"crlf.txt": _t(ARTICLE.replace("\n", "\r\n"))}, "built"),
        BadInput("NUL and control characters", {"controls.txt": _t(ARTICLE.replace("التقى", "الت\x00قى\x1a\x02"))}, "built"),
        BadInput("stray bidi marks", {"bidi.txt": _t(ARTICLE.replace("وزير", "\u202bوزير\u202c\u200f"))}, "built"),
        BadInput("invalid UTF-8, not Arabic", {"latin1.txt": "caf\xe9 cr\xe8me\n\nun texte fran\xe7ais".encode("latin-1")}, "skipped", "UTF-8"),
        BadInput("10 MB single line", {"huge-line.txt": _t("كلمة عربية " * 1_000_000)}, "built"),
        BadInput("5,000 paragraphs", {"long.txt": _t("عنوان طويل جدا\n\n" + "\n".join(f"الفقرة رقم {i} من نص طويل عن الأحداث." for i in range(5000)))}, "built"),
        BadInput("100,000-character title", {"long-title.txt": _t("عنوان" * 20_000 + "\n\n" + ARTICLE)}, "built"),
        BadInput("hostile HTML", {"hostile.html": _t(hostile_html)}, "built"),
        BadInput("Markdown with raw HTML", {"raw.md": _t("---\ntitle: مقال بصيغة ماركداون\n---\n\n<script>window.__pwned=5</script>\n\nفقرة **عادية** <img src=x onerror=alert(6)> في المقال.\n\n<iframe src='https://evil.example'></iframe>\n")}, "built"),
        BadInput("malformed front matter", {"badfront.md": _t("---\ntitle: [غير مغلق\ndate: 2025-01-01\n---\n\nنص المقال بعد ترويسة معطوبة، وهو نص كامل.\n")}, "warning", "front matter"),
        BadInput("malformed sidecar", {"badside.txt": _t(ARTICLE), "badside.yaml": _t("date: [2025\nsource: : :\n")}, "warning", "broken YAML"),
        BadInput("YAML with a python tag", {"pytag.txt": _t(ARTICLE), "pytag.yaml": _t("date: !!python/object/apply:os.system ['echo pwned']\n")}, "warning", "tag not allowed"),
        BadInput("sidecar without its article", {"lonely.yaml": _t("date: 2025-01-01\n")}, "skipped", "sidecar without an article"),
        BadInput("unknown metadata keys", {"unknown.txt": _t(ARTICLE), "unknown.yaml": _t("date: 2025-03-01\ncolour: blue\n")}, "warning", "unknown key"),
        BadInput("impossible date", {"baddate.txt": _t(ARTICLE), "baddate.yaml": _t("date: 2025/13/45\n")}, "warning", "not a valid date"),
        BadInput("absurd year", {"year.txt": _t(ARTICLE), "year.yaml": _t("date: 99999-01-01\n")}, "warning", "not a valid date"),
        BadInput("impossible dateline in the text", {"dateline.txt": _t("خبر بتاريخ مستحيل\n\n  • 2025/13/45\n\n" + ARTICLE)}, "built"),
        BadInput("duplicate ids (same stem)", {"twin.txt": _t(ARTICLE), "twin.md": _t(ARTICLE)}, "built", "already used"),
        BadInput("duplicate slugs in sidecars", {"slug-a.txt": _t(ARTICLE), "slug-a.yaml": _t("slug: same-slug\n"),
                                                 "slug-b.txt": _t(ARTICLE), "slug-b.yaml": _t("slug: same-slug\n")}, "built", "already used"),
        BadInput("repeated headline in different files", {"rep-1.txt": _t(ARTICLE), "rep-2.txt": _t(ARTICLE)}, "built"),
        BadInput("file name with spaces", {"an article name.txt": _t(ARTICLE)}, "built"),
        BadInput("Arabic file name", {"مقال عربي.txt": _t(ARTICLE)}, "built"),
        BadInput("leading dot", {".hidden.txt": _t(ARTICLE)}, "skipped", "hidden file"),
        BadInput("dots in the name", {"a..b.txt": _t(ARTICLE)}, "built"),
        BadInput("not an article extension", {"scan.pdf": PNG}, "skipped", "not an article input"),
        BadInput("symlink outside content", {"escape.txt": "symlink:/etc/passwd"}, "skipped", "outside the archive"),
        BadInput("unreadable (a pipe)", {"pipe.txt": "fifo"}, "skipped", "not a regular file"),
        BadInput("nothing left after cleaning", {"junk.txt": _t("-----\n* * *\n•\n\n=====\n")}, "skipped", "nothing is left"),
        # Issue 12: inputs that once vanished, crashed the build or were never reported.
        BadInput("unquoted impossible sidecar date", {"feb30.txt": _t(ARTICLE), "feb30.yaml": _t("date: 2025-02-30\n")},
                 "warning", "not a valid date"),
        BadInput("impossible date in front matter", {"feb30md.md": _t("---\ndate: 2025-02-30\ntitle: مقال بتاريخ مستحيل\n---\n\n" + ARTICLE)},
                 "warning", "not a valid date"),
        BadInput("upper-case .TXT", {"UPPER.TXT": _t(ARTICLE)}, "built"),
        BadInput("mixed-case .HTML", {"Page.HTML": _t("<html><body><h1>عنوان الصفحة المحفوظة</h1><p>" + ARTICLE + "</p></body></html>")}, "built"),
        BadInput("upper-case .MD", {"Note.MD": _t("# ملاحظة المحرر\n\n" + ARTICLE)}, "built"),
        BadInput("upper-case .YAML sidecar", {"upper-side.txt": _t(ARTICLE), "upper-side.YAML": _t("title: عنوان من ملف جانبي\n")}, "built"),
        BadInput("a .yaml and a .yml for one article", {"both.txt": _t(ARTICLE), "both.yaml": _t("title: من yaml\n")}, "built"),
        BadInput("the second sidecar (.yml)", {"both.yml": _t("title: من yml\n")}, "skipped", "second sidecar"),
        BadInput("orphan sidecar in a subfolder", {"sub/lonely-too.yaml": _t("title: وحيد\n")}, "skipped", "sidecar without an article"),
        BadInput("same file name in two folders", {"2024/same.txt": _t(ARTICLE), "2025/same.txt": _t(ARTICLE)}, "built", "already used"),
        BadInput("reStructuredText", {"notes.rst": _t("Title\n=====\n\ntext\n")}, "skipped", "not an article input"),
        BadInput(".mkd Markdown", {"old.mkd": _t("# عنوان\n\nنص\n")}, "skipped", "not an article input"),
        BadInput(".mdown Markdown", {"old2.mdown": _t("# عنوان\n\nنص\n")}, "skipped", "not an article input"),
        BadInput("numbers as sidecar text", {"numbers.txt": _t(ARTICLE), "numbers.yaml": _t("source: 123\nlead: 42\n")}, "built"),
        BadInput("a list as sidecar source", {"listsource.txt": _t(ARTICLE), "listsource.yaml": _t("source: [a, b]\n")},
                 "warning", "must be plain text"),
        BadInput("sidecar linked from outside", {"linkside.txt": _t(ARTICLE)}, "built"),
        BadInput("the outside sidecar link", {"linkside.yaml": "symlink:/etc/hostname"}, "skipped", "outside the archive"),
        BadInput("bidi override in a sidecar title", {"bidititle.txt": _t(ARTICLE), "bidititle.yaml": _t("title: \"\u202eعنوان معكوس\"\n")}, "built"),
        BadInput("invisible mark in the file name", {"mark\u200fname.txt": _t(ARTICLE)}, "built"),
        BadInput("sidecar person by an old id", {"oldid.txt": _t(ARTICLE), "oldid.yaml": _t("people: [old-test-person]\n")}, "built"),
        BadInput("redirect_from shared by two articles", {"redir-a.txt": _t(ARTICLE), "redir-a.yaml": _t("redirect_from: [shared-old]\n"),
                                                          "redir-b.txt": _t(ARTICLE), "redir-b.yaml": _t("redirect_from: [shared-old]\n")}, "built"),
        BadInput("markup in the text reaches a feed", {"feedmarkup.txt": _t("لافروف يتحدث\n\nقال سيرغي لافروف <b>كلامًا</b> &amp; <script>alert(1)</script> في موسكو.\n")}, "built"),
    ]


def write_catalogue(articles_dir: Path, cases: list[BadInput]) -> None:
    for case in cases:
        for name, data in case.files.items():
            path = articles_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if data == "fifo":
                os.mkfifo(path)
            elif isinstance(data, str) and data.startswith("symlink:"):
                path.symlink_to(data.split(":", 1)[1])
            else:
                path.write_bytes(data)


def break_data(data_dir: Path) -> None:
    """Curated data with mistakes: the build warns and goes on."""
    with open(data_dir / "people.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: sergey-lavrov\n  name: نسخة مكررة\n"        # duplicate id
                 "\n- id: no-name-person\n  aliases: [مجهول]\n"         # no name
                 "\n- id: alias-thief\n  name: شخص آخر\n  aliases: [لافروف]\n")  # alias on two entries
    (data_dir / "events.yaml").write_text("- id: bad event\n  title: [\n", encoding="utf-8")  # broken YAML
    with open(data_dir / "people.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: test-person\n  name: شخص الاختبار\n  redirect_from: [old-test-person]\n"
                 "\n- id: bad-redirects\n  name: تحويلات سيئة\n  redirect_from: ['..', feed.xml, '../../x', vladimir-putin]\n"
                 "\n- id: bad-date-person\n  name: صاحب تاريخ مستحيل\n  born: 2025-02-30\n")
    with open(data_dir / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: weird-source\n  name: مصدر غريب\n  aliases: 5\n  name_en: [x]\n")
