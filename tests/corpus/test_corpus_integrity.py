"""Integrity over the real corpus (../shared/corpus, 20,000 published articles): every
article ends up in the data export or in the build report with a reason, and nothing
leaves a traceback. The search index is left out here (the benchmark covers it).

The default run checks a 400-article sample (every publisher family is in it: the corpus is
shuffled); ``-m corpus`` checks all 20,000 (minutes)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import CORPUS, ROOT, run_pelican

pytestmark = pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason="../shared/corpus is not beside the project")
SAMPLE = 400


@pytest.fixture(scope="module", params=[pytest.param(SAMPLE, id="sample"),
                                        pytest.param(None, id="all", marks=pytest.mark.corpus)])
def corpus_build(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    content = tmp / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "data", content / "data")
    # The corpus builds from its own manifest (dates, sources, sections), as a collection would.
    rows = sorted((CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines(),
                  key=lambda line: json.loads(line)["file"])[:request.param]
    with open(content / "articles" / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for line in rows:
            name = json.loads(line)["file"]
            shutil.copyfile(CORPUS / "articles" / name, content / "articles" / name)  # a copy: inputs stay untouched
            fh.write(line + "\n")
    result = run_pelican(content, tmp / "output", "-e", "ARSHIF_SEARCH=false", timeout=1500)
    data = tmp / "output" / "data"
    return {"result": result,
            "inputs": sorted(p.name for p in (content / "articles").iterdir() if p.name != "manifest.jsonl"),
            "articles": json.loads((data / "articles.json").read_text(encoding="utf-8")),
            "report": json.loads((data / "report.json").read_text(encoding="utf-8"))}


def test_corpus_builds_without_a_traceback(corpus_build):
    result = corpus_build["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr


def test_every_corpus_article_is_exported_or_reported_with_a_reason(corpus_build):
    exported = {a["file"] for a in corpus_build["articles"]}
    reported = {i["file"]: i for i in corpus_build["report"]["inputs"]}
    missing = [f for f in corpus_build["inputs"] if f not in exported and not (f in reported and reported[f]["reason"])]
    assert len(corpus_build["inputs"]) in (SAMPLE, 20_000)
    assert missing == []


def test_no_corpus_article_ends_up_empty(corpus_build):
    assert all(a["text"].strip() and a["title"].strip() for a in corpus_build["articles"])


def test_corpus_ids_are_unique_and_urls_are_stable(corpus_build):
    ids = [a["id"] for a in corpus_build["articles"]]
    assert len(ids) == len(set(ids))
    assert all(a["url"] == f"articles/{a['id']}/" for a in corpus_build["articles"])


def test_corpus_dates_and_sources_come_from_its_manifest(corpus_build):
    articles = corpus_build["articles"]
    assert sum(a["date"] is not None for a in articles) == len(articles)
    assert sum(a["source"] is not None for a in articles) == len(articles)
    assert not corpus_build["report"]["warnings"], corpus_build["report"]["warnings"][:5]
