"""The check-in streak, forgiving: rest days and time away neither break nor extend it,
and a check-in after midnight still counts for the day it closes.

- `checkin_day`: the day a check-in made at ``now`` belongs to. Before the
  settings' ``day_starts_at`` (04:00, say) it is still the day before. Read on the
  wall clock, so a change of daylight-saving time moves nothing: 00:30 is before
  04:00 on the night the clocks change too.
- A day is *skipped* (`Rest.skips`) when it is one of the settings' ``rest_days``
  or inside a time away (the plan's ``away`` table). It neither breaks a streak
  nor extends it, with or without a check-in on it (the check-in stays in the
  history and the heat map).
- `streak`: the run of checked-in days that ends today, or yesterday while
  today's check-in is not done yet, stepping over skipped days.
- `longest`: the longest such run in the whole history.

The one rule for every streak shown: `Plan.streak`, `checkin.streak_status`,
the history's numbers and `planner streak`.
"""

from __future__ import annotations

import datetime
from typing import Iterable, NamedTuple

from pendulum import Date, DateTime


class Rest(NamedTuple):
    """The days a streak steps over: weekdays (Monday 0 ... Sunday 6) and ranges away."""

    weekdays: frozenset[int] = frozenset()
    away: tuple[tuple[Date, Date], ...] = ()

    def skips(self, day: Date) -> bool:
        return day.weekday() in self.weekdays or any(start <= day <= end for start, end in self.away)

    def is_away(self, day: Date) -> bool:
        return any(start <= day <= end for start, end in self.away)


def rest_of(away: Iterable, weekdays: Iterable[int] = ()) -> Rest:
    """A `Rest` from the plan's time away (`Away` records) and the settings' rest weekdays."""
    return Rest(frozenset(weekdays), tuple(sorted((a.start, a.end) for a in away)))


def checkin_day(now: DateTime, day_start: datetime.time = datetime.time(0)) -> Date:
    """The day a check-in made at ``now`` counts for: the day before until ``day_start``."""
    today = now.date()
    return today.subtract(days=1) if now.time() < day_start else today


def streak(days: set[Date], today: Date, rest: Rest = Rest()) -> int:
    """Checked-in days in a row up to today (or yesterday, today not being done yet),
    stepping over the days ``rest`` skips."""
    if not days:
        return 0
    first = min(days)
    count = 1 if today in days and not rest.skips(today) else 0
    day = today.subtract(days=1)
    while day >= first:
        if not rest.skips(day):
            if day not in days:
                break
            count += 1
        day = day.subtract(days=1)
    return count


def longest(days: Iterable[Date], rest: Rest = Rest()) -> int:
    """The longest run of checked-in days, stepping over the days ``rest`` skips."""
    counted = sorted(day for day in set(days) if not rest.skips(day))
    best = run = 0
    previous: Date | None = None
    for day in counted:
        run = run + 1 if previous is not None and _only_skipped_between(previous, day, rest) else 1
        best, previous = max(best, run), day
    return best


def _only_skipped_between(earlier: Date, later: Date, rest: Rest) -> bool:
    day = earlier.add(days=1)
    while day < later:
        if not rest.skips(day):
            return False
        day = day.add(days=1)
    return True
