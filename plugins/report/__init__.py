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
    if pelican.settings.get("ARSHIF_STRICT") and (counts["skipped"] or counts["warnings"]):
        log.error("Strict build failed: %d inputs skipped and %d warnings (listed above and in "
                  "data/report.json); fix them or build without --strict", counts["skipped"], counts["warnings"])
        # SystemExit, not an exception: Pelican would print a traceback for an exception.
        raise SystemExit(1)


def register():
    signals.initialized.connect(_reset)
    signals.finalized.connect(_write)
