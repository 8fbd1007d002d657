"""Find the article in a saved web page and return it as blocks.

A saved page is mostly furniture (menus, sidebars, comment forms, scripts). The article
is the element that holds most of the page's paragraph text: ``<article>`` or
``itemprop=articleBody`` when the page says so, otherwise the densest container. Its
paragraphs, headings, quotes, captions and list items become blocks for the cleaning
stage, which then applies the same rules as for plain text.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

# Elements that never hold article text.
_FURNITURE = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "form", "button", "input", "select", "textarea", "nav", "aside", "footer",
              "header", "menu", "dialog"]
_BLOCK_KINDS = {"p": "p", "h1": "title", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4",
                "blockquote": "quote", "figcaption": "caption", "li": "li", "pre": "p", "dd": "p"}
_CONTENT_HINT = re.compile(r"(article|content|entry|post|story|body|text|main)", re.I)
_NOISE_HINT = re.compile(r"(comment|related|share|social|sidebar|widget|promo|advert|breadcrumb|menu|footer|tags?)\b", re.I)


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


def page_metadata(soup) -> dict:
    """What the page's own head says: title, date, publisher, url."""
    meta = {}

    def content(*selectors):
        for sel in selectors:
            tag = soup.select_one(sel)
            if tag and (tag.get("content") or tag.get("datetime")):
                return (tag.get("content") or tag.get("datetime")).strip()
        return None

    meta["title"] = content('meta[property="og:title"]', 'meta[name="twitter:title"]')
    if not meta["title"] and soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    meta["date"] = content('meta[property="article:published_time"]', 'meta[name="date"]',
                           'meta[itemprop="datePublished"]', "time[datetime]")
    meta["source"] = content('meta[property="og:site_name"]')
    meta["source_url"] = content('meta[property="og:url"]', 'link[rel="canonical"]')
    canonical = soup.select_one('link[rel="canonical"]')
    if not meta["source_url"] and canonical is not None:
        meta["source_url"] = canonical.get("href")
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
