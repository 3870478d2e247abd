"""Several processes commit to one plan at once: nothing is lost, no id is handed out twice.

Four separate Python processes (tests/faults/writer.py) each make 25 commits,
every one adding a tactic and marking one of the seeded tactics done, while the
test's own Store (standing in for the open TUI) makes 25 commits of its own.
They start together and meet again half-way (faultkit.meet), so their commits
interleave however slowly the machine runs them.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time

import orjson
from faultkit import WRITER, meet, seed_plan, tactic_doc

from planner_tui.core.file.store import Store

WRITERS = 4
ADDS = 25
SEEDED = WRITERS * ADDS


def test_concurrent_writers_lose_nothing_and_never_share_an_id(plan_path, tmp_path, clock, now):
    seed_plan(plan_path, SEEDED, now.isoformat())
    tui = Store(plan_path, clock=clock)
    sync, parties = tmp_path / "sync", WRITERS + 1
    sync.mkdir()
    writers = []
    for number in range(WRITERS):
        finish = [str(i) for i in range(number * ADDS + 1, (number + 1) * ADDS + 1)]
        writers.append(subprocess.Popen(
            [sys.executable, str(WRITER), str(plan_path), f"w{number}", str(ADDS), str(sync), str(parties),
             *finish], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))

    def all_running() -> None:
        assert all(w.poll() is None for w in writers), [w.communicate() for w in writers]

    meet(sync, "start", "tui", parties, all_running)

    mine = []
    for number in range(ADDS):
        if number == ADDS // 2:
            meet(sync, "half", "tui", parties, all_running)
        with tui.transaction(f"tui {number}") as tx:
            mine.append(tx.insert("tactics", tactic_doc(f"tui-{number}", now.isoformat())))
        time.sleep(random.uniform(0, 0.003))

    given = {"tui": mine}
    for number, writer in enumerate(writers):
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        given[f"w{number}"] = json.loads(out)

    data = orjson.loads(plan_path.read_bytes())
    tactics = data["tactics"]
    all_ids = [doc_id for ids in given.values() for doc_id in ids]
    assert len(all_ids) == len(set(all_ids)) == (WRITERS + 1) * ADDS, "an id was handed out twice"
    for tag, ids in given.items():
        assert [tactics[str(doc_id)]["title"] for doc_id in ids] == [f"{tag}-{n}" for n in range(ADDS)]
    assert len(tactics) == SEEDED + (WRITERS + 1) * ADDS
    assert all(tactics[str(i)]["status"] == "done" for i in range(1, SEEDED + 1)), "an update was lost"
    assert data["meta"]["1"]["ids"]["tactics"] == max(map(int, tactics))
    # Everyone's first half precedes everyone's second half, so at most one party
    # (whose halves meet at the barrier) can have committed without interruption.
    interleaved = [tag for tag, ids in given.items() if max(ids) - min(ids) >= len(ids)]
    assert len(interleaved) >= WRITERS, f"the commits did not overlap, so nothing was tested: {given}"

    # the open "TUI" notices and catches up with all of it
    tui.refresh()
    assert set(tui.plan.tactics) == set(map(int, tactics))
    assert Store(plan_path, clock=clock).plan.tactics.keys() == tui.plan.tactics.keys()
