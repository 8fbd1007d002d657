"""The scorer's comparison of two builds' events against readers' verdicts
(``scoring.events.judged_changes``): matched by member files, the latest verdict counts."""

import yaml

from scoring.events import judged_changes


def test_judged_events_removed_or_retitled_are_counted_by_verdict(tmp_path, capsys):
    judged = tmp_path / "judged.yaml"
    judged.write_text(yaml.safe_dump({"samples": [
        {"seed": 1, "events": [
            {"id": "a", "articles": ["1.txt", "2.txt"], "accept": True},
            {"id": "b", "articles": ["3.txt", "4.txt"], "accept": False},
            {"id": "c", "articles": ["5.txt", "6.txt"], "accept": False},
            {"id": "d", "articles": ["7.txt", "8.txt"], "accept": True}]},
        # a later sample judged "a" again: its verdict is the one that counts
        {"seed": 2, "events": [{"id": "a2", "articles": ["2.txt", "1.txt"], "accept": False}]},
    ]}), encoding="utf-8")
    before = [{"files": ["1.txt", "2.txt"], "title": "x"}, {"files": ["3.txt", "4.txt"], "title": "y"},
              {"files": ["5.txt", "6.txt"], "title": "z"}, {"files": ["7.txt", "8.txt"], "title": "w"}]
    after = [{"files": ["1.txt", "2.txt"], "title": "x2"}, {"files": ["3.txt"], "title": "y"},
             {"files": ["5.txt", "6.txt"], "title": "z"}, {"files": ["7.txt", "8.txt", "9.txt"], "title": "w"}]
    counts = judged_changes(judged, before, after)
    assert counts == {("retitled", False): 1, ("removed or split", False): 1, ("removed or split", True): 1}
    assert "«x2»" in capsys.readouterr().out
