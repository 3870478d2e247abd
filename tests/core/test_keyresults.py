"""Key results in the plan file: adding, recording values, editing, deleting, undo, and progress."""

from __future__ import annotations

import json
import re

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner_tui.core import actions
from planner_tui.core.errors import InputError
from planner_tui.core.file.changes import Put, Remove
from planner_tui.core.file.store import StaleUndo, Store
from planner_tui.core.file.validation import Invalid
from planner_tui.core.history import History
from planner_tui.core.keyresult_actions import (add_key_result, delete_key_result, edit_key_result,
                                                record_value)
from planner_tui.core.keyresults import (if_measured, latest_on, outcome, progress_of, reading, readings, stale,
                                        value_series, value_typed, values_of)
from planner_tui.core.model import KeyResult


@pytest.fixture
def goal(store):
    return actions.add_strategy(store, "Grow revenue").new_ids[0]


@pytest.fixture
def arr(store, goal):
    """k1: ARR from 400k to 5M $, since 1 June 2026."""
    return add_key_result(store, goal, "ARR", 400_000, 5_000_000, "$", since=pendulum.Date(2026, 6, 1)).new_ids[0]


def test_a_key_result_is_stored_with_its_fields_and_ids_are_never_reused(store, plan_path, goal, now):
    first = add_key_result(store, goal, "  ARR  ", 400_000, 5_000_000, "$").new_ids[0]
    assert json.loads(plan_path.read_text())["keyresults"][str(first)] == {
        "strategy": goal, "title": "ARR", "start": 400_000, "target": 5_000_000, "unit": "$",
        "start_date": now.date().isoformat(), "position": 0, "created": now.isoformat(),
        "modified": now.isoformat()}  # when it was last changed, for merging (core/file/modified.py)
    delete_key_result(store, first)
    second = add_key_result(store, goal, "Customers", 0, 20).new_ids[0]
    assert second == first + 1
    assert store.plan.keyresults[second].key == f"k{second}" and store.plan.keyresults[second].position == 0


@pytest.mark.parametrize("start, target", [(5, 5), (0, 0.0), (-3, -3)])
def test_a_target_equal_to_the_start_is_refused_and_nothing_written(store, plan_path, goal, start, target):
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match="the target is the start|The target is the start"):
        add_key_result(store, goal, "Flat", start, target)
    assert plan_path.read_bytes() == before


def test_an_edit_that_would_make_the_target_the_start_is_refused(store, plan_path, arr):
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match="The target is the start"):
        edit_key_result(store, arr, target=400_000)
    assert plan_path.read_bytes() == before
    edit_key_result(store, arr, title="Revenue", unit="€", start=500_000, start_date=pendulum.Date(2026, 7, 1))
    kr = store.plan.keyresults[arr]
    assert (kr.title, kr.unit, kr.start, kr.start_date.isoformat()) == ("Revenue", "€", 500_000, "2026-07-01")


def test_the_file_gate_refuses_a_hand_made_key_result_whose_target_is_its_start(store, plan_path, goal):
    before = plan_path.read_bytes()
    with pytest.raises(Invalid, match='keyresults 1 .\'Flat\'., field "target": is 3, the same as the start'):
        with store.transaction("by hand") as tx:
            tx.insert("keyresults", {"strategy": goal, "title": "Flat", "start": 3, "target": 3})
    assert plan_path.read_bytes() == before


def test_a_value_is_recorded_today_or_on_a_day_that_has_come(store, plan_path, arr, now):
    first = record_value(store, arr, 1_200_000, note="  first   deal ").new_ids[0]
    record_value(store, arr, 900_000, on=now.date().subtract(days=30))
    doc = json.loads(plan_path.read_text())["measurements"][str(first)]
    assert doc == {"keyresult": arr, "date": now.date().isoformat(), "value": 1_200_000, "note": "first deal",
                   "modified": now.isoformat()}
    assert [v.value for v in values_of(store.plan, arr)] == [900_000, 1_200_000]  # by day, not by entry
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match="still ahead. Nothing was written"):
        record_value(store, arr, 1, on=now.date().add(days=1))
    with pytest.raises(InputError, match="No key result k99"):
        record_value(store, 99, 1)
    assert plan_path.read_bytes() == before


