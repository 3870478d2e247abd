"""Pace from outcomes: is a key result (and the strategy it measures) moving fast enough?

Each key result's expected line runs straight from its start (its start value
on its start date) to its target on the strategy's horizon; by today it expects
the share of that way that the share of the time elapsed says. The verdict is
the review's one rule (core/review.py `judge_pace`): behind by more than a third
of the way expected is ``behind`` (at risk); a horizon passed short of the
target is ``passed`` (off track); the target reached is ``complete``. Edges:
no horizon (``no-horizon``: no line to be on), no start date known
(``no-start``), nothing measured yet (``no-values``: at risk only once a third
of the time has gone, as a strategy with no tactics).

A strategy with key results of its own is judged by them: their average progress
against their average expectation. One without is judged as before, by its
progress (core/outcomes.py: its tactics, or the equal parts of a subtree with
key results) against the time since it was created.
"""

from __future__ import annotations

from pendulum import Date, DateTime

from planner_tui.core.keyresults import Reading, readings, started
from planner_tui.core.model import Strategy
from planner_tui.core.outcomes import StrategyProgress, standings
from planner_tui.core.plan import Plan
from planner_tui.core.pace import ReviewPace, elapsed_share, expected_progress, judge_pace, review_pace

BY_KEY_RESULTS = "key results"
BY_BOTH = "key results and tactics"


def expected_share(reading: Reading, horizon: Date | None, now: DateTime) -> float | None:
    """The share of the way from start to target the straight line expects by today
    (None without a horizon or a start date)."""
    start = started(reading.key_result, now)
    if horizon is None or start is None:
        return None
    return elapsed_share(start, horizon, now.date())


def expected_value(reading: Reading, horizon: Date | None, now: DateTime) -> float | None:
    """The value the straight line expects by today (None: no line)."""
    share = expected_share(reading, horizon, now)
    if share is None:
        return None
    key_result = reading.key_result
    return key_result.start + share * (key_result.target - key_result.start)


def key_result_pace(reading: Reading, strategy: Strategy, now: DateTime) -> ReviewPace:
    """One key result against its straight line to its ``strategy``'s horizon (a paused
    strategy keeps no pace)."""
    horizon = strategy.horizon
    return judge_pace(reading.progress, expected_share(reading, horizon, now), horizon, now,
                      complete=reading.progress >= 1, nothing=None if reading.measured else "no-values",
                      measured_by=BY_KEY_RESULTS, paused=strategy.is_paused(now.date()))


def outcome_pace(found: list[Reading], strategy: Strategy, now: DateTime) -> ReviewPace:
    """A strategy's own key results (``found``, at least one) together: their average
    progress against their average expected share."""
    horizon = strategy.horizon
    shares = [expected_share(r, horizon, now) for r in found]
    expected = None if None in shares else sum(shares) / len(shares)
    actual = sum(r.progress for r in found) / len(found)
    return judge_pace(actual, expected, horizon, now, complete=all(r.progress >= 1 for r in found),
                      nothing=None if any(r.measured for r in found) else "no-values",
                      measured_by=BY_KEY_RESULTS, paused=strategy.is_paused(now.date()))


def strategy_pace(plan: Plan, strategy_id: int, now: DateTime,
                  progress: StrategyProgress | None = None) -> ReviewPace:
    """The pace the review judges a strategy by: its key results where it has some,
    else its progress (``progress``: its `standings` entry, when the caller has it)."""
    strategy = plan.strategies[strategy_id]
    found = readings(plan, strategy_id)
    if found:
        return outcome_pace(found, strategy, now)
    progress = progress or standings(plan)[strategy_id]
    if not progress.measured:
        return review_pace(strategy, progress.tactics, now)
    return _mixed_pace(strategy, progress, now)


def _mixed_pace(strategy: Strategy, progress: StrategyProgress, now: DateTime) -> ReviewPace:
    """A strategy without key results of its own, but with some below it: its equal parts'
    progress against the time since it was created."""
    return judge_pace(progress.ratio, expected_progress(strategy, now), strategy.horizon, now,
                      complete=progress.complete, measured_by=BY_BOTH, paused=strategy.is_paused(now.date()))
