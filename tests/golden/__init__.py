"""Golden output: the sample archive's site, byte for byte (every page kind, feeds, data
export, sitemap), committed under ``expected/``. A change to what readers get shows up as a
diff in review.

Update after an intended change:  .venv/bin/python -m tests.golden
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
# A fixed build date (the citation's "accessed"), as SOURCE_DATE_EPOCH: 2026-01-01 UTC.
BUILD_EPOCH = "1767225600"
# Copied theme files and Pagefind's binary index have tests of their own.
SKIP = ("theme/", "pagefind/")


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith(SKIP)}
