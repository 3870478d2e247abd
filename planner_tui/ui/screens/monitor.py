"""What the check-in, its history and the review screens share.

Pushed over the plan screen, a monitoring screen dismisses with its summary (so
the plan screen can reload and show it). Opened as the app's only screen
(`planner checkin`, `planner review`: ui/app.py), it ends the app instead, and
the CLI prints the summary in the shell.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from planner_tui.ui import stylesheets
from planner_tui.ui.session import Session


class MonitorScreen(Screen[Any]):
    """A screen on the session's plan (its undo history is the plan screen's too)."""

    CSS_PATH = [stylesheets.DIALOGS, stylesheets.MONITOR]

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
