"""The app on plans the CLI made at the edges of what a plan holds (issue 10).

A horizon typed with a time used to be stored as a date-time: highlighting
that strategy crashed the app (the pace subtracted a Date from a DateTime).
Deadlines near year 9999 crashed the app's start. Both are now kept in what
every reader handles, and these walk the app over them.
"""

from __future__ import annotations

import pendulum
from textual.widgets import Static

from planner_tui.cli import main
from planner_tui.core import actions
from planner_tui.core.model import MAX_DEPTH
from planner_tui.core.file.store import Store
from planner_tui.ui.widgets.panes import DetailPane
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import notifications, plain, reopen, replace_text, running


def planner(store: Store, *args: str) -> None:
    """`planner --db <the plan> ARGS` in another terminal, at the frozen time."""
    with pendulum.travel_to(store.clock(), freeze=True):
        assert main(["--db", str(store.path), *args]) == 0


async def test_a_horizon_given_with_a_time_on_the_cli_shows_in_the_app(store, capsys):
    planner(store, "strategy", "add", "Launch", "--by", "fri 17:00")
    planner(store, "add", "Ship", "--to", "s1", "--due", "fri 12:00")
    async with running(Store(store.path, clock=store.clock)) as (app, pilot):
        app.screen.query_one(StrategyTree).select_strategy(1)
        await pilot.pause()
        detail = plain(app.screen.query_one(DetailPane).content)
        assert "Friday 4 December (in 6 days)" in detail and "17:00" not in detail
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(TacticTable).tactic_id == 1


async def test_the_last_days_a_plan_holds_open_and_close_in_the_app(store, capsys):
    planner(store, "strategy", "add", "Far", "--by", "2999-12-31")
    planner(store, "add", "Last evening", "--to", "s1", "--due", "2999-12-31 23:30")
    planner(store, "add", "Weekly, far", "--to", "s1", "--due", "2999-12-25", "--repeat", "1w")
    async with running(Store(store.path, clock=store.clock)) as (app, pilot):
        await pilot.press("tab")
        table = app.screen.query_one(TacticTable)
        while table.tactic_id != 2:
            await pilot.press("j")
        await pilot.press("x")
        await pilot.pause()
    plan = reopen(store)
    assert plan.tactics[2].status.value == "done" and len(plan.tactics) == 2  # the series ends in 2999


async def test_the_horizon_dialog_says_a_time_is_left_out_and_saves_the_day(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("d")
        await replace_text(pilot, "fri 17:00")
        preview = str(app.screen.query_one(".when-preview", Static).render())
        assert preview == "fri 17:00 → Friday 4 December (in 6 days) · a horizon is a day: the time is left out"
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).strategies[small["goal"]].horizon == pendulum.Date(2026, 12, 4)


async def test_pushing_past_the_last_day_is_refused_with_a_notice_and_nothing_written(store, capsys):
    planner(store, "strategy", "add", "Far")
    planner(store, "add", "Last day", "--to", "s1", "--due", "2999-12-31")
    before = store.path.read_bytes()
    async with running(Store(store.path, clock=store.clock)) as (app, pilot):
        await pilot.press("tab", "p")
        await pilot.pause()
        assert any("3000-01-01 is after 2999-12-31, the last day a plan can hold" in text
                   for text in notifications(app))
    assert store.path.read_bytes() == before


async def test_a_plan_as_deep_as_a_plan_may_be_shows_its_deepest_strategy(store):
    """MAX_DEPTH is what every screen shows: Textual's tree recurses once per level
    (at about 1,000 levels it crashed), so a file deeper than this is refused at open."""
    parent = None
    for level in range(1, MAX_DEPTH + 1):
        parent = actions.add_strategy(store, f"Level {level}", parent=parent).new_ids[0]
    actions.add_tactic(store, "At the bottom", parent)
    async with running(Store(store.path, clock=store.clock)) as (app, pilot):
        app.screen.query_one(StrategyTree).select_strategy(parent)
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(TacticTable).tactic_id == 1
