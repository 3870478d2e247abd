"""Every change a person can make, checked in the plan file itself."""

from __future__ import annotations

import json

import pendulum
import pytest

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.core.errors import InputError
from planner_tui.core.model import TacticStatus
from planner_tui.core.plan import deadline_order
from planner_tui.core.file.store import Store

MARKUP = "[bold]x[/] [@click=app.quit]"


def on_disk(path) -> dict:
    """The plan file's tables, read as JSON: what other tools see."""
    return json.loads(path.read_text())


def doc(path, table: str, doc_id: int) -> dict | None:
    return on_disk(path).get(table, {}).get(str(doc_id))


def new_id(change) -> int:
    return change.new_ids[0]


@pytest.fixture
def tree(store):
    """Goal (s1) > Part (s2) > Leaf (s3); Other (s4) at the top; a tactic in each."""
    goal = new_id(actions.add_strategy(store, "Goal"))
    part = new_id(actions.add_strategy(store, "Part", parent=goal))
    leaf = new_id(actions.add_strategy(store, "Leaf", parent=part))
    other = new_id(actions.add_strategy(store, "Other"))
    for sid in (goal, part, leaf, other):
        actions.add_tactic(store, f"task of s{sid}", sid)
    return goal, part, leaf, other


# -- adding ---------------------------------------------------------------------

def test_add_strategy_writes_the_documented_fields(store, plan_path, now):
    change = actions.add_strategy(store, "  Get   a job ", why=" pays ", review_every=30,
                                  horizon=now.date().add(years=5))
    stored = doc(plan_path, "strategies", new_id(change))
    assert stored == {"title": "Get a job", "parent": None, "why": "pays",
                      "horizon": "2031-11-28", "status": "active", "position": 0,
                      "review_every": 30, "created": now.isoformat(), "modified": now.isoformat()}
    assert stored["created"][-6] in "+-"


def test_add_tactic_stores_dates_as_dates_and_times_with_offsets(store, plan_path, tree, now):
    goal = tree[0]
    day_only = new_id(actions.add_tactic(store, "by a day", goal, due=now.date().add(days=3)))
    timed = new_id(actions.add_tactic(store, "at a time", goal, due=now.add(hours=2),
                                      repeat="Weekly", notes=" n "))
    assert doc(plan_path, "tactics", day_only)["due"] == "2026-12-01"
    stored = doc(plan_path, "tactics", timed)
    assert stored["due"] == to_iso(now.add(hours=2)) and stored["due"].partition("[")[0][-6] in "+-"
    assert (stored["repeat"], stored["notes"], stored["status"], stored["done_at"]) == ("1w", "n", "todo", None)
    assert [t.title for t in store.plan.tactics_of(goal)] == ["task of s1", "by a day", "at a time"]
    assert [t.position for t in store.plan.tactics_of(goal)] == [0, 1, 2]


def test_siblings_are_added_at_the_end(store, tree):
    goal = tree[0]
    extra = new_id(actions.add_strategy(store, "Second part", parent=goal))
    assert [s.id for s in store.plan.children(goal)] == [tree[1], extra]
    assert [s.position for s in store.plan.roots()] == [0, 1]


def test_markup_titles_are_stored_literally(store, plan_path, tree):
    sid = new_id(actions.add_strategy(store, MARKUP, why=MARKUP))
    tid = new_id(actions.add_tactic(store, MARKUP, sid, notes=MARKUP))
    actions.edit_tactic(store, 1, title=f"ship {MARKUP}")
    assert doc(plan_path, "strategies", sid)["title"] == MARKUP
    assert doc(plan_path, "strategies", sid)["why"] == MARKUP
    assert doc(plan_path, "tactics", tid)["title"] == MARKUP
    assert doc(plan_path, "tactics", tid)["notes"] == MARKUP
    assert doc(plan_path, "tactics", 1)["title"] == f"ship {MARKUP}"
    assert Store(plan_path).plan.strategies[sid].title == MARKUP


