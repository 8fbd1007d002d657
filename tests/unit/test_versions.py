"""plugins/versions.py: what a cache key says of the code."""

import shutil

import plugins.versions as versions
from plugins.versions import code_digest


def test_a_package_rule_file_is_its_code(tmp_path, monkeypatch):
    """A stage's key changes when its package's rules kept as YAML change (events/happenings.yaml,
    clean/default_rules.yaml), not only its Python: a stale result would outlive the rule."""
    plugins = tmp_path / "plugins"
    shutil.copytree(versions.PLUGINS / "events", plugins / "events",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (plugins / "other").mkdir()
    monkeypatch.setattr(versions, "PLUGINS", plugins)
    data = next((plugins / "events").glob("*.yaml"))
    before = code_digest(("events",))
    data.write_text(data.read_text(encoding="utf-8") + "\n# a rule changed\n", encoding="utf-8")
    assert code_digest(("events",)) != before
    other = code_digest(("other",))
    (plugins / "other" / "notes.txt").write_text("not code", encoding="utf-8")
    assert code_digest(("other",)) == other
