"""The web's conventions for a public archive, as pure builders over plain data:
``<meta name="description">``, Open Graph and Twitter card tags (link previews),
schema.org JSON-LD (NewsArticle, Person, Place, Organization, Event), the sitemap and
robots.txt, and the citation block of an article.

No page may request another host: nothing here links a remote file. Wikidata addresses in
``sameAs`` are data for search engines, never fetched by the page.

**Absolute URLs.** Open Graph ``og:url``, sitemaps and robots.txt's ``Sitemap:`` line need
absolute URLs; the site only knows its address when ``SITEURL`` is set (the glue must pass
``settings["SITEURL"]``, not the template's ``SITEURL``, which Pelican rewrites to a relative
path when ``RELATIVE_URLS`` is on). Without it:

* ``sitemap_xml`` / ``sitemaps`` return None: write no sitemap (a sitemap of relative URLs is
  invalid per sitemaps.org and search engines reject it); say so once in the build log;
* ``robots_txt`` has no ``Sitemap:`` line;
* ``open_graph`` has no ``og:url``; JSON-LD has no ``url``/``@id`` (a relative URL in JSON-LD
  would resolve against the page, not the site root); ``citation`` gives the site path
  (``articles/<id>/``) instead of an address.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from ..arabic import clean_line, normalize
from ..dates.display import format_date_ar

SCHEMA = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"
LANGUAGE = "ar"
OG_LOCALE = "ar_AR"
# The sitemaps.org limit per file; above it ``sitemaps`` writes an index.
SITEMAP_MAX_URLS = 50_000

# Page kind -> og:type. Only articles and people have a type of their own in Open Graph.
OG_TYPES = {"article": "article", "person": "profile"}
# Entity kind (record field names, plugins/record.py) -> schema.org type.
SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}


# --- absolute URLs -----------------------------------------------------------------------

def site_base(site_url: str | None) -> str | None:
    """``SITEURL`` without its trailing '/', or None when it is not an absolute http(s) URL."""
    return _site_base(site_url) if isinstance(site_url, str) else None


@lru_cache(maxsize=64)   # one SITEURL a build, asked for on every page
def _site_base(site_url: str) -> str | None:
    base = site_url.strip().rstrip("/")
    parts = urlsplit(base)
    return base if parts.scheme in ("http", "https") and parts.netloc else None


def absolute(path: str, site_url: str | None) -> str | None:
    """'articles/x/' -> 'https://site/articles/x/' (non-ASCII letters percent-encoded, as
    sitemaps and link previews expect), or None without a site URL."""
    base = site_base(site_url)
    if base is None:
        return None
    return f"{base}/{quote(path.lstrip('/'), safe='/-._~%!$&()*+,;=:@')}"


def wikidata_url(value) -> str | None:
    """'Q7747' or a Wikidata entity URL -> 'https://www.wikidata.org/wiki/Q7747'."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(?:https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9]\d*)\s*", value)
    return WIKIDATA + match.group(1) if match else None


# --- description, Open Graph, Twitter ---------------------------------------------------------

def meta_description(text: str | None, limit: int = 160) -> str:
    """The first ``limit`` characters of ``text`` on one line, cut at a word with '…' when
    longer (search engines show about 155-160). '' for no text."""
    text = str(text or "")
    # What is kept depends on the first ``limit`` + 1 characters of the line only, and the line
    # of a prefix of the text is a prefix of the text's line: an article is not cleaned whole.
    head = 4 * limit + 64
    line = clean_line(" ".join(text[:head].split()))
    if len(line) <= limit and len(text) > head:
        line = clean_line(" ".join(text.split()))
    return _cut(line, limit)


