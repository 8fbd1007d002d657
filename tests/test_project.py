"""The project's own rules: every setting documented, stages in DESIGN.md's order, every
test file collected, one record builder."""

from __future__ import annotations

import re
import subprocess
import sys

from plugins import site
from plugins.settings import SETTINGS
from tests.conftest import ROOT


def test_every_setting_is_in_the_readme_table_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings"):readme.index("## How it is built")]
    for setting in SETTINGS:
        row = next((line for line in table.splitlines() if line.startswith(f"| `{setting.name}` |")), None)
        assert row is not None, f"{setting.name} is not documented in README.md 'Settings'"
        default = repr(setting.default).replace("'", '"')
        assert f"`{default}`" in row, (setting.name, row)


def test_pelicanconf_takes_every_default_from_the_declaration():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for setting in SETTINGS:
        assert settings[setting.name] == setting.default, setting.name


def test_the_stages_run_in_the_order_of_the_design():
    assert site.STAGES == ("read", "clean", "dates", "entities", "events", "pages", "search", "report")
    source = (ROOT / "plugins" / "site.py").read_text(encoding="utf-8")
    # The search stage starts before the pages (its first Pagefind run overlaps them) and
    # finishes after them.
    calls = ["plan_inputs(", "enrich_all(", "build_events(", "build_archive(", "SearchBuild(", "PageWriter(",
             "search.finish()", "_write_report()"]
    positions = [source.index(call) for call in calls]
    assert positions == sorted(positions)


def test_the_plugins_folder_reads_as_the_pipeline():
    for stage in ("readers", "clean", "dates", "entities", "events", "pages", "search", "report", "arabic"):
        assert (ROOT / "plugins" / stage / "__init__.py").is_file(), stage


def test_only_the_site_module_talks_to_pelican():
    """Stage cores import no Pelican; the glue is plugins/site.py (and the writer it drives)."""
    offenders = []
    for path in (ROOT / "plugins").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) pelican\b", text, re.M) and path.name != "site.py":
            offenders.append(path.relative_to(ROOT).as_posix())
        assert "_content" not in text or path.name == "site.py", path
    assert offenders == []


def test_every_test_file_is_collected_by_the_default_run():
    # The default selection (opt-in markers left out): a file whose tests are all opt-in never runs in CI.
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    present = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")}
    assert present - collected == set(), result.stdout[-2000:] + result.stderr[-2000:]