def test_a_day_with_two_values_reads_as_the_later_one(store, arr, now):
    record_value(store, arr, 1_000_000)
    record_value(store, arr, 1_100_000)
    assert latest_on(store.plan, arr).value == 1_100_000
    assert latest_on(store.plan, arr, now.date().subtract(days=1)) is None


def test_planner_undo_takes_a_value_back(store, plan_path, arr):
    record_value(store, arr, 2_000_000, journal=True)
    change = store.pop_journal()
    assert change is not None and "set k1 'ARR' to $2M" in change.label
    assert Store(plan_path).plan.measurements == {}


def test_deleting_a_strategy_deletes_its_key_results_and_values_and_undo_brings_them_back(store, plan_path, goal,
                                                                                         arr):
    below = actions.add_strategy(store, "Enterprise", parent=goal).new_ids[0]
    deals = add_key_result(store, below, "Deals", 0, 10).new_ids[0]
    record_value(store, arr, 1_000_000)
    record_value(store, deals, 2)
    before = json.loads(plan_path.read_text())
    history = History(store)
    history.record(actions.delete_strategy(store, goal))
    after = json.loads(plan_path.read_text())
    assert not after.get("keyresults") and not after.get("measurements")
    history.undo()
    again = json.loads(plan_path.read_text())
    for table in ("strategies", "keyresults", "measurements"):
        assert again[table] == before[table]
    assert Store(plan_path).plan.key_results_of(below)[0].id == deals


def test_deleting_a_key_result_takes_its_values_and_planner_undo_brings_them_back(store, plan_path, arr):
    record_value(store, arr, 1_000_000)
    delete_key_result(store, arr, journal=True)
    assert store.plan.keyresults == {} and store.plan.measurements == {}
    store.pop_journal()
    plan = Store(plan_path).plan
    assert [v.value for v in values_of(plan, arr)] == [1_000_000]


def test_undoing_an_added_key_result_that_has_values_since_is_refused(store, plan_path, goal):
    kr = add_key_result(store, goal, "NPS", 10, 50, journal=True).new_ids[0]
    record_value(store, kr, 20)  # not journaled: `planner undo` would take the key result itself back
    before = plan_path.read_bytes()
    with pytest.raises(StaleUndo, match="value 1 is now under key result 1 'NPS', which this would remove"):
        store.pop_journal()
    assert plan_path.read_bytes() == before


def test_the_gate_keeps_values_with_their_key_result(store, plan_path, arr):
    value = record_value(store, arr, 1).new_ids[0]
    before = plan_path.read_bytes()
    for ops, message in (([Remove("keyresults", arr)], "names key result k1, which is not in the plan"),
                         ([Put("measurements", 9, {"keyresult": 7, "date": "2026-11-01", "value": 1})],
                          "measurements 9, field \"keyresult\": names key result k7")):
        with pytest.raises(Invalid, match=message):
            store.replay("by hand", ops)
        assert plan_path.read_bytes() == before
    assert value in store.plan.measurements


def test_a_file_with_a_value_of_no_key_result_is_refused_at_open(store, plan_path, arr):
    record_value(store, arr, 1)
    data = json.loads(plan_path.read_text())
    del data["keyresults"]
    plan_path.write_text(json.dumps(data))
    from planner_tui.core.file.store import PlanFileError

    with pytest.raises(PlanFileError, match='measurements 1, field "keyresult": names key result k1'):
        Store(plan_path)


# -- progress ------------------------------------------------------------------------


def kr(start: float, target: float) -> KeyResult:
    return KeyResult(1, 1, "k", start, target)


@pytest.mark.parametrize("start, target, value, expected", [
    (400_000, 5_000_000, 400_000, 0.0),
    (400_000, 5_000_000, 2_700_000, 0.5),
    (400_000, 5_000_000, 5_000_000, 1.0),
    (8, 3, 8, 0.0),  # churn from 8% down to 3%
    (8, 3, 5.5, 0.5),
    (8, 3, 3, 1.0),
    (8, 3, 2, 1.0),  # past the target: done, not more
    (8, 3, 9, 0.0),  # worse than the start: nothing, not less
    (0, 20, 25, 1.0),
    (0, 20, -5, 0.0),
    (-10, 10, 0, 0.5),
])
def test_progress_counts_up_and_down_and_is_clamped(start, target, value, expected):
    assert progress_of(kr(start, target), value) == pytest.approx(expected)


