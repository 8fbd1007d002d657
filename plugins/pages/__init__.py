"""Pages glue: a Pelican generator that makes every page beyond the articles themselves
(people, places, organisations, events, sources, timeline, indexes, search, 404, report)
and writes the data export. Article pages are written by Pelican's own generator with the
body, links and entities prepared here.
"""

import json
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..arabic import sort_key, to_arabic_digits
from ..arabic.numbers import count_ar, noun_forms_json
from ..readers.data import data_path, load_data_file
from ..dates.core import format_date_ar, hijri_ar
from ..entities import gazetteer_for
from ..report.core import build_state, report_for
from .body import body_html, sanitize_body
from .charts import mentions_svg
from .feeds import atom_feed
from .core import (SourceCatalog, entity_pages, entity_url, event_url, export_article, export_entities,
                   export_events, group_by_year_month, source_url)

log = logging.getLogger("arshif.pages")

KIND_WORDS = {  # the site's words for each kind: (singular, plural, url prefix)
    "person": ("شخص", "الأشخاص", "people"),
    "place": ("مكان", "الأماكن", "places"),
    "organisation": ("منظمة", "المنظمات", "organisations"),
}


def _as_ids(value) -> list[str]:
    from ..readers.core import article_id_for

    if not value:
        return []
    return [article_id_for(str(v)) for v in (value if isinstance(value, list) else [value])]


def _record(article) -> dict:
    return {
        "id": article.slug, "file": article.arshif_input.file, "url": article.url, "title": article.title,
        "date": article.date_value, "date_precision": article.date_precision, "date_source": article.date_source,
        "source": article.source, "section": article.section, "people": article.people, "places": article.places,
        "organisations": article.organisations, "events": list(getattr(article, "events", [])), "headings": article.headings, "text": article.text,
        "date_mentions": article.date_mentions, "removed": article.removed, "lead": article.lead,
        "entity_mentions": article.entity_mentions, "blocks": article.blocks,
    }


