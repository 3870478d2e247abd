"""Forgiving streaks: rest days and time away are stepped over, a check-in after midnight
counts for the day it closes (day_starts_at), by the wall clock on either side of a
daylight-saving change, in Pacific/Auckland and America/New_York alike."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from planner_tui.core import away, checkin, history_text
from planner_tui.core.day import Day
from planner_tui.core.file.store import Store
from planner_tui.core.streak import Rest, checkin_day, longest, streak

ZONES = ["Pacific/Auckland", "America/New_York"]
WEEKEND = frozenset({5, 6})
MONDAY = pendulum.date(2026, 11, 30)


@pytest.fixture
def clock_store(plan_path, moving):
    return Store(plan_path, clock=moving), moving


def days(*texts: str) -> set[pendulum.Date]:
    return {pendulum.Date.fromisoformat(text) for text in texts}


# -- rest days and time away ----------------------------------------------------------------------

def test_a_weekend_of_rest_neither_breaks_nor_extends_the_streak():
    weekdays = days("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")  # Mon..Fri
    assert streak(weekdays | {MONDAY}, MONDAY) == 1  # no rest days: the weekend broke it
    assert streak(weekdays | {MONDAY}, MONDAY, Rest(WEEKEND)) == 6
    assert streak(weekdays | {MONDAY} | days("2026-11-28"), MONDAY, Rest(WEEKEND)) == 6  # Saturday adds nothing
    sunday = pendulum.date(2026, 11, 29)
    assert streak(weekdays, sunday, Rest(WEEKEND)) == 5  # on the weekend, Friday's streak holds
    assert streak(weekdays, MONDAY, Rest(WEEKEND)) == 5  # Monday morning, not checked in yet
    assert streak(weekdays, MONDAY.add(days=1), Rest(WEEKEND)) == 0  # Monday missed


def test_time_away_is_stepped_over_and_longest_agrees():
    rest = Rest(away=((pendulum.date(2026, 12, 20), pendulum.date(2027, 1, 3)),))
    before = {pendulum.date(2026, 12, 16).add(days=n) for n in range(4)}  # 16..19 December
    after = {pendulum.date(2027, 1, 4).add(days=n) for n in range(3)}  # 4..6 January
    assert streak(before | after, pendulum.date(2027, 1, 6), rest) == 7
    assert streak(before | after, pendulum.date(2027, 1, 6)) == 3
    assert longest(before | after, rest) == 7 and longest(before | after) == 4
    assert streak(before, pendulum.date(2026, 12, 28), rest) == 4  # away now: nothing lost


def test_away_days_come_from_the_plan_and_show_in_the_heat_map(clock_store, now):
    store, clock = clock_store
    for n in (3, 2):
        clock.at = now.subtract(days=n)
        checkin.finish(store, clock().date(), "")
    clock.at = now
    assert store.plan.streak(now.date()) == 0  # yesterday missed
    away.add_away(store, now.date().subtract(days=1), now.date().subtract(days=1), "ill")
    assert store.plan.streak(now.date()) == 2
    heat = checkin.heat_map(store.plan, Day(now))
    cells = {cell.day: history_text.mark(cell) for week in heat.weeks for cell in week}
    assert [cells[now.date().subtract(days=n)] for n in (3, 2, 1, 0)] == ["■ ", "■ ", "- ", "· "]
    assert history_text.key(heat).endswith("- rest or away")
    assert checkin.longest_streak(store.plan) == 2


def test_rest_weekdays_show_in_the_heat_map_only_where_nothing_happened(clock_store, now):
    store, clock = clock_store  # now is Saturday 28 November
    checkin.finish(store, now.date(), "on a rest day")
    heat = checkin.heat_map(store.plan, Day(now, rest_weekdays=WEEKEND))
    cells = {cell.day: history_text.mark(cell) for week in heat.weeks for cell in week}
    assert cells[now.date()] == "■ " and cells[now.date().subtract(days=6)] == "- "  # last Sunday
    assert checkin.heat_map(store.plan, Day(now)).weeks[0][5].rest is False


# -- when a day starts ----------------------------------------------------------------------------

FOUR = datetime.time(4, 0)


@pytest.mark.parametrize("tz", ZONES)
def test_a_late_check_in_after_midnight_counts_for_the_day_it_closes(clock_store, tz):
    store, clock = clock_store
    for day in (25, 26):
        clock.at = pendulum.datetime(2026, 11, day, 21, 0, tz=tz)
        checkin.finish(store, checkin_day(clock.at, FOUR), "")
    clock.at = pendulum.datetime(2026, 11, 28, 0, 30, tz=tz)  # the 27th's, half an hour late
    late = checkin_day(clock.at, FOUR)
    assert late == pendulum.date(2026, 11, 27)
    checkin.finish(store, late, "")
    assert checkin.streak_status(store.plan, Day(clock.at, day_start=FOUR)) == checkin.StreakStatus(3, True)
    assert checkin_day(clock.at) == pendulum.date(2026, 11, 28)  # a day starting at midnight: the new one
    morning = pendulum.datetime(2026, 11, 28, 4, 0, tz=tz)
    assert checkin.streak_status(store.plan, Day(morning, day_start=FOUR)) == checkin.StreakStatus(3, False)


@pytest.mark.parametrize("tz", ZONES)
def test_a_check_in_for_yesterday_made_after_midnight_keeps_the_streak(clock_store, tz):
    """What `planner checkin --date yesterday` does: the record is yesterday's."""
    store, clock = clock_store
    clock.at = pendulum.datetime(2026, 11, 26, 20, 0, tz=tz)
    checkin.finish(store, clock.at.date(), "")
    clock.at = pendulum.datetime(2026, 11, 28, 0, 10, tz=tz)  # the 27th forgotten, noticed after midnight
    checkin.finish(store, clock.at.date().subtract(days=1), "late")
    assert sorted(c.date.isoformat() for c in store.plan.checkins.values()) == ["2026-11-26", "2026-11-27"]
    assert checkin.streak_status(store.plan, Day(clock.at)) == checkin.StreakStatus(2, False)


