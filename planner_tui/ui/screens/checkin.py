"""The daily check-in: one key per decision, the cursor moves on, Enter finishes.

Every decision is committed when it is made (core/checkin.py `decide`), so
leaving half-way keeps what was decided; Escape leaves without writing
anything else. After the last tactic the cursor moves into the note for the
day; Enter there (or on the list) finishes: the note is saved, the day's
record marked finished, and a notification sums it up.

A decision is made from the tactic as its row shows it, and the note from what
the field opened with: a change made meanwhile in another window (the tactic
dropped there, a note written there) is asked about, never overwritten. The
session (ui/session.py) does the asking, the undo, and keeps a decision the
file cannot take yet, as on every screen; the note field is its `Form`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from planner_tui.core import checkin, checkin_pace
from planner_tui.core.checkin import STATUS_OF, Decision
from planner_tui.core.conflicts import Edit
from planner_tui.core.dates import DateError
from planner_tui.core.day import Day
from planner_tui.core.file.changes import Change
from planner_tui.core.keyresults import STALE_TITLE, reading, stale
from planner_tui.ui import render
from planner_tui.ui.app_settings import app_day
from planner_tui.ui.keys import retry_binding
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.checkin_list import CheckinList, CheckinRow
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.value_fields import ValueFields, ValueRow, stale_label
from planner_tui.ui.widgets.when_input import WhenField
from planner_tui.ui.widgets.line_input import LineInput

KEEPS_DEADLINE = "Nothing typed: the deadline stays as it was."
EMPTY_KEEPS = "empty: the deadline stays as it is"
CALM = ("Nothing is overdue, due today, in progress or coming up soon. A calm day: "
        "note anything that moved, then press Enter.")


class CheckinScreen(MonitorScreen):
    """Dismisses with the summary (`3 done, 1 pushed · 6-day streak`), or None when left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "decide('done')", "done", id="checkin-done", tooltip="Mark it done"),
        Binding("i", "decide('start')", "start", id="checkin-start", tooltip="Start it (in progress)"),
        Binding("p", "decide('push')", "tomorrow", id="checkin-push",
                tooltip="Push to tomorrow (a day later when due after today)"),
        Binding("r,d", "reschedule", "due", id="checkin-reschedule",
                tooltip="Type a new deadline (with a preview)"),
        Binding("X", "decide('drop')", "drop", id="checkin-drop",
                tooltip="Drop it (ends a repeating series)"),
        Binding("s,space", "decide('skip')", "skip", id="checkin-skip", tooltip="Leave it as it is"),
        Binding("n", "note", "note", id="checkin-note", show=False, tooltip="Write the note for the day"),
        Binding("u", "undo", "undo", id="checkin-undo", show=False, tooltip="Undo the last decision"),
        Binding("b", "back_a_day", "yesterday", id="checkin-yesterday", show=False,
                tooltip="Check in for yesterday (forgotten last night); b again: today"),
        Binding("h", "history", "history", id="checkin-history",
                tooltip="The heat map of past check-ins and their notes"),
        Binding("escape", "back", "leave", id="checkin-leave",
                tooltip="Close the field being typed in, else leave the check-in"),
        retry_binding("checkin-retry"),
    ]

    checkin_list = getters.query_one(CheckinList)
    note = getters.query_one("#checkin-note", Input)
    NOTE_ID = "checkin-note"

    def __init__(self, session: Session) -> None:
        super().__init__(session, id="checkin")
        self.today = app_day(self, self.now)
        self.day = self.today.checkin_day  # the day checked in for (before day_starts_at, the day before; b: yesterday)
        self.rescheduling: int | None = None
        self.changes: list[Change] = []  # this check-in's decisions and values, for what they did to pace
        self.started_note = self._saved_note()  # what the note field opens with

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(id="checkin-title")
            yield Static(id="checkin-streak", classes="corner")
        yield CheckinList()
        yield Static(CALM, classes="calm")
        with Vertical(classes="reschedule"):
            yield Static(id="checkin-reschedule-label")
            yield WhenField(self.now, placeholder="fri, +3d, eom, 2026-12-31 · empty: keep it",
                            empty=EMPTY_KEEPS, week_start=self.today.week_start)
        yield ValueFields(f"{STALE_TITLE.lower()} · their values now (enter alone skips one)")
        with Horizontal(classes="note-row"):
            yield Static("note", classes="row-label")
            yield LineInput(self.started_note, placeholder="what moved, what is blocking (optional)",
                            id="checkin-note", classes="note", compact=True)
        yield Static(id="checkin-tally", classes="tally")
        yield KeyBar()

    def _saved_note(self) -> str:
        record = self.store.plan.checkin_on(self.day)
        return record.note if record else ""

    @property
    def soon_days(self) -> int:
        """How far ahead the check-in looks: the app's settings (settings.toml's soon_days)."""
        return self.today.soon_days

    def on_mount(self) -> None:
        self.show_title()
        self.show_rows()
        self.show_tally()
        self.ask_values()
        if self.checkin_list.option_count:
            self.checkin_list.focus()
        else:
            self.after_list()
        self.session.changed_signal.subscribe(self, self.plan_changed)

    def plan_changed(self, _session: Session) -> None:
        """Another window's change, a retried save, an unsaved one undone: the rows show it."""
        self.refresh_rows()
        self.refresh_bindings()

    # -- plan -> widgets ------------------------------------------------------------------

    @property
    def checked_day(self) -> Day:
        """The person's day moved back to the day checked in for (b: by one day)."""
        return self.today.at(self.now.subtract(days=(self.today.checkin_day - self.day).days))

    def show_title(self) -> None:
        words = "Check-in" if self.day == self.today.checkin_day else "Check-in for yesterday"
        self.query_one("#checkin-title", Static).update(
            Text(f"{words} · {self.day.format('dddd D MMMM YYYY')}", style="bold"))

    def show_rows(self) -> None:
        """The agenda's groups with the day's decisions (computed once: rows stay put);
        a check-in for yesterday lists what was due by then."""
        day = self.checked_day
        plan, record = self.store.plan, self.store.plan.checkin_on(self.day)
        found = checkin.capped(checkin.groups(plan, day))
        groups = [(checkin.group_title(name, self.soon_days), [self._row(t.id, record) for t in tactics], total)
                  for name, tactics, total in found]
        self.checkin_list.show(groups, day.now, self.soon_days)
        self.set_class(not groups, "-calm")

    def _row(self, tactic_id: int, record) -> CheckinRow:
        plan = self.store.plan
        tactic = plan.tactics[tactic_id]
        owner = plan.strategies[tactic.strategy].title if tactic.strategy in plan.strategies else ""
        return CheckinRow(tactic, owner, checkin.decision_of(record, tactic_id))

    def refresh_rows(self, only: int | None = None) -> None:
        """Redraw one tactic's row (after a decision about it), or every row (after undo).

        Rows stay where they were, so a decision never moves the list under the cursor.
        """
        record = self.store.plan.checkin_on(self.day)
        for tactic_id in [only] if only is not None else list(self.checkin_list.rows):
            if tactic_id in self.store.plan.tactics:
                self.checkin_list.update_row(self._row(tactic_id, record))
        self.show_tally()

    def show_tally(self) -> None:
        """The streak in the corner and the day's decisions so far under the note."""
        plan, palette = self.store.plan, palette_of(self)
        status = checkin.streak_status(plan, self.today)
        corner = Text()
        corner.append(checkin.streak_words(status.days), style=render.style(palette, "heading"))
        corner.append(" · " + ("checked in today ✓" if status.today else "not checked in yet today"),
                      style=render.style(palette, "done" if status.today else "label"))
        self.query_one("#checkin-streak", Static).update(corner)
        record = plan.checkin_on(self.day)
        tally = checkin.tally(record) if record else "no decisions yet"
        self.query_one("#checkin-tally", Static).update(
            Text(f"{'today' if self.day == self.today.checkin_day else 'yesterday'} so far: {tally}"
                 " · n note · u undo", style=render.style(palette, "label")))

    # -- decisions --------------------------------------------------------------------------

    def action_decide(self, name: str) -> None:
        tactic_id = self.checkin_list.tactic_id
        if tactic_id is None or not self.checkin_list.has_focus:
            return
        self.decide(Decision(name), tactic_id)

    def decide(self, decision: Decision, tactic_id: int, when=None) -> None:
        """Write one decision now, from the tactic as its row shows it; saved, the
        cursor moves on (to the note after the last)."""
        row = self.checkin_list.rows.get(tactic_id)
        shown = {"status": row.tactic.status, "due": row.tactic.due} if row is not None else None
        typed = ({"due": when} if decision is Decision.RESCHEDULE else
                 {"status": STATUS_OF[decision]} if decision in STATUS_OF else {})
        title = row.tactic.title if row is not None else f"t{tactic_id}"
        self.session.change_fields(
            f"check-in: {decision.value} {title!r}", Edit(typed, shown),
            lambda edit: checkin.decide(self.store, self.day, tactic_id, decision, when, expected=edit.started),
            lambda change: self._decided(tactic_id, change))

    def _decided(self, tactic_id: int, change: Change) -> None:
        self.changes.append(change)
        self._warn_after_horizon(tactic_id)
        self.refresh_rows(only=tactic_id)
        if not self.checkin_list.advance():
            self.after_list()

    # -- key results not measured for a week: asked after the tactics, before the note -------------

    def ask_values(self) -> None:
        """A field for each key result not measured for a week (computed once: fields stay put)."""
        plan, palette = self.store.plan, palette_of(self)
        self.query_one(ValueFields).show([ValueRow(key_result.id, stale_label(reading(plan, key_result), self.now,
                                                                               palette))
                                          for key_result in stale(plan, self.day)])

    def after_list(self) -> None:
        """Past the last tactic: the key results' fields, then the note."""
        if not self.query_one(ValueFields).focus_first():
            self.note.focus()

    @on(ValueFields.Typed)
    def value_typed(self, event: ValueFields.Typed) -> None:
        from planner_tui.ui.flows.key_results import record_typed

        fields, key_result_id = self.query_one(ValueFields), event.key_result_id
        record_typed(self.session, key_result_id, event.text, fields.form(key_result_id),
                     lambda change: self._value_recorded(key_result_id, change))

    def _value_recorded(self, key_result_id: int, change: Change) -> None:
        self.changes.append(change)
        self.query_one(ValueFields).saved(key_result_id, self._value_label(key_result_id))

    def _value_label(self, key_result_id: int) -> Text:
        plan = self.store.plan
        return stale_label(reading(plan, plan.keyresults[key_result_id]), self.store.clock(), palette_of(self))

    @on(ValueFields.Finished)
    def values_finished(self) -> None:
        self.note.focus()

    def action_reschedule(self) -> None:
        tactic_id = self.checkin_list.tactic_id
        if tactic_id is None or not self.checkin_list.has_focus:
            return
        self.rescheduling = tactic_id
        label = Text()
        label.append("new deadline for ", style=render.style(palette_of(self), "label"))
        label.append_text(render.literal(self.store.plan.tactics[tactic_id].title))
        self.query_one("#checkin-reschedule-label", Static).update(label)
        field = self.query_one(WhenField)
        field.now = self.store.clock()
        field.entry.value = ""
        self.add_class("-rescheduling")
        field.entry.focus()

    @on(Input.Submitted, "WhenField Input")
    def reschedule_submitted(self) -> None:
        field, tactic_id = self.query_one(WhenField), self.rescheduling
        try:
            when = field.parsed()
        except DateError:
            return  # the preview already says why, in the error colour
        if tactic_id is None:
            return
        self._close_reschedule()
        if not field.typed.strip():  # `r` then enter by mistake: nothing typed, nothing changed
            self.notify(KEEPS_DEADLINE, markup=False, timeout=3)
            return
        self.decide(Decision.RESCHEDULE, tactic_id, when)

    def _close_reschedule(self) -> None:
        self.rescheduling = None
        self.remove_class("-rescheduling")
        self.checkin_list.focus()

    def action_note(self) -> None:
        self.note.focus()

    @on(CheckinList.Finished)
    @on(Input.Submitted, "#checkin-note")
    def finish(self) -> None:
        """Save the note, mark the day checked in, sum it up, close."""
        if self.rescheduling is not None:
            return
        self.session.submit(Edit({"note": self.note.value}, {"note": self.started_note}),
                            lambda edit: checkin.finish(self.store, self.day, edit.typed.get("note"),
                                                        expected=edit.started),
                            self, self._finished)

    def _finished(self, change: Change) -> None:
        self.started_note = self.note.value  # saved: nothing typed is left to lose
        plan = self.store.plan
        said = "\n".join([checkin.summary(plan.checkin_on(self.day), checkin.streak_status(plan, self.today).days),
                           *self._pace_notes()])
        self.notify(said, title="Checked in", markup=False)
        self.close(said)

    # -- what today's decisions did to pace (core/checkin_pace.py) ------------------------------------

    def _pace_notes(self) -> list[str]:
        """Verdicts this check-in's decisions and values changed, what keeps slipping, deadlines
        past a horizon: compared with the plan as it was before them (read back from the file)."""
        before = checkin_pace.plan_before(self.changes, self.store.storage.read())
        return checkin_pace.pace_notes(before, self.store.plan, self.day, self.store.clock())

    def _warn_after_horizon(self, tactic_id: int) -> None:
        """A new deadline past its strategy's horizon: allowed, told at once."""
        plan = self.store.plan
        tactic = plan.tactics.get(tactic_id)
        if tactic is None or checkin.decision_of(plan.checkin_on(self.day), tactic_id) is not Decision.RESCHEDULE:
            return
        beyond = checkin_pace.after_horizon(plan, tactic_id, tactic.due, self.now)
        if beyond is not None:
            words = checkin_pace.after_horizon_words(beyond, tactic.due, self.now)
            self.notify(words[:1].upper() + words[1:], title="Past the horizon", severity="warning", markup=False)

    def action_undo(self) -> None:
        def undone(change: Change) -> None:
            if self.changes:
                self.changes.pop()
            self.refresh_rows()

        self.session.undo(undone)

    def action_retry(self) -> None:
        self.session.retry()

    def action_back_a_day(self) -> None:
        """`b`: the check-in of yesterday (decisions, note, finishing go to that day); again: today.
        A note typed and not saved keeps its day: it is said, nothing moves."""
        if (typed := self.typed_unsaved()) == "The note you typed":
            self.notify("The note you typed is not saved yet: enter saves it (n goes to it), "
                        "or clear it, then b.", title="Check-in", severity="warning", markup=False)
            return
        if typed:
            self.notify("The values you typed are not recorded yet: enter records each, "
                        "or clear them, then b.", title="Check-in", severity="warning", markup=False)
            return
        today = self.today.checkin_day
        self.day = today.subtract(days=1) if self.day == today else today
        self.started_note = self._saved_note()
        self.note.value = self.started_note
        self.show_title()
        self.show_rows()
        self.show_tally()
        (self.checkin_list if self.checkin_list.option_count else self.note).focus()

    def action_history(self) -> None:
        from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen

        self.app.push_screen(CheckinHistoryScreen(self.session))

    def action_back(self) -> None:
        """Escape: close the deadline field, or leave the note, or leave the check-in."""
        if self.rescheduling is not None:
            self._close_reschedule()
        elif self.note.has_focus and self.checkin_list.option_count:
            self.checkin_list.focus()
        else:
            self.leave(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Decision keys only act on the list (they are letters a note may contain)."""
        if action in ("decide", "reschedule", "note", "undo", "history", "back_a_day"):
            return self.checkin_list.has_focus or None
        if action == "retry":
            return bool(self.session.unsaved)
        return True
