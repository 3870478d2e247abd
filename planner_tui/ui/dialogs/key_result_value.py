"""Record a key result's value: a value and a note, with a preview as you type.

The preview says what the value was read as (`45k → 45,000 users`) and where
the key result would then stand: its progress (against what it is now) and
its pace, both worked out by core (`value_typed`, `if_measured`,
`key_result_pace`) for the value typed, before anything is recorded. A value
that cannot be read says why, in the error colour, and Enter records nothing.
The flow that opens it (ui/flows/key_results.py) saves through the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from planner_tui.core.amounts import in_full, shown
from planner_tui.core.errors import InputError
from planner_tui.core.keyresults import Reading, if_measured, value_typed
from planner_tui.core.model import Strategy
from planner_tui.core.outcome_pace import key_result_pace
from planner_tui.core.pace import VERDICT_WORDS
from planner_tui.ui import render
from planner_tui.ui.dialogs.forms import FormDialog, field_row, heading
from planner_tui.ui.widgets.line_input import LineInput
from planner_tui.ui.widgets.palette import palette_of


@dataclass
class ValueForm:
    value: float
    note: str = ""


class ValueDialog(FormDialog[ValueForm]):
    """``now``: the key result as it reads today, what the preview compares with."""

    def __init__(self, current: Reading, strategy: Strategy, now: DateTime) -> None:
        key_result = current.key_result
        super().__init__(heading("Record a value of", key_result.title), now)
        self.current = current
        self.strategy = strategy

    def fields(self) -> ComposeResult:
        unit = self.current.key_result.unit
        hint = f"e.g. 45k, 1.2M, 12.5%{f' ({unit})' if unit else ''}"
        yield from field_row("Value", LineInput(id="value", compact=True, placeholder=hint))
        yield from field_row("", Static(self._standing(), classes="value-preview"))
        yield from field_row("Note", LineInput(id="note", compact=True, placeholder="optional: what moved it"))

    def _standing(self) -> Text:
        """Before anything is typed: where it stands now, and what it aims at."""
        key_result, current = self.current.key_result, self.current
        now = shown(current.value, key_result.unit) if current.measured else "nothing measured yet"
        return Text(f"now {now} ({round(current.progress * 100)}%), target {shown(key_result.target, key_result.unit)}",
                    style=render.style(palette_of(self), "label"))

    @on(Input.Changed, "#value")
    def preview(self, event: Input.Changed) -> None:
        """What the value typed is read as, and the progress and pace it would give."""
        preview = self.query_one(".value-preview", Static)
        if not event.value.strip():
            preview.update(self._standing())
            return
        try:
            preview.update(self.preview_text(event.value))
        except InputError as error:
            preview.update(Text(str(error), style=render.style(palette_of(self), "overdue")))

    def preview_text(self, typed: str) -> Text:
        """`45k → 45,000 users · progress 45% (now 30%) · on pace`; an `InputError` when unreadable."""
        key_result, palette = self.current.key_result, palette_of(self)
        amount = value_typed(key_result, typed)
        then = if_measured(key_result, amount.value, self.now.date())
        pace = key_result_pace(then, self.strategy, self.now)
        text = render.literal(typed.strip())
        text.append(f" → {in_full(amount.value, key_result.unit)}", style="bold")
        text.append(f" · progress {round(then.progress * 100)}% (now {round(self.current.progress * 100)}%) · ")
        good = pace.verdict in ("on-pace", "complete")
        text.append(VERDICT_WORDS[pace.verdict], style=render.style(palette, "done" if good else "soon"))
        return text

    def read(self) -> ValueForm:
        try:
            amount = value_typed(self.current.key_result, self.value("#value"))
        except InputError as error:
            raise InputError(f"Value: {error}") from None
        return ValueForm(amount.value, self.value("#note"))
