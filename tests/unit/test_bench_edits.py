"""The benchmark's edits (scoring/bench.py): the headline edit changes one title in the
manifest and nothing else."""

import json

from scoring.bench import retitled


def test_retitled_changes_one_headline_and_keeps_every_other_byte():
    rows = [{"file": f"{n:05}.txt", "title": f"عنوان {n}" if n % 2 else None, "date": "2018-01-01"} for n in range(9)]
    manifest = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    changed = retitled(manifest, rows)
    before, after = manifest.splitlines(), changed.splitlines()
    assert len(before) == len(after)
    differ = [k for k, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(differ) == 1
    old, new = json.loads(before[differ[0]]), json.loads(after[differ[0]])
    assert old["title"] and new["title"].startswith(old["title"]) and new["title"] != old["title"]
    assert {k: v for k, v in new.items() if k != "title"} == {k: v for k, v in old.items() if k != "title"}


def test_retitled_leaves_a_manifest_without_headlines_alone():
    rows = [{"file": "00001.txt", "title": None}]
    manifest = json.dumps(rows[0]) + "\n"
    assert retitled(manifest, rows) == manifest
