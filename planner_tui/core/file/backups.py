"""The plan's backups: the file as it was each day, and copies kept before big changes.

They live in ``plan.json.backups/`` beside the plan, a side folder
(core/file/side_files.py): a real folder of the plan's owner, the copies no more
readable than the plan. The daily ones are ``plan-2026-11-28.json`` (the last
`KEEP_DAILY` days); a copy kept before an import, a migration or a restore is
``plan.before-import-20261128-103000.json`` or ``plan.schema1.json``, and is
never pruned. `planner restore` (core/file/restore.py) puts one back.
"""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path
from typing import Any

import orjson
import pendulum

from planner_tui.core.file import side_files

KEEP_DAILY = 7
FOLDER = "the backups folder"


def backup_folder(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".backups")


def daily_path(plan_path: Path, day: datetime.date) -> Path:
    return backup_folder(plan_path) / f"{plan_path.stem}-{day.isoformat()}{plan_path.suffix}"


def keep_copy(plan_path: Path, name: str, payload: bytes | None = None) -> Path:
    """Copy the plan file (or ``payload``, its bytes) to ``name`` in the backups folder."""
    folder = side_files.folder(backup_folder(plan_path), plan_path, FOLDER)
    target = folder / name
    side_files.write(target, plan_path.read_bytes() if payload is None else payload, plan_path)
    return target


def copy_name(plan_path: Path, label: str, when: pendulum.DateTime) -> str:
    """``plan.before-import-20261128-103000.json``: a copy that the daily pruning leaves alone."""
    return f"{plan_path.stem}.{label}-{when.in_tz('UTC').format('YYYYMMDD-HHmmss')}{plan_path.suffix}"


def keep_daily(plan_path: Path, day: datetime.date) -> None:
    """Keep the file as it was before the day's first change (the last few days).

    An empty file is not kept: it would push a real day out of the last few.
    """
    target = daily_path(plan_path, day)
    if _is_file(target) or not _is_file(plan_path):
        return
    payload = plan_path.read_bytes()
    if not payload or payload.isspace():
        return
    keep_copy(plan_path, target.name, payload)
    for old in sorted(target.parent.glob(f"{plan_path.stem}-*{plan_path.suffix}"))[:-KEEP_DAILY]:
        old.unlink()


def _is_file(path: Path) -> bool:
    """A regular file there, not a link (a planted link is written over, not trusted)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def listing(plan_path: Path) -> list[Path]:
    """The backups, newest first: regular files of the plan's owner, in a real folder."""
    folder = backup_folder(plan_path)
    if folder.is_symlink():
        return []
    owners = side_files.owners(plan_path)
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _is_backup_name(plan_path, entry.name) and entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    if info.st_uid in owners:
                        found.append((info.st_mtime_ns, entry.name))
    except OSError:
        return []
    return [folder / name for _, name in sorted(found, reverse=True)]


def told(plan_path: Path) -> str:
    """Where the backups are, for a message: a folder only when it holds one (an error
    must not send a person looking for a path that does not exist), and its newest."""
    found = listing(plan_path)
    if not found:
        return "No backup of it has been kept yet."
    return f"Backups are in {backup_folder(plan_path)}/ (the newest is {found[0].name})."


def _is_backup_name(plan_path: Path, name: str) -> bool:
    return name.endswith(plan_path.suffix) and name.startswith((plan_path.stem + "-", plan_path.stem + "."))


def newest_with_plan(plan_path: Path) -> Path | None:
    """The newest backup that holds any strategy, tactic, check-in or review."""
    for path in listing(plan_path):
        if holds_plan(tables_in(path)):
            return path
    return None


def tables_in(path: Path) -> dict[str, Any]:
    """A backup's tables; {} when it cannot be read as a plan file."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def holds_plan(tables: dict[str, Any]) -> bool:
    return any(isinstance(docs, dict) and docs for name, docs in tables.items() if name != "meta")
