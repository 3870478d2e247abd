"""What the main screen does before its first frame: only what it shows.

Start-up time is measured by benchmarks/bench_ui.py; these tests guard the
reasons it is short, each of which a change could quietly undo.
"""

from __future__ import annotations

from planner_tui.core import actions
from planner_tui.core.file.store import Store
from planner_tui.ui import stylesheets
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import running

TACTICS = 300


def big_strategy(store: Store, now) -> int:
    """One strategy with many tactics, written in one commit (as a file would hold them)."""
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    with store.transaction("many tactics") as tx:
        for n in range(TACTICS):
            tx.insert("tactics", {"title": f"task {n}", "strategy": goal, "status": "todo",
                                  "due": now.date().add(days=n % 40).isoformat(), "position": n,
                                  "created": now.isoformat(), "notes": ""})
    return goal


async def test_the_first_frame_builds_only_the_tactics_it_shows(plan_path, clock, now):
    big_strategy(Store(plan_path, clock=clock), now)
    store = Store(plan_path, clock=clock)  # reopened: every tactic is still a document
    async with running(store, size=(100, 30)) as (app, pilot):
        table = app.screen.query_one(TacticTable)
        assert table.row_count == TACTICS
        assert store.plan.tactics.built <= table.size.height, store.plan.tactics.built
        await pilot.press("tab", "G")  # the last row: built when it is drawn
        assert table.tactic_id == table.tactics.ids[-1]
        assert store.plan.tactics.built <= 2 * table.size.height + 1


async def test_dialog_and_monitor_styles_are_parsed_when_first_needed(store, small):
    async with running(store) as (app, pilot):
        loaded = lambda path: app.stylesheet.has_source(str(path), "")  # noqa: E731
        assert loaded(stylesheets.MAIN)
        assert not loaded(stylesheets.DIALOGS) and not loaded(stylesheets.MONITOR)
        await pilot.press("e")  # edit the strategy: a dialog
        await pilot.pause()
        assert loaded(stylesheets.DIALOGS) and not loaded(stylesheets.MONITOR)
        dialog = app.screen.query_one(".dialog")
        assert dialog.styles.border.top[0] == "round"  # dialogs.tcss applies
