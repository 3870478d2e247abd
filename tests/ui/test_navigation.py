"""Moving around: tree and table cursors (vim keys and arrows), panes, expansion."""

from __future__ import annotations

import pytest

from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.panes import DetailPane
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import reopen, running, titles


async def test_tree_starts_on_the_first_root_with_its_tactics_deep(store, small):
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        assert tree.has_focus and tree.strategy_id == small["goal"]
        assert titles(table.tactics) == ["one", "two", "three"]  # by deadline, undated last


async def test_space_expands_then_j_k_and_arrows_move_and_swap_tactics(store, small):
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        await pilot.press("space", "j")
        assert tree.strategy_id == small["alpha"]
        assert titles(table.tactics) == ["one", "two"]
        await pilot.press("down")
        assert tree.strategy_id == small["beta"] and titles(table.tactics) == ["three"]
        await pilot.press("k")
        assert tree.strategy_id == small["alpha"]
        await pilot.press("up")
        assert tree.strategy_id == small["goal"]
        await pilot.press("G")
        assert tree.strategy_id == small["beta"]
        await pilot.press("g")
        assert tree.strategy_id == small["goal"]
    assert reopen(store).strategies.keys() == {small["goal"], small["alpha"], small["beta"]}


async def test_h_collapses_then_goes_to_the_parent(store, small):
    async with running(store) as (app, pilot):
        tree = app.screen.query_one(StrategyTree)
        await pilot.press("space", "j", "h")
        assert tree.strategy_id == small["goal"]
        await pilot.press("left")
        assert not tree.strategy_nodes[small["goal"]].is_expanded
    assert UiState.load(store.path).expanded == set()


async def test_panes_switch_with_l_enter_tab_and_h_space_expands(store, small):
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        await pilot.press("space", "l")  # expand, then into the tactics
        assert table.has_focus
        await pilot.press("h")
        assert tree.has_focus
        await pilot.press("enter")
        assert table.has_focus
        await pilot.press("left")
        assert tree.has_focus
        await pilot.press("tab")
        assert table.has_focus
        await pilot.press("shift+tab")
        assert tree.has_focus


async def test_table_cursor_moves_with_j_k_arrows_g_G(store, small):
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        await pilot.press("tab", "j")
        assert table.tactic_id == small["two"]
        await pilot.press("down")
        assert table.tactic_id == small["three"]
        await pilot.press("k", "up")
        assert table.tactic_id == small["one"]
        await pilot.press("G")
        assert table.tactic_id == small["three"]
        await pilot.press("g")
        assert table.tactic_id == small["one"]
        await pilot.press("x")  # and the key acts on the row under the cursor
    assert reopen(store).tactics[small["one"]].status.value == "done"


async def test_expansion_and_cursor_survive_a_restart(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "j", "q")
    assert UiState.load(store.path).expanded == {small["goal"]}
    async with running(store) as (app, pilot):
        tree = app.screen.query_one(StrategyTree)
        assert tree.strategy_nodes[small["goal"]].is_expanded
        assert tree.strategy_id == small["beta"]


async def test_mouse_click_picks_a_strategy_and_a_tactic(store, small):
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        await pilot.press("space")
        await pilot.click(StrategyTree, offset=(10, 3))  # under the border: Goal, Alpha, Beta
        assert tree.strategy_id == small["beta"]
        await pilot.click(StrategyTree, offset=(10, 2))  # Alpha
        await pilot.click(TacticTable, offset=(10, 3))  # border, header, one, two
        assert table.has_focus and table.tactic_id == small["two"]
        await pilot.press("x")
    assert reopen(store).tactics[small["two"]].status.value == "done"


async def test_the_detail_follows_the_table_cursor(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "j")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).content.plain.startswith("two")
