"""Which side wins a conflict: the later change (the same rule as `planner merge`).

A field changed on both sides since the last sync, to different values, takes
the value of the side whose document was modified later: the plan's
document's ``modified`` stamp against the to-do's LAST-MODIFIED. A tie, or a
to-do that says nothing of when it changed, goes to the plan.

`planner merge` brings per-document ``modified`` stamps and this rule to
core; until they land, a document without a stamp counts as modified when
the plan file last was (`plan_modified`): never earlier than the truth.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pendulum

PLAN, SERVER = "plan", "server"


def later_wins(plan_time: pendulum.DateTime | None, server_time: pendulum.DateTime | None) -> str:
    """`PLAN` or `SERVER`: the side modified later; the plan on a tie or when the server's time is unknown."""
    if server_time is None or plan_time is not None and plan_time >= server_time:
        return PLAN
    return SERVER


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
