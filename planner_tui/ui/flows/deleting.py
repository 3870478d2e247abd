"""Deleting from the main screen: asks first when a strategy has anything under it.

Reads top to bottom (`push_screen_wait`): the question closes before anything is
saved, so a failure has no dialog to stay open.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text

from planner_tui.core import actions
from planner_tui.core.file.changes import Change
from planner_tui.core.plan import Plan
from planner_tui.core.user_text import counted
from planner_tui.ui import render
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.flows import Show, Target
from planner_tui.ui.session import Session


async def delete(session: Session, target: Target, show: Show) -> None:
    plan, item = session.plan, target.id
    if target.kind == "tactic":
        _delete(session, plan.tactics[item].title, lambda: actions.delete_tactic(session.store, item), show)
        return
    title, neighbour = plan.strategies[item].title, _neighbour(plan, item)
    subs, tactics = len(plan.descendants(item)) - 1, len(plan.tactics_of(item, deep=True))
    if (subs or tactics) and not await session.app.push_screen_wait(ConfirmDialog(_question(title, subs, tactics))):
        return
    _delete(session, title, lambda: actions.delete_strategy(session.store, item), show, neighbour)


def _delete(session: Session, title: str, make: Callable[[], Change], show: Show, strategy: int | None = None) -> None:
    def deleted(change: Change) -> None:
        show(change, strategy=strategy)
        session.tell(f"Deleted {title}. Press u to undo.")

    session.change(f"delete {title!r}", make, deleted)


def _question(title: str, subs: int, tactics: int) -> Text:
    """`Delete **Goal** with its 2 sub-strategies and 5 tactics?` (the title literally)."""
    question = Text("Delete ")
    question.append_text(render.literal(title, "bold"))
    question.append(f" with its {counted(subs, 'sub-strategy', 'sub-strategies')} "
                    f"and {counted(tactics, 'tactic', 'tactics')}?")
    return question


def _neighbour(plan: Plan, strategy_id: int) -> int | None:
    """Where the cursor goes after a delete: next sibling, previous one, or the parent."""
    parent = plan.strategies[strategy_id].parent
    siblings = [s.id for s in plan.children(parent)]
    index = siblings.index(strategy_id)
    rest = siblings[index + 1:] + siblings[:index][::-1]
    return rest[0] if rest else parent
