"""SharedWorkers (plugins/mapping.py): processes forked once, given several maps over what the
parent held when they were forked."""

from __future__ import annotations

import gc
import os

from plugins.mapping import SharedWorkers, release_after_the_build

_SEEN: list[int] = []


def _scaled(shared, n):
    return shared["factor"] * n


def _pid_and_memory(shared, n):
    _SEEN.append(n)   # a worker's own memory, kept from one map to the next
    return os.getpid(), len(_SEEN)


def test_maps_see_the_shared_state_in_order_on_the_same_processes_which_close_ends():
    release_after_the_build()   # a build run earlier in this process may still hold
    workers = SharedWorkers({"factor": 3}, workers=2)
    try:
        assert workers.map(_scaled, list(range(50))) == [3 * n for n in range(50)]
        first = workers.map(_pid_and_memory, list(range(20)))
        forked = {p.pid for p in workers._pool._pool}
        second = workers.map(_pid_and_memory, list(range(20)))
        assert os.getpid() not in forked and len(forked) == 2
        assert {pid for pid, _ in first} | {pid for pid, _ in second} <= forked   # no new processes
        assert {p.pid for p in workers._pool._pool} == forked
        assert max(n for _, n in second) > max(n for _, n in first)   # what they learnt, kept
        processes = list(workers._pool._pool)
    finally:
        workers.close()
    assert all(not p.is_alive() for p in processes)
    assert gc.get_freeze_count() == 0                              # the fork's freeze, undone


def test_one_worker_maps_in_this_process():
    with SharedWorkers({"factor": 2}, workers=1) as workers:
        assert workers.map(_scaled, [1, 2]) == [2, 4]
        assert workers.map(_pid_and_memory, [0])[0][0] == os.getpid()


def test_fork_map_renewed_gives_the_items_in_order_each_share_in_a_fresh_fork():
    import os

    from plugins.mapping import fork_map

    items = list(range(400))
    out = fork_map(lambda n: (n * n, os.getpid()), items, workers=2, min_items=1, renew=2)
    assert [square for square, _pid in out] == [n * n for n in items]
    # four shares (items n, n+4, n+8, ...), each in a process of its own
    pids = [pid for _square, pid in out]
    assert len(set(pids)) == 4 and all(pids[n] == pids[n % 4] for n in items)
    assert os.getpid() not in pids