def test_control_characters_are_dropped_from_titles(store, plan_path):
    sid = new_id(actions.add_strategy(store, "red\x1b[31m alert\x07\n second line"))
    assert doc(plan_path, "strategies", sid)["title"] == "red[31m alert second line"


# -- refused input writes nothing ----------------------------------------------------

REFUSED = {
    "empty strategy title": lambda s, t: actions.add_strategy(s, ""),
    "blank strategy title": lambda s, t: actions.add_strategy(s, " \t\n "),
    "control-only title": lambda s, t: actions.add_strategy(s, "\x1b\x07"),
    "empty tactic title": lambda s, t: actions.add_tactic(s, "   ", t[0]),
    "too long": lambda s, t: actions.add_tactic(s, "x" * 501, t[0]),
    "empty edited title": lambda s, t: actions.edit_strategy(s, t[0], title=""),
    "empty edited tactic": lambda s, t: actions.edit_tactic(s, 1, title=" "),
    "unknown parent": lambda s, t: actions.add_strategy(s, "x", parent=99),
    "unknown strategy": lambda s, t: actions.add_tactic(s, "x", 99),
    "bad repeat": lambda s, t: actions.add_tactic(s, "x", t[0], repeat="fortnightly"),
    "bad review cadence": lambda s, t: actions.add_strategy(s, "x", review_every=0),
    "unknown tactic": lambda s, t: actions.set_status(s, [1, 99], TacticStatus.DONE),
    "move under itself": lambda s, t: actions.move_strategy(s, t[0], t[0]),
    "move under a descendant": lambda s, t: actions.move_strategy(s, t[0], t[2]),
    "delete unknown": lambda s, t: actions.delete_strategy(s, 99),
    "edit deleted": lambda s, t: actions.edit_tactic(s, 99, notes="x"),
}


@pytest.mark.parametrize("attempt", REFUSED.values(), ids=REFUSED.keys())
def test_refused_input_raises_and_writes_nothing(store, plan_path, tree, attempt):
    before = plan_path.read_bytes()
    files = sorted(p.name for p in plan_path.parent.rglob("*"))
    with pytest.raises(InputError) as caught:
        attempt(store, tree)
    assert str(caught.value)
    assert plan_path.read_bytes() == before
    assert sorted(p.name for p in plan_path.parent.rglob("*")) == files
    assert Store(plan_path).plan.strategies.keys() == store.plan.strategies.keys()


def test_an_empty_title_on_a_new_file_creates_no_file(store, plan_path):
    with pytest.raises(InputError, match="empty"):
        actions.add_strategy(store, "")
    assert not plan_path.exists()


# -- editing ----------------------------------------------------------------------

def test_edit_strategy_fields(store, plan_path, tree, now):
    actions.edit_strategy(store, tree[0], title=" New  goal ", why="because",
                          horizon=now.date().add(months=6), review_every=7, status="achieved")
    stored = doc(plan_path, "strategies", tree[0])
    assert (stored["title"], stored["why"], stored["horizon"], stored["review_every"],
            stored["status"]) == ("New goal", "because", "2027-05-28", 7, "achieved")
    actions.edit_strategy(store, tree[0], horizon=None, review_every=None)
    assert doc(plan_path, "strategies", tree[0])["horizon"] is None


def test_edit_tactic_fields(store, plan_path, tree, now):
    actions.edit_tactic(store, 1, title="renamed", notes=" why ", due=now.date(), repeat="2w")
    stored = doc(plan_path, "tactics", 1)
    assert (stored["title"], stored["notes"], stored["due"], stored["repeat"]) == (
        "renamed", "why", "2026-11-28", "2w")
    actions.edit_tactic(store, 1, due=None, repeat="none")
    assert (doc(plan_path, "tactics", 1)["due"], doc(plan_path, "tactics", 1)["repeat"]) == (None, None)


