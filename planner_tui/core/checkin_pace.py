"""What the check-in says about pace: what today's decisions did to it, what keeps slipping,
and which new deadlines land after their strategy's horizon.

The check-in (core/checkin.py) commits each decision at once; its summary then
asks these questions (the app's screen, later `planner report --tactical` too):

- `pace_shifts`: the strategies whose pace verdict (core/outcome_pace.py: by key
  results where they have some) is not what it was before today's decisions. A
  verdict is judged on work done and outcomes measured against the time
  elapsed, not on deadlines, so done and dropped tactics can move it; a push
  alone cannot (the two questions below are the pushes' own).
- `keeps_slipping`: open tactics pushed (or rescheduled) on three check-in days or more.
- `after_horizon`: a new deadline later than the horizon of the tactic's strategy (or,
  without one, of the nearest strategy above it that has one): allowed, worth a warning.

`pace_notes` puts the three together for the day's summary: the check-in screen
shows them as decisions are made and in its closing notification.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import When, local_date, short_date
from planner_tui.core.file.changes import Change, Patch, Put, Remove
from planner_tui.core.model import CheckIn, Strategy, Tactic
from planner_tui.core.outcome_pace import strategy_pace
from planner_tui.core.pace import VERDICT_WORDS
from planner_tui.core.plan import Plan
from planner_tui.core.user_text import visible

SLIPPING = 3  # pushed on this many check-ins or more: it keeps slipping
PUSHES = ("pushed", "rescheduled")  # the check-in's lists that move a deadline
# Each list of a check-in (core/checkin.py) as what today's summary calls its decisions.
DECISION_WORDS = {"done": "tactics done", "started": "starts", "pushed": "pushes", "rescheduled": "reschedules",
                  "dropped": "drops"}


class PaceShift(NamedTuple):
    """A strategy whose verdict today's decisions changed, from ``was`` to ``now``."""

    strategy: Strategy
    was: str
    now: str
    decisions: tuple[str, ...]  # the check-in's lists its tactics are in today: done, dropped, pushed...

    @property
    def words(self) -> str:
        """`pushes today put 'Grow revenue to 5M ARR' behind pace`, `tactics done and drops
        today put 'Ship v1' back on pace`."""
        kinds = " and ".join(DECISION_WORDS[name] for name in self.decisions)
        verdict = VERDICT_WORDS[self.now]
        if self.now == "on-pace" and self.was == "behind":
            verdict = "back on pace"
        return f"{kinds} today put {visible(self.strategy.title)!r} {verdict}"


def plan_before(changes: Iterable[Change], tables: dict[str, dict[str, dict]]) -> Plan:
    """The plan as it was before ``changes`` (newest last), from ``tables``, the file's tables
    now (`store.storage.read()`): their inverses applied to a copy, newest first."""
    copy = {name: dict(docs) for name, docs in tables.items() if isinstance(docs, dict)}
    for change in reversed(list(changes)):
        for op in change.inverse:
            docs = copy.setdefault(op.table, {})
            if isinstance(op, Put):
                docs[str(op.id)] = dict(op.doc)
            elif isinstance(op, Patch) and str(op.id) in docs:
                docs[str(op.id)] = {**docs[str(op.id)], **op.fields}
            elif isinstance(op, Remove):
                docs.pop(str(op.id), None)
    return Plan.from_tables(copy)


def decisions_of(record: CheckIn | None) -> dict[int, str]:
    """The tactics a day's check-in decided about -> its list (done, pushed...); skips are not news."""
    if record is None:
        return {}
    return {tactic_id: name for name in DECISION_WORDS for tactic_id in getattr(record, name)}


