"""`planner merge`'s two jobs: three files into one (git's merge driver), and a sync
folder's conflict copy into the plan.

Three files (`merge_files`) are git's: the base, ours and theirs, temporary files
git made; the result is written over ours (`write_merged`, atomically, nothing
beside it: no lock, backup or journal next to git's temporary file).

A conflict copy (`merge_copy`) goes into the plan through the store: under the
plan's lock, re-read, written in one transaction, journaled so that `planner
undo` takes the merge back (a merge too big for the journal is refused by undo,
and a copy of the plan as it was is kept in the backups folder instead, as an
import does). The base comes from the backups (core/file/merge_base.py). The
conflict copy is left where it is unless asked to remove it: a second merge of
it changes nothing (core/file/renumber.py matches what the first one added).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planner_tui.core.file import backups, merge_base, undo_journal
from planner_tui.core.file.changes import Change, Put, Remove
from planner_tui.core.file.merge_report import Report
from planner_tui.core.file.plan_copy import Copy, Unreadable, read_copy
from planner_tui.core.file.storage import atomic_write
from planner_tui.core.file.store import Store, Transaction
from planner_tui.core.file.three_way import merge

GIT_SIDES = ("ours", "theirs")
COPY_SIDES = ("the plan", "the copy")


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Unreadable(f"Cannot read {path}: {error.strerror or error}.") from None


def merge_files(base: Path, ours: Path, theirs: Path) -> tuple[Copy, Report]:
    """Merge three plan files (an empty base, as git gives when there is none: a two-way merge)."""
    base_copy = read_copy(read_file(base), str(base))
    ours_copy = read_copy(read_file(ours), str(ours)) or Copy({})
    theirs_copy = read_copy(read_file(theirs), str(theirs)) or Copy({})
    told = "" if base_copy is not None else ("No common base: merged by the stamps alone. What only one side "
                                             "holds is kept (without a base, a delete cannot be told from an add).")
    return merge(base_copy, ours_copy, theirs_copy, Report(GIT_SIDES, base=told))


def write_merged(path: Path, merged: Copy) -> None:
    """The merged plan over ``path``, atomically, its permissions kept."""
    atomic_write(path, merged.dumps())


@dataclass
class CopyMerged:
    """What merging a conflict copy into the plan did."""

    change: Change
    report: Report
    journaled: bool  # `planner undo` takes it back
    backup: Path | None = None  # the plan as it was, kept when the journal cannot hold the merge
    removed: bool = False  # the conflict copy was deleted


def merge_copy(store: Store, copy_path: Path, journal: bool = True, remove: bool = False) -> CopyMerged:
    """Merge ``copy_path`` into the store's plan (see the module docstring);
    `Unreadable` (nothing written) when the copy is not a plan this program can use."""
    if os.path.realpath(copy_path) == str(store.path):
        raise Unreadable(f"{copy_path} is the plan file itself; name its conflict copy.")
    theirs = read_copy(read_file(copy_path), str(copy_path)) or Copy({})
    backup = None
    with store.transaction(f"merge {copy_path.name}", journal) as tx:
        ours = _stored(tx)
        base, told = merge_base.find_base(store.path, ours, theirs)
        merged, report = merge(base, ours, theirs, Report(COPY_SIDES, base=told))
        _write_difference(tx, ours, merged)
        if journal and tx.change and not undo_journal.fits(tx.change) and store.path.exists():
            backup = backups.keep_copy(store.path, backups.copy_name(store.path, "before-merge", store.clock()))
    if remove:
        copy_path.unlink()
    return CopyMerged(tx.change, report, journal and undo_journal.fits(tx.change), backup, remove)


def _stored(tx: Transaction) -> Copy:
    """The plan as the transaction holds it (the file under the lock)."""
    data = tx.store.storage.read() or {}
    tables = {table: {int(key): doc for key, doc in docs.items()} for table, docs in data.items() if table != "meta"}
    return Copy(tables, tx.meta())


def _write_difference(tx: Transaction, ours: Copy, merged: Copy) -> None:
    """Write what the merge changed: whole documents, put back as they are (their
    stamps kept: a merge is no new change), and the id counters."""
    for table in sorted({*ours.tables, *merged.tables}):
        before, after = ours.tables.get(table, {}), merged.tables.get(table, {})
        for doc_id in sorted({*before, *after}):
            doc = after.get(doc_id)
            if doc is None:
                tx.apply(Remove(table, doc_id))
            elif before.get(doc_id) != doc:
                tx.apply(Put(table, doc_id, doc))
    if tx.change and merged.meta.get("ids") != tx.meta().get("ids"):
        tx.set_meta(ids=merged.meta["ids"])
