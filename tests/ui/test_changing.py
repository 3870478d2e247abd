"""Status, pushing, reordering, moving, deleting, undo and redo: one key each."""

from __future__ import annotations

import pendulum
from textual.widgets import OptionList

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import notifications, reopen, running, screen_text, titles, type_text


def status(store, tactic_id):
    return reopen(store).tactics[tactic_id].status


async def test_x_i_X_set_a_tactics_status_and_again_reopens(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab")
        await pilot.press("x")
        assert status(store, small["one"]) is TacticStatus.DONE
        assert reopen(store).tactics[small["one"]].done_at is not None
        await pilot.press("x")
        assert status(store, small["one"]) is TacticStatus.TODO
        await pilot.press("i")
        assert status(store, small["one"]) is TacticStatus.DOING
        await pilot.press("X")
        assert status(store, small["one"]) is TacticStatus.DROPPED
        await pilot.press("X")  # reopened as it was: in progress
        assert status(store, small["one"]) is TacticStatus.DOING
        await pilot.press("i")
        assert status(store, small["one"]) is TacticStatus.TODO


async def test_doing_then_done_then_x_again_is_doing_again(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "i", "x")
        assert status(store, small["one"]) is TacticStatus.DONE
        await pilot.press("x")
        assert status(store, small["one"]) is TacticStatus.DOING
        await pilot.pause()
        assert "status    ◐ doing" in screen_text(app)  # the detail pane says so too


async def test_x_and_X_on_a_strategy_achieve_and_drop_it(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("x", "y")  # its three open tactics: asked first
        assert reopen(store).strategies[small["goal"]].status is StrategyStatus.ACHIEVED
        await pilot.press("X", "y")
        assert reopen(store).strategies[small["goal"]].status is StrategyStatus.DROPPED
        await pilot.press("X")  # reopening asks nothing
        assert reopen(store).strategies[small["goal"]].status is StrategyStatus.ACTIVE


async def test_p_and_P_push_by_a_day_and_a_week_and_the_cursor_follows(store, small, now):
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        await pilot.press("tab", "p")
        assert reopen(store).tactics[small["one"]].due == now.date().add(days=2)
        await pilot.press("P")
        assert reopen(store).tactics[small["one"]].due == now.date().add(days=9)
        assert table.tactic_id == small["one"]
        assert titles(table.tactics) == ["two", "one", "three"]


async def test_p_and_P_across_a_daylight_saving_change_keep_the_time_of_day(plan_path, local_zone):
    new_york = local_zone("America/New_York")
    store = Store(plan_path, clock=lambda: pendulum.datetime(2026, 10, 29, 10, tz=new_york))
    goal = actions.add_strategy(store, "Team").new_ids[0]
    stand_up = actions.add_tactic(store, "Stand-up", goal, due=pendulum.datetime(2026, 10, 30, 9, tz=new_york)).new_ids[0]
    async with running(store) as (app, pilot):
        await pilot.press("tab", "P")
        assert to_iso(reopen(store).tactics[stand_up].due) == "2026-11-06T09:00:00-05:00[America/New_York]"
        await pilot.press("p")
        assert to_iso(reopen(store).tactics[stand_up].due) == "2026-11-07T09:00:00-05:00[America/New_York]"


async def test_J_K_reorder_strategies(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "J")
        plan = reopen(store)
        assert titles(plan.children(small["goal"])) == ["Beta", "Alpha"]
        assert app.screen.query_one(StrategyTree).strategy_id == small["alpha"]
        await pilot.press("K")
        assert titles(reopen(store).children(small["goal"])) == ["Alpha", "Beta"]


async def test_J_K_reorder_tactics_due_the_same_day(store, small, now):
    same_day = actions.add_tactic(store, "one too", small["alpha"], due=now.date().add(days=1)).new_ids[0]
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "tab", "J")
        shown = app.screen.query_one(TacticTable)
        assert titles(shown.tactics) == ["one too", "one", "two"] and shown.tactic_id == small["one"]
        await pilot.press("K")
        assert titles(shown.tactics) == ["one", "one too", "two"]
        assert not any("Nothing moved" in n for n in notifications(app))
    assert same_day in reopen(store).tactics


async def test_m_moves_a_strategy_under_another_with_a_filtering_picker(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "G", "m")  # Beta
        assert isinstance(app.screen, StrategyPicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3  # top level, Goal, Goal › Alpha (not Beta itself)
        await type_text(pilot, "alp")
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).strategy_id == small["beta"]
    assert reopen(store).strategies[small["beta"]].parent == small["alpha"]


async def test_m_moves_a_strategy_to_the_top_level(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "G", "m")
        await type_text(pilot, "top")
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).strategies[small["beta"]].parent is None


async def test_m_moves_a_tactic_to_another_strategy(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "tab", "m")
        await type_text(pilot, "beta")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Moved to Beta" in n for n in notifications(app))
    assert reopen(store).tactics[small["one"]].strategy == small["beta"]


async def test_escape_in_the_picker_moves_nothing(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "G", "m", "escape")
        await pilot.pause()
    assert reopen(store).strategies[small["beta"]].parent == small["goal"]


async def test_D_deletes_a_tactic_and_says_how_to_undo(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "D")
        await pilot.pause()
        assert any("Deleted one. Press u to undo." == n for n in notifications(app))
        assert small["one"] not in reopen(store).tactics
        await pilot.press("u")
    assert small["one"] in reopen(store).tactics


async def test_D_asks_first_when_a_strategy_has_children_or_tactics(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(reopen(store).strategies) == 3
        await pilot.press("delete")
        await pilot.press("y")
        await pilot.pause()
        assert reopen(store).strategies == {} and reopen(store).tactics == {}
        assert any("Press u to undo" in n for n in notifications(app))
        assert "-empty" in app.screen.classes
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).strategy_id == small["goal"]
    assert len(reopen(store).strategies) == 3 and len(reopen(store).tactics) == 3


async def test_D_on_an_empty_strategy_deletes_without_asking(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("s")
        await type_text(pilot, "Empty")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert app.screen.query_one(StrategyTree).strategy_id == small["goal"]
    assert "Empty" not in titles(reopen(store).strategies.values())


async def test_u_and_U_undo_and_redo_every_change(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "x", "p", "u")
        one = reopen(store).tactics[small["one"]]
        assert one.status is TacticStatus.DONE and one.due == small_due(store, 1)
        await pilot.press("u")
        assert status(store, small["one"]) is TacticStatus.TODO
        await pilot.press("U")
        assert status(store, small["one"]) is TacticStatus.DONE
        await pilot.press("ctrl+r")
        assert reopen(store).tactics[small["one"]].due == small_due(store, 2)
        assert any(n.startswith("Redid: push") for n in notifications(app))
        await pilot.press("U")  # nothing left to redo: the key is disabled, the file stays
    assert reopen(store).tactics[small["one"]].due == small_due(store, 2)


def small_due(store, days):
    return store.clock().date().add(days=days)