@given(start=st.integers(-10**6, 10**6), span=st.integers(1, 10**6), down=st.booleans(),
       a=st.integers(-3 * 10**6, 3 * 10**6), b=st.integers(-3 * 10**6, 3 * 10**6))
def test_progress_is_between_0_and_1_and_grows_towards_the_target(start, span, down, a, b):
    target = start - span if down else start + span
    low, high = sorted((a, b), reverse=down)  # `high` is nearer the target
    result = kr(start, target)
    assert 0.0 <= progress_of(result, low) <= progress_of(result, high) <= 1.0


def test_a_strategy_takes_the_average_of_its_key_results(store, goal, arr, now):
    churn = add_key_result(store, goal, "Churn", 8, 3, "%").new_ids[0]
    assert outcome(readings(store.plan, goal)) == 0.0  # nothing measured: each at its start
    record_value(store, arr, 2_700_000)  # half way
    record_value(store, churn, 3)  # there
    found = readings(store.plan, goal)
    assert [r.progress for r in found] == [0.5, 1.0] and outcome(found) == 0.75
    assert outcome(readings(store.plan, goal, now.date().subtract(days=1))) == 0.0  # as of yesterday
    assert outcome([]) is None


def test_a_reading_as_of_a_day(store, arr, now):
    today = now.date()
    record_value(store, arr, 1_000_000, on=today.subtract(days=20))
    record_value(store, arr, 2_700_000, on=today.subtract(days=2))
    key_result = store.plan.keyresults[arr]
    then = reading(store.plan, key_result, today.subtract(days=10))
    assert (then.value, then.day, then.measured) == (1_000_000, today.subtract(days=20), True)
    assert reading(store.plan, key_result).progress == 0.5
    before = reading(store.plan, key_result, today.subtract(days=30))
    assert (before.value, before.day, before.progress, before.measured) == (400_000, None, 0.0, False)


def test_stale_key_results_are_those_of_active_strategies_not_measured_for_a_week(store, goal, arr, now):
    today = now.date()
    fresh = add_key_result(store, goal, "Fresh", 0, 1).new_ids[0]
    record_value(store, fresh, 1, on=today.subtract(days=6))
    record_value(store, arr, 1, on=today.subtract(days=7))
    done = actions.add_strategy(store, "Done").new_ids[0]
    add_key_result(store, done, "Old", 0, 1)
    actions.edit_strategy(store, done, status=actions.StrategyStatus.ACHIEVED)
    resting = actions.add_strategy(store, "Resting").new_ids[0]
    add_key_result(store, resting, "Later", 0, 1)
    actions.edit_strategy(store, resting, status=actions.StrategyStatus.PAUSED)
    never = add_key_result(store, goal, "Never", 0, 1).new_ids[0]
    assert [k.id for k in stale(store.plan, today)] == [arr, never]


def test_what_a_value_would_do_before_it_is_recorded_and_the_sparkline(store, arr, now):
    from planner_tui.core.outcome_pace import key_result_pace

    key_result = store.plan.keyresults[arr]
    preview = if_measured(key_result, 2_700_000, now.date())
    assert (preview.progress, preview.measured) == (0.5, True)
    assert key_result_pace(preview, store.plan.strategies[key_result.strategy], now).verdict == "no-horizon"
    assert store.plan.measurements == {}  # nothing recorded
    for days_ago, value in ((30, 900_000), (0, 1_200_000), (60, 500_000)):
        record_value(store, arr, value, on=now.date().subtract(days=days_ago))
    assert value_series(store.plan, arr) == [500_000, 900_000, 1_200_000]
    assert value_series(store.plan, arr, limit=2) == [900_000, 1_200_000]


@pytest.mark.parametrize("typed, value", [("1.2M", 1_200_000), ("$300k", 300_000), ("-5", -5)])
def test_a_value_typed_is_read_in_the_key_results_unit_or_plain(store, arr, typed, value):
    assert value_typed(store.plan.keyresults[arr], typed).value == value


@pytest.mark.parametrize("typed, message", [("12%", "k1 counts $, not %"), ("lots", "Cannot read 'lots'")])
def test_a_value_in_another_unit_or_unreadable_is_refused(store, arr, typed, message):
    with pytest.raises(InputError, match=re.escape(message)):
        value_typed(store.plan.keyresults[arr], typed)
