"""The strategic overview's order: what needs attention first, and why in words."""

from __future__ import annotations

import pytest

from planner_tui.core import actions, overview
from planner_tui.core.file.store import Store
from planner_tui.core.model import Health, StrategyStatus, TacticStatus
from planner_tui.core.review import record_review


@pytest.fixture
def company(plan_path, moving, now):
    """Strategies made 100 days ago, one for each level of attention, then the clock back to now."""
    moving.at = now.subtract(days=100)
    store = Store(plan_path, clock=moving)
    day = moving.at.date()

    def strategy(title, **fields):
        return actions.add_strategy(store, title, **fields).new_ids[0]

    ids = {
        "fine far": strategy("fine far", horizon=day.add(days=900)),
        "fine near": strategy("fine near", horizon=day.add(days=300)),
        "passed": strategy("passed", horizon=day.add(days=50)),
        "behind": strategy("behind", horizon=day.add(days=200)),
        "reviewed at risk": strategy("reviewed at risk", horizon=day.add(days=800)),
        "review late": strategy("review late", horizon=day.add(days=800), review_every=30),
        "no tactics": strategy("no tactics", horizon=day.add(days=400)),
        "paused": strategy("paused", horizon=day.add(days=400)),
        "achieved": strategy("achieved"),
        "dropped": strategy("dropped"),
    }
    ids["sub of fine far"] = strategy("sub of fine far", parent=ids["fine far"], horizon=day.add(days=500))
    for name in ("fine far", "fine near", "passed", "behind", "reviewed at risk", "review late", "paused",
                 "sub of fine far"):
        tactics = [actions.add_tactic(store, f"{name} {n}", ids[name]).new_ids[0] for n in range(4)]
        if name != "behind":  # 100 of ~200-900 days gone: half done keeps pace, none done is behind
            actions.set_status(store, tactics[:2], TacticStatus.DONE)
    record_review(store, ids["reviewed at risk"], Health.AT_RISK, None)
    record_review(store, ids["review late"], Health.ON_TRACK, None)
    actions.edit_strategy(store, ids["achieved"], status=StrategyStatus.ACHIEVED)
    actions.edit_strategy(store, ids["dropped"], status=StrategyStatus.DROPPED)
    actions.edit_strategy(store, ids["paused"], status=StrategyStatus.PAUSED, paused_until=now.date().add(days=30))
    moving.at = now
    return store, ids


def test_the_overview_puts_what_needs_attention_first(company, now):
    store, ids = company
    rows = overview.overview(store.plan, now)
    assert [row.strategy.title for row in rows] == [
        "passed", "behind", "reviewed at risk", "review late", "no tactics",
        "fine near", "sub of fine far", "fine far", "paused", "achieved"]  # dropped: left out
    why = {row.strategy.title: row.reasons for row in rows}
    assert why["passed"] == ("horizon passed",)
    assert why["behind"] == ("behind pace",)
    assert why["reviewed at risk"] == ("reviewed at risk",)
    assert why["review late"] == ("review 70d late",)  # reviewed 100 days ago, every 30 days
    assert why["no tactics"] == ("no tactics yet",)
    assert why["fine far"] == why["achieved"] == ()


def test_each_row_carries_the_review_numbers(company, now):
    store, ids = company
    row = next(r for r in overview.overview(store.plan, now) if r.strategy.id == ids["review late"])
    assert row.health is Health.ON_TRACK and row.last_review == now.date().subtract(days=100)
    assert row.next_review == now.date().subtract(days=70) and row.days_left == 700
    assert (row.progress.tactics.done, row.progress.tactics.total) == (2, 4)
    assert row.pace.verdict == "on-pace" and row.depth == 0


def test_top_only_leaves_sub_strategies_out(company, now):
    store, ids = company
    assert ids["sub of fine far"] not in {r.strategy.id for r in overview.overview(store.plan, now, top_only=True)}
    assert all(r.depth == 0 for r in overview.overview(store.plan, now, top_only=True))


def test_a_concern_of_each_kind_is_said_most_pressing_first(company, now):
    store, ids = company
    record_review(store, ids["behind"], Health.OFF_TRACK, None)
    row = next(r for r in overview.overview(store.plan, now) if r.strategy.id == ids["behind"])
    assert row.attention == overview.OFF_TRACK
    assert row.reasons == ("reviewed off track", "behind pace")
