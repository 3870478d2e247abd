"""One vocabulary for both sides of a sync: a tactic or strategy as an `Item`.

The plan's documents and the server's VTODOs are each read into an `Item`
holding just what syncs (title, status, deadline, notes, repeat rule, parent),
in one normalised form, so that "did this side change it since the last
sync?" is a comparison of two values, and the last agreed value (the *base*,
kept in the sync state) is one of them too.

The normal form is the plan's: a title as `one_line` keeps it, notes as
`many_lines` does, a deadline as the file stores it after `calendar_moment`
(a date, a time in a named zone, or a UTC time), statuses as VTODO names,
no repeat rule on a closed item (a closed occurrence carries no RRULE), the
parent as a UID. What a VTODO holds that a plan cannot (a year past the plan's
range, a repeat rule with no match) is left out and said in ``dropped``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

import pendulum

from planner_tui.core.dates import FIRST_YEAR, LAST_YEAR, as_day, from_iso, out_of_range, to_iso
from planner_tui.core.exchange.vtodo import STRATEGY_STATUS, TACTIC_STATUS, calendar_moment, uid
from planner_tui.core.file.validation import MAX_TITLE
from planner_tui.core.model import Strategy, Tactic
from planner_tui.core.plan import Plan
from planner_tui.core.repeat import from_rrule
from planner_tui.core.user_text import many_lines, one_line

TACTIC, STRATEGY = "tactic", "strategy"
OPEN = frozenset(("NEEDS-ACTION", "IN-PROCESS"))
UNTITLED = "(untitled)"


class Item(NamedTuple):
    """What syncs of one tactic or strategy; ``due`` and ``parent`` as text (ISO, UID)."""

    title: str
    status: str = "NEEDS-ACTION"
    due: str | None = None
    notes: str = ""
    repeat: str | None = None
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        return cls(**{name: data[name] for name in cls._fields if name in data})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class ServerCopy(NamedTuple):
    """One VTODO as read from the server: its `Item` and what the sync needs besides.

    ``modified``: its LAST-MODIFIED (else DTSTAMP), for the conflict rule;
    ``completed``: its COMPLETED time; ``categories`` (for a new task's
    strategy); ``dropped``: what it holds that the plan cannot, said in words.
    """

    uid: str
    item: Item
    modified: pendulum.DateTime | None = None
    completed: pendulum.DateTime | None = None
    categories: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


# -- the plan's side ----------------------------------------------------------------


def plan_items(plan: Plan) -> dict[str, tuple[str, Item]]:
    """Every tactic and strategy by its key (`t42`, `s3`): its kind and `Item`."""
    items: dict[str, tuple[str, Item]] = {}
    for strategy in plan.strategies.values():
        items[strategy.key] = (STRATEGY, strategy_item(plan, strategy))
    for tactic in plan.tactics.values():
        items[tactic.key] = (TACTIC, tactic_item(tactic))
    return items


def tactic_item(tactic: Tactic) -> Item:
    status = TACTIC_STATUS[tactic.status]
    return Item(tactic.title, status, _due_text(tactic.due), tactic.notes,
                tactic.repeat if status in OPEN else None, uid(f"s{tactic.strategy}"))


def strategy_item(plan: Plan, strategy: Strategy) -> Item:
    parent = uid(f"s{strategy.parent}") if strategy.parent in plan.strategies else None
    return Item(strategy.title, STRATEGY_STATUS[strategy.status], _due_text(strategy.horizon),
                strategy.why, None, parent)


def _due_text(when: Any) -> str | None:
    return None if when is None else to_iso(calendar_moment(when))


# -- the server's side --------------------------------------------------------------


def server_copy(component: Any, overrides: list[Any] = ()) -> ServerCopy:
    """A VTODO (an icalendar component) as a `ServerCopy`; ``overrides`` are its
    RECURRENCE-ID instances: one marked completed (jtx Board, OpenTasks) means
    the current occurrence was done."""
    dropped: list[str] = []
    title = one_line(str(component.get("summary", "")))[:MAX_TITLE] or UNTITLED
    status = _status(component)
    if status in OPEN and any(_status(override) == "COMPLETED" for override in overrides):
        status = "COMPLETED"
    repeat = _repeat(component, dropped) if status in OPEN else None
    parent = _parent(component)
    item = Item(title, status, _server_due(component, dropped), many_lines(str(component.get("description", ""))),
                repeat, parent)
    return ServerCopy(str(component.get("uid", "")), item, _stamp(component, "last-modified") or _stamp(component, "dtstamp"),
                      _stamp(component, "completed"), _categories(component), tuple(dropped))


def as_strategy(item: Item) -> Item:
    """A server item read as a strategy: no repeat, a horizon is a day, in progress is active."""
    due = item.due
    if due is not None and len(due) > 10:
        due = as_day(from_iso(due), pendulum.now()).isoformat()
    status = "NEEDS-ACTION" if item.status == "IN-PROCESS" else item.status
    return item._replace(repeat=None, due=due, status=status)


def _status(component: Any) -> str:
    status = str(component.get("status", "")).upper()
    if status in OPEN or status in ("COMPLETED", "CANCELLED"):
        return status
    percent = component.get("percent-complete")
    return "COMPLETED" if "completed" in component or str(percent) == "100" else "NEEDS-ACTION"


def _repeat(component: Any, dropped: list[str]) -> str | None:
    rule = component.get("rrule")
    if rule is None:
        return None
    rule = rule[0] if isinstance(rule, list) else rule
    found = from_rrule(dict(rule))
    if found is None:
        dropped.append(f"its repeat rule {rule.to_ical().decode()} (the plan repeats by 1d, 1w, 2w, 1m, 1y, weekdays)")
    return found


def _parent(component: Any) -> str | None:
    links = component.get("related-to")
    links = [] if links is None else links if isinstance(links, list) else [links]
    for link in links:
        if str(getattr(link, "params", {}).get("RELTYPE", "PARENT")).upper() == "PARENT":
            return str(link)
    return None


def _server_due(component: Any, dropped: list[str]) -> str | None:
    if "due" not in component:
        return None
    try:
        when = component.decoded("due")
    except (ValueError, TypeError):
        dropped.append("its deadline, which could not be read")
        return None
    moment = _pendulum(when)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        dropped.append(f"its deadline ({out_of_range(moment)})")
        return None
    return _due_text(moment)


def _pendulum(when: date | datetime) -> Any:
    """A DUE as pendulum holds it; a floating time is the local wall clock."""
    if isinstance(when, datetime):
        if when.tzinfo is None:
            return pendulum.instance(when, tz=pendulum.local_timezone())
        return pendulum.instance(when)
    return pendulum.Date(when.year, when.month, when.day)


def _stamp(component: Any, name: str) -> pendulum.DateTime | None:
    try:
        value = component.decoded(name) if name in component else None
    except (ValueError, TypeError):
        return None
    if not isinstance(value, datetime):
        return None
    return pendulum.instance(value).in_tz("UTC")  # a floating stamp is read as UTC


def _categories(component: Any) -> tuple[str, ...]:
    found = getattr(component, "categories", None)
    return tuple(str(name) for name in found or ())
