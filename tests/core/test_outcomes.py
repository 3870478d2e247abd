"""Progress measured by outcomes, rolled up through the tree (core/outcomes.py), and the
pace from outcomes (core/outcome_pace.py), at its edges, in two zones."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_tui.core import actions
from planner_tui.core.keyresult_actions import add_key_result, record_value
from planner_tui.core.keyresults import readings
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.outcome_pace import expected_value, key_result_pace, outcome_pace, strategy_pace
from planner_tui.core.outcomes import StrategyProgress, standings, standings_on
from planner_tui.core.pace import suggested_health
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress
from planner_tui.core.review import facts, record_review
from planner_tui.core.file.store import Store

from tests.conftest import FROZEN


def strategy(store, title, parent=None, **kwargs) -> int:
    return actions.add_strategy(store, title, parent=parent, **kwargs).new_ids[0]


def tactics(store, sid, done: int, todo: int, dropped: int = 0) -> None:
    for n in range(done + todo + dropped):
        tid = actions.add_tactic(store, f"t{n}", sid).new_ids[0]
        if n < done:
            actions.set_status(store, [tid], TacticStatus.DONE)
        elif n >= done + todo:
            actions.set_status(store, [tid], TacticStatus.DROPPED)


def measured(store, sid, title, start, target, value=None) -> int:
    kr = add_key_result(store, sid, title, start, target).new_ids[0]
    if value is not None:
        record_value(store, kr, value)
    return kr


@pytest.fixture
def tree(store):
    """Three levels, with and without key results:

    s1 Root                      no key results
      s2 Revenue                 ARR 0→100 at 50 (½), churn 8→3 at 8 (0): ¼ · tactics 1/2
      s3 Product                 no key results · own tactics 1/4 (and one dropped)
        s4 Onboarding            activation 20→60 at 50 (¾) · no tactics
        s5 Docs                  no key results · tactics 2/2
      s6 Someday                 nothing to measure by
    s7 Plain                     no key results anywhere: tactics 1/3
      s8 Part                    tactics 1/1
    """
    ids = {}
    ids["root"] = strategy(store, "Root")
    ids["revenue"] = strategy(store, "Revenue", ids["root"])
    measured(store, ids["revenue"], "ARR", 0, 100, 50)
    measured(store, ids["revenue"], "Churn", 8, 3, 8)
    tactics(store, ids["revenue"], 1, 1)
    ids["product"] = strategy(store, "Product", ids["root"])
    tactics(store, ids["product"], 1, 3, dropped=1)
    ids["onboarding"] = strategy(store, "Onboarding", ids["product"])
    measured(store, ids["onboarding"], "Activation", 20, 60, 50)
    ids["docs"] = strategy(store, "Docs", ids["product"])
    tactics(store, ids["docs"], 2, 0)
    ids["someday"] = strategy(store, "Someday", ids["root"])
    ids["plain"] = strategy(store, "Plain")
    tactics(store, ids["plain"], 1, 2)
    ids["part"] = strategy(store, "Part", ids["plain"])
    tactics(store, ids["part"], 1, 0)
    return ids


def test_roll_up_through_three_levels_mixing_key_results_and_tactics(store, tree):
    found = standings(store.plan)
    expect = {
        "docs": (Progress(2, 2), 1.0, False),
        "onboarding": (Progress(0, 0), 0.75, True),
        "product": (Progress(3, 6), (0.75 + 1.0 + 0.25) / 3, True),  # its parts count equally
        "revenue": (Progress(1, 2), 0.25, True),  # its own key results, not its tactics
        "someday": (Progress(0, 0), 0.0, False),
        "root": (Progress(4, 8), (0.25 + 2 / 3) / 2, True),  # Someday has nothing to count
        "plain": (Progress(2, 4), 0.5, False),  # as it always was
        "part": (Progress(1, 1), 1.0, False),
    }
    for name, (cookie, ratio, by_key_results) in expect.items():
        assert found[tree[name]].tactics == cookie, name
        assert found[tree[name]].ratio == pytest.approx(ratio), name
        assert found[tree[name]].measured is by_key_results, name
    for sid in store.plan.strategies:  # the cookie is always the tactics' count
        assert found[sid].tactics == store.plan.progress(sid)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parents=st.lists(st.integers(0, 30), min_size=1, max_size=12),
       statuses=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(list(TacticStatus))), max_size=40))
def test_without_key_results_progress_is_tactics_done_out_of_counted_as_always(parents, statuses):
    strategies = {str(n + 1): {"title": f"s{n + 1}", "parent": (p % (n + 1)) or None if n else None}
                  for n, p in enumerate(parents)}
    tactics_ = {str(n + 1): {"title": "t", "strategy": sid % len(parents) + 1, "status": status.value}
                for n, (sid, status) in enumerate(statuses)}
    plan = Plan.from_tables({"strategies": strategies, "tactics": tactics_})
    found = standings(plan)
    for sid in plan.strategies:
        assert found[sid] == StrategyProgress(plan.progress(sid), plan.progress(sid).ratio, False)


# -- pace from outcomes ----------------------------------------------------------------


@pytest.fixture(params=["Pacific/Auckland", "America/New_York"])
def zoned(request, local_zone, tmp_path):
    """Time frozen at the tests' Saturday 10:30 in each of two zones, and a plan there."""
    local_zone(request.param)
    now = pendulum.datetime(*FROZEN, tz=request.param)
    return now, Store(tmp_path / "zoned.json", clock=lambda: now)


