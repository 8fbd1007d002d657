"""Find the article in a saved web page and return it as blocks, with what the page says
about itself.

A saved page is mostly furniture (menus, sidebars, comment forms, scripts). The article
is the element that holds most of the page's paragraph text: ``<article>`` or
``itemprop=articleBody`` when the page says so, otherwise the densest container. Inside it,
boxes of other stories («الأكثر قراءة», related links) and comment sections are dropped by
their heading or their class, before its paragraphs, headings, quotes, captions and list items
become blocks for the cleaning stage (which then applies the same rules as for plain text).

The page's own metadata gives the ``declared`` values, each with where it came from:
``date`` (ISO) and ``date_from`` («meta:article:published_time», «json-ld:datePublished»,
«time:datetime», «url»), ``source`` and ``source_from`` («meta:og:site_name»,
«json-ld:publisher»), ``source_url`` and ``title``.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Comment

from ..arabic import normalize

# Elements that never hold article text.
_FURNITURE = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "form", "button", "input", "select", "textarea", "nav", "aside", "footer",
              "header", "menu", "dialog"]
_BLOCK_KINDS = {"p": "p", "h1": "title", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4",
                "blockquote": "quote", "figcaption": "caption", "li": "li", "pre": "p", "dd": "p"}
_CONTENT_HINT = re.compile(r"(article|content|entry|post|story|body|text|main)", re.I)
_NOISE_HINT = re.compile(r"(comment|related|share|social|sidebar|widget|promo|advert|breadcrumb|menu|footer|tags?)\b", re.I)
# A box inside the article container that is not the article: by its class or id …
_BOX_HINT = re.compile(
    r"(comment|related|most[-_]?(read|viewed|popular)|popular|trending|recommend|more[-_]?(news|stories)"
    r"|read[-_]?(more|also)|share|social|tags?\b|newsletter|outbrain|taboola)", re.I)
# … or by its heading (folded spelling): «الأكثر قراءة», «اقرأ أيضاً», «التعليقات» …
_BOX_TITLES = frozenset(normalize(t) for t in (
    "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تداولاً", "الأكثر تعليقا", "اقرأ أيضا",
    "اقرأ أيضاً", "اقرأ المزيد", "أخبار ذات صلة", "مقالات ذات صلة", "مواضيع ذات صلة", "أخبار متعلقة",
    "قد يعجبك أيضا", "قد يهمك أيضا", "آخر الأخبار", "أحدث الأخبار", "التعليقات", "تعليقات",
    "أضف تعليقا", "اترك تعليقا", "سياسة التعليقات", "شروط التعليق", "most read", "related",
    "related articles", "comments",
))
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_PARAGRAPH_WORDS = 15  # a link or headline under a rail title is shorter than a paragraph
_TITLE_PUNCT = re.compile(r"[^\w\s]+")

# Dates in metadata: «2018-05-05T17:00:22+04:00» -> «2018-05-05T17:00» (time as written).
_META_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
# A dated address: «/2018/05/05/», «/20180505-», «/2018-05-05/».
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)")


def _text(el) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def _candidate_score(el) -> int:
    paragraphs = el.find_all("p")
    score = sum(len(_text(p)) for p in paragraphs)
    hint = " ".join(el.get("class", []) or []) + " " + (el.get("id") or "")
    if _CONTENT_HINT.search(hint):
        score = int(score * 1.25)
    if _NOISE_HINT.search(hint):
        score //= 4
    return score


def _main_container(soup):
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        found = soup.select(selector)
        if found:
            return max(found, key=_candidate_score)
    candidates = soup.find_all(["div", "section", "td"]) or [soup]
    best = max(candidates, key=_candidate_score)
    return best if _candidate_score(best) > 0 else (soup.body or soup)


def _box_title(text: str) -> str:
    return " ".join(_TITLE_PUNCT.sub(" ", normalize(text)).split())


def _drop_boxes(container) -> None:
    """Boxes of other stories and comment sections inside the article container: an element
    whose class/id says so, or whose first heading is a rail title («الأكثر قراءة»). A rail
    title that does not open a box of its own takes what follows it (headlines, lists, short
    teasers) up to the next long paragraph."""
    total = len(_text(container))
    for el in list(container.find_all(True)):
        if el.decomposed:
            continue
        tokens = [*(el.get("class", []) or []), el.get("id") or ""]
        # never the element that holds most of the text: that is the article itself
        if any(_BOX_HINT.search(t) for t in tokens if t) and len(_text(el)) < total / 2:
            el.decompose()
    for heading in list(container.find_all(_HEADINGS)):
        if heading.decomposed or _box_title(_text(heading)) not in _BOX_TITLES:
            continue
        box = heading.parent
        if box is not None and box is not container and box.find(_HEADINGS) is heading:
            box.decompose()  # the heading opens its own box: the box goes
            continue
        for sibling in list(heading.find_next_siblings()):
            if sibling.name == "p" and len(_text(sibling).split()) >= _PARAGRAPH_WORDS:
                break  # running text: the article goes on
            sibling.decompose()  # the box's entries: links, headlines, short teasers
        heading.decompose()


def _iso(value: str | None) -> str | None:
    m = _META_DATE.match(value or "")
    if not m:
        return None
    year, month, day, hour, minute = m.groups()
    return f"{year}-{month}-{day}" + (f"T{hour}:{minute}" if hour else "")


def _json_ld(soup) -> list[dict]:
    """Every object in the page's JSON-LD blocks (@graph lists flattened)."""
    out: list[dict] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return out


