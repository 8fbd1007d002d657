"""The build keeps its long-lived objects out of the cyclic collector's sight
(plugins/mapping.py: hold_for_the_build), and the forked writers leave that as they found it."""

from __future__ import annotations

import gc

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
        assert gc.get_freeze_count() >= held   # the build's hold survives the writers
    finally:
        release_after_the_build()
    assert gc.get_freeze_count() == 0
