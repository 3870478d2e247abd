"""The check-in streak: consecutive local dates with a check-in, ending today or yesterday.

Check-ins are made through core (`checkin.finish` on the clock's local date), in
Pacific/Auckland and America/New_York explicitly, whatever TZ the tests run in,
and across both zones' DST changes.
"""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import checkin
from planner_tui.core.day import Day
from planner_tui.core.file.store import Store

ZONES = ["Pacific/Auckland", "America/New_York"]


@pytest.fixture
def clock_store(plan_path, moving):
    return Store(plan_path, clock=moving), moving


def check_in(store: Store, clock, at: pendulum.DateTime, note: str = "") -> None:
    """What the check-in screen does: the record is for the clock's local date."""
    clock.at = at
    checkin.finish(store, clock().date(), note)


def dates_of(store: Store) -> list[str]:
    return sorted(c.date.isoformat() for c in store.plan.checkins.values())


# -- counting ---------------------------------------------------------------------------------------

def test_no_check_in_no_streak(store, now):
    assert store.plan.streak(now.date()) == 0
    assert checkin.streak_status(store.plan, Day(now)) == checkin.StreakStatus(0, False)


@pytest.mark.parametrize("days_ago, streak, today", [
    ([0], 1, True),
    ([0, 1, 2], 3, True),
    ([1, 2, 3], 3, False),      # ending yesterday: today's check-in is still to come
    ([2, 3, 4], 0, False),      # ending the day before yesterday: broken
    ([0, 1, 3, 4, 5], 2, True),  # a gap stops the count
    ([0, 2], 1, True),
])
def test_streak_counts_back_from_today_or_yesterday(clock_store, now, days_ago, streak, today):
    store, clock = clock_store
    for days in days_ago:
        check_in(store, clock, now.subtract(days=days))
    status = checkin.streak_status(store.plan, Day(now))
    assert (status.days, status.today) == (streak, today)


def test_reopening_the_same_day_does_not_count_twice(clock_store, now):
    store, clock = clock_store
    for hours in (0, 2, 5):
        check_in(store, clock, now.add(hours=hours))
    assert len(store.plan.checkins) == 1
    assert store.plan.streak(now.date()) == 1


def test_status_text(clock_store, now):
    store, clock = clock_store
    check_in(store, clock, now.subtract(days=1))
    check_in(store, clock, now.subtract(days=2))
    assert checkin.streak_status(store.plan, Day(now)).text == "2-day streak · not checked in today"
    check_in(store, clock, now)
    assert checkin.streak_status(store.plan, Day(now)).text == "3-day streak · checked in today"


def test_longest_streak(clock_store, now):
    store, clock = clock_store
    for days in (0, 5, 6, 7, 8, 20, 21):
        check_in(store, clock, now.subtract(days=days))
    assert checkin.longest_streak(store.plan) == 4
    assert store.plan.streak(now.date()) == 1


# -- local dates and time zones ---------------------------------------------------------------------

@pytest.mark.parametrize("tz", ZONES)
def test_23_59_and_00_01_are_two_days(clock_store, tz):
    store, clock = clock_store
    late = pendulum.datetime(2026, 11, 27, 23, 59, tz=tz)
    check_in(store, clock, late)
    check_in(store, clock, late.add(minutes=2))
    assert dates_of(store) == ["2026-11-27", "2026-11-28"]
    assert store.plan.streak(pendulum.date(2026, 11, 28)) == 2


@pytest.mark.parametrize("tz", ZONES)
def test_the_record_is_dated_by_the_local_date_not_utc(clock_store, tz):
    """23:30 in New York is already tomorrow in UTC; 08:00 in Auckland is still yesterday in UTC."""
    store, clock = clock_store
    for hour in (8, 23):
        check_in(store, clock, pendulum.datetime(2026, 11, 28, hour, 30, tz=tz))
    assert dates_of(store) == ["2026-11-28"]


@pytest.mark.parametrize("tz", ZONES)
def test_a_streak_in_one_zone_read_on_the_next_local_morning(clock_store, tz):
    store, clock = clock_store
    for day in (25, 26, 27):
        check_in(store, clock, pendulum.datetime(2026, 11, day, 21, 0, tz=tz))
    morning = pendulum.datetime(2026, 11, 28, 6, 0, tz=tz)
    assert checkin.streak_status(store.plan, Day(morning)) == checkin.StreakStatus(3, False)


# -- daylight saving changes --------------------------------------------------------------------------

DST_CHANGES = [
    ("America/New_York", (2026, 3, 8)),     # spring forward: 02:00 -> 03:00, a 23-hour day
    ("America/New_York", (2026, 11, 1)),    # fall back: 02:00 -> 01:00, a 25-hour day
    ("Pacific/Auckland", (2026, 4, 5)),     # DST ends: 03:00 -> 02:00
    ("Pacific/Auckland", (2026, 9, 27)),    # DST starts: 02:00 -> 03:00
]


@pytest.mark.parametrize("tz, change", DST_CHANGES)
@pytest.mark.parametrize("hour, minute", [(0, 30), (9, 0), (23, 45)])
def test_crossing_a_dst_change_changes_nothing(clock_store, tz, change, hour, minute):
    store, clock = clock_store
    day = pendulum.date(*change)
    for offset in range(-3, 4):
        local = day.add(days=offset)
        check_in(store, clock, pendulum.datetime(local.year, local.month, local.day, hour, minute, tz=tz))
    assert len(dates_of(store)) == 7
    assert store.plan.streak(day.add(days=3)) == 7
    assert store.plan.streak(day.add(days=4)) == 7  # yesterday still counts


@pytest.mark.parametrize("tz, change", DST_CHANGES)
def test_check_ins_at_the_hour_that_repeats_or_vanishes(clock_store, tz, change):
    """01:30 on a fall-back day happens twice, 02:30 on a spring-forward day never:
    either way it is that day's check-in, and the streak runs on."""
    store, clock = clock_store
    day = pendulum.date(*change)
    before = day.subtract(days=1)
    check_in(store, clock, pendulum.datetime(before.year, before.month, before.day, 22, 0, tz=tz))
    odd = pendulum.datetime(day.year, day.month, day.day, 2, 30, tz=tz)
    check_in(store, clock, odd)
    check_in(store, clock, odd.add(hours=1))  # an hour later the same local day
    assert dates_of(store) == [before.isoformat(), day.isoformat()]
    assert store.plan.streak(day) == 2


@pytest.mark.parametrize("tz, change", DST_CHANGES)
def test_heat_map_days_stay_aligned_across_dst(clock_store, tz, change):
    store, clock = clock_store
    day = pendulum.date(*change)
    check_in(store, clock, pendulum.datetime(day.year, day.month, day.day, 0, 30, tz=tz))
    now = pendulum.datetime(day.year, day.month, day.day, 12, 0, tz=tz).add(days=10)
    heat = checkin.heat_map(store.plan, Day(now))
    days = [d.day for week in heat.weeks for d in week]
    assert all((b - a).days == 1 for a, b in zip(days, days[1:]))
    assert [d.day for d in [c for week in heat.weeks for c in week] if d.checked_in] == [day]
