"""One field per key result asking for its value now: in the review (each key result
of the strategy, with its change since the last review) and in the check-in (those
not measured for a week).

Enter in a field hands what was typed to the screen (`Typed`), which records it
through the session; an empty field is skipped. Either way the next field takes
the focus, and past the last one the widget says so (`Finished`). A value not
saved (unreadable, the file refused it) is said under its field, and what was
typed stays there. The labels are drawn here from core's readings; nothing is
computed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pendulum import DateTime
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from planner_tui.core.amounts import shown
from planner_tui.core.dates import describe, short_date
from planner_tui.core.keyresults import Reading
from planner_tui.ui import render
from planner_tui.ui.widgets.key_results import from_to
from planner_tui.ui.widgets.line_input import LineInput
from planner_tui.ui.widgets.palette import palette_of

PLACEHOLDER = "value now (45k, 12.5%) · enter skips"


class ValueRow(NamedTuple):
    """A field to ask: the key result's id and the words beside it."""

    key_result_id: int
    label: Text


def change_label(now: Reading, then: Reading | None, palette: render.Palette = render.DEFAULT_PALETTE) -> Text:
    """`Applications sent  14 → 19 applications (+13 points since the last review)`, its
    value now on a first review, or that it has none yet."""
    key_result, unit = now.key_result, now.key_result.unit
    text = _title(now, palette)
    if not now.measured:
        text.append("  not measured yet", style=render.style(palette, "soon"))
        return text
    if then is None:
        text.append(f"  {shown(now.value, unit)} ({round(now.progress * 100)}%) · first review",
                    style=render.style(palette, "label"))
        return text
    points = round((now.progress - then.progress) * 100)
    text.append(f"  {from_to(then.value, now.value, unit)} ")
    name = "done" if points > 0 else "overdue" if points < 0 else "label"
    text.append(f"({points:+d} points since the last review)", style=render.style(palette, name))
    return text


def stale_label(now: Reading, when: DateTime, palette: render.Palette = render.DEFAULT_PALETTE) -> Text:
    """`Applications sent  19 applications on Sat 14 Nov (2 weeks ago)`, or never measured."""
    text = _title(now, palette)
    if now.day is None:
        text.append("  never measured", style=render.style(palette, "soon"))
    else:
        text.append(f"  {shown(now.value, now.key_result.unit)} on {short_date(now.day, when)} "
                    f"({describe(now.day, when).replace('overdue', 'ago')})", style=render.style(palette, "label"))
    return text


def _title(now: Reading, palette: render.Palette) -> Text:
    """The key result's title in the heading colour, the rest of the line in its own."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(render.literal(now.key_result.title, render.style(palette, "heading")))
    return text


class ValueInput(LineInput):
    """A field that knows its key result."""

    def __init__(self, key_result_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.key_result_id = key_result_id


class RowForm:
    """One field as the session's `Form` (ui/session.py): a value not saved is said
    under it, and what was typed stays."""

    def __init__(self, fields: ValueFields, key_result_id: int) -> None:
        self.fields = fields
        self.key_result_id = key_result_id

    def not_saved(self, told: str) -> None:
        self.fields.refused(self.key_result_id, told)

    def rebased(self, started: dict[str, Any], told: str) -> None:
        self.fields.refused(self.key_result_id, told)


class ValueFields(VerticalScroll, can_focus=False):
    """``show(rows)``; hidden without rows."""

    class Typed(Message):
        """A value typed for a key result, for the screen to record."""

        def __init__(self, key_result_id: int, text: str) -> None:
            super().__init__()
            self.key_result_id = key_result_id
            self.text = text

    class Finished(Message):
        """Enter in the last field: the screen moves on."""

    def __init__(self, heading: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.heading = heading
        self.rows: list[ValueRow] = []
        self.parts: dict[int, tuple[Static, Input, Static]] = {}  # key result -> its label, field, error

    def compose(self) -> ComposeResult:
        yield Static(self.heading, classes="value-fields-heading")

    def show(self, rows: list[ValueRow]) -> None:
        """A field for each row (what was typed before is dropped)."""
        self.rows = rows
        self.display = bool(rows)
        self.remove_children(".value-field-row, .value-field-error")
        self.parts = {row.key_result_id: self._parts(row) for row in rows}
        self.mount_all(widget for label, field, error in self.parts.values()
                       for widget in (Horizontal(label, field, classes="value-field-row"), error))

    @staticmethod
    def _parts(row: ValueRow) -> tuple[Static, Input, Static]:
        field = ValueInput(row.key_result_id, placeholder=PLACEHOLDER, classes="value-field", compact=True)
        error = Static(classes="value-field-error")
        error.display = False
        return Static(row.label, classes="value-field-label"), field, error

    def field(self, key_result_id: int) -> Input:
        return self.parts[key_result_id][1]

    def typed(self) -> list[Input]:
        """The fields holding a value typed and not recorded (a recorded one empties)."""
        return [field for _, field, _ in self.parts.values() if field.value.strip()]

    def focus_first(self) -> bool:
        """The first field takes the focus (False: there is none)."""
        if not self.rows:
            return False
        self.call_after_refresh(self.field(self.rows[0].key_result_id).focus)
        return True

    def form(self, key_result_id: int) -> RowForm:
        return RowForm(self, key_result_id)

    @on(Input.Submitted, ".value-field")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        assert isinstance(event.input, ValueInput)
        key_result_id = event.input.key_result_id
        if event.value.strip():
            self.post_message(self.Typed(key_result_id, event.value))
        else:
            self.next_after(key_result_id)

    def saved(self, key_result_id: int, label: Text) -> None:
        """Recorded: the field empties, its label says the new value, the next field is asked."""
        label_part, field, error = self.parts[key_result_id]
        field.value = ""
        field.placeholder = "recorded · type again to correct it"
        error.display = False
        label_part.update(label)
        self.next_after(key_result_id)

    def refused(self, key_result_id: int, told: str) -> None:
        _, field, error = self.parts[key_result_id]
        error.update(Text(told, style=render.style(palette_of(self), "overdue")))
        error.display = True
        field.focus()

    def next_after(self, key_result_id: int) -> None:
        ids = [row.key_result_id for row in self.rows]
        position = ids.index(key_result_id) + 1 if key_result_id in ids else len(ids)
        if position < len(ids):
            self.field(ids[position]).focus()
        else:
            self.post_message(self.Finished())
