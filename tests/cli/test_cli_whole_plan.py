"""The whole plan from the command line: each new command changes the file exactly as
the core actions the app's screens call do (the same change made on a twin of the
plan, compared byte for byte), and `planner undo` gives the file back.

"Back" is byte for byte. A command that added a document (a check-in's record, a
review, a time away) leaves the id it used taken (ids are never reused: meta's
counters stay) and its table, emptied, in the file; past those two the file is
again byte for byte what it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pendulum
import pytest

from planner_tui.core import actions, away, checkin, review
from planner_tui.core.checkin import Decision
from planner_tui.core.examples import add_demo
from planner_tui.core.file.store import Store
from planner_tui.core.model import Health, StrategyStatus

frozen_now = pendulum.now  # frozen by tests/cli/conftest.py for every test


@pytest.fixture
def demo(plan_path, tmp_path) -> Path:
    """The demo plan (made by core, as `planner demo` makes it), and its twin: the
    file the app's core actions change."""
    add_demo(Store(plan_path, clock=frozen_now))
    twin = tmp_path / "twin.json"
    shutil.copy(plan_path, twin)
    return twin


def app(twin: Path) -> Store:
    return Store(twin, clock=frozen_now)


def without_ids_and_empty_tables(raw: bytes) -> dict:
    data = json.loads(raw)
    data["meta"]["1"].pop("ids", None)
    return {name: table for name, table in data.items() if table}


def same_as_app_and_undone(ok, plan_path: Path, twin: Path, before: bytes, added: bool = False) -> None:
    """The command's file is the twin's, byte for byte; `planner undo` gives the file back."""
    assert plan_path.read_bytes() == twin.read_bytes()
    ok("undo")
    if added:
        assert without_ids_and_empty_tables(plan_path.read_bytes()) == without_ids_and_empty_tables(before)
        assert plan_path.read_bytes() != before  # the counters moved on: the id is not given again
    else:
        assert plan_path.read_bytes() == before