def half_way(store, now, horizon_days=180, **kwargs) -> tuple[int, int]:
    """A strategy whose key result (0 → 100) started 180 days ago and ends ``horizon_days`` from now."""
    horizon = now.date().add(days=horizon_days) if horizon_days is not None else None
    sid = strategy(store, "Grow", horizon=horizon, **kwargs)
    kr = add_key_result(store, sid, "Users", 0, 100, since=now.date().subtract(days=180)).new_ids[0]
    return sid, kr


@pytest.mark.parametrize("value, verdict, health", [
    (34, "on-pace", Health.ON_TRACK),   # half the time gone, a third of the way and a bit
    (33, "behind", Health.AT_RISK),     # more than a third short of the half expected
    (100, "complete", Health.ON_TRACK),
    (150, "complete", Health.ON_TRACK),
])
def test_a_key_result_against_its_straight_line(zoned, value, verdict, health):
    now, store = zoned
    sid, kr = half_way(store, now)
    record_value(store, kr, value)
    found = strategy_pace(store.plan, sid, now)
    assert (found.verdict, found.measured_by) == (verdict, "key results")
    assert found.expected == pytest.approx(0.5)
    assert suggested_health(found) is health
    assert expected_value(readings(store.plan, sid)[0], store.plan.strategies[sid].horizon, now) == pytest.approx(50)


def test_counting_down_churn_from_8_to_3(zoned):
    now, store = zoned
    sid = strategy(store, "Keep customers", horizon=now.date().add(days=100))
    kr = add_key_result(store, sid, "Churn", 8, 3, "%", since=now.date().subtract(days=100)).new_ids[0]
    record_value(store, kr, 7)  # a fifth of the way, half the time gone
    assert strategy_pace(store.plan, sid, now).verdict == "behind"
    record_value(store, kr, 5.5)
    assert strategy_pace(store.plan, sid, now).verdict == "on-pace"


