"""The check-in, review, history, settings and export wired into the main screen.

Each test drives the app with keys on a `tmp_path` plan with a frozen clock and
asserts on the saved file or on what the screen shows.
"""

from __future__ import annotations

import json

import pendulum
import pytest

from planner_tui.core import actions, review
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from ui_helpers import notifications, running, screen_text, statics_text


@pytest.fixture
def due_plan(plan_path, moving, now):
    """`Shop` (every 14 days, made 30 days ago, reviewed at risk 20 days ago: due)
    with `late` overdue; `Garden` (no cadence) with `seeds` due today."""
    store = Store(plan_path, clock=moving)
    moving.at = now.subtract(days=30)
    shop = actions.add_strategy(store, "Shop", review_every=14).new_ids[0]
    garden = actions.add_strategy(store, "Garden").new_ids[0]
    moving.at = now.subtract(days=20)
    review.record_review(store, shop, Health.AT_RISK, "slow")
    moving.at = now
    late = actions.add_tactic(store, "late", shop, due=now.date().subtract(days=2)).new_ids[0]
    seeds = actions.add_tactic(store, "seeds", garden, due=now.date()).new_ids[0]
    return store, {"shop": shop, "garden": garden, "late": late, "seeds": seeds}


def saved(store: Store) -> dict:
    return json.loads(store.path.read_text("utf-8"))


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


# -- 1. check-in, review and history from the plan screen ---------------------------------

async def test_C_opens_the_check_in_and_the_plan_reloads_after(due_plan, now):
    store, ids = due_plan
    async with running(store) as (app, pilot):
        await press(pilot, "C")
        assert isinstance(app.screen, CheckinScreen)
        await press(pilot, "x", "x", "enter")  # late: done, seeds: done, finish
        assert isinstance(app.screen, PlanScreen)
        assert "0 overdue · 0 due today · ✓ 1-day streak" in screen_text(app)  # reloaded
    data = saved(store)
    assert [t["status"] for t in data["tactics"].values()] == ["done", "done"]
    assert [c["date"] for c in data["checkins"].values()] == [now.date().isoformat()]


async def test_undo_on_the_plan_screen_reaches_the_check_in(due_plan):
    store, ids = due_plan
    async with running(store) as (app, pilot):
        await press(pilot, "C", "x", "escape")
        assert isinstance(app.screen, PlanScreen)
        assert store.plan.tactics[ids["late"]].status is TacticStatus.DONE
        await press(pilot, "u")
    assert Store(store.path).plan.tactics[ids["late"]].status is TacticStatus.TODO


async def test_R_reviews_the_due_strategies(due_plan, now):
    store, ids = due_plan
    async with running(store) as (app, pilot):
        await press(pilot, "R")
        assert isinstance(app.screen, ReviewScreen)
        assert "Shop" in screen_text(app)
        await press(pilot, "3", "escape")  # off track, then leave
        assert isinstance(app.screen, PlanScreen)
    healths = {r["date"]: r["health"] for r in saved(store)["reviews"].values()}
    assert healths[now.date().isoformat()] == "off-track"


async def test_H_opens_the_check_in_history(due_plan):
    store, _ = due_plan
    async with running(store) as (app, pilot):
        await press(pilot, "H")
        assert isinstance(app.screen, CheckinHistoryScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, PlanScreen)


async def test_the_three_keys_are_in_the_help_and_the_palette(due_plan):
    store, _ = due_plan
    async with running(store) as (app, pilot):
        titles = [title for title, _, _ in _palette_titles(app)]
        assert any("check-in" in t.lower() for t in titles)
        assert any("review" in t.lower() for t in titles)
        assert any("history" in t.lower() for t in titles)
        await press(pilot, "question_mark")
        shown = statics_text(app)
        assert "Daily check-in" in shown and "Check-in history" in shown


def _palette_titles(app):
    from planner_tui.ui.commands import PlanCommands

    provider = PlanCommands(app.screen)
    return list(provider._actions())


# -- 5. export from the palette ---------------------------------------------------------

async def _export(app, pilot, path: str) -> None:
    from planner_tui.ui.dialogs.export import ExportDialog

    await app.screen.run_action("export")  # what the palette's "Export the plan…" runs
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    field = app.screen.query_one("#export-path")
    field.value = path
    await press(pilot, "enter")


@pytest.mark.parametrize("name, start", [("out.md", "<!-- planner-tui plan"),
                                         ("out.ics", "BEGIN:VCALENDAR"), ("out.json", "{")])
async def test_export_writes_the_format_the_name_says(due_plan, tmp_path, name, start):
    store, _ = due_plan
    target = tmp_path / name
    async with running(store) as (app, pilot):
        await _export(app, pilot, str(target))
        assert isinstance(app.screen, PlanScreen)
        assert any(str(target) in n for n in notifications(app))
    assert target.read_text("utf-8").startswith(start)


async def test_export_errors_are_told_and_taken_literally(due_plan, tmp_path):
    store, _ = due_plan
    bad = tmp_path / "no [/] such" / "out.md"
    async with running(store) as (app, pilot):
        await _export(app, pilot, str(bad))
        assert any("[/]" in n and "does not exist" in n for n in notifications(app))
        await _export(app, pilot, str(store.path))
        assert any("plan file itself" in n for n in notifications(app))


