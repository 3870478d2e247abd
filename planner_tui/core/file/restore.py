"""`planner restore`: put a backup back in place of the plan.

For a plan file that was emptied (a truncation, a sync tool's placeholder: the
store refuses it) or a plan that went wrong. The backup is checked like an
import (core/exchange/importing.py) and written in one transaction with its own ids,
so `planner undo` takes a restore back when it is small enough for the journal.
The file as it was is kept in the backups first, even an empty one.

Ids never go backwards: the counters end at least at the highest id any backup
or the undo journal has seen, so the next `add` never hands out an id that
something on disk still means.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Callable

from planner_tui.core.file import backups

from planner_tui.core.exchange import importing
from planner_tui.core.file import undo_journal
from planner_tui.core.errors import InputError
from planner_tui.core.file.store import ID_TABLES, META_ID, Store


def choose(plan_path: Path, day: str | None = None) -> Path:
    """The newest backup holding a plan, or the daily backup of ``day`` (YYYY-MM-DD)."""
    if day is None:
        newest = backups.newest_with_plan(plan_path)
        if newest is None:
            folder = backups.backup_folder(plan_path)
            if not folder.is_dir():  # never name a folder that is not there
                raise InputError(f"Nothing to restore: no backup of {plan_path} has been kept yet.")
            raise InputError(f"Nothing to restore: {folder}/ holds no backup with anything in it.")
        return newest
    try:
        date = datetime.date.fromisoformat(day.strip())
    except ValueError:
        raise InputError(f"DATE must be a day like 2026-11-27, not {day!r}. {_days_kept(plan_path)}") from None
    path = backups.daily_path(plan_path, date)
    if path not in backups.listing(plan_path):
        raise InputError(f"There is no backup of {date.isoformat()}. {_days_kept(plan_path)}")
    return path


def _days_kept(plan_path: Path) -> str:
    prefix, suffix = plan_path.stem + "-", plan_path.suffix
    days = sorted(p.name[len(prefix):-len(suffix)] for p in backups.listing(plan_path)
                  if p.name.startswith(prefix))
    if not days:
        return "There are no daily backups."
    return f"Daily backups are kept of {', '.join(days)}; `planner restore` without a date takes the newest."


def restore(store: Store, source: Path, journal: bool = False) -> importing.ImportResult:
    """Make the plan the backup's (same ids); the file as it was is kept first (the result's ``backup``).

    `InputError` when the backup cannot be used; nothing is written then.
    """
    try:
        snapshot = importing.read_json(source.read_bytes())
    except OSError as error:
        raise InputError(f"Cannot read the backup {source}: {error.strerror or error}.") from None
    except InputError as error:
        raise InputError(f"The backup {source} cannot be used. {error}") from None
    seen = seen_ids(store.path, store.warnings.append)
    kept = None
    with store.transaction(f"restore {source.name}", journal) as tx:
        if store.path.exists():
            kept = backups.keep_copy(store.path, backups.copy_name(store.path, "before-restore", store.clock()))
        importing.replace_plan(tx, snapshot, seen)
    journaled = journal and undo_journal.fits(tx.change)
    return importing.ImportResult(tx.change, "restore", snapshot.count(), kept, journaled)


def seen_ids(plan_path: Path, warn: Callable[[str], None]) -> dict[str, int]:
    """The highest id of each table in any backup (documents and counters) or journal entry."""
    seen: dict[str, int] = {}

    def saw(table: Any, doc_id: Any) -> None:
        if table in ID_TABLES and isinstance(doc_id, int) and not isinstance(doc_id, bool):
            seen[table] = max(seen.get(table, 0), doc_id)

    for path in backups.listing(plan_path):
        tables = backups.tables_in(path)
        for name in ID_TABLES:
            for key in _documents(tables, name):
                saw(name, int(key) if str(key).isdigit() else None)
        counters = _documents(_documents(tables, "meta").get(str(META_ID)), "ids")
        for name, highest in counters.items():
            saw(name, highest)
    for entry in undo_journal.read(plan_path, warn):
        for op in entry.get("forward", []) + entry.get("inverse", []):  # (a marker of a big change has none)
            saw(op["table"], op["id"])
    return seen


def _documents(container: Any, key: str) -> dict[str, Any]:
    """``container[key]`` when both are objects, else {}: backups may be hand-edited."""
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, dict) else {}