def test_the_edges_of_outcome_pace(zoned):
    now, store = zoned
    no_horizon, kr = half_way(store, now, horizon_days=None)
    record_value(store, kr, 10)
    assert strategy_pace(store.plan, no_horizon, now).verdict == "no-horizon"

    passed, kr = half_way(store, now, horizon_days=-1)
    record_value(store, kr, 90)
    found = strategy_pace(store.plan, passed, now)
    assert found.verdict == "passed" and suggested_health(found) is Health.OFF_TRACK
    record_value(store, kr, 100)
    assert strategy_pace(store.plan, passed, now).verdict == "complete"

    unmeasured, _ = half_way(store, now)
    found = strategy_pace(store.plan, unmeasured, now)
    assert (found.verdict, found.actual, found.expected) == ("no-values", 0.0, pytest.approx(0.5))
    assert suggested_health(found) is Health.AT_RISK  # half the time gone and nothing measured
    young = strategy(store, "Young", horizon=now.date().add(days=300))
    add_key_result(store, young, "Signups", 0, 10)  # starts today
    found = strategy_pace(store.plan, young, now)
    assert (found.verdict, found.expected) == ("no-values", 0.0) and suggested_health(found) is Health.ON_TRACK


def test_a_strategy_judged_by_its_key_results_together(zoned):
    now, store = zoned
    sid, ahead = half_way(store, now)
    behind = add_key_result(store, sid, "Revenue", 0, 100, since=now.date().subtract(days=180)).new_ids[0]
    record_value(store, ahead, 90)
    record_value(store, behind, 0)
    found = readings(store.plan, sid)
    strategy = store.plan.strategies[sid]
    assert [key_result_pace(r, strategy, now).verdict for r in found] == ["on-pace", "behind"]
    assert outcome_pace(found, strategy, now).verdict == "on-pace"  # (90 + 0) / 2 against a half
    assert outcome_pace(found, strategy, now).actual == pytest.approx(0.45)


def test_values_count_on_their_local_day_in_every_zone(zoned):
    """A value recorded late on Friday evening counts on Friday, wherever the plan is."""
    now, store = zoned
    sid, kr = half_way(store, now)
    friday = now.date().subtract(days=1)
    record_value(store, kr, 60, on=pendulum.datetime(friday.year, friday.month, friday.day, 23, 30, tz=now.timezone))
    assert store.plan.measurements[1].date == friday
    assert standings_on(store.plan, friday, now)[sid].ratio == pytest.approx(0.6)
    assert standings_on(store.plan, friday.subtract(days=1), now)[sid].ratio == 0.0


def test_a_mixed_parent_is_judged_by_its_parts_against_its_own_time(zoned):
    now, store = zoned
    parent = strategy(store, "Parent", horizon=now.date().add(days=100))
    with store.transaction("made 100 days ago") as tx:
        tx.update("strategies", parent, created=now.subtract(days=100).isoformat())
    child, kr = half_way(store, now)
    actions.move_strategy(store, child, parent)
    record_value(store, kr, 10)
    found = strategy_pace(store.plan, parent, now)
    assert (found.verdict, found.measured_by, found.actual) == ("behind", "key results and tactics", 0.1)


def test_the_review_suggests_from_key_results_and_shows_them_then_and_now(plan_path, moving, now):
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=30)
    sid, kr = half_way(store, now)
    record_value(store, kr, 20)
    record_review(store, sid, Health.ON_TRACK)
    moving.at = now
    tactics(store, sid, 3, 0)  # every tactic done: the tactics would say complete
    record_value(store, kr, 25)
    seen = facts(store.plan, sid, now)
    assert seen.pace.verdict == "behind" and seen.suggested is Health.AT_RISK
    (current, then), = seen.key_results
    assert (current.value, then.value) == (25, 20)


def test_a_paused_strategy_s_key_results_keep_no_pace(zoned):
    """On hold on purpose (everyday's pauses): no verdict, nothing worse than on track suggested."""
    now, store = zoned
    sid, kr = half_way(store, now)
    record_value(store, kr, 5)
    assert strategy_pace(store.plan, sid, now).verdict == "behind"
    actions.edit_strategy(store, sid, status=actions.StrategyStatus.PAUSED)
    found = strategy_pace(store.plan, sid, now)
    assert (found.verdict, found.expected) == ("paused", None) and suggested_health(found) is Health.ON_TRACK
    strategy = store.plan.strategies[sid]
    assert key_result_pace(readings(store.plan, sid)[0], strategy, now).verdict == "paused"
