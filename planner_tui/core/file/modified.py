"""When each document was last changed: the ``modified`` stamp that merging decides by.

Two copies of a plan changed apart (git branches, a sync folder's conflict copy,
a phone through CalDAV) are merged field by field (core/file/merge.py); where
both changed the same field, the later change wins. So every write records,
per document, when it was made: `Transaction.insert` and `Transaction.update`
stamp ``modified`` (the store's clock, ISO with its offset, like ``created``),
in one place (core/file/store.py), for every table but ``meta``.

What a write puts back as it was is not a new change, and keeps the stamp it
carries: an undo, a redo, a restore or a merge applies stored documents
(`Transaction.apply`), so undoing a change gives the file back byte for byte,
its stamps included. Two refinements keep that exact:

- an undo of a document's first stamp (a document written before stamps
  existed) removes the stamp again rather than writing ``"modified": null``:
  the stamp is a sparse field (core/file/validation.py SPARSE), null is none;
- a document changed again since, elsewhere (another field: the undo is still
  allowed, core/file/integrity.py), keeps its later stamp (`kept_on_undo`): the
  document still holds that later change.

A document without a stamp (an older file, a hand edit) counts as changed
before any stamped change (`instant`).
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any, Callable

from planner_tui.core.dates import parse_stored_stamp
from planner_tui.core.file.changes import Change, Op, Patch, Put

FIELD = "modified"
UNSTAMPED_TABLES = frozenset({"meta"})  # not a document of the plan: the file's own bookkeeping

Tables = Callable[[str], dict[str, dict[str, Any]]]  # a table as stored: documents by id as text


def instant(stamp: Any) -> float:
    """A stamp (as stored, or a datetime) as seconds since the epoch, comparable
    across zones; minus infinity for none (or one that cannot be read): older than
    any stamped change."""
    if isinstance(stamp, datetime):
        moment = stamp
    elif not isinstance(stamp, str) or not stamp:
        return -math.inf
    else:
        try:
            moment = parse_stored_stamp(stamp)
        except ValueError:
            return -math.inf
    if moment.tzinfo is None:  # naive stamps are UTC, as everywhere in the file (dates.datetime_from_iso)
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def stamp_of(doc: dict[str, Any] | None) -> Any:
    return None if doc is None else doc.get(FIELD)


def kept_on_undo(change: Change, table: Tables) -> list[Op]:
    """The ops that take ``change`` back: its inverse, except that a document whose
    stamp is no longer the one ``change`` left keeps the stamp it has now."""
    left = _stamps_left(change.forward)
    ops = []
    for op in change.inverse:
        key = (op.table, op.id)
        current = table(op.table).get(str(op.id)) if key in left else None
        if current is not None and current.get(FIELD) != left[key]:
            op = _restamped(op, current.get(FIELD))
        ops.append(op)
    return ops


def _stamps_left(ops: list[Op]) -> dict[tuple[str, int], Any]:
    """The stamp each document that ``ops`` stamped was left with."""
    left: dict[tuple[str, int], Any] = {}
    for op in ops:
        written = op.doc if isinstance(op, Put) else op.fields if isinstance(op, Patch) else {}
        if FIELD in written:
            left[(op.table, op.id)] = written[FIELD]
    return left


def _restamped(op: Op, stamp: Any) -> Op:
    if isinstance(op, Put):
        return Put(op.table, op.id, {**op.doc, FIELD: stamp})
    if isinstance(op, Patch):
        return Patch(op.table, op.id, {**op.fields, FIELD: stamp})
    return op
