"""The screens go by the app's settings (`PlannerApp(settings=...)`), never by
the file on their own: soon_days colours the deadlines, week_start reads eow.

Each test builds the app on a `tmp_path` plan with the frozen clock (a
Saturday) and its own settings object, and asserts on what is drawn or saved.
"""

from __future__ import annotations

import pendulum
import pytest
from rich.style import Style
from rich.text import Text

from planner_tui.core import actions
from planner_tui.core.dates import compact_deadline
from planner_tui.core.settings import LoadedSettings, Settings, settings_path
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.checkin_list import CheckinList
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.panes import DetailPane
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import SIZE, reopen, screen_text, type_text

WORDS = {0: "today", 2: "in 2 days", 5: "in 5 days", 9: "in 9 days"}


def app_with(store: Store, tmp_path, start: str | None = None, **values) -> PlannerApp:
    """The app with these settings; the settings file, if any, is somewhere else."""
    loaded = LoadedSettings(Settings(**values), tmp_path / "given" / "settings.toml")
    return PlannerApp(store, start=start, settings=loaded)


def style_at(text: Text, words: str, console) -> Style:
    return text.get_style_at_offset(console, text.plain.index(words))


def soon_colour(widget):
    return palette_of(widget)["soon"].color


@pytest.fixture
def near_plan(store, now):
    """One strategy: `first` due today (the cursor's row), then due in 2 and in 5 days."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    for title, days in [("first", 0), ("two", 2), ("five", 5)]:
        actions.add_tactic(store, title, goal, due=now.date().add(days=days))
    return store


CASES = [(3, 5, False), (3, 2, True), (10, 5, True)]


@pytest.mark.parametrize("soon_days, days, soon", CASES)
async def test_the_tactic_table_colours_soon_by_the_settings(near_plan, tmp_path, now, soon_days, days, soon):
    app = app_with(near_plan, tmp_path, soon_days=soon_days)
    said = compact_deadline(now.date().add(days=days), now)  # the table's short form: `Mon`, `Thu`
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(TacticTable)
        assert [t.title for t in table.tactics] == ["first", "two", "five"]
        row = 1 if days == 2 else 2  # not the cursor's row, whose colours are the cursor's
        [segment] = [s for s in table.render_line(row + 1) if said in s.text]  # + the header
        assert (segment.style.color == soon_colour(table)) is soon


@pytest.mark.parametrize("soon_days, days, soon", CASES)
async def test_the_detail_pane_colours_soon_by_the_settings(near_plan, tmp_path, soon_days, days, soon):
    app = app_with(near_plan, tmp_path, soon_days=soon_days)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Back to the tree and in again: the detail shows the tactic under the cursor
        # (the screen's watcher of the table cursor does not fire yet: see test_navigation).
        for key in ["tab"] + ["j"] * (1 if days == 2 else 2) + ["shift+tab", "tab"]:
            await pilot.press(key)
            await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.content.plain.startswith("two" if days == 2 else "five")
        style = style_at(pane.content, WORDS[days], app.console)
        assert (style.color == soon_colour(pane)) is soon


# -- the check-in --------------------------------------------------------------------------


@pytest.fixture
def checkin_plan(store, now):
    """`late` (overdue, the check-in's first row), `soon` in 2 days, `nine` in 9 days."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    ids = {}
    for title, days in [("late", -1), ("soon", 2), ("nine", 9)]:
        ids[title] = actions.add_tactic(store, title, goal, due=now.date().add(days=days)).new_ids[0]
    return store, ids


async def test_the_check_in_goes_by_the_apps_settings_not_the_file(checkin_plan, tmp_path):
    store, ids = checkin_plan
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("soon_days = 2\n", "utf-8")  # what the app was not given
    app = app_with(store, tmp_path, start="checkin", soon_days=10)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(CheckinList)
        assert ids["nine"] in listing.rows and "Next 10 days" in screen_text(app)
        prompt = listing.get_option(f"t{ids['nine']}").prompt
        assert style_at(prompt, WORDS[9], app.console).color == soon_colour(listing)


@pytest.mark.parametrize("week_start, eow", [("sunday", pendulum.date(2026, 11, 28)),
                                             ("monday", pendulum.date(2026, 11, 29))])
async def test_the_check_in_reads_eow_with_the_week_start_setting(checkin_plan, tmp_path, week_start, eow):
    store, ids = checkin_plan
    app = app_with(store, tmp_path, start="checkin", week_start=week_start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(CheckinList).tactic_id == ids["late"]
        await pilot.press("r")
        await type_text(pilot, "eow")
        assert f"eow → {eow.format('dddd D MMMM')}" in screen_text(app)  # the preview agrees
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).tactics[ids["late"]].due == eow
