"""What the check-in, its history and the review screens share, and how the app
opens straight into one of them (`planner checkin`, `planner review`).

Pushed over the plan screen, a monitoring screen dismisses with its summary (so
the plan screen can reload and show it). Opened as the app's only screen, it
ends the app instead, and the CLI prints the summary in the shell.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from planner_tui.core.history import History
from planner_tui.core.file.store import Store
from planner_tui.ui import stylesheets

STARTS = ("checkin", "history", "review")


class MonitorScreen(Screen[Any]):
    """A screen on the store, with an undo history (the plan screen's, when it has one)."""

    CSS_PATH = [stylesheets.DIALOGS, stylesheets.MONITOR]

    def __init__(self, store: Store, history: History | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.history = history if history is not None else History(store)
        self.now = store.clock()

    def close(self, result: Any = None) -> None:
        """Back to the screen below, or out of the app when this is the only screen."""
        if self.is_current and len(self.app.screen_stack) > 1:
            self.dismiss(result)
        else:
            self.app.exit(result)


def checkin_screen(store: Store, history: History | None = None) -> Screen:
    """The check-in (it goes by the app's settings). Pass the plan screen's
    history so that its undo reaches the check-in's decisions."""
    from planner_tui.ui.screens.checkin import CheckinScreen

    return CheckinScreen(store, history)


def history_screen(store: Store) -> Screen:
    from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen

    return CheckinHistoryScreen(store)


def review_screen(store: Store, strategies: list[int] | None = None, history: History | None = None) -> Screen:
    """The review of ``strategies`` (None: those due for review)."""
    from planner_tui.ui.screens.review import ReviewScreen

    return ReviewScreen(store, strategies, history)


def start_screen(name: str, store: Store, strategies: list[int] | None = None) -> Screen:
    """The screen `PlannerApp(store, start=name)` opens on: checkin, history or review."""
    if name == "checkin":
        return checkin_screen(store)
    if name == "history":
        return history_screen(store)
    if name == "review":
        return review_screen(store, strategies)
    raise ValueError(f"unknown start screen {name!r}: one of {', '.join(STARTS)}")
