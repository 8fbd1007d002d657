"""The sample archive builds to exactly the committed site (tests/golden/expected)."""

from __future__ import annotations

from tests.golden import EXPECTED, site_files


def test_the_sample_site_is_byte_identical_to_the_golden_output(site):
    built = site_files(site)
    expected = site_files(EXPECTED)
    assert sorted(built) == sorted(expected), "pages added or missing: run .venv/bin/python -m tests.golden"
    changed = [name for name in expected if built[name] != expected[name]]
    assert changed == [], f"{len(changed)} files differ (e.g. {changed[:5]}); if intended: .venv/bin/python -m tests.golden"
