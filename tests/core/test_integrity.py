"""Undo and redo that would leave the plan inconsistent are refused (core/file/integrity.py):
the CLI's journal (`Store.pop_journal`) and the app's `History` share the rule.

`other(store)` is a second Store on the same file: another process (`planner add` in a
terminal, or the app while the CLI runs). Refusals leave the file byte for byte.
"""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions

from planner_tui.core.file import integrity
from planner_tui.core.file.changes import Change, Patch, Put, Remove
from planner_tui.core.errors import InputError
from planner_tui.core.history import History
from planner_tui.core.file.store import StaleUndo, Store, UndoRefused


def other(store: Store) -> Store:
    """Another process on the same file, opened now."""
    return Store(store.path, clock=store.clock)


@pytest.fixture
def history(store):
    return History(store)


@pytest.fixture
def tree(store):
    """Goal (s1) > Part (s2) > Leaf (s3); Part has tactic t1, Leaf t2."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    part = actions.add_strategy(store, "Part", parent=goal).new_ids[0]
    leaf = actions.add_strategy(store, "Leaf", parent=part).new_ids[0]
    actions.add_tactic(store, "Step", part)
    actions.add_tactic(store, "Deep step", leaf)
    return goal, part, leaf


def saved(path) -> dict:
    data = json.loads(path.read_text())
    return {name: data.get(name, {}) for name in ("strategies", "tactics")}


def refused(step, plan_path, match: str) -> None:
    """``step()`` raises StaleUndo saying ``match``, and the file is untouched."""
    before = plan_path.read_bytes()
    with pytest.raises(StaleUndo, match=match):
        step()
    assert plan_path.read_bytes() == before


# -- the CLI's journal ---------------------------------------------------------------------------


def test_journal_undo_of_a_strategy_delete_after_its_parent_was_deleted_is_refused(store, plan_path, tree):
    goal, part, _ = tree
    actions.delete_strategy(store, part, journal=True)  # Part, Leaf and both tactics
    actions.delete_strategy(other(store), goal)  # the app, meanwhile: not journaled
    fresh = Store(plan_path)
    refused(fresh.pop_journal, plan_path,
            r"Cannot undo \"delete strategy 'Part'\": the plan has changed since \(strategy 1 is gone, "
            r"and this would put strategy 2 'Part' back under it\)\. It was taken off the undo list")
    assert Store(plan_path).pop_journal() is None  # the entry left the journal


def test_journal_undo_of_a_move_back_under_a_deleted_strategy_is_refused(store, plan_path, tree):
    goal, _, leaf = tree
    actions.move_tactic(store, 2, goal, journal=True)
    actions.delete_strategy(other(store), leaf)
    refused(Store(plan_path).pop_journal, plan_path, r"strategy 3 is gone, and this would put tactic 2 'Deep step'")


def test_journal_undo_of_a_strategy_deleted_with_its_subtree_and_tactics_still_works(store, plan_path, tree):
    """Leaf names Part and t1 names Part, all three gone: the undo brings them back together."""
    before = saved(plan_path)
    actions.delete_strategy(store, tree[1], journal=True)
    actions.add_tactic(other(store), "Unrelated", tree[0])
    assert Store(plan_path).pop_journal() is not None
    after = saved(plan_path)
    assert after["strategies"] == before["strategies"]
    assert sorted(after["tactics"]) == ["1", "2", "3"]


# -- the app's history --------------------------------------------------------------------------


def test_history_undo_of_a_strategy_add_refuses_once_another_process_hangs_a_tactic_under_it(
        store, plan_path, history):
    sid = history.record(actions.add_strategy(store, "Goal")).new_ids[0]
    tid = actions.add_tactic(other(store), "Run", sid).new_ids[0]
    message = (r"Cannot undo \"add strategy 'Goal'\": the plan has changed since \(tactic 1 'Run' is now under "
               r"strategy 1 'Goal', which this would remove\)\. Nothing was changed; move or delete tactic 1 'Run' "
               r"first, then try again\.")
    refused(history.undo, plan_path, message)
    assert history.can_undo and not history.can_redo  # the change stays on top: it refuses again
    with pytest.raises(UndoRefused) as again:
        history.undo()
    assert isinstance(again.value, InputError)  # bad input for the moment: the screens say so
    actions.delete_tactic(other(store), tid)  # what the message says to do
    assert history.undo().label == "add strategy 'Goal'"
    assert saved(plan_path) == {"strategies": {}, "tactics": {}}
    assert history.can_redo


def test_history_undo_of_a_tactic_delete_after_its_strategy_was_deleted_is_refused(store, plan_path, tree,
                                                                                   history):
    history.record(actions.delete_tactic(store, 1))
    actions.delete_strategy(other(store), tree[1])
    refused(history.undo, plan_path, r"strategy 2 is gone, and this would put tactic 1 'Step' back under it")
    assert history.can_undo and not history.can_redo


def test_history_undo_of_a_strategy_deleted_with_its_tactics_still_works(store, plan_path, tree, history):
    before = saved(plan_path)
    history.record(actions.delete_strategy(store, tree[0]))
    actions.add_strategy(other(store), "Unrelated")
    history.undo()
    assert {k: v for k, v in saved(plan_path)["strategies"].items() if k != "4"} == before["strategies"]
    assert saved(plan_path)["tactics"] == before["tactics"]


def test_history_redo_of_a_tactic_add_after_its_strategy_was_deleted_is_refused(store, plan_path, tree,
                                                                                history):
    history.record(actions.add_tactic(store, "New", tree[2]))
    history.undo()
    actions.delete_strategy(other(store), tree[2])
    refused(history.redo, plan_path,
            r"Cannot redo \"add tactic 'New'\": the plan has changed since \(strategy 3 is gone, "
            r"and this would put tactic 3 'New' back under it\)")
    assert history.can_redo and not history.can_undo  # still there to redo (or to drop by a new change)


def test_history_redo_of_a_strategy_delete_refuses_once_something_hangs_under_it(store, plan_path, tree,
                                                                                 history):
    history.record(actions.delete_strategy(store, tree[2]))
    history.undo()
    actions.add_tactic(other(store), "Theirs", tree[2])
    refused(history.redo, plan_path, r"tactic 3 'Theirs' is now under strategy 3 'Leaf', which this would remove")
    assert history.can_redo


def test_history_redo_after_another_window_s_move_would_make_a_loop_and_is_refused(store, plan_path):
    """Window A moves Two under One and undoes; window B moves One under Two; A redoes."""
    one = actions.add_strategy(store, "One").new_ids[0]
    two = actions.add_strategy(store, "Two").new_ids[0]
    actions.add_tactic(store, "Under one", one)
    actions.add_tactic(store, "Under two", two)
    window_a, window_b = History(store), History(other(store))
    window_a.record(actions.move_strategy(store, two, one))
    window_a.undo()
    window_b.record(actions.move_strategy(window_b.store, one, two))
    refused(window_a.redo, plan_path,
            r"Cannot redo 'move s2': the plan has changed since \(strategy 1 'One' is now under strategy 2 'Two', "
            r"so this would put strategy 2 'Two' under strategy 1 'One': a loop\)\. Nothing was changed; "
            r"move strategy 1 'One' out from under strategy 2 'Two' first, then try again\.")
    assert window_a.can_redo
    plan = Store(plan_path).plan
    assert [s.title for s in plan.roots()] == ["Two"] and plan.descendants(two) == [two, one]


def test_journal_undo_that_would_make_a_loop_is_refused(store, plan_path):
    """`planner undo` of a move to the top, after the app moved the old parent under it."""
    one = actions.add_strategy(store, "One").new_ids[0]
    two = actions.add_strategy(store, "Two", parent=one).new_ids[0]
    three = actions.add_strategy(store, "Three", parent=two).new_ids[0]
    actions.move_strategy(store, three, None, journal=True)  # Three to the top: its own tree
    actions.move_strategy(other(store), one, three)  # One (and Two below it) under Three
    refused(store.pop_journal, plan_path, r"strategy 2 'Two' is now under strategy 3 'Three', so this would put "
                                          r"strategy 3 'Three' under strategy 2 'Two': a loop")


def test_a_loop_longer_than_two_is_named_by_the_link_that_closes_it():
    """Taking back a move of s1 to the top would put it under s3, which is now under s2, under s1."""
    move = Change("move s1", [Patch("strategies", 1, {"parent": None})], [Patch("strategies", 1, {"parent": 3})])
    now = tables(strategies={"1": {"title": "A", "parent": None}, "2": {"title": "B", "parent": 1},
                             "3": {"title": "C", "parent": 2}})
    refusal = integrity.refusal(move, now)
    assert refusal is not None and refusal.reason == (
        "strategy 3 'C' is now under strategy 1 'A', so this would put strategy 1 'A' under strategy 3 'C': a loop")
    assert refusal.fix == "move strategy 3 'C' out from under strategy 1 'A' first, then try again"


def test_a_loop_already_in_the_file_that_the_undo_does_not_close_does_not_block_it():
    edit = Change("edit", [Patch("strategies", 3, {"title": "b"})], [Patch("strategies", 3, {"title": "a"})])
    looped = tables(strategies={"1": {"title": "A", "parent": 2}, "2": {"title": "B", "parent": 1},
                                "3": {"title": "b", "parent": 1}})
    assert integrity.refusal(edit, looped) is None


@pytest.mark.parametrize("theirs, allowed", [
    ({"title": "their title"}, False),   # the field the undo would set back
    ({"notes": "their note"}, True),     # another field of the same tactic: kept
], ids=["same field", "other field"])
def test_history_undo_of_an_edit_another_process_edited_again(store, plan_path, tree, history, theirs,
                                                              allowed):
    history.record(actions.edit_tactic(store, 1, title="mine"))
    actions.edit_tactic(other(store), 1, **theirs)
    if not allowed:
        refused(history.undo, plan_path, r"\(tactic 1 'their title' was edited\)")
        return
    history.undo()
    assert (saved(plan_path)["tactics"]["1"]["title"], saved(plan_path)["tactics"]["1"]["notes"]) == (
        "Step", "their note")


def test_a_sequence_of_the_app_s_own_undos_and_redos_is_never_refused(store, plan_path, history, tree, now):
    """Alone, every undo meets the plan as its change left it: nothing is stale."""
    start = saved(plan_path)
    history.record(actions.add_tactic(store, "weekly", tree[2], due=now.date(), repeat="1w"))
    history.record(actions.set_status(store, [3], actions.TacticStatus.DONE))
    history.record(actions.move_strategy(store, tree[2], tree[0]))
    history.record(actions.delete_strategy(store, tree[1]))
    history.record(actions.edit_strategy(store, tree[0], title="Renamed"))
    end = saved(plan_path)
    while history.can_undo:
        history.undo()
    assert saved(plan_path) == start
    while history.can_redo:
        history.redo()
    assert saved(plan_path) == end


# -- the rule itself ----------------------------------------------------------------------------


def tables(**named: dict) -> integrity.Tables:
    return lambda name: named.get(name, {})


def test_a_document_the_undo_writes_counts_as_it_will_be():
    """A strategy and the tactic under it restored together; a tactic moved off a strategy
    that the same undo removes."""
    restore = Change("delete", [Remove("tactics", 1), Remove("strategies", 1)],
                     [Put("strategies", 1, {"title": "S", "parent": None}), Put("tactics", 1, {"strategy": 1})])
    assert integrity.refusal(restore, tables()) is None
    move_in = Change("add and move", [Put("strategies", 2, {"title": "New"}), Patch("tactics", 1, {"strategy": 2})],
                     [Patch("tactics", 1, {"strategy": 1}), Remove("strategies", 2)])
    now = tables(strategies={"1": {"title": "Old"}, "2": {"title": "New"}}, tactics={"1": {"strategy": 2}})
    assert integrity.refusal(move_in, now) is None


def test_a_hand_made_dangling_reference_the_undo_does_not_write_does_not_block_it():
    """A tactic already naming a missing strategy (edited by hand) is not the undo's doing."""
    edit = Change("edit", [Patch("tactics", 1, {"title": "b"})], [Patch("tactics", 1, {"title": "a"})])
    assert integrity.refusal(edit, tables(tactics={"1": {"title": "b", "strategy": 9}})) is None
