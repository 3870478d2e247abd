"""The main screen's questions (core/views.py), with a fixed `now`."""

from __future__ import annotations

import pytest

from planner_tui.core import actions, views
from planner_tui.core.errors import InputError
from planner_tui.core.examples import add_examples
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.rollup import Progress, Rollup


@pytest.fixture
def tree(store, now):
    """Goal (s1) > Part (s2) > Leaf (s3); Other (s4) at the top level."""
    goal = actions.add_strategy(store, "Goal", horizon=now.date().add(years=2)).new_ids[0]
    part = actions.add_strategy(store, "Part", parent=goal).new_ids[0]
    leaf = actions.add_strategy(store, "Leaf", parent=part).new_ids[0]
    other = actions.add_strategy(store, "Other").new_ids[0]
    return goal, part, leaf, other


def add(store, title, strategy, due=None, status=None, notes=""):
    tactic = actions.add_tactic(store, title, strategy, due=due, notes=notes).new_ids[0]
    if status:
        actions.set_status(store, [tactic], status)
    return tactic


def test_rollup_counts_each_subtree_on_the_examples(store):
    """Against a plain count over each subtree's built tactics (the oracle); the
    plan's own answers are the roll-up's."""
    add_examples(store)
    plan = store.plan
    rollup = Rollup(plan)
    for sid, strategy in plan.strategies.items():
        counted = [t for t in plan.tactics_of(sid, deep=True) if t.status is not TacticStatus.DROPPED]
        expected = Progress(sum(t.status is TacticStatus.DONE for t in counted), len(counted))
        assert rollup.progress(sid) == plan.progress(sid) == expected
        wish = strategy.status is StrategyStatus.ACTIVE and not any(t.status.is_open for t in counted)
        assert rollup.is_wish(sid) == plan.is_wish(sid) == wish


def test_rollup_counts_subtrees_and_ignores_dropped(store, tree):
    goal, part, leaf, other = tree
    add(store, "a", leaf, status=TacticStatus.DONE)
    add(store, "b", leaf)
    add(store, "c", part, status=TacticStatus.DROPPED)
    rollup = Rollup(store.plan)
    assert rollup.progress(goal).cookie == "1/2"
    assert rollup.open_count(goal) == 1
    assert not rollup.is_wish(goal)
    assert rollup.is_wish(other)


def test_tactic_rows_sorted_by_deadline_then_position(store, tree, now):
    goal, part, leaf, _ = tree
    later = add(store, "later", part, due=now.date().add(days=5))
    none = add(store, "no date", part)
    sooner = add(store, "sooner", part, due=now.date().add(days=1))
    deep = add(store, "deep", leaf, due=now.date())
    rows = views.tactic_rows(store.plan, part).rows
    assert [t.id for t in rows] == [sooner, later, none]
    rows = views.tactic_rows(store.plan, part, deep=True).rows
    assert [t.id for t in rows] == [deep, sooner, later, none]
    rollup = Rollup(store.plan)
    assert list(views.tactic_rows(store.plan, part, deep=True, rollup=rollup).rows) == list(rows)


def test_tactic_rows_hide_done_query_and_limit(store, tree, now):
    _, part, _, _ = tree
    done = add(store, "finished", part, status=TacticStatus.DONE)
    for day in range(5):
        add(store, f"task {day}", part, due=now.date().add(days=day), notes="alpha" if day == 3 else "")
    assert done not in [t.id for t in views.tactic_rows(store.plan, part, hide_done=True).rows]
    found = views.tactic_rows(store.plan, part, query="ALPHA").rows
    assert [t.title for t in found] == ["task 3"]
    limited = views.tactic_rows(store.plan, part, limit=2)
    assert [t.title for t in limited.rows] == ["task 0", "task 1"]
    assert limited.total == 6 and limited.truncated


def test_search_keeps_ancestors_of_hits(store, tree):
    goal, part, leaf, other = tree
    hit = add(store, "Fix [/] parser", leaf)
    result = views.search(store.plan, "[/]")
    assert result.tactic_hits == {hit}
    assert result.visible == {goal, part, leaf}
    assert views.search(store.plan, "other").visible == {other}


def test_day_counts_by_local_date(store, tree, now):
    _, part, _, _ = tree
    add(store, "late", part, due=now.date().subtract(days=1))
    add(store, "late but done", part, due=now.date().subtract(days=1), status=TacticStatus.DONE)
    add(store, "today", part, due=now.date())
    add(store, "today at five", part, due=now.replace(hour=17, minute=0))
    add(store, "tomorrow", part, due=now.date().add(days=1))
    assert views.day_counts(store.plan, now) == views.DayCounts(overdue=1, today=2)


