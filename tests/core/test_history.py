"""Undo and redo, checked in the plan file (a fresh Store on the path), not only in memory."""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions
from planner_tui.core.history import History
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store, UndoRefused


def tables(path) -> dict:
    """Strategies and tactics as the file holds them (meta, with its counters, left out)."""
    data = json.loads(path.read_text())
    return {name: data.get(name, {}) for name in ("strategies", "tactics")}


def reopened(path):
    """The plan as a new process would load it."""
    return Store(path).plan


@pytest.fixture
def history(store):
    return History(store)


@pytest.fixture
def tree(store, history, now):
    """Goal (s1) > Part (s2) > Leaf (s3), Other (s4), each with two tactics; not in history."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    part = actions.add_strategy(store, "Part", parent=goal, why="why").new_ids[0]
    leaf = actions.add_strategy(store, "Leaf", parent=part).new_ids[0]
    other = actions.add_strategy(store, "Other").new_ids[0]
    for sid in (goal, part, leaf, other):
        actions.add_tactic(store, f"first of s{sid}", sid, due=now.date().add(days=sid))
        actions.add_tactic(store, f"second of s{sid}", sid, repeat="1w")
    return goal, part, leaf, other


def test_undo_and_redo_of_an_added_strategy(store, plan_path, history):
    sid = history.record(actions.add_strategy(store, "Goal")).new_ids[0]
    added = tables(plan_path)["strategies"][str(sid)]
    history.undo()
    assert sid not in reopened(plan_path).strategies
    assert tables(plan_path)["strategies"] == {}
    history.redo()
    assert tables(plan_path)["strategies"] == {str(sid): added}
    assert reopened(plan_path).strategies[sid].title == "Goal"


def test_undo_and_redo_of_an_added_tactic(store, plan_path, history, tree):
    before = tables(plan_path)
    tid = history.record(actions.add_tactic(store, "new", tree[0])).new_ids[0]
    after = tables(plan_path)
    history.undo()
    assert tables(plan_path) == before
    history.redo()
    assert tables(plan_path) == after
    assert reopened(plan_path).tactics[tid].title == "new"


def test_undo_and_redo_of_edits(store, plan_path, history, tree, now):
    before = tables(plan_path)
    history.record(actions.edit_strategy(store, tree[1], title="Renamed", why="", status="achieved"))
    history.record(actions.edit_tactic(store, 1, title="changed", due=None, repeat="1d"))
    edited = tables(plan_path)
    history.undo()
    history.undo()
    assert tables(plan_path) == before
    plan = reopened(plan_path)
    assert (plan.strategies[tree[1]].title, plan.strategies[tree[1]].why) == ("Part", "why")
    assert (plan.tactics[1].title, plan.tactics[1].due, plan.tactics[1].repeat) == (
        "first of s1", now.date().add(days=1), None)
    history.redo()
    history.redo()
    assert tables(plan_path) == edited


def test_undo_of_a_cascading_strategy_delete_restores_everything(store, plan_path, history, tree):
    before = tables(plan_path)
    history.record(actions.delete_strategy(store, tree[0]))
    remaining = reopened(plan_path)
    assert list(remaining.strategies) == [tree[3]]
    assert sorted(remaining.tactics) == [7, 8]
    history.undo()
    assert tables(plan_path) == before  # same ids, same fields, same positions
    plan = reopened(plan_path)
    assert plan.descendants(tree[0]) == [tree[0], tree[1], tree[2]]
    assert [t.id for t in plan.tactics_of(tree[0], deep=True)] == [1, 2, 3, 4, 5, 6]
    history.redo()
    assert list(reopened(plan_path).strategies) == [tree[3]]


def test_undo_and_redo_of_a_deleted_tactic(store, plan_path, history, tree):
    before = tables(plan_path)
    history.record(actions.delete_tactic(store, 3))
    assert "3" not in tables(plan_path)["tactics"]
    history.undo()
    assert tables(plan_path) == before
    history.redo()
    assert "3" not in tables(plan_path)["tactics"]


def test_undo_of_a_done_repeating_tactic_removes_its_next_occurrence(store, plan_path, history, tree):
    before = tables(plan_path)
    change = history.record(actions.set_status(store, [2], TacticStatus.DONE))
    assert len(tables(plan_path)["tactics"]) == 9
    history.undo()
    assert tables(plan_path) == before
    assert change.new_ids[0] not in reopened(plan_path).tactics


def test_undo_of_moves_and_reorders(store, plan_path, history, tree):
    before = tables(plan_path)
    history.record(actions.move_strategy(store, tree[1], tree[3]))
    history.record(actions.reorder_strategy(store, tree[3], -1))
    history.record(actions.push(store, [1, 3], 5))
    for _ in range(3):
        history.undo()
    assert tables(plan_path) == before


def test_ids_stay_unused_after_undoing_an_add(store, plan_path, history):
    first = history.record(actions.add_strategy(store, "first")).new_ids[0]
    history.undo()
    second = actions.add_strategy(store, "second").new_ids[0]
    assert second == first + 1
    assert list(reopened(plan_path).strategies) == [second]


def test_undo_keeps_another_process_s_changes(store, plan_path, history, tree):
    history.record(actions.edit_tactic(store, 1, title="mine"))
    other = Store(plan_path, clock=store.clock)
    theirs = actions.add_strategy(other, "theirs").new_ids[0]
    actions.edit_tactic(other, 3, notes="their note")
    history.undo()
    plan = reopened(plan_path)
    assert plan.tactics[1].title == "first of s1"
    assert plan.strategies[theirs].title == "theirs"
    assert plan.tactics[3].notes == "their note"


def test_undo_of_an_edit_to_what_another_process_deleted_is_refused(store, plan_path, history, tree):
    """As `planner undo`: the plan no longer shows the edit (it used to be skipped, and
    'Undid: edit t1' was said of an undo that changed nothing)."""
    history.record(actions.edit_tactic(store, 1, title="mine"))
    actions.delete_tactic(Store(plan_path), 1)
    before = plan_path.read_bytes()
    with pytest.raises(UndoRefused, match=r"Cannot undo 'edit t1': the plan has changed since "
                                          r"\(tactic 1 'mine' was deleted\)"):
        history.undo()
    assert plan_path.read_bytes() == before
    assert 1 not in reopened(plan_path).tactics
    assert history.can_undo and not history.can_redo


def test_stacks_and_their_edges(store, history):
    assert (history.undo(), history.redo()) == (None, None)
    assert not history.can_undo and not history.can_redo
    history.record(actions.add_strategy(store, "a"))
    history.record(actions.add_strategy(store, "b"))
    history.undo()
    assert history.can_undo and history.can_redo
    history.record(actions.add_strategy(store, "c"))
    assert not history.can_redo  # a new change clears redo
    assert [s.title for s in store.plan.roots()] == ["a", "c"]


def test_empty_changes_are_not_recorded(store, history, tree):
    history.record(actions.reorder_strategy(store, tree[0], -1))  # already first
    assert not history.can_undo


def test_depth_limits_the_undo_stack(store, plan_path):
    history = History(store, depth=2)
    for title in "abc":
        history.record(actions.add_strategy(store, title))
    assert history.undo() and history.undo()
    assert history.undo() is None
    assert [s.title for s in reopened(plan_path).roots()] == ["a"]


def test_a_journaled_change_is_undone_by_a_later_process(store, plan_path, tree):
    """The CLI's `planner undo`: the change is kept in the journal next to the file."""
    before = tables(plan_path)
    actions.delete_strategy(store, tree[1], journal=True)
    undone = Store(plan_path).pop_journal()
    assert undone and undone.label.startswith("undo delete strategy")
    assert tables(plan_path) == before
    assert Store(plan_path).pop_journal() is None
