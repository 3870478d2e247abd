"""Pilot tests of the check-in, with keys only, asserting on the plan file.

`PlannerApp(store, start="checkin")` is what `planner checkin` runs: finishing
ends the app with the summary as its return value.
"""

from __future__ import annotations

import json

import pendulum
import pytest
from textual.widgets import Input

from planner_tui.core import actions, checkin
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.widgets.checkin_list import CheckinList
from ui_helpers import SIZE, notifications, reopen, screen_text, type_text


@pytest.fixture
def day_plan(plan_path, moving, now):
    """Overdue `late`, `today`, in progress `doing`, `soon` in 3 days, `later` in 30 days."""
    store = Store(plan_path, clock=moving)
    today = now.date()
    goal = actions.add_strategy(store, "Open a shop").new_ids[0]
    ids = {"goal": goal}
    for name, due in [("late", today.subtract(days=2)), ("today", today), ("doing", None),
                      ("soon", today.add(days=3)), ("later", today.add(days=30))]:
        ids[name] = actions.add_tactic(store, name, goal, due=due).new_ids[0]
    actions.set_status(store, [ids["doing"]], TacticStatus.DOING)
    return store, ids


def saved(store: Store) -> dict:
    return json.loads(store.path.read_text("utf-8"))


def checkins(store: Store) -> list[dict]:
    return list(saved(store).get("checkins", {}).values())


async def settle(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_full_check_in_with_keys_only(day_plan, now):
    store, ids = day_plan
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        shown = screen_text(app)
        for heading in ("Overdue", "Due today", "In progress", "Next 7 days"):
            assert heading in shown
        assert "later" not in shown  # 30 days away: not in this week's check-in
        await settle(pilot, "x", "p", "r")  # late: done; today: push; doing: reschedule...
        await type_text(pilot, "fri")
        assert "Friday 4 December" in screen_text(app)  # the live preview
        await settle(pilot, "enter", "X")  # ...to Friday; soon: drop
        assert app.focused is app.screen.query_one("#checkin-note", Input)  # the cursor moved on
        await type_text(pilot, "shop sign [ordered] at last")
        await settle(pilot, "enter")
    assert app.return_value == "1 done, 1 pushed, 1 rescheduled, 1 dropped · 1-day streak"
    plan = reopen(store)
    tactics = plan.tactics
    assert tactics[ids["late"]].status is TacticStatus.DONE
    assert tactics[ids["today"]].due == now.date().add(days=1)
    assert tactics[ids["doing"]].due == pendulum.date(2026, 12, 4)
    assert tactics[ids["soon"]].status is TacticStatus.DROPPED
    assert tactics[ids["later"]].status is TacticStatus.TODO
    [record] = checkins(store)
    assert record["date"] == now.date().isoformat()
    assert (record["done"], record["pushed"], record["rescheduled"], record["dropped"]) == \
        ([ids["late"]], [ids["today"]], [ids["doing"]], [ids["soon"]])
    assert record["note"] == "shop sign [ordered] at last"
    assert record["finished"] == now.isoformat()


async def test_the_summary_is_a_notification_when_opened_over_the_plan(day_plan):
    store, ids = day_plan
    results = []
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(CheckinScreen(app.session), results.append)
        await pilot.pause()
        await settle(pilot, "x", "x", "enter")
        assert isinstance(app.screen, PlanScreen)
        assert "2 done · 1-day streak" in notifications(app)
    assert results == ["2 done · 1-day streak"]


async def test_reopening_the_same_day_edits_the_record(day_plan, moving, now):
    store, ids = day_plan
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "x", "s", "n")
        await type_text(pilot, "morning")
        await settle(pilot, "enter")
    moving.at = now.add(hours=8)
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "✓ done" in shown and "· skipped" in shown and "Already decided today" in shown
        assert app.screen.query_one("#checkin-note", Input).value == "morning"
        assert app.screen.query_one(CheckinList).tactic_id == ids["doing"]  # the first undecided
        await settle(pilot, "k", "x")  # the skipped one: done after all
        await settle(pilot, "n", "ctrl+u")
        await type_text(pilot, "evening")
        await settle(pilot, "enter")
    assert app.return_value == "2 done · 1-day streak"
    [record] = checkins(store)
    assert record["done"] == [ids["late"], ids["today"]] and record["skipped"] == []
    assert record["note"] == "evening"


async def test_escape_leaves_and_writes_nothing_before_a_decision(day_plan):
    store, _ = day_plan
    before = store.path.read_bytes()
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "j", "n")
        await type_text(pilot, "not saved")
        await settle(pilot, "escape", "escape")
    assert app.return_value is None
    assert store.path.read_bytes() == before


async def test_decisions_made_before_leaving_stay(day_plan, now):
    store, ids = day_plan
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "p", "escape")
    [record] = checkins(store)
    assert record["pushed"] == [ids["late"]] and record["finished"] is None
    assert reopen(store).streak(now.date()) == 1  # a decision is a check-in, finished or not


async def test_a_bad_deadline_keeps_the_field_open_and_escape_cancels_it(day_plan):
    store, ids = day_plan
    before = store.path.read_bytes()
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "r")
        await type_text(pilot, "someday")
        await settle(pilot, "enter")
        assert app.screen.has_class("-rescheduling")
        assert "Cannot read" in screen_text(app)
        await settle(pilot, "escape")
        assert not app.screen.has_class("-rescheduling")
        assert isinstance(app.focused, CheckinList)
    assert store.path.read_bytes() == before


