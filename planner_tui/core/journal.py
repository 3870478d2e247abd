"""The command line's undo journal, in a file next to the plan (`plan.json.undo.json`).

`planner undo` runs in a new process, so the changes it can take back must be
written down. They used to live in the plan file's meta, where every
`planner add` grew the file and showed up in `git diff` and in merges of two
copies; the plan file now holds only the plan.

The journal is a convenience, not the plan: a missing or unreadable journal
only means there is nothing to undo. Because it is written after the plan
(and the plan can also change by hand, by git, by a sync tool), an entry is
taken back only while the plan still allows it: the same rule as the app's undo
(core/integrity.py).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson

from planner_tui.core.storage import DUMP_OPTIONS, atomic_write

DEPTH = 20  # changes kept


def journal_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".undo.json")


def read(plan_path: Path) -> list[dict[str, Any]]:
    """The journaled changes, oldest first; [] when there is no readable journal."""
    try:
        entries = orjson.loads(journal_path(plan_path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return []
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def write(plan_path: Path, entries: list[dict[str, Any]]) -> None:
    """Keep the newest `DEPTH` entries (atomically; an empty journal is removed)."""
    path = journal_path(plan_path)
    if not entries:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    atomic_write(path, orjson.dumps(entries[-DEPTH:], option=DUMP_OPTIONS))
