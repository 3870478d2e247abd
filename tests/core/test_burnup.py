"""The burn-up series of a strategy (core/burnup.py): progress over time against its line."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import actions
from planner_tui.core.burnup import burnup
from planner_tui.core.file.store import Store
from planner_tui.core.keyresult_actions import add_key_result, record_value
from planner_tui.core.outcomes import standings
from planner_tui.core.model import TacticStatus

from tests.conftest import FROZEN


@pytest.fixture(params=["Pacific/Auckland", "America/New_York"])
def zoned(request, local_zone, tmp_path):
    local_zone(request.param)
    clock = type("Clock", (), {"at": pendulum.datetime(*FROZEN, tz=request.param),
                               "__call__": lambda self: self.at})()
    return clock, Store(tmp_path / "plan.json", clock=clock)


def days_ago(now, *numbers):
    return [now.date().subtract(days=n) for n in numbers]


def test_by_key_results_each_value_is_a_point_and_the_line_runs_to_the_horizon(zoned):
    clock, store = zoned
    now = clock.at
    goal = actions.add_strategy(store, "Grow", horizon=now.date().add(days=100)).new_ids[0]
    arr = add_key_result(store, goal, "ARR", 0, 100, since=now.date().subtract(days=100)).new_ids[0]
    churn = add_key_result(store, goal, "Churn", 8, 4, since=now.date().subtract(days=50)).new_ids[0]
    record_value(store, arr, 20, on=now.date().subtract(days=60))
    record_value(store, churn, 6, on=now.date().subtract(days=30))
    record_value(store, arr, 40, on=now.date().subtract(days=10))
    found = burnup(store.plan, goal, now)
    assert found.measured_by == "key results" and found.today == now.date()
    assert found.actual == list(zip(days_ago(now, 100, 60, 30, 10, 0), [0.0, 0.1, 0.35, 0.45, 0.45]))
    assert found.actual[-1][1] == standings(store.plan)[goal].ratio  # today is what the tree shows
    horizon = now.date().add(days=100)
    assert found.expected == [(now.date().subtract(days=100), 0.0), (now.date().subtract(days=50), 0.125),
                              (horizon, 1.0)]


def test_by_tactics_each_day_one_was_made_or_done(zoned):
    clock, store = zoned
    now = clock.at
    clock.at = now.subtract(days=20)
    goal = actions.add_strategy(store, "Ship", horizon=now.date().add(days=20)).new_ids[0]
    first, second = (actions.add_tactic(store, t, goal).new_ids[0] for t in ("a", "b"))
    clock.at = now.subtract(days=10).set(hour=23, minute=30)  # late in the evening, local time
    actions.set_status(store, [first], TacticStatus.DONE)
    third = actions.add_tactic(store, "c", goal).new_ids[0]
    actions.set_status(store, [actions.add_tactic(store, "dropped", goal).new_ids[0]], TacticStatus.DROPPED)
    clock.at = now
    actions.set_status(store, [second], TacticStatus.DONE)
    found = burnup(store.plan, goal, now)
    assert found.measured_by == "tactics"
    assert found.actual == list(zip(days_ago(now, 20, 10, 0), [0.0, 1 / 3, 2 / 3]))
    assert found.expected == [(now.date().subtract(days=20), 0.0), (now.date().add(days=20), 1.0)]
    assert third in store.plan.tactics


def test_a_parent_rolls_up_its_children_on_each_day(zoned):
    clock, store = zoned
    now = clock.at
    clock.at = now.subtract(days=30)
    parent = actions.add_strategy(store, "Parent", horizon=now.date().add(days=30)).new_ids[0]
    child = actions.add_strategy(store, "Child", parent=parent).new_ids[0]
    kr = add_key_result(store, child, "Users", 0, 10).new_ids[0]
    tactic = actions.add_tactic(store, "Own work", parent).new_ids[0]
    clock.at = now.subtract(days=5)
    record_value(store, kr, 5)
    clock.at = now
    actions.set_status(store, [tactic], TacticStatus.DONE)
    found = burnup(store.plan, parent, now)
    assert found.measured_by == "key results and tactics"
    assert found.actual == list(zip(days_ago(now, 30, 5, 0), [0.0, 0.25, 0.75]))  # the two parts count equally


def test_without_a_horizon_there_is_no_line(store, now):
    goal = actions.add_strategy(store, "Someday").new_ids[0]
    found = burnup(store.plan, goal, now)
    assert found.expected == [] and found.actual == [(now.date(), 0.0)] and found.horizon is None
