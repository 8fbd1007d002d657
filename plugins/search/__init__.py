"""Search glue: Pagefind indexes every article at the end of the build, through its
Python API, from a search record per article (theme template ``search_record.html``)
that holds normalised index tokens, the original words for excerpts, filters and sort.
"""

import asyncio
import logging
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..dates.core import format_date_ar
from ..entities import gazetteer_for
from ..report.core import build_state
from .offline import OFFLINE_DIR, write_offline_bundle
from .stable import stabilise_index
from .tokens import INDEX_LANGUAGE, index_text, index_variants

log = logging.getLogger("arshif.search")

_PREBUILT_UI = ["pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]


def search_records(archive, gazetteer):
    """(url, fields) per article: plain data for the search record template."""
    for record in archive["records"]:
        article = archive["article_objects"][record["id"]]
        title_tokens, title_map = index_text(record["title"])
        body_tokens, body_map = index_text(record["text"])
        tokens, word_map = title_tokens + body_tokens, title_map + body_map
        names = []
        for key in ("people", "places", "organisations"):
            for ident in record[key]:
                entity = gazetteer.entities[ident]
                for form in [entity.name, entity.name_en, *entity.aliases, *entity.weak_aliases]:
                    if form:
                        names.extend(v for word in form.split() for v in index_variants(word))
        yield record["url"], {
            "tokens": " ".join(tokens), "names": " ".join(names), "map": word_map, "title_words": len(title_map),
            "date_display": format_date_ar(record["date"]) if record["date"] else None,
            "title": record["title"], "date": record["date"], "record": record, "article": article,
            "people": [gazetteer.entities[i].name for i in record["people"]],
            "places": [gazetteer.entities[i].name for i in record["places"]],
            "events": [archive["events_by_id"][i].title for i in record["events"]],
            "source": article.source_obj.name if article.source_obj else None,
            "year": record["date"][:4] if record["date"] else None,
        }


async def _index(records_dir: Path, output_dir: Path) -> int:
    from pagefind.index import PagefindIndex

    config = {"force_language": INDEX_LANGUAGE, "output_path": str(output_dir)}
    async with PagefindIndex(config=config) as index:
        # One request for the whole folder: the Python service answers one message per
        # 0.1 s poll, so adding records one by one would cost 0.1 s per article.
        result = await index.add_directory(str(records_dir))
    # Leaving the context writes the index files (once) to config["output_path"].
    return int(result.get("page_count", 0))


def write_records(records, template, records_dir: Path) -> int:
    """One search record per article, at the path of the article's URL, so that Pagefind
    gives each the article's URL."""
    count = 0
    for url, fields in records:
        target = records_dir / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(**fields), encoding="utf-8")
        count += 1
    return count


class SearchIndexGenerator(Generator):
    """Runs after the pages generator, when every article is final."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        archive = build_state(self.settings).get("archive")
        if archive is None or not self.settings.get("ARSHIF_SEARCH", True):
            return
        records = search_records(archive, gazetteer_for(self.settings))
        output_dir = Path(self.output_path) / "pagefind"
        with tempfile.TemporaryDirectory(prefix="arshif-search-") as records_dir:
            written = write_records(records, self.get_template("search_record"), Path(records_dir))
            # Pagefind's API is async; run it on its own thread and loop, so a build works even
            # when the caller already runs an event loop (a test driving a browser, a notebook).
            with ThreadPoolExecutor(max_workers=1) as pool:
                count = pool.submit(asyncio.run, _index(Path(records_dir), output_dir)).result()
        if count != written:
            raise RuntimeError(f"Pagefind indexed {count} of {written} search records")
        log.info("Pagefind indexed %d articles into %s", count, output_dir)
        stabilise_index(output_dir)
        for unused in _PREBUILT_UI:  # Arshif has its own search UI; ship only what it loads
            (output_dir / unused).unlink(missing_ok=True)
        if self.settings.get("OFFLINE"):
            # The offline variant ships the same index as classic scripts (see offline.py).
            wrapped = write_offline_bundle(output_dir, Path(self.output_path) / OFFLINE_DIR)
            shutil.rmtree(output_dir)
            log.info("Offline search: %d index files wrapped into %s/", wrapped, OFFLINE_DIR)


def _get_generators(pelican):
    return SearchIndexGenerator


def register():
    signals.get_generators.connect(_get_generators)
