"""Forgiving streaks from the command line: the settings' day_starts_at and rest_days, and
`planner away`, in `planner streak`, `planner checkin` and the text history."""

from __future__ import annotations

import contextlib
import json

import pendulum
import pytest


@pytest.fixture
def settings(tmp_path):
    def write(text: str) -> None:
        folder = tmp_path / "config" / "planner-tui"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.toml").write_text(text)

    return write


@contextlib.contextmanager
def at(*when: int):
    """Commands run at ``when``; then at the tests' frozen time again (leaving a
    `travel_to` goes back to the real clock, not to the one it replaced)."""
    frozen = pendulum.now()
    with pendulum.travel_to(pendulum.datetime(*when, tz=pendulum.local_timezone()), freeze=True):
        yield
    pendulum.travel_to(frozen, freeze=True)


def test_rest_days_keep_a_weekday_streak_over_the_weekend(ok, settings):
    ok("strategy", "add", "Goal")
    for day in (23, 24, 25, 26, 27):  # Monday to Friday
        with at(2026, 11, day, 18, 0):
            ok("checkin", "--finish")
    with at(2026, 11, 30, 9, 0):  # Monday, not checked in yet
        assert ok("streak").out == "no streak yet · not checked in today\n"
        settings('rest_days = ["sat", "sun"]\n')
        assert ok("streak").out == "5-day streak · not checked in today\n"
        ok("checkin", "--finish")
        assert json.loads(ok("streak", "--json").out) == {"streak": 6, "today": True}


def test_away_keeps_the_streak_and_the_text_history_marks_it(ok):
    ok("strategy", "add", "Goal")
    for day in (24, 25):
        with at(2026, 11, day, 18, 0):
            ok("checkin", "--finish")
    assert ok("streak").out == "no streak yet · not checked in today\n"
    assert ok("away", "2026-11-26..yesterday", "--note", "Ill").out == "a1\n"
    assert ok("streak").out == "2-day streak · not checked in today\n"
    history = ok("checkin", "--history", "--text").lines
    assert history[0] == "Check-in history · the last 20 weeks · 2-day streak"
    this_week = [row.rstrip()[-1] if len(row.rstrip()) > 4 else " " for row in history[2:9]]  # Mon..Sun
    assert this_week[:6] == ["·", "■", "■", "-", "-", "·"]  # Thursday and Friday away, Saturday is today
    assert history[9] == "■ checked in  □ done, no check-in  · neither  - rest or away"


def test_a_check_in_after_midnight_counts_for_the_day_before_when_the_day_starts_at_four(ok, settings):
    ok("strategy", "add", "Goal")
    settings('day_starts_at = "04:00"\n')
    with at(2026, 11, 27, 21, 0):
        ok("checkin", "--finish")
    with at(2026, 11, 29, 0, 30):  # Sunday 00:30: still Saturday the 28th
        assert ok("checkin", "--finish").out == "Checked in for today: nothing changed · 2-day streak\n"
        assert ok("streak").out == "2-day streak · checked in today\n"
    dates = sorted(c["date"] for c in json.loads((ok("export", "--format", "json").out))["tables"]["checkins"].values())
    assert dates == ["2026-11-27", "2026-11-28"]


def test_checkin_for_yesterday_after_midnight(ok):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    with at(2026, 11, 27, 21, 0):
        ok("checkin", "--finish")
    with at(2026, 11, 29, 0, 15):  # the 28th forgotten
        said = ok("checkin", "--date", "yesterday", "--done", "t1", "--note", "Late").out
        assert said == "Checked in for yesterday: 1 done · 2-day streak\n"
        assert ok("streak").out == "2-day streak · not checked in today\n"