def test_edit_refuses_unknown_fields(store, tree):
    with pytest.raises(TypeError):
        actions.edit_tactic(store, 1, status="done")
    with pytest.raises(TypeError):
        actions.edit_strategy(store, tree[0], parent=None)


# -- deleting -------------------------------------------------------------------------

def test_delete_tactic(store, plan_path, tree):
    actions.delete_tactic(store, 1)
    assert doc(plan_path, "tactics", 1) is None
    assert 1 not in store.plan.tactics


def test_delete_strategy_takes_its_whole_subtree(store, plan_path, tree):
    goal, part, leaf, other = tree
    change = actions.delete_strategy(store, part)
    data = on_disk(plan_path)
    assert sorted(map(int, data["strategies"])) == [goal, other]
    assert sorted(t["title"] for t in data["tactics"].values()) == ["task of s1", "task of s4"]
    assert len(change.forward) == 4  # two strategies, two tactics


def test_ids_are_never_reused(store, plan_path, tree):
    """Deleting the newest strategy (and its tactic t4) frees no id."""
    actions.delete_strategy(store, tree[-1])
    assert new_id(actions.add_strategy(store, "after")) == tree[-1] + 1
    assert new_id(actions.add_tactic(store, "after", tree[0])) == 5


# -- moving and ordering -----------------------------------------------------------------

def test_move_strategy_with_its_subtree(store, plan_path, tree):
    goal, part, leaf, other = tree
    actions.move_strategy(store, part, other)
    assert doc(plan_path, "strategies", part)["parent"] == other
    assert store.plan.descendants(other) == [other, part, leaf]
    actions.move_strategy(store, part, None)
    assert [s.id for s in store.plan.roots()] == [goal, other, part]


def test_move_tactic_goes_to_the_end_of_its_new_strategy(store, plan_path, tree):
    actions.add_tactic(store, "second", tree[3])
    actions.move_tactic(store, 1, tree[3])
    assert (doc(plan_path, "tactics", 1)["strategy"], doc(plan_path, "tactics", 1)["position"]) == (tree[3], 2)
    assert [t.id for t in store.plan.tactics_of(tree[3])][-1] == 1


@pytest.mark.parametrize("moved, offset, order", [
    ("c", -1, "acb"), ("a", 1, "bac"), ("a", -1, "abc"), ("c", 1, "abc"), ("c", -5, "cab"),
])
def test_reorder_tactics(store, tree, moved, offset, order):
    ids = {name: new_id(actions.add_tactic(store, name, tree[3])) for name in "abc"}
    actions.delete_tactic(store, 4)
    actions.reorder_tactic(store, ids[moved], offset)
    tactics = Store(store.path).plan.tactics_of(tree[3])
    assert "".join(t.title for t in tactics) == order
    if order != "abc":
        assert [t.position for t in tactics] == [0, 1, 2]


def test_reorder_strategies(store, plan_path, tree):
    goal, _, _, other = tree
    actions.reorder_strategy(store, other, -1)
    assert [s.id for s in Store(plan_path).plan.roots()] == [other, goal]
    assert not actions.reorder_strategy(store, other, -1)  # already first: nothing written


# -- status -----------------------------------------------------------------------------

def test_set_status_stamps_and_clears_done_at(store, plan_path, tree, now):
    actions.set_status(store, [1, 2], TacticStatus.DONE)
    assert [doc(plan_path, "tactics", t)["done_at"] for t in (1, 2)] == [now.isoformat()] * 2
    actions.set_status(store, [1], TacticStatus.DOING)
    assert (doc(plan_path, "tactics", 1)["status"], doc(plan_path, "tactics", 1)["done_at"]) == ("doing", None)
    actions.set_status(store, [2], TacticStatus.TODO)
    assert doc(plan_path, "tactics", 2)["done_at"] is None


