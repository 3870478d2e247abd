"""Digests of a period for two readers: the strategic one (a CEO's) and the tactical one
(a head of marketing's).

The **strategic** digest follows each strategy (active or achieved; dropped ones
are left out): its progress at the start of the period and now
(core/outcomes.py, as of a day), each key result then and now, the pace verdict
(core/outcome_pace.py), its last review's health and note, and the time to its
horizon; and which strategies' health changed at a review in the period.

The **tactical** digest follows the work: for each strategy, the tactics done in
the period (their ``done_at``), pushed, rescheduled and dropped (the period's
check-ins), overdue now, and due in the next week; the tactics that keep
slipping (core/checkin_pace.py); the period's check-in notes.

These functions return data; core/exchange/digest_formats.py writes it as text,
Markdown or JSON, and the app shows the same data.

A period ends today and starts on a day (`period_since`: `4w`, `30d`, `3m`, `1y`,
or a date; `period_named`: this week, month or quarter so far). "Then" is the
plan as of the end of the day before it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pendulum
from pendulum import Date, DateTime

from planner_tui.core.checkin_pace import PUSHES, keeps_slipping, push_counts
from planner_tui.core.dates import days_until, local_date, period_start
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.records import tree_walk
from planner_tui.core.keyresults import Reading, readings
from planner_tui.core.model import CheckIn, Health, KeyResult, Review, Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.outcome_pace import expected_value, key_result_pace, strategy_pace
from planner_tui.core.outcomes import StrategyProgress, standings, standings_on
from planner_tui.core.pace import ReviewPace
from planner_tui.core.plan import Plan, deadline_order
from planner_tui.core.review import latest_reviews, reviews_of

NEXT_DAYS = 7  # "next week's tactics": due from today to a week from today
PERIODS = ("week", "month", "quarter")
DEFAULT_SINCE = {"strategic": "4w", "tactical": "1w"}  # how far back each reader looks unless told
KINDS = tuple(DEFAULT_SINCE)
SINCE_EXAMPLES = "4w, 30d, 3m, 1y, 2026-11-01"
_SINCE = re.compile(r"^(\d{1,4})\s*([dwmy])$")
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


class Period(NamedTuple):
    """From ``start`` to ``end`` (today), both days included; ``words`` name it."""

    start: Date
    end: Date
    words: str

    @property
    def before(self) -> Date:
        """The day "then" is read at: the one before the period starts."""
        return self.start.subtract(days=1)

    def holds(self, day: Date) -> bool:
        return self.start <= day <= self.end


def period_since(text: str, now: DateTime) -> Period:
    """`4w` (the last four weeks, today included), `30d`, `3m`, `1y`, or a date (`2026-11-01`)."""
    today = now.date()
    cleaned = text.strip().lower()
    if match := _SINCE.match(cleaned):
        count, unit = int(match[1]), _UNITS[match[2]]
        if count < 1:
            raise InputError(f"--since {text.strip()!r}: a period is at least one day. Try: {SINCE_EXAMPLES}.")
        start = today.subtract(**{unit: count}).add(days=1)
        return Period(start, today, f"the last {count} {unit}" if count > 1 else f"the last {unit[:-1]}")
    try:
        start = Date.fromisoformat(cleaned)
    except ValueError:
        raise InputError(f"Cannot read --since {text.strip()!r}: give a length back from today or a date. "
                         f"Try: {SINCE_EXAMPLES}.") from None
    if start > today:
        raise InputError(f"--since {start.isoformat()} is still ahead: a digest looks back. Nothing to report.")
    return Period(start, today, f"since {start.isoformat()}")


def period_named(name: str, now: DateTime, week_start: int = pendulum.MONDAY) -> Period:
    """This week, month or quarter so far (``week_start``: the settings' first day of the week)."""
    if name not in PERIODS:
        raise InputError(f"--period is one of: {', '.join(PERIODS)}.")
    today = now.date()
    return Period(period_start(today, name, week_start), today, f"this {name} so far")


# -- the strategic digest -------------------------------------------------------------------


class KeyResultNews(NamedTuple):
    """A key result at the start of the period and now, its pace, and the value its line expects by now."""

    then: Reading
    now: Reading
    pace: ReviewPace
    expected: float | None

    @property
    def key_result(self) -> KeyResult:
        return self.now.key_result


class StrategyNews(NamedTuple):
    strategy: Strategy
    depth: int
    then: StrategyProgress
    now: StrategyProgress
    pace: ReviewPace
    key_results: list[KeyResultNews]
    last_review: Review | None
    days_left: int | None


class HealthChange(NamedTuple):
    """A review in the period that gave a strategy another health than its review before."""

    strategy: Strategy
    review: Review
    was: Health


@dataclass
class StrategicDigest:
    period: Period
    strategies: list[StrategyNews] = field(default_factory=list)
    changed: list[HealthChange] = field(default_factory=list)


def strategic(plan: Plan, period: Period, now: DateTime) -> StrategicDigest:
    """The strategic digest of ``period`` (see the module docstring)."""
    then, current = standings_on(plan, period.before, now), standings(plan)
    latest = latest_reviews(plan)
    digest = StrategicDigest(period)
    for strategy, depth in tree_walk(plan):
        if strategy.status is StrategyStatus.DROPPED:
            continue
        horizon = strategy.horizon
        news = [KeyResultNews(old, new, key_result_pace(new, strategy, now), expected_value(new, horizon, now))
                for old, new in zip(readings(plan, strategy.id, period.before), readings(plan, strategy.id))]
        digest.strategies.append(StrategyNews(
            strategy, depth, then[strategy.id], current[strategy.id],
            strategy_pace(plan, strategy.id, now, current[strategy.id]), news, latest.get(strategy.id),
            days_until(horizon, now) if horizon is not None else None))
        digest.changed.extend(_health_changes(plan, strategy, period))
    digest.changed.sort(key=lambda change: (change.review.date, change.review.id))
    return digest


def _health_changes(plan: Plan, strategy: Strategy, period: Period) -> list[HealthChange]:
    history = reviews_of(plan, strategy.id)
    return [HealthChange(strategy, review, before.health) for before, review in zip(history, history[1:])
            if period.holds(review.date) and review.health is not before.health]


# -- the tactical digest ----------------------------------------------------------------------


class Moved(NamedTuple):
    """A tactic pushed or rescheduled in the period: on how many check-in days then, and ever."""

    tactic: Tactic
    times: int
    ever: int


@dataclass
class StrategyWork:
    strategy: Strategy
    depth: int
    done: list[Tactic] = field(default_factory=list)
    pushed: list[Moved] = field(default_factory=list)
    dropped: list[Tactic] = field(default_factory=list)
    overdue: list[Tactic] = field(default_factory=list)
    next_week: list[Tactic] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.done or self.pushed or self.dropped or self.overdue or self.next_week)


