"""Plain-dict views of strategies, tactics and key results, for `--json` and other tools.

The shape is a contract (scripts read it): ids as people type them (`t42`,
`s3`), dates in ISO form or null, urgency as a word. ``owner`` and ``tags`` are
as the filters see them (core/filters.py): the owner inherited from the
strategies above when it has none of its own, the tags with theirs. A strategy's
``status`` is as of today (`Strategy.status_on`: a pause whose day has come reads
as active), with ``paused_until``. A deadline with a time is
ISO 8601 with its UTC offset (what every date library reads), and ``due_zone``
names the zone it keeps its wall-clock time in (null: a date, or a fixed offset);
the plan file writes the two together (`…-05:00[America/New_York]`).
"""

from __future__ import annotations

from typing import Any, Iterator

import pendulum

from planner_tui.core.dates import When, from_iso, urgency, wall_clock_zone
from planner_tui.core.day import Day
from planner_tui.core.filters import Inherited, Selection, inherited
from planner_tui.core.keyresults import Reading, readings, values_of
from planner_tui.core.model import Strategy, Tactic, TacticStatus
from planner_tui.core.outcome_pace import key_result_pace
from planner_tui.core.outcomes import StrategyProgress
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress

NOBODY = Inherited(None, frozenset())


def tactic_record(plan: Plan, tactic: Tactic, day: Day,
                  labels: dict[int, Inherited] | None = None) -> dict[str, Any]:
    """``labels``: `inherited(plan)` when the caller has it (one walk for many records)."""
    above = (inherited(plan) if labels is None else labels).get(tactic.strategy, NOBODY)
    return _tactic(plan, tactic.id, tactic.title, tactic.strategy, tactic.status.value,
                   _due(tactic.due), urgency(tactic.due, day.now, day.soon_days).value, tactic.notes, tactic.repeat,
                   _labels(tactic.owner, tactic.tags, above))


def _labels(owner: str | None, tags, above: Inherited) -> dict[str, Any]:
    """``owner`` (its own, else inherited) and ``tags`` (its own with those above), sorted."""
    return {"owner": owner or above.owner, "tags": tuple(sorted(above.tags.union(tags or ())))}


def _due(when: When | None) -> dict[str, str | None]:
    """``due`` (ISO, with its offset when timed) and ``due_zone``."""
    return {"due": when.isoformat() if when is not None else None,
            "due_zone": wall_clock_zone(getattr(when, "tzinfo", None))}


def _tactic(plan: Plan, tactic_id: int, title: str, strategy_id: int | None, status: str,
            due: dict[str, str | None], level: str, notes: str, repeat: str | None,
            labels: dict[str, Any]) -> dict[str, Any]:
    """The shape of a tactic's record, in one place for a built tactic and a stored one."""
    strategy = plan.strategies.get(strategy_id)
    return {
        "kind": "tactic",
        "id": f"t{tactic_id}",
        "title": title,
        "strategy": strategy.key if strategy else None,
        "strategy_title": strategy.title if strategy else None,
        "status": status,
        **due,
        "urgency": level,
        "notes": notes,
        "repeat": repeat,
        **labels,
    }


class TacticRecords:
    """`tactic_record` for many tactics at one ``now``: from the stored document while
    a tactic is not built (`LazyTable`; read as `Tactic.from_doc` reads it), each
    deadline's ISO form and urgency worked out once. `planner list --json` writes
    10k of them; building 10k tactics first cost more than the rest (tested equal)."""

    def __init__(self, plan: Plan, day: Day):
        self.plan, self.day = plan, day
        self.labels = inherited(plan)
        self._of_strategy: dict[int, dict[str, Any]] = {}
        self._deadlines: dict[str | None, tuple[dict[str, str | None], str]] = {}

    def record(self, tactic_id: int) -> dict[str, Any]:
        doc = self.plan.tactics.document(tactic_id)
        if doc is None:
            return tactic_record(self.plan, self.plan.tactics[tactic_id], self.day, self.labels)
        due, level = self._deadline(doc.get("due"))
        strategy, owner, tags = doc.get("strategy"), doc.get("owner"), doc.get("tags")
        labels = (_labels(owner, tags, self.labels.get(strategy, NOBODY)) if owner or tags
                  else self._inherited(strategy))
        return _tactic(self.plan, tactic_id, doc.get("title", ""), strategy,
                       doc.get("status", TacticStatus.TODO.value), due, level, doc.get("notes") or "",
                       doc.get("repeat"), labels)

    def _inherited(self, strategy_id: int) -> dict[str, Any]:
        """The labels of a tactic with none of its own: its strategy's, worked out once
        per strategy (a tuple: the records share it, and nothing may change it)."""
        found = self._of_strategy.get(strategy_id)
        if found is None:
            above = self.labels.get(strategy_id, NOBODY)
            found = self._of_strategy[strategy_id] = {"owner": above.owner, "tags": tuple(sorted(above.tags))}
        return found

    def _deadline(self, text: str | None) -> tuple[dict[str, str | None], str]:
        found = self._deadlines.get(text)
        if found is None:
            when = from_iso(text)
            found = self._deadlines[text] = (_due(when), urgency(when, self.day.now, self.day.soon_days).value)
        return found