async def test_export_is_in_the_palette(due_plan):
    store, _ = due_plan
    async with running(store) as (app, pilot):
        assert any(t.startswith("Export the plan…") for t, _, _ in _palette_titles(app))


# -- 2. the header: streak and today's check-in -----------------------------------------------

async def test_the_header_shows_the_streak_and_whether_today_is_checked_in(due_plan, moving, now):
    from planner_tui.core import checkin

    store, _ = due_plan
    for back in (2, 1):
        moving.at = now.subtract(days=back)
        checkin.finish(store, moving.at.date(), "")
    moving.at = now
    async with running(store) as (app, pilot):
        assert "○ 2-day streak" in screen_text(app)
        await press(pilot, "C", "s", "s", "enter")
        assert "✓ 3-day streak" in screen_text(app)


# -- 3. review marks in the tree, health history in the detail ---------------------------------

async def test_the_tree_marks_a_strategy_due_for_review(due_plan):
    store, ids = due_plan
    async with running(store) as (app, pilot):
        lines = screen_text(app).splitlines()
        shop = next(line for line in lines if "Shop" in line and "tactics" not in line)
        garden = next(line for line in lines if "Garden" in line)
        assert "◷" in shop and "◷" not in garden and "◆" not in garden
        await press(pilot, "R", "1", "escape")  # on track: no longer due
        shop = next(line for line in screen_text(app).splitlines() if "Shop" in line and "tactics" not in line)
        assert "◆" in shop and "◷" not in shop


async def test_the_detail_shows_health_history_and_the_review_dates(due_plan):
    store, ids = due_plan
    async with running(store) as (app, pilot):
        shown = screen_text(app)
        assert "last Sunday 8 November" in shown and "next Sunday 22 November (6 days overdue)" in shown
        assert "▄ △ at risk at the last review" in shown
        await press(pilot, "R", "1", "escape")
        shown = screen_text(app)
        assert "▄█ ◆ on track at the last review" in shown
        assert "next Saturday 12 December" in shown


# -- 4. settings: the theme remembered, the default review cadence ------------------------------

async def test_a_theme_picked_is_remembered_across_restarts(due_plan, tmp_path):
    from planner_tui.core.settings import load_settings
    from planner_tui.ui.app import PlannerApp

    store, _ = due_plan
    path = tmp_path / "settings" / "settings.toml"
    app = PlannerApp(store, settings=load_settings(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    assert 'theme = "nord"' in path.read_text("utf-8")
    again = PlannerApp(store, settings=load_settings(path))
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_an_unknown_theme_is_told_literally_and_the_default_used(due_plan, tmp_path):
    from planner_tui.core.settings import load_settings
    from planner_tui.ui.app import PlannerApp

    store, _ = due_plan
    path = tmp_path / "settings.toml"
    path.write_text('theme = "no [/] such"\n', "utf-8")
    app = PlannerApp(store, settings=load_settings(path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no [/] such" in n for n in notifications(app))
    assert 'theme = "no [/] such"' in path.read_text("utf-8")  # not overwritten by the fallback


async def test_a_tz_this_program_cannot_read_is_told_when_the_app_opens(due_plan, monkeypatch):
    store, _ = due_plan
    monkeypatch.setenv("TZ", "Nowhere/[b]Bogus")
    async with running(store) as (app, pilot):
        told = [n for n in app._notifications if n.title == "Time zone"]
        assert [str(n.message) for n in told] == [
            f"TZ='Nowhere/[b]Bogus' is not a time zone this program knows, so dates and times are in "
            f"{pendulum.local_timezone().name}. Set TZ to a zone name such as Europe/Paris, or unset it."]


async def test_new_strategies_get_the_default_review_cadence(due_plan, tmp_path):
    from planner_tui.core.settings import load_settings
    from planner_tui.ui.app import PlannerApp
    from ui_helpers import type_text

    store, _ = due_plan
    path = tmp_path / "settings.toml"
    path.write_text("default_review_every = 21\n", "utf-8")
    app = PlannerApp(store, settings=load_settings(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "s")
        assert app.screen.query_one("#review").value == "21"
        await type_text(pilot, "Orchard")
        await press(pilot, "enter")
    made = [s for s in saved(store)["strategies"].values() if s["title"] == "Orchard"]
    assert made and made[0]["review_every"] == 21


# -- 6. the help screen on repeating tactics ----------------------------------------------------

async def test_the_help_explains_repeating_tactics(due_plan):
    store, _ = due_plan
    async with running(store) as (app, pilot):
        await press(pilot, "question_mark")
        shown = " ".join(statics_text(app).split())
        assert "Repeating tactics" in shown
        assert "Jan 31 + 1m is Feb 28/29). Dropping one ends the series." in shown


async def test_deadlines_read_eow_with_the_week_start_setting(due_plan, tmp_path, now):
    from planner_tui.core.settings import load_settings
    from planner_tui.ui.app import PlannerApp
    from ui_helpers import replace_text

    store, ids = due_plan
    path = tmp_path / "settings.toml"
    path.write_text('week_start = "sunday"\n', "utf-8")  # a week is Sunday..Saturday
    app = PlannerApp(store, settings=load_settings(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "tab", "d")  # the deadline of `late`
        await replace_text(pilot, "eow")
        await press(pilot, "enter")
    assert Store(store.path).plan.tactics[ids["late"]].due == now.date()  # Saturday, not Sunday
