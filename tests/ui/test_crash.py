"""An unexpected error in the app: the terminal restored, one short line, a log, exit 1.

The error is injected in a screen action whose message and locals hold a note
that is never on screen: Textual's own handler would print both (a traceback
with locals), ours must print neither.
"""

from __future__ import annotations

import os
import stat

import pytest

from planner_tui.core import actions
from planner_tui.ui.app import Crashed
from planner_tui.ui.screens.plan import PlanScreen
from ui_helpers import finish_on_pty, running, spawn_on_pty

SECRET = "Tell nobody about the merger"


def broken_help(self) -> None:
    """`?` fails with the plan's text in its message and in its locals."""
    notes = [tactic.notes for tactic in self.store.plan.tactics.values()]
    raise RuntimeError(f"cannot show help for {notes[0]!r}")


@pytest.fixture
def secret_plan(store):
    goal = actions.add_strategy(store, "Visible goal").new_ids[0]
    actions.add_tactic(store, "Ordinary step", goal, notes=SECRET)
    return store


def crash_logs(tmp_path) -> list:
    return sorted((tmp_path / "state" / "planner-tui" / "log").glob("crash-*.log"))


async def test_an_error_in_a_screen_ends_the_app_with_1_and_a_log(secret_plan, tmp_path, monkeypatch):
    before = secret_plan.path.read_bytes()
    monkeypatch.setattr(PlanScreen, "action_help", broken_help)
    with pytest.raises(Crashed) as crashed:
        async with running(secret_plan) as (app, pilot):
            await pilot.press("question_mark")
            await pilot.pause()
    assert app.return_code == 1
    assert isinstance(crashed.value.__cause__, RuntimeError)
    [log] = crash_logs(tmp_path)
    assert str(log) in crashed.value.message and SECRET not in crashed.value.message
    assert "RuntimeError" in log.read_text() and "broken_help" in log.read_text()
    assert secret_plan.path.read_bytes() == before


RUNNER = """
import sys
from planner_tui.ui.screens.plan import PlanScreen
sys.path.insert(0, {tests!r})
from test_crash import broken_help
PlanScreen.action_help = broken_help
from planner_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_the_real_app_on_a_terminal_restores_it_and_prints_one_short_line(secret_plan, tmp_path):
    before = secret_plan.path.read_bytes()
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER.format(tests=os.path.dirname(__file__)))
    state = tmp_path / "state"
    pid, fd, shown = spawn_on_pty([str(runner), "--db", str(secret_plan.path)], b"Visible goal",
                                  env={"XDG_STATE_HOME": str(state)})
    try:
        assert b"Visible goal" in shown, shown[-500:]
        os.write(fd, b"?")
        code, tail = finish_on_pty(pid, fd)
    finally:
        os.close(fd)
    received = (shown + tail).decode("utf-8", "replace")

    assert code == 1
    assert received.rindex("\x1b[?1049l") > received.rindex("\x1b[?1049h")  # the alternate screen left
    assert received.rindex("\x1b[?25h") > received.rindex("\x1b[?25l")  # the cursor shown
    assert SECRET not in received and "merger" not in received  # no message, no locals
    assert "Traceback" not in received and "locals" not in received
    [log] = crash_logs(tmp_path)
    after_screen = received[received.rindex("\x1b[?1049l"):]
    assert "planner stopped on an unexpected error (RuntimeError)." in after_screen
    assert f"Details, to include when you report it: {log}\r\n" in after_screen  # whole, to copy
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "RuntimeError: cannot show help" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert secret_plan.path.read_bytes() == before
