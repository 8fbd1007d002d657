"""Numbered listing pages: dated newest first, then undated under their own heading."""

from plugins.pages.listing import latest, newest_first, page_url, page_window, paginate
from plugins.record import ArticleRecord


def rec(ident, date=None, title="", file=None):
    return {"id": ident, "date": date, "title": title or ident, "file": file or f"{ident}.txt"}


def ids(records):
    return [r["id"] if isinstance(r, dict) else r.id for r in records]


def test_dated_newest_first_then_undated_by_arabic_title():
    dated, undated = newest_first([rec("a", "2024-01-02"), rec("b", title="تونس"), rec("c", "2025-07-31"), rec("d", title="أحمد"),
                                   rec("e", title="بيروت")])
    assert ids(dated) == ["c", "a"] and ids(undated) == ["d", "e", "b"]


def test_less_precise_dates_follow_the_precise_ones_they_contain_and_ties_go_by_id():
    dated, _ = newest_first([rec("y", "2025"), rec("m", "2025-07"), rec("d2", "2025-07-31"), rec("d1", "2025-07-31"),
                             rec("t", "2025-07-31T09:00")])
    assert ids(dated) == ["t", "d1", "d2", "m", "y"]


def test_pages_urls_and_neighbours():
    listing = paginate([rec(f"a{i:02d}", f"2025-01-{i:02d}") for i in range(1, 6)], "articles/", per_page=2)
    assert listing.urls == ["articles/", "articles/2/", "articles/3/"]
    assert [p.save_as for p in listing.pages] == ["articles/index.html", "articles/2/index.html",
                                                  "articles/3/index.html"]
    second = listing.pages[1]
    assert (second.previous_url, second.next_url, second.first_index) == ("articles/", "articles/3/", 3)
    assert ids(second.items) == ["a03", "a02"]


def test_undated_start_on_the_page_where_dated_end():
    records = [rec("d1", "2025-01-01"), rec("d2", "2025-01-02"), rec("d3", "2025-01-03"), rec("u1"), rec("u2")]
    pages = paginate(records, "sources/x/", per_page=2).pages
    assert [(ids(p.dated), ids(p.undated)) for p in pages] == [
        (["d3", "d2"], []), (["d1"], ["u1"]), ([], ["u2"])]


def test_counts_of_a_listing():
    listing = paginate([rec("a", "2025"), rec("b")], "articles/")
    assert (listing.dated_count, listing.undated_count, listing.total, len(listing.pages)) == (1, 1, 2, 1)


def test_empty_listing_still_has_its_first_page():
    listing = paginate([], "articles/")
    assert listing.urls == ["articles/"] and listing.pages[0].items == [] and listing.pages[0].next_url is None


def test_every_record_is_on_exactly_one_page():
    records = [rec(f"r{i:03d}", f"2025-01-{i % 28 + 1:02d}" if i % 3 else None) for i in range(237)]
    listing = paginate(records, "articles/", per_page=50)
    listed = [r["id"] for p in listing.pages for r in p.items]
    assert sorted(listed) == sorted(r["id"] for r in records) and len(listing.pages) == 5


def test_works_on_article_records():
    records = [ArticleRecord(id="x", file="x.txt", format="text", date="2025-02-01"),
               ArticleRecord(id="y", file="y.txt", format="text", title="ب")]
    page = paginate(records, "articles/").pages[0]
    assert ids(page.dated) == ["x"] and ids(page.undated) == ["y"]


def test_page_url_of_the_site_root():
    assert (page_url("", 1), page_url("", 2)) == ("", "2/")


def test_latest_prefers_dated_articles():
    assert latest([rec("a", "2025"), rec("b"), rec("c", "2026")], 5) == ([rec("c", "2026"), rec("a", "2025")], "dated")


def test_latest_without_any_date_is_the_last_files_added():
    records = [rec("a", file="001.txt"), rec("b", file="003.txt"), rec("c", file="002.txt")]
    items, kind = latest(records, 2)
    assert kind == "added" and ids(items) == ["b", "c"]


# --- the navigation's window: first, last, ±2 around the current page, an ellipsis (None) between

def test_window_on_the_first_and_last_pages():
    assert page_window(40, 1) == [1, 2, 3, None, 40]
    assert page_window(40, 40) == [1, None, 38, 39, 40]


def test_window_in_the_middle_has_an_ellipsis_on_each_side():
    assert page_window(40, 20) == [1, None, 18, 19, 20, 21, 22, None, 40]
    assert page_window(40, 20, around=3) == [1, None, 17, 18, 19, 20, 21, 22, 23, None, 40]


def test_short_lists_show_every_page_and_no_ellipsis():
    assert page_window(1, 1) == [1]
    assert page_window(2, 2) == [1, 2]
    for count in range(1, 6):   # up to around + 3 pages: every window is the whole list
        for current in range(1, count + 1):
            assert page_window(count, current) == list(range(1, count + 1)), (count, current)
    assert page_window(6, 1) == [1, 2, 3, None, 6] and page_window(6, 3) == [1, 2, 3, 4, 5, 6]


def test_an_ellipsis_never_stands_for_a_single_page():
    # page 4: pages 2 and 3 sit next to the first page, no gap; page 5: the one page between 1
    # and 3 is shown, not elided; page 6: two pages left out, an ellipsis.
    assert page_window(40, 4) == [1, 2, 3, 4, 5, 6, None, 40]
    assert page_window(40, 5) == [1, 2, 3, 4, 5, 6, 7, None, 40]
    assert page_window(40, 6) == [1, None, 4, 5, 6, 7, 8, None, 40]
    assert page_window(40, 36) == [1, None, 34, 35, 36, 37, 38, 39, 40]
    assert page_window(40, 35) == [1, None, 33, 34, 35, 36, 37, None, 40]


def test_window_size_does_not_grow_with_the_list():
    for count in (10, 100, 1000, 20000):
        sizes = {len(page_window(count, current)) for current in range(1, count + 1)}
        assert max(sizes) == 9, count
    assert page_window(0, 1) == [] and page_window(5, 99) == [1, 2, 3, 4, 5]


def test_nav_of_a_listing_gives_urls_of_the_window_and_the_neighbours():
    listing = paginate([rec(f"a{i:03d}", "2025") for i in range(100)], "articles/", per_page=10,
                       more_url="articles/page/")
    nav = listing.nav(5)
    assert (nav["previous"], nav["next"]) == ("articles/page/4/", "articles/page/6/")
    assert nav["links"] == [(1, "articles/"), (2, "articles/page/2/"), (3, "articles/page/3/"),
                            (4, "articles/page/4/"), (5, "articles/page/5/"), (6, "articles/page/6/"),
                            (7, "articles/page/7/"), None, (10, "articles/page/10/")]
    assert (listing.nav(1)["previous"], listing.nav(10)["next"]) == (None, None)
    assert paginate([], "articles/").nav(1) == {"previous": None, "next": None, "links": [(1, "articles/")]}
