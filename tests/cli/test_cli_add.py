"""`planner strategy add` and `planner add`: the new id alone on stdout, the file as DESIGN.md says."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core.dates import to_iso


def local_iso(*args: int) -> str:
    """The stored form of a local time: with the local zone (core/dates.py `to_iso`)."""
    return to_iso(pendulum.datetime(*args, tz=pendulum.local_timezone()))


# -- strategy add ---------------------------------------------------------------


def test_strategy_add_prints_only_the_new_id(cli, read):
    first = cli("strategy", "add", "Get a good job")
    second = cli("strategy", "add", "Get fit")
    assert (first.code, first.out, first.err) == (0, "s1\n", "")
    assert (second.code, second.out, second.err) == (0, "s2\n", "")
    doc = read()["strategies"]["1"]
    assert doc["title"] == "Get a good job"
    assert doc["parent"] is None
    assert doc["status"] == "active"
    assert doc["horizon"] is None and doc["review_every"] is None and doc["why"] == ""
    assert [read()["strategies"][k]["position"] for k in ("1", "2")] == [0, 1]


def test_strategy_add_with_by_why_and_review_every(ok, read):
    ok("strategy", "add", "Get a good job", "--by", "5y", "--why", "  Work I care about ",
       "--review-every", "14")
    doc = read()["strategies"]["1"]
    assert doc["horizon"] == "2031-11-28"
    assert doc["why"] == "Work I care about"
    assert doc["review_every"] == 14


@pytest.mark.parametrize("by, horizon", [
    ("eoy", "2026-12-31"), ("eoq", "2026-12-31"), ("eom", "2026-11-30"),
    ("6m", "2027-05-28"), ("2031-06-30", "2031-06-30"),
])
def test_strategy_add_by_forms(ok, read, by, horizon):
    ok("strategy", "add", "Goal", "--by", by)
    assert read()["strategies"]["1"]["horizon"] == horizon


@pytest.mark.parametrize("under", ["s1", "get a good job", "GET A GOOD JOB", "get a", "  Get A  "])
def test_strategy_add_under_by_id_title_or_prefix(ok, read, under):
    ok("strategy", "add", "Get a good job")
    ok("strategy", "add", "Get fit but later")  # "get" alone would be ambiguous
    out = ok("strategy", "add", "Build a portfolio", "--under", under).out
    assert out == "s3\n"
    assert read()["strategies"]["3"]["parent"] == 1


def test_exact_title_wins_over_prefix(ok, read):
    ok("strategy", "add", "Run")
    ok("strategy", "add", "Run a marathon")
    ok("strategy", "add", "Shoes", "--under", "run")
    assert read()["strategies"]["3"]["parent"] == 1


def test_children_are_ordered_among_siblings(ok, read):
    ok("strategy", "add", "Goal")
    ok("strategy", "add", "A", "--under", "s1")
    ok("strategy", "add", "B", "--under", "s1")
    ok("strategy", "add", "Other goal")
    strategies = read()["strategies"]
    assert [strategies[k]["position"] for k in ("2", "3")] == [0, 1]
    assert strategies["4"]["position"] == 1 and strategies["4"]["parent"] is None


def test_title_whitespace_is_collapsed(ok, read):
    ok("strategy", "add", "  Get \n a   job  ")
    assert read()["strategies"]["1"]["title"] == "Get a job"


# -- add ----------------------------------------------------------------------------


def test_add_prints_only_the_new_id(ok, cli, read):
    ok("strategy", "add", "Get a good job")
    result = cli("add", "Finish the site", "--to", "s1")
    assert (result.code, result.out, result.err) == (0, "t1\n", "")
    assert cli("add", "Second", "--to", "get a").out == "t2\n"
    doc = read()["tactics"]["1"]
    assert doc == {**doc, "title": "Finish the site", "strategy": 1, "status": "todo", "due": None,
                   "notes": "", "repeat": None, "position": 0, "done_at": None}
    assert read()["tactics"]["2"]["position"] == 1


@pytest.mark.parametrize("due, stored", [
    ("today", "2026-11-28"),
    ("tomorrow", "2026-11-29"),
    ("fri", "2026-12-04"),
    ("friday", "2026-12-04"),
    ("eow", "2026-11-29"),
    ("eom", "2026-11-30"),
    ("eoy", "2026-12-31"),
    ("+3d", "2026-12-01"),
    ("2w", "2026-12-12"),
    ("in 3 days", "2026-12-01"),
    ("next month", "2026-12-28"),
    ("2026-12-31", "2026-12-31"),
])
def test_add_due_date_forms_stay_dates(ok, read, due, stored):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", due)
    assert read()["tactics"]["1"]["due"] == stored


@pytest.mark.parametrize("due, stored", [
    ("fri 17:00", (2026, 12, 4, 17, 0)),
    ("today 9am", (2026, 11, 28, 9, 0)),
    ("2026-12-31T17:00", (2026, 12, 31, 17, 0)),
    ("2026-12-31 08:15", (2026, 12, 31, 8, 15)),
])
def test_add_due_with_a_time_is_a_local_datetime(ok, read, due, stored):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", due)
    assert read()["tactics"]["1"]["due"] == local_iso(*stored)


# -- what is printed: on a terminal, what was understood; in a pipe, the id alone -----------


@pytest.mark.parametrize("due, said", [
    ("next fri", "t1 due Fri 4 Dec (in 6 days)"),  # "next fri" is this coming Friday: said so
    ("fri 17:00", "t1 due Fri 4 Dec 17:00 (in 6 days)"),
    ("dec 15", "t1 due Tue 15 Dec (in 2 weeks)"),
    ("tmrw 9am", "t1 due Sun 29 Nov 09:00 (tomorrow)"),
    ("eod", "t1 due Sat 28 Nov (today)"),
    ("15 december 2027", "t1 due Wed 15 Dec 2027 (in 12 months)"),
])
def test_add_says_the_deadline_as_read_on_a_terminal(ok, terminal, due, said):
    ok("strategy", "add", "Goal")
    assert ok("add", "Step", "--to", "s1", "--due", due).seen == [said]


def test_add_without_a_deadline_says_the_id_on_a_terminal(ok, terminal):
    ok("strategy", "add", "Goal")
    assert ok("add", "Step", "--to", "s1").seen == ["t1"]


@pytest.mark.parametrize("by, said", [
    (None, "s1"), ("eoy", "s1 by Thu 31 Dec (in 4 weeks)"), ("5y", "s1 by Fri 28 Nov 2031 (in 5 years)"),
    ("31 dec 2026", "s1 by Thu 31 Dec (in 4 weeks)"),
])
def test_strategy_add_says_the_horizon_as_read_on_a_terminal(ok, terminal, by, said):
    assert ok("strategy", "add", "Goal", *(["--by", by] if by else [])).seen == [said]


def test_in_a_pipe_add_and_strategy_add_print_the_id_alone(ok):
    assert ok("strategy", "add", "Goal", "--by", "eoy").out == "s1\n"
    assert ok("add", "Step", "--to", "s1", "--due", "fri 17:00").out == "t1\n"


def test_add_with_notes_and_repeat(ok, read):
    ok("strategy", "add", "Goal")
    ok("add", "Weekly review", "--to", "s1", "--due", "sun", "--notes", " Look back ", "--repeat", "1w")
    ok("add", "Stand-up", "--to", "s1", "--repeat", "weekdays")
    ok("add", "Report", "--to", "s1", "--repeat", "monthly")
    tactics = read()["tactics"]
    assert tactics["1"]["due"] == "2026-11-29"
    assert tactics["1"]["notes"] == "Look back"
    assert [tactics[k]["repeat"] for k in ("1", "2", "3")] == ["1w", "weekdays", "1m"]


def test_ids_are_never_reused_after_undo(ok):
    ok("strategy", "add", "Goal")
    ok("add", "One", "--to", "s1")
    ok("undo")
    assert ok("add", "Two", "--to", "s1").out == "t2\n"
