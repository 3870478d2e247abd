"""Fixtures for the Pilot tests: small plans on the frozen clock (tests/conftest.py)."""

from __future__ import annotations

import errno

import pytest

from planner_tui.core import actions
from planner_tui.core.file import storage
from planner_tui.core.examples import add_examples
from planner_tui.ui import app as planner_app


@pytest.fixture(autouse=True)
def _polls_when_asked(request, monkeypatch):
    """The app reads the file again once a second; in a test it does so when
    the test calls `app.session.poll()`. A view a test made stale (another terminal wrote
    meanwhile) then stays stale however long the machine takes to run that terminal;
    otherwise a busy machine's poll catches up first and the test tests something
    else. Tests of the timer itself take `real_poll`."""
    if "real_poll" not in request.fixturenames:
        monkeypatch.setattr(planner_app, "POLL_SECONDS", 10**6)


@pytest.fixture
def real_poll() -> None:
    """The app polls once a second, as it does for a person."""


@pytest.fixture
def small(store, now):
    """Goal (s1) > Alpha (s2: one due tomorrow, two in 3 days), Beta (s3: three, no date).

    Returns the ids as a dict for readable tests.
    """
    today = now.date()
    goal = actions.add_strategy(store, "Goal", horizon=today.add(years=2), why="The vision").new_ids[0]
    alpha = actions.add_strategy(store, "Alpha", parent=goal, horizon=today.add(months=6)).new_ids[0]
    beta = actions.add_strategy(store, "Beta", parent=goal).new_ids[0]
    one = actions.add_tactic(store, "one", alpha, due=today.add(days=1)).new_ids[0]
    two = actions.add_tactic(store, "two", alpha, due=today.add(days=3), notes="some notes").new_ids[0]
    three = actions.add_tactic(store, "three", beta).new_ids[0]
    return {"goal": goal, "alpha": alpha, "beta": beta, "one": one, "two": two, "three": three}


@pytest.fixture
def examples(store):
    add_examples(store)
    return store


@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic write of the plan fails as on a full disk, until `.fix()` is called."""

    class Disk:
        broken = True

        def fix(self):
            self.broken = False

    disk = Disk()
    real = storage.atomic_write

    def write(path, payload):
        if disk.broken:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write", write)
    return disk