def page_metadata(soup) -> dict:
    """What the page's own head says: title, date, publisher, url, and where each came from."""
    meta: dict = {}

    def content(selector):
        tag = soup.select_one(selector)
        if tag is not None:
            value = tag.get("content") or tag.get("datetime")
            if value and value.strip():
                return value.strip()
        return None

    meta["title"] = content('meta[property="og:title"]') or content('meta[name="twitter:title"]')
    if not meta["title"] and soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    meta["source_url"] = content('meta[property="og:url"]')
    canonical = soup.select_one('link[rel="canonical"]')
    if not meta["source_url"] and canonical is not None and canonical.get("href"):
        meta["source_url"] = canonical.get("href").strip()

    ld = _json_ld(soup)
    dates = [
        ("meta:article:published_time", content('meta[property="article:published_time"]')),
        ("meta:date", content('meta[name="date"]') or content('meta[name="pubdate"]')),
        ("meta:itemprop:datePublished", content('[itemprop="datePublished"]')),
        ("json-ld:datePublished", next((o.get("datePublished") for o in ld
                                        if isinstance(o.get("datePublished"), str)), None)),
        ("time:datetime", content("article time[datetime]") or content("time[datetime]")),
    ]
    for origin, raw in dates:
        value = _iso(raw)
        if value:
            meta["date"], meta["date_from"] = value, origin
            break
    else:
        for address in (meta.get("source_url"), *(m.get("content") for m in soup.select('meta[property="og:url"]'))):
            m = _URL_DATE.search(address or "")
            if m:
                meta["date"], meta["date_from"] = "-".join(m.groups()), "url"
                break

    site = content('meta[property="og:site_name"]')
    if site:
        meta["source"], meta["source_from"] = site, "meta:og:site_name"
    else:
        publisher = next((o.get("publisher") for o in ld if o.get("publisher")), None)
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        name = publisher.get("name") if isinstance(publisher, dict) else publisher
        if isinstance(name, str) and name.strip():
            meta["source"], meta["source_from"] = name.strip(), "json-ld:publisher"
    return {k: v for k, v in meta.items() if v}


def html_to_blocks(html: str) -> tuple[list[dict], dict]:
    """(blocks, page metadata). Blocks: {"text", "kind", "line": None}."""
    soup = BeautifulSoup(html, "html.parser")
    head_meta = page_metadata(soup)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_FURNITURE):
        tag.decompose()
    container = _main_container(soup)
    _drop_boxes(container)
    blocks: list[dict] = []
    # A headline outside the container (common: <h1> above <article>) is still the title.
    h1 = soup.find("h1")
    if h1 is not None and container.find("h1") is None and _text(h1):
        blocks.append({"text": _text(h1), "kind": "title", "line": None})
    for el in container.find_all(list(_BLOCK_KINDS)):
        # Only innermost blocks: a <li> holding <p>s is read through its <p>s.
        if el.find(list(_BLOCK_KINDS)):
            continue
        text = _text(el)
        if text:
            blocks.append({"text": text, "kind": _BLOCK_KINDS[el.name], "line": None})
    if not blocks:
        # A page of bare text in <div>s or <br>-separated lines.
        for line in container.get_text("\n").split("\n"):
            if line.strip():
                blocks.append({"text": line.strip(), "kind": "line", "line": None})
    return blocks, head_meta
