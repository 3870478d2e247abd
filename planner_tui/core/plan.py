"""The plan in memory, and the questions people ask of it.

`Plan` holds the tables as model objects keyed by id. Indexes (children of
a strategy, the tree's order, tactics of a strategy, the roll-up of progress,
core/rollup.py) are built on first use
and dropped whenever a change is applied, so queries stay cheap on plans with
100k tactics and nothing has to be kept in sync by hand.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, tzinfo
from typing import Any, Callable, Container, Iterable, Iterator

import pendulum

from planner_tui.core.file.changes import Op, Patch, Put, Remove
from planner_tui.core.dates import Urgency, When, days_until, parse_stored_due, urgency_in
from planner_tui.core.errors import InputError
from planner_tui.core.lazy_table import LazyTable
from planner_tui.core.model import TABLES, Away, CheckIn, KeyResult, Measurement, Review, Strategy, Tactic
from planner_tui.core.file.validation import check_tables
from planner_tui.core.rollup import Progress, Rollup
from planner_tui.core.streak import Rest, rest_of, streak

MODEL_OF = TABLES
# Tables whose objects are made when first used (`LazyTable`): the many documents
# a plan's first frame does not show.
LAZY = ("tactics", "keyresults", "measurements")
# The tables each index (`Plan._cached`) is read from: what a change must touch to make it stale.
INDEX_TABLES = {"children": {"strategies"}, "tree_order": {"strategies"}, "tactics": {"tactics"},
                "keyresults": {"keyresults"}, "values": {"measurements"}, "rollup": {"tactics", "strategies"}}


class AmbiguousName(InputError, LookupError):
    """A name matches several strategies; ``candidates`` lists them."""

    def __init__(self, text: str, candidates: list[Strategy]):
        names = ", ".join(f"{s.key} {s.title!r}" for s in candidates)
        super().__init__(f"{text!r} matches several strategies: {names}. Use the id.")
        self.candidates = candidates


class UnknownName(InputError, LookupError):
    """Nothing matches the id or name a person typed."""


def deadline_order(tactic: Tactic) -> tuple:
    """Sort key: tactics with a deadline first, earliest first, then by position.

    Date-times are compared by their local wall clock, not by their ISO text:
    `09:00+13:00` is earlier than `08:00-05:00`. A plain date sorts before the
    times on the same day.
    """
    return (*due_order(tactic.due), tactic.position, tactic.id)


def due_order(due: When | None) -> tuple[int, str, str]:
    """The deadline's part of `deadline_order`."""
    if due is None:
        return (1, "", "")
    if isinstance(due, pendulum.DateTime):
        return _timed_order(due.astimezone(pendulum.local_timezone()))
    return (0, due.isoformat(), "")


def _timed_order(local: datetime) -> tuple[int, str, str]:
    """(0, `2026-12-04`, `09:00:00`) from one isoformat(): strftime took longer
    (~1.3 µs) than the rest of reading a stored deadline, and pendulum's
    format() loads its locale on every call (~50 µs)."""
    text = local.isoformat()
    return (0, text[:10], text[11:19])


def stored_due_order(text: str | None, zone: tzinfo) -> tuple[int, str, str]:
    """`due_order` of a deadline as stored (`to_iso`), seen in ``zone``, with the
    standard library: sorting the thousands of tactics under a strategy, or
    counting the day's, then builds no pendulum object (~10x cheaper)."""
    if not text:
        return (1, "", "")
    due = parse_stored_due(text)
    if type(due) is date:  # `2026-W49-2` reads too, so write it as `due_order` does
        return (0, due.isoformat(), "")
    return _timed_order(due.astimezone(zone))


_DUE_ORDERS: dict[tzinfo, dict[str | None, tuple[int, str, str]]] = {}
MEMO_SIZE = 65_536


def urgency_reader(now: pendulum.DateTime, soon_days: int) -> Callable[[When | str | None], Urgency]:
    """`dates.urgency` of a deadline built or stored (ISO text: its local date read by
    `due_order_reader`, judged by `dates.urgency_in` once per text), at ``now``: the
    agenda and the day's counts read thousands of stored deadlines, most of them
    repeated."""
    local_order, today, seen = due_order_reader(now.timezone), now.toordinal(), {}

    def read(due: When | str | None) -> Urgency:
        level = seen.get(due)
        if level is None:
            if due.__class__ is str:
                days = date.fromisoformat(local_order(due)[1]).toordinal() - today if due else None
            else:
                days = None if due is None else days_until(due, now)
            level = seen[due] = urgency_in(days, soon_days)
        return level

    return read


def due_order_reader(zone: tzinfo) -> Callable[[str | None], tuple[int, str, str]]:
    """`stored_due_order` in ``zone``, remembered per deadline text: a plan repeats
    its dates, and a tree move sorts the thousands of tactics of a subtree."""
    memo = _DUE_ORDERS.setdefault(zone, {})
    if len(memo) > MEMO_SIZE:
        memo.clear()

    def read(text: str | None) -> tuple[int, str, str]:
        order = memo.get(text)
        if order is None:
            order = memo[text] = stored_due_order(text, zone)
        return order

    return read