@pytest.mark.parametrize(("path", "reopened"), [
    (["doing", "done"], "doing"), (["doing", "dropped"], "doing"), (["done"], "todo"),
    (["doing", "done", "dropped"], "doing"), (["doing", "done", "todo", "done"], "todo"),
])
def test_a_closed_tactic_reopens_to_the_open_status_it_had(store, plan_path, tree, path, reopened):
    for status in path:
        actions.set_status(store, [1], TacticStatus(status))
    tactic = Store(plan_path).plan.tactics[1]  # as saved, read again
    assert actions.reopened(tactic) is TacticStatus(reopened)
    actions.set_status(store, [1], actions.reopened(tactic))
    saved = doc(plan_path, "tactics", 1)
    assert saved["status"] == reopened and "reopen_as" not in saved  # an open tactic keeps nothing


def test_reopen_as_survives_an_edit_of_the_closed_tactic(store, plan_path, tree):
    actions.set_status(store, [1], TacticStatus.DOING)
    actions.set_status(store, [1], TacticStatus.DONE)
    actions.edit_tactic(store, 1, title="renamed")  # rebuilds the tactic from its object
    assert doc(plan_path, "tactics", 1)["reopen_as"] == "doing"
    assert actions.reopened(Store(plan_path).plan.tactics[1]) is TacticStatus.DOING


def test_a_done_repeating_tactic_s_next_occurrence_starts_afresh(store, plan_path, tree, now):
    tid = new_id(actions.add_tactic(store, "weekly", tree[0], due=now.date(), repeat="1w"))
    actions.set_status(store, [tid], TacticStatus.DOING)
    change = actions.set_status(store, [tid], TacticStatus.DONE)
    assert "reopen_as" not in doc(plan_path, "tactics", change.new_ids[0])


def test_an_open_tactic_reopens_nowhere_but_todo(store, tree):
    actions.set_status(store, [1], TacticStatus.DOING)
    assert actions.reopened(store.plan.tactics[1]) is TacticStatus.TODO  # `i` again on one in progress


def repeating(store, tree, due, rule="1w"):
    return new_id(actions.add_tactic(store, "weekly review", tree[0], due=due, repeat=rule))


def test_done_repeating_tactic_creates_the_next_occurrence(store, plan_path, tree, now):
    tid = repeating(store, tree, now.date().subtract(days=1))
    change = actions.set_status(store, [tid], TacticStatus.DONE)
    nxt = doc(plan_path, "tactics", new_id(change))
    assert doc(plan_path, "tactics", tid)["status"] == "done"
    assert (nxt["title"], nxt["status"], nxt["due"], nxt["repeat"], nxt["done_at"]) == (
        "weekly review", "todo", "2026-12-04", "1w", None)


def test_done_again_does_not_repeat_twice(store, plan_path, tree, now):
    tid = repeating(store, tree, now.date())
    actions.set_status(store, [tid], TacticStatus.DONE)
    assert not actions.set_status(store, [tid], TacticStatus.DONE)
    actions.set_status(store, [tid], TacticStatus.TODO)
    actions.set_status(store, [tid], TacticStatus.DONE)
    series = [t for t in on_disk(plan_path)["tactics"].values() if t["title"] == "weekly review"]
    assert sorted((t["status"], t["due"]) for t in series) == [
        ("done", "2026-11-28"), ("todo", "2026-12-05")]


@pytest.mark.parametrize("together", [False, True])
def test_repeating_twins_each_get_their_next_occurrence(store, plan_path, tree, now, together):
    """Two identical repeating tactics, both done (one by one, or at once): two next ones.
    The second's series used to end silently, its next copy taken for the first's."""
    first, second = repeating(store, tree, now.date()), repeating(store, tree, now.date())
    for batch in ([[first, second]] if together else [[first], [second]]):
        actions.set_status(store, batch, TacticStatus.DONE)
    series = [t for t in on_disk(plan_path)["tactics"].values() if t["title"] == "weekly review"]
    assert sorted((t["status"], t["due"]) for t in series) == [
        ("done", "2026-11-28"), ("done", "2026-11-28"), ("todo", "2026-12-05"), ("todo", "2026-12-05")]


