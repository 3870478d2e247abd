"""The command line's undo journal, in a file next to the plan (`plan.json.undo.json`).

`planner undo` runs in a new process, so the changes it can take back must be
written down. They used to live in the plan file's meta, where every
`planner add` grew the file and showed up in `git diff` and in merges of two
copies; the plan file now holds only the plan.

The journal is a convenience, not the plan: a missing or unreadable journal
only means there is nothing to undo. Because it is written after the plan
(and the plan can also change by hand, by git, by a sync tool), an entry is
taken back only while what it did is still what the plan holds, and when taking
it back would not orphan what was added since (`still_applies`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Callable

import orjson

from planner_tui.core.changes import Change, Patch, Put, Remove
from planner_tui.core.storage import DUMP_OPTIONS, atomic_write

DEPTH = 20  # changes kept
# What hangs under a document of a table, by which field: removing the document
# would orphan them. (Check-ins and reviews are history: they outlive what they
# mention, as they outlive a deletion.)
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "strategies": (("strategies", "parent"), ("tactics", "strategy")),
}

Tables = Callable[[str], dict[str, dict[str, Any]]]


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


def still_applies(change: Change, table: Tables) -> bool:
    """May ``change`` be taken back? Only while the plan still holds what it left,
    and when nothing made since hangs under a document it added (a tactic added
    to a strategy since would lose its strategy). ``table(name)`` reads a table as stored."""
    return _holds(change, table) and not _orphans(change, table)


def _holds(change: Change, table: Tables) -> bool:
    """Does every document ``change`` wrote still read as it left it?"""
    expected: dict[tuple[str, int], dict[str, Any] | None] = {}
    for op in change.forward:
        key = (op.table, op.id)
        if isinstance(op, Put):
            expected[key] = dict(op.doc)
        elif isinstance(op, Remove):
            expected[key] = None
        elif isinstance(op, Patch):
            expected[key] = {**(expected.get(key) or {}), **op.fields}
    for (name, doc_id), wanted in expected.items():
        doc = table(name).get(str(doc_id))
        if wanted is None:
            if doc is not None:
                return False
        elif doc is None or any(doc.get(k) != v for k, v in wanted.items()):
            return False
    return True


def _orphans(change: Change, table: Tables) -> bool:
    """Would taking ``change`` back remove a document that another one still names?

    Documents the undo writes itself go back to how they were before the
    change, when what it removes did not exist yet: only the others count.
    """
    last = {(op.table, op.id): op for op in change.inverse}  # what each document ends as
    removed = {key for key, op in last.items() if isinstance(op, Remove)}
    for target, referrers in REFERENCES.items():
        gone = {doc_id for name, doc_id in removed if name == target}
        for name, field in referrers if gone else ():
            if any(doc.get(field) in gone for key, doc in table(name).items() if (name, int(key)) not in last):
                return True
    return False
