"""Today as this person sees it: the moment and the settings that say what
"today", "soon" and "this week" mean, as one value.

The same deadline is "soon" for one person (soon_days = 14) and "later" for
another; `eow` ends on Saturday for someone whose week starts on Sunday; a
check-in at 01:00 counts for yesterday for someone whose day starts at 04:00.
These travelled as separate parameters read from the settings at each call
site, some with defaults (`soon_days=7`) that a forgetful caller quietly used.
A `Day` is made once from the settings, by the CLI's context (`Context.day`)
and by the app (ui/app_settings.py `app_day`), and passed as one value to
what judges a deadline against today or reads a typed date.

The wording of dates relative to a moment (`dates.describe(when, now)` and its
kin) takes the moment itself, ``day.now``: it needs no setting.
"""

from __future__ import annotations

import datetime
from datetime import tzinfo
from typing import NamedTuple, Protocol

from pendulum import Date, DateTime

from planner_tui.core.streak import checkin_day


class DaySettings(Protocol):
    """What a `Day` takes from the settings (core/settings.py `Settings`)."""

    @property
    def soon_days(self) -> int: ...

    @property
    def week_start_day(self) -> int: ...

    @property
    def day_start(self) -> datetime.time: ...

    @property
    def rest_weekdays(self) -> frozenset[int]: ...


class Day(NamedTuple):
    """``now`` and what the settings say about days: ``soon_days`` (a deadline within
    that many days is soon), ``week_start`` (pendulum's weekday number, Monday 0),
    ``day_start`` (before it, a check-in counts for the day before) and
    ``rest_weekdays`` (days a streak steps over, core/streak.py)."""

    now: DateTime
    soon_days: int = 7
    week_start: int = 0
    day_start: datetime.time = datetime.time(0)
    rest_weekdays: frozenset[int] = frozenset()

    @classmethod
    def of(cls, settings: DaySettings, now: DateTime) -> Day:
        """The person's day at ``now``, by their settings (core/settings.py)."""
        return cls(now, settings.soon_days, settings.week_start_day, settings.day_start, settings.rest_weekdays)

    def at(self, now: DateTime) -> Day:
        """The same person's day at another moment (a screen reloading, a commit's clock)."""
        return self._replace(now=now)

    @property
    def zone(self) -> tzinfo:
        """The zone deadlines are seen in: ``now``'s."""
        return self.now.timezone

    @property
    def today(self) -> Date:
        """The calendar date: what "overdue" and "today" count from."""
        return self.now.date()

    @property
    def checkin_day(self) -> Date:
        """The day a check-in made now counts for (core/streak.py `checkin_day`)."""
        return checkin_day(self.now, self.day_start)
