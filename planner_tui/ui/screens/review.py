"""The strategy review: the due strategies one by one, a health for each, a note, on.

For each strategy the screen shows core's review facts and pre-selects the
health the pace suggests (or the one picked earlier today). One key (`1` `2`
`3`, or Enter for the highlighted one) stores the review at once; the note
field then takes an optional note, and Enter there moves to the next strategy.
`n` skips a strategy without reviewing it, `b` goes back. Escape leaves;
reviews already picked stay saved. The note is saved as a change from what the
field showed: one written meanwhile in another window is asked about, never
overwritten. The session (ui/session.py) does the asking and keeps a pick the
file cannot take yet, as on every screen; the note field is its `Form`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Sparkline, Static

from planner_tui.core import review
from planner_tui.core.conflicts import Edit
from planner_tui.core.model import Health, StrategyStatus
from planner_tui.core.overview import standings_of
from planner_tui.core.views import strategy_path
from planner_tui.ui import render
from planner_tui.ui.keys import retry_binding
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.health_picker import HealthPicker
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.review_card import ReviewCard
from planner_tui.ui.widgets.standings_table import StandingsTable
from planner_tui.ui.widgets.value_fields import ValueFields, ValueRow, change_label
from planner_tui.ui.widgets.line_input import LineInput


SPARK_WIDTH = 24
PICK_HINT = "1 2 3 pick the health (enter: the highlighted one) · n skip · b back"


class ReviewScreen(MonitorScreen):
    """Walks ``strategies`` (default: those due for review); dismisses with a summary."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right_square_bracket", "step(1)", "skip", id="review-skip",
                tooltip="Next strategy, without reviewing this one"),
        Binding("b,left_square_bracket", "step(-1)", "back", id="review-back",
                tooltip="The previous strategy (its review can be changed)"),
        Binding("a", "review_all", "all", id="review-all", show=False,
                tooltip="Review every active strategy, due or not"),
        Binding("escape", "leave", "leave", id="review-leave",
                tooltip="Leave the review (reviews picked so far are saved)"),
        retry_binding("review-retry"),
    ]

    picker = getters.query_one(HealthPicker)
    note = getters.query_one("#review-note", Input)
    NOTE_ID = "review-note"

    def __init__(self, session: Session, strategies: list[int] | None = None) -> None:
        super().__init__(session, id="review")
        plan = self.store.plan
        if strategies is None:
            strategies = [s.id for s in review.due_for_review(plan, self.now)]
        self.queue = [sid for sid in strategies if sid in plan.strategies]
        self.position = 0
        self.asked: dict[int, None] = {}  # strategies a health was picked for, in order
        self.started_note = ""  # the note as the field showed it, for the strategy on screen

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(id="review-title")
            yield Static(Text(self.now.format("dddd D MMMM YYYY")), classes="corner")
        with VerticalScroll(classes="review-body"):
            yield ReviewCard()
            subs = StandingsTable(classes="review-subs")
            subs.can_focus = False  # the review's keys stay on the health picker and the note
            yield subs
            yield ValueFields("key results · their values now (enter alone skips one)")
            with Horizontal(id="review-spark-row", classes="spark-row"):
                yield Static("health history", classes="row-label")
                yield Sparkline([])
            yield HealthPicker()
            with Horizontal(classes="note-row"):
                yield Static("note", classes="row-label")
                yield LineInput(placeholder="optional: why this health, what to change", id="review-note",
                                classes="note", compact=True)
            yield Static(id="review-hint", classes="hint")
        yield KeyBar()

    @property
    def strategy_id(self) -> int | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    @property
    def picked(self) -> dict[int, Health]:
        """The health saved today for each strategy picked in this walk (saved at once, or
        by a retry later: the file says)."""
        latest, today = review.latest_reviews(self.store.plan), self.now.date()
        saved = [latest.get(sid) for sid in self.asked]
        return {last.strategy: last.health for last in saved if last is not None and last.date == today}

    def on_mount(self) -> None:
        self.show_strategy()
        self.session.changed_signal.subscribe(self, self.plan_changed)

    def plan_changed(self, _session: Session) -> None:
        """Another window's change, a retried save: the card shows the facts as they are
        now (the picker and the note keep what the person is doing)."""
        sid = self.strategy_id
        if sid is not None and sid in self.store.plan.strategies:
            self._show_card(sid)
        self.refresh_bindings()

    # -- plan -> widgets ---------------------------------------------------------------------

    def show_strategy(self) -> None:
        """The strategy at ``position``, or the kind message that nothing is due."""
        sid, plan = self.strategy_id, self.store.plan
        self.set_class(sid is None, "-nothing")
        if sid is None or sid not in plan.strategies:
            self._show_nothing_due()
            return
        self.now = self.store.clock()
        title = Text(f"Review · {self.position + 1} of {len(self.queue)}", style="bold")
        self.query_one("#review-title", Static).update(title)
        facts = self._show_card(sid)
        series = review.health_series(plan, sid)
        spark = self.query_one(Sparkline)
        spark.data = series
        spark.styles.width = min(SPARK_WIDTH, 2 * len(series))  # two cells a review, up to 12
        self.query_one("#review-spark-row").display = len(series) >= 2
        chosen = facts.today.health if facts.today else facts.suggested
        self.picker.preselect(chosen, facts.suggested)
        self.started_note = self.note.value = facts.today.note if facts.today else ""
        self._hint(PICK_HINT)
        self._ask_values(facts)

    def _show_card(self, sid: int) -> review.ReviewFacts:
        plan = self.store.plan
        facts = review.facts(plan, sid, self.now)
        parent = plan.strategies[sid].parent
        self.query_one(ReviewCard).show(facts, strategy_path(plan, parent) if parent in plan.strategies else "",
                                        self.now)
        self._show_subs(sid)
        return facts

    def _show_subs(self, sid: int) -> None:
        """A parent's sub-strategies, a row each (core/overview.py), under its own total."""
        plan, subs = self.store.plan, self.query_one(StandingsTable)
        rows = standings_of(plan, self.now, [child.id for child in plan.children(sid)])
        subs.display = bool(rows)
        if rows:
            subs.border_title = "its sub-strategies"
            subs.show(rows, plan, self.now, self.size.width - 6, parents=False)  # inside the body's padding

    # -- the key results' values now (before the health: they change what it suggests) ----------

    def _ask_values(self, facts: review.ReviewFacts) -> None:
        """A field per key result, the first one focused; none: the health picker."""
        palette = palette_of(self)
        fields = self.query_one(ValueFields)
        fields.show([ValueRow(now.key_result.id, change_label(now, then, palette)) for now, then in facts.key_results])
        if not fields.focus_first():
            self.picker.focus()

    @on(ValueFields.Typed)
    def value_typed(self, event: ValueFields.Typed) -> None:
        from planner_tui.ui.flows.key_results import record_typed

        fields, key_result_id = self.query_one(ValueFields), event.key_result_id
        record_typed(self.session, key_result_id, event.text, fields.form(key_result_id),
                     lambda change: self._value_recorded(key_result_id))

    def _value_recorded(self, key_result_id: int) -> None:
        """The card shows the new standing, the picker its new suggestion (unless already picked)."""
        sid = self.strategy_id
        if sid is None:
            return
        facts = self._show_card(sid)
        if sid not in self.picked:
            self.picker.preselect(facts.suggested, facts.suggested)
        now, then = next(pair for pair in facts.key_results if pair[0].key_result.id == key_result_id)
        self.query_one(ValueFields).saved(key_result_id, change_label(now, then, palette_of(self)))

    @on(ValueFields.Finished)
    def values_finished(self) -> None:
        self.picker.focus()

    def _show_nothing_due(self) -> None:
        self.query_one(ValueFields).show([])
        palette, picked = palette_of(self), self.picked
        title = "Review · done" if picked else "Review"
        self.query_one("#review-title", Static).update(Text(title, style="bold"))
        text = Text(review.review_summary(list(picked.values())) + ". " if picked else
                    "No strategy is due for review. ", style=render.style(palette, "heading"))
        upcoming = self._next_due()
        if upcoming is not None:
            strategy, day = upcoming
            text.append("Next: ")
            text.append_text(render.literal(strategy.title))
            text.append(f" on {day.format('ddd D MMM')}.")
        text.append("\n\na: review every active strategy now · esc: leave",
                    style=render.style(palette, "label"))
        self.query_one(ReviewCard).update(text)

    def _next_due(self):
        plan, latest = self.store.plan, review.latest_reviews(self.store.plan)
        days = [(s, review.next_review(s, latest.get(s.id), self.now)) for s in plan.strategies.values()]
        days = [(s, day) for s, day in days if day is not None and day > self.now.date()]
        return min(days, key=lambda pair: (pair[1], pair[0].id), default=None)

    def _hint(self, words: str) -> None:
        self.query_one("#review-hint", Static).update(Text(words, style=render.style(palette_of(self), "label")))

    # -- picking, noting, moving on --------------------------------------------------------------

    @on(HealthPicker.Picked)
    def health_picked(self, event: HealthPicker.Picked) -> None:
        """Store the review now (the day's note as it is); then the note (Enter there moves on)."""
        sid, health = self.strategy_id, event.health
        if sid is None:
            return
        self.asked[sid] = None
        self.session.change(f"review of {self.store.plan.strategies[sid].title!r}: {review.HEALTH_WORDS[health]}",
                            lambda: review.record_review(self.store, sid, health, None),
                            lambda change: self._picked(sid, health))

    def _picked(self, sid: int, health: Health) -> None:
        """The note field shows the note as saved (another window's, say), unless the
        person already typed in it; then the note is next."""
        untouched = self.note.value == self.started_note
        today = review.facts(self.store.plan, sid, self.now).today
        self.started_note = today.note if today else ""
        if untouched:
            self.note.value = self.started_note
        self._hint(f"saved: {review.HEALTH_WORDS[health]} · a note if you like, "
                   "then enter for the next strategy")
        self.note.focus()

    @on(Input.Submitted, "#review-note")
    def note_submitted(self) -> None:
        """Save the note typed over the note shown (with the health picked), then the next strategy."""
        sid = self.strategy_id
        if sid is None:
            return
        health = self.picked.get(sid)
        if health is not None and self.note.value == self.started_note:
            self.action_step(1)
            return
        health = health or self.picker.health
        self.asked[sid] = None
        self.session.submit(Edit({"note": self.note.value}, {"note": self.started_note}),
                            lambda edit: review.record_review(self.store, sid, health, edit.typed.get("note"),
                                                              expected=edit.started),
                            self, lambda change: self._noted())

    def _noted(self) -> None:
        """The note is saved: on to the next strategy."""
        self.started_note = self.note.value
        self.action_step(1)

    def action_retry(self) -> None:
        self.session.retry()

    def action_step(self, offset: int) -> None:
        """Next (or previous) strategy; past the last one the review ends. A note typed
        for this one and not saved is not dropped without asking."""
        if self.typed_unsaved() is not None:
            self.ask_discard(lambda: self._step(offset))
        else:
            self._step(offset)

    def _step(self, offset: int) -> None:
        self.position = max(0, self.position + offset)
        if self.position >= len(self.queue):
            self._finish()
        else:
            self.show_strategy()

    def _summary(self) -> str | None:
        picked = self.picked
        return review.review_summary(list(picked.values())) if picked else None

    def _finish(self) -> None:
        said = self._summary()
        if said:
            self.notify(said, title="Review", markup=False)
        self.close(said)

    def action_review_all(self) -> None:
        """Every active strategy in tree order (from the "nothing due" message)."""
        if self.strategy_id is not None:
            return
        plan = self.store.plan
        self.queue = [s.id for s in plan.tree_order() if s.status is StrategyStatus.ACTIVE]
        self.position = 0
        self.show_strategy()

    def action_leave(self) -> None:
        self.leave(self._summary())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            if self.strategy_id is None:
                return False
            return None if self.note.has_focus else True
        if action == "review_all":
            return self.strategy_id is None
        if action == "retry":
            return bool(self.session.unsaved)
        return True
