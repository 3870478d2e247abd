"""The check-in history: a heat map of the last 20 weeks, then every day's note, newest first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from planner_tui.core import checkin, history_text
from planner_tui.core.model import CheckIn
from planner_tui.ui import render
from planner_tui.ui.app_settings import app_day
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.heatmap import HeatMapView
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.palette import palette_of

MAX_NOTES = 400


class CheckinHistoryScreen(MonitorScreen):
    """Read-only: nothing here writes the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "leave", "back", id="history-back", tooltip="Back"),
        Binding("j,down", "scroll(1)", "down", show=False),
        Binding("k,up", "scroll(-1)", "up", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session, id="checkin-history")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(Text(history_text.TITLE, style="bold"))
            yield Static(id="history-streak", classes="corner")
        with VerticalScroll(id="history-body", classes="history-body"):
            yield HeatMapView()
            yield Static(id="history-stats", classes="history-stats")
            yield Static(id="history-notes", classes="history-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        plan, palette = self.store.plan, palette_of(self)
        day = app_day(self, self.now)
        heat = checkin.heat_map(plan, day)
        self.query_one(HeatMapView).show(heat)
        streak = checkin.streak_status(plan, day).days
        self.query_one("#history-streak", Static).update(
            Text(checkin.streak_words(streak), style=render.style(palette, "heading")))
        stats = history_text.numbers(plan, heat, day.rest_weekdays)
        self.query_one("#history-stats", Static).update(Text(stats, style=render.style(palette, "label")))
        self.query_one("#history-notes", Static).update(self._notes(checkin.day_notes(plan)[:MAX_NOTES]))
        self.query_one("#history-body").focus()

    def _notes(self, records: list[CheckIn]) -> Text:
        """`Sat 28 Nov 2026  3 done, 1 pushed` and the note under it, newest first."""
        palette = palette_of(self)
        if not records:
            return Text(history_text.NO_CHECKINS, style=render.style(palette, "muted"))
        lines = [Text(history_text.NOTES, style=render.style(palette, "heading"))]
        for record in records:
            line = Text()
            line.append(history_text.day_heading(record), style=render.style(palette, "heading"))
            line.append("  " + checkin.tally(record), style=render.style(palette, "label"))
            lines.append(line)
            if record.note:
                lines.append(Text("  ").append_text(render.literal(record.note)))
        return Text("\n").join(lines)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#history-body").scroll_relative(y=lines, animate=False)

    def action_leave(self) -> None:
        self.close(None)
