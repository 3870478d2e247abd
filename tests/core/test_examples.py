"""The example plans: one commit, three trees, alive relative to today."""

from __future__ import annotations

import pytest

from planner_tui.core import actions
from planner_tui.core.checkin import agenda_groups
from planner_tui.core.dates import describe
from planner_tui.core.day import Day
from planner_tui.core.examples import EXAMPLES, add_examples
from planner_tui.core.history import History
from planner_tui.core.model import TacticStatus
from planner_tui.core.repeat import validate_rule
from planner_tui.core.file.store import Store


@pytest.fixture
def loaded(store, plan_path):
    """The examples added to an empty plan, read back by a fresh Store."""
    add_examples(store)
    return Store(plan_path).plan


def test_three_trees_in_order_with_their_own_positions(loaded):
    roots = loaded.roots()
    assert [r.title for r in roots] == [e.title for e in EXAMPLES]
    assert [r.position for r in roots] == [0, 1, 2]
    for root, example in zip(roots, EXAMPLES):
        children = loaded.children(root.id)
        assert [c.title for c in children] == [c.title for c in example.children]
        assert [c.position for c in children] == list(range(len(children)))
        for child, child_example in zip(children, example.children):
            assert [t.title for t in loaded.tactics_of(child.id)] == [t.title for t in child_example.tactics]


def test_added_after_existing_strategies(store, plan_path):
    actions.add_strategy(store, "Mine")
    add_examples(store)
    add_examples(store)
    roots = Store(plan_path).plan.roots()
    assert [r.position for r in roots] == list(range(7))
    assert roots[0].title == "Mine"
    assert len({r.id for r in roots}) == 7


def test_horizons_and_deadlines_are_relative_to_today(loaded, now):
    student, founder, company = loaded.roots()
    assert student.horizon == now.date().add(years=5)
    assert describe(student.horizon, now) == "in 5 years"
    assert describe(founder.horizon, now) == "in 4 years"
    assert describe(company.horizon, now) == "in 3 years"
    agenda = dict(agenda_groups(loaded, Day(now)))
    assert agenda["overdue"] and agenda["today"] and agenda["doing"] and agenda["upcoming"]


def test_every_tactic_is_consistent(loaded, now):
    for tactic in loaded.tactics.values():
        assert tactic.created == now
        assert (tactic.done_at is not None) == (tactic.status is TacticStatus.DONE)
        assert tactic.repeat is None or validate_rule(tactic.repeat) == tactic.repeat
        assert tactic.strategy in loaded.strategies


def test_progress_rolls_up_to_each_root(loaded):
    for root in loaded.roots():
        assert loaded.progress(root.id).total == len(loaded.tactics_of(root.id, deep=True))
        assert not loaded.is_wish(root.id)


def test_one_undo_takes_all_examples_back(store, plan_path):
    actions.add_strategy(store, "Mine")
    history = History(store)
    history.record(add_examples(store))
    history.undo()
    plan = Store(plan_path).plan
    assert [s.title for s in plan.strategies.values()] == ["Mine"]
    assert plan.tactics == {}
