"""The build keeps its long-lived objects out of the cyclic collector's sight
(plugins/mapping.py: hold_for_the_build), and the forked writers leave that as they found it."""

from __future__ import annotations

import gc

import pytest

from plugins.mapping import fork_map, hold_for_the_build, release_after_the_build


def _double(n: int) -> int:
    return 2 * n


def test_forked_writers_keep_what_the_build_holds_and_release_only_their_own_hold():
    release_after_the_build()   # a build run earlier in this process may still hold
    assert fork_map(_double, list(range(300)), workers=2) == [2 * n for n in range(300)]
    assert gc.get_freeze_count() == 0          # their own freeze, undone
    try:
        hold_for_the_build()
        held = gc.get_freeze_count()
        assert held > 0
        assert fork_map(_double, list(range(300)), workers=2) == [2 * n for n in range(300)]
        # the build's hold survives the writers (an unfreeze would make it 0; a frozen object
        # may be freed meanwhile, so not exactly as many)
        assert gc.get_freeze_count() > held // 2
    finally:
        release_after_the_build()
    assert gc.get_freeze_count() == 0


def _projector():
    """(log of what was projected, project(value) -> a function that projects it)."""
    projected = []

    def project(value):
        def run():
            projected.append(value)
            return ("projection", value)
        return run

    return projected, project


def test_record_digests_project_only_records_whose_cache_key_is_new(tmp_path):
    from plugins.mapping import RecordDigests, StageMemo

    projected, project = _projector()

    first = RecordDigests(tmp_path, "events", "context-1")
    digests = [first.digest(k, project(k)) for k in ("a", "b")]
    first.save()
    assert projected == ["a", "b"] and digests[0] == StageMemo.key(("projection", "a"))
    again = RecordDigests(tmp_path, "events", "context-1")
    assert [again.digest(k, project(k)) for k in ("a", "c")] == [digests[0], StageMemo.key(("projection", "c"))]
    assert projected == ["a", "b", "c"]          # "a" was known: not projected again
    again.save()                                 # keeps this build's records only
    assert RecordDigests(tmp_path, "events", "context-1").known == {"a": digests[0], "c": again.used["c"]}
    other = RecordDigests(tmp_path, "events", "context-2")   # curated days or code changed
    other.digest("a", project("a"))
    assert projected[-1] == "a" and other.known == {}
    assert RecordDigests(tmp_path, "events", "context-1").digest(None, project("z")) and projected[-1] == "z"


def test_input_digests_hash_only_inputs_whose_size_times_or_inode_changed(tmp_path, monkeypatch):
    import plugins.mapping as mapping
    from plugins.enrich import input_digest

    hashed = []
    monkeypatch.setattr(mapping, "input_digest", lambda path: hashed.append(path) or input_digest(path))
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("نص قديم", encoding="utf-8")
    new.write_text("نص", encoding="utf-8")
    memo = tmp_path / "inputs.pickle"

    first = mapping.InputDigests(memo)
    assert first.digest(str(old)) == input_digest(str(old))
    first.digest(str(new))
    first.save()
    assert hashed == [str(old), str(new)]

    hashed.clear()   # both changed less than RACY_NS before the save: their times are not trusted
    racy = mapping.InputDigests(memo)
    racy.digest(str(old)), racy.digest(str(new))
    assert hashed == [str(old), str(new)]

    monkeypatch.setattr(mapping.InputDigests, "RACY_NS", 0)   # as if saved long after the edits
    hashed.clear()
    second = mapping.InputDigests(memo)
    assert second.digest(str(old)) == input_digest(str(old)) and hashed == []   # trusted, not read
    old.write_text("نص جديد أطول", encoding="utf-8")   # an edit changes size and times
    assert second.digest(str(old)) == input_digest(str(old)) and hashed == [str(old)]
    memo.write_bytes(b"damaged")
    hashed.clear()
    mapping.InputDigests(memo).digest(str(new))
    assert hashed == [str(new)]


