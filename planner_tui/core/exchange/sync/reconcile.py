"""What a sync does with one to-do: a three-way decision from the plan, the server and the base.

Pure: no file, no network. For each UID it compares the plan's `Item`, the
server's, and the base (what both last agreed on):

- a field changed on one side only is taken from that side;
- changed on both sides to different values: the conflict rule (rule.py),
  said in the report;
- deleted on one side and unchanged on the other: deleted on both; deleted
  against an edit: the edit is kept (put back on the side that deleted it),
  as `planner merge` does;
- new on one side: made on the other; a task new on the server becomes a
  tactic (core/exchange/sync/plan_side.py finds its strategy).

Some fields go one way only, because the plan cannot take the server's value:
a strategy's place in the tree, a tactic's parent that is not a strategy
(tasks do not nest in a plan), and strategies themselves (one deleted on a
phone is put back: a goal and everything under it is not deleted by a tap).

A repeating tactic whose deadline moved forward on the server by whole steps
of its rule, rule unchanged, was ticked off in an app that keeps one to-do per
series (Tasks.org moves DUE to the next occurrence): that occurrence is done,
and the plan's next one takes the new deadline (``occurrence_done``).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import pendulum

from planner_tui.core.dates import from_iso, to_iso
from planner_tui.core.exchange.sync.items import STRATEGY, TACTIC, Item, ServerCopy, as_strategy
from planner_tui.core.exchange.sync.rule import PLAN, later_wins
from planner_tui.core.exchange.vtodo import calendar_moment
from planner_tui.core.repeat import step

STEP_LIMIT = 1000  # occurrences a phone may have skipped ahead, at most, to count as ticked off


class Side(NamedTuple):
    """Everything known about one UID before deciding."""

    uid: str
    key: str | None  # the plan key it stands for; None for a task new on the server
    kind: str
    plan: Item | None
    base: Item | None
    server: Item | None  # as the server holds it now (the base when unchanged); None when not there
    copy: ServerCopy | None = None  # read this time
    plan_time: pendulum.DateTime | None = None


class Decision(NamedTuple):
    """What to do with one UID: ``result`` is what both sides should hold (None: neither)."""

    side: Side
    result: Item | None
    to_plan: bool
    to_server: bool
    occurrence_done: bool = False
    notes: tuple[str, ...] = ()


def decide(side: Side, parent_ok: Callable[[str | None], bool]) -> Decision:
    """The decision for one UID; ``parent_ok`` says whether a parent UID names a strategy of the plan."""
    if side.kind == STRATEGY and side.server is not None:
        side = side._replace(server=as_strategy(side.server))
    plan, base, server = side.plan, side.base, side.server
    if plan is None and server is None:
        return Decision(side, None, False, False)
    if plan is None:
        return _missing_in_plan(side)
    if server is None:
        return _missing_on_server(side)
    result, notes = _merge(side, parent_ok)
    if base is not None and _occurrence_done(plan, base, server):
        return Decision(side, result, True, False, occurrence_done=True, notes=tuple(notes))
    return Decision(side, result, result != plan, result != server, notes=tuple(notes))


def _missing_in_plan(side: Side) -> Decision:
    """On the server only: new there, deleted in the plan, or deleted here against an edit there."""
    if side.base is None:
        return Decision(side, side.server, True, False)  # new on the server (or the state was lost)
    if side.server == side.base:
        return Decision(side, None, False, True)
    return Decision(side, side.server, True, False,
                    notes=(f"{_name(side)}: deleted in the plan but changed on the server; the change is kept.",))


def _missing_on_server(side: Side) -> Decision:
    """In the plan only: new there, deleted on the server, or deleted there against an edit here."""
    if side.base is None:
        return Decision(side, side.plan, False, True)
    if side.kind == STRATEGY:
        return Decision(side, side.plan, False, True, notes=(
            f"{_name(side)}: deleted on the server; a strategy is deleted in the plan only, so it was put back.",))
    if side.plan == side.base:
        return Decision(side, None, True, False)
    return Decision(side, side.plan, False, True,
                    notes=(f"{_name(side)}: deleted on the server but changed in the plan; the change is kept.",))


def _merge(side: Side, parent_ok: Callable[[str | None], bool]) -> tuple[Item, list[str]]:
    """Field by field; with no base (a first sync, a lost state) every difference is a conflict."""
    plan, server = side.plan, side.server
    base = side.base
    merged: dict[str, object] = {}
    notes: list[str] = []
    winner = None
    for name in Item._fields:
        mine, theirs = getattr(plan, name), getattr(server, name)
        was = getattr(base, name) if base is not None else object()
        if mine == theirs or theirs == was or not _server_may_set(side, name, theirs, parent_ok):
            merged[name] = mine
        elif mine == was:
            merged[name] = theirs
        else:
            winner = winner or later_wins(side.plan_time, side.copy.modified if side.copy else None)
            merged[name] = mine if winner == PLAN else theirs
            if base is not None:
                notes.append(_conflict_note(side, name, mine, theirs, winner))
    result = Item(**merged)
    if not result.is_open:
        result = result._replace(repeat=None)
    return result, notes


def _server_may_set(side: Side, name: str, value: object, parent_ok: Callable[[str | None], bool]) -> bool:
    if name != "parent":
        return True
    return side.kind == TACTIC and parent_ok(value)  # type: ignore[arg-type]


def _conflict_note(side: Side, name: str, mine: object, theirs: object, winner: str) -> str:
    kept, lost = (mine, theirs) if winner == PLAN else (theirs, mine)
    where = "the plan" if winner == PLAN else "the server"
    return (f"{_name(side)}: {name} changed on both sides; {where}'s change is later and kept "
            f"({_shown(kept)}, not {_shown(lost)}).")


def _shown(value: object) -> str:
    if value is None:
        return "none"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _name(side: Side) -> str:
    item = side.plan or side.server or side.base
    title = item.title if item is not None else ""
    return f"{side.key or side.uid} {title!r}"


def _occurrence_done(plan: Item, base: Item, server: Item) -> bool:
    """A repeating tactic ticked off in an app that moves DUE to the next occurrence."""
    rule = base.repeat
    if not rule or not (plan.repeat == server.repeat == rule) or not (plan.is_open and server.is_open):
        return False
    if plan.due != base.due or base.due is None or server.due is None or server.due == base.due:
        return False
    when, target = from_iso(base.due), server.due
    for _ in range(STEP_LIMIT):
        when = step(when, rule)
        text = to_iso(calendar_moment(when))
        if text == target:
            return True
        if text > target and len(text) == len(target):  # past it (the same form compares in order)
            return False
    return False


# -- words for the report -----------------------------------------------------------


def what_changed(old: Item | None, new: Item | None) -> str:
    """`done`, `renamed, rescheduled`, `new`, `deleted`: what became of an item, in words."""
    if old is None:
        return "new"
    if new is None:
        return "deleted"
    words = []
    if new.status != old.status:
        words.append(_STATUS_WORDS.get(new.status, new.status.lower()) if new.status != "NEEDS-ACTION"
                     else "reopened" if old.status in ("COMPLETED", "CANCELLED") else "back to todo")
    for name, word in (("title", "renamed"), ("due", "rescheduled"), ("notes", "notes edited"),
                       ("repeat", "repeat changed"), ("parent", "moved")):
        if getattr(new, name) != getattr(old, name) and not (name == "repeat" and not new.is_open):
            words.append(word)
    return ", ".join(words) or "unchanged"


_STATUS_WORDS = {"COMPLETED": "done", "CANCELLED": "dropped", "IN-PROCESS": "started"}
