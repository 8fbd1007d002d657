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
        if name.lower().endswith((".yaml", ".yml")) and case.expect != "skipped":
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
    articles = bad_build["content"] / "articles"
    on_disk = {p.relative_to(articles).as_posix() for p in articles.rglob("*")
               if (p.is_file() or p.is_symlink() or p.is_fifo())
               and not (p.suffix.lower() in (".yaml", ".yml")
                        and any(p.with_suffix(s).exists() for s in (".txt", ".md", ".html")))}
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
        assert "Content-Security-Policy" in html, page
        assert "script-src 'self'" in html or "script-src 'none'" in html, page  # redirects run no script
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


def _article(bad_build, file):
    return next(a for a in bad_build["articles"] if a["file"] == file)


def test_curator_text_values_are_text_and_lose_bidi_overrides(bad_build):
    assert _article(bad_build, "numbers.txt")["source"] == "123"
    title = _article(bad_build, "bidititle.txt")["title"]
    assert title == "عنوان معكوس"
    page = (bad_build["output"] / "articles" / "bidititle" / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in page


def test_an_upper_case_sidecar_gives_its_title(bad_build):
    assert _article(bad_build, "upper-side.txt")["title"] == "عنوان من ملف جانبي"
    assert _article(bad_build, "both.txt")["title"] == "من yaml"


def test_two_folders_two_lines_two_files(bad_build):
    files = [i["file"] for i in bad_build["report"]["inputs"]]
    assert "2024/same.txt" in files and "2025/same.txt" in files
    ids = {_article(bad_build, "2024/same.txt")["id"], _article(bad_build, "2025/same.txt")["id"]}
    assert ids == {"same", "same-2"}


def test_ids_lose_invisible_marks(bad_build):
    assert _article(bad_build, "mark\u200fname.txt")["id"] == "markname"


def test_a_sidecar_person_named_by_an_old_id_is_kept(bad_build):
    assert _article(bad_build, "oldid.txt")["people"] == ["test-person"]


def test_a_redirect_claimed_twice_goes_to_the_first_with_a_warning(bad_build):
    page = (bad_build["output"] / "articles" / "shared-old" / "index.html").read_text(encoding="utf-8")
    assert "articles/redir-a/" in page
    assert any("shared-old" in w and "already a redirect" in w for w in bad_build["report"]["warnings"])


def test_unsafe_redirect_from_values_write_nothing_outside_their_folder(bad_build):
    out = bad_build["output"]
    assert not (out.parent / "x").exists() and not (out / "x").exists()
    assert "feed.xml" not in {p.name for p in (out / "people").iterdir()}
    putin = (out / "people" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert "http-equiv=\"refresh\"" not in putin  # a real page is never replaced by a redirect
    warnings = " ".join(bad_build["report"]["warnings"])
    assert "'..'" in warnings or "not a plain id" in warnings


def test_curated_values_of_the_wrong_type_are_warnings(bad_build):
    warnings = " ".join(bad_build["report"]["warnings"])
    assert "sources.yaml" in warnings and "aliases must be a list" in warnings
    assert "name_en must be text" in warnings


def test_feeds_escape_what_the_text_holds(bad_build):
    feed = (bad_build["output"] / "people" / "sergey-lavrov" / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "<b>" not in feed
    assert "&amp;lt;b&amp;gt;" in feed  # escaped for XML, and as text inside type="html"


def test_no_absolute_path_of_the_machine_reaches_the_site(bad_build):
    content = str(bad_build["content"].resolve())
    for path in list(bad_build["output"].rglob("*.html")) + list((bad_build["output"] / "data").glob("*.json")):
        assert content not in path.read_text(encoding="utf-8"), path


def test_wasm_is_allowed_on_the_search_page_only(bad_build):
    out = bad_build["output"]
    assert "'wasm-unsafe-eval'" in (out / "search" / "index.html").read_text(encoding="utf-8")
    for page in [out / "index.html", out / "articles" / "upper" / "index.html", out / "people" / "index.html"]:
        assert "wasm-unsafe-eval" not in page.read_text(encoding="utf-8"), page


def test_strict_fails_on_an_impossible_sidecar_date_and_builds_without_strict(tmp_path):
    content = copy_content(tmp_path)
    (content / "articles" / "feb30.txt").write_text(ARTICLE, encoding="utf-8")
    (content / "articles" / "feb30.yaml").write_text("date: 2025-02-30\n", encoding="utf-8")
    result = run_pelican(content, tmp_path / "strict", "-e", "ARSHIF_STRICT=true")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    result = run_pelican(content, tmp_path / "lenient")
    assert result.returncode == 0
    articles = json.loads((tmp_path / "lenient" / "data" / "articles.json").read_text(encoding="utf-8"))
    assert len(articles) == 6  # the five samples and the one with the bad date
