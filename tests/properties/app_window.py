"""One app window, without the terminal: the core calls its screens make, on what it shows.

Each method does what a key or a dialog of the app does (ui/screens/plan_actions.py,
plan_edits.py, checkin.py, review.py), with the item chosen from the plan as this
window last read it: a window catches up with other writers only when it polls
(`store.refresh()`) or commits, so its choices can be stale, as a person's are
between two polls. A dialog's form starts from that plan too, and a save sends
what the form holds over what it opened with (`Edit`, core/conflicts.py). When
a field was changed elsewhere too, the window answers the conflict dialog as
``choice`` says: keep mine, take theirs, or cancel.

Keep in step with the screens: when one changes what it sends to core, change the
method here (tests/ui/test_contract_keys.py drives the real screens).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Callable

from planner_tui.core import actions, checkin, review
from planner_tui.core.file.changes import Change
from planner_tui.core.checkin import STATUS_OF, Decision
from planner_tui.core.conflicts import Conflict, Edit
from planner_tui.core.dates import When, as_day, parse_when
from planner_tui.core.day import Day
from planner_tui.core.errors import InputError
from planner_tui.core.history import History
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.core.review import parse_cadence
from planner_tui.core.views import move_targets
from planner_tui.ui.dialogs.forms import StrategyForm, TacticForm

TACTIC_STATUS = {"done": TacticStatus.DONE, "start": TacticStatus.DOING, "drop": TacticStatus.DROPPED}
STRATEGY_STATUS = {"done": StrategyStatus.ACHIEVED, "start": StrategyStatus.ACTIVE,
                   "drop": StrategyStatus.DROPPED}
CHOICES = ("mine", "theirs", "cancel")


def pick(ids, index: int) -> int:
    """The index-th of ``ids`` (wrapping); for -1 an id that does not exist."""
    ids = sorted(ids)
    if index < 0 or not ids:
        return (max(ids) if ids else 0) + 1000
    return ids[index % len(ids)]


class Window:
    """A store and an undo history, like one running app."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.history = History(store)
        self.choice = "cancel"  # the answer to a conflict dialog

    @property
    def plan(self):
        return self.store.plan

    def when(self, text: str | None) -> When | None:
        """A date field: empty is none, else `parse_when` (a `DateError` is an InputError)."""
        if text is None or not text.strip():
            return None
        return parse_when(text, self.store.clock())

    def horizon(self, text: str | None) -> When | None:
        """The strategy dialogs keep the (local) day of a typed date and time."""
        return as_day(self.when(text), self.store.clock())

    def save(self, edit: Edit, write: Callable[[Edit], Change], always: bool = False) -> Change:
        """Write an edit (when anything was typed, unless ``always``); a conflict is
        answered as ``choice`` says (cancel: refused)."""
        try:
            return self.history.record(write(edit) if edit.typed or always else Change("nothing typed"))
        except Conflict as conflict:
            if self.choice == "cancel":
                raise
            chosen = edit.keep_mine(conflict) if self.choice == "mine" else edit.take_theirs(conflict)
            return self.history.record(write(chosen) if chosen.typed or always else Change("took theirs"))

    def _tactic(self, at: int) -> int:
        """The highlighted tactic: one the window shows (keys need one)."""
        if not self.plan.tactics:
            raise InputError("no tactic highlighted")
        return pick(self.plan.tactics, max(at, 0))

    def _strategy(self, at: int) -> int:
        if not self.plan.strategies:
            raise InputError("no strategy highlighted")
        return pick(self.plan.strategies, max(at, 0))

    # -- the plan screen's dialogs ------------------------------------------------------------------

    def add_strategy(self, title: str, where: str, at: int, horizon: str | None, why: str,
                     cadence: str | None) -> Change:
        """s (a sibling of the highlighted one), S (a child), or the first strategy."""
        current = pick(self.plan.strategies, at) if self.plan.strategies else None
        parent = None
        if where == "sibling" and current in self.plan.strategies:
            parent = self.plan.strategies[current].parent
        elif where == "child":
            parent = current
        form = StrategyForm(title, why, self.horizon(horizon), parse_cadence(cadence or ""))
        return self.save(Edit(asdict(form)), lambda edit: actions.add_strategy(self.store, parent=parent, **edit.typed))

    def add_tactic(self, at: int, title: str, due: str | None, notes: str, repeat: str | None) -> Change:
        sid = pick(self.plan.strategies, at)
        form = TacticForm(title, self.when(due), notes, repeat or "")
        return self.save(Edit(asdict(form)), lambda edit: actions.add_tactic(self.store, strategy=sid, **edit.typed))

    def edit_tactic(self, at: int, title: str | None, due: str | None, notes: str | None,
                    repeat: str | None) -> Change:
        """e on a tactic: the form as the window shows it, the typed fields changed."""
        item = self._tactic(at)
        tactic = self.plan.tactics[item]
        form = TacticForm(tactic.title, tactic.due, tactic.notes, tactic.repeat or "")
        if title is not None:
            form.title = title
        if due is not None:
            form.due = self.when(due)
        if notes is not None:
            form.notes = notes
        if repeat is not None:
            form.repeat = repeat
        return self.save(Edit(asdict(form), actions.editable(tactic)),
                         lambda edit: actions.edit_tactic(self.store, item, expected=edit.started, **edit.typed))

    def edit_strategy(self, at: int, title: str | None, why: str | None, horizon: str | None,
                      cadence: str | None) -> Change:
        item = self._strategy(at)
        strategy = self.plan.strategies[item]
        form = StrategyForm(strategy.title, strategy.why, strategy.horizon, strategy.review_every)
        if title is not None:
            form.title = title
        if why is not None:
            form.why = why
        if horizon is not None:
            form.horizon = self.horizon(horizon)
        if cadence is not None:
            form.review_every = parse_cadence(cadence)
        return self.save(Edit(asdict(form), actions.editable(strategy)), self._edit_strategy(item))

    def _edit_strategy(self, item: int) -> Callable[[Edit], Change]:
        return lambda edit: actions.edit_strategy(self.store, item, expected=edit.started, **edit.typed)

    def deadline(self, kind: str, at: int, when: str) -> Change:
        """d: a tactic's deadline, or a strategy's horizon (a day)."""
        if kind == "tactic":
            item = self._tactic(at)
            return self.save(Edit({"due": self.when(when)}, {"due": self.plan.tactics[item].due}),
                             lambda edit: actions.edit_tactic(self.store, item, expected=edit.started, **edit.typed))
        item = self._strategy(at)
        return self.save(Edit({"horizon": self.horizon(when)}, {"horizon": self.plan.strategies[item].horizon}),
                         self._edit_strategy(item))

    def move(self, kind: str, at: int, to: int | None) -> Change:
        """m, then a pick from the targets the picker lists (None: the top level)."""
        if kind == "tactic":
            item = self._tactic(at)
            current = self.plan.tactics[item].strategy
            targets = [s.id for s in move_targets(self.plan) if s.id != current]
            if to is None or not targets:
                raise InputError("nothing picked")
            return self.history.record(actions.move_tactic(self.store, item, pick(targets, to)))
        item = self._strategy(at)
        targets = [s.id for s in move_targets(self.plan, item)]
        target = pick(targets, to) if to is not None and targets else None
        return self.history.record(actions.move_strategy(self.store, item, target))

    def delete(self, kind: str, at: int) -> Change:
        """D (and yes, when a strategy has anything under it)."""
        if kind == "tactic":
            return self.history.record(actions.delete_tactic(self.store, self._tactic(at)))
        return self.history.record(actions.delete_strategy(self.store, self._strategy(at)))

    # -- the plan screen's keys ----------------------------------------------------------------------

    def status(self, kind: str, at: int, key: str) -> Change:
        """x, i, X: the status; the same key again reopens (decided from the status shown)."""
        if kind == "tactic":
            item = self._tactic(at)
            shown, wanted = self.plan.tactics[item].status, TACTIC_STATUS[key]
            status = TacticStatus.TODO if shown is wanted else wanted
            return self.save(Edit({"status": status}, {"status": shown}),
                             lambda edit: actions.set_status(self.store, [item], edit.typed["status"],
                                                             expected=edit.started))
        item = self._strategy(at)
        shown, wanted = self.plan.strategies[item].status, STRATEGY_STATUS[key]
        status = StrategyStatus.ACTIVE if shown is wanted else wanted
        return self.save(Edit({"status": status}, {"status": shown}), self._edit_strategy(item))

    def push(self, at: int, days: int) -> Change:
        return self.history.record(actions.push(self.store, [self._tactic(at)], days))

    def reorder(self, kind: str, at: int, offset: int) -> Change:
        if kind == "tactic":
            return self.history.record(actions.reorder_tactic(self.store, self._tactic(at), offset))
        return self.history.record(actions.reorder_strategy(self.store, self._strategy(at), offset))

    # -- the check-in and the review ---------------------------------------------------------------------

    def decide(self, at: int, decision: str, when: str) -> Change:
        """A decision key on a row of the check-in (r: with a typed deadline), from the row as shown."""
        rows = [t for _, items in checkin.groups(self.plan, Day(self.store.clock())) for t in items]
        if not rows:
            raise InputError("nothing to check in")
        tactic = rows[max(at, 0) % len(rows)]
        chosen = Decision(decision)
        new_due = self.when(when) if chosen is Decision.RESCHEDULE else None
        typed = ({"due": new_due} if chosen is Decision.RESCHEDULE else
                 {"status": STATUS_OF[chosen]} if chosen in STATUS_OF else {})
        day = self.store.clock().date()
        write = lambda edit: checkin.decide(self.store, day, tactic.id, chosen, new_due,  # noqa: E731
                                            expected=edit.started)
        edit = Edit(typed, {"status": tactic.status, "due": tactic.due})
        try:  # the first time a decision writes even when nothing is typed (skip, push): the record
            return self.history.record(write(edit))
        except Conflict:
            if self.choice == "cancel":
                raise
            return self.save(edit, write)

    def finish_checkin(self, note: str | None) -> Change:
        """Enter on the note: the note as typed over the note the field opened with."""
        day = self.store.clock().date()
        record = self.plan.checkin_on(day)
        typed = {} if note is None else {"note": note}
        return self.save(Edit(typed, {"note": record.note if record else ""}),
                         lambda edit: checkin.finish(self.store, day, edit.typed.get("note"), expected=edit.started),
                         always=True)

    def review(self, at: int, health: str, note: str) -> Change:
        """A health key, then the note, for a strategy as the review screen shows it."""
        sid = self._strategy(at)
        today = review.facts(self.plan, sid, self.store.clock()).today if sid in self.plan.strategies else None
        return self.save(Edit({"note": note}, {"note": today.note if today else ""}),
                         lambda edit: review.record_review(self.store, sid, health, edit.typed.get("note"),
                                                           expected=edit.started),
                         always=True)
