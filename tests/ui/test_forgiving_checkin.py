"""The check-in in the app goes by the forgiving streak of core/streak.py: `b` checks in
for yesterday, the settings' day_starts_at keeps 00:30 in the day before, rest days and time
away neither break nor extend the streak in the header, and the heat map shows them."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import actions, checkin
from planner_tui.core.away import add_away
from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus
from planner_tui.core.settings import LoadedSettings, Settings
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen
from ui_helpers import SIZE, notifications, reopen, screen_text, type_text, until


@pytest.fixture
def shop(plan_path, moving, now):
    """`late` (two days overdue) and `today` (due today), on a clock the test moves."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Open a shop").new_ids[0]
    late = actions.add_tactic(store, "late", goal, due=now.date().subtract(days=2)).new_ids[0]
    today = actions.add_tactic(store, "today", goal, due=now.date()).new_ids[0]
    return store, {"late": late, "today": today}


def app_with(store, tmp_path, start=None, **values) -> PlannerApp:
    return PlannerApp(store, start=start, settings=LoadedSettings(Settings(**values), tmp_path / "s.toml"))


def checked_in(store, moving, *days_ago: int) -> None:
    at = moving.at
    for days in days_ago:
        moving.at = at.subtract(days=days)
        checkin.finish(store, moving.at.date(), "")
    moving.at = at


async def test_b_checks_in_for_yesterday_and_the_streak_holds(shop, moving, now, tmp_path):
    store, ids = shop
    checked_in(store, moving, 3, 2)
    app = app_with(store, tmp_path, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Check-in · Saturday 28 November 2026" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        shown = screen_text(app)
        assert "Check-in for yesterday · Friday 27 November 2026" in shown
        assert "yesterday so far: no decisions yet" in shown
        await pilot.press("x")  # the first row: `late`, overdue by then too
        await pilot.press("n")
        await type_text(pilot, "forgot last night")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == "1 done · 3-day streak"
    plan = reopen(store)
    [record] = [c for c in plan.checkins.values() if c.date == now.date().subtract(days=1)]
    assert record.done == [ids["late"]] and record.note == "forgot last night"
    assert plan.checkin_on(now.date()) is None
    assert plan.tactics[ids["late"]].status is TacticStatus.DONE


async def test_b_again_is_today(shop, tmp_path, now):
    store, ids = shop
    app = app_with(store, tmp_path, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b", "b", "x")
        await pilot.pause()
        assert "Check-in · Saturday" in screen_text(app)
    assert reopen(store).checkin_on(now.date()).done == [ids["late"]]


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York"])
async def test_half_past_midnight_is_still_the_day_before_when_the_day_starts_at_four(
        shop, moving, now, tmp_path, zone):
    store, ids = shop
    with pendulum.travel_to(pendulum.datetime(2026, 11, 29, 0, 30, tz=zone), freeze=True):
        moving.at = pendulum.datetime(2026, 11, 29, 0, 30, tz=zone)
        app = app_with(store, tmp_path, day_starts_at="04:00")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("C")
            await pilot.pause()
            assert "Check-in · Saturday 28 November 2026" in screen_text(app)
            await pilot.press("n", "enter")
            await until(pilot, lambda: "✓ 1-day streak" in screen_text(app), "the header's streak")
    assert [c.date for c in reopen(store).checkins.values()] == [pendulum.date(2026, 11, 28)]


async def test_rest_days_and_time_away_keep_the_streak_in_the_header(shop, moving, now, tmp_path):
    store, ids = shop  # Saturday: checked in Monday to Wednesday, Thursday away, Friday a rest day
    checked_in(store, moving, 5, 4, 3, 0)
    add_away(store, now.date().subtract(days=2), now.date().subtract(days=2))
    app = app_with(store, tmp_path, rest_days=("friday",))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "✓ 4-day streak" in screen_text(app), "the header's streak")
    plain = app_with(store, tmp_path)
    async with plain.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "✓ 1-day streak" in screen_text(plain), "the header's streak")


async def test_the_heat_map_shows_rest_and_away_days(shop, moving, now, tmp_path):
    store, ids = shop
    checked_in(store, moving, 3)
    add_away(store, now.date().subtract(days=2), now.date().subtract(days=1))
    app = app_with(store, tmp_path, start="history", rest_days=("sunday",))
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinHistoryScreen)
        shown = screen_text(app)
        assert "- rest or away" in shown
        lines = [line.strip() for line in shown.splitlines()]
        monday = next(number for number, line in enumerate(lines) if line.startswith("Mon "))
        mon, tue, wed, thu, fri, sat, sun = (line.split() for line in lines[monday:monday + 7])
        assert sun[1:] == ["-"] * 19  # every Sunday but tomorrow's
        assert thu[-1] == fri[-1] == "-"  # away
        assert wed[-1] == "■"  # checked in
        assert sat[-1] == "·"  # today, not yet
        assert "1-day streak" in shown


async def test_b_keeps_a_note_typed_and_not_saved_where_it_is(shop, tmp_path, now):
    store, ids = shop
    app = app_with(store, tmp_path, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "half a thought")
        await pilot.press("escape")  # back to the list, the note still typed
        await pilot.press("b")
        await pilot.pause()
        assert "Check-in · Saturday" in screen_text(app)
        assert any("not saved yet" in message for message in notifications(app))
        assert app.screen.note.value == "half a thought"
