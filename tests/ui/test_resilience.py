"""Another process changing the file, a dialog's save failing, a new day, signals.

A key's change the file cannot take, on every screen: tests/ui/test_session.py."""

from __future__ import annotations

import os
import signal

import pytest

from planner_tui.core import actions

from planner_tui.core.file.store import Store
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.widgets.panes import PlanHeader
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import finish_on_pty, notifications, plain, reopen, running, spawn_on_pty, titles, type_text, until


async def test_a_change_from_another_process_shows_on_the_next_poll_keeping_the_cursor(store, small, real_poll):
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        await pilot.press("tab", "j")
        assert table.tactic_id == small["two"]
        other = Store(store.path, clock=store.clock)  # e.g. `planner add` in another terminal
        actions.add_tactic(other, "urgent", small["alpha"], due=store.clock().date())
        await until(pilot, lambda: "urgent" in titles(table.tactics), "the poll to show the new tactic")
        assert titles(table.tactics) == ["urgent", "one", "two", "three"]
        assert table.tactic_id == small["two"] and table.has_focus


async def test_a_dialog_keeps_what_was_typed_when_the_save_fails(store, small, full_disk):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Keep me")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        error = plain(app.screen.query_one(".dialog-error").content)
        assert "No space left" in error and "press enter to try again" in error
        assert app.screen.query_one("#title").value == "Keep me"
        full_disk.fix()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert "Keep me" in titles(reopen(store).tactics.values())


async def test_a_new_day_redraws_deadlines_and_counts(store, small, now, real_poll):
    today = [now]
    store.clock = lambda: today[0]
    async with running(store) as (app, pilot):
        header = app.screen.query_one(PlanHeader)
        assert "0 overdue" in plain(header.counts)
        today[0] = now.add(days=2)
        await until(pilot, lambda: "1 overdue" in plain(header.counts), "the poll to notice the new day")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_exit_cleanly_and_restore_the_terminal(store, small, signum):
    pid, fd, shown = spawn_on_pty(["-m", "planner_tui", "--db", str(store.path)], b"Goal")
    try:
        assert b"Goal" in shown, shown[-500:]
        os.kill(pid, signum)
        code, tail = finish_on_pty(pid, fd)
    finally:
        os.close(fd)
    assert code == 0
    assert b"\x1b[?1049l" in tail  # left the alternate screen: the terminal is back
    assert len(reopen(store).tactics) == 3
