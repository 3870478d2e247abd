"""A burn-up of one strategy: its progress over time against the line it should follow.

The data behind a chart (the app draws it with a terminal plotting library):

- ``actual``: the strategy's progress (core/outcomes.py, the same rule as the tree's
  bar) on each day it changed, from the day it started to today: a value of a key
  result, a tactic made (the count grows) or done, anywhere in its subtree. Read as
  "as of a day" is read (core/outcomes.py): dropped tactics never count.
- ``expected``: the straight line the pace is judged against (core/outcome_pace.py):
  from each key result's start to its target at the horizon (their average, which
  bends where a later one starts), or, judged by tactics, from the day the strategy
  was made to all done at the horizon. Empty without a horizon or a start.
- ``today``, to mark.

One sweep over the subtree's dated events, rolling up only the subtree's
strategies on each day: the cost is days × strategies of the subtree, not days ×
tactics.
"""

from __future__ import annotations

from typing import NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import local_date
from planner_tui.core.keyresults import progress_of, started, values_of
from planner_tui.core.outcome_pace import BY_BOTH, BY_KEY_RESULTS
from planner_tui.core.outcomes import roll_up, standings, tactic_days
from planner_tui.core.model import TacticStatus
from planner_tui.core.pace import elapsed_share
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress

Point = tuple[Date, float]
ALWAYS = Date(1, 1, 1)  # when a tactic with no creation date (a hand-written file) started counting


class Burnup(NamedTuple):
    actual: list[Point]
    expected: list[Point]
    today: Date
    horizon: Date | None
    measured_by: str


def burnup(plan: Plan, strategy_id: int, now: DateTime) -> Burnup:
    """The burn-up of ``strategy_id`` as of ``now`` (see the module docstring)."""
    strategy = plan.strategies[strategy_id]
    own_krs = plan.key_results_of(strategy_id)
    measured_by = (BY_KEY_RESULTS if own_krs else BY_BOTH if standings(plan)[strategy_id].measured
                   else "tactics")
    return Burnup(_actual(plan, strategy_id, now), _expected(plan, strategy_id, now), now.date(), strategy.horizon,
                  measured_by)


def _actual(plan: Plan, strategy_id: int, now: DateTime) -> list[Point]:
    """The progress on the first day, each day something in the subtree changed, and today."""
    sids = plan.descendants(strategy_id)
    today = now.date()
    changes: dict[Date, list[tuple[int, Progress]]] = {}  # day -> (strategy, done/counted to add)
    for sid in sids:
        for tactic in plan.tactics_of(sid):
            if tactic.status is TacticStatus.DROPPED:
                continue
            made, done = tactic_days(tactic, now)
            changes.setdefault(made or ALWAYS, []).append((sid, Progress(0, 1)))
            if done is not None:
                changes.setdefault(done, []).append((sid, Progress(1, 0)))
    values = {kr.id: (sid, kr, {v.date: v.value for v in values_of(plan, kr.id)})
              for sid in sids for kr in plan.key_results_of(sid)}
    dated = {day for day in changes if day != ALWAYS} | {day for *_, by_day in values.values() for day in by_day}
    first = min(dated | {_start(plan, strategy_id, now)})
    days = sorted(day for day in dated | {first, today} if first <= day <= today)
    events = sorted(changes.items())
    own: dict[int, Progress] = {}
    latest: dict[int, float] = {}
    points, applied = [], 0
    for day in days:
        while applied < len(events) and events[applied][0] <= day:
            for sid, added in events[applied][1]:
                own[sid] = own.get(sid, Progress()) + added
            applied += 1
        for kr_id, (_, _, by_day) in values.items():
            if day in by_day:
                latest[kr_id] = by_day[day]
        points.append((day, roll_up(plan, own, _outcomes(values, latest), sids)[strategy_id].ratio))
    return points


def _outcomes(values: dict, latest: dict[int, float]) -> dict[int, float]:
    """Each strategy's key results' average progress, from their latest values so far (none yet: the start)."""
    found: dict[int, list[float]] = {}
    for kr_id, (sid, kr, _) in values.items():
        found.setdefault(sid, []).append(progress_of(kr, latest.get(kr_id, kr.start)))
    return {sid: sum(shares) / len(shares) for sid, shares in found.items()}


def _start(plan: Plan, strategy_id: int, now: DateTime) -> Date:
    """The day the line starts: its key results' earliest start, else the day it was made (else today)."""
    starts = [day for kr in plan.key_results_of(strategy_id) if (day := started(kr, now)) is not None]
    if starts:
        return min(starts)
    created = plan.strategies[strategy_id].created
    return local_date(created, now) if created is not None else now.date()


def _expected(plan: Plan, strategy_id: int, now: DateTime) -> list[Point]:
    """The line the pace is judged against, as points from its start to the horizon."""
    strategy = plan.strategies[strategy_id]
    horizon = strategy.horizon
    if horizon is None:
        return []
    krs = plan.key_results_of(strategy_id)
    if krs:
        starts = [started(kr, now) for kr in krs]
        if None in starts:
            return []
        days = sorted(set(starts) | {horizon})
        return [(day, sum(elapsed_share(start, horizon, day) for start in starts) / len(starts)) for day in days]
    if strategy.created is None:
        return []
    return [(local_date(strategy.created, now), 0.0), (horizon, 1.0)]

