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
from typing import AsyncIterator

from rich.console import Console
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


def spawn_on_pty(args: list[str], marker: bytes, env: dict[str, str] | None = None) -> tuple[int, int, bytes]:
    """``python ARGS`` on a 100x30 pty, as a person would start it, read until
    ``marker`` is on screen: (pid, the pty's fd, what it wrote so far)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.environ.update(env or {}, TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, *args])
    output, deadline = b"", time.monotonic() + 20
    while marker not in output and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
    return pid, fd, output


def finish_on_pty(pid: int, fd: int, timeout: float = 10.0) -> tuple[int, bytes]:
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
