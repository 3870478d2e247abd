"""The app's sync (ui/syncing.py) against the real Radicale the sync tests start: `Y` sends
the plan up and brings the phone's changes in, in a worker while the keys keep working;
`on_start` syncs as the app opens; a refused sync is told and changes nothing."""

from __future__ import annotations

import pytest

from planner_tui.core import actions
from planner_tui.core.model import TacticStatus
from planner_tui.core.settings import load_settings
from planner_tui.ui import app as planner_app, syncing
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.tactic_table import TacticTable
from tests.conftest import frozen_now
from tests.ui.ui_helpers import SIZE, notifications, reopen, until

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def polls_when_asked(monkeypatch):
    """The plan reaches the screen because the sync tells the session, not because a timer came."""
    monkeypatch.setattr(planner_app, "POLL_SECONDS", 10**6)


@pytest.fixture
def plan(store):
    goal = actions.add_strategy(store, "Portfolio").new_ids[0]
    actions.add_tactic(store, "Write the about page", goal)
    return store


async def synced(app, pilot) -> str:
    """Wait until the sync's worker is done and has said so; its last words."""
    await until(pilot, lambda: not syncing.running(app) and any(
        word in " ".join(notifications(app)) for word in ("Synced", "Sync stopped")), "the sync to finish")
    return notifications(app)[-1]


async def test_y_syncs_the_plan_up_and_the_phone_s_change_shows_in_the_app(plan, plan_path, settings_file, phone):
    app = PlannerApp(plan, settings=load_settings(settings_file))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await pilot.press("tab")  # keys keep working while it syncs
        said = await synced(app, pilot)
        assert "Changed on the server (2)" in said and "t1  new: Write the about page" in said
        assert set(phone().todos()) == {"s1@planner-tui", "t1@planner-tui"}
        phone().complete("t1@planner-tui", frozen_now().subtract(hours=1))
        app._notifications.clear()
        await pilot.press("Y")
        said = await synced(app, pilot)
        assert "Changed in the plan (1)" in said and "t1  done: Write the about page" in said
        await pilot.pause()
        table = app.screen.query_one(TacticTable)
        assert [t.status for t in table.tactics] == [TacticStatus.DONE]
    assert reopen(plan).tactics[1].status is TacticStatus.DONE


async def test_on_start_syncs_as_the_app_opens(plan, settings_file, phone):
    settings_file.write_text(settings_file.read_text().replace("[caldav]\n", "[caldav]\non_start = true\n"))
    app = PlannerApp(plan, settings=load_settings(settings_file))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = await synced(app, pilot)
        assert "Synced with the list" in said
    assert "t1@planner-tui" in phone().todos()


async def test_a_refused_sync_says_why_and_changes_nothing(plan, plan_path, settings_file):
    settings_file.write_text(settings_file.read_text().replace("echo secret", "echo wrong"))
    before = plan_path.read_bytes()
    app = PlannerApp(plan, settings=load_settings(settings_file))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        said = await synced(app, pilot)
        assert said.startswith("Sync stopped:") and "refused the user name or password" in said
    assert plan_path.read_bytes() == before


async def test_without_caldav_settings_y_says_how_to_set_it_up(plan, tmp_path):
    app = PlannerApp(plan, settings=load_settings(tmp_path / "none.toml"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert "No CalDAV server to sync with" in notifications(app)[-1]
        assert not syncing.running(app)
