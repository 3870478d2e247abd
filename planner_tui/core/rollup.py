"""How far along each strategy is: its tactics done / counted / open, summed over
its subtree, and which tactics are its own.

One pass over the tactics' stored ``strategy`` and ``status`` fields (building
no tactic object, see core/lazy_table.py). It is the one answer to "how far
along is it" (`Plan.progress`, the tree, the detail pane, reviews, `planner
list`, exports, key results' standings) and to "is it only a wish"; the plan
keeps it until a change to its tactics or strategies (`Plan.rollup`, `INDEX_TABLES`).
It lives apart from the plan so that the plan can hold one without the two modules
importing each other.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Protocol

from planner_tui.core.lazy_table import LazyTable
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus


class Progress(NamedTuple):
    """Done tactics out of the ones that count (dropped ones do not), like org-mode's [2/5]."""

    done: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def cookie(self) -> str:
        return f"{self.done}/{self.total}"

    @property
    def counts(self) -> bool:
        """Is there anything to measure progress by?"""
        return self.total > 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)


class Tree(Protocol):
    """What a roll-up reads of a plan (core/plan.py `Plan`)."""

    tactics: LazyTable[Tactic]
    strategies: Mapping[int, Strategy]

    def tree_order(self) -> list[Strategy]: ...

    def descendants(self, strategy_id: int) -> list[int]: ...


class Rollup:
    """Done / counted / open tactics per strategy, summed over its subtree, and each
    strategy's own tactic ids (in the file's order)."""

    def __init__(self, plan: Tree):
        self.plan = plan
        done: dict[int, int] = {}
        total: dict[int, int] = {}
        opened: dict[int, int] = {}
        own: dict[int, list[int]] = {}
        DONE, DROPPED = TacticStatus.DONE.value, TacticStatus.DROPPED.value
        # From the stored fields: counting builds no tactic object (see LazyTable).
        for tactic_id, sid, status in plan.tactics.stored("strategy", "status"):
            own.setdefault(sid, []).append(tactic_id)
            if status == DROPPED:
                continue
            total[sid] = total.get(sid, 0) + 1
            if status == DONE:
                done[sid] = done.get(sid, 0) + 1
            else:
                opened[sid] = opened.get(sid, 0) + 1
        for strategy in reversed(plan.tree_order()):  # children before their parents
            parent, sid = strategy.parent, strategy.id
            if parent in plan.strategies:
                for counts in (done, total, opened):
                    counts[parent] = counts.get(parent, 0) + counts.get(sid, 0)
        self._done, self._total, self._open, self._own = done, total, opened, own

    def tactic_ids_of(self, strategy_id: int, deep: bool = False) -> list[int]:
        """The ids of `Plan.tactics_of`, unordered (callers sort by deadline anyway) and
        building no tactic, with no index of the whole plan after every change."""
        if not deep:
            return list(self._own.get(strategy_id, ()))
        return [t for sid in self.plan.descendants(strategy_id) for t in self._own.get(sid, ())]

    def progress(self, strategy_id: int) -> Progress:
        return Progress(self._done.get(strategy_id, 0), self._total.get(strategy_id, 0))

    def open_count(self, strategy_id: int) -> int:
        """Open (todo or doing) tactics in the strategy's subtree."""
        return self._open.get(strategy_id, 0)

    def is_wish(self, strategy_id: int) -> bool:
        """Active, with no open tactic anywhere below it: only a wish."""
        strategy = self.plan.strategies[strategy_id]
        return strategy.status is StrategyStatus.ACTIVE and not self._open.get(strategy_id)
