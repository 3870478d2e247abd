"""Sync test fixtures: one real Radicale per test module, a fresh task list per test.

Every test talks to Radicale through a `Proxy` (radicale_server.py), so it can
stop the server between two requests. `phone` is a second CalDAV client (the
`caldav` library used directly, as DAVx⁵ would on a phone). `planner(...)` runs
the CLI in-process with time frozen at the tests' Saturday.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import caldav
import icalendar
import pendulum
import pytest

from planner_tui.cli import main
from tests.conftest import frozen_now
from tests.sync.radicale_server import PASSWORD, USER, Proxy, Radicale


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxy(radicale):
    between = Proxy(radicale)
    yield between
    between.close()


@pytest.fixture(autouse=True)
def frozen():
    with pendulum.travel_to(frozen_now(), freeze=True):
        yield frozen_now()


@pytest.fixture
def list_name() -> str:
    return f"Plan {uuid.uuid4().hex[:8]}"


# Seconds a request may take before the sync gives up on the server: generous, so
# that a busy machine's slow answer is not taken for a dead server (no test waits
# for it: a stopped server refuses at once).
REQUEST_TIMEOUT = 120


@pytest.fixture
def settings_file(tmp_path, proxy, radicale, list_name) -> Path:
    """settings.toml with a [caldav] table for this test's own list (the password from a command)."""
    if radicale.process is None:
        radicale.start()
    proxy.before = lambda number, method: None
    path = tmp_path / "config" / "planner-tui" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[caldav]\nurl = "{proxy.url}"\nuser = "{USER}"\nlist = "{list_name}"\n'
                    f'password_cmd = "echo {PASSWORD}"\ntimeout = {REQUEST_TIMEOUT}\n')
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def planner(plan_path, settings_file, capsys):
    """Run ``planner --db plan.json ARGS`` in-process; its exit code and output."""
    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(["--db", str(plan_path), *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return run


class Phone:
    """A second CalDAV client on the same list, doing what a phone app does."""

    def __init__(self, url: str, list_name: str):
        self.client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
        self.calendar = self.client.principal().calendar(name=list_name)

    def todos(self) -> dict[str, icalendar.Todo]:
        found = self.calendar.get_todos(include_completed=True)
        return {str(t.icalendar_component["uid"]): t.icalendar_component for t in found}

    def edit(self, uid: str, modified: pendulum.DateTime | None = None, **changes) -> None:
        """Set properties of one to-do (None removes one), stamped LAST-MODIFIED ``modified``."""
        todo = self.calendar.get_todo_by_uid(uid)
        component = todo.icalendar_component
        for name, value in changes.items():
            component.pop(name.replace("_", "-"), None)
            if value is not None:
                component.add(name.replace("_", "-"), value)
        component.pop("last-modified", None)
        component.add("last-modified", _utc(modified or frozen_now()))
        todo.save(increase_seqno=False)

    def complete(self, uid: str, at: pendulum.DateTime) -> None:
        self.edit(uid, at, status="COMPLETED", completed=_utc(at), percent_complete=100)

    def create(self, summary: str, uid: str | None = None, **properties) -> str:
        uid = uid or f"{uuid.uuid4()}@phone"
        self.calendar.save_todo(summary=summary, uid=uid, **properties)
        return uid

    def delete(self, uid: str) -> None:
        self.calendar.get_todo_by_uid(uid).delete()


def _utc(when: pendulum.DateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(when.timestamp(), tz=dt.timezone.utc)


@pytest.fixture
def phone(proxy, list_name, planner):
    """The phone, on the list the first `planner sync` made (call it after that sync)."""
    return lambda: Phone(proxy.url, list_name)
