"""What x, i and X mean on the main screen: done, start, drop; the same key again reopens.

What a key means is decided from the status the screen shows, and sent as a
change from it (core/conflicts.py): done on a tactic done elsewhere meanwhile
stays done; done on one dropped elsewhere is asked about. Achieving or dropping
a strategy with open tactics below it asks first (one key: y): a stray `x` in
the tree closed a five-year goal with its work still open.
"""

from __future__ import annotations

from rich.text import Text

from planner_tui.core import actions
from planner_tui.core.conflicts import Edit
from planner_tui.core.file.changes import Change
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.user_text import counted
from planner_tui.ui import render
from planner_tui.ui.flows import Show, Target, ask_first
from planner_tui.ui.session import Session

STRATEGY_STATUS = {"done": StrategyStatus.ACHIEVED, "start": StrategyStatus.ACTIVE,
                   "drop": StrategyStatus.DROPPED}
TACTIC_STATUS = {"done": TacticStatus.DONE, "start": TacticStatus.DOING, "drop": TacticStatus.DROPPED}


def toggle(session: Session, target: Target, key: str, show: Show) -> None:
    """``key`` ("done", "start", "drop"): set that status, or reopen when it is the one shown."""
    plan, item = session.plan, target.id
    if target.kind == "tactic":
        shown, wanted = plan.tactics[item].status, TACTIC_STATUS[key]
        status = actions.reopened(plan.tactics[item]) if shown is wanted else wanted

        def done(change: Change) -> None:
            show(change, tactic=item)
            if change.new_ids:
                session.tell("Repeats: the next one is on the list.")

        session.change_fields(f"{status.value} {plan.tactics[item].title!r}",
                              Edit({"status": status}, {"status": shown}),
                              lambda edit: actions.set_status(session.store, [item], edit.typed["status"],
                                                              expected=edit.started), done)
    else:
        shown, wanted = plan.strategies[item].status, STRATEGY_STATUS[key]
        status = StrategyStatus.ACTIVE if shown is wanted else wanted

        def change() -> None:
            session.change_fields(f"{status.value} {plan.strategies[item].title!r}",
                                  Edit({"status": status}, {"status": shown}),
                                  lambda edit: actions.edit_strategy(session.store, item, expected=edit.started,
                                                                     **edit.typed),
                                  lambda change: show(change, strategy=item))

        still_open = plan.rollup().open_count(item) if status is not StrategyStatus.ACTIVE else 0
        if still_open:
            ask_first(session, _question(status, plan.strategies[item].title, still_open),
                      VERBS[status].capitalize(), change)
        else:
            change()


VERBS = {StrategyStatus.ACHIEVED: "achieve", StrategyStatus.DROPPED: "drop"}


def _question(status: StrategyStatus, title: str, still_open: int) -> Text:
    """`Achieve **Goal** with 3 tactics still open below it?` (the title literally)."""
    question = Text(f"{VERBS[status].capitalize()} ")
    question.append_text(render.literal(title, "bold"))
    question.append(f" with {counted(still_open, 'tactic', 'tactics')} still open below it? "
                    "They stay as they are.")
    return question
