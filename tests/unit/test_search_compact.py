"""Renumbering Pagefind's pages newest first and the compact page table
(plugins/search/compact.py, compact_meta.js), on a hand-made index in Pagefind's own
encoding: every file that names a page must agree afterwards, and the browser's expansion
of the page table must be byte for byte the metadata Pagefind would read."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess

import cbor2
import pytest

from plugins.search.compact import (EXPANDER, ZIPPED_MODULE, adapt_pagefind_js, compact_index, compact_meta,
                                    expand_meta, front_code, front_decode, round_word_count)
from plugins.search.stable import SIGNATURE, PagefindFormatError

# The two lines of Pagefind 1.5's pagefind.js that compact.py adapts, in a stand-in module.
PAGEFIND_JS = ('const pagefind_version="1.5.2";class I{async loadMeta(index){let compressed_meta=await x();'
               'this.searchMeta=this.decompress(new Uint8Array(compressed_meta),"Pagefind metadata");}'
               'async loadChunk(hash){return hash;}async _loadGenericChunk(url,method){let compressed_chunk=await x();'
               'let chunk=this.decompress(new Uint8Array(compressed_chunk),url);}}export{I};\n')


def _write(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(obj)))


def _read(path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])


def _meta(index):
    entry = json.loads((index / "pagefind-entry.json").read_text())
    payload = gzip.decompress((index / f"pagefind.{entry['languages']['zxx']['hash']}.pf_meta").read_bytes())
    assert payload.startswith(SIGNATURE)
    return payload[len(SIGNATURE):]


@pytest.fixture()
def index(tmp_path):
    """Three pages: 0 dated 2020, 1 undated, 2 dated 2024. Word «a» on pages 0 and 2 (page
    deltas 0, 2), «b» on page 1; filter year: 2020 -> [0], 2024 -> [2]."""
    d = tmp_path / "pagefind"
    for name, url in (("zxx_aaa", "/p0/"), ("zxx_bbb", "/p1/"), ("zxx_ccc", "/p2/")):
        (d / "fragment").mkdir(parents=True, exist_ok=True)
        fragment = {"url": url, "content": "tokensߊ of the page", "word_count": 3, "filters": {"year": ["2020"]},
                    "meta": {"title": "t"}, "anchors": [{"element": "h2", "id": "x", "text": "x", "location": 1}]}
        (d / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(SIGNATURE + json.dumps(fragment).encode()))
    _write(d / "index" / "zxx_i1.pf_index", [[["a", [[0, [-25, 3], []], [2, [-25, 5], []]], []],
                                              ["b", [[1, [-25, 0], []]], []]]])
    _write(d / "filter" / "zxx_f1.pf_filter", ["year", [["2020", [0]], ["2024", [2]]]])
    _write(d / "pagefind.zxx_meta.pf_meta", ["1.5.2", [["zxx_aaa", 100], ["zxx_bbb", 7], ["zxx_ccc", 1000]],
                                             [["", "z", "zxx_i1"]], [["year", "zxx_f1"]],
                                             [["date", [0, 2]]], ["date", "title"]])
    (d / "pagefind-entry.json").write_text(json.dumps({"version": "1.5.2", "languages": {
        "zxx": {"hash": "zxx_meta", "wasm": None, "page_count": 3}}}))
    (d / "pagefind.js").write_text(PAGEFIND_JS)
    return d


def test_pages_are_renumbered_newest_first_in_every_file(index):
    compact_index(index)
    meta = expand_meta(_meta(index))
    names = [name for name, _ in meta[1]]
    # 2024 first, then 2020, then the undated page; names say which and where.
    assert [n[-2:] for n in names] == ["n0", "n1", "u2"]
    fragments = [json.loads(gzip.decompress((index / "fragment" / f"{n}.pf_fragment").read_bytes())[12:])
                 for n in names]
    assert [f["url"] for f in fragments] == ["/p2/", "/p0/", "/p1/"]
    # What search.js never reads is gone; what Pagefind's loadFragment touches stays, empty.
    assert fragments[0] == {"url": "/p2/", "meta": {"title": "t"}, "word_count": 3, "content": "", "anchors": []}
    assert [count for _, count in meta[1]] == [round_word_count(1000), round_word_count(100), round_word_count(7)]
    assert meta[4] == []  # the date sort is the page order now
    (first, last, chunk_name), = meta[2]
    words = {w[0]: w[1] for w in _read(index / "index" / f"{chunk_name}.pf_index")[0]}
    assert [p[0] for p in words["a"]] == [0, 1]      # pages 0 and 1 as deltas: 0, +1
    assert [p[1] for p in words["a"]] == [[-25, 5], [-25, 3]]
    assert [p[0] for p in words["b"]] == [2]
    (_, filter_name), = meta[3]
    assert _read(index / "filter" / f"{filter_name}.pf_filter") == ["year", [["2020", [1]], ["2024", [0]]]]
    assert len(list((index / "fragment").iterdir())) == 3 and len(list((index / "index").iterdir())) == 1


def test_word_counts_are_rounded_to_half_an_octave():
    assert [round_word_count(n) for n in (0, 1, 2, 4)] == [0, 1, 2, 4]
    for n in (3, 57, 100, 1000, 12345):
        assert abs(round_word_count(n) - n) <= 0.19 * n
    assert len({round_word_count(n) for n in range(100, 200)}) == 3  # 100..199: three steps


def test_the_served_module_reads_the_compact_table_and_is_also_zipped(index):
    compact_index(index)
    source = (index / "pagefind.js").read_text()
    assert source.startswith(EXPANDER.read_text())
    assert 'this.searchMeta=__arshifExpandMeta(this.decompress(new Uint8Array(compressed_meta),"Pagefind metadata"),this);' in source
    assert "let chunk=__arshifChunkLoaded(url,this.decompress(new Uint8Array(compressed_chunk),url));" in source
    assert gzip.decompress((index / ZIPPED_MODULE).read_bytes()).decode() == source
    assert adapt_pagefind_js(source) == source  # adapting twice changes nothing


def test_a_pagefind_js_without_the_expected_lines_stops_the_build():
    with pytest.raises(PagefindFormatError, match="pagefind.js"):
        adapt_pagefind_js(PAGEFIND_JS.replace("this.searchMeta=", "this.meta="))


def test_front_coding_round_trips_in_utf16_units():
    words = ["", "0", "03", "030", "كتابߊ", "كتابߊال", "كتبߊ", "\U0001d400x", "\U0001d400y", "z"]
    coded = front_code(words)
    assert front_decode(coded) == words
    assert coded[14:16] == [0, "\U0001d400x"] and coded[16:18] == [2, "y"]  # an astral letter is 2 units


def test_the_page_table_round_trips_and_refuses_names_it_cannot_derive():
    meta = ["1.5.2", [["abcdn0", 100], ["abcdn1", 7], ["abcdu2", 0]], [["", "b", "abcd0"], ["ba", "z", "abcd1"]],
            [["year", "zxx_f"]], [], [["date", "title"]]]
    expanded = expand_meta(compact_meta(meta, "abcd", 2))
    assert expanded == ["1.5.2", [["abcdn0", round_word_count(100)], ["abcdn1", round_word_count(7)], ["abcdu2", 0]],
                        *meta[2:]]
    with pytest.raises(PagefindFormatError):
        compact_meta(meta, "abcd", 1)  # page 1 would be named abcdu1


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run compact_meta.js")
def test_the_browser_expansion_is_byte_for_byte_pagefinds_metadata(index, tmp_path):
    """compact_meta.js (run by node) turns the compact table into exactly the CBOR of
    expand_meta, i.e. the metadata Pagefind's WebAssembly decodes."""
    meta = ["1.5.2", [[f"abcd{'n' if n < 300 else 'u'}{n:x}", n * 37 % 5000] for n in range(310)],
            [["", "افߊ", "abcd0"], ["افߊا", "\U0001d400", "abcd1"], ["\U0001d401", "zz", "abcd2"]],
            [["person", "zxx_1"], ["year", "zxx_2"]], [["other", [2, 0, 1, 300, 70000]]], [["date", "title"]]]
    payload = compact_meta(meta, "abcd", 300)
    (tmp_path / "payload").write_bytes(payload)
    script = EXPANDER.read_text() + """
const fs = require("fs");
const loaded = [];
const out = __arshifExpandMeta(new Uint8Array(fs.readFileSync(process.argv[2])), {loadChunk: (n) => loaded.push(n)});
if (globalThis.__arshifIndex) globalThis.__arshifIndex.load("abcd2");
process.stdout.write(JSON.stringify({cbor: Buffer.from(out).toString("hex"), loaded: loaded,
                                     chunks: globalThis.__arshifIndex && globalThis.__arshifIndex.chunks}));
"""
    (tmp_path / "expand.js").write_text(script)
    done = subprocess.run(["node", str(tmp_path / "expand.js"), str(tmp_path / "payload")], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    assert bytes.fromhex(result["cbor"]) == cbor2.dumps(expand_meta(payload))
    assert result["chunks"] == meta[2] and result["loaded"] == ["abcd2"]
    # A metadata file Pagefind wrote itself passes through unchanged.
    (tmp_path / "payload").write_bytes(cbor2.dumps(meta))
    done = subprocess.run(["node", str(tmp_path / "expand.js"), str(tmp_path / "payload")], capture_output=True,
                          text=True, check=True)
    assert bytes.fromhex(json.loads(done.stdout)["cbor"]) == cbor2.dumps(meta)


def test_an_unknown_layout_stops_the_build(index):
    _write(index / "pagefind.zxx_meta.pf_meta", ["1.5.2", {"pages": []}])
    with pytest.raises(PagefindFormatError):
        compact_index(index)



@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run compact_meta.js")
def test_the_words_of_a_loaded_chunk_are_kept_for_search_js(tmp_path):
    """__arshifChunkLoaded reads the words (never the postings) of an index chunk as Pagefind
    decompressed it, and hands the bytes on unchanged; other files are not read."""
    words = ["افروفߊل", "افروفߊول", "lavrovߊ", "x" * 300, "\U0001d400ߊ"]
    chunk = [[[w, [[n, [-25, 70000 + n, 3], []] for n in range(30)], [["ٱفروف", [[1, [2]]]]]] for w in words]]
    (tmp_path / "chunk").write_bytes(cbor2.dumps(chunk))
    script = EXPANDER.read_text() + """
const fs = require("fs");
const bytes = new Uint8Array(fs.readFileSync(process.argv[2]));
globalThis.__arshifIndex = {words: {}};
const same = __arshifChunkLoaded("http://h/pagefind/index/ab1.pf_index", bytes) === bytes;
__arshifChunkLoaded("http://h/pagefind/filter/zxx_1.pf_filter", bytes);
process.stdout.write(JSON.stringify({same: same, words: globalThis.__arshifIndex.words}));
"""
    (tmp_path / "words.js").write_text(script)
    done = subprocess.run(["node", str(tmp_path / "words.js"), str(tmp_path / "chunk")], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    assert result == {"same": True, "words": {"ab1": words}}


def test_a_slimmed_fragment_takes_its_page_url_and_keeps_only_what_search_reads(tmp_path):
    """The build writes search records as <n>.html, not at their article's URL (a folder a
    page costs a millisecond to remove); slimming gives the page its article's URL back."""
    from plugins.search.compact import slim_fragment

    path = tmp_path / "a.pf_fragment"
    page = {"url": "/7.html", "meta": {"title": "t"}, "word_count": 3, "content": "long text", "anchors": [1]}
    path.write_bytes(gzip.compress(SIGNATURE + json.dumps(page).encode()))
    assert slim_fragment(path, {"/7.html": "/articles/a/"}) == "/7.html"
    slim = json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])
    assert slim == {"url": "/articles/a/", "meta": {"title": "t"}, "word_count": 3, "content": "", "anchors": []}
    once = path.read_bytes()
    assert slim_fragment(path, {"/7.html": "/articles/a/"}) == "/articles/a/" and path.read_bytes() == once