@dataclass
class TacticalDigest:
    period: Period
    strategies: list[StrategyWork] = field(default_factory=list)
    slipping: list[tuple[Tactic, int]] = field(default_factory=list)
    notes: list[CheckIn] = field(default_factory=list)


def tactical(plan: Plan, period: Period, now: DateTime) -> TacticalDigest:
    """The tactical digest of ``period`` (see the module docstring): only strategies
    with something to say, in the tree's order."""
    records = sorted((c for c in plan.checkins.values() if period.holds(c.date)), key=lambda c: (c.date, c.id))
    work = {strategy.id: StrategyWork(strategy, depth) for strategy, depth in tree_walk(plan)}
    _closed_and_open(plan, work, period, now)
    _decided(plan, work, records)
    return TacticalDigest(period, [w for w in work.values() if w], keeps_slipping(plan),
                          [record for record in records if record.note])


def _closed_and_open(plan: Plan, work: dict[int, StrategyWork], period: Period, now: DateTime) -> None:
    """Done in the period, overdue now, due within the next week: each under its own strategy."""
    today, soon = now.date(), now.date().add(days=NEXT_DAYS)
    for tactic in sorted(plan.tactics.values(), key=deadline_order):
        place = work.get(tactic.strategy)
        if place is None:
            continue
        if tactic.status is TacticStatus.DONE and tactic.done_at is not None:
            if period.holds(local_date(tactic.done_at, now)):
                place.done.append(tactic)
        elif tactic.status.is_open and tactic.due is not None:
            day = local_date(tactic.due, now)
            if day < today:
                place.overdue.append(tactic)
            elif day <= soon:
                place.next_week.append(tactic)
    for place in work.values():
        place.done.sort(key=lambda t: t.done_at)


def _decided(plan: Plan, work: dict[int, StrategyWork], records: list[CheckIn]) -> None:
    """Pushed, rescheduled and dropped on the period's check-ins (tactics deleted since left out)."""
    moved: dict[int, int] = {}
    dropped: list[int] = []
    for record in records:
        for tactic_id in {i for name in PUSHES for i in getattr(record, name)}:
            moved[tactic_id] = moved.get(tactic_id, 0) + 1
        dropped.extend(i for i in record.dropped if i not in dropped)
    ever = push_counts(plan)
    for tactic_id, times in moved.items():
        if tactic_id in plan.tactics and plan.tactics[tactic_id].strategy in work:
            tactic = plan.tactics[tactic_id]
            work[tactic.strategy].pushed.append(Moved(tactic, times, ever.get(tactic_id, times)))
    for tactic_id in dropped:
        if tactic_id in plan.tactics and plan.tactics[tactic_id].strategy in work:
            work[plan.tactics[tactic_id].strategy].dropped.append(plan.tactics[tactic_id])


def gather(plan: Plan, kind: str, period: Period, now: DateTime) -> StrategicDigest | TacticalDigest:
    """The ``kind`` of digest (``strategic`` or ``tactical``) of ``period``."""
    if kind not in KINDS:
        raise ValueError(f"unknown digest {kind!r}")
    return (strategic if kind == "strategic" else tactical)(plan, period, now)


def saved_name(plan_path: Path, kind: str, day: Date) -> Path:
    """Where the app saves a digest: beside the plan, `plan-strategic-2026-11-28.md`."""
    return plan_path.with_name(f"{plan_path.stem}-{kind}-{day.isoformat()}.md")
