"""The deepest plan an import takes (`MAX_DEPTH` levels) opens and draws in the app."""

from __future__ import annotations

from planner_tui.core.exchange import importing
from planner_tui.core.model import MAX_DEPTH
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from ui_helpers import running, screen_text


async def test_the_deepest_strategy_can_be_reached_and_shown(store):
    lines = [f"{'#' * level} Level {level}" for level in range(1, MAX_DEPTH + 1)]
    importing.import_markdown(store, "\n".join([*lines, "- [ ] The deepest task"]))
    deepest = max(store.plan.strategies)
    async with running(store, (120, 40)) as (app, pilot):
        tree = app.screen.query_one(StrategyTree)
        tree.select_strategy(deepest)  # expands every ancestor on the way down
        await pilot.pause()
        assert tree.strategy_id == deepest and len(tree.strategy_nodes) == MAX_DEPTH
        shown = screen_text(app)
        assert f"Level {MAX_DEPTH}" in shown  # in the detail pane: its title, and where it sits
        assert "Level 1 › Level 2 › Level 3" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert "The deepest task" in screen_text(app)
