"""Adding and editing from the main screen: forms that stay open until saved.

Each opens a dialog (dialogs/forms.py) with what is there so far. Enter submits
the form through the session (ui/session.py), which saves what the person
changed from what the dialog opened with; saved, the screen shows the change and
the dialog closes. Refused, failed, or changed elsewhere meanwhile, the dialog
stays open with everything typed and says why, so Enter tries again: that is why
these flows are callbacks, not a linear `push_screen_wait`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Callable

from pendulum import DateTime

from planner_tui.core import actions
from planner_tui.core.conflicts import Edit
from planner_tui.core.dates import as_day
from planner_tui.core.file.changes import Change
from planner_tui.ui.dialogs.forms import (DeadlineDialog, FormDialog, StrategyDialog, StrategyForm, TacticDialog,
                                          TacticForm, heading)
from planner_tui.ui.flows import Show, Target
from planner_tui.ui.session import Session


def add_tactic(session: Session, strategy_id: int, now: DateTime, show: Show) -> None:
    strategy = session.plan.strategies[strategy_id]
    dialog = TacticDialog(heading("New tactic for", strategy.title), now, horizon=strategy.horizon)
    open_form(session, dialog, asdict,
              lambda edit: actions.add_tactic(session.store, strategy=strategy_id, **edit.typed),
              lambda change: show(change, tactic=change.new_ids[0]))


def add_strategy(session: Session, parent: int | None, now: DateTime, review_every: int | None,
                 show: Show) -> None:
    """A strategy under ``parent`` (None: top level), its review cadence the settings' default."""
    plan = session.plan
    title = heading("New sub-strategy of", plan.strategies[parent].title) if parent else heading("New strategy")
    dialog = StrategyDialog(title, now, StrategyForm(review_every=review_every))
    open_form(session, dialog, asdict, lambda edit: actions.add_strategy(session.store, parent=parent, **edit.typed),
              lambda change: show(change, strategy=change.new_ids[0]))


def edit(session: Session, target: Target, now: DateTime, show: Show) -> None:
    """Every field a person edits of the tactic or strategy."""
    plan, item = session.plan, target.id
    if target.kind == "tactic":
        tactic = plan.tactics[item]
        owner = plan.strategies.get(tactic.strategy)
        dialog = TacticDialog(heading("Edit tactic", tactic.title), now,
                              TacticForm(tactic.title, tactic.due, tactic.notes, tactic.repeat or ""),
                              owner.horizon if owner else None, started=actions.editable(tactic))
        open_form(session, dialog, asdict, _writes(session, target), lambda change: show(change, tactic=item))
    else:
        strategy = plan.strategies[item]
        dialog = StrategyDialog(heading("Edit strategy", strategy.title), now,
                                StrategyForm(strategy.title, strategy.why, strategy.horizon, strategy.review_every),
                                started=actions.editable(strategy))
        open_form(session, dialog, asdict, _writes(session, target), lambda change: show(change, strategy=item))


def deadline(session: Session, target: Target, now: DateTime, show: Show) -> None:
    """A tactic's deadline, or a strategy's horizon (a day)."""
    plan, item = session.plan, target.id
    if target.kind == "tactic":
        tactic = plan.tactics[item]
        owner = plan.strategies.get(tactic.strategy)
        dialog = DeadlineDialog(heading("Deadline of", tactic.title), now, tactic.due,
                                owner.horizon if owner else None, started={"due": tactic.due})
        open_form(session, dialog, lambda form: {"due": form.when}, _writes(session, target),
                  lambda change: show(change, tactic=item))
    else:
        strategy = plan.strategies[item]
        dialog = DeadlineDialog(heading("Horizon of", strategy.title), now, strategy.horizon,
                                empty="no horizon", day_only=True, started={"horizon": strategy.horizon})
        open_form(session, dialog, lambda form: {"horizon": as_day(form.when, now)}, _writes(session, target),
                  lambda change: show(change, strategy=item))


def _writes(session: Session, target: Target) -> Callable[[Edit], Change]:
    """The edit of ``target``'s fields, from what the dialog opened with."""
    if target.kind == "tactic":
        return lambda edit: actions.edit_tactic(session.store, target.id, expected=edit.started, **edit.typed)
    return lambda edit: actions.edit_strategy(session.store, target.id, expected=edit.started, **edit.typed)


def open_form(session: Session, dialog: FormDialog, fields: Callable[[Any], dict[str, Any]],
              write: Callable[[Edit], Change], done: Callable[[Change], None]) -> None:
    """Push ``dialog``; each Enter submits ``fields(form)`` over what it opened with."""

    def saved(change: Change) -> None:
        done(change)
        dialog.saved()

    def submit(form: Any) -> None:
        session.submit(Edit(fields(form), dialog.started), write, dialog, saved)

    dialog.submit = submit
    session.app.push_screen(dialog)
