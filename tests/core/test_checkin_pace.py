"""What the check-in says about pace (core/checkin_pace.py): verdicts today's decisions
changed, tactics that keep slipping, deadlines past the horizon."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import actions, checkin
from planner_tui.core.checkin import Decision
from planner_tui.core.checkin_pace import (after_horizon, after_horizon_words, decisions_of, keeps_slipping,
                                           pace_notes, pace_shifts, plan_before, push_counts)
from planner_tui.core.file.store import Store


@pytest.fixture
def behind(plan_path, moving, now):
    """s1 'Ship v1', made 100 days ago with 100 to go: half the time gone, 1 of 4 tactics done.
    A sub-strategy s2 holds t5, due next week."""
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=100)
    goal = actions.add_strategy(store, "Ship v1", horizon=now.date().add(days=100)).new_ids[0]
    ids = [actions.add_tactic(store, f"t{n}", goal, due=now.date().subtract(days=n)).new_ids[0] for n in range(4)]
    actions.set_status(store, ids[:1], actions.TacticStatus.DONE)
    part = actions.add_strategy(store, "Docs", parent=goal).new_ids[0]
    later = actions.add_tactic(store, "Write the guide", part, due=now.date().add(days=7)).new_ids[0]
    moving.at = now
    return store, goal, ids, part, later


def shifts_after(store: Store, decide_all, now) -> list:
    """The pace shifts of the decisions ``decide_all`` makes through the check-in."""
    changes = decide_all()
    after = store.plan
    before = plan_before(changes, store.storage.read())
    return pace_shifts(before, after, decisions_of(after.checkin_on(now.date())), now)


def test_today_s_work_puts_a_strategy_back_on_pace(behind, now):
    store, goal, ids, _, _ = behind
    shifts = shifts_after(store, lambda: [checkin.decide(store, now.date(), ids[1], Decision.DONE)], now)
    [shift] = shifts
    assert (shift.strategy.id, shift.was, shift.now) == (goal, "behind", "on-pace")
    assert shift.words == "tactics done today put 'Ship v1' back on pace"


def test_drops_can_shift_a_verdict_and_pushes_alone_cannot(behind, now):
    store, goal, ids, _, _ = behind

    def decide():
        return [checkin.decide(store, now.date(), ids[2], Decision.PUSH),
                checkin.decide(store, now.date(), ids[3], Decision.DROP),
                checkin.decide(store, now.date(), ids[1], Decision.DROP)]

    [shift] = shifts_after(store, decide, now)  # 1 of 2 done: on pace
    assert shift.words == "pushes and drops today put 'Ship v1' back on pace"
    pushed_only = shifts_after(store, lambda: [checkin.decide(store, now.date(), ids[2], Decision.PUSH)], now)
    assert pushed_only == []


def test_a_verdict_that_did_not_move_is_not_news_and_nor_is_an_untouched_strategy(behind, now):
    store, goal, ids, part, later = behind
    assert shifts_after(store, lambda: [checkin.decide(store, now.date(), later, Decision.START)], now) == []


def test_the_plan_before_today_s_decisions(behind, now):
    store, goal, ids, _, _ = behind
    changes = [checkin.decide(store, now.date(), ids[1], Decision.DONE)]
    before = plan_before(changes, store.storage.read())
    assert before.tactics[ids[1]].status is actions.TacticStatus.TODO
    assert before.checkin_on(now.date()) is None
    assert store.plan.tactics[ids[1]].status is actions.TacticStatus.DONE


def test_a_tactic_pushed_on_three_check_ins_keeps_slipping(behind, moving, now):
    store, _, ids, _, later = behind
    for days_ago in (3, 2, 1):
        moving.at = now.subtract(days=days_ago)
        checkin.decide(store, moving.at.date(), ids[2], Decision.PUSH)
        if days_ago < 3:
            checkin.decide(store, moving.at.date(), later, Decision.RESCHEDULE, when=now.date().add(days=9))
    moving.at = now
    checkin.decide(store, now.date(), ids[2], Decision.PUSH)  # the same tactic again today
    assert push_counts(store.plan) == {ids[2]: 4, later: 2}
    assert [(t.id, n) for t, n in keeps_slipping(store.plan)] == [(ids[2], 4)]
    actions.set_status(store, [ids[2]], actions.TacticStatus.DONE)
    assert keeps_slipping(store.plan) == []  # done at last: no longer slipping


def test_a_new_deadline_after_the_horizon_is_told(behind, now):
    store, goal, ids, part, later = behind
    plan = store.plan
    horizon = plan.strategies[goal].horizon
    assert after_horizon(plan, ids[2], horizon, now) is None
    assert after_horizon(plan, ids[2], horizon.add(days=1), now).id == goal
    assert after_horizon(plan, later, horizon.add(days=1), now).id == goal  # Docs has none: its parent's
    assert after_horizon(plan, later, None, now) is None
    timed = pendulum.datetime(horizon.year, horizon.month, horizon.day, 23, 30, tz=now.timezone)
    assert after_horizon(plan, ids[2], timed, now) is None  # the same local day
    assert after_horizon_words(plan.strategies[goal], horizon.add(days=1), now).startswith(
        f"the new deadline, {horizon.add(days=1).strftime('%a')}")
    actions.edit_strategy(store, part, horizon=now.date().add(days=3))
    assert after_horizon(store.plan, later, now.date().add(days=4), now).id == part


def test_the_day_s_pace_notes_name_shifts_slipping_tactics_and_deadlines_past_the_horizon(behind, moving, now):
    store, goal, ids, part, later = behind
    for days_ago in (2, 1):
        moving.at = now.subtract(days=days_ago)
        checkin.decide(store, moving.at.date(), ids[2], Decision.PUSH)
    moving.at = now
    horizon = store.plan.strategies[goal].horizon
    changes = [checkin.decide(store, now.date(), ids[1], Decision.DONE),
               checkin.decide(store, now.date(), ids[2], Decision.PUSH),
               checkin.decide(store, now.date(), later, Decision.RESCHEDULE, when=horizon.add(days=2))]
    before = plan_before(changes, store.storage.read())
    assert pace_notes(before, store.plan, now.date(), now) == [
        "tactics done and pushes and reschedules today put 'Ship v1' back on pace",
        "'t2' keeps slipping: pushed on 3 check-ins",
        "'Write the guide': " + after_horizon_words(store.plan.strategies[goal], horizon.add(days=2), now)]


def test_a_calm_day_has_no_pace_notes(behind, now):
    store, *_ = behind
    assert pace_notes(store.plan, store.plan, now.date(), now) == []
