"""Which side wins a conflict: the later change, core's rule (core/file/merge.py), as `planner merge`.

A field changed on both sides since the last sync, to different values, takes
the value of the side whose document was modified later (`merge.later`): the
plan's document's ``modified`` stamp against the to-do's LAST-MODIFIED. At the
same moment, or for a to-do that says nothing of when it changed, the plan
(the sync decides a whole to-do at once, where a merge compares values).

A plan document without a stamp (written before stamps existed) counts as
modified when the plan file last was (`plan_modified`): never earlier than
the truth, where a merge of two plans counts it older than any stamped change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pendulum

from planner_tui.core.file.merge import THEIRS, later

PLAN, SERVER = "plan", "server"


def later_wins(plan_time: pendulum.DateTime | None, server_time: pendulum.DateTime | None) -> str:
    """`PLAN` or `SERVER`: the side modified later; the plan on a tie or when the server's time is unknown."""
    return SERVER if later(plan_time, server_time) == THEIRS else PLAN


def plan_modified(doc: dict[str, Any] | None, plan_path: Path) -> pendulum.DateTime | None:
    """When a plan document last changed: its ``modified`` stamp, else the file's time."""
    stamp = (doc or {}).get("modified")
    if isinstance(stamp, str):
        try:
            return pendulum.parse(stamp).in_tz("UTC")
        except (ValueError, TypeError):
            pass
    try:
        return pendulum.from_timestamp(os.stat(plan_path).st_mtime)
    except OSError:
        return None