def strategy_record(plan: Plan, strategy: Strategy, day: Day,
                    progress: Progress | None = None, depth: int | None = None,
                    labels: dict[int, Inherited] | None = None,
                    standing: StrategyProgress | None = None) -> dict[str, Any]:
    """``progress``, ``depth`` and ``labels`` when the caller has them (a roll-up, a tree walk).
    With ``standing`` (core/outcomes.py): ``progress`` (0..1, what the bar shows),
    ``measured`` (key results decided some of it) and its own ``key_results``."""
    now = day.now
    parent = plan.strategies.get(strategy.parent) if strategy.parent else None
    progress = plan.progress(strategy.id) if progress is None else progress
    mine = (inherited(plan) if labels is None else labels).get(strategy.id, NOBODY)
    record = {
        "kind": "strategy",
        "id": strategy.key,
        "title": strategy.title,
        "strategy": parent.key if parent else None,
        "strategy_title": parent.title if parent else None,
        "status": strategy.status_on(now.date()).value,
        "paused_until": _paused_until(strategy, now),
        **_due(strategy.horizon),
        "urgency": urgency(strategy.horizon, now, day.soon_days).value,
        "why": strategy.why,
        "depth": plan.depth(strategy.id) if depth is None else depth,
        "done": progress.done,
        "total": progress.total,
        "owner": mine.owner,
        "tags": tuple(sorted(mine.tags)),
    }
    if standing is not None:
        record["progress"] = round(standing.ratio, 4)
        record["measured"] = standing.measured
        record["key_results"] = [key_result_record(plan, found, now) for found in readings(plan, strategy.id)]
    return record


def key_result_record(plan: Plan, reading: Reading, now: pendulum.DateTime, values: bool = False) -> dict[str, Any]:
    """A key result as it is now: its line (start, target, since), its latest ``value``
    (the start when none: ``measured`` null), ``progress`` (0..1), and its ``pace``
    against the line (``expected``: the share of the way expected by now); with
    ``values``, its history, oldest first."""
    key_result = reading.key_result
    strategy = plan.strategies.get(key_result.strategy)
    pace = key_result_pace(reading, strategy, now)
    labels = inherited(plan).get(key_result.strategy, NOBODY)  # its strategy's, as a tactic's are
    record = {
        "kind": "keyresult",
        "id": key_result.key,
        "title": key_result.title,
        "strategy": strategy.key if strategy else None,
        "strategy_title": strategy.title if strategy else None,
        "unit": key_result.unit,
        "start": key_result.start,
        "target": key_result.target,
        "start_date": key_result.start_date.isoformat() if key_result.start_date else None,
        "value": reading.value,
        "measured": reading.day.isoformat() if reading.day else None,
        "progress": round(reading.progress, 4),
        "pace": pace.verdict,
        "expected": round(pace.expected, 4) if pace.expected is not None else None,
        "owner": labels.owner,
        "tags": tuple(sorted(labels.tags)),
    }
    if values:
        record["values"] = [{"date": v.date.isoformat(), "value": v.value, "note": v.note}
                            for v in values_of(plan, key_result.id)]
    return record


def _paused_until(strategy: Strategy, now: pendulum.DateTime) -> str | None:
    """The day a pause ends, while it lasts (None: not paused, or paused with no end)."""
    if strategy.paused_until is None or not strategy.is_paused(now.date()):
        return None
    return strategy.paused_until.isoformat()


def tree_walk(plan: Plan, selection: Selection | None = None) -> Iterator[tuple[Strategy, int]]:
    """`Plan.walk` (the tree's order, with depths) through what ``selection``
    (core/filters.py) shows, when there is one."""
    return plan.walk(None if selection is None else selection.strategies)
