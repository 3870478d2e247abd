"""A deadline field that says what it understood while you type.

`fri` shows `fri → Friday 4 December (in 6 days)` under the input; text it
cannot read shows the reason and forms that work, in the error colour. The
reading itself is core's `parse_when`; this widget only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum
from pendulum import DateTime
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from planner_tui.core.dates import DateError, When, parse_when, preview
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.line_input import LineInput


def when_text(when: When | None, now: DateTime) -> str:
    """How an existing deadline is put back in the field: ISO, which parse_when
    reads, at the local time of day (as the preview and the table show it)."""
    if when is None:
        return ""
    if isinstance(when, DateTime):
        return when.in_tz(now.timezone).strftime("%Y-%m-%d %H:%M")
    return when.isoformat()


class WhenField(Vertical):
    """An `Input` plus a one-line preview; `parsed()` is the deadline it holds."""

    entry = getters.query_one(Input)

    @dataclass
    class Read(Message):
        """The text of ``field`` now reads as ``when`` (None: empty or unreadable)."""

        field: WhenField
        when: When | None

        @property
        def control(self) -> WhenField:
            return self.field

    def __init__(self, now: DateTime, value: When | None = None, placeholder: str = "",
                 empty: str = "no deadline", week_start: int = pendulum.MONDAY, day_only: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.now = now
        self.week_start = week_start  # for eow / sow (settings.toml's week_start)
        self.day_only = day_only  # a horizon: the preview says a typed time is left out
        self.kept = value  # the deadline it starts with, given back while its text is untouched
        self.initial = when_text(value, now)
        self.placeholder = placeholder
        self.empty = empty

    def compose(self) -> ComposeResult:
        yield LineInput(self.initial, placeholder=self.placeholder, classes="when-input", compact=True)
        yield Static(classes="when-preview")

    def on_mount(self) -> None:
        self._show(self.initial)


    @property
    def typed(self) -> str:
        return self.entry.value

    def parsed(self) -> When | None:
        """The deadline typed (None when empty); raises `DateError` when unreadable.

        Untouched, it is the deadline it started with, exactly: read again, the
        text would lose its seconds and be a time in the local zone, and a 09:00
        New York stand-up edited in Auckland (its title, say) would stop following
        New York's clocks.
        """
        if self.typed == self.initial:
            return self.kept
        if not self.typed.strip():
            return None
        return parse_when(self.typed, self.now, self.week_start)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def _show(self, text: str) -> None:
        palette = palette_of(self)
        target = self.query_one(".when-preview", Static)
        when = None
        if not text.strip():
            target.update(Text(self.empty, style=render.style(palette, "muted")))
        else:
            try:
                when = parse_when(text, self.now, self.week_start)
                target.update(render.literal(preview(text, self.now, self.week_start, self.day_only),
                                             render.style(palette, "label")))
            except DateError as error:
                target.update(render.literal(str(error), render.style(palette, "overdue")))
        self.set_class(bool(text.strip()) and when is None, "-invalid")
        self.post_message(self.Read(self, when))