async def test_letters_typed_in_the_note_are_text_not_decisions(day_plan):
    store, ids = day_plan
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "n")
        await type_text(pilot, "x p X s")
        assert app.screen.query_one("#checkin-note", Input).value == "x p X s"
        await settle(pilot, "escape", "escape")
    assert "checkins" not in saved(store) or checkins(store) == []
    assert reopen(store).tactics[ids["late"]].status is TacticStatus.TODO


async def test_undo_takes_back_the_last_decision(day_plan):
    store, ids = day_plan
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, "x", "u")
        assert "✓ done" not in screen_text(app)
        await settle(pilot, "escape")
    plan = reopen(store)
    assert plan.tactics[ids["late"]].status is TacticStatus.TODO and plan.checkins == {}


async def test_a_calm_day_says_so_and_enter_checks_in(store, now):
    actions.add_strategy(store, "Rest")
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "A calm day" in screen_text(app)
        assert app.focused is app.screen.query_one("#checkin-note", Input)
        await type_text(pilot, "read a book")
        await settle(pilot, "enter")
    assert app.return_value == "nothing changed · 1-day streak"
    assert checkins(store)[0]["note"] == "read a book"


async def test_the_header_shows_the_streak(day_plan, moving, now):
    store, ids = day_plan
    for days in (2, 1):
        moving.at = now.subtract(days=days)
        checkin.finish(store, moving.at.date(), f"{days} days ago")
    moving.at = now
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "2-day streak · not checked in yet today" in screen_text(app)
        await settle(pilot, "s")
        assert "3-day streak · checked in today ✓" in screen_text(app)
        assert "today so far: nothing changed" in screen_text(app)


async def test_titles_and_notes_are_never_markup(day_plan, now):
    store, ids = day_plan
    tricky = "[@click=app.quit]q[/] [bold]x[/bold]"
    actions.edit_tactic(store, ids["late"], title=tricky)
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await pilot.pause()
        assert tricky in screen_text(app)
        await settle(pilot, "r")
        assert tricky in screen_text(app)  # "new deadline for …"
        await settle(pilot, "escape", "n")
        await type_text(pilot, "Fix [/] parser")
        await settle(pilot, "enter")
    assert checkins(store)[0]["note"] == "Fix [/] parser"


async def test_history_shows_the_heat_map_and_notes_newest_first(day_plan, moving, now):
    store, ids = day_plan
    for days, note in [(9, "first [x] note"), (3, "a later note"), (1, "")]:
        moving.at = now.subtract(days=days)
        checkin.finish(store, moving.at.date(), note)
    moving.at = now
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "h")
        assert isinstance(app.screen, CheckinHistoryScreen)
        shown = screen_text(app)
        assert "Mon" in shown and "■" in shown and "less" in shown
        assert "3 check-ins in 20 weeks" in shown
        assert shown.index("a later note") < shown.index("first [x] note")
        await settle(pilot, "escape")
        assert isinstance(app.screen, CheckinScreen)
    assert len(checkins(store)) == 3  # looking at the history writes nothing


async def test_a_repeating_tactic_done_in_the_check_in_comes_back(store, now):
    goal = actions.add_strategy(store, "Fit").new_ids[0]
    run = actions.add_tactic(store, "Run", goal, due=now.date(), repeat="1w").new_ids[0]
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "x", "enter")
    plan = reopen(store)
    assert plan.tactics[run].status is TacticStatus.DONE
    [again] = [t for t in plan.tactics.values() if t.status.is_open]
    assert (again.title, again.due, again.repeat) == ("Run", now.date().add(weeks=1), "1w")


async def test_a_long_group_lists_its_100_most_pressing_and_says_how_many(store, now):
    goal = actions.add_strategy(store, "Backlog").new_ids[0]
    with store.transaction("many") as tx:
        for index in range(150):
            tx.insert("tactics", {"title": f"old {index}", "strategy": goal, "status": "todo",
                                  "due": now.date().subtract(days=1 + index).isoformat(),
                                  "position": index, "notes": "", "repeat": None})
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(CheckinList).rows
        assert len(rows) == 100
        assert {store.plan.tactics[i].title for i in rows} == {f"old {i}" for i in range(50, 150)}
        assert "150 · the 100 most pressing here, all of them in the plan" in screen_text(app)


async def test_soon_days_from_the_settings(day_plan, now, tmp_path):
    """`soon_days = 2` in settings.toml: `soon` (in 3 days) is not this check-in's business."""
    from planner_tui.core.settings import settings_path

    assert str(tmp_path) in str(settings_path())  # the test's own config folder
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("soon_days = 2\n", "utf-8")
    store, ids = day_plan
    nearer = actions.add_tactic(store, "nearer", ids["goal"], due=now.date().add(days=2)).new_ids[0]
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(CheckinList).rows
        assert nearer in rows and ids["soon"] not in rows
        assert "Next 2 days" in screen_text(app)


async def test_over_the_plan_the_plan_screens_undo_reaches_the_check_in(day_plan):
    store, ids = day_plan
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        plan_screen = app.screen
        await settle(pilot, "C", "x", "enter")
        assert app.screen is plan_screen
        await settle(pilot, "u", "u")  # the finish, then the decision
    plan = reopen(store)
    assert plan.tactics[ids["late"]].status is TacticStatus.TODO
    assert plan.checkins == {}