class Plan:
    """Strategies, tactics, check-ins, reviews, key results and their values, with cached indexes."""

    def __init__(self) -> None:
        self.strategies: dict[int, Strategy] = {}
        self.tactics: LazyTable[Tactic] = LazyTable(Tactic)
        self.checkins: dict[int, CheckIn] = {}
        self.reviews: dict[int, Review] = {}
        self.away: dict[int, Away] = {}
        self.keyresults: LazyTable[KeyResult] = LazyTable(KeyResult)
        self.measurements: LazyTable[Measurement] = LazyTable(Measurement)
        self._index: dict[str, Any] = {}

    @classmethod
    def from_tables(cls, data: dict[str, dict[str, dict[str, Any]]]) -> Plan:
        """The plan in a file's tables; `Invalid` (core/file/validation.py) for what may
        not be in a plan.

        Every document is checked now, but tactics (and key results and their values)
        become objects only when first used (a `LazyTable`): the first frame of a
        100k-tactic plan shows a few dozen.
        """
        check_tables(data)
        plan = cls()
        for table, model in MODEL_OF.items():
            docs = data.get(table, {})
            if table in LAZY:
                setattr(plan, table, LazyTable(model, dict(zip(map(int, docs), docs.values()))))
                continue
            target = getattr(plan, table)
            from_doc = model.from_doc
            for key, doc in docs.items():
                doc_id = int(key)
                target[doc_id] = from_doc(doc_id, doc)
        return plan

    def apply(self, ops: Iterable[Op]) -> None:
        """Mirror a committed change (the same ops the file got); the indexes read from
        the tables it touched are built again when next asked for, the others kept (a
        value recorded does not rebuild the tactics' indexes, nor a tactic done the values')."""
        ops = list(ops)
        for op in ops:
            table = getattr(self, op.table, None)
            if table is None or op.table not in MODEL_OF:
                continue
            model = MODEL_OF[op.table]
            if isinstance(op, Put):
                table[op.id] = model.from_doc(op.id, op.doc)
            elif isinstance(op, Patch) and op.id in table:
                table[op.id] = model.from_doc(op.id, {**table[op.id].to_doc(), **op.fields})
            elif isinstance(op, Remove):
                table.pop(op.id, None)
        touched = {op.table for op in ops}
        for name in [name for name in self._index if INDEX_TABLES.get(name, touched) & touched]:
            del self._index[name]

    # -- indexes ---------------------------------------------------------------

    def _cached(self, name: str, build) -> Any:
        if name not in self._index:
            self._index[name] = build()
        return self._index[name]

    def _children_index(self) -> dict[int | None, list[Strategy]]:
        index: dict[int | None, list[Strategy]] = defaultdict(list)
        for strategy in self.strategies.values():
            parent = strategy.parent if strategy.parent in self.strategies else None
            index[parent].append(strategy)
        for siblings in index.values():
            siblings.sort(key=lambda s: (s.position, s.id))
        return index

    def _tactics_index(self) -> dict[int, list[Tactic]]:
        index: dict[int, list[Tactic]] = defaultdict(list)
        for tactic in self.tactics.values():
            index[tactic.strategy].append(tactic)
        for tactics in index.values():
            tactics.sort(key=lambda t: (t.position, t.id))
        return index

    # -- the tree ------------------------------------------------------------------

    def children(self, parent: int | None) -> list[Strategy]:
        """Sub-strategies in their order (top-level ones for ``None``)."""
        return list(self._cached("children", self._children_index).get(parent, []))

    def roots(self) -> list[Strategy]:
        return self.children(None)

    def walk(self, only: Container[int] | None = None) -> Iterator[tuple[Strategy, int]]:
        """The tree's one order: every strategy under a top-level one, depth first,
        siblings in their order, with its depth (0 at the top level). A loop, not
        recursion, so a deep tree costs no more than a wide one. With ``only`` (a
        filter's strategies, core/filters.py), those only: one left out has none
        shown below it."""
        stack = [(root, 0) for root in reversed(self.roots())]
        while stack:
            strategy, depth = stack.pop()
            if only is not None and strategy.id not in only:
                continue
            yield strategy, depth
            stack.extend((child, depth + 1) for child in reversed(self.children(strategy.id)))

    def tree_order(self) -> list[Strategy]:
        """Every strategy in the order the tree shows them, fully expanded (`walk`)."""
        return list(self._cached("tree_order", lambda: [strategy for strategy, _ in self.walk()]))

    def descendants(self, strategy_id: int) -> list[int]:
        """The strategy's id and every id below it, depth first, in order.

        Each id at most once: a hand-edited file whose parents form a loop
        must not hang a delete or a move.
        """
        found, seen, stack = [], set(), [strategy_id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            found.append(current)
            stack.extend(reversed([s.id for s in self.children(current)]))
        return found

    def ancestors(self, strategy_id: int) -> list[Strategy]:
        """From the top-level strategy down to the parent of ``strategy_id``."""
        chain, seen = [], {strategy_id}
        current = self.strategies.get(strategy_id)
        while current and current.parent in self.strategies and current.parent not in seen:
            seen.add(current.parent)
            current = self.strategies[current.parent]
            chain.append(current)
        return list(reversed(chain))

    def depth(self, strategy_id: int) -> int:
        return len(self.ancestors(strategy_id))

    def tactics_of(self, strategy_id: int, deep: bool = False) -> list[Tactic]:
        """A strategy's tactics in order; ``deep`` adds those of all sub-strategies."""
        index = self._cached("tactics", self._tactics_index)
        if not deep:
            return list(index.get(strategy_id, []))
        return [t for sid in self.descendants(strategy_id) for t in index.get(sid, [])]

    def key_results_of(self, strategy_id: int) -> list[KeyResult]:
        """A strategy's own key results in their order (position, then id)."""
        index = self._cached("keyresults", self._key_results_index)
        return [self.keyresults[kr_id] for kr_id in index.get(strategy_id, ())]

    def _key_results_index(self) -> dict[int, list[int]]:
        own: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for kr_id, strategy_id, position in self.keyresults.stored("strategy", "position"):
            own[strategy_id].append((position, kr_id))
        return {sid: [kr_id for _, kr_id in sorted(pairs)] for sid, pairs in own.items()}

    def value_ids(self, keyresult_id: int) -> list[int]:
        """The ids of a key result's values, oldest first (by day; the same day in the
        order they were recorded), building no value."""
        return list(self._cached("values", self._values_index).get(keyresult_id, ()))

    def _values_index(self) -> dict[int, list[int]]:
        found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for value_id, kr_id, day in self.measurements.stored("keyresult", "date"):
            found[kr_id].append((day if day.__class__ is str else day.isoformat(), value_id))
        return {kr_id: [value_id for _, value_id in sorted(pairs)] for kr_id, pairs in found.items()}

    def rollup(self) -> Rollup:
        """Every strategy's progress and open tactics over its subtree (core/rollup.py),
        kept until the next change."""
        return self._cached("rollup", lambda: Rollup(self))

    def progress(self, strategy_id: int) -> Progress:
        """Rolled up over the strategy's own tactics and all its sub-strategies'."""
        return self.rollup().progress(strategy_id)

    def open_tactics(self, strategy_id: int) -> int:
        """How many of the strategy's own tactics still wait for work."""
        return sum(t.status.is_open for t in self.tactics_of(strategy_id))

    def is_wish(self, strategy_id: int) -> bool:
        """An active strategy with no open tactic anywhere below it: only a wish."""
        return self.rollup().is_wish(strategy_id)

    # -- days ------------------------------------------------------------------

    def checkin_on(self, day: pendulum.Date) -> CheckIn | None:
        return next((c for c in self.checkins.values() if c.date == day), None)

    def streak(self, today: pendulum.Date, rest_weekdays: Iterable[int] = ()) -> int:
        """Consecutive days with a check-in, ending today or yesterday, the plan's time
        away and ``rest_weekdays`` (the settings') stepped over (core/streak.py)."""
        return streak({c.date for c in self.checkins.values()}, today, self.rest(rest_weekdays))

    def rest(self, rest_weekdays: Iterable[int] = ()) -> Rest:
        """The days a streak steps over: the plan's time away and ``rest_weekdays``."""
        return rest_of(self.away.values(), rest_weekdays)

    # -- finding things people typed --------------------------------------------

    def find_strategy(self, text: str) -> Strategy:
        """By id (`s3`), exact title (any case) or unique title prefix.

        Runs of spaces count as one, as in stored titles (`clean_title`).
        """
        text = " ".join(text.split())
        if not text:
            raise UnknownName("A strategy name cannot be empty: give an id like s3 or a title.")
        if by_id := self._by_key(text, "s", self.strategies):
            return by_id
        lowered = text.lower()
        for matcher in (lambda t: t == lowered, lambda t: t.startswith(lowered)):
            found = [s for s in self.strategies.values() if matcher(s.title.lower())]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise AmbiguousName(text, sorted(found, key=lambda s: s.id))
        raise UnknownName(f"No strategy {text!r}: give an id like s3 or a title (see `planner list`).")

    def find_tactic(self, text: str) -> Tactic:
        """By id (`t42`)."""
        if found := self._by_key(text.strip(), "t", self.tactics):
            return found
        raise UnknownName(f"No tactic {text!r}: give an id like t42 (see `planner list`).")

    def find_key_result(self, text: str) -> KeyResult:
        """By id (`k3`)."""
        if found := self._by_key(text.strip(), "k", self.keyresults):
            return found
        raise UnknownName(f"No key result {text.strip()!r}: give an id like k3 (see `planner kr list`).")

    @staticmethod
    def _by_key(text: str, prefix: str, table: dict[int, Any]) -> Any:
        key = text.lower()
        if key.startswith(prefix) and key[1:].isdigit():
            return table.get(int(key[1:]))
        return None

    def days_left(self, strategy_id: int, now: pendulum.DateTime) -> int | None:
        horizon = self.strategies[strategy_id].horizon
        return days_until(horizon, now) if horizon else None
