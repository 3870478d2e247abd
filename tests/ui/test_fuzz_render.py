"""Fuzz the open-time check through the app: a file that opens shows on the plan screen.

The smaller sibling of tests/cli/test_fuzz_open.py (Pilot takes a second per
example): plans with one document changed (tests/plan_mutations.py) that the
store opens are rendered headless, every strategy highlighted in turn (the
detail pane computes its pace) and every tactic row visited. Any exception
in the app fails the test. PLANNER_FUZZ_RENDER_EXAMPLES sets how many (8 by default).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, assume, given, settings

from planner_tui.core.file.store import PlanFileError, Store
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from plan_mutations import RENDER_EXAMPLES, frozen_now, mutated_plans
from ui_helpers import running


async def visit_everything(store: Store) -> None:
    async with running(store) as (app, pilot):
        tree = app.screen.query_one(StrategyTree)
        for strategy_id in store.plan.strategies:
            tree.select_strategy(strategy_id)
            await pilot.pause()
        await pilot.press("tab")
        for _ in range(len(app.screen.query_one(TacticTable).tactics)):
            await pilot.press("j")
        await pilot.pause()


@settings(max_examples=RENDER_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
@given(data=mutated_plans())
def test_a_changed_file_that_opens_renders_on_the_plan_screen(tmp_path, data):
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    now = frozen_now()
    try:
        store = Store(path, clock=lambda: now)
    except PlanFileError:
        assume(False)
    with pendulum.travel_to(now, freeze=True):
        asyncio.run(visit_everything(store))
