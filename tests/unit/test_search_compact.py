"""Renumbering Pagefind's pages newest first (plugins/search/compact.py), on a hand-made
index in Pagefind's own encoding: every file that names a page must agree afterwards."""

from __future__ import annotations

import gzip
import json

import cbor2
import pytest

from plugins.search.compact import compact_index, round_word_count
from plugins.search.stable import SIGNATURE, PagefindFormatError


def _write(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(obj)))


def _read(path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])


@pytest.fixture()
def index(tmp_path):
    """Three pages: 0 dated 2020, 1 undated, 2 dated 2024. Word «a» on pages 0 and 2 (page
    deltas 0, 2), «b» on page 1; filter year: 2020 -> [0], 2024 -> [2]."""
    d = tmp_path / "pagefind"
    for name, url in (("zxx_aaa", "/p0/"), ("zxx_bbb", "/p1/"), ("zxx_ccc", "/p2/")):
        (d / "fragment").mkdir(parents=True, exist_ok=True)
        (d / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(SIGNATURE + json.dumps({"url": url}).encode()))
    _write(d / "index" / "zxx_i1.pf_index", [[["a", [[0, [-25, 3], []], [2, [-25, 5], []]], []],
                                              ["b", [[1, [-25, 0], []]], []]]])
    _write(d / "filter" / "zxx_f1.pf_filter", ["year", [["2020", [0]], ["2024", [2]]]])
    _write(d / "pagefind.zxx_meta.pf_meta", ["1.5.2", [["zxx_aaa", 100], ["zxx_bbb", 7], ["zxx_ccc", 1000]],
                                             [["", "z", "zxx_i1"]], [["year", "zxx_f1"]],
                                             [["date", [0, 2]]], ["date", "title"]])
    (d / "pagefind-entry.json").write_text(json.dumps({"version": "1.5.2", "languages": {
        "zxx": {"hash": "zxx_meta", "wasm": None, "page_count": 3}}}))
    return d


def test_pages_are_renumbered_newest_first_in_every_file(index):
    compact_index(index)
    entry = json.loads((index / "pagefind-entry.json").read_text())
    meta = _read(index / f"pagefind.{entry['languages']['zxx']['hash']}.pf_meta")
    names = [name for name, _ in meta[1]]
    # 2024 first, then 2020, then the undated page; names say which and where.
    assert [n[-2:] for n in names] == ["n0", "n1", "u2"]
    urls = [json.loads(gzip.decompress((index / "fragment" / f"{n}.pf_fragment").read_bytes())[12:])["url"]
            for n in names]
    assert urls == ["/p2/", "/p0/", "/p1/"]
    assert meta[4] == []  # the date sort is the page order now
    (first, last, chunk_name), = meta[2]
    words = {w[0]: w[1] for w in _read(index / "index" / f"{chunk_name}.pf_index")[0]}
    assert [p[0] for p in words["a"]] == [0, 1]      # pages 0 and 1 as deltas: 0, +1
    assert [p[1] for p in words["a"]] == [[-25, 5], [-25, 3]]
    assert [p[0] for p in words["b"]] == [2]
    (_, filter_name), = meta[3]
    assert _read(index / "filter" / f"{filter_name}.pf_filter") == ["year", [["2020", [1]], ["2024", [0]]]]
    assert len(list((index / "fragment").iterdir())) == 3 and len(list((index / "index").iterdir())) == 1


def test_word_counts_are_rounded_to_an_eighth_of_an_octave():
    assert [round_word_count(n) for n in (0, 1, 2)] == [0, 1, 2]
    for n in (3, 57, 100, 1000, 12345):
        assert abs(round_word_count(n) - n) <= 0.05 * n


def test_an_unknown_layout_stops_the_build(index):
    _write(index / "pagefind.zxx_meta.pf_meta", ["1.5.2", {"pages": []}])
    with pytest.raises(PagefindFormatError):
        compact_index(index)