DST_NIGHTS = [
    ("America/New_York", (2026, 3, 8)),     # spring forward at 02:00: 02:30 never happens
    ("America/New_York", (2026, 11, 1)),    # fall back at 02:00: 01:30 happens twice
    ("Pacific/Auckland", (2026, 4, 5)),     # back at 03:00: 02:30 happens twice
    ("Pacific/Auckland", (2026, 9, 27)),    # forward at 02:00: 02:30 never happens
]


@pytest.mark.parametrize("tz, change", DST_NIGHTS)
@pytest.mark.parametrize("hour, minute, day_before", [(0, 30, True), (1, 30, True), (2, 30, True), (3, 30, True),
                                                      (3, 59, True), (4, 0, False), (9, 0, False)])
def test_day_starts_at_reads_the_wall_clock_across_a_dst_change(tz, change, hour, minute, day_before):
    """A time the night skips (02:30 springing forward) reads as the hour after it, still before 04:00."""
    night = pendulum.datetime(*change, hour, minute, tz=tz)
    expected = pendulum.date(*change).subtract(days=1 if day_before else 0)
    assert checkin_day(night, FOUR) == expected


@pytest.mark.parametrize("tz, change", DST_NIGHTS)
def test_a_week_of_late_check_ins_across_a_dst_change_is_a_week_long_streak(clock_store, tz, change):
    store, clock = clock_store
    first = pendulum.date(*change).subtract(days=3)
    for n in range(7):
        day = first.add(days=n)
        clock.at = pendulum.datetime(day.year, day.month, day.day, 1, 30, tz=tz).add(days=1)  # after midnight
        checkin.finish(store, checkin_day(clock.at, FOUR), "")
    assert sorted(c.date for c in store.plan.checkins.values()) == [first.add(days=n) for n in range(7)]
    assert store.plan.streak(first.add(days=6)) == 7
