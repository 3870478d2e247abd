"""A sync folder's conflict copies of the plan, and the common base to merge one with.

A sync tool (Syncthing, Dropbox, Nextcloud) that finds the plan changed on two
devices keeps one version as the plan and saves the other beside it as a
conflict copy (`conflict_copies` knows their names). Git hands a merge its base;
a sync tool does not, so the base comes from the plan's daily backups
(core/file/backups.py), the newest one that both versions descend from
(`descends`): every document it holds is, on each side, deleted since or as it
was or changed later (by its ``modified`` stamp), and each side holds no document
under an id the backup had handed out but did not hold. An older common base
than the last one still merges right: a change made after it on both sides is
the same on both, and one changed again on one side wins by its later stamp.

The undo journal is no source of a base: it holds only the command line's
changes, not the app's, so it cannot rebuild what the file was.

With no common base among the backups (none kept yet, or all newer than where
the copies parted), the merge is two-way, by the stamps alone, and says so.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from planner_tui.core.file import backups
from planner_tui.core.file.merge_report import without_stamp
from planner_tui.core.file.modified import FIELD as MODIFIED, instant
from planner_tui.core.file.plan_copy import Copy, Unreadable, read_copy


def conflict_copies(plan_path: Path) -> list[Path]:
    """The sync tools' conflict copies beside the plan, oldest first: Syncthing's
    ``plan.sync-conflict-20261205-101010-ABCDEFG.json``, Dropbox's
    ``plan (Ana's conflicted copy 2026-12-05).json``, Nextcloud's
    ``plan (conflicted copy 2026-12-05 101010).json``."""
    pattern = re.compile(rf"{re.escape(plan_path.stem)}(?:\.sync-conflict-[0-9A-Za-z-]+"
                         rf"| \([^()/]*conflicted copy[^()/]*\)(?: \(\d+\))?){re.escape(plan_path.suffix)}")
    try:
        entries = [entry for entry in os.scandir(plan_path.parent) if pattern.fullmatch(entry.name)]
    except OSError:
        return []
    found = []
    for entry in entries:
        with contextlib.suppress(OSError):  # a copy the sync tool moved away meanwhile
            if entry.is_file():
                found.append((entry.stat().st_mtime_ns, entry.name))
    return [plan_path.parent / name for _, name in sorted(found)]


def find_base(plan_path: Path, ours: Copy, theirs: Copy) -> tuple[Copy | None, str]:
    """The newest backup both sides descend from, and a sentence saying which (or
    that there was none)."""
    for path in backups.listing(plan_path):
        try:
            candidate = read_copy(path.read_bytes(), path.name)
        except (OSError, Unreadable):
            continue  # a backup that cannot be read is no base
        if candidate is not None and descends(ours, candidate) and descends(theirs, candidate):
            return candidate, f"Common base: the backup {path.name}."
    return None, ("No backup is a common base of the two: merged by the stamps alone. What only one side "
                  "holds is kept (without a base, a delete cannot be told from an add).")


def descends(side: Copy, base: Copy) -> bool:
    """Could ``side`` have come from ``base`` by changes (see the module docstring)?"""
    handed, own = base.handed(), side.handed()
    if any(own.get(table, 0) < count for table, count in handed.items()):
        return False
    for table, docs in side.tables.items():
        was = base.tables.get(table, {})
        limit = handed.get(table, 0)
        for doc_id, doc in docs.items():
            before = was.get(doc_id)
            if before is None:
                if doc_id <= limit:
                    return False  # an id the base had handed out to something it no longer held
                continue
            now, then = instant(doc.get(MODIFIED)), instant(before.get(MODIFIED))
            if now < then or (now == then and without_stamp(doc) != without_stamp(before)):
                return False
    return True
