"""The offline search bundle (plugins/search/offline.py) refuses to ship a broken file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from plugins.search.offline import (OfflineBundleError, read_data_script, verify_offline_bundle,
                                    write_offline_bundle)

SIG = b"pagefind_dcd"


def _index(root: Path, wasm: bytes | None = None) -> Path:
    pf = root / "pagefind"
    (pf / "fragment").mkdir(parents=True)
    (pf / "pagefind.js").write_text("const base = import.meta.url;\nfunction search() {}\nexport { search };\n")
    (pf / "pagefind-entry.json").write_text(json.dumps({"languages": {"zxx": {"hash": "zxx_1", "wasm": None}}}))
    (pf / "pagefind.zxx_1.pf_meta").write_bytes(gzip.compress(SIG + b"meta", mtime=0))
    (pf / "fragment" / "zxx_a.pf_fragment").write_bytes(gzip.compress(SIG + b"fragment " * 50, mtime=0))
    (pf / "wasm.unknown.pagefind").write_bytes(gzip.compress(SIG + b"\0asm\1\0\0\0", mtime=0) if wasm is None else wasm)
    return pf


def test_a_sound_index_is_wrapped_and_verified(tmp_path):
    pf = _index(tmp_path)
    out = tmp_path / "offline"
    assert write_offline_bundle(pf, out) == 4
    key, payload = read_data_script(out / "files" / "wasm.unknown.pagefind.js")
    assert key == "wasm.unknown.pagefind" and payload == (pf / "wasm.unknown.pagefind").read_bytes()
    assert verify_offline_bundle(out) == 4


def test_an_empty_engine_file_fails_the_build(tmp_path):
    with pytest.raises(OfflineBundleError, match="wasm.unknown.pagefind is empty"):
        write_offline_bundle(_index(tmp_path, wasm=b""), tmp_path / "offline")


def test_a_truncated_index_file_fails_the_build(tmp_path):
    pf = _index(tmp_path)
    fragment = pf / "fragment" / "zxx_a.pf_fragment"
    fragment.write_bytes(fragment.read_bytes()[:-9])
    with pytest.raises(OfflineBundleError, match="truncated"):
        write_offline_bundle(pf, tmp_path / "offline")


def test_an_engine_that_is_not_webassembly_fails_the_build(tmp_path):
    with pytest.raises(OfflineBundleError, match="WebAssembly"):
        write_offline_bundle(_index(tmp_path, wasm=gzip.compress(SIG + b"html", mtime=0)), tmp_path / "offline")


def test_a_missing_file_named_by_the_entry_fails_the_build(tmp_path):
    pf = _index(tmp_path)
    (pf / "pagefind.zxx_1.pf_meta").unlink()
    with pytest.raises(OfflineBundleError, match="missing"):
        write_offline_bundle(pf, tmp_path / "offline")


@pytest.mark.parametrize("damage", ["empty", "other bytes", "deleted"])
def test_a_wrapped_file_damaged_after_the_build_is_caught_before_zipping(tmp_path, damage):
    out = tmp_path / "offline"
    write_offline_bundle(_index(tmp_path), out)
    wrapped = out / "files" / "fragment" / "zxx_a.pf_fragment.js"
    if damage == "empty":
        wrapped.write_text("")
    elif damage == "other bytes":
        good = (out / "files" / "pagefind.zxx_1.pf_meta.js").read_text()
        wrapped.write_text(good.replace("pagefind.zxx_1.pf_meta", "fragment/zxx_a.pf_fragment"))
    else:
        wrapped.unlink()
    with pytest.raises(OfflineBundleError):
        verify_offline_bundle(out)
