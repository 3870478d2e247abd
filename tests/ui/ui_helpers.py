"""Pilot helpers: the app on a tmp_path plan with a frozen clock.

Each test drives the real app with keys and then reopens the plan file with a
fresh `Store`, so what is asserted is what was saved, not only what is shown.
"""

from __future__ import annotations

import contextlib
import io
import os
import pty
import select
import signal
import sys
import time
from typing import AsyncIterator, Callable

from rich.console import Console
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from planner_tui.core.plan import Plan
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp

SIZE = (100, 30)


@contextlib.asynccontextmanager
async def running(store: Store, size: tuple[int, int] = SIZE) -> AsyncIterator[tuple[PlannerApp, Pilot]]:
    """The app on ``store``, mounted and settled."""
    app = PlannerApp(store)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        yield app, pilot


async def until(pilot: Pilot, condition: Callable[[], bool], what: str, within: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds: for what a timer or a worker
    does (the poll, the palette's search), however slow the machine. ``within``
    only turns a promise never kept into a failure instead of a hang."""
    give_up = time.monotonic() + within
    while not condition():
        assert time.monotonic() < give_up, f"still waiting, after {within:.0f} s, for {what}"
        await pilot.pause(0.05)
    await pilot.pause()


def palette_settled(app) -> bool:
    """The command palette has finished searching for what was typed, and shows hits."""
    palette = app.screen
    gathering = [worker for worker in app.workers
                 if worker.group == CommandPalette._GATHER_COMMANDS_GROUP and not worker.is_finished]
    return isinstance(palette, CommandPalette) and not gathering and palette._list_visible


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused input, one key at a time, as a person would."""
    names = {" ": "space", "\t": "tab"}
    for char in text:
        await pilot.press(names.get(char, char))
    await pilot.pause()


async def replace_text(pilot: Pilot, text: str) -> None:
    """Replace what the focused input holds."""
    pilot.app.focused.value = ""
    await type_text(pilot, text)


def reopen(store: Store) -> Plan:
    """The plan as saved: a second, fresh store on the same file."""
    return Store(store.path, clock=store.clock).plan


def titles(items) -> list[str]:
    return [item.title for item in items]


def no_blink(app) -> None:
    """Snapshots must not catch the cursor mid-blink."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def plain(renderable, width: int = 120) -> str:
    """A renderable (a Rich table, a Text) as plain text."""
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


def statics_text(app, selector: str = "Static") -> str:
    """Everything the screen's Static widgets hold, scrolled into view or not."""
    return "\n".join(plain(static.content) for static in app.screen.query(selector))


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text."""
    update = app.screen._compositor.render_update(full=True)
    return plain(update, app.size.width)


# Seconds after which a start or an exit that has not happened never will: a
# bound against hanging, far above what the slowest machine needs.
STUCK = 120


def spawn_on_pty(args: list[str], marker: bytes, env: dict[str, str] | None = None) -> tuple[int, int, bytes]:
    """``python ARGS`` on a 100x30 pty, as a person would start it, read until
    ``marker`` is on screen: (pid, the pty's fd, what it wrote so far)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.environ.update(env or {}, TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, *args])
    output, deadline = b"", time.monotonic() + STUCK
    while marker not in output and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
    return pid, fd, output


def finish_on_pty(pid: int, fd: int, timeout: float = STUCK) -> tuple[int, bytes]:
    """Drain the pty until the child exits: its exit status and what it wrote meanwhile."""
    output, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), output + _rest(fd)
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the app did not exit")


def _rest(fd: int) -> bytes:
    """What the child wrote just before it exited, still in the pty."""
    output = b""
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    return output