def test_a_twin_done_reopened_and_done_again_still_makes_one_copy(store, plan_path, tree, now):
    first, second = repeating(store, tree, now.date()), repeating(store, tree, now.date())
    actions.set_status(store, [first], TacticStatus.DONE)
    actions.set_status(store, [first], TacticStatus.TODO)
    actions.set_status(store, [first], TacticStatus.DONE)
    actions.set_status(store, [second], TacticStatus.DONE)
    series = [t for t in on_disk(plan_path)["tactics"].values() if t["title"] == "weekly review"]
    assert sorted(t["due"] for t in series if t["status"] == "todo") == ["2026-12-05", "2026-12-05"]


def test_why_not_reordered_says_first_last_and_other_deadline(store, tree, now):
    goal, part, leaf, other = tree
    day = now.date()
    early = new_id(actions.add_tactic(store, "early", other, due=day))
    same = new_id(actions.add_tactic(store, "same day", other, due=day))
    plan = store.plan  # listed: early, same day (both today), then "task of s4" (no deadline)
    assert "first" in actions.why_not_reordered(plan, "tactic", early, -1)
    assert actions.why_not_reordered(plan, "tactic", early, 1) is None
    assert "sorted by deadline" in actions.why_not_reordered(plan, "tactic", same, 1)
    assert "last" in actions.why_not_reordered(plan, "strategy", other, 1)
    assert actions.why_not_reordered(plan, "strategy", other, -1) is None
    actions.reorder_tactic(store, same, -1)
    assert [t.title for t in sorted(store.plan.tactics_of(other), key=deadline_order)][:2] == ["same day", "early"]


def test_dropping_a_repeating_tactic_ends_the_series(store, plan_path, tree, now):
    tid = repeating(store, tree, now.date())
    change = actions.set_status(store, [tid], TacticStatus.DROPPED)
    assert change.new_ids == []
    assert [t["status"] for t in on_disk(plan_path)["tactics"].values()
            if t["title"] == "weekly review"] == ["dropped"]


# -- deadlines --------------------------------------------------------------------------

@pytest.mark.parametrize("due_in, days, expected_in", [
    (-5, 1, 1),     # overdue: counts from today
    (-1, 7, 7),
    (2, 3, 5),
    (None, 2, 2),   # no deadline: from today
])
def test_push(store, plan_path, tree, now, due_in, days, expected_in):
    due = now.date().add(days=due_in) if due_in is not None else None
    actions.reschedule(store, [1], due)
    actions.push(store, [1, 2], days)
    assert doc(plan_path, "tactics", 1)["due"] == now.date().add(days=expected_in).isoformat()


def test_push_keeps_a_time_of_day(store, plan_path, tree, now):
    actions.reschedule(store, [1], pendulum.datetime(2026, 11, 27, 9, tz=now.timezone))
    actions.push(store, [1], 1)
    assert doc(plan_path, "tactics", 1)["due"] == to_iso(pendulum.datetime(2026, 11, 29, 9, tz=now.timezone))


def test_reschedule_several_and_clear(store, plan_path, tree, now):
    actions.reschedule(store, [1, 2, 3], now.date().add(days=10))
    assert {doc(plan_path, "tactics", t)["due"] for t in (1, 2, 3)} == {"2026-12-08"}
    actions.reschedule(store, [2], None)
    assert doc(plan_path, "tactics", 2)["due"] is None


def test_a_timed_repeating_tactic_keeps_its_time_and_zone(store, plan_path, tree, now):
    due = pendulum.datetime(2026, 11, 27, 9, tz="Pacific/Auckland")
    tid = repeating(store, tree, due, rule="1w")
    change = actions.set_status(store, [tid], TacticStatus.DONE)
    assert doc(plan_path, "tactics", new_id(change))["due"] == "2026-12-04T09:00:00+13:00[Pacific/Auckland]"
