"""The check-in and the review save what the person changed; a change made meanwhile in
another window is told and the person chooses (the session asks: ui/session.py), never overwritten.

The other window is a second Store on the same file, writing through core as the app does.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from planner_tui.core import actions, checkin, review
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.dialogs.conflict import ConflictDialog
from planner_tui.ui.screens.review import ReviewScreen
from ui_helpers import SIZE, notifications, reopen, screen_text, type_text


def elsewhere(store: Store) -> Store:
    return Store(store.path, clock=store.clock)


@pytest.fixture
def today_plan(store, now):
    """'late' (overdue) and 'today' (due today) under one strategy, reviewed every 7 days."""
    goal = actions.add_strategy(store, "Open a shop", review_every=7).new_ids[0]
    late = actions.add_tactic(store, "late", goal, due=now.date().subtract(days=2)).new_ids[0]
    today = actions.add_tactic(store, "today", goal, due=now.date()).new_ids[0]
    return {"goal": goal, "late": late, "today": today}


async def write_note(app, pilot, text: str) -> None:
    await pilot.press("n")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("key, note, finished", [
    ("m", "mine", True),     # keep mine
    ("t", "theirs", True),   # take theirs: the day is finished with their note
    ("e", "theirs", False),  # back to editing: nothing saved yet
], ids=["keep mine", "take theirs", "back to editing"])
async def test_a_check_in_note_written_in_another_window_meanwhile(store, today_plan, now, key, note, finished):
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        checkin.finish(elsewhere(store), now.date(), "theirs")  # the other window finishes first
        await write_note(app, pilot, "mine")
        assert isinstance(app.screen, ConflictDialog)
        shown = screen_text(app)
        assert "note" in shown and "'theirs'" in shown and "'mine'" in shown
        assert reopen(store).checkin_on(now.date()).note == "theirs"  # told, not overwritten
        await pilot.press(key)
        await pilot.pause()
        if not finished:
            assert isinstance(app.screen, CheckinScreen)
            assert app.screen.query_one("#checkin-note", Input).value == "mine"  # nothing typed lost
            assert "Changed elsewhere: note is now 'theirs'. Enter saves what you typed" in notifications(app)[-1]
    record = reopen(store).checkin_on(now.date())
    assert record.note == note
    if not finished:
        return
    assert app.return_value.startswith("nothing changed")


async def test_back_to_editing_then_enter_saves_the_note_as_typed(store, today_plan, now):
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        checkin.finish(elsewhere(store), now.date(), "theirs")
        await write_note(app, pilot, "mine")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).checkin_on(now.date()).note == "mine"


async def test_done_in_the_check_in_on_a_tactic_dropped_elsewhere_asks(store, today_plan, now):
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        actions.set_status(elsewhere(store), [today_plan["late"]], TacticStatus.DROPPED)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("t")  # take theirs: it stays dropped, the check-in records nothing
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
    plan = reopen(store)
    assert plan.tactics[today_plan["late"]].status is TacticStatus.DROPPED
    assert plan.checkin_on(now.date()) is None


async def test_done_in_the_check_in_on_a_tactic_done_elsewhere_is_just_recorded(store, today_plan, now):
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        actions.set_status(elsewhere(store), [today_plan["late"]], TacticStatus.DONE)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
    plan = reopen(store)
    assert plan.tactics[today_plan["late"]].status is TacticStatus.DONE
    assert plan.checkin_on(now.date()).done == [today_plan["late"]]


async def test_a_review_note_written_in_another_window_meanwhile_is_asked_about(store, today_plan, now, moving):
    app = PlannerApp(store, start="review", start_strategies=[today_plan["goal"]])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("2")  # at risk, saved at once; the note field is next
        await pilot.pause()
        review.record_review(elsewhere(store), today_plan["goal"], Health.AT_RISK, "theirs")
        await type_text(pilot, "mine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert [r.note for r in reopen(store).reviews.values()] == ["theirs"]
        await pilot.press("m")
        await pilot.pause()
    [kept] = reopen(store).reviews.values()
    assert (kept.health, kept.note) == (Health.AT_RISK, "mine")


async def test_a_health_picked_again_keeps_the_note_another_window_wrote(store, today_plan, now):
    app = PlannerApp(store, start="review", start_strategies=[today_plan["goal"]])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        review.record_review(elsewhere(store), today_plan["goal"], Health.AT_RISK, "theirs")
        await pilot.press("1")  # the note field, untouched, showed nothing
        await pilot.pause()
        assert not isinstance(app.screen, ConflictDialog)
        assert app.screen.query_one("#review-note", Input).value == "theirs"  # now it shows theirs
    [kept] = reopen(store).reviews.values()
    assert (kept.health, kept.note) == (Health.ON_TRACK, "theirs")
