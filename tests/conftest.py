"""Shared fixtures: a frozen clock and a plan file in a temporary folder.

Nothing here reads the developer's own plan or settings: PLANNER_DB and the
config folder are pointed at the test's temporary folder.
"""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core.store import Store

# A Saturday; "fri" is then Friday 4 December, "eom" Monday 30 November.
FROZEN = (2026, 11, 28, 10, 30)


def frozen_now(tz: str | None = None) -> pendulum.DateTime:
    """The fixed 'now' of the tests, in ``tz`` or the local zone."""
    return pendulum.datetime(*FROZEN, tz=tz or pendulum.local_timezone())


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Keep tests away from the real plan file and settings."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "default-plan.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def now() -> pendulum.DateTime:
    return frozen_now()


@pytest.fixture
def clock(now):
    return lambda: now


class MovingClock:
    """A clock a test moves: ``clock.at = ...``; the store reads it on every commit."""

    def __init__(self, at: pendulum.DateTime):
        self.at = at

    def __call__(self) -> pendulum.DateTime:
        return self.at


@pytest.fixture
def moving(now) -> MovingClock:
    return MovingClock(now)


@pytest.fixture
def plan_path(tmp_path):
    return tmp_path / "plan.json"


@pytest.fixture
def store(plan_path, clock) -> Store:
    return Store(plan_path, clock=clock)
