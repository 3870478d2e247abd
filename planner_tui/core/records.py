"""Plain-dict views of strategies and tactics, for `--json` and other tools.

The shape is a contract (scripts read it): ids as people type them (`t42`,
`s3`), dates in ISO form or null, urgency as a word.
"""

from __future__ import annotations

from typing import Any, Iterator

import pendulum

from planner_tui.core.dates import to_iso, urgency
from planner_tui.core.model import Strategy, Tactic
from planner_tui.core.plan import Plan


def tactic_record(plan: Plan, tactic: Tactic, now: pendulum.DateTime) -> dict[str, Any]:
    strategy = plan.strategies.get(tactic.strategy)
    return {
        "kind": "tactic",
        "id": tactic.key,
        "title": tactic.title,
        "strategy": strategy.key if strategy else None,
        "strategy_title": strategy.title if strategy else None,
        "status": tactic.status.value,
        "due": to_iso(tactic.due),
        "urgency": urgency(tactic.due, now).value,
        "notes": tactic.notes,
        "repeat": tactic.repeat,
    }


def strategy_record(plan: Plan, strategy: Strategy, now: pendulum.DateTime) -> dict[str, Any]:
    parent = plan.strategies.get(strategy.parent) if strategy.parent else None
    progress = plan.progress(strategy.id)
    return {
        "kind": "strategy",
        "id": strategy.key,
        "title": strategy.title,
        "strategy": parent.key if parent else None,
        "strategy_title": parent.title if parent else None,
        "status": strategy.status.value,
        "due": to_iso(strategy.horizon),
        "urgency": urgency(strategy.horizon, now).value,
        "why": strategy.why,
        "depth": plan.depth(strategy.id),
        "done": progress.done,
        "total": progress.total,
    }


def tree_order(plan: Plan) -> list[Strategy]:
    """Every strategy, depth first, siblings in their order."""
    return [strategy for strategy, _ in tree_walk(plan)]


def tree_walk(plan: Plan) -> Iterator[tuple[Strategy, int]]:
    """`tree_order` with each strategy's depth (0 at the top level): a loop, not
    recursion, so a deep tree costs no more than a wide one."""
    stack = [(root, 0) for root in reversed(plan.roots())]
    while stack:
        strategy, depth = stack.pop()
        yield strategy, depth
        stack.extend((child, depth + 1) for child in reversed(plan.children(strategy.id)))
