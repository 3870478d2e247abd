"""Repeating tactics: the rules people give (`1w`, `weekdays`) and the next deadline.

When a repeating tactic is done, its next occurrence is due one step after the
old deadline, stepped again until it lies after today if the series fell
behind. Month steps follow pendulum: Jan 31 + 1m is Feb 28 (or 29), and the
next occurrence counts from that day.

Calendars (CalDAV sync, the .ics export) hold the same rules as an RFC 5545
RRULE: `to_rrule` and `from_rrule` translate, and a rule the plan cannot hold
(a count, an end date, "the second Tuesday") reads as None.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

import pendulum

from planner_tui.core.dates import LAST_DAY, When, local_date
from planner_tui.core.errors import InputError

_RULE = re.compile(r"^(?P<n>\d{1,3})(?P<unit>[dwmy])$")
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
_LONGEST_DAYS = {"d": 1, "w": 7, "m": 31, "y": 366}
_FREQUENCIES = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY", "y": "YEARLY"}
_WORK_DAYS = ("MO", "TU", "WE", "TH", "FR")  # the most days one step of a unit can be
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


def next_due(due: When | None, rule: str, now: pendulum.DateTime) -> When | None:
    """The next occurrence's deadline: a step after ``due``, rolled past today;
    None when that is after the last day a plan holds (`LAST_DAY`): the series ends.

    A series that fell behind is counted from ``due`` in whole steps, so it keeps
    its day of the month: monthly from Jan 31, done in November, is due Nov 30,
    not the 28th that stepping month by month through February would give.
    It starts close to today rather than stepping through every missed
    occurrence, so a daily series due in 1900 costs no more than one due last week.
    """
    start: When = due if due is not None else now.date()
    today = now.date()
    behind = max(0, (today - local_date(start, now)).days)
    when = next(when for when in _occurrences(start, rule, behind) if local_date(when, now) > today)
    return when if local_date(when, now) <= LAST_DAY else None


def _occurrences(start: When, rule: str, behind: int) -> Iterator[When]:
    """Deadlines after ``start``: the k-th one is k steps from ``start``, beginning
    with the last k that cannot yet be past today (``behind`` days from ``start``)."""
    if rule == WEEKDAYS:
        current = start.add(weeks=max(0, behind // 7 - 1))  # whole weeks keep the weekday
        while True:
            current = step(current, rule)
            yield current
    match = _RULE.match(rule)
    if not match:
        raise RuleError(f"Unknown repeat rule {rule!r}.")
    unit, size = _UNITS[match["unit"]], int(match["n"])
    longest = _LONGEST_DAYS[match["unit"]] * size  # no k-th step lands before k * shortest
    for k in itertools.count(max(1, behind // longest)):
        yield start.add(**{unit: size * k})


def to_rrule(rule: str) -> dict[str, object]:
    """A stored rule as an RRULE's parts (`2w` -> FREQ=WEEKLY;INTERVAL=2), for icalendar."""
    if rule == WEEKDAYS:
        return {"FREQ": "WEEKLY", "BYDAY": list(_WORK_DAYS)}
    match = _RULE.match(rule)
    if not match:
        raise RuleError(f"Unknown repeat rule {rule!r}.")
    parts: dict[str, object] = {"FREQ": _FREQUENCIES[match["unit"]]}
    if int(match["n"]) > 1:
        parts["INTERVAL"] = int(match["n"])
    return parts


def from_rrule(parts: dict[str, list[object]]) -> str | None:
    """The stored rule an RRULE means (its parts as icalendar reads them:
    names to lists), or None when the plan has no rule for it."""
    parts = {str(name).upper(): list(values) for name, values in parts.items()}
    freq = str((parts.pop("FREQ", None) or [""])[0]).upper()
    interval = int((parts.pop("INTERVAL", None) or [1])[0])
    parts.pop("WKST", None)  # where a week starts changes nothing for these rules
    days = sorted(str(day).upper() for day in parts.pop("BYDAY", []))
    if days:
        weekday_sets = {("DAILY", 1), ("WEEKLY", 1)}
        return WEEKDAYS if days == sorted(_WORK_DAYS) and (freq, interval) in weekday_sets and not parts else None
    unit = {value: key for key, value in _FREQUENCIES.items()}.get(freq)
    if unit is None or parts or not 1 <= interval <= 999:
        return None
    return f"{interval}{unit}"
