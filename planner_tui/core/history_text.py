"""The check-in history in marks and words, made once for the app and the command line.

The heat map's cells (`■` a day with a check-in, `□` work done without one,
`-` a rest day or a day away, `·` none of those), its day names and month row, the line of numbers under it and
each day's heading: the app's history screen colours them
(ui/widgets/heatmap.py, ui/screens/checkin_history.py), and
`planner checkin --history` prints them as text where there is no terminal.
"""

from __future__ import annotations

from typing import Iterable

from planner_tui.core.checkin import HEAT_WEEKS, HeatDay, HeatMap, longest_streak
from planner_tui.core.model import CheckIn
from planner_tui.core.plan import Plan
from planner_tui.core.user_text import counted

DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
TITLE = f"Check-in history · the last {HEAT_WEEKS} weeks"
KEY = "■ checked in  □ done, no check-in  · neither"
REST_KEY = "  - rest or away"
NOTES = "Notes, newest first"
NO_CHECKINS = "No check-ins yet. The first one starts the streak."


def mark(day: HeatDay) -> str:
    """A day's cell: its mark and a space (blank for the days still to come this week)."""
    if day.future:
        return "  "
    if day.checked_in:
        return "■ "
    if day.done:
        return "□ "
    return "- " if day.rest else "· "


def key(heat: HeatMap) -> str:
    """What the marks mean; the rest days' mark only when the map shows one."""
    return KEY + (REST_KEY if any(day.rest for week in heat.weeks for day in week) else "")


def month_row(heat: HeatMap) -> str:
    """Month names over the first week that starts in each month, where they fit."""
    row = [" "] * (LABEL_WIDTH + 2 * len(heat.weeks) + 3)
    previous = None
    for index, week in enumerate(heat.weeks):
        month = week[0].day.month
        if month != previous:
            name = week[0].day.strftime("%b")
            start = LABEL_WIDTH + 2 * index
            if all(c == " " for c in row[max(0, start - 1):start + len(name)]):
                row[start:start + len(name)] = list(name)
            previous = month
    return "".join(row).rstrip()


def day_label(weekday: int) -> str:
    return f"{DAY_NAMES[weekday]:<{LABEL_WIDTH}}"


def numbers(plan: Plan, heat: HeatMap, rest_weekdays: Iterable[int] = ()) -> str:
    """`12 check-ins in 20 weeks · 30 tactics done · longest streak 5 days`."""
    return (f"{counted(heat.checkins, 'check-in')} in {HEAT_WEEKS} weeks · {counted(heat.done, 'tactic')} done · "
            f"longest streak {counted(longest_streak(plan, rest_weekdays), 'day')}")


def day_heading(record: CheckIn) -> str:
    """`Sat 28 Nov 2026`: a note's day (strftime: English names, no locale files to load)."""
    day = record.date
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')} {day.year}"