def _cut(line: str, limit: int) -> str:
    """A one-line text of at most ``limit`` characters, cut at a word with '…' when longer."""
    if len(line) <= limit:
        return line
    cut = line[: max(1, limit - 1)]
    if " " in cut and not line[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ،,.:؛;-–—") + "…"


def open_graph(kind: str, *, title: str, description: str, path: str, site_name: str,
               site_url: str | None = None, published: str | None = None, section: str | None = None,
               ) -> dict[str, str]:
    """``{property: content}`` for ``<meta property="…" content="…">``. ``kind`` is the page
    kind ('article', 'person', 'place', 'organisation', 'event', 'source', 'home', 'index',
    …); ``path`` the page's path from the site root; ``published`` ISO at its precision."""
    tags = {
        "og:type": OG_TYPES.get(kind, "website"), "og:title": title, "og:description": description,
        "og:site_name": site_name, "og:locale": OG_LOCALE,
    }
    url = absolute(path, site_url)
    if url:
        tags["og:url"] = url
    if kind == "article":
        if published:
            tags["article:published_time"] = published
        if section:
            tags["article:section"] = section
    return {k: v for k, v in tags.items() if v}


def twitter_card(*, title: str, description: str) -> dict[str, str]:
    """``{name: content}`` for ``<meta name="…" content="…">``: a 'summary' card (the
    archive has no images); the rest Twitter/X reads from Open Graph."""
    return {k: v for k, v in {"twitter:card": "summary", "twitter:title": title,
                              "twitter:description": description}.items() if v}


# --- JSON-LD ----------------------------------------------------------------------------------

def _clean(data):
    """Drop empty values (None, '', [], {}) so every property present says something."""
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_clean(v) for v in data) if v not in (None, "", [], {})]
    return data


def entity_ref(entity, site_url: str | None = None) -> dict:
    """A person, place or organisation as a JSON-LD node: ``entity`` is any object with
    ``kind, id, name`` and optionally ``name_en, wikidata`` (``plugins.entities`` Entity)."""
    # The same entities are named on thousands of pages: each node is made once (a copy is
    # given, so no caller can change another's).
    fields = (getattr(entity, "kind", None), entity.id, entity.name, getattr(entity, "name_en", None),
              getattr(entity, "wikidata", None), site_url)
    try:
        return dict(_entity_ref(*fields))
    except TypeError:   # a field that cannot be a key: made without the memo
        return dict(_entity_ref.__wrapped__(*fields))


@lru_cache(maxsize=1 << 14)
def _entity_ref(kind, ident, name, name_en, wikidata, site_url) -> dict:
    prefix = {"person": "people", "place": "places", "organisation": "organisations"}.get(kind)
    url = absolute(f"{prefix}/{ident}/", site_url) if prefix else None
    return _clean({
        "@type": SCHEMA_TYPES.get(kind, "Thing"), "@id": url, "name": name, "alternateName": name_en, "url": url,
        "sameAs": wikidata_url(wikidata),
    })


def about_and_mentions(title: str, entities) -> tuple[list, list]:
    """(about, mentions): the entities named in the headline are what the article is about;
    the others it mentions. Names are compared after Arabic normalisation (hamza, ta
    marbuta, diacritics), and a name may carry attached clitics («ولافروف»)."""
    head = normalize(title or "")
    about, mentions = [], []
    for entity in entities:
        names = (entity.name, *(getattr(entity, "aliases", None) or ()))
        named = any(key in head for key in _name_keys(names))
        (about if named else mentions).append(entity)
    return about, mentions


@lru_cache(maxsize=1 << 14)
def _name_keys(names: tuple) -> tuple[str, ...]:
    """An entity's names, normalised, that are long enough to be looked for in a headline
    (each entity's once a build, not once an article)."""
    return tuple(key for key in (normalize(n).strip() for n in names if n) if len(key) >= 3)


