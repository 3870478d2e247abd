"""Key results in the app: the detail pane's section, `v` recording a value with a
preview, the burn-up chart (`B`) redrawing after a value, and undo."""

from __future__ import annotations

import pytest
from textual_plotext import PlotextPlot

from planner_tui.core import keyresult_actions as kr
from planner_tui.core.keyresults import values_of
from planner_tui.ui.dialogs.key_result_value import ValueDialog
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.screens.burnup import BurnupScreen
from planner_tui.ui.widgets.key_results import KeyResultsSection, sparkline
from planner_tui.ui.widgets.panes import DetailPane
from ui_helpers import plain, reopen, running, type_text


@pytest.fixture
def measured(small, store, now):
    """Alpha (s2) measures users, 0 to 100k, since four weeks ago, with two values."""
    users = kr.add_key_result(store, small["alpha"], "Users", 0, 100_000, "users",
                              since=now.date().subtract(weeks=4)).new_ids[0]
    kr.record_value(store, users, 10_000, on=now.date().subtract(weeks=2))
    kr.record_value(store, users, 20_000, on=now.date().subtract(weeks=1))
    return {**small, "users": users}


def section(app) -> str:
    found = app.screen.query_one(KeyResultsSection)
    return plain(found.content) if found.display else ""


def preview(app) -> str:
    return plain(app.screen.query_one(".value-preview").content)


async def test_the_detail_pane_shows_a_strategys_key_results_and_hides_them_elsewhere(measured, store):
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        shown = section(app)
        assert "Users · on pace" in shown  # 20% of the way, 13% expected by now
        assert "20% 20k → 100k users" in shown
        assert sparkline([10_000, 20_000]) in shown
        app.screen.go_to(measured["beta"])
        await pilot.pause()
        assert section(app) == ""  # Beta measures nothing: the text has the whole pane
        assert plain(app.screen.query_one(DetailPane).content).startswith("Beta")


async def test_v_records_a_value_previewed_as_typed_shown_and_undone(measured, store):
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ValueDialog)
        await type_text(pilot, "45k")
        said = preview(app)
        assert "45k → 45,000 users" in said
        assert "progress 45% (now 20%)" in said
        await pilot.press("tab")
        await type_text(pilot, "after the launch")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ValueDialog)
        latest = values_of(reopen(store), measured["users"])[-1]
        assert (latest.value, latest.note, latest.date) == (45_000, "after the launch", store.clock().date())
        assert "45% 45k → 100k users" in section(app)
        await pilot.press("u")
        await pilot.pause()
        assert [v.value for v in values_of(reopen(store), measured["users"])] == [10_000, 20_000]
        assert "20% 20k → 100k users" in section(app)


async def test_a_value_that_cannot_be_read_is_refused_with_nothing_written(measured, store):
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        await pilot.press("v")
        await type_text(pilot, "lots")
        assert "Cannot read 'lots' as a number" in preview(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ValueDialog)
        assert plain(app.screen.query_one(".dialog-error").content).startswith("Value: Cannot read 'lots'")
        await pilot.press("escape", "y")  # what was typed is thrown away once the person says so
        await pilot.pause()
        assert not isinstance(app.screen, ValueDialog)
        assert len(values_of(reopen(store), measured["users"])) == 2


async def test_a_value_in_another_unit_is_refused(small, store):
    revenue = kr.add_key_result(store, small["alpha"], "Revenue", 0, 1_000_000, "$").new_ids[0]
    async with running(store) as (app, pilot):
        app.screen.go_to(small["alpha"])
        await pilot.pause()
        await pilot.press("v")
        await type_text(pilot, "12%")
        assert "counts $, not %" in preview(app)
        await pilot.press("enter")
        await pilot.pause()
        assert values_of(reopen(store), revenue) == []


async def test_with_several_key_results_the_person_picks_one_first(measured, store):
    churn = kr.add_key_result(store, measured["alpha"], "Churn", 8, 3, "%").new_ids[0]
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, StrategyPicker)
        await type_text(pilot, "chu")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ValueDialog)
        await type_text(pilot, "5.5%")
        assert "progress 50% (now 0%)" in preview(app)  # counts down: 8% to 3%
        await pilot.press("enter")
        await pilot.pause()
        assert [v.value for v in values_of(reopen(store), churn)] == [5.5]


async def test_v_is_offered_only_on_a_strategy_with_key_results(measured, store):
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["beta"])
        await pilot.pause()
        assert not app.screen.check_action("record_value", ())
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        assert app.screen.check_action("record_value", ())
        app.screen.go_to(measured["alpha"], measured["one"])  # the tactics table has focus
        await pilot.pause()
        assert not app.screen.check_action("record_value", ())


async def test_the_burnup_chart_redraws_when_a_value_is_recorded_there(measured, store):
    async with running(store) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        chart = app.screen
        assert isinstance(chart, BurnupScreen)
        assert chart.query_one(PlotextPlot).display
        before = chart.data.actual[-1]
        assert before == (store.clock().date(), pytest.approx(0.2))
        await pilot.press("v")
        await type_text(pilot, "60k")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is chart
        assert chart.data.actual[-1] == (store.clock().date(), pytest.approx(0.6))
        assert "60% now" in plain(chart.query_one("#burnup-pace").content)
        await pilot.press("escape")
        await pilot.pause()
        assert "60% 60k → 100k users" in section(app)


async def test_a_window_too_small_for_the_chart_gets_its_numbers(measured, store):
    async with running(store, size=(36, 12)) as (app, pilot):
        app.screen.go_to(measured["alpha"])
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert not app.screen.query_one(PlotextPlot).display
        written = plain(app.screen.query_one("#burnup-fallback").content)
        assert "Too small a window for the chart" in written
        assert "20%  today" in written
