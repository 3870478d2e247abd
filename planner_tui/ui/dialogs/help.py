"""Every key, with what it does: built from ui/keys.py, so it cannot drift."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from planner_tui.ui import stylesheets
from planner_tui.ui.app_settings import app_settings
from planner_tui.ui.keys import LEGEND, NAVIGATION, SCREEN_BINDINGS, display_keys


def key_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=None,
                  show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", no_wrap=True, min_width=14)
    table.add_column(ratio=1)
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table


REPEATING = ("When a repeating tactic is done, the done one stays in the history and the next one "
             "is created, due one step after the old deadline (stepped on past today if the series "
             "fell behind; Jan 31 + 1m is Feb 28/29). Dropping one ends the series.")


class HelpScreen(ModalScreen[None]):
    """`?` again, escape or q closes it."""

    CSS_PATH = stylesheets.DIALOGS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="help-dialog")

    def compose(self) -> ComposeResult:
        keymap = app_settings(self).keys
        actions = [(display_keys(b, keymap), b.tooltip) for b in SCREEN_BINDINGS]
        with VerticalScroll(classes="dialog", id="help-body"):
            yield Static(Text("Keys  (esc closes)", style="bold"), classes="dialog-heading")
            yield Static(key_table("Moving around", NAVIGATION))
            yield Static(key_table("Changing the plan", actions))
            yield Static(key_table("What the marks mean", LEGEND))
            yield Static(Text.assemble(("Repeating tactics\n", "bold"), REPEATING))

    def action_scroll(self, step: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
