"""Bad input never breaks the archive, loses an article, or reaches a reader's browser:
each kind in bad_inputs.catalogue() gets a clear message naming the file, the rest of the
archive builds, and --strict turns the same problems into a failed build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_content, run_pelican
from tests.robustness.bad_inputs import ARTICLE, catalogue, break_data, write_catalogue

CASES = catalogue()


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    content = copy_content(tmp)
    write_catalogue(content / "articles", CASES)
    break_data(content / "data")
    result = run_pelican(content, tmp / "output")
    report = json.loads((tmp / "output" / "data" / "report.json").read_text(encoding="utf-8"))
    articles = json.loads((tmp / "output" / "data" / "articles.json").read_text(encoding="utf-8"))
    return {"result": result, "report": report, "articles": articles, "output": tmp / "output", "content": content}


def test_the_catalogue_has_at_least_thirty_kinds():
    assert len(CASES) >= 30


def test_bad_input_build_finishes_without_a_traceback(bad_build):
    result = bad_build["result"]
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_sample_articles_still_build_beside_bad_input(bad_build):
    files = {a["file"] for a in bad_build["articles"]}
    assert {p.name for p in (ROOT / "content" / "articles").glob("*.txt")} <= files


def _messages(report, name):
    entry = next((i for i in report["inputs"] if i["file"] == name), None)
    messages = [m for m in report["warnings"] if name in m]
    if entry:
        messages += ([entry["reason"]] if entry["reason"] else []) + entry["warnings"]
    return entry, messages


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_bad_input_is_built_or_reported_with_a_clear_message(bad_build, case):
    report = bad_build["report"]
    for name in case.files:
        if name.endswith((".yaml", ".yml")) and case.expect != "skipped":
            continue  # a sidecar is judged through its article
        entry, messages = _messages(report, name)
        assert entry is not None, f"{name} is neither built nor in the report"
        wanted = "skipped" if case.expect == "skipped" else "built"
        assert entry["status"] == wanted, (name, entry)
        if case.says:
            assert any(case.says.lower() in m.lower() for m in messages), (name, messages)
            assert all(name in m or Path(name).stem in m for m in messages if case.says.lower() in m.lower())


def test_every_input_file_is_a_page_or_a_line_in_the_report(bad_build):
    listed = {i["file"] for i in bad_build["report"]["inputs"]}
    on_disk = {p.relative_to(bad_build["content"] / "articles").as_posix()
               for p in (bad_build["content"] / "articles").rglob("*")
               if not p.suffix in (".yaml", ".yml") or not any(p.with_suffix(s).exists() for s in (".txt", ".md", ".html"))}
    assert on_disk <= listed, on_disk - listed


def test_duplicate_ids_keep_both_articles_with_stable_distinct_urls(bad_build):
    ids = {a["file"]: a["id"] for a in bad_build["articles"]}
    assert ids["twin.md"] == "twin" and ids["twin.txt"] == "twin-2"  # file-name order decides
    assert {ids["slug-a.txt"], ids["slug-b.txt"]} == {"same-slug", "same-slug-2"}


def test_hostile_markup_never_reaches_a_page(bad_build):
    for page in (bad_build["output"] / "articles").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "__pwned" not in html and "javascript:" not in html and "<iframe" not in html, page
        assert not re.search(r"<[^>]+\son\w+=", html), page
        assert "data:text/html" not in html, page


def test_every_page_has_a_content_security_policy(bad_build):
    for page in bad_build["output"].rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html and "script-src 'self'" in html, page
        assert not re.search(r"<script>(?!\s*</script>)", html), page  # no inline script


def test_curated_data_mistakes_are_warnings_naming_file_and_entry(bad_build):
    warnings = " ".join(bad_build["report"]["warnings"])
    assert "people.yaml" in warnings and "sergey-lavrov" in warnings  # duplicate id
    assert "no-name-person" in warnings                                # missing name
    assert "events.yaml" in warnings                                   # broken YAML


def test_inputs_are_never_modified(bad_build):
    path = bad_build["content"] / "articles" / "cp1256.txt"
    assert path.read_bytes() == ARTICLE.encode("cp1256")


def test_strict_build_fails_on_the_same_problems(tmp_path):
    content = copy_content(tmp_path)
    (content / "articles" / "empty.txt").write_bytes(b"")
    result = run_pelican(content, tmp_path / "output", "-e", "ARSHIF_STRICT=true")
    assert result.returncode != 0
    assert "empty.txt" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_two_builds_of_the_same_input_are_identical(tmp_path, site):
    again = tmp_path / "again"
    result = run_pelican(ROOT / "content", again)
    assert result.returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
