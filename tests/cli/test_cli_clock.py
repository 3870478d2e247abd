"""The CLI's clock is pendulum.now, and pendulum.travel_to really freezes it."""

from __future__ import annotations

import time
from pathlib import Path

import pendulum

from planner_tui.cli.group import Context


def test_context_clock_is_frozen(frozen):
    context = Context(path=Path("unused.json"))
    first = context.now
    time.sleep(0.02)
    assert first == frozen
    assert context.now == first
    assert context.clock() == pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())


def test_commands_stamp_the_frozen_time(ok, read, frozen):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    ok("done", "t1")
    data = read()
    assert pendulum.parse(data["strategies"]["1"]["created"]) == frozen
    assert pendulum.parse(data["tactics"]["1"]["done_at"]) == frozen
    assert data["tactics"]["1"]["due"] == "2026-11-28"


def test_a_tz_this_program_cannot_read_is_said_on_stderr_and_the_command_still_runs(cli, read, monkeypatch):
    monkeypatch.setenv("TZ", "Nowhere/Bogus")  # pendulum would quietly use the system's zone
    result = cli("strategy", "add", "Goal")
    assert (result.code, result.out) == (0, "s1\n")
    used = pendulum.local_timezone().name
    assert result.err == (f"Warning: TZ='Nowhere/Bogus' is not a time zone this program knows, so dates and "
                          f"times are in {used}. Set TZ to a zone name such as Europe/Paris, or unset it.\n")
    monkeypatch.setenv("TZ", ":America/New_York")  # the C library's spelling is fine
    assert cli("list").err == ""
