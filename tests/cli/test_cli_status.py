"""`planner done/start/drop T...` and `planner due T WHEN`."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core.dates import to_iso


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
    assert result.lines == ["t1 done: Weekly review", "next: t2 due Sat 5 Dec (in 7 days)"]
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
    ("fri", "2026-12-04", "t1 due Fri 4 Dec (in 6 days)"),
    ("tomorrow", "2026-11-29", "t1 due Sun 29 Nov (tomorrow)"),
    ("in 2 weeks", "2026-12-12", "t1 due Sat 12 Dec (in 2 weeks)"),
    ("yesterday", "2026-11-27", "t1 due Fri 27 Nov (1 day overdue)"),
    ("2027-01-15", "2027-01-15", "t1 due Fri 15 Jan 2027 (in 6 weeks)"),
    ("dec 15", "2026-12-15", "t1 due Tue 15 Dec (in 2 weeks)"),
])
def test_due_says_the_date_as_read_on_a_terminal(ok, read, terminal, when, stored, said):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    assert ok("due", "t1", when).seen == [said]
    assert read()["tactics"]["1"]["due"] == stored


def test_due_prints_the_id_alone_in_a_pipe(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    assert ok("due", "t1", "fri 17:00").out == "t1\n"
    assert ok("due", "t1", "none").out == "t1\n"
    assert read()["tactics"]["1"]["due"] is None


def test_due_with_a_time_keeps_the_time(ok, read, terminal):
    """`planner due t5 "fri 17:00"` once answered `t5 due in 3 days`, dropping the time."""
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1")
    assert ok("due", "t1", "fri 17:00").seen == ["t1 due Fri 4 Dec 17:00 (in 6 days)"]
    assert ok("due", "t1", "tomorrow 17:00").seen == ["t1 due Sun 29 Nov 17:00 (tomorrow)"]
    expected = to_iso(pendulum.datetime(2026, 11, 29, 17, tz=pendulum.local_timezone()))
    assert read()["tactics"]["1"]["due"] == expected


def test_the_date_as_read_is_coloured_by_urgency(ok, terminal):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1")
    out = ok("due", "t1", "yesterday").out
    assert "\x1b[1;31mFri 27 Nov (1 day overdue)\x1b[0m" in out  # bold red, as in the listings


@pytest.mark.parametrize("word", ["none", "NONE", "never", "-"])
def test_due_none_removes_the_deadline(ok, read, terminal, word):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "fri")
    assert ok("due", "t1", word).seen == ["t1 has no deadline now"]
    assert read()["tactics"]["1"]["due"] is None


@pytest.mark.parametrize("close", ["done", "drop"])
def test_due_on_a_closed_tactic_says_the_date(ok, terminal, close):
    """Rescheduling a done tactic into the past must not say "1 day overdue"."""
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "fri")
    ok(close, "t1")
    assert ok("due", "t1", "yesterday").seen == ["t1 due Fri 27 Nov"]
    assert ok("due", "t1", "2027-01-15").seen == ["t1 due Fri 15 Jan 2027"]
