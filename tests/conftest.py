"""Shared fixtures: a frozen clock and a plan file in a temporary folder.

Nothing here reads the developer's own plan or settings: PLANNER_DB and the
config folder are pointed at the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

import pendulum
import pytest
from hypothesis import HealthCheck, settings

from planner_tui.core import actions
from planner_tui.core.file.store import Store

# Hypothesis must not judge a test by the wall clock (its 200 ms deadline, its
# too-slow health check): the suite passes on a slow, busy machine. With
# PLANNER_PROPERTIES=long (scripts/long_properties.sh) a failure also prints the
# blob that replays it.
settings.register_profile("planner", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("planner-long", settings.get_profile("planner"), print_blob=True)
settings.load_profile("planner-long" if os.environ.get("PLANNER_PROPERTIES") == "long" else "planner")

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
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # crash logs


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


# Text that commands a terminal, one of each kind output must defuse: ESC c (a
# reset), BEL, a CSI colour, an OSC 8 hyperlink, RLO (turns the line around),
# NEL (a C1 line break) and NUL...
HOSTILE = "\x1bc\x07\x1b[31mred\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\\u202eevil\x85end\x00"
# ...and what a person sees instead: each as its escape.
SHOWN = r"\x1bc\x07\x1b[31mred\x1b]8;;http://evil.example/\x1b\link\x1b]8;;\x1b\\u202eevil\x85end\x00"
# What no terminal or export may receive raw (newline and tab are text).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class Hostile:
    """The ids of the `hostile` plan, and what its text must look like in output."""

    ids: dict[str, int]
    text: str = HOSTILE
    shown: str = SHOWN

    def defused(self, output: str, *labels: str, whole: bool = False) -> None:
        """No raw control character in ``output``, and each ``label`` (`Goal`, `notes`...)
        followed by the start of the escapes (all of them with ``whole``: nothing cut)."""
        raw = RAW_CONTROL.search(output)
        assert raw is None, f"raw {raw[0]!r} at {raw.start()}: {output[max(0, raw.start() - 40):raw.end() + 40]!r}"
        for label in labels:
            seen = f"{label} {SHOWN if whole else SHOWN[:12]}"
            assert seen in output, f"{seen!r} not in {output!r}"


@pytest.fixture
def hostile(store, now) -> Hostile:
    """A plan whose every text holds HOSTILE, as a hand-edited file would (the app
    cleans what people type): titles, whys, notes, check-in notes, a review note.

    s1 `Goal …` (in a year; reviewed 30 days ago, every 7 days: due) > s2 `Part …` > t1
    `Task …` due today; yesterday's and today's check-ins (`day …`), the review
    (`review …`); s1's why and t1's notes start a line with `why`, `notes`.
    """
    today = now.date()
    goal = actions.add_strategy(store, "Goal", horizon=today.add(years=1), review_every=7).new_ids[0]
    part = actions.add_strategy(store, "Part", parent=goal).new_ids[0]
    task = actions.add_tactic(store, "Task", part, due=today).new_ids[0]
    with store.transaction("hand-edited") as tx:
        tx.update("strategies", goal, title=f"Goal {HOSTILE}", why=f"first line\nwhy {HOSTILE}")
        tx.update("strategies", part, title=f"Part {HOSTILE}")
        tx.update("tactics", task, title=f"Task {HOSTILE}", notes=f"first line\n\tnotes {HOSTILE}")
        for day in (today.subtract(days=1), today):
            tx.insert("checkins", {"date": day.isoformat(), "done": [], "pushed": [], "started": [],
                                   "note": f"day {HOSTILE}", "finished": None})
        tx.insert("reviews", {"strategy": goal, "date": today.subtract(days=30).isoformat(),
                              "health": "at-risk", "note": f"review {HOSTILE}"})
    return Hostile({"goal": goal, "part": part, "task": task})


@pytest.fixture
def local_zone():
    """``local_zone("America/New_York")`` makes that the process's zone until the
    test ends: TZ (for the C library) and pendulum's local zone."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> pendulum.Timezone:
        os.environ["TZ"] = name
        time.tzset()
        pendulum.set_local_timezone(pendulum.timezone(name))
        return pendulum.timezone(name)

    yield set_zone
    pendulum.set_local_timezone()
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
