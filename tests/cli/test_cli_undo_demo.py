"""`planner undo` (across separate invocations) and `planner demo`."""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions


def test_undo_takes_back_one_invocation_at_a_time(ok, cli, read, plan_path):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1")
    assert ok("undo").lines == ["Undone: add tactic 'Step'"]
    assert "tactics" not in read() and "1" in read()["strategies"]  # an emptied table leaves the file
    assert not any(read().get(name) for name in ("keyresults", "measurements", "checkins", "reviews"))
    assert ok("undo").lines == ["Undone: add strategy 'Goal'"]
    assert "strategies" not in read()
    before = plan_path.read_bytes()
    nothing = cli("undo")
    assert nothing.code == 2
    assert nothing.out == ""
    assert "Nothing to undo" in nothing.err
    assert plan_path.read_bytes() == before


def test_undo_with_no_file_is_exit_2(cli, plan_path):
    result = cli("undo")
    assert result.code == 2 and "Nothing to undo" in result.err
    assert not plan_path.exists()


def test_undo_of_done_removes_the_next_occurrence(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Weekly", "--to", "s1", "--due", "today", "--repeat", "1w")
    ok("done", "t1")
    assert sorted(read()["tactics"]) == ["1", "2"]
    assert ok("undo").lines == ["Undone: done t1"]
    assert sorted(read()["tactics"]) == ["1"]


def test_undo_of_done_restores_the_status(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "A", "--to", "s1")
    ok("add", "B", "--to", "s1")
    ok("start", "t2")
    ok("done", "t1", "t2")
    ok("undo")
    tactics = read()["tactics"]
    assert (tactics["1"]["status"], tactics["1"]["done_at"]) == ("todo", None)
    assert tactics["2"]["status"] == "doing"


def test_undo_of_due_restores_the_deadline(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "A", "--to", "s1", "--due", "fri")
    ok("due", "t1", "none")
    ok("undo")
    assert read()["tactics"]["1"]["due"] == "2026-12-04"


def test_undo_does_not_take_back_a_change_made_without_the_journal(ok, cli, read, store):
    ok("strategy", "add", "Goal")
    actions.add_strategy(store, "Made in the app")  # not journaled: the app has its own undo
    ok("undo")
    assert [s["title"] for s in read()["strategies"].values()] == ["Made in the app"]
    assert cli("undo").code == 2


@pytest.mark.parametrize("hang_under", [
    lambda store: actions.add_tactic(store, "Run", 1),                  # added in the app: not journaled
    lambda store: actions.add_strategy(store, "Run a 10k", parent=1),
], ids=["a tactic", "a sub-strategy"])
def test_undo_of_a_strategy_add_that_now_has_something_under_it_is_refused(ok, cli, plan_path, store, hang_under):
    """Removing the strategy would orphan what was added to it since."""
    ok("strategy", "add", "Get fit")
    store.refresh()  # the app, open meanwhile, notices the new strategy
    hang_under(store)
    before = plan_path.read_bytes()
    result = cli("undo")
    assert result.code == 2 and result.out == ""
    assert "Cannot undo \"add strategy 'Get fit'\": the plan has changed since" in result.err
    assert plan_path.read_bytes() == before
    assert "Nothing to undo" in cli("undo").err  # the stale entry left the undo list


def test_undo_of_a_strategy_add_goes_ahead_once_what_hung_under_it_is_gone(ok, read, store):
    ok("strategy", "add", "Get fit")
    store.refresh()
    actions.delete_tactic(store, actions.add_tactic(store, "Run", 1).new_ids[0])
    assert ok("undo").lines == ["Undone: add strategy 'Get fit'"]
    assert "strategies" not in read() and "tactics" not in read()


def test_undo_that_would_bring_a_strategy_back_under_a_deleted_one_is_refused(ok, cli, plan_path, store):
    """The reverse of an orphan: `planner undo` of a strategy delete (journaled through
    core: the CLI has no delete command yet) once its parent was deleted in the app."""
    ok("strategy", "add", "Goal")
    ok("strategy", "add", "Part", "--under", "s1")
    ok("add", "Step", "--to", "s2")
    store.refresh()
    actions.delete_strategy(store, 2, journal=True)  # Part and its tactic
    actions.delete_strategy(store, 1)  # in the app, meanwhile: not journaled
    before = plan_path.read_bytes()
    result = cli("undo")
    assert result.code == 2 and result.out == ""
    assert ("Cannot undo \"delete strategy 'Part'\": the plan has changed since (strategy 1 is gone, "
            "and this would put strategy 2 'Part' back under it)") in " ".join(result.err.split())
    assert plan_path.read_bytes() == before


def test_demo_adds_the_three_examples_and_undo_takes_them_back(ok, read):
    ok("strategy", "add", "Mine")
    out = ok("demo").out
    assert "Added 12 strategies with 8 key results and 26 tactics" in " ".join(out.split())
    records = json.loads(ok("list", "--json").out)
    roots = [r["title"] for r in records if r["kind"] == "strategy" and r["depth"] == 0]
    assert roots == ["Mine", "Get a good job in my field within five years",
                     "Get the startup acquired within four years",
                     "Build a digital infrastructure that matches the competition"]
    assert sum(r["kind"] == "tactic" for r in records) == 26
    agenda = json.loads(ok("today", "--json").out)
    assert {r["group"] for r in agenda} == {"overdue", "today", "doing", "upcoming", "measure"}
    assert ok("undo").lines == ["Undone: add the example plans"]
    assert [s["title"] for s in read()["strategies"].values()] == ["Mine"]
    assert "tactics" not in read()
    assert not any(read().get(name) for name in ("keyresults", "measurements", "checkins", "reviews"))
