"""Key results: how far a strategy's outcome has come, read from the values measured.

A key result goes from a start value to a target (either way: churn from 8% to
3% counts down) and keeps a dated history of values. Its **progress** is how
far the latest value has come from the start towards the target, from 0 to 1:
(value − start) / (target − start), clamped, so overshooting counts as done and
sliding back past the start as nothing. No value yet: the start, so 0.

Each value is a document of its own (the `measurements` table, naming its key
result) rather than an item in a list inside the key result: two copies of a
plan that each record a value then hold two new documents, which a merge of the
copies keeps both of (core/file/integrity.py LINKS names the reference), where
two edits of one list would be one field changed on both sides. A value is
also one small insert to save and to undo, however long the history grows.

Values are read from their stored documents (`Plan.value_ids`) without building
every one: a plan may keep months of values for hundreds of key results.
"""

from __future__ import annotations

from typing import NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.amounts import SYMBOLS, Amount, parse_amount, shown
from planner_tui.core.dates import local_date
from planner_tui.core.errors import InputError
from planner_tui.core.model import KeyResult, Measurement, StrategyStatus
from planner_tui.core.plan import Plan

STALE_DAYS = 7  # a key result not measured for a week is asked for (the check-in, `planner today`)
STALE_GROUP = "measure"  # their group among the day's (`planner today --json`)
STALE_TITLE = "Key results not measured for a week"


class Reading(NamedTuple):
    """A key result as of one day: its latest value then (the start when there was
    none yet), the day that value was measured (None: none yet) and its progress."""

    key_result: KeyResult
    value: float
    day: Date | None
    progress: float

    @property
    def measured(self) -> bool:
        return self.day is not None


def progress_of(key_result: KeyResult, value: float) -> float:
    """(value − start) / (target − start), clamped to 0..1 (the file never holds a
    target equal to its start: core/file/validation.py)."""
    share = (value - key_result.start) / (key_result.target - key_result.start)
    return min(1.0, max(0.0, share))


def values_of(plan: Plan, keyresult_id: int) -> list[Measurement]:
    """A key result's values, oldest first."""
    return [plan.measurements[value_id] for value_id in plan.value_ids(keyresult_id)]


def latest_on(plan: Plan, keyresult_id: int, day: Date | None = None) -> Measurement | None:
    """The last value measured on or before ``day`` (any day: None), or None; read from
    the stored documents, building only the one returned."""
    ids = plan.value_ids(keyresult_id)
    if day is not None:
        last_day, field = day.isoformat(), plan.measurements.field
        ids = [value_id for value_id in ids if _iso(field(value_id, "date")) <= last_day]
    return plan.measurements[ids[-1]] if ids else None


def _iso(day: str | Date) -> str:
    return day if day.__class__ is str else day.isoformat()


def reading(plan: Plan, key_result: KeyResult, day: Date | None = None) -> Reading:
    """``key_result`` as of ``day`` (None: as it is now)."""
    latest = latest_on(plan, key_result.id, day)
    if latest is None:
        return Reading(key_result, key_result.start, None, 0.0)
    return Reading(key_result, latest.value, latest.date, progress_of(key_result, latest.value))


def if_measured(key_result: KeyResult, value: float, day: Date) -> Reading:
    """The key result as it would read with ``value`` measured on ``day``: what a dialog
    previews as a person types a value, before anything is recorded."""
    return Reading(key_result, value, day, progress_of(key_result, value))


def value_typed(key_result: KeyResult, text: str) -> Amount:
    """A value typed for ``key_result`` (`45k`, `12.5%`), read by `parse_amount`; an
    `InputError` when it is not a number, or is written in another unit than the
    key result counts (`12%` for one counted in `$` is a slip; a plain number fits any)."""
    amount = parse_amount(text)
    check_unit(key_result, amount)
    return amount


def check_unit(key_result: KeyResult, amount: Amount) -> None:
    """`12%` for a key result counted in `$` is a slip (an `InputError`); a plain number fits any unit."""
    if amount.unit and key_result.unit in SYMBOLS and key_result.unit != amount.unit:
        raise InputError(f"{key_result.key} counts {key_result.unit}, not {amount.unit}: "
                         f"give the value as {shown(1200, key_result.unit)} or a plain number. Nothing was written.")


def value_series(plan: Plan, keyresult_id: int, limit: int = 24) -> list[float]:
    """Its last ``limit`` values, oldest first: data for a sparkline."""
    ids = plan.value_ids(keyresult_id)[-limit:]
    return [plan.measurements.field(value_id, "value") for value_id in ids]


def readings(plan: Plan, strategy_id: int, day: Date | None = None) -> list[Reading]:
    """Each of a strategy's own key results as of ``day``, in their order."""
    return [reading(plan, kr, day) for kr in plan.key_results_of(strategy_id)]


def outcome(found: list[Reading]) -> float | None:
    """A strategy's progress by its key results: their average (None without any)."""
    return sum(r.progress for r in found) / len(found) if found else None


def started(key_result: KeyResult, now: DateTime) -> Date | None:
    """The day its line starts: its start date, else the day it was added (None: neither known)."""
    if key_result.start_date is not None:
        return key_result.start_date
    return local_date(key_result.created, now) if key_result.created is not None else None


def stale(plan: Plan, today: Date, days: int = STALE_DAYS) -> list[KeyResult]:
    """Key results of active strategies not measured in the last ``days`` days (never
    measured included), in the order of their strategies' ids and their own: what the
    day asks to be measured."""
    since = today.subtract(days=days).isoformat()
    found = []
    for strategy in sorted(plan.strategies.values(), key=lambda s: s.id):
        if strategy.status_on(today) is not StrategyStatus.ACTIVE:
            continue
        for key_result in plan.key_results_of(strategy.id):
            ids = plan.value_ids(key_result.id)
            if not ids or _iso(plan.measurements.field(ids[-1], "date")) <= since:
                found.append(key_result)
    return found
