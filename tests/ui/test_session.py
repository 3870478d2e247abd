"""One session for every screen (ui/session.py): the plan, the check-in and the review keep
a change the file cannot take, say so, and save it once it can, the same way.

The file cannot take a change because every write fails as on a full disk (`full_disk`,
tests/ui/conftest.py: the real storage, its atomic write made to raise); `fix()` ends it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import pytest

from planner_tui.core import actions
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.plan import Plan
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.checkin_list import CheckinList
from planner_tui.ui.widgets.panes import PlanHeader
from ui_helpers import SIZE, notifications, plain, reopen, until


@pytest.fixture
def day(store, now):
    """'late' (overdue) and 'today' under 'Open a shop', which is due for review."""
    goal = actions.add_strategy(store, "Open a shop", review_every=7).new_ids[0]
    late = actions.add_tactic(store, "late", goal, due=now.date().subtract(days=2)).new_ids[0]
    today = actions.add_tactic(store, "today", goal, due=now.date()).new_ids[0]
    return {"goal": goal, "late": late, "today": today}


class Case(NamedTuple):
    """A screen (the app opened on it, as `planner`, `planner checkin`, `planner review s1`
    run it), the key that makes one change there, and that change as saved."""

    start: str | None
    screen: type
    keys: tuple[str, ...]
    saved: Callable[[Plan, dict, object], bool]


CASES = {
    "plan": Case(None, PlanScreen, ("tab", "x"),
                 lambda plan, ids, now: plan.tactics[ids["late"]].status is TacticStatus.DONE),
    "check-in": Case("checkin", CheckinScreen, ("x",),
                     lambda plan, ids, now: plan.tactics[ids["late"]].status is TacticStatus.DONE
                     and plan.checkin_on(now.date()).done == [ids["late"]]),
    "review": Case("review", ReviewScreen, ("2",),
                   lambda plan, ids, now: [(r.strategy, r.health) for r in plan.reviews.values()]
                   == [(ids["goal"], Health.AT_RISK)]),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_a_failed_save_is_kept_told_and_saved_by_ctrl_s(store, day, now, full_disk, case):
    app = PlannerApp(store, start=case.start, start_strategies=[day["goal"]])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, case.screen)
        await pilot.press(*case.keys)
        await pilot.pause()
        assert "No space left on device" in notifications(app)[-1]
        assert "Kept unsaved: ctrl+s retries (also tried every second)." in notifications(app)[-1]
        assert not case.saved(reopen(store), day, now)
        assert app.screen.check_action("retry", ()) is True  # the key bar offers ctrl+s
        await pilot.press("ctrl+s")  # still full: still kept
        await pilot.pause()
        assert notifications(app)[-1].startswith("Could not save")
        assert len(app.session.unsaved) == 1
        full_disk.fix()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notifications(app)[-1].startswith("Saved: ")
        assert not app.session.unsaved and app.screen.check_action("retry", ()) is False
        assert case.saved(reopen(store), day, now)
        app.session.undo()  # on the undo history like any other change
        await pilot.pause()
    assert not case.saved(reopen(store), day, now)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_a_kept_change_is_saved_by_the_poll_once_the_file_takes_it(store, day, now, full_disk, case, real_poll):
    app = PlannerApp(store, start=case.start, start_strategies=[day["goal"]])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*case.keys)
        full_disk.fix()
        await until(pilot, lambda: not app.session.unsaved, "the poll to save the kept change")
        assert case.saved(reopen(store), day, now)


async def test_the_screens_show_what_a_retry_saved(store, day, now, full_disk):
    """The plan's header counts the unsaved changes; the check-in's row shows the decision once saved."""
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("C", "x")
        await pilot.pause()
        row = app.screen.query_one(CheckinList).rows[day["late"]]
        assert row.decision is None
        await pilot.press("escape")  # the plan below still counts it
        await pilot.pause()
        assert "1 unsaved · ctrl+s" in plain(app.screen.query_one(PlanHeader).counts)
        full_disk.fix()
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one(CheckinList).rows[day["late"]].decision is not None
        await pilot.press("escape")
        await pilot.pause()
        assert "unsaved" not in plain(app.screen.query_one(PlanHeader).counts)


async def test_a_change_made_while_others_wait_is_kept_behind_them(store, day, now, full_disk):
    """Changes land in the order they were made: x (kept), then i waits behind it."""
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("tab", "x", "j", "i")
        await pilot.pause()
        assert "The file still cannot take the 1 change(s) before this one." in notifications(app)[-1]
        assert [kept.what for kept in app.session.unsaved] == ["done 'late'", "doing 'today'"]
        full_disk.fix()
        await pilot.press("ctrl+s")
        await pilot.pause()
    plan = reopen(store)
    assert plan.tactics[day["late"]].status is TacticStatus.DONE
    assert plan.tactics[day["today"]].status is TacticStatus.DOING


async def test_undo_forgets_the_newest_unsaved_change(store, day, full_disk):
    async with PlannerApp(store).run_test(size=SIZE, notifications=True) as pilot:
        app = pilot.app
        await pilot.pause()
        await pilot.press("tab", "x", "u")
        await pilot.pause()
        assert notifications(app)[-1] == "Undid: done 'late' (it had not been saved)"
        assert not app.session.unsaved
        full_disk.fix()
        app.session.poll()  # what the one-second poll does: nothing is left to save
        await pilot.pause()
    assert reopen(store).tactics[day["late"]].status is TacticStatus.TODO


@pytest.mark.parametrize("answer, quits", [("n", False), ("y", True)])
async def test_quitting_with_unsaved_changes_asks_first(store, day, full_disk, answer, quits):
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("tab", "x", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 change(s) could not be saved (done 'late'). Quit and lose them?" in plain(app.screen.question)
        await pilot.press(answer)
        await pilot.pause()
        assert app._exit is quits
        if not quits:
            assert isinstance(app.screen, PlanScreen) and len(app.session.unsaved) == 1
    assert reopen(store).tactics[day["late"]].status is TacticStatus.TODO


async def test_quitting_once_the_file_takes_the_change_again_saves_it_without_asking(store, day, full_disk):
    app = PlannerApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("tab", "x")
        full_disk.fix()
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert reopen(store).tactics[day["late"]].status is TacticStatus.DONE


async def test_a_check_in_note_that_cannot_be_saved_stays_in_its_field(store, day, now, full_disk):
    """A form keeps what was typed (Enter tries again) instead of keeping the change unsaved."""
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n", "o", "k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen) and not app.session.unsaved
        assert "Fix the cause, then press enter to try again." in notifications(app)[-1]
        full_disk.fix()
        await pilot.press("enter")
        await pilot.pause()
    assert reopen(store).checkin_on(now.date()).note == "ok"
