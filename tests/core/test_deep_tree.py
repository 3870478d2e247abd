"""Tree walks are loops, not recursion: a plan deeper than Python's recursion
limit is still summed up and exported.

A file that deep is refused when opened (core/file/validation.py: at most
`MAX_DEPTH` levels, as Textual's tree widget recurses), and imports refuse
outlines deeper than that; core's own walks do not rely on it. This is a plan
built in memory, 5,000 levels deep, a done and an open tactic at the bottom.
"""

from __future__ import annotations

import json
import sys

import pytest

from planner_tui.core.exchange import export
from planner_tui.core.file.changes import Put
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress
from planner_tui.core.exchange.records import tree_walk

LEVELS = 5000


@pytest.fixture(scope="module")
def deep() -> Plan:
    assert LEVELS > sys.getrecursionlimit()
    plan = Plan()
    plan.apply([Put("strategies", n, {"title": f"Level {n}", "parent": n - 1 if n > 1 else None, "position": 0})
                for n in range(1, LEVELS + 1)])
    plan.apply([Put("tactics", 1, {"title": "Done", "strategy": LEVELS, "status": "done", "position": 0}),
                Put("tactics", 2, {"title": "Open", "strategy": LEVELS, "status": "todo", "position": 1})])
    return plan


def test_roll_ups_reach_the_top(deep):
    assert deep.progress(1) == deep.progress(LEVELS) == Progress(1, 2)
    assert not deep.is_wish(1)  # the open tactic at the bottom counts at the top


def test_walks_give_every_level_with_its_depth(deep):
    assert [s.id for s in deep.tree_order()] == list(range(1, LEVELS + 1))
    assert [depth for _, depth in tree_walk(deep)] == list(range(LEVELS))


def test_every_format_exports_it(deep, now):
    markdown = export.to_markdown(deep, now)
    assert f"\n{'#' * LEVELS} Level {LEVELS}\n" in markdown
    assert len(json.loads(export.to_json(deep, now))["tables"]["strategies"]) == LEVELS
    assert export.to_ics(deep, now).startswith(b"BEGIN:VCALENDAR")
