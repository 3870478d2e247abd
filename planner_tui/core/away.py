"""Time away: days the check-in streak steps over (a holiday, a week ill).

Kept in the plan (the ``away`` table), so every copy of the plan and every
machine agrees on the streak; the settings' rest days are the other half
(core/streak.py). `planner away FROM..TO` adds one, `--cancel a2` removes one,
both through here, journaled for `planner undo`.
"""

from __future__ import annotations

from pendulum import Date, DateTime

from planner_tui.core.dates import as_day, parse_when
from planner_tui.core.errors import InputError
from planner_tui.core.file.changes import Change
from planner_tui.core.file.store import Store
from planner_tui.core.model import Away
from planner_tui.core.plan import Plan
from planner_tui.core.user_text import one_line

SEPARATOR = ".."


def parse_range(text: str, now: DateTime, week_start: int = 0) -> tuple[Date, Date]:
    """`2026-12-20..2027-01-03`, `fri..+2w`, or one day (`tomorrow`); both ends included,
    each read by `parse_when` from today."""
    first, separator, last = text.partition(SEPARATOR)
    start = as_day(parse_when(first, now, week_start), now)
    end = as_day(parse_when(last, now, week_start), now) if separator else start
    if end < start:
        raise InputError(f"{text.strip()!r} ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    return start, end


def add_away(store: Store, start: Date, end: Date, note: str = "", journal: bool = False) -> Change:
    """Days away from ``start`` to ``end``; its id is ``change.new_ids[0]``."""
    if end < start:
        raise InputError(f"Time away ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    with store.transaction(f"away {start.isoformat()}..{end.isoformat()}", journal) as tx:
        tx.insert("away", {"start": start.isoformat(), "end": end.isoformat(), "note": one_line(note)})
    return tx.change


def cancel_away(store: Store, away_id: int, journal: bool = False) -> Change:
    """Take a time away out of the plan (its days count for the streak again)."""
    with store.transaction(f"cancel away a{away_id}", journal) as tx:
        if away_id not in tx.store.plan.away:
            raise InputError(f"No time away a{away_id} in the plan (see `planner away`). Nothing was changed.")
        tx.remove("away", away_id)
    return tx.change


def find_away(plan: Plan, text: str) -> Away:
    """By id (`a2`)."""
    key = text.strip().lower()
    if key.startswith("a") and key[1:].isdigit() and int(key[1:]) in plan.away:
        return plan.away[int(key[1:])]
    raise InputError(f"No time away {text.strip()!r}: give an id like a2 (see `planner away`).")


def listing(plan: Plan) -> list[Away]:
    """Every time away, earliest first."""
    return sorted(plan.away.values(), key=lambda away: (away.start, away.end, away.id))
