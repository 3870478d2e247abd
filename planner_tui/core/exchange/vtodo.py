"""Tactics and strategies as iCalendar to-dos (VTODO), for the .ics export and CalDAV sync.

One builder for both: the export writes a fresh VTODO per open tactic with a
deadline; `planner sync` (core/exchange/sync/) writes every tactic and strategy,
and when the server already holds a copy it edits that copy with `fill_tactic`
or `fill_strategy`, so what the plan does not hold (a phone's alarms, priority,
tags, a repeat rule the plan cannot express) stays as the phone left it.

A tactic names its strategy as its parent (`RELATED-TO;RELTYPE=PARENT`), and a
strategy its parent strategy: apps that show subtasks (Tasks.org, jtx Board,
Thunderbird) show the plan's tree.
"""

from __future__ import annotations

import re
from typing import Any

import pendulum

from planner_tui.core.dates import When, wall_clock_zone
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.plan import Plan
from planner_tui.core.repeat import to_rrule
from planner_tui.core.user_text import visible

UID_DOMAIN = "planner-tui"
TACTIC_STATUS = {TacticStatus.TODO: "NEEDS-ACTION", TacticStatus.DOING: "IN-PROCESS",
                 TacticStatus.DONE: "COMPLETED", TacticStatus.DROPPED: "CANCELLED"}
# A paused strategy is still to do (RFC 5545 has no "on hold"); read back, NEEDS-ACTION is active.
STRATEGY_STATUS = {StrategyStatus.PAUSED: "NEEDS-ACTION", StrategyStatus.ACTIVE: "NEEDS-ACTION",
                   StrategyStatus.ACHIEVED: "COMPLETED", StrategyStatus.DROPPED: "CANCELLED"}
# What `fill_tactic` and `fill_strategy` write: each is replaced as a whole.
OWNED = ("summary", "description", "due", "status", "completed", "percent-complete", "rrule")


def uid(key: str, namespace: str | None = None) -> str:
    """`t42@planner-tui` (or `t42.work@planner-tui`): the same on every export."""
    space = re.sub(r"[^A-Za-z0-9-]+", "-", namespace or "").strip("-")
    return f"{key}.{space}@{UID_DOMAIN}" if space else f"{key}@{UID_DOMAIN}"


def calendar_moment(when: When) -> When:
    """A deadline as the calendar should hold it.

    A date stays a date (`DUE;VALUE=DATE`). A time of day kept in a named zone
    is written in that zone (`DUE;TZID=America/New_York:20261204T090000`, with
    its VTIMEZONE), so calendars show the wall-clock time people chose, on
    either side of a daylight-saving change, in whatever zone they are read.
    A fixed offset (or a year past what a VTIMEZONE covers) is written in UTC,
    which every calendar reads the same way.
    """
    if not isinstance(when, pendulum.DateTime):
        return when
    if wall_clock_zone(when.tzinfo) and when.year < 2037:
        return when
    return when.in_tz("UTC")


def tactic_todo(plan: Plan, tactic: Tactic, stamp: pendulum.DateTime, namespace: str | None = None,
                repeats: bool = False):
    """A new VTODO for ``tactic``, stamped ``stamp`` (UTC); ``repeats``: see `fill_tactic`."""
    todo = _new_todo(uid(tactic.key, namespace), stamp, tactic.created)
    fill_tactic(todo, plan, tactic, stamp, namespace, repeats)
    return todo


def strategy_todo(plan: Plan, strategy: Strategy, stamp: pendulum.DateTime, namespace: str | None = None):
    """A new VTODO for ``strategy``: the parent its tactics' to-dos name."""
    todo = _new_todo(uid(strategy.key, namespace), stamp, strategy.created)
    fill_strategy(todo, plan, strategy, stamp, namespace)
    return todo


def _new_todo(key: str, stamp: pendulum.DateTime, created: pendulum.DateTime | None):
    import icalendar

    todo = icalendar.Todo()
    todo.add("uid", key)
    todo.add("dtstamp", stamp)
    if created is not None:
        todo.add("created", created.in_tz("UTC"))
    return todo


def fill_tactic(todo: Any, plan: Plan, tactic: Tactic, stamp: pendulum.DateTime,
                namespace: str | None = None, repeats: bool = True) -> None:
    """Write the tactic's fields into ``todo`` (a new or a server's VTODO).

    A done tactic gets its COMPLETED time. With ``repeats``, a repeating one
    that is still open gets its RRULE, for phone apps that repeat it (sync);
    a closed occurrence has none: the plan's next occurrence, a tactic of its
    own, carries the series on. The export leaves RRULE out: a subscribed
    calendar would show each later occurrence twice once the plan makes it.
    """
    _clear(todo, OWNED)
    todo.add("summary", visible(tactic.title))
    if tactic.due is not None:
        todo.add("due", calendar_moment(tactic.due))
    todo.add("status", TACTIC_STATUS[tactic.status])
    if tactic.status is TacticStatus.DONE:
        todo.add("completed", (tactic.done_at or stamp).in_tz("UTC"))
        todo.add("percent-complete", 100)
    if repeats and tactic.repeat and tactic.status.is_open:
        todo.add("rrule", to_rrule(tactic.repeat))
    if tactic.notes:
        todo.add("description", visible(tactic.notes, lines=True))
    _set_parent(todo, uid(f"s{tactic.strategy}", namespace) if tactic.strategy in plan.strategies else None)
    _touch(todo, stamp)


def fill_strategy(todo: Any, plan: Plan, strategy: Strategy, stamp: pendulum.DateTime,
                  namespace: str | None = None) -> None:
    """Write the strategy's fields into ``todo``: its title, why, horizon (as DUE) and status."""
    _clear(todo, OWNED)
    todo.add("summary", visible(strategy.title))
    if strategy.horizon is not None:
        todo.add("due", strategy.horizon)
    todo.add("status", STRATEGY_STATUS[strategy.status])
    if strategy.status is StrategyStatus.ACHIEVED:
        todo.add("completed", stamp)
        todo.add("percent-complete", 100)
    if strategy.why:
        todo.add("description", visible(strategy.why, lines=True))
    _set_parent(todo, uid(f"s{strategy.parent}", namespace) if strategy.parent in plan.strategies else None)
    _touch(todo, stamp)


def _clear(todo: Any, names: tuple[str, ...]) -> None:
    for name in names:
        todo.pop(name, None)


def _set_parent(todo: Any, parent: str | None) -> None:
    """Replace the parent link (RELTYPE=PARENT, or none: PARENT is the default);
    other links a phone made (siblings, children) stay."""
    import icalendar

    links = todo.get("related-to")
    links = [] if links is None else links if isinstance(links, list) else [links]
    todo.pop("related-to", None)
    for link in links:
        if str(getattr(link, "params", {}).get("RELTYPE", "PARENT")).upper() != "PARENT":
            todo.add("related-to", link)
    if parent is not None:
        todo.add("related-to", icalendar.vText(parent), parameters={"RELTYPE": "PARENT"})


def _touch(todo: Any, stamp: pendulum.DateTime) -> None:
    """DTSTAMP and LAST-MODIFIED: when this copy was written (the sync's conflict
    rule reads LAST-MODIFIED back)."""
    for name in ("dtstamp", "last-modified"):
        todo.pop(name, None)
        todo.add(name, stamp)
