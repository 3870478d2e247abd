"""Recording a key result's value: the `v` key on a strategy, and a value typed in a
field of the review or the check-in.

With several key results, `v` has the person pick one first (by typing part of
its title); then the value dialog (ui/dialogs/key_result_value.py) previews it
as it is typed. Either way the value is read by core (`value_typed`) and recorded
through the session, so `u` takes it back.
"""

from __future__ import annotations

from pendulum import DateTime
from rich.text import Text

from planner_tui.core import keyresult_actions
from planner_tui.core.conflicts import Edit
from planner_tui.core.errors import InputError
from planner_tui.core.file.changes import Change
from planner_tui.core.keyresults import reading, value_typed
from planner_tui.ui.dialogs.forms import heading
from planner_tui.ui.dialogs.key_result_value import ValueDialog
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.flows import Show
from planner_tui.ui.flows.editing import open_form
from planner_tui.ui.session import Done, Form, Session


async def record_value(session: Session, strategy_id: int, now: DateTime, show: Show) -> None:
    """Pick the key result (when there are several), then its value; shown on ``strategy_id``."""
    plan = session.plan
    strategy = plan.strategies[strategy_id]
    key_results = plan.key_results_of(strategy_id)
    if not key_results:
        session.tell("This strategy has no key results yet: planner kr add adds one.", severity="warning")
        return
    chosen = key_results[0]
    if len(key_results) > 1:
        choice = await session.app.push_screen_wait(StrategyPicker(
            heading("Record a value for", strategy.title) + Text(" of…"),
            [(key_result.id, key_result.title) for key_result in key_results]))
        if choice is None or choice.strategy_id is None:
            return
        chosen = session.plan.keyresults[choice.strategy_id]
    dialog = ValueDialog(reading(session.plan, chosen), strategy, now)

    def write(edit) -> Change:
        return keyresult_actions.record_value(session.store, chosen.id, edit.typed["value"],
                                              note=edit.typed["note"])

    open_form(session, dialog, lambda form: {"value": form.value, "note": form.note}, write,
              lambda change: show(change, strategy=strategy_id))


def record_typed(session: Session, key_result_id: int, text: str, form: Form, done: Done) -> None:
    """A value typed in a field: read, then recorded; refused, ``form`` says why."""
    try:
        value = value_typed(keyresult_actions.key_result_in(session.plan, key_result_id), text).value
    except InputError as error:
        form.not_saved(str(error))
        return
    session.submit(Edit({"value": value}),
                   lambda edit: keyresult_actions.record_value(session.store, key_result_id, edit.typed["value"]),
                   form, done)