class ArchiveGenerator(Generator):
    """People, places, organisations, events, sources, timeline, indexes and data."""

    def generate_context(self):
        settings = self.settings
        report = report_for(settings)
        # Pelican finds files in set order; every list here is in id order so that the same
        # archive always gives the same bytes (search index included).
        articles = sorted((a for a in self.context.get("articles", []) if hasattr(a, "text")), key=lambda a: a.slug)
        self._check_orphan_sidecars()
        gazetteer = gazetteer_for(settings)
        data_dir = data_path(settings)

        entries, problem = load_data_file(data_dir / "sources.yaml")
        sources = SourceCatalog(entries)
        for message in ([problem] if problem else []) + sources.warnings:
            log.warning("%s", message)
            report.warn(message)

        records = []
        for article in articles:
            record = _record(article)
            record["source_id"] = sources.resolve(record["source"])
            records.append(record)
        by_id = {r["id"]: r for r in records}

        events = build_state(settings).get("events", [])

        pages = entity_pages(gazetteer, records, events)
        urls = {ident: entity_url(e.kind, ident) for ident, e in gazetteer.entities.items()}
        events_by_id = {e.id: e for e in events}
        index_file = "index.html" if settings.get("OFFLINE") else ""
        for article, record in zip(articles, records):
            # Links in the body are relative to the article page (articles/<id>/).
            article.body_html = sanitize_body(body_html(
                record["blocks"], record["entity_mentions"], record["date_mentions"],
                {i: "../../" + u + index_file for i, u in urls.items()}))
            article._content = article.body_html
            article.record = record
            article.people_entities = [gazetteer.entities[i] for i in record["people"]]
            article.place_entities = [gazetteer.entities[i] for i in record["places"]]
            article.organisation_entities = [gazetteer.entities[i] for i in record["organisations"]]
            article.event_objects = [events_by_id[i] for i in record["events"]]
            article.source_obj = sources.sources.get(record["source_id"]) if record["source_id"] else None

        by_source = {}
        for record in records:
            if record["source_id"]:
                by_source.setdefault(record["source_id"], []).append(record)
        self.archive = {
            "records": records, "by_id": by_id, "events": events, "events_by_id": events_by_id,
            "pages": pages, "gazetteer": gazetteer, "sources": sources, "by_source": by_source,
            "article_objects": {a.slug: a for a in articles},
        }
        build_state(settings)["archive"] = self.archive
        self.context["arshif"] = self.archive

    def _check_orphan_sidecars(self):
        for folder in self.settings.get("ARTICLE_PATHS", []):
            root = Path(self.path) / folder
            if not root.is_dir():
                continue
            for sidecar in sorted(list(root.glob("*.yaml")) + list(root.glob("*.yml"))):
                if not any(sidecar.with_suffix(ext).exists() for ext in (".txt", ".html", ".htm", ".md", ".markdown")):
                    message = f"{sidecar.name}: sidecar without an article (no {sidecar.stem}.txt/.html/.md); rename it or remove it"
                    log.warning("%s", message)
                    report_for(self.settings).skipped(sidecar.name, message)

    # --- output -----------------------------------------------------------------------

    def _write(self, writer, save_as, template, **context):
        writer.write_file(save_as, self.get_template(template.removesuffix(".html")), self.context, relative_urls=True,
                          page_url=save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as,
                          **context)

    def generate_output(self, writer):
        a = self.archive
        records, events, pages = a["records"], a["events"], a["pages"]
        objects = a["article_objects"]
        newest = [objects[r["id"]] for r in sorted((r for r in records if r["date"]), key=lambda r: r["date"], reverse=True)]
        undated = sorted((objects[r["id"]] for r in records if not r["date"]), key=lambda o: sort_key(o.title))
        people_ranked = sorted((p for p in pages.values() if p.entity.kind == "person" and p.appearances),
                               key=lambda p: (-len(p.appearances), sort_key(p.entity.name)))

        self._write(writer, "index.html", "index.html", page_name="home", latest=newest[:12],
                    recent_events=sorted(events, key=lambda e: e.start, reverse=True)[:8],
                    top_people=people_ranked[:12], counts=self._counts())
        for ident, article in objects.items():
            for old in _as_ids(article.arshif_input.given.get("redirect_from")):
                if old != ident and old not in objects:
                    self._write(writer, f"articles/{old}/index.html", "redirect.html", page_name="redirect",
                                target=f"articles/{ident}/")
        self._write(writer, "articles/index.html", "articles.html", page_name="articles",
                    dated=newest, undated=undated)
        for kind, (singular, plural, prefix) in KIND_WORDS.items():
            kind_pages = sorted((p for p in pages.values() if p.entity.kind == kind),
                                key=lambda p: sort_key(p.entity.name))
            self._write(writer, f"{prefix}/index.html", "entities.html", page_name=prefix, kind=kind,
                        kind_plural=plural, entity_pages=kind_pages)
            for page in kind_pages:
                chart = mentions_svg(page.counts_by_month, f"عدد المقالات التي تذكر {page.entity.name} كل شهر",
                                     format_date_ar)
                self._write_feed(f"{prefix}/{page.entity.id}/feed.xml", f"{page.entity.name} — {self.settings['SITENAME']}",
                                 page.url, [{"title": ap.record["title"], "path": ap.record["url"],
                                             "date": ap.record["date"], "summary": ap.sentence} for ap in page.appearances])
                # Long lists are split into numbered pages: people/<id>/, people/<id>/2/, …
                size = max(1, int(self.settings.get("ARSHIF_ENTITY_PAGE_SIZE", 50)))
                chunks = [page.appearances[i:i + size] for i in range(0, len(page.appearances), size)] or [[]]
                numbered = [page.url] + [f"{page.url}{n}/" for n in range(2, len(chunks) + 1)]
                for number, chunk in enumerate(chunks, 1):
                    self._write(writer, f"{numbered[number - 1]}index.html", f"{kind}.html", page_name=prefix,
                                page=page, entity=page.entity, chart=chart if number == 1 else "", objects=objects,
                                appearances=chunk, page_number=number, page_urls=numbered,
                                first_index=(number - 1) * size + 1)
                for old in getattr(page.entity, "redirect_from", []) or []:
                    self._write(writer, f"{prefix}/{old}/index.html", "redirect.html", page_name="redirect",
                                target=f"{prefix}/{page.entity.id}/")
        for i, event in enumerate(events):
            self._write(writer, f"events/{event.id}/index.html", "event.html", page_name="events", event=event,
                        previous=events[i - 1] if i > 0 else None,
                        next=events[i + 1] if i + 1 < len(events) else None, objects=objects)
            for old in event.redirect_from:
                self._write(writer, f"events/{old}/index.html", "redirect.html", page_name="redirect",
                            target=f"events/{event.id}/")
        self._write_feed("events/feed.xml", f"الأحداث — {self.settings['SITENAME']}", "events/",
                         [{"title": e.title, "path": event_url(e.id), "date": e.date,
                           "summary": e.articles[0].sentence if e.articles else ""}
                          for e in sorted(events, key=lambda e: e.start, reverse=True)])
        self._write(writer, "events/index.html", "events.html", page_name="events",
                    events_newest=sorted(events, key=lambda e: e.start, reverse=True))
        self._write(writer, "timeline/index.html", "timeline.html", page_name="timeline",
                    years=group_by_year_month(events))
        sources = a["sources"]
        listed = sorted((s for s in sources.sources.values() if a["by_source"].get(s.id) or s.curated),
                        key=lambda s: sort_key(s.name))
        self._write(writer, "sources/index.html", "sources.html", page_name="sources", source_list=listed,
                    by_source=a["by_source"])
        for source in listed:
            mine = [objects[r["id"]] for r in a["by_source"].get(source.id, [])]
            mine.sort(key=lambda o: o.record["date"] or "", reverse=True)
            self._write(writer, f"sources/{source.id}/index.html", "source.html", page_name="sources",
                        source=source, source_articles=mine)
        self._write(writer, "search/index.html", "search.html", page_name="search")
        self._write(writer, "404.html", "404.html", page_name="404")
        self._write(writer, "data/index.html", "data.html", page_name="data", counts=self._counts())
        self._write_originals()
        self._write_export()
        self._write(writer, "report/index.html", "report.html", page_name="report",
                    report=report_for(self.settings).to_dict())

    def _write_feed(self, save_as, title, page_path, items):
        if not items:  # an empty feed would carry the build time, and says nothing
            return
        target = Path(self.output_path) / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(atom_feed(title, self.settings.get("SITEURL", ""), save_as, page_path, items), encoding="utf-8")

    def _counts(self):
        a = self.archive
        kinds = {"person": 0, "place": 0, "organisation": 0}
        for page in a["pages"].values():
            if page.appearances:
                kinds[page.entity.kind] += 1
        return {"articles": len(a["records"]), "events": len(a["events"]), "people": kinds["person"],
                "places": kinds["place"], "organisations": kinds["organisation"]}

    def _write_originals(self):
        """The input as it came in, as plain text beside each article (nothing is lost)."""
        out = Path(self.output_path)
        for ident, article in self.archive["article_objects"].items():
            target = out / "articles" / ident / "original.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(article.arshif_input.original_text, encoding="utf-8")

    def _write_export(self):
        a = self.archive
        out = Path(self.output_path) / "data"
        out.mkdir(parents=True, exist_ok=True)
        by_entity: dict[str, list[str]] = {}
        for record in a["records"]:
            for key in ("people", "places", "organisations"):
                for ident in record[key]:
                    by_entity.setdefault(ident, []).append(record["id"])
        gazetteer = a["gazetteer"]
        files = {
            "articles.json": [export_article(r) for r in sorted(a["records"], key=lambda r: r["file"])],
            "people.json": export_entities(gazetteer.by_kind("person"), by_entity),
            "places.json": export_entities(gazetteer.by_kind("place"), by_entity),
            "organisations.json": export_entities(gazetteer.by_kind("organisation"), by_entity),
            "events.json": export_events(a["events"]),
        }
        for name, data in files.items():
            (out / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _add_filters(generator):
    # ARSHIF_DIGITS: "western" (0-9, as most of the sources write) or "arabic-indic" (٠-٩).
    indic = generator.settings.get("ARSHIF_DIGITS", "western") == "arabic-indic"
    digits = (lambda v: to_arabic_digits(str(v))) if indic else (lambda v: str(v))
    generator.env.filters.update({
        "date_ar": lambda v: digits(format_date_ar(v)) if v else "غير مؤرخ",
        "hijri_ar": lambda v: digits(hijri_ar(v) or "") if v else "",
        "digits": digits,
        "entity_url": lambda e: entity_url(e.kind, e.id),
        "event_url": event_url,
        "source_url": source_url,
        "count_ar": lambda n, key, case="nominative": count_ar(n, key, "arabic-indic" if indic else "western", case),
        "noun_forms": noun_forms_json,
    })


def _get_generators(pelican):
    return ArchiveGenerator


def register():
    signals.generator_init.connect(_add_filters)
    signals.get_generators.connect(_get_generators)
