"""The strategic overview (`O`): every strategy in one table, what needs attention first.

Made for whoever looks after many strategies at once: the main screen shows the
pace of one highlighted strategy at a time; this shows them all, each with its
progress, pace, last health, last and next review and time to its horizon.
The order and every number are core's (core/overview.py); the table draws them
(widgets/standings_table.py). `t` switches between every strategy and the
top-level ones; enter dismisses with the highlighted strategy, which the main
screen then shows; another window's change redraws it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Static

from planner_tui.core import overview
from planner_tui.ui import stylesheets
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.standings_table import LEGEND, StandingsTable


class OverviewScreen(Screen[int | None]):
    """Dismisses with the strategy to show on the main screen, or None."""

    CSS_PATH = [stylesheets.DIALOGS, stylesheets.MONITOR]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go", "go to", tooltip="Show the highlighted strategy in the plan"),
        Binding("t", "toggle_top", "top levels / all", tooltip="Every strategy, or the top-level ones only"),
        Binding("j", "cursor(1)", "down", show=False),
        Binding("k", "cursor(-1)", "up", show=False),
        Binding("escape,q,O", "back", "back", tooltip="Back to the plan"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(id="overview")
        self.session = session
        self.store = session.store
        self.top_only = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(id="overview-title")
            yield Static(classes="corner", id="overview-corner")
        yield StandingsTable(classes="overview-table")
        yield KeyBar()

    @property
    def table(self) -> StandingsTable:
        return self.query_one(StandingsTable)

    def on_mount(self) -> None:
        self.table.border_subtitle = LEGEND
        self.show_rows()
        self.table.focus()
        self.session.changed_signal.subscribe(self, lambda _session: self.show_rows())

    def show_rows(self) -> None:
        """The overview as core orders it."""
        now = self.store.clock()
        rows = overview.overview(self.store.plan, now, self.top_only)
        self.table.show(rows, self.store.plan, now, self.app.size.width)
        needing = sum(row.attention <= overview.REVIEW_DUE for row in rows)
        which = "top-level strategies" if self.top_only else "strategies"
        self.query_one("#overview-title", Static).update(
            Text(f"Overview · {len(rows)} {which}, {needing} needing attention", style="bold"))
        self.query_one("#overview-corner", Static).update(Text(now.format("dddd D MMMM YYYY")))

    def action_cursor(self, step: int) -> None:
        self.table.move_cursor(row=max(0, self.table.cursor_row + step))

    def action_toggle_top(self) -> None:
        self.top_only = not self.top_only
        self.show_rows()

    @on(DataTable.RowSelected)
    def action_go(self) -> None:
        if self.table.strategy_id is not None:
            self.dismiss(self.table.strategy_id)

    def action_back(self) -> None:
        self.dismiss(None)