def pace_shifts(before: Plan, after: Plan, decided: dict[int, str], now: DateTime) -> list[PaceShift]:
    """The strategies over the tactics ``decided`` today (tactic id -> the check-in's list:
    done, dropped, pushed...) whose verdict is not what it was ``before``, in the tree's order."""
    touched: dict[int, list[str]] = {}
    for tactic_id, decision in decided.items():
        tactic = after.tactics.get(tactic_id) or before.tactics.get(tactic_id)
        if tactic is None or tactic.strategy not in after.strategies:
            continue
        for strategy in [*after.ancestors(tactic.strategy), after.strategies[tactic.strategy]]:
            kinds = touched.setdefault(strategy.id, [])
            if decision not in kinds:
                kinds.append(decision)
    shifts = []
    for sid in (s for root in after.roots() for s in after.descendants(root.id)):
        if sid not in touched or sid not in before.strategies:
            continue
        was, is_now = strategy_pace(before, sid, now).verdict, strategy_pace(after, sid, now).verdict
        if was != is_now:
            shifts.append(PaceShift(after.strategies[sid], was, is_now, tuple(touched[sid])))
    return shifts


def push_counts(plan: Plan) -> dict[int, int]:
    """On how many check-in days each tactic was pushed or rescheduled."""
    counts: dict[int, int] = {}
    for record in plan.checkins.values():
        for tactic_id in {i for name in PUSHES for i in getattr(record, name)}:
            counts[tactic_id] = counts.get(tactic_id, 0) + 1
    return counts


def keeps_slipping(plan: Plan, at_least: int = SLIPPING) -> list[tuple[Tactic, int]]:
    """Open tactics pushed on ``at_least`` check-in days or more, most pushed first."""
    found = [(plan.tactics[tactic_id], count) for tactic_id, count in push_counts(plan).items()
             if count >= at_least and tactic_id in plan.tactics and plan.tactics[tactic_id].status.is_open]
    return sorted(found, key=lambda pair: (-pair[1], pair[0].id))


def horizon_over(plan: Plan, strategy_id: int) -> tuple[Strategy, Date] | None:
    """The horizon a tactic of ``strategy_id`` works towards: its own, else the nearest above it."""
    for strategy in [plan.strategies[strategy_id], *reversed(plan.ancestors(strategy_id))]:
        if strategy.horizon is not None:
            return strategy, strategy.horizon
    return None


def after_horizon(plan: Plan, tactic_id: int, due: When | None, now: DateTime) -> Strategy | None:
    """The strategy whose horizon ``due`` (a new deadline for the tactic) lands after, or None."""
    tactic = plan.tactics.get(tactic_id)
    if due is None or tactic is None or tactic.strategy not in plan.strategies:
        return None
    found = horizon_over(plan, tactic.strategy)
    if found is None or local_date(due, now) <= found[1]:
        return None
    return found[0]


def after_horizon_words(strategy: Strategy, due: When, now: DateTime) -> str:
    """`the new deadline, Fri 4 Dec 2026, is after the horizon of 'Ship v1' (Mon 30 Nov)`."""
    return (f"the new deadline, {short_date(due, now)}, is after the horizon of {visible(strategy.title)!r} "
            f"({short_date(strategy.horizon, now)})")


def pace_notes(before: Plan, after: Plan, day: Date, now: DateTime) -> list[str]:
    """What the check-in of ``day`` says about pace, ``before`` being the plan as it was
    before its decisions: verdicts they changed, then each tactic pushed or rescheduled
    today that keeps slipping, or whose new deadline is past its strategy's horizon."""
    decided = decisions_of(after.checkin_on(day))
    notes = [shift.words for shift in pace_shifts(before, after, decided, now)]
    counts = push_counts(after)
    for tactic_id, decision in decided.items():
        tactic = after.tactics.get(tactic_id)
        if decision not in PUSHES or tactic is None or not tactic.status.is_open:
            continue
        if counts.get(tactic_id, 0) >= SLIPPING:
            notes.append(f"{visible(tactic.title)!r} keeps slipping: pushed on {counts[tactic_id]} check-ins")
        beyond = after_horizon(after, tactic_id, tactic.due, now)
        if beyond is not None:
            notes.append(f"{visible(tactic.title)!r}: {after_horizon_words(beyond, tactic.due, now)}")
    return notes
