"""`planner streak`, `planner review --due`, and the commands that open the app into the
check-in or the review (the app itself is replaced by a stand-in here; Pilot tests drive it)."""

from __future__ import annotations

import contextlib

import pendulum
import pytest

from planner_tui.cli import launch
from planner_tui.ui.app import PlannerApp


@pytest.fixture
def opened(monkeypatch):
    """Stand in for the app and for a terminal to run it in: remember how the app was
    built, 'run' it, return a summary."""
    seen: dict = {}

    def fake_run(app, *args, **kwargs):
        seen.update(start=app.start, strategies=app.start_strategies, path=app.store.path)
        return seen.get("says")

    monkeypatch.setattr(PlannerApp, "run", fake_run)
    monkeypatch.setattr(launch, "without_terminal", lambda: None)
    return seen


@contextlib.contextmanager
def later(days: int = 0):
    """Travel from the frozen Saturday and back to it (pendulum's own context
    manager would travel back to the real time, not to the frozen one)."""
    base = pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())
    pendulum.travel_to(base.add(days=days), freeze=True)
    try:
        yield
    finally:
        pendulum.travel_to(base, freeze=True)


@pytest.fixture
def check_in_on(plan_path):
    """Make a check-in `days` from the frozen day, the way the screen makes it."""
    from planner_tui.core import checkin
    from planner_tui.core.file.store import Store

    def make(days: int) -> None:
        with later(days):
            store = Store(plan_path, clock=pendulum.now)
            checkin.finish(store, pendulum.now().date(), f"day {days}")

    return make


# -- planner streak -------------------------------------------------------------------------------

def test_streak_without_check_ins(ok):
    assert ok("streak").out == "no streak yet · not checked in today\n"
    assert ok("streak", "--short").out == "0·\n"


def test_streak_counts_days_and_says_whether_today_is_done(ok, check_in_on):
    for days in (-3, -2, -1):
        check_in_on(days)
    assert ok("streak").out == "3-day streak · not checked in today\n"
    assert ok("streak", "--json").out.replace(" ", "").replace("\n", "") == '{"streak":3,"today":false}'
    check_in_on(0)
    assert ok("streak").out == "4-day streak · checked in today\n"
    assert ok("streak", "--short").out == "4✓\n"


def test_streak_is_gone_after_a_missed_day(ok, check_in_on):
    check_in_on(0)
    with later(days=2):
        assert ok("streak").out == "no streak yet · not checked in today\n"


def test_streak_does_not_create_the_plan_file(ok, plan_path):
    ok("streak")
    assert not plan_path.exists()


# -- planner review --due ---------------------------------------------------------------------------

@pytest.fixture
def aged(ok, read):
    """Three strategies made 40 days ago: s1 every 30 days, s2 every 60, s3 without a cadence."""
    with later(days=-40):
        ok("strategy", "add", "Get a [bold]job[/]", "--by", "5y", "--review-every", "30")
        ok("strategy", "add", "Get fit", "--review-every", "60")
        ok("strategy", "add", "Read more")


def test_review_due_lists_what_is_due(ok, aged):
    out = ok("review", "--due").out
    assert "s1" in out and "Get a [bold]job[/]" in out and "never reviewed" in out
    assert "Get fit" not in out and "Read more" not in out


def test_review_due_json(ok, aged):
    import json

    rows = json.loads(ok("review", "--due", "--json").out)
    assert rows == [{"id": "s1", "title": "Get a [bold]job[/]", "last_review": None, "health": None,
                     "due_since": "2026-11-18", "review_every": 30}]


def test_review_due_after_a_review_shows_the_last_health(ok, aged, plan_path):
    from planner_tui.core import review
    from planner_tui.core.file.store import Store

    with later(days=-31):
        review.record_review(Store(plan_path, clock=pendulum.now), 1, "at-risk")
    out = ok("review", "--due").out
    assert "at risk, 2026-10-28" in out
    with later(days=-1):
        review.record_review(Store(plan_path, clock=pendulum.now), 1, "on-track")
    assert ok("review", "--due").out == "No strategy is due for review.\n"


def test_review_json_without_due_is_bad_input(cli, plan_path):
    result = cli("review", "--json")
    assert result.code == 2 and "--due" in result.err
    assert not plan_path.exists()


# -- the commands that open the app -------------------------------------------------------------------

def test_checkin_opens_the_app_on_the_check_in_and_prints_its_summary(ok, opened, plan_path):
    opened["says"] = "3 done, 1 pushed · 6-day streak"
    result = ok("checkin")
    assert opened["start"] == "checkin" and opened["path"] == plan_path
    assert result.out == "3 done, 1 pushed · 6-day streak\n"


