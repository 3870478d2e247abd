"""What an empty plan shows: strategy vs tactics in two lines, and two ways in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

INTRO = (
    "A strategy is a long-term goal tied to a vision: years away, nested as a tree.\n"
    "A tactic is a concrete action with a deadline that serves one strategy."
)


class Welcome(Vertical):
    """Buttons run the screen's actions, so the keys (s, E) do the same."""

    def compose(self) -> ComposeResult:
        yield Static("Welcome to planner", classes="welcome-title")
        yield Static(INTRO, classes="welcome-intro", markup=False)
        with Horizontal(classes="welcome-buttons"):
            yield Button("Add your first strategy (s)", id="welcome-add", variant="primary",
                         action="screen.add_strategy")
            yield Button("Load the three example plans (E)", id="welcome-examples",
                         action="screen.load_examples")
