"""The app's undo refuses what another process made stale (core/file/integrity.py), and says so.

Another process is a second `Store` on the same file, as `planner add` in another
terminal; the screen's `poll` (run every second) is called directly to pick it up.
A refused undo says why, as typed (titles with markup in them), and leaves the
plan file and the undo list as they were.
"""

from __future__ import annotations

from planner_tui.core import actions
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import SIZE, notifications, reopen, running, screen_text, titles, type_text

GOAL, STEP = "Get fit [v2]", "Run [/b] 5k"  # markup that must show as typed


async def add_goal(app, pilot) -> int:
    """Add the strategy GOAL as a person would (s, its title, enter); its id."""
    await pilot.press("s")
    await type_text(pilot, GOAL)
    await pilot.press("enter")
    await pilot.pause()
    return app.screen.query_one(StrategyTree).strategy_id


async def test_u_refuses_to_undo_a_strategy_add_once_another_process_put_a_tactic_under_it(store):
    async with running(store) as (app, pilot):
        sid = await add_goal(app, pilot)
        assert reopen(store).strategies[sid].title == GOAL
        actions.add_tactic(Store(store.path, clock=store.clock), STEP, sid)  # another terminal
        app.session.poll()
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        said = notifications(app)[-1]
        assert said == (f"Cannot undo \"add strategy '{GOAL}'\": the plan has changed since (tactic 1 '{STEP}' "
                        f"is now under strategy {sid} '{GOAL}', which this would remove). Nothing was changed; "
                        f"move or delete tactic 1 '{STEP}' first, then try again.")
        assert titles(app.screen.query_one(TacticTable).tactics) == [STEP]  # reloaded: the tactic shows
        shown = screen_text(app)  # the toast, as typed: no markup eaten, no crash on '[/b]'
        assert "Not undone" in shown and f"Cannot undo \"add strategy '{GOAL}'\"" in shown
        assert f"(tactic 1 '{STEP}'" in shown
        assert app.screen.check_action("undo", ()) is True  # still there, to try again
    plan = reopen(store)
    assert [s.title for s in plan.strategies.values()] == [GOAL]
    assert [(t.title, t.strategy) for t in plan.tactics.values()] == [(STEP, sid)]


async def test_u_after_the_refusal_goes_ahead_once_the_tactic_is_gone(store):
    """Doing what the message says (here: the other process deletes its tactic) lets it through."""
    async with running(store) as (app, pilot):
        sid = await add_goal(app, pilot)
        other = Store(store.path, clock=store.clock)
        tid = actions.add_tactic(other, STEP, sid).new_ids[0]
        await pilot.press("u")
        await pilot.pause()
        assert notifications(app)[-1].startswith("Cannot undo")
        actions.delete_tactic(other, tid)
        await pilot.press("u")
        await pilot.pause()
        assert notifications(app)[-1] == f"Undid: add strategy '{GOAL}'"
    assert reopen(store).strategies == {}


async def test_u_in_the_check_in_reports_a_refused_undo_instead_of_crashing(store, now):
    """The check-in shares the plan screen's history; its undo expects only failed saves."""
    goal = actions.add_strategy(store, "Open a shop").new_ids[0]
    late = actions.add_tactic(store, "late", goal, due=now.date().subtract(days=2)).new_ids[0]
    actions.add_tactic(store, "today", goal, due=now.date())  # so the cursor stays on the list
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")  # done
        await pilot.pause()
        actions.set_status(Store(store.path, clock=store.clock), [late], TacticStatus.DOING)  # elsewhere
        await pilot.press("u")
        await pilot.pause()
        assert app.is_running
        [refusal] = [n for n in app._notifications if n.title == "Not undone"]
        assert refusal.message.startswith(f"Cannot undo 'done t{late}': the plan has changed since "
                                          f"(tactic {late} 'late' was edited).")
        assert not refusal.markup
    assert reopen(store).tactics[late].status is TacticStatus.DOING
