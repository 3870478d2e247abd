"""The three-way decision of a sync (core/exchange/sync/reconcile.py), without a server."""

from __future__ import annotations

import icalendar
import pendulum
import pytest
from hypothesis import given, strategies as st

from planner_tui.core.exchange.sync.items import STRATEGY, TACTIC, Item, server_copy
from planner_tui.core.exchange.sync.reconcile import Side, decide
from planner_tui.core.exchange.sync.rule import PLAN, SERVER, later_wins
from planner_tui.core.repeat import EXAMPLES, from_rrule, to_rrule, validate_rule

BASE = Item("Run 5k", "NEEDS-ACTION", "2026-12-04", "", None, "s1@planner-tui")
titles = st.sampled_from(["Run 5k", "Run 10k", "Swim"])
statuses = st.sampled_from(["NEEDS-ACTION", "IN-PROCESS", "COMPLETED", "CANCELLED"])
dues = st.sampled_from([None, "2026-12-04", "2026-12-05", "2026-12-04T09:00:00-05:00[America/New_York]"])
items = st.builds(Item, titles, statuses, dues, st.sampled_from(["", "notes"]), st.just(None),
                  st.just("s1@planner-tui"))
EARLY, LATE = pendulum.datetime(2026, 11, 1, tz="UTC"), pendulum.datetime(2026, 11, 2, tz="UTC")


def _decide(plan, base, server, plan_time=EARLY, server_time=LATE, kind=TACTIC):
    copy = server_copy(_todo(server, server_time)) if server is not None else None
    return decide(Side("t1@planner-tui", "t1", kind, plan, base, server, copy, plan_time), lambda uid: True)


def _todo(item: Item, modified):
    todo = icalendar.Todo()
    todo.add("uid", "t1@planner-tui")
    todo.add("summary", item.title)
    todo.add("last-modified", modified)
    return todo


@given(items, items)
def test_a_change_on_one_side_only_is_taken(base, changed):
    assert _decide(changed, base, base).result == changed
    server_side = _decide(base, base, changed)
    assert server_side.result == changed and server_side.to_plan == (changed != base)


@given(items, items, items)
def test_a_conflict_goes_to_the_later_side_field_by_field(base, mine, theirs):
    for plan_time, server_time, winner in ((LATE, EARLY, mine), (EARLY, LATE, theirs)):
        result = _decide(mine, base, theirs, plan_time, server_time).result
        for name in ("title", "status", "due", "notes"):
            a, b, was = getattr(mine, name), getattr(theirs, name), getattr(base, name)
            expected = a if b == was else b if a == was else getattr(winner, name)
            assert getattr(result, name) == expected


def test_the_rule_prefers_the_plan_on_a_tie_or_an_unknown_time():
    assert later_wins(EARLY, EARLY) == PLAN
    assert later_wins(EARLY, None) == PLAN
    assert later_wins(EARLY, LATE) == SERVER


def test_deleted_against_unchanged_is_deleted_and_against_an_edit_is_kept():
    edited = BASE._replace(title="Run 10k")
    assert _decide(None, BASE, BASE).to_server and _decide(None, BASE, BASE).result is None
    kept = _decide(None, BASE, edited)
    assert kept.result == edited and kept.to_plan and "the change is kept" in kept.notes[0]
    gone = _decide(BASE, BASE, None)
    assert gone.result is None and gone.to_plan
    assert _decide(edited, BASE, None).result == edited


def test_a_strategy_deleted_on_the_server_is_put_back():
    decision = _decide(BASE, BASE, None, kind=STRATEGY)
    assert decision.result == BASE and decision.to_server and not decision.to_plan


def test_a_parent_the_plan_cannot_take_goes_back_to_the_plans():
    moved = BASE._replace(parent="t9@planner-tui")
    decision = decide(Side("t1@planner-tui", "t1", TACTIC, BASE, BASE, moved, None, EARLY), lambda uid: False)
    assert decision.result.parent == BASE.parent and decision.to_server


@pytest.mark.parametrize("rule, moved_to, done", [
    ("1w", "2026-12-11", True), ("1w", "2026-12-18", True), ("1w", "2026-12-10", False),
    ("1m", "2027-01-04", True), ("weekdays", "2026-12-07", True), ("2w", "2026-12-11", False)])
def test_a_deadline_moved_by_whole_steps_of_the_rule_is_an_occurrence_done(rule, moved_to, done):
    base = BASE._replace(repeat=rule)
    decision = _decide(base, base, base._replace(due=moved_to))
    assert decision.occurrence_done is done
    assert decision.to_plan


@given(st.sampled_from(EXAMPLES.split(", ") + ["3d", "5w", "2m", "10y"]))
def test_every_repeat_rule_round_trips_as_an_rrule(rule):
    rule = validate_rule(rule)
    recur = icalendar.vRecur(to_rrule(rule))
    assert from_rrule(icalendar.vRecur.from_ical(recur.to_ical().decode())) == rule


@pytest.mark.parametrize("text", ["FREQ=MONTHLY;BYDAY=2TU", "FREQ=DAILY;COUNT=3", "FREQ=HOURLY",
                                  "FREQ=WEEKLY;BYDAY=MO,WE"])
def test_an_rrule_the_plan_cannot_hold_reads_as_none(text):
    assert from_rrule(icalendar.vRecur.from_ical(text)) is None
