"""The strategic overview (O) and the review's rows per sub-strategy, driven by keys."""

from __future__ import annotations

from planner_tui.core import actions, overview
from planner_tui.core.file.store import Store
from planner_tui.core.model import Health
from planner_tui.core.review import record_review
from planner_tui.ui.commands import PlanCommands
from planner_tui.ui.screens.overview import OverviewScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.standings_table import StandingsTable
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from ui_helpers import running, screen_text, statics_text


def shown_titles(app) -> list[str]:
    plan = app.session.plan
    return [plan.strategies[sid].title for sid in app.screen.query_one(StandingsTable).shown]


async def test_O_lists_every_strategy_what_needs_attention_first(store, small, now):
    record_review(store, small["beta"], Health.AT_RISK, None)
    async with running(store) as (app, pilot):
        await pilot.press("O")
        assert isinstance(app.screen, OverviewScreen)
        expected = [row.strategy.title for row in overview.overview(store.plan, now)]
        assert shown_titles(app) == expected and expected[0] == "Beta"
        text = screen_text(app)
        assert "Overview · 3 strategies, 1 needing attention" in text
        assert "reviewed at risk" not in text  # the words are the columns': health says it
        assert "at risk" in text and "Beta ‹ Goal" in text and "△ at risk" in text  # the legend
        await pilot.press("t")
        assert shown_titles(app) == ["Goal"]
        assert "1 top-level strategies" in screen_text(app)
        await pilot.press("t", "k")  # every strategy again, the cursor still on Goal (the last); up one
        chosen = app.screen.query_one(StandingsTable).strategy_id
        assert chosen not in (None, small["goal"])
        await pilot.press("enter")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one(StrategyTree).strategy_id == chosen


async def test_escape_goes_back_and_the_palette_and_help_know_O(store, small):
    async with running(store) as (app, pilot):
        titles = [title for title, _, keys in PlanCommands(app.screen)._actions() if keys == "O"]
        assert titles and titles[0].startswith("Strategic overview")
        await pilot.press("O", "escape")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("question_mark")
        assert "Strategic overview" in statics_text(app)


async def test_another_windows_change_shows_in_the_overview(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("O")
        other = Store(store.path, clock=store.clock)
        actions.add_strategy(other, "Added elsewhere")
        app.session.poll()
        await pilot.pause()
        assert "Added elsewhere" in shown_titles(app)


async def test_reviewing_a_parent_shows_a_row_per_sub_strategy(store, small):
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [small["goal"], small["alpha"]]))
        await pilot.pause()
        subs = app.screen.query_one(StandingsTable)
        assert subs.display and shown_titles(app) == ["Alpha", "Beta"]
        assert "its sub-strategies" in screen_text(app)
        await pilot.press("1")  # on track, then the note: enter moves on to Alpha, which has none
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.strategy_id == small["alpha"] and not subs.display
