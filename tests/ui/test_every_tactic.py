"""Every tactic can be reached: no row cap in the tactics table, and "go to" lands
on the tactic it names (clearing a search or the done-hidden toggle that hides it)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import palette_settled, reopen, running, screen_text, type_text, until

HUGE = 20_000


@pytest.fixture
def huge(store, now):
    """One strategy with 20k tactics: every tenth without a deadline (those sort last),
    the others due from a month ago to a year ahead. `Needle in the haystack` is due in
    300 days, far down the table; `The very last one` has no deadline and the highest
    position: the table's last row."""
    today = now.date()
    sid = actions.add_strategy(store, "Everything under one roof").new_ids[0]
    ids = {}
    with store.transaction("many tactics") as tx:
        for index in range(HUGE):
            title = f"Routine tactic number {index}"
            due = None if index % 10 == 9 else to_iso(today.add(days=index % 400 - 30))
            if index == HUGE // 2:
                title, due = "Needle in the haystack", to_iso(today.add(days=300))
            elif index == HUGE - 1:
                title = "The very last one"
            ids[title] = tx.insert("tactics", {"title": title, "strategy": sid, "status": "todo", "due": due,
                                               "position": index, "created": now.isoformat()})
    return {"strategy": sid, "needle": ids["Needle in the haystack"], "last": ids["The very last one"]}


async def go_to(app, pilot, words: str) -> None:
    """ctrl+p, the words, enter on the first hit."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, words)
    await until(pilot, lambda: palette_settled(app), "the palette's hits")
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_G_reaches_the_last_undated_tactic_of_20k(store, huge):
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        await pilot.press("enter")
        assert table.has_focus and table.row_count == HUGE
        await pilot.press("G")
        await pilot.pause()
        assert table.tactic_id == huge["last"]
        assert "The very last one" in screen_text(app)
        assert "20,000 tactics" in str(table.border_subtitle)


@pytest.mark.slow
async def test_go_to_a_tactic_far_down_20k_lands_on_it_and_x_marks_that_one(store, huge):
    async with running(store) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        await pilot.press("enter")
        assert table.cursor_row == 0
        await go_to(app, pilot, "Needle in the haystack")
        assert table.has_focus and table.tactic_id == huge["needle"]
        assert table.cursor_row > HUGE // 2  # far from where the cursor was
        assert "Needle in the haystack" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
    plan = reopen(store)
    assert plan.tactics[huge["needle"]].status.value == "done"
    assert sum(t.status.value == "done" for t in plan.tactics.values()) == 1


async def test_go_to_clears_the_search_that_hides_the_tactic(store, small):
    stamps = actions.add_tactic(store, "Buy stamps", small["alpha"]).new_ids[0]
    async with running(store) as (app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "two")  # Alpha stays in the tree, with `two` alone under it
        await pilot.press("enter")
        assert app.screen.search is not None
        await go_to(app, pilot, "Buy stamps")
        table = app.screen.query_one(TacticTable)
        assert app.screen.search is None
        assert app.screen.query_one(StrategyTree).strategy_id == small["alpha"]
        assert table.has_focus and table.tactic_id == stamps


async def test_go_to_a_done_tactic_shows_done_ones_again(store, small):
    actions.set_status(store, [small["two"]], actions.TacticStatus.DONE)
    async with running(store) as (app, pilot):
        await pilot.press("full_stop")  # hide done
        assert app.screen.ui.hide_done
        await go_to(app, pilot, "two")
        table = app.screen.query_one(TacticTable)
        assert not app.screen.ui.hide_done
        assert table.has_focus and table.tactic_id == small["two"]
        await pilot.press("x")  # the same key again reopens it
        await pilot.pause()
    assert reopen(store).tactics[small["two"]].status.value == "todo"
