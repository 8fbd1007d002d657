"""Atom feeds (a person's, a place's or an organisation's articles; all events), written
with feedgenerator, which Pelican itself uses. Plain data in, XML string out."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import escape

from feedgenerator import Atom1Feed

FEED_SIZE = 50
# Characters XML 1.0 does not allow (C0 controls but tab/newline/CR, lone surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _when(value: str | None) -> datetime:
    if not value:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    day = value.split("/")[0]
    parts = day.replace("T", "-").replace(":", "-").split("-")
    numbers = [int(p) for p in parts] + [1, 1]
    return datetime(numbers[0], numbers[1] or 1, numbers[2] or 1,
                    *(numbers[3:5] if len(numbers) > 5 else (0, 0)), tzinfo=timezone.utc)


def atom_feed(title: str, site_url: str, feed_path: str, page_path: str, items: list[dict]) -> str:
    """``items``: [{title, path, date, summary}], newest first. ``site_url`` may be empty
    (links then stay relative to the site root, as the rest of the site does)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    title = _xml_safe(title)
    feed = Atom1Feed(title=title, link=base + page_path, description=title, language="ar",
                     feed_url=base + feed_path, feed_guid=f"tag:arshif,2025:{page_path}")
    for item in items[:FEED_SIZE]:
        # Atom says type="html": the summary is HTML, so the plain text is escaped once here;
        # a text holding "<b>" shows "<b>" in a feed reader and never becomes markup.
        summary = escape(_xml_safe(item.get("summary") or ""), quote=False)
        feed.add_item(title=_xml_safe(item["title"]), link=base + item["path"], description=summary,
                      unique_id=f"tag:arshif,2025:{item['path']}", pubdate=_when(item.get("date")),
                      updateddate=_when(item.get("date")))
    return feed.writeString("utf-8")