def news_article_ld(*, headline: str, path: str, site_url: str | None = None, date: str | None = None,
                    publisher: str | None = None, publisher_url: str | None = None,
                    description: str | None = None, section: str | None = None, source_url: str | None = None,
                    about=(), mentions=(), site_name: str | None = None, author: str | None = None) -> dict:
    """schema.org NewsArticle for an article page. ``date`` is ISO at its precision
    ('2025', '2025-07', '2025-07-31', '2025-02-12T23:11'; ISO 8601 allows reduced
    precision); ``publisher`` the source as named (an Organization); ``about``/``mentions``
    entities (see ``entity_ref``; ``about_and_mentions`` splits them); ``source_url`` the
    original address, given as ``sameAs`` (the same work, published there first);
    ``author`` a byline when the curator gave one (never guessed)."""
    url = absolute(path, site_url)
    return _clean({
        "@context": SCHEMA, "@type": "NewsArticle", "@id": url, "url": url, "mainEntityOfPage": url,
        "headline": headline, "description": description, "inLanguage": LANGUAGE, "datePublished": date,
        "articleSection": section,
        "author": {"@type": "Person", "name": author} if author else None,
        "publisher": {"@type": "Organization", "name": publisher,
                      "url": publisher_url if _is_web(publisher_url) else None} if publisher else None,
        "sameAs": source_url if _is_web(source_url) else None,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": absolute("", site_url)} if site_name else None,
        "about": [entity_ref(e, site_url) for e in about],
        "mentions": [entity_ref(e, site_url) for e in mentions],
    })


def entity_ld(entity, *, site_url: str | None = None, description: str | None = None) -> dict:
    """schema.org Person, Place or Organization for an entity page (``entity`` as in
    ``entity_ref``; ``aliases`` become alternate names, a person's ``roles`` job titles)."""
    node = {"@context": SCHEMA, **entity_ref(entity, site_url)}
    alternate = [n for n in [getattr(entity, "name_en", None), *(getattr(entity, "aliases", None) or [])] if n]
    node.update({"alternateName": list(dict.fromkeys(alternate)), "description": description})
    if getattr(entity, "kind", None) == "person":
        node["jobTitle"] = list(getattr(entity, "roles", None) or [])
    return _clean(node)


