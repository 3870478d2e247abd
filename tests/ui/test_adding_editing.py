"""Adding and editing through the dialogs: s, S, a, e, d; Enter saves, Escape cancels."""

from __future__ import annotations

import pendulum
from textual.widgets import Static

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.core.model import Tactic
from planner_tui.core.file.store import Store
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import reopen, replace_text, running, titles, type_text


def preview(app) -> str:
    return str(app.screen.query_one(".when-preview", Static).render())


def dialog_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_s_adds_a_sibling_strategy_with_why_horizon_and_cadence(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("s")
        assert isinstance(app.screen, FormDialog)
        await type_text(pilot, "Second goal")
        await pilot.press("tab")
        await type_text(pilot, "why not")
        await pilot.press("tab")
        await type_text(pilot, "5y")
        await pilot.press("tab")
        await type_text(pilot, "2w")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).strategy_id == 4
    added = reopen(store).strategies[4]
    assert (added.title, added.parent, added.why) == ("Second goal", None, "why not")
    assert added.horizon == now.date().add(years=5) and added.review_every == 14


async def test_S_adds_a_child_under_the_highlighted_strategy(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "S")
        await type_text(pilot, "Deeper")
        await pilot.press("enter")
        await pilot.pause()
        tree = app.screen.query_one(StrategyTree)
        assert tree.strategy_id == 4 and tree.strategy_nodes[small["alpha"]].is_expanded
    assert reopen(store).strategies[4].parent == small["alpha"]


async def test_a_adds_a_tactic_with_a_deadline_preview(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "a")
        await type_text(pilot, "Call Bob")
        await pilot.press("tab")
        await type_text(pilot, "fri")
        assert preview(app) == "fri → Friday 4 December (in 6 days)"
        await pilot.press("tab")
        await type_text(pilot, "about the thing")
        await pilot.press("tab")
        await type_text(pilot, "1w")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TacticTable).tactic_id == 4
    tactic: Tactic = reopen(store).tactics[4]
    assert (tactic.title, tactic.strategy, tactic.notes, tactic.repeat) == (
        "Call Bob", small["alpha"], "about the thing", "1w")
    assert tactic.due == pendulum.date(2026, 12, 4)


async def test_unreadable_deadline_shows_examples_and_saves_nothing(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Something")
        await pilot.press("tab")
        await type_text(pilot, "someday")
        assert "Cannot read 'someday'" in preview(app) and "tomorrow" in preview(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Deadline:" in dialog_text(app, ".dialog-error")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert "Something" not in titles(reopen(store).tactics.values())


async def test_empty_title_is_refused_inline(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a", "enter")
        await pilot.pause()
        assert "cannot be empty" in dialog_text(app, ".dialog-error")
        await pilot.press("escape")
    assert len(reopen(store).tactics) == 3


async def test_a_tactic_due_after_the_horizon_is_warned_about_but_saved(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "a")  # Alpha: horizon in 6 months
        await type_text(pilot, "Late")
        await pilot.press("tab")
        await type_text(pilot, "1y")
        assert "after its strategy's horizon" in dialog_text(app, ".dialog-warning")
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).tactics[4].due == now.date().add(years=1)


async def test_e_edits_a_strategy(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("e")
        assert app.screen.query_one("#title").value == "Goal"
        await replace_text(pilot, "Big goal")
        await pilot.press("tab")
        await replace_text(pilot, "")
        await pilot.press("enter")
        await pilot.pause()
    goal = reopen(store).strategies[small["goal"]]
    assert (goal.title, goal.why) == ("Big goal", "")


async def test_e_and_enter_edit_a_tactic(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "j", "enter")  # enter on a row edits it
        assert app.screen.query_one("#title").value == "two"
        assert "in 3 days" in preview(app)
        await replace_text(pilot, "two, renamed")
        await pilot.press("tab", "tab")
        await replace_text(pilot, "new notes")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.press("tab")
        await replace_text(pilot, "")  # no deadline
        await pilot.press("enter")
        await pilot.pause()
    two = reopen(store).tactics[small["two"]]
    assert (two.title, two.notes, two.due) == ("two, renamed", "new notes", None)


async def test_escape_cancels_an_edit(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("e")
        await replace_text(pilot, "Changed my mind")
        await pilot.press("escape")
        await pilot.pause()
    assert reopen(store).strategies[small["goal"]].title == "Goal"


async def test_d_sets_and_clears_a_tactics_deadline(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "G", "d")  # three: no deadline yet
        await type_text(pilot, "tomorrow")
        assert preview(app) == "tomorrow → Sunday 29 November (tomorrow)"
        await pilot.press("enter")
        await pilot.pause()
        assert reopen(store).tactics[small["three"]].due == now.date().add(days=1)
        await pilot.press("d")
        await replace_text(pilot, "")
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).tactics[small["three"]].due is None


async def test_d_on_a_strategy_sets_its_horizon(store, small, now):
    async with running(store) as (app, pilot):
        await pilot.press("d")
        await replace_text(pilot, "eoy")
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).strategies[small["goal"]].horizon == pendulum.date(2026, 12, 31)


async def test_editing_a_tactic_from_another_zone_keeps_its_zone_and_shows_local_time(plan_path, local_zone):
    """A 09:00 New York stand-up edited in Auckland: the field shows Auckland's time
    (as the preview does), and a title change leaves the deadline, zone and all."""
    new_york = pendulum.timezone("America/New_York")
    auckland = local_zone("Pacific/Auckland")
    store = Store(plan_path, clock=lambda: pendulum.datetime(2026, 11, 28, 10, 30, tz=auckland))
    goal = actions.add_strategy(store, "Team").new_ids[0]
    due = pendulum.datetime(2026, 12, 4, 9, tz=new_york)
    stand_up = actions.add_tactic(store, "Stand-up", goal, due=due, repeat="1w").new_ids[0]
    async with running(store) as (app, pilot):
        await pilot.press("tab", "e")
        assert app.screen.query_one(".when-input").value == "2026-12-05 03:00"  # Saturday, in Auckland
        assert preview(app).startswith("2026-12-05 03:00 → Saturday 5 December 03:00")
        await replace_text(pilot, "Stand-up with the team")
        await pilot.press("enter")
        await pilot.pause()
    tactic = reopen(store).tactics[stand_up]
    assert tactic.title == "Stand-up with the team"
    assert to_iso(tactic.due) == "2026-12-04T09:00:00-05:00[America/New_York]"
