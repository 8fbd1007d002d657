"""Build report glue: a fresh report per build; logged and written when the build ends."""

import json
import logging
from pathlib import Path

from pelican import signals

from .core import STATE_KEY, report_for

log = logging.getLogger("arshif.report")


def _reset(pelican):
    pelican.settings.pop(STATE_KEY, None)
    report_for(pelican.settings)


def _write(pelican):
    report = report_for(pelican.settings)
    data = report.to_dict()
    out = Path(pelican.output_path) / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    counts = data["counts"]
    log.info("Arshif report: %d articles built, %d inputs skipped, %d warnings (see report/ and data/report.json)",
             counts["built"], counts["skipped"], counts["warnings"])


def register():
    signals.initialized.connect(_reset)
    signals.finalized.connect(_write)
