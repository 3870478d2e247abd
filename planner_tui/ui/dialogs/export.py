"""Asks where to export the plan (`ModalScreen[str | None]`): the file name's
ending (.md, .ics, .json) picks the format; core/exchange/export.py does the writing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from planner_tui.ui import stylesheets
from planner_tui.ui.widgets.line_input import LineInput

HINT = ".md Markdown (reads back with `planner import`) · .ics a calendar · .json everything"


class ExportDialog(ModalScreen[str | None]):
    """Enter exports to the typed path; escape cancels (None)."""

    CSS_PATH = stylesheets.DIALOGS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__(classes="form-dialog")
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Export the plan to", style="bold"), classes="dialog-heading")
            yield LineInput(self.suggestion, placeholder="plan.md", id="export-path", compact=True)
            yield Static(Text(HINT), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
