"""Repeating tactics: the rules people give (`1w`, `weekdays`) and the next deadline.

When a repeating tactic is done, its next occurrence is due one step after the
old deadline, stepped again until it lies after today if the series fell
behind. Month steps follow pendulum: Jan 31 + 1m is Feb 28 (or 29), and the
next occurrence counts from that day.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

import pendulum

from planner_tui.core.dates import When, local_date
from planner_tui.core.errors import InputError

_RULE = re.compile(r"^(?P<n>\d{1,3})(?P<unit>[dwmy])$")
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
WEEKDAYS = "weekdays"
EXAMPLES = "1d, 1w, 2w, 1m, 1y, weekdays"


class RuleError(InputError):
    """A repeat rule that cannot be read."""


def validate_rule(rule: str | None) -> str | None:
    """The rule in its stored form (`2w`), None for no repeat; raises `RuleError`."""
    if rule is None or not rule.strip() or rule.strip().lower() in ("none", "no", "-"):
        return None
    cleaned = rule.strip().lower().replace(" ", "")
    if cleaned in (WEEKDAYS, "weekday"):
        return WEEKDAYS
    aliases = {"daily": "1d", "weekly": "1w", "biweekly": "2w", "monthly": "1m", "yearly": "1y"}
    cleaned = aliases.get(cleaned, cleaned)
    match = _RULE.match(cleaned)
    if not match or int(match["n"]) == 0:
        raise RuleError(f"Cannot read {rule!r} as a repeat rule. Try one of: {EXAMPLES}.")
    return cleaned


def step(when: When, rule: str) -> When:
    """One occurrence later."""
    if rule == WEEKDAYS:
        nxt = when.add(days=1)
        while nxt.isoweekday() > 5:
            nxt = nxt.add(days=1)
        return nxt
    match = _RULE.match(rule)
    if not match:
        raise RuleError(f"Unknown repeat rule {rule!r}.")
    return when.add(**{_UNITS[match["unit"]]: int(match["n"])})


def next_due(due: When | None, rule: str, now: pendulum.DateTime) -> When:
    """The next occurrence's deadline: a step after ``due``, rolled past today.

    A series that fell behind is counted from ``due`` in whole steps, so it keeps
    its day of the month: monthly from Jan 31, done in November, is due Nov 30,
    not the 28th that stepping month by month through February would give.
    """
    start: When = due if due is not None else now.date()
    today = now.date()
    return next(when for when in _occurrences(start, rule) if local_date(when, now) > today)


def _occurrences(start: When, rule: str) -> Iterator[When]:
    """Every deadline after ``start``: the k-th one is k steps from ``start``."""
    if rule == WEEKDAYS:
        current = start
        while True:
            current = step(current, rule)
            yield current
    match = _RULE.match(rule)
    if not match:
        raise RuleError(f"Unknown repeat rule {rule!r}.")
    unit, size = _UNITS[match["unit"]], int(match["n"])
    for k in itertools.count(1):
        yield start.add(**{unit: size * k})
