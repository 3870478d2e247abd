"""Moving from the main screen: under another strategy (m), among siblings (K, J).

`move` picks the new place in a dialog (dialogs/picker.py) and reads top to
bottom: the picker closes before anything is saved, so a failure has no dialog
to stay open (the session keeps and retries it like any key's change).
"""

from __future__ import annotations

from rich.text import Text

from planner_tui.core import actions
from planner_tui.core.views import move_targets, strategy_path
from planner_tui.ui.dialogs.forms import heading
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.flows import Show, Target
from planner_tui.ui.session import Session

async def move(session: Session, target: Target, show: Show) -> None:
    """A tactic to another strategy, or a strategy under another one (or to the top level)."""
    plan, item = session.plan, target.id
    if target.kind == "tactic":
        tactic = plan.tactics[item]
        places = [(s.id, strategy_path(plan, s.id)) for s in move_targets(plan) if s.id != tactic.strategy]
        choice = await session.app.push_screen_wait(
            StrategyPicker(heading("Move tactic", tactic.title) + Text(" to…"), places))
        if choice is None or choice.strategy_id is None:
            return
        to = choice.strategy_id

        def moved(change) -> None:
            show(change)
            session.tell(f"Moved to {session.plan.strategies[to].title}. Press u to undo.")

        session.change("move tactic", lambda: actions.move_tactic(session.store, item, to), moved)
    else:
        strategy = plan.strategies[item]
        places = [(s.id, strategy_path(plan, s.id)) for s in move_targets(plan, item)]
        choice = await session.app.push_screen_wait(
            StrategyPicker(heading("Move strategy", strategy.title) + Text(" under…"), places,
                           top_level=strategy.parent is not None))
        if choice is not None:
            session.change("move strategy", lambda: actions.move_strategy(session.store, item, choice.strategy_id),
                           lambda change: show(change, strategy=item))


def reorder(session: Session, target: Target, offset: int, show: Show) -> None:
    """One place up (``offset`` -1) or down (1) among its siblings as the list shows
    them; when that would show no move (first, last, another deadline), says why."""
    item = target.id
    why_not = actions.why_not_reordered(session.plan, target.kind, item, offset)
    if why_not:
        session.tell(why_not, timeout=4)
    elif target.kind == "tactic":
        session.change("reorder", lambda: actions.reorder_tactic(session.store, item, offset),
                       lambda change: show(change, tactic=item))
    else:
        session.change("reorder", lambda: actions.reorder_strategy(session.store, item, offset),
                       lambda change: show(change, strategy=item))
