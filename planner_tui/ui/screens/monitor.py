"""What the check-in, its history and the review screens share.

Pushed over the plan screen, a monitoring screen dismisses with its summary (so
the plan screen can reload and show it). Opened as the app's only screen
(`planner checkin`, `planner review`: ui/app.py), it ends the app instead, and
the CLI prints the summary in the shell. The note field of the check-in and of
the review is the session's `Form` (ui/session.py): a note that is not saved
stays in its field, and leaving (escape, or quitting the app) with a note typed
and not saved asks first.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input

from planner_tui.ui import stylesheets
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.value_fields import ValueFields

TYPED_VALUES = "What you typed as a key result's value"  # said as "... is not saved."


class MonitorScreen(Screen[Any]):
    """A screen on the session's plan (its undo history is the plan screen's too)."""

    CSS_PATH = [stylesheets.DIALOGS, stylesheets.MONITOR]

    note: Input  # the screen's note field, if it has one
    NOTE_ID = ""  # its id
    started_note = ""  # what the note field showed before the person typed: what a save is compared with

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.store = session.store
        self.now = self.store.clock()

    def close(self, result: Any = None) -> None:
        """Back to the screen below, or out of the app when this is the only screen."""
        if self.is_current and len(self.app.screen_stack) > 1:
            self.dismiss(result)
        else:
            self.session.quit(result)

    def typed_unsaved(self) -> str | None:
        """The session's `HoldsTyping`: a note typed and not saved, or a key result's value
        typed and not recorded."""
        if not self.is_mounted:
            return None
        if self.query("#" + self.NOTE_ID) and self.note.value != self.started_note:
            return "The note you typed"
        if self._typed_values():
            return TYPED_VALUES
        return None

    def _typed_values(self) -> list[Input]:
        return [field for fields in self.query(ValueFields) for field in fields.typed()]

    def leave(self, result: Any = None) -> None:
        """Escape: close, asking first when a note typed here is not saved (y discards it;
        n goes back to it). As the app's only screen, quitting asks (`Session.quit`)."""
        if len(self.app.screen_stack) <= 1 or self.typed_unsaved() is None:
            self.close(result)
            return
        self.ask_discard(lambda: self.close(result))

    def ask_discard(self, then) -> None:
        """`Discard the note you typed?` (or the values): ``then`` on yes; on no, back to it."""
        from rich.text import Text

        from planner_tui.ui.dialogs.confirm import ConfirmDialog

        values = self._typed_values() if self.typed_unsaved() == TYPED_VALUES else []
        field = values[0] if values else self.note
        what = "the values you typed? They are not recorded" if values else "the note you typed? It is not saved"

        def answered(discard: bool | None) -> None:
            if discard:
                then()
            else:
                field.focus()

        self.app.push_screen(ConfirmDialog(Text(f"Discard {what}."), yes="Discard",
                                           no="Back to them" if values else "Back to the note"), answered)

    def not_saved(self, told: str) -> None:
        """The note was refused or could not be written: said; it stays in its field."""
        self.notify(told, title="Not saved", severity="error", markup=False)

    def rebased(self, started: dict, told: str) -> None:
        """Back from a conflict: Enter now saves what was typed over the note written elsewhere."""
        self.started_note = started["note"]
        self.note.focus()
        self.notify(told, title="Not saved", severity="warning", markup=False)
