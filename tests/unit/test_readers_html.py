"""Saved web pages (issue 15): the article found by its structure, boxes of other stories and
comment sections dropped, date and source read from the page's own metadata with where each
came from."""

from plugins.readers.html_extract import html_to_blocks

P1 = "أعلنت وزارة الصحة في الأردن اليوم عن افتتاح مستشفى جديد في مدينة الزرقاء بسعة مئتي سرير."
P2 = "وقال وزير الصحة خلال حفل الافتتاح إن المستشفى سيخدم أكثر من نصف مليون مواطن في المحافظة."


def page(head="", body=""):
    return f"<html><head>{head}</head><body>{body}</body></html>"


ARTICLE = f"<article><h1>افتتاح مستشفى في الزرقاء</h1><p>{P1}</p><p>{P2}</p></article>"


def texts(blocks):
    return [b["text"] for b in blocks]


def test_published_time_and_site_name_from_meta_tags():
    head = ('<meta property="article:published_time" content="2025-02-12T23:11:05+03:00">'
            '<meta property="og:site_name" content="Al Ghad">')
    _, declared = html_to_blocks(page(head, ARTICLE))
    assert declared["date"] == "2025-02-12T23:11"
    assert declared["date_from"] == "meta:article:published_time"
    assert declared["source"] == "Al Ghad" and declared["source_from"] == "meta:og:site_name"


def test_date_and_publisher_from_json_ld_graph():
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2024-07-29",'
            ' "publisher": {"@type": "Organization", "name": "الغد"}}]}</script>')
    _, declared = html_to_blocks(page(head, ARTICLE))
    assert (declared["date"], declared["date_from"]) == ("2024-07-29", "json-ld:datePublished")
    assert (declared["source"], declared["source_from"]) == ("الغد", "json-ld:publisher")


def test_time_element_gives_the_date_when_the_head_has_none():
    body = f'<article><time datetime="2018-04-08T19:31">8 أبريل</time><p>{P1}</p><p>{P2}</p></article>'
    _, declared = html_to_blocks(page("", body))
    assert (declared["date"], declared["date_from"]) == ("2018-04-08T19:31", "time:datetime")


def test_dated_address_gives_the_date_last():
    head = '<link rel="canonical" href="https://example.com/ar/economy/2018/05/05/argentina-rates">'
    _, declared = html_to_blocks(page(head, ARTICLE))
    assert (declared["date"], declared["date_from"]) == ("2018-05-05", "url")
    assert declared["source_url"] == "https://example.com/ar/economy/2018/05/05/argentina-rates"


def test_no_metadata_no_date_and_broken_json_ld_is_ignored():
    head = '<script type="application/ld+json">{not json</script>'
    _, declared = html_to_blocks(page(head, ARTICLE))
    assert "date" not in declared and "source" not in declared


def test_most_read_list_inside_the_article_is_dropped():
    most_read = "".join(f"<h3>عنوان خبر آخر رقم {i} عن أحداث المنطقة</h3>" for i in range(5))
    body = f"<article><h1>افتتاح مستشفى في الزرقاء</h1><p>{P1}</p><p>{P2}</p><h2>الأكثر قراءة</h2>{most_read}</article>"
    blocks, _ = html_to_blocks(page("", body))
    assert texts(blocks) == ["افتتاح مستشفى في الزرقاء", P1, P2]


def test_related_box_and_comment_section_are_dropped_by_class():
    body = (f"<article><h1>افتتاح مستشفى في الزرقاء</h1><p>{P1}</p>"
            f'<div class="related-news"><ul><li>خبر ذو صلة عن وزارة الصحة</li></ul></div><p>{P2}</p>'
            '<section id="comments"><h3>التعليقات</h3><p>نرحب بتعليقاتكم ونرجو الالتزام بسياسة التعليقات.</p>'
            "</section></article>")
    blocks, _ = html_to_blocks(page("", body))
    assert texts(blocks) == ["افتتاح مستشفى في الزرقاء", P1, P2]


def test_box_heading_in_its_own_section_takes_the_section():
    body = (f"<main><article><h1>افتتاح مستشفى في الزرقاء</h1><p>{P1}</p><p>{P2}</p></article>"
            "<section><h2>اقرأ أيضاً</h2><p>خبر آخر لا علاقة له بالمقال ويطول قليلاً ليبدو فقرة.</p></section></main>")
    blocks, _ = html_to_blocks(page("", body))
    assert texts(blocks) == ["افتتاح مستشفى في الزرقاء", P1, P2]


def test_a_class_that_looks_like_a_box_on_the_article_itself_keeps_the_article():
    body = f'<article class="story share-enabled"><h1>افتتاح مستشفى في الزرقاء</h1><p>{P1}</p><p>{P2}</p></article>'
    blocks, _ = html_to_blocks(page("", body))
    assert texts(blocks) == ["افتتاح مستشفى في الزرقاء", P1, P2]
