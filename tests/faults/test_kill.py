"""SIGKILL a writer at random moments: the file is always the old plan or the new one.

A forked child opens the plan through Store and commits in a loop (one new
tactic per commit), acknowledging each commit on a pipe. The parent kills it
with SIGKILL after a random delay, 200 times, and after every kill checks that
the file parses and holds exactly the acknowledged tactics, or one more (the
commit that was written but not yet acknowledged). The plan is big enough
(~1 MB) that a good share of the kills land while the temp file is being
written; the test counts them, so it cannot pass by killing only between saves.
"""

from __future__ import annotations

import os
import random
import signal
import time

import orjson
import pytest
from faultkit import seed_plan, tactic_doc, temps_of

from planner_tui.core.file.store import Store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

KILLS = 200
SEED_TACTICS = 3000
MAX_DELAY = 0.03  # seconds after the child opened the plan


def _writer(path, clock, ack: int) -> None:
    """The child: open, then commit forever, writing one byte per acknowledged commit."""
    try:
        store = Store(path, clock=clock)
        os.write(ack, b"o")
        number = 0
        while True:
            with store.transaction("add") as tx:
                tx.insert("tactics", tactic_doc(f"child {os.getpid()} {number}", clock().isoformat()))
            os.write(ack, b"+")
            number += 1
    finally:
        os._exit(3)  # never reached by a SIGKILL; any error shows up as this exit code


def _kill_one(path, clock, delay: float) -> int:
    """Start a writer, SIGKILL it after ``delay``; the number of commits it acknowledged."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        _writer(path, clock, write_end)
    os.close(write_end)
    try:
        assert os.read(read_end, 1) == b"o", "the writer could not open the plan"
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
            f"the writer stopped by itself (status {status}) instead of being killed"
        acks = b""
        while chunk := os.read(read_end, 4096):
            acks += chunk
    finally:
        os.close(read_end)
    return acks.count(b"+")


def test_sigkill_at_random_moments_leaves_the_old_or_the_new_plan(plan_path, clock, now):
    seed_plan(plan_path, SEED_TACTICS, now.isoformat())
    rng = random.Random(20261128)
    count, total_acked, mid_write, started = SEED_TACTICS, 0, 0, time.monotonic()

    for kill in range(KILLS):
        acked = _kill_one(plan_path, clock, rng.uniform(0, MAX_DELAY))

        data = orjson.loads(plan_path.read_bytes())  # always parses: never half a file
        found = len(data["tactics"])
        assert found in (count + acked, count + acked + 1), (
            f"kill {kill}: {found} tactics on disk, but {count} before and {acked} acknowledged")
        ids = [int(key) for key in data["tactics"]]
        assert data["meta"]["1"]["ids"]["tactics"] == max(ids), "the id counter and the ids disagree"
        titles = [doc["title"] for doc in data["tactics"].values()]
        assert len(set(titles)) == len(titles)

        leftovers = temps_of(plan_path)
        mid_write += bool(leftovers)
        assert len(leftovers) <= 1, "stale temp files accumulate: the next open did not remove them"
        count, total_acked = found, total_acked + acked

    store = Store(plan_path, clock=clock)  # the file opens, and cleaning up is complete
    assert temps_of(plan_path) == []
    assert len(store.plan.tactics) == count >= SEED_TACTICS + total_acked
    assert total_acked > KILLS, "the writers hardly committed anything: the test proves nothing"
    assert mid_write >= KILLS // 20, f"only {mid_write} of {KILLS} kills landed mid-write"
    assert time.monotonic() - started < 60
