"""The pace: the progress expected by now against the progress made, and its verdict.

One rule for tactics and key results alike (core/outcome_pace.py judges key
results by it): the progress expected by now is the share of the time elapsed
from the start to the horizon; behind by more than a third of what was expected
is "behind", which suggests at risk; a horizon that passed short of the end is
"passed", which suggests off track. The suggestion is only pre-selected in a
review: the person picks the health.
"""

from __future__ import annotations

from typing import NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import days_until, local_date
from planner_tui.core.model import Health, Strategy
from planner_tui.core.rollup import Progress

# A verdict in a few words, for listings, messages and digests.
VERDICT_WORDS = {"paused": "paused", "on-pace": "on pace", "behind": "behind pace", "complete": "complete",
                 "passed": "horizon passed", "no-values": "nothing measured yet", "no-tactics": "no tactics yet",
                 "no-horizon": "no horizon", "no-start": "no start date"}
AT_RISK_SHORTFALL = 1 / 3
EPSILON = 1e-9  # exactly a third short is not "more than a third" (4/12 against 1/2)


class ReviewPace(NamedTuple):
    """Expected against actual progress.

    ``verdict``: ``paused`` (on hold: not measured), ``no-horizon`` (nothing to
    measure against), ``no-start`` (no creation date), ``no-tactics`` (nothing to
    measure), ``no-values`` (key results, none measured yet), ``complete`` (all
    done), ``passed`` (horizon passed with work left), ``behind`` (more than a
    third short of the expected progress), ``on-pace``. ``measured_by``: what the progress was measured by
    (``tactics``, ``key results``, or ``key results and tactics`` below it).
    """

    verdict: str
    actual: float
    expected: float | None = None
    measured_by: str = "tactics"

    @property
    def shortfall(self) -> float | None:
        """How far behind, as a share of the expected progress (0 when ahead)."""
        if self.expected is None or self.expected <= 0:
            return None
        return max(0.0, (self.expected - self.actual) / self.expected)


def elapsed_share(start: Date, end: Date, day: Date) -> float:
    """How much of the time from ``start`` to ``end`` has passed on ``day``, in [0, 1]
    (1 when the span is empty or backwards)."""
    span = (end - start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (day - start).days / span))


def expected_progress(strategy: Strategy, now: DateTime) -> float | None:
    """Time elapsed since creation over the time from creation to the horizon, in [0, 1]."""
    if strategy.horizon is None or strategy.created is None:
        return None
    return elapsed_share(local_date(strategy.created, now), strategy.horizon, now.date())


def is_behind(actual: float, expected: float) -> bool:
    """Behind by more than a third of the progress expected by now: the one rule of
    pace, for tactics and key results alike."""
    return expected > 0 and actual < expected * (1 - AT_RISK_SHORTFALL) - EPSILON


def judge_pace(actual: float, expected: float | None, horizon: Date | None, now: DateTime, *, complete: bool,
               nothing: str | None = None, measured_by: str = "tactics", paused: bool = False) -> ReviewPace:
    """The verdict on a progress ``actual`` against the ``expected`` one by now (None:
    no start to measure from), in this order: paused (a strategy on hold keeps no
    pace), complete, no horizon, no start, the horizon passed, ``nothing`` to measure
    (``no-tactics``, ``no-values``), behind or on pace."""
    if paused:
        return ReviewPace("paused", actual, None, measured_by)
    if complete:
        return ReviewPace("complete", 1.0, expected, measured_by)
    if horizon is None:
        return ReviewPace("no-horizon", actual, None, measured_by)
    if expected is None:
        return ReviewPace("no-start", actual, None, measured_by)
    if days_until(horizon, now) < 0:
        return ReviewPace("passed", actual, expected, measured_by)
    if nothing:
        return ReviewPace(nothing, actual, expected, measured_by)
    return ReviewPace("behind" if is_behind(actual, expected) else "on-pace", actual, expected, measured_by)


def review_pace(strategy: Strategy, progress: Progress, now: DateTime) -> ReviewPace:
    """The pace of a strategy measured by its tactics (`core.outcome_pace.strategy_pace`
    chooses between this and its key results)."""
    return judge_pace(progress.ratio, expected_progress(strategy, now), strategy.horizon, now,
                      complete=bool(progress.total) and progress.done == progress.total,
                      nothing=None if progress.total else "no-tactics", paused=strategy.is_paused(now.date()))


def suggested_health(pace: ReviewPace, overdue: int = 0) -> Health:
    """Off track when the horizon passed with work left; at risk when behind by more
    than a third, or with nothing measured yet when a third of the time has gone,
    or with nothing to measure by and tactics overdue; else on track (a paused
    strategy too: it is on hold on purpose, and suggests nothing worse)."""
    if pace.verdict == "passed":
        return Health.OFF_TRACK
    if pace.verdict == "behind":
        return Health.AT_RISK
    if pace.verdict in ("no-tactics", "no-values") and (pace.expected or 0) > AT_RISK_SHORTFALL:
        return Health.AT_RISK
    if pace.verdict in ("no-horizon", "no-start") and overdue:
        return Health.AT_RISK
    return Health.ON_TRACK
