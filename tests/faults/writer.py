"""A separate process writing to a plan file through Store (used by test_concurrency.py).

    python writer.py PLAN TAG ADDS SYNC_FOLDER PARTIES [DONE_ID ...]

Meets the other PARTIES at "start" in SYNC_FOLDER (see faultkit.meet), then
makes ADDS commits, each adding the tactic "TAG-i" and, while DONE_IDs are
left, marking the next of them done, with a pause of up to 3 ms between commits
(as people and scripts leave; without it one process can win the lock over and
over). Half-way it meets the others again at "half", so the commits of all
parties interleave however the machine schedules them. Prints the ids it was
given as JSON.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pendulum
from faultkit import meet

from planner_tui.core.file.store import Store

NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz="UTC")


def main() -> None:
    path, tag, adds, folder, parties, *done = sys.argv[1:]
    store = Store(path, clock=lambda: NOW)
    meet(Path(folder), "start", tag, int(parties))
    ids, to_finish = [], [int(d) for d in done]
    for number in range(int(adds)):
        if number == int(adds) // 2:
            meet(Path(folder), "half", tag, int(parties))
        with store.transaction(f"{tag} {number}") as tx:
            ids.append(tx.insert("tactics", {"title": f"{tag}-{number}", "strategy": 1, "status": "todo",
                                             "due": None, "notes": "", "repeat": None, "position": number,
                                             "created": NOW.isoformat(), "done_at": None}))
            if to_finish:
                tx.update("tactics", to_finish.pop(0), status="done", done_at=NOW.isoformat())
        time.sleep(random.uniform(0, 0.003))
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
