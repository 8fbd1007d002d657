"""Serial, parallel, cached, incremental and Dask builds give the same site, byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from plugins.search import build as search_build

from tests.conftest import CORPUS, ROOT, build_site, run_pelican

N = 200


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory) -> Path:
    if not (CORPUS / "manifest.jsonl").is_file():
        pytest.skip("../shared/corpus is not beside the project")
    content = tmp_path_factory.mktemp("archive") / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "data", content / "data")
    rows = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = sorted(rows, key=lambda r: r["file"])[:N]
    with open(content / "articles" / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            shutil.copyfile(CORPUS / "articles" / row["file"], content / "articles" / row["file"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return content


@pytest.fixture(scope="module")
def serial(corpus_archive, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("serial") / "output"
    build_site(corpus_archive, out, ARSHIF_WORKERS=1, ARSHIF_CACHE_PATH=None, ARSHIF_SEARCH=False)
    return tree_digest(out)


def test_the_corpus_sample_builds_from_its_manifest(serial):
    pages = [n for n in serial if n.startswith("articles/") and n.endswith("/index.html")]
    assert len([n for n in pages if n.count("/") == 2]) == N
    assert "articles/page/2/index.html" in pages


def test_parallel_processes_give_the_serial_site(corpus_archive, serial, tmp_path):
    build_site(corpus_archive, tmp_path / "out", ARSHIF_WORKERS=2, ARSHIF_CACHE_PATH=None, ARSHIF_SEARCH=False)
    assert tree_digest(tmp_path / "out") == serial


def test_a_dask_local_cluster_gives_the_serial_site(corpus_archive, serial, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build_site(corpus_archive, tmp_path / "out", ARSHIF_SCHEDULER=cluster.scheduler_address,
                   ARSHIF_CACHE_PATH=str(tmp_path / "cache"), ARSHIF_SEARCH=False)
    assert tree_digest(tmp_path / "out") == serial


def test_a_cached_rebuild_after_one_edit_equals_a_clean_build(corpus_archive, tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(corpus_archive, content)
    cache, timings = tmp_path / "cache", tmp_path / "timings.json"
    monkeypatch.setenv("ARSHIF_TIMINGS_FILE", str(timings))
    monkeypatch.setattr(search_build, "SHARD_ARTICLES", N // 4)  # four search shards, each cached
    monkeypatch.setattr(search_build, "RENEW_WRITERS", 1)         # record writers forked anew each shard
    build_site(content, tmp_path / "first", ARSHIF_CACHE_PATH=str(cache))
    assert json.loads(timings.read_text())["enriched"] == N
    shards_before = {p.name for p in (cache / "search" / "shards").iterdir()}
    assert len(shards_before) == 4
    edited = sorted((content / "articles").glob("*.txt"))[7]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nفقرة جديدة أضافها المحرر.\n", encoding="utf-8")
    build_site(content, tmp_path / "again", ARSHIF_CACHE_PATH=str(cache))
    counts = json.loads(timings.read_text())
    assert (counts["enriched"], counts["cached"]) == (1, N - 1)
    # Only the edited article's shard was indexed again; the other three came from the cache,
    # and the merge took the word parts the edit did not touch from the last build's.
    assert len({p.name for p in (cache / "search" / "shards").iterdir()} - shards_before) == 1
    merge = counts["search"]
    assert 0 < merge["merge parts reused"] < merge["merge parts"]
    build_site(content, tmp_path / "clean", ARSHIF_CACHE_PATH=None)
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "clean")


def test_changing_the_gazetteer_re_enriches_everything(corpus_archive, tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(corpus_archive, content)
    cache, timings = tmp_path / "cache", tmp_path / "timings.json"
    monkeypatch.setenv("ARSHIF_TIMINGS_FILE", str(timings))
    build_site(content, tmp_path / "first", ARSHIF_CACHE_PATH=str(cache), ARSHIF_SEARCH=False)
    with open(content / "data" / "people.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: mohammed-bin-salman\n  name: محمد بن سلمان\n  name_en: Mohammed bin Salman\n")
    build_site(content, tmp_path / "again", ARSHIF_CACHE_PATH=str(cache), ARSHIF_SEARCH=False)
    assert json.loads(timings.read_text())["enriched"] == N
    build_site(content, tmp_path / "clean", ARSHIF_CACHE_PATH=None, ARSHIF_SEARCH=False)
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "clean")


def test_the_output_folder_may_not_be_inside_the_inputs(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = tree_digest(content)
    result = run_pelican(content, content / "articles")
    said = " ".join((result.stdout + result.stderr).split())  # the log wraps long lines
    assert result.returncode == 2 and "inside the archive folder" in said
    result = run_pelican(content, tmp_path)
    said = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 2 and "contains the archive folder" in said
    assert tree_digest(content) == before
