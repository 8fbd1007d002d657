"""Cleaning glue: turns the reader's raw blocks into title, body blocks and metadata.

Sets on each article: title, lead, section, source, blocks, text, headings, removed,
dateline. Sidecar / front-matter values win over detection, field by field.
"""

import logging
import re

from pelican import signals
from pelican.contents import Article
from pelican.urlwrappers import Category

from datetime import datetime
from ..readers.data import data_path
from ..report.core import build_state, report_for
from .core import clean_article, load_rules

log = logging.getLogger("arshif.clean")
SKIPPED_DATE = datetime(1, 1, 1)  # Pelican wants a date even on what it will not publish


def _rules(settings):
    state = build_state(settings)
    if "clean_rules" not in state:
        site_rules = data_path(settings) / "boilerplate.yaml"
        try:
            state["clean_rules"] = load_rules(site_rules if site_rules.is_file() else None)
        except Exception as err:  # RulesError: message names the file; build goes on with defaults
            log.warning("%s", err)
            report_for(settings).warn(str(err))
            state["clean_rules"] = load_rules(None)
    return state["clean_rules"]


def _web_url(value):
    """Only an http(s) address may become a link (never javascript:, data:, file:)."""
    value = str(value).strip() if value else ""
    return value if re.match(r"https?://[^\s\"'<>]+$", value, re.I) else None


def _clean(instance):
    doc = getattr(instance, "arshif_input", None)
    if not isinstance(instance, Article) or doc is None:
        return
    result = clean_article(doc.raw_blocks, _rules(instance.settings), curated=doc.format == "markdown")
    given = doc.given
    blocks = [{"kind": b.kind, "text": b.text} for b in result.blocks]
    if not blocks:
        reason = (f"{doc.file}: nothing is left after cleaning ({len(result.removed)} lines removed as "
                  f"junk); check the file, or relax content/data/boilerplate.yaml")
        report_for(instance.settings).skipped(doc.file, reason)
        log.warning("%s", reason)
        # A draft is never written or listed (DRAFT_SAVE_AS is empty): skipped, quietly for Pelican.
        instance.status = "draft"
        instance.title = result.title or doc.file
        instance.date = SKIPPED_DATE
        instance.category = Category("skipped", instance.settings)  # Pelican's draft writer reads it
        return
    title = str(given["title"]).strip() if given.get("title") else result.title
    if not title:
        first = blocks[0]["text"]
        title = first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + "…"
    instance.title = title
    instance.title_from = "sidecar" if given.get("title") else result.title_from
    instance.lead = given.get("lead") or result.lead
    instance.section = given.get("section") or result.section
    instance.source = given.get("source") or result.source or doc.declared.get("source")
    instance.source_url = _web_url(given.get("source_url") or doc.declared.get("source_url"))
    instance.blocks = blocks
    instance.text = "\n\n".join(b["text"] for b in blocks)
    instance.headings = [b["text"] for b in blocks if b["kind"] == "h2"]
    instance.removed = [{"text": r.text, "reason": r.reason, "line": r.line} for r in result.removed]
    instance.dateline = result.dateline
    report_for(instance.settings).built(doc.file, doc.article_id, [r.reason for r in result.removed], doc.warnings)


def register():
    signals.content_object_init.connect(_clean)
