"""Titles are the person's words, never markup: everywhere they are shown.

In Textual 8.2 a plain str with `[/]` crashes Tree, DataTable, Static and
notify(); `[x] done` loses text; `[@click=app.quit]` becomes a live action.
"""

from __future__ import annotations

from textual.command import CommandPalette

from planner_tui.core import actions
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import notifications, palette_settled, reopen, running, screen_text, type_text, until

TRICKY = ["Fix [/] parser", "[x] done", "ship [v2.0]", "[TODO] docs", "[bold]x[/bold]",
          "[@click=app.quit]q[/]"]
BIG = (180, 50)


def tricky_plan(store, now):
    root = actions.add_strategy(store, TRICKY[0], why=TRICKY[1], horizon=now.date().add(years=1)).new_ids[0]
    for title in TRICKY[1:]:
        actions.add_strategy(store, title, parent=root)
    for index, title in enumerate(TRICKY):
        actions.add_tactic(store, title, root, due=now.date().add(days=index), notes=TRICKY[-1 - index])
    return root


def assert_all_shown(app, texts=TRICKY):
    shown = screen_text(app)
    for text in texts:
        assert text in shown, text


async def test_tree_table_and_detail_show_titles_literally(store, now):
    tricky_plan(store, now)
    async with running(store, BIG) as (app, pilot):
        await pilot.press("space")
        assert_all_shown(app)  # the tree lists the strategies, the table the tactics
        assert TRICKY[1] in screen_text(app)  # the why, in the detail pane
        await pilot.press("tab", "G")
        assert "Fix [/] parser" in screen_text(app)  # the notes of the last tactic


async def test_dialogs_picker_and_confirm_show_titles_literally(store, now):
    tricky_plan(store, now)
    async with running(store, BIG) as (app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, FormDialog)
        assert screen_text(app).count("Fix [/] parser") >= 2  # heading and field
        await pilot.press("escape", "space", "j", "m")
        assert isinstance(app.screen, StrategyPicker)
        assert "Move strategy  [x] done under…" in screen_text(app)
        assert "Fix [/] parser › [@click=app.quit]q[/]" in screen_text(app)
        await pilot.press("escape", "k", "D")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Delete Fix [/] parser with its 5 sub-strategies and 6 tactics?" in screen_text(app)
        await pilot.press("n")


async def test_palette_search_and_notifications_show_titles_literally(store, now):
    tricky_plan(store, now)
    async with running(store, BIG) as (app, pilot):
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "[")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        shown = screen_text(app)
        assert "Go to tactic: [@click=app.quit]q[/]" in shown and "Go to strategy: [x] done" in shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "[/]")
        assert "/[/] · " in screen_text(app)  # the search note under the tree
        await pilot.press("escape", "tab", "G", "D")
        await pilot.pause()
        assert "Deleted [@click=app.quit]q[/]. Press u to undo." in notifications(app)
        assert "Deleted [@click=app.quit]q[/]. Press u to undo." in screen_text(app)
    assert "[@click=app.quit]q[/]" not in [t.title for t in reopen(store).tactics.values()]


async def test_clicking_a_click_action_title_quits_nothing(store, now):
    tricky_plan(store, now)
    async with running(store, BIG) as (app, pilot):
        await pilot.press("space")
        tree = app.screen.query_one(StrategyTree)
        for line in range(1, 7):
            await pilot.click(StrategyTree, offset=(12, line))
            await pilot.click(TacticTable, offset=(8, line + 1))
            await pilot.click(TacticTable, offset=(20, line + 1))
        await pilot.pause()
        assert app.is_running and tree.strategy_id is not None
    assert len(reopen(store).tactics) == len(TRICKY)
