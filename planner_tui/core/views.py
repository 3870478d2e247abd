"""Questions the main screen asks of a plan, answered without Textual.

The screen needs a few things `Plan` does not offer directly: the list of tactics
for one strategy with the screen's toggles applied, search, the day's counts,
a strategy's momentum, and the lists behind the "move to" picker. They live here so
that widgets only draw, and so that every rule is unit-tested (tests/core).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import AbstractSet, Callable, Iterable, NamedTuple, overload

import pendulum
from pendulum import Date, DateTime

from planner_tui.core.dates import Urgency, When, local_date
from planner_tui.core.model import Strategy, Tactic, TacticStatus
from planner_tui.core.lazy_table import LazyTable
from planner_tui.core.rollup import Rollup
from planner_tui.core.plan import Plan, deadline_order, due_order_reader, urgency_reader

RECENT_DAYS = 28
_DAY_KIND = {Urgency.OVERDUE: -1, Urgency.TODAY: 0}  # by urgency: the rest count 1


def tactic_ids_in_order(plan: Plan) -> dict[int, list[int]]:
    """Each strategy's own tactic ids in `Plan.tactics_of`'s order (position, then id),
    from the stored fields, building no tactic: for listings of the whole plan."""
    own: dict[int, list[tuple[int, int]]] = {}
    for tactic_id, strategy_id, position in plan.tactics.stored("strategy", "position"):
        own.setdefault(strategy_id, []).append((position, tactic_id))
    return {strategy_id: [tactic_id for _, tactic_id in sorted(pairs)] for strategy_id, pairs in own.items()}


# -- the tactics table ---------------------------------------------------------

class Rows(Sequence[Tactic]):
    """Tactics in table order, each built when first read (see `LazyTable`): the
    table holds every row of a subtree and draws a screenful of them."""

    __slots__ = ("ids", "_table")

    def __init__(self, ids: list[int], table: LazyTable[Tactic]):
        self.ids = ids
        self._table = table

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Tactic: ...
    @overload
    def __getitem__(self, index: slice) -> list[Tactic]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._table[i] for i in self.ids[index]]
        return self._table[self.ids[index]]

    def __repr__(self) -> str:
        return f"<Rows {self.ids!r}>"


class TacticList(NamedTuple):
    """The rows of the tactics table and how many there were before the limit."""

    rows: Rows
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def matches(text: str, query: str) -> bool:
    """Case-insensitive substring: what people expect of a filter box."""
    return query.casefold() in text.casefold()


def tactic_rows(plan: Plan, strategy_id: int, *, deep: bool = False, hide_done: bool = False,
                query: str = "", only: AbstractSet[int] | None = None, limit: int | None = None,
                rollup: Rollup | None = None) -> TacticList:
    """A strategy's tactics as the table shows them: sorted by deadline, then position.

    ``deep`` adds sub-strategies' tactics; ``hide_done`` leaves out done and
    dropped ones; ``query`` keeps those whose title or notes match; ``only``
    keeps those ids (a search's, `Search.tactics_under`); ``limit``
    keeps the earliest deadlines (the table stays fast on huge subtrees);
    ``rollup`` (of this plan) saves building the plan's own index.

    Filtering and sorting read a tactic's stored document while its object is
    not built (`LazyTable`): only the rows returned become objects.
    """
    table = plan.tactics
    if rollup is not None:
        ids = rollup.tactic_ids_of(strategy_id, deep)
    else:
        ids = [t.id for t in plan.tactics_of(strategy_id, deep=deep)]
    if hide_done:
        ids = [i for i in ids if table.field(i, "status") in OPEN_STATUSES]
    if only is not None:
        ids = [i for i in ids if i in only]
    if query:
        ids = [i for i in ids if matches(table.field(i, "title") or "", query)
               or matches(table.field(i, "notes") or "", query)]
    ordered = sorted(ids, key=order_reader(table))
    shown = ordered[:limit] if limit is not None else ordered
    return TacticList(Rows(shown, table), len(ordered))


class Owners(Mapping[int, str]):
    """For tactics shown under ``strategy_id`` with its sub-strategies': which
    sub-strategy each serves (its title; empty for the strategy's own). Each answer
    is read when asked for: the table asks for the rows it draws, a screenful of a
    20k subtree, not all of them after every change."""

    __slots__ = ("_ids", "_plan", "_strategy_id")

    def __init__(self, plan: Plan, tactic_ids: Sequence[int], strategy_id: int):
        self._plan, self._ids, self._strategy_id = plan, tactic_ids, strategy_id

    def __getitem__(self, tactic_id: int) -> str:
        if tactic_id not in self:
            raise KeyError(tactic_id)
        owner = self._plan.tactics.field(tactic_id, "strategy")
        return self._plan.strategies[owner].title if owner != self._strategy_id else ""

    def __iter__(self) -> Iterator[int]:
        return (tactic_id for tactic_id in self._ids if tactic_id in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, tactic_id: object) -> bool:
        return tactic_id in self._plan.tactics and \
            self._plan.tactics.field(tactic_id, "strategy") in self._plan.strategies


OPEN_STATUSES = (TacticStatus.TODO.value, TacticStatus.DOING.value)


def order_reader(table: LazyTable[Tactic]) -> Callable[[int], tuple]:
    """A sort key by tactic id: `deadline_order`, from the stored document while the
    tactic is not built."""
    due_order_of = due_order_reader(pendulum.local_timezone())
    document = table.document

    def key(tactic_id: int) -> tuple:
        doc = document(tactic_id)
        if doc is None:
            return order_key(table[tactic_id])
        return (*due_order_of(doc.get("due")), doc.get("position", 0), tactic_id)

    return key


_DONE_AT: dict[int, tuple[object, datetime | None]] = {}


def _done_at(table: LazyTable[Tactic], tactic_id: int) -> datetime | None:
    """When a done tactic was done (None for any other), from its document while
    it is not built; a stored time without an offset is UTC (`datetime_from_iso`).
    Remembered per row object, as `order_key` is: the tree asks it of a whole
    subtree after every change, and a row's object is replaced when it changes."""
    doc = table.document(tactic_id)
    row = doc if doc is not None else table[tactic_id]
    hit = _DONE_AT.get(tactic_id)
    if hit is not None and hit[0] is row:
        return hit[1]
    if len(_DONE_AT) > 250_000:
        _DONE_AT.clear()
    if doc is None:
        found = row.done_at if row.status is TacticStatus.DONE else None
    else:
        text = doc.get("done_at")
        found = None
        if doc.get("status") == TacticStatus.DONE.value and text:
            moment = datetime.fromisoformat(text)
            found = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    _DONE_AT[tactic_id] = (row, found)
    return found


_ORDER: dict[int, tuple[Tactic, tuple]] = {}


def order_key(tactic: Tactic) -> tuple:
    """`deadline_order`, remembered per tactic object: the key formats the deadline
    (~2 µs), and a subtree of thousands is sorted again after every change. The
    plan replaces a tactic's object when it changes, so the memo is never stale."""
    hit = _ORDER.get(tactic.id)
    if hit is not None and hit[0] is tactic:
        return hit[1]
    if len(_ORDER) > 250_000:
        _ORDER.clear()
    key = deadline_order(tactic)
    _ORDER[tactic.id] = (tactic, key)
    return key


# -- search ----------------------------------------------------------------------

@dataclass(slots=True)
class Search:
    """What a search leaves visible: strategies in the tree, and matching tactics."""

    query: str
    visible: set[int] = field(default_factory=set)
    strategy_hits: set[int] = field(default_factory=set)
    tactic_hits: set[int] = field(default_factory=set)
    allowed: AbstractSet[int] | None = None
    """The tactics a filter (`@ana`, `#launch`, a view) selects; None without one."""

    def tactics_under(self, strategy_id: int) -> AbstractSet[int] | None:
        """Which tactics a strategy shows (None: all): those the filter allows when it
        matched itself, else the matching tactics."""
        return self.allowed if strategy_id in self.strategy_hits else self.tactic_hits


def search(plan: Plan, query: str,
           within: tuple[AbstractSet[int], AbstractSet[int]] | None = None) -> Search:
    """Strategies whose title or why match, strategies holding a matching tactic,
    and their ancestors (so the tree still reads as a tree); ``within`` (the
    strategies and tactics a filter selects, core/filters.py `find`) keeps only those."""
    result = Search(query)
    folded = query.casefold()
    for strategy in plan.strategies.values():
        if folded in strategy.title.casefold() or folded in strategy.why.casefold():
            result.strategy_hits.add(strategy.id)
    for tactic in plan.tactics.values():
        if folded in tactic.title.casefold() or folded in tactic.notes.casefold():
            result.tactic_hits.add(tactic.id)
    if within is not None:
        result.strategy_hits &= within[0]
        result.tactic_hits &= within[1]
        result.allowed = within[1]
    owners = {plan.tactics[t].strategy for t in result.tactic_hits}
    for sid in (result.strategy_hits | owners) & plan.strategies.keys():
        result.visible.add(sid)
        result.visible.update(s.id for s in plan.ancestors(sid))
    return result


# -- the header ------------------------------------------------------------------

class DayCounts(NamedTuple):
    overdue: int = 0
    today: int = 0


def day_counts(plan: Plan, now: DateTime) -> DayCounts:
    """Open tactics overdue and due today, by local date (as `urgency` decides)."""
    return DayTally(plan, now).counts


def _day_kind(table: LazyTable[Tactic], tactic_id: int, urgency_of: Callable[[When | str | None], Urgency]) -> int:
    """-1 overdue, 0 due today, 1 anything else (closed, later, no deadline, gone),
    as `urgency_in` judges it; read from the stored document while the tactic is
    not built."""
    if tactic_id not in table:
        return 1
    doc = table.document(tactic_id)
    if doc is None:
        tactic = table[tactic_id]
        is_open, due = tactic.status.is_open, tactic.due
    else:
        is_open, due = doc.get("status", TacticStatus.TODO.value) in OPEN_STATUSES, doc.get("due")
    if not is_open or not due:
        return 1
    level = urgency_of(due)
    return _DAY_KIND.get(level, 1)


class DayTally:
    """The day's counts, kept up to date by the ids a change touched.

    Counting all tactics costs ~3 ms per 10k; after a commit only a few tactics
    changed, so `update` recounts just those (a full count on a new day or after
    another process changed the file).
    """

    def __init__(self, plan: Plan, now: DateTime):
        self.now, self.today = now, now.date()
        self.kinds: dict[int, int] = {}
        self.update(plan, plan.tactics)

    def update(self, plan: Plan, tactic_ids: Iterable[int]) -> None:
        urgency_of = urgency_reader(self.now, 0)  # overdue or today: soon does not count here
        for tactic_id in tactic_ids:
            kind = _day_kind(plan.tactics, tactic_id, urgency_of)
            if kind < 1:
                self.kinds[tactic_id] = kind
            else:
                self.kinds.pop(tactic_id, None)

    @property
    def counts(self) -> DayCounts:
        overdue = sum(1 for kind in self.kinds.values() if kind < 0)
        return DayCounts(overdue, len(self.kinds) - overdue)


# -- the detail pane ---------------------------------------------------------------

class Momentum(NamedTuple):
    """Is the work on the strategy going fast enough to finish its open tactics by its
    horizon? The detail pane's "momentum": tactics done lately, projected over the
    open ones. Not its *pace* (core/pace.py: progress made against progress
    expected by now, what reviews, reports and listings say), a different question.

    ``verdict`` is one of: ``paused`` (on hold: not measured), ``no-horizon``,
    ``past-horizon``, ``nothing-open``, ``stalled`` (nothing done lately), ``too-early``
    (nothing done yet, made within the last four weeks: not stalled, just young),
    ``keeping-up``, ``too-slow``.
    """

    verdict: str
    done_recently: int = 0
    open: int = 0
    weeks_needed: float | None = None
    weeks_left: float | None = None


def momentum(plan: Plan, strategy_id: int, now: DateTime, rollup: Rollup | None = None) -> Momentum:
    """Tactics done in the last four weeks, projected over the open ones,
    against the weeks left before the horizon."""
    rollup = rollup or plan.rollup()
    strategy = plan.strategies[strategy_id]
    # A plain datetime: compared with every done tactic of the subtree (20k under a root
    # the tree draws), it compares in C, a pendulum one in Python (~1.5 µs each).
    since = datetime.fromtimestamp(now.subtract(days=RECENT_DAYS).timestamp(), timezone.utc)
    table = plan.tactics
    recent = sum(1 for t in rollup.tactic_ids_of(strategy_id, deep=True)
                 if (done_at := _done_at(table, t)) is not None and done_at >= since)
    still_open = rollup.open_count(strategy_id)
    if strategy.is_paused(now.date()):
        return Momentum("paused", recent, still_open)
    if strategy.horizon is None:
        return Momentum("no-horizon", recent, still_open)
    weeks_left = (strategy.horizon - now.date()).days / 7
    if weeks_left < 0:
        return Momentum("past-horizon", recent, still_open, None, weeks_left)
    if still_open == 0:
        return Momentum("nothing-open", recent, 0, 0.0, weeks_left)
    if recent == 0:
        young = strategy.created is not None and strategy.created > now.subtract(days=RECENT_DAYS)
        return Momentum("too-early" if young else "stalled", 0, still_open, None, weeks_left)
    weeks_needed = still_open / (recent / (RECENT_DAYS / 7))
    verdict = "keeping-up" if weeks_needed <= weeks_left else "too-slow"
    return Momentum(verdict, recent, still_open, weeks_needed, weeks_left)


def after_horizon(due: When | None, horizon: Date | None, now: DateTime) -> bool:
    """A deadline later than its strategy's horizon: allowed, but worth a warning."""
    if due is None or horizon is None:
        return False
    return local_date(due, now) > horizon


# -- paths, pickers, the palette ----------------------------------------------------

def strategy_path(plan: Plan, strategy_id: int, separator: str = " › ") -> str:
    """`Top › Middle › This`: where a strategy sits, for pickers and details."""
    chain = plan.ancestors(strategy_id) + [plan.strategies[strategy_id]]
    return separator.join(s.title for s in chain)


def move_targets(plan: Plan, moving: int | None = None) -> list[Strategy]:
    """Where a strategy may go (not under itself or its own subtree); all for a tactic."""
    banned = set(plan.descendants(moving)) if moving is not None else set()
    return [s for s in plan.tree_order() if s.id not in banned]


def find_titles(plan: Plan, query: str, limit: int = 50) -> tuple[list[Strategy], list[Tactic]]:
    """Strategies and tactics whose title contains ``query`` (for "go to")."""
    folded = query.casefold()
    strategies = [s for s in plan.strategies.values() if folded in s.title.casefold()][:limit]
    tactics: list[Tactic] = []
    for tactic in plan.tactics.values():
        if folded in tactic.title.casefold():
            tactics.append(tactic)
            if len(tactics) >= limit:
                break
    return strategies, tactics


def tree_shape(plan: Plan) -> frozenset[tuple[int, int | None, int]]:
    """What the tree's structure depends on: ids, parents, positions.

    When it is unchanged after a change, redrawing labels is enough; otherwise
    the tree is rebuilt.
    """
    return frozenset((s.id, s.parent, s.position) for s in plan.strategies.values())

