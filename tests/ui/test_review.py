"""Pilot tests of the strategy review, with keys only, asserting on `reviews` in the file.

`PlannerApp(store, start="review")` is what `planner review` runs; it walks the
strategies due for review and ends the app with a summary.
"""

from __future__ import annotations

import json

import pendulum
import pytest
from textual.widgets import Input, Sparkline

from planner_tui.core import actions, review
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.health_picker import HealthPicker
from ui_helpers import SIZE, notifications, screen_text, type_text


@pytest.fixture
def two_due(plan_path, moving, now):
    """Two strategies made 60 days ago, due for review.

    `Portfolio` (every 30 days, horizon in 60 days, 2 of 4 done: on pace, reviewed
    31 days ago as at risk); `Fitness` (every 14 days, horizon in 120 days, nothing
    done of 3: behind, so at risk is suggested). `Reading` has no cadence.
    """
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=60)
    portfolio = actions.add_strategy(store, "Portfolio", horizon=now.date().add(days=60), review_every=30).new_ids[0]
    fitness = actions.add_strategy(store, "Fitness", horizon=now.date().add(days=120), review_every=14).new_ids[0]
    actions.add_strategy(store, "Reading")
    done = [actions.add_tactic(store, f"piece {i}", portfolio, due=now.date().add(days=i)).new_ids[0]
            for i in range(4)]
    for i in range(3):
        actions.add_tactic(store, f"run {i}", fitness, due=now.date().add(days=i - 1))
    moving.at = now.subtract(days=31)
    actions.set_status(store, done[:1], TacticStatus.DONE)
    review.record_review(store, portfolio, Health.AT_RISK, "slow start")
    moving.at = now.subtract(days=2)
    actions.set_status(store, done[1:2], TacticStatus.DONE)
    moving.at = now
    return store, {"portfolio": portfolio, "fitness": fitness}


def reviews_today(store: Store, now) -> list[dict]:
    data = json.loads(store.path.read_text("utf-8"))
    return sorted((r for r in data.get("reviews", {}).values() if r["date"] == now.date().isoformat()),
                  key=lambda r: r["strategy"])


async def settle(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_review_of_two_strategies_with_keys_only(two_due, now):
    store, ids = two_due
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Review · 1 of 2" in shown and "Portfolio" in shown
        assert "2/4 (50%)" in shown and "+25 points since the last review (was 1/4)" in shown
        assert "piece 1" in shown and "expected 50% by now, actual 50%: on pace" in shown
        assert "at risk on" in shown and "slow start" in shown
        assert app.screen.query_one(HealthPicker).health is Health.ON_TRACK  # from the pace
        await settle(pilot, "1")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "back on [track]")
        await settle(pilot, "enter")
        shown = screen_text(app)
        assert "Review · 2 of 2" in shown and "Fitness" in shown
        assert "behind by more than a third" in shown and "run 0 (1 day overdue)" in shown
        assert app.screen.query_one(HealthPicker).health is Health.AT_RISK
        await settle(pilot, "enter", "enter")  # take the suggestion, no note, move on
    assert app.return_value == "Reviewed 2 strategies: 1 on track, 1 at risk"
    portfolio, fitness = reviews_today(store, now)
    assert (portfolio["strategy"], portfolio["health"], portfolio["note"]) == \
        (ids["portfolio"], "on-track", "back on [track]")
    assert (portfolio["done"], portfolio["total"], portfolio["suggested"]) == (2, 4, "on-track")
    assert portfolio["expected"] == pytest.approx(0.5)
    assert (fitness["strategy"], fitness["health"], fitness["note"], fitness["suggested"]) == \
        (ids["fitness"], "at-risk", "", "at-risk")
    assert review.due_for_review(Store(store.path, clock=store.clock).plan, now) == []


async def test_the_health_is_stored_as_soon_as_it_is_picked(two_due, now):
    store, ids = two_due
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "3", "escape")
    assert [r["health"] for r in reviews_today(store, now)] == ["off-track"]
    assert app.return_value == "Reviewed 1 strategy: 1 off track"


async def test_skip_and_back(two_due, now):
    store, ids = two_due
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "n")
        assert "Fitness" in screen_text(app)
        await settle(pilot, "b")
        assert "Portfolio" in screen_text(app)
        await settle(pilot, "n", "n")
    assert reviews_today(store, now) == []
    assert app.return_value is None