def test_edit_a_tactic_is_the_app_s_edit_dialog(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    tactic = store.plan.tactics[10]
    due = pendulum.datetime(2026, 12, 4, 17, 0, tz=pendulum.local_timezone())
    actions.edit_tactic(store, 10, expected=actions.editable(tactic), title="Ship onboarding v3", due=due,
                        notes="Two screens", repeat="2w", owner="bo", tags=("beta", "launch"))
    assert ok("edit", "t10", "--title", "Ship onboarding v3", "--due", "fri 17:00", "--notes", "Two screens",
              "--repeat", "2w", "--owner", "@Bo", "--tag", "beta", "--tag", "#launch").out == "t10\n"
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_edit_a_strategy_and_clear_its_owner_and_tags(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.edit_strategy(store, 6, expected=actions.editable(store.plan.strategies[6]), title="Fit the market",
                          why="Or nobody buys", horizon=pendulum.Date(2026, 12, 31), review_every=14 * 2,
                          owner=None, tags=())
    ok("edit", "s6", "--title", "Fit the market", "--why", "Or nobody buys", "--by", "eoy",
       "--review-every", "4w", "--owner", "none", "--no-tags")
    data = json.loads(plan_path.read_bytes())["strategies"]["6"]
    assert "owner" not in data and "tags" not in data  # gone, not null: the file reads as before they were set
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_edit_prints_the_record_with_json_and_refuses_what_is_not_the_item_s(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    for args, message in [(["t10", "--review-every", "2w"], "--review-every is a strategy's; t10 is a tactic."),
                          (["s6", "--repeat", "1w"], "--repeat is a tactic's; s6 is a strategy."),
                          (["t10"], "Nothing to change"), (["t10", "--tag", "x", "--no-tags"], "say opposite things"),
                          (["t10", "--owner", "me"], 'owner = "your-name"'), (["t99", "--title", "x"], "No tactic 't99'"),
                          (["t10", "--title", "  "], "A title cannot be empty."),
                          (["t10", "--due", "someday"], "Cannot read 'someday'")]:
        result = cli("edit", *args)
        assert (result.code, result.out) == (2, "") and message in result.err, (args, result)
    assert plan_path.read_bytes() == before
    shown = json.loads(ok("edit", "t10", "--tag", "beta", "--json").out)
    assert (shown["id"], shown["tags"], shown["owner"]) == ("t10", ["beta", "product"], "ana")


@pytest.mark.parametrize("command, status", [("done", StrategyStatus.ACHIEVED), ("drop", StrategyStatus.DROPPED)])
def test_strategy_done_and_drop_are_the_app_s_keys(ok, demo, plan_path, command, status):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.edit_strategy(store, 7, expected={"status": StrategyStatus.ACTIVE}, status=status)
    assert ok("strategy", command, "s7").out == f"s7 {status.value}: Grow revenue to 5M ARR\n"
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_strategy_pause_until_a_day_then_reopen(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.edit_strategy(store, 8, status=StrategyStatus.PAUSED, paused_until=pendulum.Date(2027, 1, 15))
    assert ok("strategy", "pause", "s8", "--until", "2027-01-15").out == "s8 paused until Fri 15 Jan 2027: Be easy to buy\n"
    assert plan_path.read_bytes() == demo.read_bytes()
    paused = plan_path.read_bytes()
    actions.edit_strategy(store, 8, status=StrategyStatus.ACTIVE)
    ok("strategy", "reopen", "s8")
    assert "paused_until" not in json.loads(plan_path.read_bytes())["strategies"]["8"]  # reopening ends the pause
    same_as_app_and_undone(ok, plan_path, demo, paused)
    ok("undo")
    assert plan_path.read_bytes() == before


def test_several_strategies_at_once_are_one_undo(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    for sid in (6, 7):
        actions.edit_strategy(store, sid, status=StrategyStatus.ACHIEVED)
    assert [row["status"] for row in json.loads(ok("strategy", "done", "s6", "s7", "--json").out)] == ["achieved"] * 2
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_strategy_move_under_another_and_to_the_top(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.move_strategy(store, 8, 2)
    assert ok("strategy", "move", "s8", "--under", "s2").out == "s8\n"
    under_s2 = plan_path.read_bytes()
    assert under_s2 == demo.read_bytes()
    actions.move_strategy(store, 8, None)
    ok("strategy", "move", "s8", "--top")
    same_as_app_and_undone(ok, plan_path, demo, under_s2)
    for args in (["s8"], ["s8", "--top", "--under", "s1"]):
        assert cli("strategy", "move", *args).code == 2
    refused = cli("strategy", "move", "s1", "--under", "s2")
    assert refused.code == 2 and "cannot move under itself" in refused.err
    ok("undo")
    assert plan_path.read_bytes() == before


def test_strategy_rm_asks_for_yes_when_something_goes_with_it(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    refused = cli("strategy", "rm", "s5")
    assert refused.code == 2 and refused.out == ""
    assert refused.err == ("Error: s5 'Get the startup acquired within four years' has 3 sub-strategies, 8 tactics "
                           "and 3 key results; they would be deleted with it. Add --yes to delete them all "
                           "(`planner undo` brings them back). Nothing was deleted.\n")
    assert plan_path.read_bytes() == before
    actions.delete_strategy(app(demo), 5)
    gone = json.loads(ok("strategy", "rm", "s5", "--yes", "--json").out)["deleted"]
    assert sorted(gone) == sorted(["s5", "s6", "s7", "s8", "k4", "k5", "k6", "t24"] + [f"t{n}" for n in range(9, 16)])
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_move_and_rm_a_tactic(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.move_tactic(store, 10, 7)
    assert ok("move", "t10", "--to", "grow revenue").out == "t10\n"
    same_as_app_and_undone(ok, plan_path, demo, before)
    actions.move_tactic(store, 10, 6)  # the twin follows the undo
    actions.delete_tactic(store, 10)
    assert ok("rm", "t10").out == "Deleted t10 Ship onboarding v2. `planner undo` brings it back.\n"
    same_as_app_and_undone(ok, plan_path, demo, before)


def test_note_adds_a_line_or_replaces(ok, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    actions.edit_tactic(store, 4, expected={"notes": "Three projects, one page each."},
                        notes="Three projects, one page each.\nCalled the designer")
    ok("note", "t4", "Called the designer")
    same_as_app_and_undone(ok, plan_path, demo, before)
    actions.edit_tactic(store, 4, notes="Three projects, one page each.")
    actions.edit_tactic(store, 4, notes="Only this")
    ok("note", "t4", "Only this", "--replace")
    same_as_app_and_undone(ok, plan_path, demo, before)
    assert json.loads(ok("note", "s2", "Still right?", "--json").out)["why"] == (
        "A thesis is the best proof of what I can do.\nStill right?")


def test_a_check_in_without_the_app_writes_what_the_app_s_check_in_writes(ok, demo, plan_path):
    """Decisions in the order the options name them, as the app's keys would make them."""
    before = plan_path.read_bytes()
    store = app(demo)
    day = frozen_now().date()
    plan = store.plan
    for decision, tactic_id, when in [(Decision.DONE, 6, None), (Decision.DONE, 11, None), (Decision.START, 5, None),
                                      (Decision.PUSH, 13, None), (Decision.RESCHEDULE, 21, pendulum.Date(2026, 12, 4)),
                                      (Decision.DROP, 14, None), (Decision.SKIP, 2, None)]:
        tactic = plan.tactics[tactic_id]
        checkin.decide(store, day, tactic_id, decision, when, expected={"status": tactic.status, "due": tactic.due})
    checkin.finish(store, day, "Good day", expected={"note": ""})
    said = ok("checkin", "--skip", "t2", "--drop", "t14", "--reschedule", "t21=fri", "--push", "t13",
              "--start", "t5", "--done", "t6,t11", "--note", "Good day").out
    assert said == "Checked in for today: 2 done, 1 started, 1 pushed, 1 rescheduled, 1 dropped · 1-day streak\n"
    data = json.loads(plan_path.read_bytes())
    assert len(data["tactics"]) == 28  # the demo's 26, and the two repeating ones done came back
    same_as_app_and_undone(ok, plan_path, demo, before, added=True)


def test_a_calm_day_and_a_late_check_in_for_yesterday(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    yesterday = frozen_now().date().subtract(days=1)
    checkin.finish(store, yesterday, None)
    record = json.loads(ok("checkin", "--date", "yesterday", "--finish", "--json").out)
    assert record == {"date": "2026-11-27", "done": [], "started": [], "pushed": [], "rescheduled": [], "dropped": [],
                      "skipped": [], "note": "", "streak": 1}
    same_as_app_and_undone(ok, plan_path, demo, before, added=True)
    refused = cli("checkin", "--date", "tomorrow", "--finish")
    assert refused.code == 2 and "a day still to come" in refused.err
    twice = cli("checkin", "--done", "t6", "--drop", "t6")
    assert twice.code == 2 and "t6 is both --done and --drop" in twice.err
    assert cli("checkin", "--reschedule", "t21").code == 2
    assert cli("checkin", "--history", "--done", "t6").code == 2


def test_a_review_without_the_app_is_record_review(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    store = app(demo)
    review.record_review(store, 6, Health.AT_RISK, "Hiring is slow", expected={"note": ""})
    assert ok("review", "s6", "--health", "at risk", "--note", "Hiring is slow").out == (
        "Reviewed 1 strategy: 1 at risk\n")
    same_as_app_and_undone(ok, plan_path, demo, before, added=True)
    for args, message in [(["s6", "--note", "x"], "--note goes with --health"),
                          (["--health", "at-risk"], "--health goes with the strategies"),
                          (["s6", "--health", "fine"], "--health 'fine' is not one of")]:
        result = cli("review", *args)
        assert result.code == 2 and message in result.err


def test_away_adds_lists_and_cancels_time_away(ok, cli, demo, plan_path):
    before = plan_path.read_bytes()
    away.add_away(app(demo), pendulum.Date(2026, 12, 20), pendulum.Date(2027, 1, 3), "Holidays")
    assert ok("away", "2026-12-20..2027-01-03", "--note", "Holidays").out == "a1\n"
    assert plan_path.read_bytes() == demo.read_bytes()
    assert ok("away").lines == ["a1 2026-12-20..2027-01-03  Holidays"]
    assert ok("away", "--cancel", "a1").out == "a1\n"
    assert ok("away", "--json").out == "[]\n"
    ok("undo")
    same_as_app_and_undone(ok, plan_path, demo, before, added=True)
    refused = cli("away", "fri..today")
    assert refused.code == 2 and "ends (2026-11-28) before it starts (2026-12-04)" in refused.err
