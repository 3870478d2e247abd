"""A separate process writing to a plan file through Store (used by test_concurrency.py).

    python writer.py PLAN TAG ADDS READY_FILE GO_FILE [DONE_ID ...]

Waits until GO_FILE exists (after creating READY_FILE), then makes ADDS
commits, each adding the tactic "TAG-i" and, while DONE_IDs are left, marking
the next of them done, with a pause of up to 3 ms between commits (as people
and scripts leave; without it one process can win the lock over and over and
the commits would not interleave). Prints the ids it was given as JSON.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pendulum

from planner_tui.core.file.store import Store

NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz="UTC")


def main() -> None:
    path, tag, adds, ready, go, *done = sys.argv[1:]
    store = Store(path, clock=lambda: NOW)
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.001)
    ids, to_finish = [], [int(d) for d in done]
    for number in range(int(adds)):
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
