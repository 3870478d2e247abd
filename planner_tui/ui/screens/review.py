"""The strategy review: the due strategies one by one, a health for each, a note, on.

For each strategy the screen shows core's review facts and pre-selects the
health the pace suggests (or the one picked earlier today). One key (`1` `2`
`3`, or Enter for the highlighted one) stores the review at once; the note
field then takes an optional note, and Enter there moves to the next strategy.
`n` skips a strategy without reviewing it, `b` goes back. Escape leaves;
reviews already picked stay saved. The note is saved as a change from what the
field showed: one written meanwhile in another window is asked about
(conflict_dialog.ask), never overwritten.
"""

from __future__ import annotations

from typing import Callable, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Sparkline, Static

from planner_tui.core import review
from planner_tui.core.conflicts import Conflict, Edit
from planner_tui.core.errors import InputError
from planner_tui.core.history import History
from planner_tui.core.model import Health, StrategyStatus
from planner_tui.core.file.store import SaveError, Store
from planner_tui.core.views import strategy_path, tree_order
from planner_tui.ui import render
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.widgets.health_picker import HealthPicker
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.review_card import ReviewCard
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
    ]

    def __init__(self, store: Store, strategies: list[int] | None = None,
                 history: History | None = None) -> None:
        super().__init__(store, history, id="review", classes="monitor-screen")
        plan = store.plan
        if strategies is None:
            strategies = [s.id for s in review.due_for_review(plan, self.now)]
        self.queue = [sid for sid in strategies if sid in plan.strategies]
        self.position = 0
        self.picked: dict[int, Health] = {}
        self.shown_note = ""  # the note as the field showed it, for the strategy on screen

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header themed"):
            yield Static(id="review-title")
            yield Static(Text(self.now.format("dddd D MMMM YYYY")), id="review-date")
        with VerticalScroll(id="review-body"):
            yield ReviewCard(id="review-card", classes="themed")
            with Horizontal(id="review-spark-row"):
                yield Static("health history", id="review-spark-label")
                yield Sparkline([], id="review-spark")
            yield HealthPicker(id="review-health", classes="themed")
            with Horizontal(id="review-note-row"):
                yield Static("note", id="review-note-label")
                yield LineInput(placeholder="optional: why this health, what to change", id="review-note",
                            compact=True)
            yield Static(id="review-hint", classes="themed")
        yield KeyBar()

    @property
    def picker(self) -> HealthPicker:
        return self.query_one(HealthPicker)

    @property
    def note(self) -> Input:
        return self.query_one("#review-note", Input)

    @property
    def strategy_id(self) -> int | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def on_mount(self) -> None:
        self.show_strategy()

    # -- plan -> widgets ---------------------------------------------------------------------

    def show_strategy(self) -> None:
        """The strategy at ``position``, or the kind message that nothing is due."""
        sid, plan = self.strategy_id, self.store.plan
        self.set_class(sid is None, "-nothing")
        if sid is None or sid not in plan.strategies:
            self._show_nothing_due()
            return
        self.now = self.store.clock()
        facts = review.facts(plan, sid, self.now)
        title = Text(f"Review · {self.position + 1} of {len(self.queue)}", style="bold")
        self.query_one("#review-title", Static).update(title)
        parent = plan.strategies[sid].parent
        where = strategy_path(plan, parent) if parent in plan.strategies else ""
        self.query_one(ReviewCard).show(facts, where, self.now)
        series = review.health_series(plan, sid)
        spark = self.query_one(Sparkline)
        spark.data = series
        spark.styles.width = min(SPARK_WIDTH, 2 * len(series))  # two cells a review, up to 12
        self.query_one("#review-spark-row").display = len(series) >= 2
        chosen = facts.today.health if facts.today else facts.suggested
        self.picker.preselect(chosen, facts.suggested)
        self.shown_note = self.note.value = facts.today.note if facts.today else ""
        self._hint(PICK_HINT)
        self.picker.focus()

    def _show_nothing_due(self) -> None:
        palette, plan = palette_of(self), self.store.plan
        title = "Review · done" if self.picked else "Review"
        self.query_one("#review-title", Static).update(Text(title, style="bold"))
        text = Text(review.review_summary(list(self.picked.values())) + ". " if self.picked else
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
        """Store the review now; then the note (Enter there moves on)."""
        self._save(event.health, lambda: self._noting(event.health))

    def _noting(self, health: Health) -> None:
        self._hint(f"saved: {review.HEALTH_WORDS[health]} · a note if you like, "
                   "then enter for the next strategy")
        self.note.focus()

    @on(Input.Submitted, "#review-note")
    def note_submitted(self) -> None:
        sid = self.strategy_id
        if sid is None:
            return
        if sid in self.picked and self.note.value == self.shown_note:
            self.action_step(1)
        else:
            self._save(self.picked.get(sid, self.picker.health), lambda: self.action_step(1))

    def _save(self, health: Health, then: Callable[[], None]) -> None:
        """Store the review with the note as typed over the note as shown; ``then`` once saved."""
        if self.strategy_id is not None:
            self._save_edit(self.strategy_id, health, Edit({"note": self.note.value}, {"note": self.shown_note}), then)

    def _save_edit(self, sid: int, health: Health, edit: Edit, then: Callable[[], None]) -> None:
        from planner_tui.ui.screens.conflict_dialog import ask, back_message

        try:
            change = review.record_review(self.store, sid, health, edit.typed.get("note"), expected=edit.started)
        except Conflict as error:
            conflict = error  # (``error`` is unbound when the except block ends; ``back`` runs later)

            def back(rebased: Edit) -> None:
                self.shown_note = rebased.started["note"]
                self.note.focus()
                self.notify(back_message(conflict), title="Not saved", severity="warning", markup=False)

            ask(self, conflict, edit, lambda chosen: self._save_edit(sid, health, chosen, then), back)
            return
        except (InputError, SaveError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.history.record(change)
        self.picked[sid] = health
        self._show_saved_note(sid, edit)
        then()

    def _show_saved_note(self, sid: int, edit: Edit) -> None:
        """The note as saved is what the field shows from now on (another window's, when
        the person left the field alone or took theirs)."""
        today = review.facts(self.store.plan, sid, self.now).today
        self.shown_note = today.note if today else ""
        if "note" not in edit.typed or edit.typed["note"] == edit.started["note"]:
            self.note.value = self.shown_note

    def action_step(self, offset: int) -> None:
        """Next (or previous) strategy; past the last one the review ends."""
        self.position = max(0, self.position + offset)
        if self.position >= len(self.queue):
            self._finish()
        else:
            self.show_strategy()

    def _finish(self) -> None:
        said = review.review_summary(list(self.picked.values())) if self.picked else None
        if said:
            self.notify(said, title="Review", markup=False)
        self.close(said)

    def action_review_all(self) -> None:
        """Every active strategy in tree order (from the "nothing due" message)."""
        if self.strategy_id is not None:
            return
        plan = self.store.plan
        self.queue = [s.id for s in tree_order(plan) if s.status is StrategyStatus.ACTIVE]
        self.position = 0
        self.show_strategy()

    def action_leave(self) -> None:
        said = review.review_summary(list(self.picked.values())) if self.picked else None
        self.close(said)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            if self.strategy_id is None:
                return False
            return None if self.note.has_focus else True
        if action == "review_all":
            return self.strategy_id is None
        return True
