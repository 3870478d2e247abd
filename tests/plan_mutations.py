"""Plan files with one document changed in the ways hand edits, old versions and
other tools change them: every JSON type, extreme numbers, long and hostile
text, dates at the edges of the range a plan holds and beyond, times where
days belong. For the fuzz tests of the open-time check (tests/cli/test_fuzz_open.py,
tests/ui/test_fuzz_render.py): a file either is refused when opened or works
everywhere.

The valid plan they start from uses every field of every table, relative to
the tests' frozen day (Saturday 28 November 2026).
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pendulum
from hypothesis import strategies as st

from planner_tui.core.file.validation import FIELDS, LARGEST, MAX_TITLE

# How many examples the fuzz tests try; a long run sets more (scripts/fuzz_open.py).
EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "150"))
RENDER_EXAMPLES = int(os.environ.get("PLANNER_FUZZ_RENDER_EXAMPLES", "8"))

def frozen_now() -> pendulum.DateTime:
    """The tests' frozen now (tests/conftest.py: Saturday 28 November 2026, 10:30 local)."""
    return pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())


STAMP = "2026-01-05T09:00:00+01:00"
BASE: dict[str, Any] = {
    "meta": {"1": {"schema": 1, "ids": {"strategies": 3, "tactics": 5, "checkins": 2, "reviews": 2}}},
    "strategies": {
        "1": {"title": "Get a good job", "parent": None, "why": "Work I care about", "horizon": "2031-11-28",
              "status": "active", "position": 0, "review_every": 14, "created": STAMP},
        "2": {"title": "Build a portfolio", "parent": 1, "why": "", "horizon": "2026-12-31",
              "status": "active", "position": 0, "review_every": None, "created": STAMP},
        "3": {"title": "Old idea", "parent": None, "why": "", "horizon": None, "status": "dropped",
              "position": 1, "review_every": 7, "created": None},
    },
    "tactics": {
        "1": {"title": "Weekly call", "strategy": 1, "status": "todo", "due": "2026-11-27", "notes": "",
              "repeat": "1w", "position": 0, "created": STAMP, "done_at": None},
        "2": {"title": "Finish the site", "strategy": 2, "status": "doing", "due": "2026-11-28T17:00:00+13:00",
              "notes": "the [bold]hard[/] part", "repeat": None, "position": 0, "created": STAMP, "done_at": None},
        "3": {"title": "Sketch", "strategy": 2, "status": "done", "due": "2026-11-20", "notes": "",
              "repeat": None, "position": 1, "created": STAMP, "done_at": "2026-11-20T10:00:00+00:00"},
        "4": {"title": "Stretch", "strategy": 3, "status": "todo", "due": None, "notes": "",
              "repeat": "weekdays", "position": 0, "created": STAMP, "done_at": None},
    },
    "checkins": {
        "1": {"date": "2026-11-27", "done": [3], "pushed": [1], "started": [2], "note": "ok", "rescheduled": [],
              "dropped": [], "skipped": [], "finished": "2026-11-27T20:00:00+00:00"},
        "2": {"date": "2026-11-28", "done": [], "pushed": [], "started": [], "note": "", "skipped": [5]},
    },
    "reviews": {
        "1": {"strategy": 1, "date": "2026-11-14", "health": "at-risk", "note": "slow", "at": STAMP,
              "done": 1, "total": 3, "expected": 0.4, "suggested": "on-track"},
        "2": {"strategy": 9, "date": "2026-10-01", "health": "off-track", "note": "", "at": None},  # s9: deleted
    },
}

DATES = ["1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "9999-12-31", "0001-01-01", "2026-11-28",
         "2026-11-27", "2026-11-29", "2026-W48-6", "20261128", "2026-02-30"]
TIMES = ["2026-11-28T00:00:00", "2026-11-28T23:59:59+14:00", "2026-11-28T00:00:00-12:00",
         "2999-12-31T23:59:59-12:00", "1900-01-01T00:00:00+14:00", "9999-12-31T23:59:59",
         "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+01:00", "2026-11-28T10:30:00Z", "2026-11-28 10:30",
         "2026-11-28T10:30:00.123456+05:45"]
WORDS = ["", " ", "null", "todo", "doing", "done", "dropped", "active", "achieved", "on-track", "at-risk",
         "off-track", "1d", "0d", "999y", "1000d", "weekdays", "weekly", "1w", "s1", "t1", "1", "-1", "01",
         "[bold]x[/] [@click=app.quit]", "\x1b[2J\x07", "\u202eevil\u202c", "🎯 goal", "a\nb\tc"]
LONG = ["x" * MAX_TITLE, "x" * (MAX_TITLE + 1), "é" * 10_000]
NUMBERS = [0, -1, 1, 2, 3, 5, 9, 99, 3650, 3651, 100_000_000, 2**31, LARGEST, LARGEST + 1, 2**63 - 1,
           2**64 - 1, -2**63, 10**30]

EDGES = st.sampled_from(DATES + TIMES + WORDS + NUMBERS + LONG + [None, True, 0.5, -0.0, 1e308, [], {}, [1, 2]])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=20))
# Half of the values are the edges above, half anything JSON holds.
VALUES = EDGES | st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                              | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=4)
TABLES = ["meta", "strategies", "tactics", "checkins", "reviews"]


@st.composite
def mutated_plans(draw) -> dict[str, Any]:
    """`BASE` with one document changed: one to three of its fields set to any
    value (or removed), or, now and then, the whole document replaced."""
    data = copy.deepcopy(BASE)
    table = draw(st.sampled_from(TABLES))
    key = draw(st.sampled_from(sorted(data[table])))
    if draw(st.integers(0, 19)) == 0:
        data[table][key] = draw(VALUES)
        return data
    names = [name for name, _rule, _default in FIELDS[table]] + ["extra"]
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
        if draw(st.integers(0, 9)) == 0:
            data[table][key].pop(name, None)
        else:
            data[table][key][name] = draw(VALUES)
    return data
