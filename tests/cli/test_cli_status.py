"""`planner done/start/drop T...` and `planner due T WHEN`."""

from __future__ import annotations

import pendulum
import pytest


@pytest.fixture
def three(ok):
    ok("strategy", "add", "Goal")
    for title in ("One", "Two", "Three"):
        ok("add", title, "--to", "s1", "--due", "fri")


def statuses(read) -> dict[str, str]:
    return {key: doc["status"] for key, doc in read()["tactics"].items()}


@pytest.mark.parametrize("command, status", [("done", "done"), ("start", "doing"), ("drop", "dropped")])
def test_status_of_several_tactics(ok, read, three, command, status):
    result = ok(command, "t1", "T3")
    assert statuses(read) == {"1": status, "2": "todo", "3": status}
    assert result.lines == [f"t1 {status}: One", f"t3 {status}: Three"]


def test_done_stamps_done_at_and_start_clears_it(ok, read, three, frozen):
    ok("done", "t1")
    assert pendulum.parse(read()["tactics"]["1"]["done_at"]) == frozen
    ok("start", "t1")
    assert read()["tactics"]["1"]["status"] == "doing"
    assert read()["tactics"]["1"]["done_at"] is None


def test_done_twice_changes_nothing(ok, read, three):
    ok("done", "t2")
    before = read()
    assert ok("done", "t2").lines == ["t2 done: Two"]
    assert read() == before


def test_done_on_repeating_tactic_creates_the_next_occurrence(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Weekly review", "--to", "s1", "--due", "today", "--repeat", "1w", "--notes", "n")
    result = ok("done", "t1")
    assert result.lines == ["t1 done: Weekly review", "next: t2 due in 7 days"]
    tactics = read()["tactics"]
    assert tactics["1"]["status"] == "done"
    nxt = tactics["2"]
    assert nxt == {**nxt, "title": "Weekly review", "strategy": 1, "status": "todo",
                   "due": "2026-12-05", "repeat": "1w", "notes": "n", "done_at": None}


def test_repeating_series_that_fell_behind_comes_back_after_today(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Stand-up", "--to", "s1", "--due", "2026-11-02", "--repeat", "1w")
    ok("add", "Water plants", "--to", "s1", "--repeat", "1d")
    ok("done", "t1", "t2")
    tactics = read()["tactics"]
    assert tactics["3"]["due"] == "2026-11-30"  # Mondays: 9, 16, 23 Nov are not after today
    assert tactics["4"]["due"] == "2026-11-29"  # no deadline: a step after today


def test_start_and_drop_do_not_repeat(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "A", "--to", "s1", "--due", "today", "--repeat", "1w")
    ok("add", "B", "--to", "s1", "--due", "today", "--repeat", "1w")
    ok("start", "t1")
    assert ok("drop", "t2").lines == ["t2 dropped: B"]
    assert sorted(read()["tactics"]) == ["1", "2"]


# -- due ------------------------------------------------------------------------------


@pytest.mark.parametrize("when, stored, said", [
    ("fri", "2026-12-04", "t1 due in 6 days"),
    ("tomorrow", "2026-11-29", "t1 due tomorrow"),
    ("in 2 weeks", "2026-12-12", "t1 due in 2 weeks"),
    ("yesterday", "2026-11-27", "t1 due 1 day overdue"),
    ("2027-01-15", "2027-01-15", "t1 due in 6 weeks"),
])
def test_due_reschedules(ok, read, when, stored, said):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    assert ok("due", "t1", when).lines == [said]
    assert read()["tactics"]["1"]["due"] == stored


def test_due_with_a_time(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1")
    assert ok("due", "t1", "tomorrow 17:00").lines == ["t1 due tomorrow 17:00"]
    expected = pendulum.datetime(2026, 11, 29, 17, tz=pendulum.local_timezone()).isoformat()
    assert read()["tactics"]["1"]["due"] == expected


@pytest.mark.parametrize("word", ["none", "NONE", "never", "-"])
def test_due_none_removes_the_deadline(ok, read, word):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "fri")
    assert ok("due", "t1", word).lines == ["t1 has no deadline now"]
    assert read()["tactics"]["1"]["due"] is None


@pytest.mark.parametrize("close", ["done", "drop"])
def test_due_on_a_closed_tactic_says_the_date(ok, close):
    """Rescheduling a done tactic into the past must not say "1 day overdue"."""
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "fri")
    ok(close, "t1")
    assert ok("due", "t1", "yesterday").lines == ["t1 due Fri 27 Nov"]
    assert ok("due", "t1", "2027-01-15").lines == ["t1 due Fri 15 Jan 2027"]
