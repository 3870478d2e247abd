"""Key results asked for their values: the review (each key result of the strategy,
with its change since the last review) and the check-in (those not measured for a week)."""

from __future__ import annotations

import pytest

from planner_tui.core import actions, checkin, keyresult_actions as kr, review
from planner_tui.core.checkin import Decision
from planner_tui.core.file.store import Store
from planner_tui.core.keyresults import values_of
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.health_picker import HealthPicker
from planner_tui.ui.widgets.review_card import ReviewCard
from planner_tui.ui.widgets.value_fields import ValueFields
from ui_helpers import notifications, plain, reopen, running, type_text


@pytest.fixture
def past(plan_path, moving, now):
    """Growth (horizon in 6 months) measures Users 0 -> 100k and Churn 8% -> 3%: reviewed ten days
    ago at 10k users, 20k now; Calm (no key results) beside it. The store's clock is today."""
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=10)
    growth = actions.add_strategy(store, "Growth", horizon=now.date().add(months=6)).new_ids[0]
    calm = actions.add_strategy(store, "Calm").new_ids[0]
    users = kr.add_key_result(store, growth, "Users", 0, 100_000, "users").new_ids[0]
    churn = kr.add_key_result(store, growth, "Churn", 8, 3, "%").new_ids[0]
    kr.record_value(store, users, 10_000)
    review.record_review(store, growth, "on-track")
    moving.at = now
    kr.record_value(store, users, 20_000, on=now.date().subtract(days=2))
    return store, {"growth": growth, "calm": calm, "users": users, "churn": churn}


def field_labels(screen) -> list[str]:
    return [plain(label.content).strip() for label in screen.query(".value-field-label")]


async def test_the_review_shows_each_key_results_change_and_records_new_values(past):
    store, ids = past
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [ids["growth"]]))
        await pilot.pause()
        screen = app.screen
        assert field_labels(screen) == [
            "Users  10k → 20k users (+10 points since the last review)",
            "Churn  not measured yet"]
        assert app.focused is screen.query_one(ValueFields).field(ids["users"])
        await type_text(pilot, "45k")
        await pilot.press("enter")
        await pilot.pause()
        assert values_of(reopen(store), ids["users"])[-1].value == 45_000
        assert field_labels(screen)[0] == "Users  10k → 45k users (+35 points since the last review)"
        assert "actual 22% by key results" in plain(screen.query_one(ReviewCard).content)  # (45% + 0%) / 2
        assert app.focused is screen.query_one(ValueFields).field(ids["churn"])
        await pilot.press("enter")  # nothing typed: Churn is skipped
        await pilot.pause()
        assert values_of(reopen(store), ids["churn"]) == []
        assert isinstance(app.focused, HealthPicker)
        await pilot.press("1")
        await pilot.pause()
    assert review.last_review(reopen(store), ids["growth"]).health.value == "on-track"


async def test_a_review_value_that_cannot_be_read_is_said_under_its_field(past):
    store, ids = past
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [ids["growth"]]))
        await pilot.pause()
        await type_text(pilot, "many")
        await pilot.press("enter")
        await pilot.pause()
        errors = [plain(e.content).strip() for e in app.screen.query(".value-field-error") if e.display]
        assert errors and errors[0].startswith("Cannot read 'many' as a number")
        assert app.focused.value == "many"  # what was typed stays, for Enter to try again
        assert len(values_of(reopen(store), ids["users"])) == 2


async def test_a_strategy_without_key_results_is_reviewed_as_before(past):
    store, ids = past
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [ids["calm"]]))
        await pilot.pause()
        assert not app.screen.query_one(ValueFields).display
        assert isinstance(app.focused, HealthPicker)


async def test_the_checkin_asks_for_key_results_not_measured_for_a_week(past, now):
    store, ids = past  # Users was measured two days ago; Churn never
    async with running(store) as (app, pilot):
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        assert field_labels(screen) == ["Churn  never measured"]
        assert app.focused is screen.query_one(ValueFields).field(ids["churn"])  # no tactics: the values first
        await type_text(pilot, "7.5%")
        await pilot.press("enter")
        await pilot.pause()
        assert [v.value for v in values_of(reopen(store), ids["churn"])] == [7.5]
        assert field_labels(screen) == [f"Churn  7.5% on {now.format('ddd D MMM')} (today)"]
        assert app.focused is screen.note
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)
        await pilot.press("u")  # the check-in's finish, then the value
        await pilot.press("u")
        await pilot.pause()
    assert values_of(reopen(store), ids["churn"]) == []


async def test_the_checkin_asks_after_the_tactics_and_a_skip_leaves_the_value(past, now):
    store, ids = past
    actions.add_tactic(store, "Call Ann", ids["calm"], due=now.date())
    async with running(store) as (app, pilot):
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.checkin_list
        await pilot.press("s")  # the only tactic, left as it is
        await pilot.pause()
        assert app.focused is screen.query_one(ValueFields).field(ids["churn"])
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.note
    assert values_of(reopen(store), ids["churn"]) == []


@pytest.fixture
def behind(plan_path, moving, now):
    """'Ship v1', made 100 days ago with 100 to go, 1 of 4 tactics done: behind pace. 'Slides'
    was pushed on two earlier check-ins."""
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=100)
    goal = actions.add_strategy(store, "Ship v1", horizon=now.date().add(days=100)).new_ids[0]
    names = ("Spec", "Demo", "Slides", "Launch")
    ids = {name: actions.add_tactic(store, name, goal, due=now.date().subtract(days=1)).new_ids[0] for name in names}
    actions.set_status(store, [ids["Spec"]], actions.TacticStatus.DONE)
    for days_ago in (3, 2):
        moving.at = now.subtract(days=days_ago)
        checkin.decide(store, moving.at.date(), ids["Slides"], Decision.PUSH)
    moving.at = now
    return store, goal, ids


async def test_the_checkin_summary_says_what_today_did_to_pace(behind, now):
    store, goal, ids = behind
    horizon = store.plan.strategies[goal].horizon
    async with running(store) as (app, pilot):
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        screen.decide(Decision.DONE, ids["Demo"])
        screen.decide(Decision.PUSH, ids["Slides"])
        screen.decide(Decision.RESCHEDULE, ids["Launch"], horizon.add(days=2))
        await pilot.pause()
        assert any(message.startswith("The new deadline, ") and "is after the horizon of 'Ship v1'" in message
                   for message in notifications(app))
        screen.note.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)
        summary = next(message for message in notifications(app) if message.startswith("1 done"))
    lines = summary.split("\n")
    assert lines[1] == "tactics done and pushes and reschedules today put 'Ship v1' back on pace"
    assert lines[2] == "'Slides' keeps slipping: pushed on 3 check-ins"
    assert lines[3].startswith("'Launch': the new deadline, ")


async def test_leaving_a_review_with_a_value_typed_and_not_recorded_asks(past):
    """A value typed into a key result's field is typing like a note: Esc asks before it goes."""
    store, ids = past
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [ids["growth"]]))
        await pilot.pause()
        await type_text(pilot, "45k")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard the values you typed? They are not recorded." in plain(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is app.screen.query_one(ValueFields).field(ids["users"]) and app.focused.value == "45k"
        await pilot.press("enter")  # recorded: leaving asks nothing more
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
    assert values_of(reopen(store), ids["users"])[-1].value == 45_000
