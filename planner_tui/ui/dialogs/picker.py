"""Pick a strategy by typing part of its path (`ModalScreen[Choice | None]`); also one of a
strategy's key results by its title (ui/flows/key_results.py).

Used to move a strategy under another one (or to the top level) and to move a
tactic to another strategy. The candidates come from core/views; the list
shows at most `SHOWN` of them, so it stays quick on big plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from planner_tui.core.views import matches
from planner_tui.ui import render
from planner_tui.ui import stylesheets
from planner_tui.ui.widgets.line_input import LineInput

SHOWN = 200
TOP = "top"


@dataclass(frozen=True)
class Choice:
    """The strategy picked; ``None`` means the top level."""

    strategy_id: int | None


class StrategyPicker(ModalScreen[Choice | None]):
    """Type to filter; up/down to choose; enter to pick; escape to cancel."""

    CSS_PATH = stylesheets.DIALOGS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("down", "cursor(1)", "down", show=False),
        Binding("up", "cursor(-1)", "up", show=False),
    ]

    def __init__(self, heading: Text, candidates: list[tuple[int, str]], top_level: bool = False) -> None:
        super().__init__(classes="picker-dialog")
        self.heading = heading
        self.candidates = candidates
        self.top_level = top_level

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="dialog-heading")
            yield LineInput(placeholder="type to filter", id="filter", compact=True)
            yield OptionList(id="choices")
            yield Static("enter pick · esc cancel · ↑↓ choose", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.refilter("")

    @on(Input.Changed)
    def refilter(self, event: Input.Changed | str) -> None:
        query = event if isinstance(event, str) else event.value
        options = self.query_one(OptionList)
        options.clear_options()
        if self.top_level and (not query or matches("top level", query)):
            options.add_option(Option(Text("(top level)", style="italic"), id=TOP))
        found = [(sid, path) for sid, path in self.candidates if matches(path, query)]
        options.add_options(Option(render.literal(path), id=str(sid)) for sid, path in found[:SHOWN])
        if len(found) > SHOWN:
            options.add_option(Option(Text(f"… {len(found) - SHOWN} more: type to narrow", style="dim"),
                                      disabled=True))
        if options.option_count:
            options.highlighted = 0

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(Input.Submitted)
    def pick_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def pick_clicked(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)

    def pick(self, option_id: str | None) -> None:
        if option_id is None:
            return
        self.dismiss(Choice(None if option_id == TOP else int(option_id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