def test_record_projections_are_kept_for_the_next_time_the_stage_runs(tmp_path):
    from plugins.mapping import RecordDigests

    projected, project = _projector()

    first = RecordDigests(tmp_path, "events", "context-1")
    items = [(k, project(k)) for k in ("a", "b", None)]
    [first.digest(*item) for item in items]
    assert first.projections(items) == [("projection", k) for k in ("a", "b", None)]
    assert projected == ["a", "b", None, None]   # made once by digest; a None key is never kept
    first.save()

    # "b" changed: its digest and projection are made again; "a"'s projection is the kept one.
    again = RecordDigests(tmp_path, "events", "context-1")
    items = [(k, project(k)) for k in ("a", "c")]
    [again.digest(*item) for item in items]
    assert projected[4:] == ["c"]
    assert again.projections(items) == [("projection", "a"), ("projection", "c")] and projected[4:] == ["c"]
    again.save()
    # A build whose stage did not run keeps the projections file as it was.
    hit = RecordDigests(tmp_path, "events", "context-1")
    [hit.digest(*item) for item in items]
    hit.save()
    assert RecordDigests(tmp_path, "events", "context-1").projections([("c", project("x"))]) == [("projection", "c")]
    # Another context (curated days, code) trusts nothing kept.
    assert RecordDigests(tmp_path, "events", "context-2").projections([("a", project("y"))]) == [("projection", "y")]


def test_the_build_gives_freed_heap_back_before_it_forks(monkeypatch):
    import plugins.mapping as mapping

    trimmed = []
    monkeypatch.setattr(mapping, "_trim_heap", lambda: trimmed.append(True))
    try:
        mapping.hold_for_the_build()
    finally:
        mapping.release_after_the_build()
    assert trimmed == [True]


def test_trimming_the_heap_is_safe_to_ask_anywhere():
    from plugins.mapping import _trim_heap

    _trim_heap()   # glibc gives pages back; elsewhere nothing is asked


def test_the_projections_file_is_written_again_only_when_a_share_of_it_changed(tmp_path):
    from plugins.mapping import RecordDigests

    projected, project = _projector()
    keys = [f"r{n}" for n in range(300)]

    def build(keys):
        digests = RecordDigests(tmp_path, "events", "context-1")
        items = [(k, project(k)) for k in keys]
        [digests.digest(*item) for item in items]
        out = digests.projections(items)
        digests.save()
        return out

    build(keys)
    kept = tmp_path / "events-projections.pickle"
    written = kept.read_bytes()
    # One record of 300 changed (an edited headline): its projection is made, the file stays.
    one = keys[:-1] + ["edited"]
    assert build(one)[-1] == ("projection", "edited") and kept.read_bytes() == written
    # The next build makes it again from its record (its digest is kept), and still gives
    # every projection right.
    del projected[:]
    assert build(one) == [("projection", k) for k in one] and projected == ["edited"]
    # Past the share (1%: here 3 of 300) the file is written again, with this build's entries.
    many = keys[:-5] + [f"new{n}" for n in range(5)]
    build(many)
    assert kept.read_bytes() != written
    del projected[:]
    assert build(many) == [("projection", k) for k in many] and projected == []


def test_a_forked_call_gives_its_value_back_or_works_it_out_here(tmp_path):
    import os

    from plugins.mapping import ForkedCall

    here = os.getpid()
    call = ForkedCall(lambda: ("worked out in", os.getpid(), list(range(100_000))))  # more than a pipe holds
    what, where, numbers = call.result()
    assert what == "worked out in" and numbers == list(range(100_000))
    assert where != here or not hasattr(os, "fork")

    def fails_there():   # an error in the forked process: worked out again here, where it shows
        if os.getpid() != here:
            raise RuntimeError("only in the forked process")
        return "here"
    assert ForkedCall(fails_there).result() == "here"
    with pytest.raises(ZeroDivisionError):   # the function's own error surfaces in the build
        ForkedCall(lambda: 1 / 0).result()


