"""A save that met a change made elsewhere: tell it, and let the person choose.

core/conflicts.py refuses a save when a field the person changed was changed
in another window or terminal too. The session (ui/session.py), for every
screen, shows the `Conflict` here: each field (what you started from, what it
is now, what you typed), and the choice it dismisses with: keep mine (save over
theirs), take theirs (save the rest of mine), or back to editing (nothing
saved, nothing typed lost).
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from planner_tui.core.conflicts import Conflict, field_word, shown
from planner_tui.ui import stylesheets


class ConflictDialog(ModalScreen[str]):
    """`m` keep mine, `t` take theirs, `e`/escape back to editing (`ModalScreen[str]`)."""

    MINE, THEIRS, EDIT = "mine", "theirs", "edit"

    CSS_PATH = stylesheets.DIALOGS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "keep mine"),
        Binding("t", "choose('theirs')", "take theirs"),
        Binding("e,escape", "choose('edit')", "back to editing"),
    ]

    def __init__(self, conflict: Conflict) -> None:
        super().__init__(classes="confirm-dialog")
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        heading = Text("Changed elsewhere while you edited: ", style="bold")
        heading.append(self.conflict.subject, style="")  # a title as typed: Text never reads markup
        with Vertical(classes="dialog"):
            yield Static(heading, classes="dialog-heading")
            yield Static(clash_table(self.conflict), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="warning", action="screen.choose('mine')")
                yield Button("Take theirs (t)", id="theirs", action="screen.choose('theirs')")
                yield Button("Back to editing (e)", id="edit", action="screen.choose('edit')")

    def on_mount(self) -> None:
        self.query_one("#edit", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def clash_table(conflict: Conflict) -> Table:
    """One row per field: what you started from, what it is now, what you typed."""
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
    for column in ("", "you started from", "it is now", "you typed"):
        table.add_column(column, overflow="fold", style="dim" if not column else "")
    for clash in conflict.clashes:
        table.add_row(Text(field_word(clash.field)), *(Text(shown(value)) for value in
                                                       (clash.started, clash.now, clash.typed)))
    return table


def back_message(conflict: Conflict) -> str:
    """What the form says once back from the dialog."""
    fields = ", ".join(f"{field_word(c.field)} is now {shown(c.now)}" for c in conflict.clashes)
    return f"Changed elsewhere: {fields}. Enter saves what you typed; esc leaves theirs."
