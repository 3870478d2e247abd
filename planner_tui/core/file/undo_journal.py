"""The command line's undo journal, in a file next to the plan (`plan.json.undo.json`).

`planner undo` runs in a new process, so the changes it can take back must be
written down. They used to live in the plan file's meta, where every
`planner add` grew the file and showed up in `git diff` and in merges of two
copies; the plan file now holds only the plan.

The journal is a convenience, not the plan: a missing journal only means
there is nothing to undo, and a broken one is set aside with a warning
(core/file/side_files.py) rather than stopping `planner undo`. Because it is written after the plan
(and the plan can also change by hand, by git, by a sync tool), an entry is
taken back only while the plan still allows it: the same rule as the app's undo
(core/file/integrity.py).

A change too big to keep (an import of thousands of documents would put a second
copy of the plan here) is written down as a marker without its contents, so that
`planner undo` after it says it cannot take it back, instead of silently taking
back the older change behind it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Callable

import orjson

from planner_tui.core.file import side_files
from planner_tui.core.file.changes import Change
from planner_tui.core.file.storage import DUMP_OPTIONS

DEPTH = 20  # changes kept
LIMIT = 2000  # documents one change may write and still be kept whole
OPS = {"put": "doc", "patch": "fields", "remove": None}  # each kind of change, and what it carries


def journal_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".undo.json")


def read(plan_path: Path, warn: Callable[[str], None] = lambda message: None) -> list[dict[str, Any]]:
    """The journaled changes, oldest first; [] when there is no journal.

    A journal that cannot be used, even in one entry, is set aside (renamed
    beside it) and ``warn`` is told: a bad entry would otherwise stop
    `planner undo` for good, since it is always the next one to take back.
    """
    entries = side_files.load(journal_path(plan_path), plan_path, _entries, "The undo journal",
                              "`planner undo` starts afresh from the next change", warn)
    return entries or []


def _entries(raw: bytes) -> list[dict[str, Any]]:
    """Every entry, checked to be a change `Store.pop_journal` can read; ValueError otherwise."""
    entries = orjson.loads(raw)
    if not isinstance(entries, list):
        raise ValueError("it is not a list of changes")
    for number, entry in enumerate(entries, 1):
        problem = _malformed(entry)
        if problem:
            raise ValueError(f"change {number} of {len(entries)} {problem}")
    return entries


def _malformed(entry: Any) -> str | None:
    """What is wrong with one journal entry, or None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
        return "has no label"
    if "too_big" in entry:
        return None if (too_big(entry) or 0) > 0 else "has a malformed 'too_big' size"
    for side in ("forward", "inverse"):
        ops = entry.get(side)
        if not isinstance(ops, list) or not all(_is_op(op) for op in ops):
            return f"has a malformed {side!r} list"
    return None


def _is_op(op: Any) -> bool:
    if not isinstance(op, dict) or op.get("op") not in OPS or not isinstance(op.get("table"), str):
        return False
    carries = OPS[op["op"]]
    doc_id = op.get("id")
    return (isinstance(doc_id, int) and not isinstance(doc_id, bool) and doc_id > 0
            and (carries is None or isinstance(op.get(carries), dict)))


def entry(change: Change) -> dict[str, Any]:
    """What the journal keeps of a change: the change, or a marker when it is too big."""
    return change.to_json() if fits(change) else {"label": change.label, "too_big": len(change.forward)}


def fits(change: Change) -> bool:
    return len(change.forward) <= LIMIT


def too_big_reason(size: int) -> str:
    """Why a change of ``size`` documents cannot be undone, for every message that says so."""
    return f"it changed {size:,} documents, more than the undo journal keeps ({LIMIT:,})"


def too_big(entry: dict[str, Any]) -> int | None:
    """For a marker, how many documents its change wrote; None for a change kept whole."""
    size = entry.get("too_big")
    return size if isinstance(size, int) and not isinstance(size, bool) else None


def write(plan_path: Path, entries: list[dict[str, Any]]) -> None:
    """Keep the newest `DEPTH` entries (atomically; an empty journal is removed)."""
    path = journal_path(plan_path)
    if not entries:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    side_files.write(path, orjson.dumps(entries[-DEPTH:], option=DUMP_OPTIONS), plan_path)
