"""Long lists of articles as numbered pages (the articles index, each source's page):
``articles/``, ``articles/2/``, … Dated articles come first, newest first; undated ones
follow under their own heading, in Arabic alphabetical order of their titles, so a
listing that says «الأحدث أولًا» is true of every dated item and an undated archive is still
browsable.

The project's own paginator rather than Pelican's: Pelican's ``Paginator`` pages Pelican
articles for its own direct templates, reads settings and builds URLs from
``PAGINATION_PATTERNS``; this one is plain data over records, testable without Pelican,
and the same for every listing.

Records are ``ArticleRecord`` objects or dicts with ``id``, ``date`` (ISO at its
precision, or None) and ``title``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..arabic import sort_key

DEFAULT_PER_PAGE = 50
NAV_AROUND = 2      # pages shown on each side of the current one in a list's navigation


def _get(record, key: str):
    return record.get(key) if isinstance(record, dict) else getattr(record, key, None)


def newest_first(records) -> tuple[list, list]:
    """(dated newest first, undated by title). ISO strings at mixed precision compare
    correctly: '2025-07-31' sorts before '2025-07' and '2025' (the less precise date after the
    precise ones it contains). Ties by id, so the order is the same every build."""
    records = list(records)
    if any(isinstance(r, dict) for r in records):
        get = _get
    else:   # records or cards: plain attribute reads (this sorts every listing of 20,000 articles)
        def get(r, key):
            return getattr(r, key, None)
    dated = [r for r in records if get(r, "date")]
    undated = [r for r in records if not get(r, "date")]
    dated.sort(key=lambda r: str(get(r, "id")))
    dated.sort(key=lambda r: str(get(r, "date")), reverse=True)
    undated.sort(key=lambda r: (sort_key(str(get(r, "title") or "")), str(get(r, "id"))))
    return dated, undated


@dataclass(frozen=True)
class ListingPage:
    number: int                 # 1-based
    url: str                    # 'articles/' for page 1, then 'articles/2/', …
    save_as: str                # url + 'index.html'
    dated: list                 # the dated records on this page, newest first
    undated: list               # the undated records on this page (shown under their heading)
    first_index: int            # position of this page's first record in the whole listing (1-based)
    previous_url: str | None
    next_url: str | None

    @property
    def items(self) -> list:
        return self.dated + self.undated


@dataclass(frozen=True)
class Listing:
    pages: list[ListingPage]
    dated_count: int
    undated_count: int
    urls: list[str] = field(default_factory=list)   # every page's URL, in order (``nav`` picks from them)

    @property
    def total(self) -> int:
        return self.dated_count + self.undated_count

    def nav(self, number: int, around: int = NAV_AROUND) -> dict:
        """Page ``number``'s navigation (``page_nav``)."""
        return page_nav(self.urls, number, around)


def page_nav(urls: list[str], number: int, around: int = NAV_AROUND) -> dict:
    """What page ``number`` of the pages at ``urls`` shows in its navigation (``_macros.html``
    ``pages_nav``): the previous and next page's URL (None at the ends) and ``page_window``
    as (number, URL) pairs, None for an ellipsis. Its size does not grow with the listing, and
    it is all a page's key needs of the other pages: a page is written again when its window
    changes."""
    return {"previous": urls[number - 2] if number > 1 else None,
            "next": urls[number] if number < len(urls) else None,
            "links": [None if n is None else (n, urls[n - 1]) for n in page_window(len(urls), number, around)]}


def page_url(base_url: str, number: int, more_url: str | None = None) -> str:
    """'articles/', 1 -> 'articles/'; 'articles/', 3 -> 'articles/3/'; with ``more_url``
    'articles/page/', 3 -> 'articles/page/3/'."""
    return base_url if number == 1 else f"{more_url or base_url}{number}/"


def page_window(count: int, current: int, around: int = NAV_AROUND) -> list[int | None]:
    """The page numbers a navigation of ``count`` pages shows on page ``current``: the first,
    the last and those within ``around`` of the current one, in order, with None where pages
    are left out (an ellipsis), as Django's ``Paginator.get_elided_page_range`` and Hugo do.
    A gap of a single page shows that page: an ellipsis would take its room and hide it.
    At most ``2 * around + 5`` entries, whatever ``count``."""
    if count < 1:
        return []
    current = min(max(1, current), count)
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    window, last = [], 0
    for n in shown:
        if n - last == 2:
            window.append(n - 1)
        elif n - last > 2:
            window.append(None)
        window.append(n)
        last = n
    return window


def paginate(records, base_url: str, per_page: int = DEFAULT_PER_PAGE, more_url: str | None = None,
             ordered: bool = False) -> Listing:
    """Split ``records`` into numbered pages under ``base_url`` ('articles/',
    'sources/al-thawra/'; '' for the site root); pages 2, 3, … under ``more_url`` when given
    (the articles index uses 'articles/page/', since 'articles/2/' could be an article). There
    is always a first page, empty when there are no records, so the listing's URL exists.
    ``ordered``: the records are already in ``newest_first`` order (not sorted again)."""
    per_page = max(1, int(per_page))
    dated, undated = _split(records) if ordered else newest_first(list(records))
    ordered = dated + undated
    chunks = [ordered[i:i + per_page] for i in range(0, len(ordered), per_page)] or [[]]
    urls = [page_url(base_url, n, more_url) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, chunk in enumerate(chunks, 1):
        start = (n - 1) * per_page
        split = max(0, min(len(chunk), len(dated) - start))
        pages.append(ListingPage(
            number=n, url=urls[n - 1], save_as=urls[n - 1] + "index.html", dated=chunk[:split],
            undated=chunk[split:], first_index=start + 1,
            previous_url=urls[n - 2] if n > 1 else None, next_url=urls[n] if n < len(urls) else None))
    return Listing(pages, len(dated), len(undated), urls)


def _split(ordered) -> tuple[list, list]:
    """``newest_first`` of records already in that order: the dated ones come first."""
    ordered = list(ordered)
    count = sum(1 for r in ordered if _get(r, "date"))
    return ordered[:count], ordered[count:]


def latest(records, limit: int, ordered: bool = False) -> tuple[list, str]:
    """What the home page shows: (records, 'dated') — the ``limit`` newest dated ones — or,
    when no record has a date, (records, 'added') — the last ``limit`` in file order, newest
    file names first (scrapers number their files in the order they fetch them)."""
    dated, _ = _split(records) if ordered else newest_first(records)
    if dated:
        return dated[:limit], "dated"
    by_file = sorted(records, key=lambda r: (str(_get(r, "file") or ""), str(_get(r, "id"))), reverse=True)
    return by_file[:limit], "added"
