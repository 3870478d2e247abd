"""Modal forms for a strategy, a tactic and a deadline.

A dialog reads what was typed into a small form (dates through core's
`parse_when`) and hands it to ``submit``, the callback of the flow that opened
it (ui/flows/editing.py), which asks the session to save it. The dialog is the
session's `Form`: saved, the flow calls `saved` (the dialog dismisses with the
form: `ModalScreen[F | None]`); refused, failed, or changed elsewhere meanwhile
(after the conflict dialog), the session calls `not_saved` or `rebased`, and the
dialog stays open with everything typed, so Enter tries again. Escape (or a
click outside the dialog) cancels and nothing is written; once something was
typed, it asks first (`Discard what you typed?`), and so does quitting the app
(the dialog `HoldsTyping`: ui/session.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Generic, TypeVar

from pendulum import Date, DateTime
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from planner_tui.core.dates import DateError, When, as_day, long_date
from planner_tui.core.errors import InputError
from planner_tui.core.review import parse_cadence
from planner_tui.core.views import after_horizon
from planner_tui.ui import render
from planner_tui.ui import stylesheets
from planner_tui.ui.app_settings import app_settings
from planner_tui.ui.widgets.when_input import WhenField
from planner_tui.ui.widgets.line_input import LineInput

HINT = "enter save · esc cancel · tab next field"
DISCARD = "Discard what you typed? None of it is saved yet."


@dataclass
class StrategyForm:
    title: str = ""
    why: str = ""
    horizon: When | None = None
    review_every: int | None = None


@dataclass
class TacticForm:
    title: str = ""
    due: When | None = None
    notes: str = ""
    repeat: str = ""


@dataclass
class DeadlineForm:
    when: When | None = None


F = TypeVar("F")


class FormDialog(ModalScreen[F | None], Generic[F]):
    """Shared frame: heading, fields, error line, hint; Enter saves, Escape cancels.

    ``started`` is what the fields held when the dialog opened (None: something
    new), the base a save is compared with (core/conflicts.py)."""

    CSS_PATH = stylesheets.DIALOGS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
    ]

    def __init__(self, heading: Text, now: DateTime, started: dict[str, Any] | None = None) -> None:
        super().__init__(classes="form-dialog")
        self.heading = heading
        self.now = now
        self.started = started
        self.submit: Callable[[F], None] = lambda form: None  # set by the flow that opens it
        self.horizon: Date | None = None
        self.typed: F | None = None  # the form last submitted

    @property
    def week_start(self) -> int:
        """The first day of the week for eow / sow, from the app's settings (Monday without)."""
        return app_settings(self).week_start_day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="dialog-heading")
            with Grid(classes="dialog-fields"):
                yield from self.fields()
            yield Static(classes="dialog-warning")
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.opened_with = self.field_values()

    def field_values(self) -> tuple[str, ...]:
        """What every field holds now, as typed."""
        return tuple(field.value for field in self.query(Input))

    def typed_unsaved(self) -> str | None:
        """The session's `HoldsTyping`: something typed since the dialog opened."""
        if self.field_values() == self.opened_with:
            return None
        return f"What you typed in {' '.join(self.heading.plain.split())!r}"

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def read(self) -> F:
        """The form from the fields; raises `InputError` naming the bad field."""
        raise NotImplementedError

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def show_error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(Text(message))

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            form = self.read()
        except InputError as error:
            self.show_error(str(error))
            return
        self.typed = form
        self.submit(form)

    # -- the session's `Form` (ui/session.py) --------------------------------------------------

    def not_saved(self, told: str) -> None:
        self.show_error(told)

    def rebased(self, started: dict[str, Any], told: str) -> None:
        self.started = started
        self.show_error(told)

    def saved(self) -> None:
        """What was typed is saved: close, with it."""
        self.dismiss(self.typed)

    def action_cancel(self) -> None:
        """Escape: close; with something typed, only once the person says to discard it
        (y; n or escape keeps editing)."""
        if self.typed_unsaved() is None:
            self.dismiss(None)
            return
        from planner_tui.ui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(Text(DISCARD), yes="Discard", no="Keep editing"), answered)

    def on_click(self, event: events.Click) -> None:
        """A click outside the dialog cancels it, as Escape does (asking first when typed in)."""
        if event.widget is self:
            self.action_cancel()

    @on(WhenField.Read)
    def warn_after_horizon(self, event: WhenField.Read) -> None:
        """Allowed, but a deadline past the strategy's horizon is worth a second look."""
        warning = ""
        if self.horizon is not None and after_horizon(event.when, self.horizon, self.now):
            warning = (f"Due after its strategy's horizon ({long_date(self.horizon, self.now)}): "
                       "allowed, but check the plan.")
        self.query_one(".dialog-warning", Static).update(Text(warning))