def event_ld(*, name: str, path: str, start: str, end: str | None = None, site_url: str | None = None,
             description: str | None = None, places=(), people=()) -> dict:
    """schema.org Event for an event page: ``start``/``end`` ISO at their precision,
    ``places`` its location(s), ``people`` what it is about (entities as in ``entity_ref``)."""
    url = absolute(path, site_url)
    location = [entity_ref(p, site_url) for p in places]
    return _clean({
        "@context": SCHEMA, "@type": "Event", "@id": url, "url": url, "name": name, "description": description,
        "inLanguage": LANGUAGE, "startDate": start, "endDate": end if end and end != start else None,
        "location": location[0] if len(location) == 1 else location,
        "about": [entity_ref(p, site_url) for p in people],
    })


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def json_ld(data: dict) -> str:
    """JSON text safe inside ``<script type="application/ld+json">…</script>`` (insert it
    with ``|safe``): '<', '>' and '&' become \\u escapes, so no value can close the script
    or open a comment ('</script>', '<!--'), and U+2028/U+2029 are escaped for old JS
    parsers. A JSON parser reads the same data back. Deterministic (keys in given order)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def _is_web(url) -> bool:
    return isinstance(url, str) and re.fullmatch(r"https?://[^\s\"'<>\\]+", url, re.I) is not None


# --- sitemap, robots.txt ----------------------------------------------------------------------

def sitemap_xml(urls: list[str], site_url: str | None) -> str | None:
    """A sitemaps.org ``urlset`` for page paths relative to the site root ('' is the home
    page, 'articles/x/' an article). None without an absolute ``site_url`` (the protocol
    requires absolute URLs). Order kept, duplicates dropped; no lastmod (a build date would
    make every build differ, and a publication date is not a modification date). At most
    SITEMAP_MAX_URLS: use ``sitemaps`` when there may be more."""
    if site_base(site_url) is None:
        return None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{escape(absolute(u, site_url))}</loc></url>" for u in dict.fromkeys(urls)]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemaps(urls: list[str], site_url: str | None) -> dict[str, str] | None:
    """{file name: XML}: 'sitemap.xml' alone when the URLs fit one file, else
    'sitemap-1.xml', 'sitemap-2.xml', … and 'sitemap.xml' as their index. None without
    an absolute ``site_url``."""
    if site_base(site_url) is None:
        return None
    unique = list(dict.fromkeys(urls))
    if len(unique) <= SITEMAP_MAX_URLS:
        return {"sitemap.xml": sitemap_xml(unique, site_url)}
    files = {f"sitemap-{n}.xml": sitemap_xml(unique[i:i + SITEMAP_MAX_URLS], site_url)
             for n, i in enumerate(range(0, len(unique), SITEMAP_MAX_URLS), 1)}
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    index += [f"<sitemap><loc>{escape(absolute(name, site_url))}</loc></sitemap>" for name in files]
    index.append("</sitemapindex>")
    return {"sitemap.xml": "\n".join(index) + "\n", **files}


def robots_txt(site_url: str | None, disallow: tuple[str, ...] = ("pagefind/",)) -> str:
    """robots.txt: everything may be crawled but the search index's binary fragments
    (``disallow``, paths from the site root); ``Sitemap:`` when the site URL is known.
    robots.txt only counts at a host's root: with a SITEURL that has a path
    (https://host/archive) the rules carry that path, and the file must be copied to the
    host's root to take effect."""
    base = site_base(site_url)
    prefix = urlsplit(base).path if base else ""
    lines = ["User-agent: *"] + [f"Disallow: {prefix}/{p.lstrip('/')}" for p in disallow] + ["Allow: /"]
    if base:
        lines += ["", f"Sitemap: {absolute('sitemap.xml', site_url)}"]
    return "\n".join(lines) + "\n"


_REFRESH = re.compile(rb"<meta[^>]+http-equiv=[\"']?refresh", re.I)
_NOINDEX = re.compile(rb"<meta[^>]+name=[\"']?robots[\"']?[^>]+noindex", re.I)


def pages_in_output(output: Path, skip: tuple[str, ...] = ("pagefind/", "theme/")) -> list[str]:
    """Every page a sitemap should list, read from the written output (so it lists every
    page and no page that does not exist): each ``.html`` file as its URL path
    ('articles/x/index.html' -> 'articles/x/'), except redirect pages (meta refresh),
    pages marked noindex, 404.html and anything under ``skip``. Sorted."""
    out = []
    root = Path(output)
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if rel == "404.html" or rel.startswith(skip):
            continue
        with path.open("rb") as handle:
            head = handle.read(4096)
        if _REFRESH.search(head) or _NOINDEX.search(head):
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(out)


# --- citation -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """One article's citation, in parts (for the page to mark up) and as one text to copy."""
    publisher: str | None
    title: str
    date: str | None        # as readers see it: «31 تموز/يوليو 2025», or None (undated)
    url: str                # the stable address (or the site path without SITEURL)
    accessed: str           # the build's date, as readers see it
    site_name: str
    text: str


def citation(*, title: str, path: str, accessed: str, site_name: str, publisher: str | None = None,
             date: str | None = None, site_url: str | None = None) -> Citation:
    """«كيف تستشهد بهذه المادة»: publisher, «title», date, the archive and the stable URL
    (``path`` made absolute with ``site_url``; the path itself without it), and the access
    date = ``accessed``, the build date (ISO 'YYYY-MM-DD', passed in so a build is
    reproducible for a given date). Dates as Arabic readers see them; an undated article
    says «د.ت.» (dated n.d., the Arabic convention)."""
    url = absolute(path, site_url) or path
    date_text = format_date_ar(date) if date else None
    accessed_text = format_date_ar(accessed)
    parts = [f"{publisher}." if publisher else None, f"«{title}».", f"{date_text}." if date_text else "د.ت.",
             f"{site_name}:", url, f"(تاريخ الاطلاع: {accessed_text})."]
    return Citation(publisher, title, date_text, url, accessed_text, site_name, " ".join(p for p in parts if p))