def test_a_call_forked_ahead_reads_first_then_works_on_what_it_is_sent():
    """ForkedCall(function, ahead=…): the process works ``ahead()`` out before its work is
    known, then ``function(ahead's value, message)``; a message more than a pipe holds does
    not wait for it; cancelled, it leaves; failed, the caller's ``here`` works it out."""
    import os

    from plugins.mapping import ForkedCall

    parent = os.getpid()
    call = ForkedCall(lambda early, message: (early, os.getpid(), len(message)),
                      ahead=lambda: ("read ahead in", os.getpid()))
    call.send(list(range(200_000)))
    (what, early_pid), pid, size = call.result(lambda: "not here")
    assert what == "read ahead in" and size == 200_000
    assert early_pid == pid != parent or not hasattr(os, "fork")

    unused = ForkedCall(lambda early, message: "never", ahead=lambda: "read")
    unused.cancel()
    assert unused.pid is None

    def fails_there(early, message):
        raise RuntimeError("only in the forked process")
    failing = ForkedCall(fails_there, ahead=lambda: None)
    failing.send("work")
    assert failing.result(lambda: "worked out here") == "worked out here"
    # never sent: result() does not wait for a message, it works the value out here
    assert ForkedCall(lambda early, message: "there", ahead=lambda: None).result(lambda: "here") == "here"


def test_projections_read_ahead_by_another_process_are_the_projections(tmp_path):
    """RecordDigests.lacking / read_ahead / projections_with: the projections file read by a
    process started before the build's records were known, with what the build sends it
    (projections made this build or missing from the file), give what ``projections``
    gives; a projection neither sent nor in the file is an error (the build then works the
    stage out itself)."""
    from plugins.mapping import RecordDigests

    projected, project = _projector()
    keys = [f"r{n}" for n in range(300)]

    def items(keys):
        return [(k, project(k)) for k in keys]

    first = RecordDigests(tmp_path, "events", "context-1")
    [first.digest(*item) for item in items(keys)]
    first.projections(items(keys))
    first.save()
    edited = keys[:-1] + ["edited", None]   # below the share: the file is not written again
    for build in range(2):   # the second time, "edited" is in no file and made by no digest
        ahead = RecordDigests.read_ahead(tmp_path, "events")
        digests = RecordDigests(tmp_path, "events", "context-1")
        [digests.digest(*item) for item in items(edited)]
        lacking = digests.lacking(items(edited))
        assert [k for k, value in lacking if value is not None] == ["edited", None]
        digests.save_digests()
        there = RecordDigests(tmp_path, "events", "context-1")
        assert there.projections_with(ahead, lacking) == [("projection", k) for k in edited]
        there.save_projections()
    # Another context trusts nothing kept: every projection is sent.
    other = RecordDigests(tmp_path, "events", "context-2")
    assert all(value is not None for _, value in other.lacking(items(keys[:3])))
    # The file changed after it was read ahead: a projection it lacks is an error.
    with pytest.raises(LookupError):
        RecordDigests(tmp_path, "events", "context-1").projections_with(("context-1", {}), [("r1", None)])


def test_a_build_that_stopped_lets_its_forked_processes_go_when_the_next_starts(monkeypatch):
    """site._unsettled: a build stopped by an error between forking and joining (in a process
    that goes on: tests, a server) leaves a process waiting for work; the next build's start
    lets it go."""
    import os

    import plugins.site as site
    from plugins.mapping import ForkedCall

    if not hasattr(os, "fork"):
        return
    waiting = site._unsettled(ForkedCall(lambda early, message: "never", ahead=lambda: "read"))
    working = site._unsettled(ForkedCall(lambda: "done"))
    pids = [waiting.pid, working.pid]
    site._let_go_of_unsettled()
    assert waiting.pid is None and working.pid is None and site._forked == []
    for pid in pids:   # reaped: no such child any more
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