@pytest.mark.parametrize("done_recently, open_count, verdict", [
    (0, 0, "nothing-open"), (0, 3, "too-early"), (4, 2, "keeping-up"),
])
def test_momentum_verdicts(store, now, done_recently, open_count, verdict):
    goal = actions.add_strategy(store, "Goal", horizon=now.date().add(weeks=10)).new_ids[0]
    for index in range(done_recently):
        add(store, f"done {index}", goal, status=TacticStatus.DONE)
    for index in range(open_count):
        add(store, f"open {index}", goal)
    assert views.momentum(store.plan, goal, now).verdict == verdict


@pytest.mark.parametrize("days_old, verdict", [(0, "too-early"), (27, "too-early"), (28, "stalled"), (200, "stalled")])
def test_a_young_strategy_with_nothing_done_is_too_early_to_tell_not_stalled(store, now, days_old, verdict):
    """Four weeks of nothing done is stalled; a strategy younger than that has not had the time."""
    goal = actions.add_strategy(store, "Goal", horizon=now.date().add(years=2)).new_ids[0]
    add(store, "open", goal)
    later = now.add(days=days_old)
    assert views.momentum(store.plan, goal, later).verdict == verdict


def test_momentum_too_slow_and_horizon_cases(store, now):
    goal = actions.add_strategy(store, "Goal", horizon=now.date().add(weeks=1)).new_ids[0]
    add(store, "done", goal, status=TacticStatus.DONE)
    for index in range(10):
        add(store, f"open {index}", goal)
    result = views.momentum(store.plan, goal, now)
    assert result.verdict == "too-slow" and result.weeks_needed == pytest.approx(40)
    free = actions.add_strategy(store, "No horizon").new_ids[0]
    assert views.momentum(store.plan, free, now).verdict == "no-horizon"
    past = actions.add_strategy(store, "Past", horizon=now.date().subtract(days=1)).new_ids[0]
    assert views.momentum(store.plan, past, now).verdict == "past-horizon"


def test_after_horizon(now):
    horizon = now.date().add(days=10)
    assert views.after_horizon(now.date().add(days=11), horizon, now)
    assert not views.after_horizon(now.date().add(days=10), horizon, now)
    assert not views.after_horizon(None, horizon, now)
    assert not views.after_horizon(now.date(), None, now)


def test_paths_targets_and_titles(store, tree):
    goal, part, leaf, other = tree
    assert views.strategy_path(store.plan, leaf) == "Goal › Part › Leaf"
    assert [s.id for s in store.plan.tree_order()] == [goal, part, leaf, other]
    assert [s.id for s in views.move_targets(store.plan, part)] == [goal, other]
    add(store, "Part of it", leaf)
    strategies, tactics = views.find_titles(store.plan, "part")
    assert [s.id for s in strategies] == [part] and [t.title for t in tactics] == ["Part of it"]


def test_tree_shape_ignores_titles_but_not_moves(store, tree):
    goal, part, leaf, other = tree
    before = views.tree_shape(store.plan)
    actions.edit_strategy(store, leaf, title="Renamed")
    assert views.tree_shape(store.plan) == before
    actions.move_strategy(store, leaf, other)
    assert views.tree_shape(store.plan) != before


def test_day_tally_follows_changes_by_id(store, tree, now):
    _, part, _, _ = tree
    late = add(store, "late", part, due=now.date().subtract(days=1))
    today = add(store, "today", part, due=now.date())
    tally = views.DayTally(store.plan, now)
    assert tally.counts == views.DayCounts(1, 1)
    actions.set_status(store, [late], TacticStatus.DONE)
    actions.reschedule(store, [today], now.date().subtract(days=2))
    tally.update(store.plan, [late, today])
    assert tally.counts == views.DayCounts(1, 0) == views.day_counts(store.plan, now)
    actions.delete_tactic(store, today)
    tally.update(store.plan, [today])
    assert tally.counts == views.DayCounts(0, 0)


def test_a_paused_strategy_has_no_pace_until_its_pause_ends(store, now):
    from planner_tui.core.model import StrategyStatus

    sid = actions.add_strategy(store, "On hold", horizon=now.date().add(days=30)).new_ids[0]
    actions.add_tactic(store, "Step", sid)
    actions.edit_strategy(store, sid, status=StrategyStatus.PAUSED, paused_until=now.date().add(days=7))
    assert views.momentum(store.plan, sid, now).verdict == "paused"
    assert views.momentum(store.plan, sid, now.add(days=7)).verdict == "too-early"  # resumed; a week old, nothing done yet
