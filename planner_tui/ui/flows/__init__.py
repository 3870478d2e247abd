"""What a key of the main screen does when it takes more than one step.

A flow opens a dialog, asks the session (ui/session.py) for the change, and
tells the screen what to show through ``show`` (`Show`): the screen names no
flow's internals, and no flow imports the screen. Forms that must stay open
until saved use a callback (editing.py); the rest read top to bottom, awaiting
the dialog's answer in a worker (`push_screen_wait`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple, Protocol

from planner_tui.core.file.changes import Change

if TYPE_CHECKING:
    from rich.text import Text

    from planner_tui.ui.session import Session


class Target(NamedTuple):
    """What a key acts on: the highlighted tactic when the table has focus, else the strategy."""

    kind: str  # "tactic" or "strategy"
    id: int


class Show(Protocol):
    """The screen's way to show a saved change, the cursor on the given strategy or tactic."""

    def __call__(self, change: Change | None, strategy: int | None = None, tactic: int | None = None) -> None:
        ...


def ask_first(session: Session, question: Text, yes: str, then: Callable[[], None]) -> None:
    """A big change asks first (a `ConfirmDialog`: y or enter says yes, n or esc no), then ``then``."""
    from planner_tui.ui.dialogs.confirm import ConfirmDialog

    session.app.push_screen(ConfirmDialog(question, yes=yes), lambda answer: then() if answer else None)


