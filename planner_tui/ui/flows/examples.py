"""The three example plans (a student, a founder, a company), from `E` or the welcome.

Into a plan that already holds strategies they are added only once the person
says so (one key: y): `E` pressed by mistake filled a real plan with three others.
"""

from __future__ import annotations

from rich.text import Text

from planner_tui.core.examples import add_demo
from planner_tui.core.file.changes import Change
from planner_tui.core.user_text import counted
from planner_tui.ui.flows import Show, ask_first
from planner_tui.ui.session import Session


def load_examples(session: Session, show: Show) -> None:
    def loaded(change: Change) -> None:
        show(change, strategy=session.plan.roots()[0].id)
        session.tell("Loaded the three example plans. Press u to undo.")

    def load() -> None:
        session.change("load the examples", lambda: add_demo(session.store), loaded)

    held = len(session.plan.strategies)
    if held:
        ask_first(session, Text(f"Add the three example plans (a student, a founder, a company) to this plan "
                                f"of {counted(held, 'strategy', 'strategies')}? u takes them out again."),
                  "Add them", load)
    else:
        load()
