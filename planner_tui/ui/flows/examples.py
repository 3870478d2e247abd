"""The three example plans (a student, a founder, a company), from `E` or the welcome."""

from __future__ import annotations

from planner_tui.core.examples import add_demo
from planner_tui.core.file.changes import Change
from planner_tui.ui.flows import Show
from planner_tui.ui.session import Session


def load_examples(session: Session, show: Show) -> None:
    def loaded(change: Change) -> None:
        show(change, strategy=session.plan.roots()[0].id)
        session.tell("Loaded the three example plans. Press u to undo.")

    session.change("load the examples", lambda: add_demo(session.store), loaded)
