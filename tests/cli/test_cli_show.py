"""`planner today [--json]` and `planner list [--json]` (the `plan` fixture is in conftest)."""

from __future__ import annotations

import json

import pendulum

from planner_tui.core.day import Day
from planner_tui.cli.output import tactic_deadline_piece
from planner_tui.core.dates import wall_clock_zone
from planner_tui.core.file.store import Store

TACTIC_FIELDS = {"id", "title", "strategy", "strategy_title", "status", "due", "urgency"}


def row(lines: list[str], key: str) -> str:
    """The output line that starts with an id (ids are right-aligned)."""
    found = [line for line in lines if line.split() and line.split()[0] == key]
    assert len(found) == 1, (key, lines)
    return found[0]


# -- today ------------------------------------------------------------------------------


def test_today_json_has_the_contract_fields_and_groups(plan, ok):
    records = json.loads(ok("today", "--json").out)
    assert [(r["id"], r["group"]) for r in records] == [
        ("t2", "overdue"), ("t3", "today"), ("t1", "doing"), ("t4", "upcoming")]
    for record in records:
        assert TACTIC_FIELDS <= record.keys()
    overdue, today, doing, upcoming = records
    assert overdue == {**overdue, "title": "Write up the project", "strategy": "s2",
                       "strategy_title": "Build a portfolio", "status": "todo",
                       "due": "2026-11-27", "urgency": "overdue"}
    assert (today["due"], today["urgency"], today["strategy"]) == ("2026-11-28", "today", "s1")
    assert (doing["status"], doing["due"], doing["urgency"]) == ("doing", "2026-12-04", "soon")
    assert (upcoming["due"], upcoming["urgency"]) == ("2026-12-01", "soon")


def test_today_json_leaves_out_later_undated_and_closed_tactics(plan, ok):
    ok("done", "t3")
    ok("drop", "t2")
    ids = [r["id"] for r in json.loads(ok("today", "--json").out)]
    assert ids == ["t1", "t4"]  # t5 is in 30 days, t6 has no deadline


def test_today_json_due_with_a_time_and_in_progress_without_deadline(ok):
    ok("strategy", "add", "Goal")
    ok("add", "Call", "--to", "s1", "--due", "today 17:00")
    ok("add", "Someday", "--to", "s1")
    ok("start", "t2")
    call, someday = json.loads(ok("today", "--json").out)
    assert call["due"] == pendulum.datetime(2026, 11, 28, 17, tz=pendulum.local_timezone()).isoformat()
    assert call["due_zone"] == wall_clock_zone(pendulum.local_timezone())  # None in UTC
    assert (call["urgency"], call["group"]) == ("today", "today")
    assert (someday["due"], someday["urgency"], someday["group"]) == (None, "none", "doing")


def test_today_json_on_an_empty_plan_is_an_empty_list(ok, plan_path):
    assert json.loads(ok("today", "--json").out) == []
    assert not plan_path.exists()


def test_today_human(plan, ok):
    lines = ok("today").lines
    assert lines[0] == "Saturday 28 November 2026"
    headings = [line.strip() for line in lines if line.strip() in
                ("Overdue", "Due today", "In progress", "Next 7 days")]
    assert headings == ["Overdue", "Due today", "In progress", "Next 7 days"]
    order = [line.split()[0] for line in lines[1:] if line.split()[0].startswith("t")]
    assert order == ["t2", "t3", "t1", "t4"]
    assert row(lines, "t2").split()[1:] == "[ ] Write up the project Build a portfolio 1 day overdue".split()
    assert row(lines, "t3").rstrip().endswith("today")
    assert "[~] Finish the site" in row(lines, "t1") and row(lines, "t1").rstrip().endswith("in 6 days")
    assert row(lines, "t4").rstrip().endswith("in 3 days")


def test_today_skips_empty_groups(ok):
    ok("strategy", "add", "Goal")
    ok("add", "Soon", "--to", "s1", "--due", "mon")
    text = ok("today").out
    assert "Next 7 days" in text and "in 2 days" in text
    for heading in ("Overdue", "Due today", "In progress"):
        assert heading not in text


def test_today_with_nothing_to_do(ok):
    ok("strategy", "add", "Goal")
    ok("add", "Later", "--to", "s1", "--due", "eoy")
    assert ok("today").out == "Nothing due, nothing overdue, nothing in progress. A calm day.\n"


