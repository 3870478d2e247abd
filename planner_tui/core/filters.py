"""Which strategies and tactics a person asks to see: by owner, tag, strategy, status, deadline.

One filter for every place that narrows the plan: `planner list`, `today` and
`export` (`--owner ana --tag launch ...`), the named views of the settings
(`[views.marketing]`), and the app's search (`@ana #launch`, `search_terms`).

A filter is typed as words (`FilterSpec`: a strategy's name, `fri`, `me`), and
read against a plan and a day when it is used (`resolve`), so a view in the
settings means the same thing whenever it is used. What it selects
(`select`) is a `Selection`:

- a tactic is selected when it passes every criterion given: its owner, its
  tags, the strategy it serves (`--deep`: or one below it), its status, its
  deadline (on or before ``due_by``, by local date; none: not selected);
- a strategy is selected (``matched``) when it passes every criterion that says
  something of strategies: owner, tags, being the strategy asked for (or below
  it), a strategy status, a horizon on or before ``due_by``. A status given only
  in tactic words (`open`, `doing`) selects no strategy by itself;
- ``strategies`` are the ones to show: those matched, those serving a selected
  tactic, and every strategy above them (so a tree still reads as a tree).

Owners and tags are inherited down the tree: a strategy or tactic without an
owner of its own has the owner of the nearest strategy above it that has one,
and carries the tags of every strategy above it besides its own.

A status word is a tactic's (`todo`, `doing`, `done`, `open` for todo and
doing) or a strategy's (`active`, `paused`, `achieved`); `dropped` is both. A
tactic passes when its own status is one of them or the (effective,
`Strategy.status_on`) status of the strategy it serves is.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import local_date, parse_when, as_day
from planner_tui.core.errors import InputError
from planner_tui.core.labels import clean_owner, clean_tag, clean_tags, whose
from planner_tui.core.model import Strategy, StrategyStatus, TacticStatus
from planner_tui.core.plan import Plan, due_order_reader
from planner_tui.core.views import Search, search

TACTIC_WORDS = {status.value: frozenset({status.value}) for status in TacticStatus}
TACTIC_WORDS["open"] = frozenset({TacticStatus.TODO.value, TacticStatus.DOING.value})
STRATEGY_WORDS = {status.value: frozenset({status}) for status in StrategyStatus}
STATUS_WORDS = tuple(dict.fromkeys([*TACTIC_WORDS, *STRATEGY_WORDS]))


class FilterSpec(NamedTuple):
    """A filter as typed: on the command line, or as a view in the settings.

    ``owner`` is clean (core/labels.py) or `me` (the settings' ``owner``);
    ``strategy`` an id or a name; ``due_before`` what `parse_when` reads (`eow`).
    """

    owner: str | None = None
    tags: tuple[str, ...] = ()
    strategy: str | None = None
    deep: bool = False
    status: tuple[str, ...] = ()
    due_before: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self._fields if name != "deep")

    def over(self, base: FilterSpec) -> FilterSpec:
        """This spec on top of ``base`` (a view): each criterion given here replaces the view's."""
        return base._replace(**{name: getattr(self, name) for name in self._fields if getattr(self, name)})


def read_spec(owner: str | None = None, tags: Iterable[str] = (), strategy: str | None = None,
              deep: bool = False, status: Iterable[str] = (), due_before: str | None = None) -> FilterSpec:
    """A spec from what was typed, checked: a clean owner (`@Ana` -> `ana`), clean tags,
    known status words (several may be given, split at commas and spaces)."""
    return FilterSpec(owner=clean_owner(owner), tags=clean_tags(tags),
                      strategy=strategy.strip() or None if strategy is not None else None,
                      deep=bool(deep), status=status_words(status),
                      due_before=due_before.strip() or None if due_before is not None else None)


VIEW_KEYS = {"owner": str, "tags": (str, list), "tag": (str, list), "strategy": str, "deep": bool,
             "status": (str, list), "due_before": str}


def view_from_table(table: object) -> FilterSpec:
    """A view of the settings (`[views.marketing]`: any of VIEW_KEYS) as a spec;
    ValueError saying what is wrong. Its strategy and date are read when it is used."""
    if not isinstance(table, dict):
        raise ValueError(f"is {table!r}, not a table of filters")
    for key, value in table.items():
        kind = VIEW_KEYS.get(key)
        if kind is None:
            raise ValueError(f"has {key!r}, not a filter ({', '.join(k for k in VIEW_KEYS if k != 'tag')})")
        if not isinstance(value, kind) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise ValueError(f"{key} is {value!r}, not {'true or false' if kind is bool else 'text'}")

    def texts(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else value

    return read_spec(owner=table.get("owner"), tags=texts(table.get("tags", [])) + texts(table.get("tag", [])),
                     strategy=table.get("strategy"), deep=table.get("deep", False),
                     status=texts(table.get("status", [])), due_before=table.get("due_before"))


def status_words(texts: Iterable[str]) -> tuple[str, ...]:
    """Status words as typed (`open, paused`), each once; `InputError` for an unknown one."""
    found: list[str] = []
    for text in texts:
        for word in re.split(r"[\s,]+", text.strip().lower()):
            if not word:
                continue
            if word not in STATUS_WORDS:
                raise InputError(f"The status {word!r} is not one of: {', '.join(STATUS_WORDS)}.")
            if word not in found:
                found.append(word)
    return tuple(found)


class Filter(NamedTuple):
    """A spec read against a plan and a day: ids, statuses and a date (None: any)."""

    owner: str | None = None
    tags: frozenset[str] = frozenset()
    strategies: frozenset[int] | None = None
    tactic_statuses: frozenset[str] | None = None
    strategy_statuses: frozenset[StrategyStatus] | None = None
    due_by: Date | None = None

    @property
    def has_status(self) -> bool:
        return self.tactic_statuses is not None or self.strategy_statuses is not None


def resolve(spec: FilterSpec, plan: Plan, now: DateTime, me: str | None = None,
            week_start: int = 0) -> Filter:
    """``spec`` read against ``plan`` and ``now``; `InputError` for a strategy not in the
    plan, a date `parse_when` cannot read, or `me` without an owner in the settings."""
    owner = whose(spec.owner, me)
    strategies = None
    if spec.strategy is not None:
        found = plan.find_strategy(spec.strategy).id
        strategies = frozenset(plan.descendants(found) if spec.deep else (found,))
    words = spec.status
    tactic = frozenset().union(*(TACTIC_WORDS[w] for w in words if w in TACTIC_WORDS)) if words else None
    strategy = frozenset().union(*(STRATEGY_WORDS[w] for w in words if w in STRATEGY_WORDS)) if words else None
    due_by = as_day(parse_when(spec.due_before, now, week_start), now) if spec.due_before else None
    return Filter(owner, frozenset(spec.tags), strategies, tactic, strategy, due_by)


# -- what is inherited ----------------------------------------------------------------


class Inherited(NamedTuple):
    """A strategy's owner (its own, else the nearest above it) and its tags with those above."""

    owner: str | None
    tags: frozenset[str]


def inherited(plan: Plan) -> dict[int, Inherited]:
    """`Inherited` of every strategy, parents first (one walk)."""
    found: dict[int, Inherited] = {}
    stack: list[tuple[Strategy, Inherited]] = [(root, Inherited(None, frozenset())) for root in plan.roots()]
    while stack:
        strategy, above = stack.pop()
        mine = found[strategy.id] = Inherited(strategy.owner or above.owner, above.tags.union(strategy.tags))
        stack.extend((child, mine) for child in plan.children(strategy.id))
    return found


def tactic_owner(plan: Plan, tactic_id: int, labels: dict[int, Inherited] | None = None) -> str | None:
    """A tactic's owner: its own, else its strategy's (inherited)."""
    own = plan.tactics.field(tactic_id, "owner")
    if own:
        return own
    labels = inherited(plan) if labels is None else labels
    above = labels.get(plan.tactics.field(tactic_id, "strategy"))
    return above.owner if above else None


def tactic_tags(plan: Plan, tactic_id: int, labels: dict[int, Inherited] | None = None) -> frozenset[str]:
    """A tactic's tags with those of every strategy above it."""
    labels = inherited(plan) if labels is None else labels
    above = labels.get(plan.tactics.field(tactic_id, "strategy"))
    return frozenset(plan.tactics.field(tactic_id, "tags") or ()).union(above.tags if above else ())


# -- selecting --------------------------------------------------------------------------


class Selection(NamedTuple):
    """What a filter selects: tactics, strategies matched themselves, and strategies to show."""

    tactics: frozenset[int]
    matched: frozenset[int]
    strategies: frozenset[int]


def select(plan: Plan, flt: Filter, now: DateTime) -> Selection:
    """Every tactic and strategy ``flt`` selects in ``plan`` (see the module's docstring)."""
    labels = inherited(plan)
    statuses = {sid: s.status_on(now.date()) for sid, s in plan.strategies.items()}
    day_of = _local_day_reader(now)
    table = plan.tactics
    tactics = frozenset(tid for tid in table if _tactic_passes(table, tid, flt, labels, statuses, day_of))
    matched = frozenset(sid for sid, strategy in plan.strategies.items()
                        if _strategy_passes(strategy, flt, labels[sid], statuses[sid]))
    shown: set[int] = set()
    for sid in matched | {table.field(tid, "strategy") for tid in tactics}:
        while sid is not None and sid not in shown and sid in plan.strategies:
            shown.add(sid)
            sid = plan.strategies[sid].parent
    return Selection(tactics, matched, frozenset(shown))


def _tactic_passes(table, tid: int, flt: Filter, labels: dict[int, Inherited],
                   statuses: dict[int, StrategyStatus], day_of) -> bool:
    sid = table.field(tid, "strategy")
    above = labels.get(sid, Inherited(None, frozenset()))
    if flt.strategies is not None and sid not in flt.strategies:
        return False
    if flt.owner is not None and (table.field(tid, "owner") or above.owner) != flt.owner:
        return False
    if flt.tags and not flt.tags <= above.tags.union(table.field(tid, "tags") or ()):
        return False
    if flt.has_status:
        status = table.field(tid, "status")
        status = getattr(status, "value", status)  # a built tactic's is an enum, hashed by its name
        if status not in (flt.tactic_statuses or ()) and statuses.get(sid) not in (flt.strategy_statuses or ()):
            return False
    if flt.due_by is not None:
        day = day_of(table.field(tid, "due"))
        return day is not None and day <= flt.due_by.isoformat()
    return True


def _strategy_passes(strategy: Strategy, flt: Filter, labels: Inherited, status: StrategyStatus) -> bool:
    if flt.strategies is not None and strategy.id not in flt.strategies:
        return False
    if flt.owner is not None and labels.owner != flt.owner:
        return False
    if flt.tags and not flt.tags <= labels.tags:
        return False
    if flt.has_status and status not in (flt.strategy_statuses or ()):
        return False
    return flt.due_by is None or (strategy.horizon is not None and strategy.horizon <= flt.due_by)


def _local_day_reader(now: DateTime):
    """A deadline's local date as ISO text, from its stored text or its object; None without one."""
    stored = due_order_reader(now.timezone)

    def day_of(due) -> str | None:
        if not due:
            return None
        return stored(due)[1] if isinstance(due, str) else local_date(due, now).isoformat()

    return day_of


def kept(ids: Iterable[int], selection: Selection | None) -> list[int]:
    """``ids`` (tactics) in their order, those ``selection`` selects (all without one)."""
    return list(ids) if selection is None else [i for i in ids if i in selection.tactics]


# -- the search box ---------------------------------------------------------------------


def search_terms(query: str) -> tuple[FilterSpec, str]:
    """`@ana #launch site` -> (owner ana, tag launch) and the words left (`site`).

    A `@` or `#` followed by what cannot be a name stays among the words."""
    owner, tags, words = None, [], []
    for word in query.split():
        try:
            if word.startswith("@") and len(word) > 1:
                owner = clean_owner(word)
                continue
            if word.startswith("#") and len(word) > 1:
                tags.append(clean_tag(word))
                continue
        except InputError:
            pass
        words.append(word)
    return FilterSpec(owner=owner, tags=tuple(dict.fromkeys(tags))), " ".join(words)


def find(plan: Plan, query: str, now: DateTime, me: str | None = None, week_start: int = 0,
         view: FilterSpec | None = None) -> Search:
    """The app's search: the words of ``query`` found (core/views.py `search`) among what
    its `@owner` and `#tags` and the named ``view`` select (a criterion typed replaces the
    view's). `InputError` for `@me` without an owner in the settings, or a view's strategy
    that is not in the plan."""
    spec, words = search_terms(query)
    if view is not None:
        spec = spec.over(view)
    within = select(plan, resolve(spec, plan, now, me, week_start), now) if spec else None
    found = search(plan, words, (within.matched, within.tactics) if within else None)
    found.query = query
    return found
