"""Every screen of the app, headless, on a plan: each must render it without an exception.

`every_screen_renders` opens the app on a plan file and shows every strategy
and every tactic in the plan screen's panes (the detail pane is where a
strategy's pace and a tactic's deadline are worked out), then the help, the
check-in, its history and the review of every strategy. Each is drawn in
full: an exception in any widget's rendering fails the caller.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

import pendulum
from rich.console import Console

from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.dialogs.help import HelpScreen
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen

SIZE = (100, 30)


def drawn(app) -> str:
    """The whole terminal drawn now, as plain text."""
    update = app.screen._compositor.render_update(full=True)
    console = Console(width=app.size.width, file=io.StringIO(), color_system=None, record=True)
    console.print(update)
    return console.export_text()


async def every_screen_renders(path: Path, clock: Callable[[], pendulum.DateTime], size=SIZE) -> None:
    """Open the app on ``path`` and draw every screen over every item (see the module docstring)."""
    store = Store(path, clock=clock)
    app = PlannerApp(store)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen)
        shows_every_item(app)
        # What ?, C, H and R push (their keys wait for a first strategy; the screens need none).
        everything = [s.id for s in store.plan.tree_order()]
        session = app.session
        for screen in (HelpScreen(), CheckinScreen(session), CheckinHistoryScreen(session),
                       ReviewScreen(session, everything)):
            await app.push_screen(screen)
            drawn(app)
            if isinstance(screen, ReviewScreen):
                for _ in everything[1:]:
                    screen.action_step(1)
                    drawn(app)
            await app.pop_screen()
        drawn(app)
        assert app.screen is plan_screen and app.is_running


def shows_every_item(app) -> None:
    """Each strategy in the tree and the detail pane, then each of its tactics."""
    screen = app.screen
    plan = screen.store.plan
    drawn(app)
    for strategy in plan.tree_order():
        screen.go_to(strategy.id)
        screen.show_detail()
        drawn(app)
        for tactic in plan.tactics_of(strategy.id):
            screen.go_to(strategy.id, tactic.id)
            screen.show_detail()
            drawn(app)
    orphans = [t for t in plan.tactics.values() if t.strategy not in plan.strategies]
    assert not orphans, f"tactics no screen shows: {orphans}"