# -- list -------------------------------------------------------------------------------


def test_list_json_is_the_tree_in_order(plan, ok):
    records = json.loads(ok("list", "--json").out)
    assert [r["id"] for r in records] == ["s1", "t3", "s2", "t1", "t2", "s3", "t4", "t5", "t6"]
    for record in records:
        assert TACTIC_FIELDS <= record.keys()
    by_id = {r["id"]: r for r in records}
    assert by_id["s2"] == {**by_id["s2"], "kind": "strategy", "strategy": "s1",
                           "strategy_title": "Get a good job", "status": "active",
                           "due": "2026-12-31", "depth": 1, "done": 0, "total": 2}
    assert by_id["s1"]["why"] == "Work I care about" and by_id["s1"]["due"] == "2031-11-28"
    assert (by_id["s3"]["due"], by_id["s3"]["urgency"]) == (None, "none")
    assert by_id["t5"] == {**by_id["t5"], "kind": "tactic", "strategy": "s3", "due": "2026-12-28",
                           "urgency": "later"}
    assert (by_id["t6"]["due"], by_id["t6"]["urgency"]) == (None, "none")


def test_list_json_progress_rolls_up(plan, ok):
    ok("done", "t1", "t4")
    ok("drop", "t5")
    by_id = {r["id"]: r for r in json.loads(ok("list", "--json").out)}
    assert (by_id["s2"]["done"], by_id["s2"]["total"]) == (1, 2)
    assert (by_id["s1"]["done"], by_id["s1"]["total"]) == (1, 3)
    assert (by_id["s3"]["done"], by_id["s3"]["total"]) == (1, 2)
    assert by_id["t5"]["status"] == "dropped"


def test_list_human(plan, ok):
    ok("done", "t1")
    lines = ok("list").lines
    assert [line.split()[0] for line in lines] == ["s1", "t3", "s2", "t1", "t2", "s3", "t4", "t5", "t6"]
    s1, s2 = row(lines, "s1"), row(lines, "s2")
    assert "Get a good job" in s1 and "1/3" in s1 and "by Nov 2031" in s1 and "5y left" in s1
    assert "1/2" in s2 and "by Dec 2026" in s2
    # Each level is indented two more columns than its parent.
    assert s2.index("Build") == s1.index("Get") + 2
    assert row(lines, "t1").index("[x] Finish the site") == s2.index("Build") + 2
    assert row(lines, "t2").rstrip().endswith("1 day overdue")
    assert row(lines, "t3").rstrip().endswith("today")
    assert row(lines, "t5").rstrip().endswith("in 4 weeks")
    assert row(lines, "t6").split()[1:] == ["[", "]", "Buy", "shoes"]


def test_list_marks_a_strategy_without_open_tactics(ok):
    ok("strategy", "add", "Just a wish")
    assert "Just a wish · no open tactic" in ok("list").out


def test_list_on_an_empty_plan(ok, plan_path):
    assert "No strategies yet" in ok("list").out
    assert json.loads(ok("list", "--json").out) == []
    assert not plan_path.exists()


def test_list_shows_a_closed_tactics_deadline_as_a_date(plan, ok):
    """Done or dropped, "1 day overdue" is an alarm that no longer applies (as in the app)."""
    ok("add", "Call the recruiter", "--to", "s1", "--due", "2026-11-25 17:00")
    ok("done", "t2", "t7")
    ok("drop", "t4")
    lines = ok("list").lines
    assert row(lines, "t2").rstrip().endswith("due Fri 27 Nov")
    assert row(lines, "t7").rstrip().endswith("due Wed 25 Nov")  # a time of day: its local date
    assert row(lines, "t4").rstrip().endswith("due Tue 1 Dec")
    assert "overdue" not in ok("list").out
    assert row(lines, "t3").rstrip().endswith("today")  # open tactics keep their urgency words


def test_a_closed_deadline_is_dimmed_and_an_open_one_coloured(plan, ok, plan_path, frozen):
    ok("done", "t2")
    tactics = Store(plan_path).plan.tactics
    assert tactic_deadline_piece(tactics[2], Day(frozen)) == ("due Fri 27 Nov", "dim")
    assert tactic_deadline_piece(tactics[3], Day(frozen)) == ("today", "bold yellow")
