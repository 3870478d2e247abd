"""Three choices in a row — on track, at risk, off track — picked with one key.

`1` `2` `3` pick at once; ←/→ move the highlight and Enter picks it. The
screen pre-selects one (`preselect`) and hears `Picked`; the picker writes
nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planner_tui.core.model import Health
from planner_tui.core.review import HEALTH_WORDS
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

CHOICES = (Health.ON_TRACK, Health.AT_RISK, Health.OFF_TRACK)
STYLE_OF = {Health.ON_TRACK: "done", Health.AT_RISK: "soon", Health.OFF_TRACK: "overdue"}


class HealthPicker(Widget, can_focus=True):
    """The highlighted choice is `health`; `suggested` is marked as the pace's suggestion."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "on track", id="review-on-track"),
        Binding("2", "pick(1)", "at risk", id="review-at-risk"),
        Binding("3", "pick(2)", "off track", id="review-off-track"),
        Binding("left,h", "move(-1)", "left", show=False),
        Binding("right,l", "move(1)", "right", show=False),
        Binding("enter", "pick_highlighted", "pick", id="review-pick",
                tooltip="Pick the highlighted health (the pace's suggestion at first)"),
    ]

    index: reactive[int] = reactive(0)

    @dataclass
    class Picked(Message):
        """The person chose ``health`` in ``picker``."""

        picker: HealthPicker
        health: Health

        @property
        def control(self) -> HealthPicker:
            return self.picker

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.suggested: Health | None = None

    def preselect(self, health: Health, suggested: Health | None) -> None:
        self.suggested = suggested
        self.index = CHOICES.index(health)
        self.refresh()

    @property
    def health(self) -> Health:
        return CHOICES[self.index]

    def action_pick(self, index: int) -> None:
        self.index = index
        self.post_message(self.Picked(self, CHOICES[index]))

    def action_pick_highlighted(self) -> None:
        self.post_message(self.Picked(self, self.health))

    def action_move(self, offset: int) -> None:
        self.index = max(0, min(len(CHOICES) - 1, self.index + offset))

    def render(self) -> Text:
        palette = palette_of(self)
        line = Text()
        for number, health in enumerate(CHOICES, start=1):
            chosen = number - 1 == self.index
            label = f" {number} {HEALTH_WORDS[health]} "
            chip_style = render.style(palette, STYLE_OF[health])
            line.append(f"[{label}]" if chosen else f" {label} ", style=chip_style)
            if chosen and self.has_focus:
                line.stylize("reverse", len(line) - len(label) - 2, len(line))
            line.append("  ")
        if self.suggested is not None:
            line.append(f"pace suggests: {HEALTH_WORDS[self.suggested]}", style=render.style(palette, "label"))
        return line

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
