"""Every action decides what it changes from the plan as re-read under the lock.

`app` is a Store that loaded the plan a while ago and has not looked since (the
app between two polls); `other` is another process on the same file (`planner
add` in a second terminal) that writes meanwhile. What `app` then does is
decided from the file as it is now, or refused with nothing written.
"""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions
from planner_tui.core.errors import InputError
from planner_tui.core.history import History
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store


def other(store: Store) -> Store:
    """Another process on the same file, opened now."""
    return Store(store.path, clock=store.clock)


def stored(path) -> dict:
    data = json.loads(path.read_text())
    return {name: data.get(name, {}) for name in ("strategies", "tactics")}


def unchanged(step, path, match: str) -> None:
    """``step()`` is refused with an InputError saying ``match``; the file is byte for byte as it was."""
    before = path.read_bytes()
    with pytest.raises(InputError, match=match):
        step()
    assert path.read_bytes() == before


@pytest.fixture
def tree(store):
    """Goal (s1) > Part (s2) with t1; Side (s3) with t2 and t3."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    part = actions.add_strategy(store, "Part", parent=goal).new_ids[0]
    side = actions.add_strategy(store, "Side").new_ids[0]
    actions.add_tactic(store, "Step", part)
    actions.add_tactic(store, "One", side)
    actions.add_tactic(store, "Two", side)
    return goal, part, side


def test_deleting_a_strategy_deletes_the_tactic_another_process_just_added_to_it(store, plan_path, tree):
    goal, part, _ = tree
    late = actions.add_tactic(other(store), "Added a second ago", part).new_ids[0]
    history = History(store)
    history.record(actions.delete_strategy(store, goal))
    after = Store(plan_path).plan
    assert late not in after.tactics  # deleted with its strategy, not left pointing at nothing
    assert all(t.strategy in after.strategies for t in after.tactics.values())
    history.undo()
    back = Store(plan_path).plan
    assert back.tactics[late].title == "Added a second ago" and back.tactics[late].strategy == part
    assert set(back.strategies) == {goal, part, tree[2]}


def test_deleting_a_strategy_deletes_a_sub_strategy_another_process_just_added(store, plan_path, tree):
    goal, part, _ = tree
    sub = actions.add_strategy(other(store), "Sub", parent=part).new_ids[0]
    actions.delete_strategy(store, goal)
    assert sub not in Store(plan_path).plan.strategies


def test_deleting_a_strategy_another_process_deleted_is_refused(store, plan_path, tree):
    actions.delete_strategy(other(store), tree[2])
    unchanged(lambda: actions.delete_strategy(store, tree[2]), plan_path, "s3")


def test_a_move_into_what_became_its_own_subtree_meanwhile_is_refused(store, plan_path, tree):
    goal, part, side = tree
    actions.move_strategy(other(store), side, part)  # Side is now under Part, under Goal
    unchanged(lambda: actions.move_strategy(store, goal, side), plan_path,
              "cannot move under itself or one of its sub-strategies")
    assert Store(plan_path).plan.strategies[goal].parent is None


def test_a_move_goes_to_the_end_of_the_siblings_as_they_are_now(store, plan_path, tree):
    goal, part, side = tree
    late = actions.add_strategy(other(store), "Late", parent=goal).new_ids[0]
    actions.move_strategy(store, side, goal)
    plan = Store(plan_path).plan
    assert [s.id for s in plan.children(goal)] == [part, late, side]


def test_adding_a_tactic_to_a_strategy_deleted_meanwhile_is_refused(store, plan_path, tree):
    actions.delete_strategy(other(store), tree[2])
    unchanged(lambda: actions.add_tactic(store, "Orphan", tree[2]), plan_path, "s3")


def test_adding_a_sub_strategy_to_one_deleted_meanwhile_is_refused(store, plan_path, tree):
    actions.delete_strategy(other(store), tree[2])
    unchanged(lambda: actions.add_strategy(store, "Orphan", parent=tree[2]), plan_path, "s3")


def test_moving_a_tactic_to_a_strategy_deleted_meanwhile_is_refused(store, plan_path, tree):
    actions.delete_strategy(other(store), tree[1])
    unchanged(lambda: actions.move_tactic(store, 2, tree[1]), plan_path, "s2")


def test_an_added_tactic_goes_after_the_one_another_process_just_added(store, plan_path, tree):
    side = tree[2]
    late = actions.add_tactic(other(store), "Late", side).new_ids[0]
    mine = actions.add_tactic(store, "Mine", side).new_ids[0]
    plan = Store(plan_path).plan
    assert [t.id for t in plan.tactics_of(side)] == [2, 3, late, mine]
    assert plan.tactics[late].position < plan.tactics[mine].position


def test_reorder_moves_among_the_siblings_as_they_are_now(store, plan_path, tree):
    side = tree[2]
    late = actions.add_tactic(other(store), "Late", side).new_ids[0]
    actions.reorder_tactic(store, late, -1)  # up one: above Two, which this store has not seen it below
    assert [t.title for t in Store(plan_path).plan.tactics_of(side)] == ["One", "Late", "Two"]


def test_reorder_of_a_strategy_counts_a_sibling_added_meanwhile(store, plan_path, tree):
    goal, part, side = tree
    late = actions.add_strategy(other(store), "Late").new_ids[0]
    actions.reorder_strategy(store, late, -1)
    assert [s.title for s in Store(plan_path).plan.roots()] == ["Goal", "Late", "Side"]


def test_reorder_of_a_tactic_moved_elsewhere_meanwhile_uses_its_new_siblings(store, plan_path, tree):
    goal, part, side = tree
    actions.move_tactic(other(store), 1, side)  # Step leaves Part for Side, at the end
    actions.reorder_tactic(store, 1, -1)
    assert [t.title for t in Store(plan_path).plan.tactics_of(side)] == ["One", "Step", "Two"]


def test_reorder_of_a_tactic_deleted_meanwhile_is_refused(store, plan_path, tree):
    actions.delete_tactic(other(store), 2)
    unchanged(lambda: actions.reorder_tactic(store, 2, 1), plan_path, "t2")


def test_push_counts_from_the_deadline_as_it_is_now(store, plan_path, tree, now):
    actions.reschedule(store, [2], now.date().add(days=3))
    actions.reschedule(other(store), [2], now.date().add(days=10))
    actions.push(store, [2], 1)
    assert Store(plan_path).plan.tactics[2].due == now.date().add(days=11)


def test_done_on_a_tactic_another_process_already_finished_is_a_no_op(store, plan_path, tree):
    actions.set_status(other(store), [2], TacticStatus.DONE)
    before = plan_path.read_bytes()
    change = actions.set_status(store, [2], TacticStatus.DONE)
    assert not change and plan_path.read_bytes() == before


def test_status_of_a_tactic_deleted_meanwhile_is_refused(store, plan_path, tree):
    actions.delete_tactic(other(store), 3)
    unchanged(lambda: actions.set_status(store, [2, 3], TacticStatus.DONE), plan_path, "t3")


def test_a_tactic_deleted_meanwhile_cannot_be_pushed_edited_or_deleted(store, plan_path, tree):
    actions.delete_tactic(other(store), 3)
    unchanged(lambda: actions.push(store, [3], 1), plan_path, "t3")
    unchanged(lambda: actions.edit_tactic(store, 3, title="x"), plan_path, "t3")
    unchanged(lambda: actions.delete_tactic(store, 3), plan_path, "t3")
    unchanged(lambda: actions.move_tactic(store, 3, tree[0]), plan_path, "t3")