async def test_arrows_move_the_choice_and_enter_picks_it(two_due, now):
    store, ids = two_due
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "right", "right", "right", "enter", "enter", "escape")
    assert [r["health"] for r in reviews_today(store, now)] == ["off-track"]


async def test_reviewing_again_the_same_day_edits_the_review(two_due, now, moving):
    store, ids = two_due
    app = PlannerApp(store, start="review", start_strategies=[ids["portfolio"]])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, "1", "enter")
    moving.at = now.add(hours=3)
    app = PlannerApp(store, start="review", start_strategies=[ids["portfolio"]])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(HealthPicker).health is Health.ON_TRACK  # today's pick
        assert "slow start" in screen_text(app)  # still compared with the review before today
        await settle(pilot, "2")
        await type_text(pilot, "on reflection")
        await settle(pilot, "enter")
    [today] = reviews_today(store, now)
    assert (today["health"], today["note"], today["at"]) == ("at-risk", "on reflection", now.isoformat())


async def test_nothing_due_says_so_and_a_reviews_everything(store, now):
    actions.add_strategy(store, "Fresh", review_every=30)
    actions.add_strategy(store, "No cadence")
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "No strategy is due for review" in shown and "Next: Fresh on" in shown
        await settle(pilot, "a")
        assert "Review · 1 of 2" in screen_text(app)
        await settle(pilot, "escape")
    assert app.return_value is None


async def test_health_history_sparkline(two_due, now, moving):
    store, ids = two_due
    for days, health in [(25, Health.OFF_TRACK), (20, Health.ON_TRACK)]:
        moving.at = now.subtract(days=days)
        review.record_review(store, ids["fitness"], health)
    moving.at = now
    app = PlannerApp(store, start="review", start_strategies=[ids["portfolio"], ids["fitness"]])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#review-spark-row").display  # one review: no line yet
        await settle(pilot, "n")
        assert app.screen.query_one(Sparkline).data == [1.0, 3.0]
        assert app.screen.query_one("#review-spark-row").display


async def test_opened_over_the_plan_it_returns_there_with_a_notification(two_due):
    store, ids = two_due
    results = []
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.session), results.append)
        await pilot.pause()
        await settle(pilot, "2", "enter", "1", "enter")
        assert isinstance(app.screen, PlanScreen)
        assert "Reviewed 2 strategies: 1 on track, 1 at risk" in notifications(app)
    assert results == ["Reviewed 2 strategies: 1 on track, 1 at risk"]


async def test_titles_and_notes_are_never_markup(two_due, now, moving):
    store, ids = two_due
    tricky = "[@click=app.quit]q[/] [bold]x[/bold]"
    actions.edit_strategy(store, ids["portfolio"], title=tricky)
    moving.at = now.subtract(days=40)
    review.record_review(store, ids["fitness"], Health.AT_RISK, "Fix [/] parser")
    moving.at = now
    app = PlannerApp(store, start="review", start_strategies=[ids["portfolio"], ids["fitness"]])
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await pilot.pause()
        assert tricky in screen_text(app)
        await settle(pilot, "n")
        assert "Fix [/] parser" in screen_text(app)
        await settle(pilot, "1")
        await type_text(pilot, "[/] and [@click=app.quit]q[/]")
        await settle(pilot, "enter")
    assert reviews_today(store, now)[0]["note"] == "[/] and [@click=app.quit]q[/]"


async def test_a_strategy_with_key_results_is_paced_by_them(plan_path, moving, now):
    """Half its time gone and its key result not measured yet: the pace says so and
    at risk is suggested (core/outcome_pace.py), where its no tactics would say nothing."""
    from planner_tui.core.keyresult_actions import add_key_result

    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=60)
    goal = actions.add_strategy(store, "Grow", horizon=now.date().add(days=60), review_every=30).new_ids[0]
    add_key_result(store, goal, "Users", 0, 100)
    moving.at = now
    app = PlannerApp(store, start="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "expected 50% by now, actual 0% by key results: no key result measured yet" in screen_text(app)
        assert app.screen.query_one(HealthPicker).suggested is Health.AT_RISK