def test_checkin_left_without_finishing_prints_nothing(ok, opened):
    assert ok("checkin").out == ""


def test_checkin_history(ok, opened):
    ok("checkin", "--history")
    assert opened["start"] == "history"


@pytest.mark.parametrize("command", [["checkin"], ["review"], ["review", "s1"]], ids=" ".join)
def test_without_a_terminal_the_screens_are_refused(cli, plan_path, command):
    """In-process, stdin and stdout are pytest's: no terminal (a real one: test_cli_executable)."""
    cli("strategy", "add", "Goal")
    before = plan_path.read_bytes()
    result = cli(*command)
    assert result.code == 2 and result.out == ""
    assert "the app needs a terminal, and neither stdin nor stdout is one" in result.err
    assert "planner checkin --history" in result.err
    assert plan_path.read_bytes() == before


# -- planner checkin --history as text --------------------------------------------------------------

@pytest.fixture
def noted(ok, check_in_on, plan_path):
    """Check-ins on three days (one of them with a note in markup), a tactic done."""
    from planner_tui.core import checkin
    from planner_tui.core.file.store import Store

    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    check_in_on(-9)
    check_in_on(-1)
    store = Store(plan_path, clock=pendulum.now)
    checkin.decide(store, pendulum.now().date(), 1, checkin.Decision.DONE)
    checkin.finish(store, pendulum.now().date(), "[bold]shipped[/] it")


def test_checkin_history_in_a_pipe_prints_the_map_and_every_note(ok, noted):
    lines = ok("checkin", "--history").lines
    assert lines[0] == "Check-in history · the last 20 weeks · 2-day streak"
    rows = lines[2:9]
    assert [row[:4] for row in rows] == ["Mon ", "    ", "Wed ", "    ", "Fri ", "    ", "Sun "]
    assert all(len(row.split()) in (20, 21) for row in rows)  # a mark a week (and Mon, Wed...)
    thursday, friday, saturday, sunday = rows[3:]
    assert friday.endswith("■") and saturday.endswith("■")  # Fri 27 and Sat 28: checked in
    assert thursday.split()[-2:] == ["■", "·"]  # Thu 19 checked in, Thu 26 not
    assert sunday.endswith("·")  # Sunday 29 is still to come: blank, and no space after the last mark
    assert "■ checked in  □ done, no check-in  · neither" in lines
    assert "3 check-ins in 20 weeks · 1 tactic done · longest streak 2 days" in lines
    notes = lines[lines.index("Notes, newest first") + 1:]
    assert notes == ["Sat 28 Nov 2026  1 done", "  [bold]shipped[/] it",
                     "Fri 27 Nov 2026  nothing changed", "  day -1",
                     "Thu 19 Nov 2026  nothing changed", "  day -9"]
    assert [line for line in lines if line != line.rstrip()] == []


def test_checkin_history_text_on_a_terminal_when_asked(ok, noted, terminal):
    result = ok("checkin", "--history", "--text")
    assert "\x1b[" in result.out  # coloured
    assert any(line.strip().startswith("less ■ ■ ■ ■ ■ more") for line in result.seen)  # the scale, in colour
    assert "  [bold]shipped[/] it" in result.seen


def test_checkin_history_with_no_check_ins(ok):
    lines = ok("checkin", "--history").lines
    assert lines[-1] == "No check-ins yet. The first one starts the streak."


def test_text_goes_with_history(cli, plan_path):
    result = cli("checkin", "--text")
    assert result.code == 2 and "--text goes with --history" in result.err


def test_review_opens_the_app_on_the_due_strategies_or_the_ones_named(ok, opened, aged):
    ok("review")
    assert (opened["start"], opened["strategies"]) == ("review", None)
    ok("review", "s2", "read")
    assert opened["strategies"] == [2, 3]


def test_review_of_an_unknown_strategy_is_exit_2(cli, opened, aged):
    result = cli("review", "s9")
    assert result.code == 2 and "s9" in result.err
    assert "start" not in opened


def test_summary_with_markup_is_printed_literally(ok, opened):
    opened["says"] = "[bold]1 done[/] · 1-day streak"
    assert ok("checkin").out == "[bold]1 done[/] · 1-day streak\n"


@pytest.mark.parametrize("args", [["checkin", "--help"], ["streak", "--help"], ["review", "--help"]])
def test_help_fits_80_columns(ok, args):
    out = ok(*args).out
    assert max(len(line) for line in out.splitlines()) <= 80