def field_row(label: str, widget) -> ComposeResult:
    yield Label(label, classes="field-label")
    yield widget


class StrategyDialog(FormDialog[StrategyForm]):
    """Title, why, horizon (with preview), review cadence."""

    def __init__(self, heading: Text, now: DateTime, form: StrategyForm | None = None,
                 started: dict[str, Any] | None = None) -> None:
        super().__init__(heading, now, started)
        self.form = form or StrategyForm()

    def fields(self) -> ComposeResult:
        form = self.form
        yield from field_row("Title", LineInput(form.title, id="title", compact=True,
                                            placeholder="a long-term goal"))
        yield from field_row("Why", LineInput(form.why, id="why", compact=True,
                                          placeholder="the vision it serves"))
        yield from field_row("Horizon", WhenField(self.now, form.horizon, id="horizon",
                                                  placeholder="by when: 5y, eoy, 2030-12-31", empty="no horizon",
                                                  week_start=self.week_start, day_only=True))
        cadence = str(form.review_every) if form.review_every else ""
        yield from field_row("Review", LineInput(cadence, id="review", compact=True,
                                             placeholder="every N days: 30, 2w, 1m (empty: never)"))

    def read(self) -> StrategyForm:
        try:
            horizon = self.query_one("#horizon", WhenField).parsed()
        except DateError as error:
            raise InputError(f"Horizon: {error}") from None
        horizon = as_day(horizon, self.now)  # what is saved (the preview says so), and compared
        try:
            cadence = parse_cadence(self.value("#review"))
        except InputError as error:
            raise InputError(f"Review: {error}") from None
        return StrategyForm(self.value("#title"), self.value("#why"), horizon, cadence)


class TacticDialog(FormDialog[TacticForm]):
    """Title, deadline (with preview and a horizon warning), notes, repeat."""

    def __init__(self, heading: Text, now: DateTime, form: TacticForm | None = None,
                 horizon: Date | None = None, started: dict[str, Any] | None = None) -> None:
        super().__init__(heading, now, started)
        self.form = form or TacticForm()
        self.horizon = horizon

    def fields(self) -> ComposeResult:
        form = self.form
        yield from field_row("Title", LineInput(form.title, id="title", compact=True,
                                            placeholder="a concrete action"))
        yield from field_row("Deadline", WhenField(self.now, form.due, id="due",
                                                   placeholder="fri, tomorrow, +3d, 2w, eom, 2026-12-31",
                                                   week_start=self.week_start))
        yield from field_row("Notes", LineInput(form.notes, id="notes", compact=True, placeholder="optional"))
        yield from field_row("Repeat", LineInput(form.repeat, id="repeat", compact=True,
                                             placeholder="1d, 1w, 2w, 1m, 1y, weekdays (empty: never)"))

    def read(self) -> TacticForm:
        try:
            due = self.query_one("#due", WhenField).parsed()
        except DateError as error:
            raise InputError(f"Deadline: {error}") from None
        return TacticForm(self.value("#title"), due, self.value("#notes"), self.value("#repeat"))


class DeadlineDialog(FormDialog[DeadlineForm]):
    """Only the deadline (or a strategy's horizon): `d` on a row."""

    def __init__(self, heading: Text, now: DateTime, when: When | None = None,
                 horizon: Date | None = None, empty: str = "no deadline", day_only: bool = False,
                 started: dict[str, Any] | None = None) -> None:
        super().__init__(heading, now, started)
        self.when = when
        self.horizon = horizon
        self.empty = empty
        self.day_only = day_only  # a strategy's horizon (see `WhenField`)

    def fields(self) -> ComposeResult:
        yield from field_row("When", WhenField(self.now, self.when, id="when",
                                               placeholder="fri, tomorrow, +3d, 2w, eom, 5y", empty=self.empty,
                                               week_start=self.week_start, day_only=self.day_only))

    def read(self) -> DeadlineForm:
        try:
            return DeadlineForm(self.query_one("#when", WhenField).parsed())
        except DateError as error:
            raise InputError(str(error)) from None


def heading(action: str, subject: str | None = None) -> Text:
    """`Edit strategy  Fix [/] parser`: our words, then the person's, literally."""
    text = Text(action, style="bold")
    if subject:
        text.append("  ")
        text.append_text(render.literal(subject))
    return text
