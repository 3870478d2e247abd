"""Search, the two table toggles, help, the palette, the welcome screen, quitting."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from planner_tui.core import actions
from planner_tui.ui.keys import NAVIGATION, SCREEN_BINDINGS, display_keys
from planner_tui.ui.dialogs.help import HelpScreen
from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import palette_settled, reopen, running, statics_text, titles, type_text, until


async def test_slash_filters_tree_and_tactics_as_you_type_and_escape_clears(store, small):
    actions.add_tactic(store, "phone the bank", small["beta"])
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await type_text(pilot, "pho")
        assert set(tree.strategy_nodes) == {small["goal"], small["beta"]}
        assert titles(table.tactics) == ["phone the bank"]
        await pilot.press("enter")  # keep the filter, back to the tree
        assert tree.has_focus and tree.strategy_id == small["beta"]  # the first hit
        await pilot.press("escape")  # the whole plan again, still on Beta
        assert tree.strategy_id == small["beta"] and titles(table.tactics) == ["three", "phone the bank"]
        await pilot.press("k")
        assert set(tree.strategy_nodes) == {small["goal"], small["alpha"], small["beta"]}
    assert len(reopen(store).tactics) == 4


async def test_search_matching_a_strategy_shows_all_its_tactics(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "alpha")
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        assert tree.strategy_id == small["alpha"]
        assert titles(table.tactics) == ["one", "two"]


async def test_c_toggles_sub_strategies_and_dot_hides_done(store, small):
    actions.set_status(store, [small["one"]], actions.TacticStatus.DONE)
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        assert titles(table.tactics) == ["one", "two", "three"]
        assert table.columns.with_owner  # which sub-strategy each serves is shown
        await pilot.press("c")
        assert titles(table.tactics) == []  # Goal has no tactics of its own
        assert not UiState.load(store.path).include_sub
        await pilot.press("c", "full_stop")
        assert titles(table.tactics) == ["two", "three"]
        assert UiState.load(store.path).hide_done
    assert reopen(store).tactics[small["one"]].status.value == "done"


async def test_question_mark_lists_every_key(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = statics_text(app)
        for binding in SCREEN_BINDINGS:
            assert binding.tooltip in text and display_keys(binding) in text, binding
        for keys, what in NAVIGATION:
            assert keys in text and what in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_goes_to_a_tactic_by_title(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "three")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        await pilot.press("enter")
        await pilot.pause()
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        assert tree.strategy_id == small["beta"]
        assert table.has_focus and table.tactic_id == small["three"]
        await pilot.press("x")
    assert reopen(store).tactics[small["three"]].status.value == "done"


async def test_ctrl_p_runs_an_action(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "ctrl+p")
        await type_text(pilot, "push the tactic's deadline by a week")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).tactics[small["one"]].due == store.clock().date().add(days=8)


async def test_an_empty_plan_welcomes_and_E_loads_the_examples(store):
    async with running(store) as (app, pilot):
        assert "-empty" in app.screen.classes
        text = statics_text(app, "#welcome Static")
        assert "A strategy is" in text and "A tactic is" in text
        await pilot.press("E")
        await pilot.pause()
        assert "-empty" not in app.screen.classes
    assert len(reopen(store).roots()) == 3


async def test_the_welcome_button_adds_the_first_strategy(store):
    async with running(store) as (app, pilot):
        await pilot.click("#welcome-add")
        await pilot.pause()
        await type_text(pilot, "My first goal")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).strategy_id == 1
    assert titles(reopen(store).roots()) == ["My first goal"]


async def test_q_quits_and_everything_is_already_saved(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "x", "q")
        await pilot.pause()
        assert not app.is_running
    assert reopen(store).tactics[small["one"]].status.value == "done"
