"""Readers glue: one Pelican reader for .txt, .html and .md article inputs.

The reader only reads (decode, raw blocks, sidecar); the following stages turn the
``arshif_input`` it leaves on the article into title, body, dates and entities.
"""

import logging
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader

from ..report.core import build_state, report_for
from .core import InputDocument, plan_inputs, read_input
from .decode import InputError

log = logging.getLogger("arshif.readers")


class ArshifReader(BaseReader):
    enabled = True
    file_extensions = ["txt", "html", "htm", "md", "markdown"]

    def read(self, filename):
        path = Path(filename)
        report = report_for(self.settings)
        plan = _plan(self.settings)
        try:
            doc = read_input(path, root=Path(self.settings["PATH"]), article_id=plan.ids.get(str(path.resolve())))
        except InputError as err:
            report.skipped(path.name, str(err))
            log.warning("%s", err)
            # Pelican's way to skip a file quietly; the message above and the report say why.
            return "", {"status": "skip"}
        for warning in doc.warnings:
            log.warning("%s", warning)
        # Pelican turns metadata keys into attributes; nothing here is processed by it.
        return "", {"slug": doc.article_id, "arshif_input": doc}


def _plan(settings):
    """Ids for every input, decided once per build before the first file is read."""
    state = build_state(settings)
    if "input_plan" not in state:
        root = Path(settings["PATH"])
        plan = plan_inputs([root / folder for folder in settings.get("ARTICLE_PATHS", [])])
        report = report_for(settings)
        for message in plan.warnings:
            log.warning("%s", message)
            report.warn(message)
        for name, reason in plan.not_articles.items():
            log.warning("%s", reason)
            report.skipped(name, reason)
        state["input_plan"] = plan
    return state["input_plan"]


def _add_readers(readers):
    for ext in ArshifReader.file_extensions:
        readers.reader_classes[ext] = ArshifReader


def register():
    signals.readers_init.connect(_add_readers)


__all__ = ["ArshifReader", "InputDocument", "InputError", "read_input", "register"]
