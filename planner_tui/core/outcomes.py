"""A strategy's progress where key results measure outcomes, rolled up through the tree.

Tactics done out of tactics counted measures the to-do list; key results measure
the outcome. The rule, one for every reader (the tree, `planner list`, the
exports, reviews, digests, the burn-up):

- A strategy with **key results of its own** takes its progress from them:
  their average (core/keyresults.py). What is below it serves that outcome and
  does not change how far the outcome has come.
- A strategy **without** takes it from its tactics and sub-strategies. When no
  key result is anywhere below it, that is as it always was: tactics done out of
  tactics counted, over its whole subtree. When key results measure something
  below it, its parts count equally instead: each sub-strategy with anything to
  measure by, and its own tactics as one part (a count of tactics cannot weigh
  against an outcome).

The tree's cookie (`2/5`) keeps its meaning whatever the bar says: tactics done
out of tactics counted in the subtree (``StrategyProgress.tactics``).

"As of a day" reads the plan as it was then, as far as the file knows it:
tactics created by then (dropped ones never count: the file keeps no date of a
drop), done by then (``done_at``), and each key result's latest value by then.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import local_date
from planner_tui.core.keyresults import outcome, readings
from planner_tui.core.model import Tactic, TacticStatus
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress
from planner_tui.core.rollup import Rollup

EPSILON = 1e-9


class StrategyProgress(NamedTuple):
    """``ratio`` (0..1) is the progress shown; ``tactics`` the subtree's tactics done out of
    counted (the cookie); ``measured``: key results decided some of the ratio."""

    tactics: Progress = Progress()
    ratio: float = 0.0
    measured: bool = False

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)

    @property
    def complete(self) -> bool:
        return self.ratio >= 1 - EPSILON

    @property
    def cookie(self) -> str:
        """The tactics' `2/5`, whatever decided the ratio."""
        return self.tactics.cookie

    @property
    def counts(self) -> bool:
        """Has it anything to measure by (key results, or tactics counted)?"""
        return self.measured or self.tactics.total > 0


def roll_up(plan: Plan, own_tactics: dict[int, Progress], own_outcomes: dict[int, float],
            strategy_ids: Iterable[int] | None = None) -> dict[int, StrategyProgress]:
    """Each strategy's progress (the rule above) from what it holds itself: its own tactics
    done/counted and its own key results' average. ``strategy_ids``: a subtree in
    the tree's order, parents first (default: the whole tree)."""
    order = list(strategy_ids) if strategy_ids is not None else [s.id for s in plan.tree_order()]
    rolled: dict[int, StrategyProgress] = {}
    for sid in reversed(order):
        own = own_tactics.get(sid, Progress())
        below = [rolled[child.id] for child in plan.children(sid) if child.id in rolled]
        tactics = sum((part.tactics for part in below), own)
        if sid in own_outcomes:
            rolled[sid] = StrategyProgress(tactics, own_outcomes[sid], True)
        elif not any(part.measured for part in below):
            rolled[sid] = StrategyProgress(tactics, tactics.ratio, False)
        else:
            parts = [part.ratio for part in below if part.counts] + ([own.ratio] if own.total else [])
            rolled[sid] = StrategyProgress(tactics, sum(parts) / len(parts), True)
    return rolled


def standings(plan: Plan, rollup: Rollup | None = None) -> dict[int, StrategyProgress]:
    """Every strategy's progress now. ``rollup``: the plan's, when the caller has one."""
    rollup = rollup or plan.rollup()
    return roll_up(plan, own_counts(plan, rollup), own_outcomes(plan))


def own_counts(plan: Plan, rollup: Rollup) -> dict[int, Progress]:
    """Each strategy's own tactics done/counted: its subtree's less its sub-strategies'."""
    own = {}
    for sid in plan.strategies:
        below = sum((rollup.progress(child.id) for child in plan.children(sid)), Progress())
        whole = rollup.progress(sid)
        own[sid] = Progress(whole.done - below.done, whole.total - below.total)
    return own


def own_outcomes(plan: Plan, day: Date | None = None) -> dict[int, float]:
    """The average progress of each strategy's own key results (as of ``day``), for those that have some."""
    found = {}
    for sid in plan.strategies:
        average = outcome(readings(plan, sid, day))
        if average is not None:
            found[sid] = average
    return found


def standings_on(plan: Plan, day: Date, now: DateTime) -> dict[int, StrategyProgress]:
    """Every strategy's progress as of the end of ``day`` (local dates in ``now``'s zone)."""
    return roll_up(plan, counts_on(plan, day, now), own_outcomes(plan, day))


def counts_on(plan: Plan, day: Date, now: DateTime) -> dict[int, Progress]:
    """Own tactics done/counted per strategy as of the end of ``day``."""
    own: dict[int, Progress] = {}
    for tactic in plan.tactics.values():
        created, done = tactic_days(tactic, now)
        if tactic.status is TacticStatus.DROPPED or (created is not None and created > day):
            continue
        finished = done is not None and done <= day
        own[tactic.strategy] = own.get(tactic.strategy, Progress()) + Progress(int(finished), 1)
    return own


def tactic_days(tactic: Tactic, now: DateTime) -> tuple[Date | None, Date | None]:
    """The local days a tactic was created and done (None: not known, not done)."""
    created = local_date(tactic.created, now) if tactic.created is not None else None
    done = (local_date(tactic.done_at, now) if tactic.status is TacticStatus.DONE and tactic.done_at is not None
            else None)
    return created, done
