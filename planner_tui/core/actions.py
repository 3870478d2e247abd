"""Every change a person can make to a plan, with its rules.

The app and the CLI both call these; each validates what the person typed
(raising `InputError` before anything is written), commits one change to the
store and returns the `Change`, which the caller may keep for undo.

Each decides what it changes inside its transaction, from the plan as re-read
under the lock (`Store.transaction` catches up with the file first): what a
delete takes with it, where an added or moved item goes, whether a move would
put a strategy under itself. The app's view may be a second old, and another
terminal may have written meanwhile; when the plan changed so that the action
no longer makes sense (its strategy was deleted), it is refused with nothing
written. Edits from the app also say what the person started from
(``expected``, core/conflicts.py), so only what they changed is written.
"""

from __future__ import annotations

from typing import Any, Iterable, TypeVar

from planner_tui.core.file.changes import Change, Put
from planner_tui.core.conflicts import changed_fields
from planner_tui.core.dates import When, as_day, from_iso, pushed, to_iso
from planner_tui.core.errors import InputError
from planner_tui.core.labels import clean_owner, clean_tags
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.repeat import next_due, validate_rule
from planner_tui.core.plan import Plan, deadline_order, due_order
from planner_tui.core.file.store import Store, Transaction
from planner_tui.core.user_text import many_lines, one_line
from planner_tui.core.file.validation import MAX_CADENCE, MAX_TITLE


def clean_title(title: str) -> str:
    """Titles are one line of text (`one_line`: no control characters); an
    empty one is refused."""
    cleaned = one_line(title)
    if not cleaned:
        raise InputError("A title cannot be empty.")
    if len(cleaned) > MAX_TITLE:
        raise InputError(f"A title is at most {MAX_TITLE} characters.")
    return cleaned



def _check_review_every(days: int | None) -> int | None:
    if days is not None and not 1 <= days <= MAX_CADENCE:
        raise InputError(f"Review every N days takes a number from 1 to {MAX_CADENCE}.")
    return days


D = TypeVar("D")


def present(found: D | None, named: str) -> D:
    """A document as the plan holds it now (``named``: `strategy s3`); an InputError when
    it is not (or no longer) there: the one answer to a change aimed at what is gone."""
    if found is None:
        raise InputError(f"No {named} in the plan (deleted elsewhere meanwhile?). Nothing was changed.")
    return found


def strategy_in(plan: Plan, strategy_id: int) -> Strategy:
    return present(plan.strategies.get(strategy_id), f"strategy s{strategy_id}")


def tactic_in(plan: Plan, tactic_id: int) -> Tactic:
    return present(plan.tactics.get(tactic_id), f"tactic t{tactic_id}")


def last_position(siblings: Iterable[Any]) -> int:
    return max((item.position for item in siblings), default=-1) + 1


def _labels(owner: str | None, tags: Iterable[str]) -> dict[str, Any]:
    """An owner and tags as typed, for a new document: only when given (validation.SPARSE)."""
    found: dict[str, Any] = {}
    if (cleaned := clean_owner(owner)) is not None:
        found["owner"] = cleaned
    if cleaned_tags := clean_tags(tags):
        found["tags"] = list(cleaned_tags)
    return found


def add_strategy(store: Store, title: str, parent: int | None = None, why: str = "",
                 horizon: When | None = None, review_every: int | None = None,
                 journal: bool = False, owner: str | None = None, tags: Iterable[str] = ()) -> Change:
    """A new strategy at the end of its siblings; its id is ``change.new_ids[0]``.

    A horizon is a day: one given with a time of day keeps its local date (`as_day`).
    """
    title = clean_title(title)
    doc = {"title": title, "parent": parent, "why": many_lines(why),
           "horizon": to_iso(as_day(horizon, store.clock())),
           "status": StrategyStatus.ACTIVE.value, "review_every": _check_review_every(review_every),
           **_labels(owner, tags)}
    with store.transaction(f"add strategy {title!r}", journal) as tx:
        plan = tx.store.plan  # as re-read under the lock, as in every action below
        if parent is not None:
            strategy_in(plan, parent)
        insert_strategy(tx, doc)
    return tx.change


def insert_strategy(tx: Transaction, doc: dict[str, Any]) -> int:
    """Insert a checked strategy document at the end of its siblings, stamped now; its id."""
    position = _next_position(tx, "strategies", "parent", doc["parent"], tx.store.plan.children(doc["parent"]))
    return tx.insert("strategies", {**doc, "position": position, "created": tx.now.isoformat()})


def add_tactic(store: Store, title: str, strategy: int, due: When | None = None,
               notes: str = "", repeat: str | None = None, journal: bool = False,
               owner: str | None = None, tags: Iterable[str] = ()) -> Change:
    """A new tactic at the end of its strategy's list; its id is ``change.new_ids[0]``.

    Without an owner of its own it is its strategy's (core/filters.py)."""
    title = clean_title(title)
    doc = {"title": title, "strategy": strategy, "status": TacticStatus.TODO.value,
           "due": to_iso(due), "notes": many_lines(notes), "repeat": validate_rule(repeat),
           **_labels(owner, tags)}
    with store.transaction(f"add tactic {title!r}", journal) as tx:
        strategy_in(tx.store.plan, strategy)
        insert_tactic(tx, {**doc, "done_at": None})
    return tx.change


def insert_tactic(tx: Transaction, doc: dict[str, Any]) -> int:
    """Insert a checked tactic document at the end of its strategy's list, stamped now; its id.

    Tactics inserted earlier in the same transaction count (a sync adds many at once).
    """
    position = _next_position(tx, "tactics", "strategy", doc["strategy"], tx.store.plan.tactics_of(doc["strategy"]))
    return tx.insert("tactics", {**doc, "position": position, "created": tx.now.isoformat()})


def _next_position(tx: Transaction, table: str, field: str, value: Any, siblings: Iterable[Any]) -> int:
    """After the last of ``siblings`` and of those this transaction already put beside them."""
    added = [op.doc["position"] for op in tx.change.forward
             if isinstance(op, Put) and op.table == table and op.doc.get(field) == value]
    return max(last_position(siblings), max(added, default=-1) + 1)


def edit_strategy(store: Store, strategy_id: int, journal: bool = False,
                  expected: dict[str, Any] | None = None, **fields: Any) -> Change:
    """Change title, why, horizon (a day, as in `add_strategy`), review cadence, owner,
    tags or status (paused: with ``paused_until``, a day or None).

    ``expected``: the values the person started from (core/conflicts.py); then only
    the fields they changed are written, and a `Conflict` says which were also
    changed elsewhere. A status other than paused ends a pause's day as well.
    """
    for name in fields:
        if name not in STRATEGY_FIELDS:
            raise TypeError(f"strategies have no field {name!r}")
    for name in ("horizon", "paused_until"):
        if name in fields:
            fields[name] = as_day(fields[name], store.clock())
    with store.transaction(f"edit s{strategy_id}", journal) as tx:
        strategy = strategy_in(tx.store.plan, strategy_id)
        wanted = changed_fields(f"Strategy s{strategy_id} {strategy.title!r}", fields, expected,
                                lambda name: getattr(strategy, name), _strategy_field)
        if wanted.get("status", StrategyStatus.PAUSED) is not StrategyStatus.PAUSED:
            wanted["paused_until"] = None
        tx.update("strategies", strategy_id, **{name: _stored(value) for name, value in wanted.items()})
    return tx.change


def typed_tags(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Tags as an edit gives them: one text (`launch, q3`), several, or none."""
    return clean_tags([value] if isinstance(value, str) else value or ())


def _strategy_field(name: str, value: Any) -> Any:
    """A strategy's field as typed, checked and in the model's form."""
    return STRATEGY_FIELDS[name](value)


STRATEGY_FIELDS = {
    "title": clean_title,
    "why": many_lines,
    "horizon": lambda value: value,
    "review_every": _check_review_every,
    "status": StrategyStatus,
    "owner": clean_owner,
    "tags": typed_tags,
    "paused_until": lambda value: value,
}


def edit_tactic(store: Store, tactic_id: int, journal: bool = False,
                expected: dict[str, Any] | None = None, **fields: Any) -> Change:
    """Change title, deadline, notes, repeat rule, owner or tags (``expected``: see `edit_strategy`)."""
    for name in fields:
        if name not in TACTIC_FIELDS:
            raise TypeError(f"tactics have no field {name!r}")
    with store.transaction(f"edit t{tactic_id}", journal) as tx:
        _edit_tactic(tx, tactic_id, fields, expected)
    return tx.change


TACTIC_FIELDS = {
    "title": clean_title,
    "notes": many_lines,
    "due": lambda value: value,
    "repeat": validate_rule,
    "owner": clean_owner,
    "tags": typed_tags,
}


def _edit_tactic(tx: Transaction, tactic_id: int, fields: dict[str, Any],
                 expected: dict[str, Any] | None) -> dict[str, Any]:
    """Write what the person changed of one tactic; returns the fields written (model form)."""
    tactic = tactic_in(tx.store.plan, tactic_id)
    wanted = changed_fields(f"Tactic t{tactic_id} {tactic.title!r}", fields, expected,
                            lambda name: getattr(tactic, name), lambda name, value: TACTIC_FIELDS[name](value))
    tx.update("tactics", tactic_id, **{name: _stored(value) for name, value in wanted.items()})
    return wanted


def editable(item: Strategy | Tactic) -> dict[str, Any]:
    """The fields a person edits, as the model reads them: what an app's edit starts from
    (its ``expected``)."""
    return {name: getattr(item, name) for name in (TACTIC_FIELDS if isinstance(item, Tactic) else STRATEGY_FIELDS)}


def _stored(value: Any) -> Any:
    """A field's value as the file keeps it: dates in ISO, statuses by name, tags as a list."""
    if isinstance(value, (StrategyStatus, TacticStatus)):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return to_iso(value) if hasattr(value, "isoformat") else value


def set_status(store: Store, tactic_ids: list[int], status: TacticStatus,
               journal: bool = False, expected: dict[str, Any] | None = None) -> Change:
    """Mark tactics todo / doing / done / dropped.

    Done stamps ``done_at``; a done repeating tactic gets its next occurrence
    (the done one stays in history). Dropping a repeating tactic ends the series.
    A key says what the person wants from the status they saw (``expected={"status":
    ...}``): a tactic already in ``status`` is left as it is (never reopened), one
    changed elsewhere to another status is a `Conflict`.
    """
    label = f"{status.value} " + " ".join(f"t{t}" for t in tactic_ids)
    with store.transaction(label, journal) as tx:
        plan = tx.store.plan
        for tactic_id in tactic_ids:
            tactic = tactic_in(plan, tactic_id)
            if changed_fields(f"Tactic t{tactic_id} {tactic.title!r}", {"status": status}, expected,
                              lambda _name: tactic.status, lambda _name, value: TacticStatus(value)):
                set_status_in(tx, tactic_id, status, tx.now)
    return tx.change


def set_status_in(tx: Transaction, tactic_id: int, status: TacticStatus, now, done_at=None,
                  next_due: When | None = None) -> None:
    """One tactic's status, within ``tx``: done stamps ``done_at`` (default ``now``) and
    makes a repeating tactic's next occurrence, due ``next_due`` when given (a phone
    app chose it, core/exchange/sync/) else one rule-step later."""
    doc = tx.get("tactics", tactic_id)
    was_done = doc.get("status") == TacticStatus.DONE.value
    if was_done and status is TacticStatus.DONE:
        return
    stamp = (done_at or now).isoformat() if status is TacticStatus.DONE else None
    tx.update("tactics", tactic_id, status=status.value, done_at=stamp, reopen_as=_reopen_as(doc, status))
    if status is TacticStatus.DONE and doc.get("repeat"):
        _next_occurrence(tx, doc, now, next_due)


def _reopen_as(doc: dict[str, Any], status: TacticStatus) -> str | None:
    """What a tactic closing now goes back to when reopened: the open status it had
    (doing stays doing; todo, the default, is not written). Closed to closed (done,
    then dropped) keeps what it had; an open tactic has none."""
    if status.is_open:
        return None
    before = TacticStatus(doc.get("status", TacticStatus.TODO.value))
    if not before.is_open:
        return doc.get("reopen_as")
    return before.value if before is not TacticStatus.TODO else None


def reopened(tactic: Tactic) -> TacticStatus:
    """The status the same key again gives a tactic (x on a done one, X on a dropped
    one, i on one in progress): the open status it had before it closed (doing ->
    done -> reopen is doing again), else todo."""
    return tactic.reopen_as if not tactic.status.is_open and tactic.reopen_as is not None else TacticStatus.TODO


def _next_occurrence(tx: Transaction, doc: dict[str, Any], now, due: When | None = None) -> None:
    """The repeating tactic's next copy, due ``due`` or one rule-step later (rolled past today).

    One copy per done occurrence: not when that copy is already waiting (done,
    back to todo, done again must not leave two copies of the next occurrence),
    but a twin (two identical repeating tactics, both done) gets its own, or its
    series would end without a word. Not past the last day a plan holds either
    (`next_due` is None): the series ends there. Counted over the documents as
    this transaction has them, so marking both twins done at once counts both.
    """
    due = due or next_due(from_iso(doc.get("due")), doc["repeat"], now)
    if due is None:
        return
    title, strategy, rule = doc.get("title"), doc.get("strategy"), doc.get("repeat")
    series = [other for other in tx.documents("tactics")  # one pass, the title first: a commit's time
              if other.get("title") == title and other.get("strategy") == strategy and other.get("repeat") == rule]
    done = sum(other.get("due") == doc.get("due") and other.get("status") == TacticStatus.DONE.value
               for other in series)
    waiting = sum(other.get("due") == to_iso(due) and other.get("status", "todo") in OPEN for other in series)
    if waiting >= done:
        return
    tx.insert("tactics", {**{k: v for k, v in doc.items() if k != "reopen_as"}, "status": TacticStatus.TODO.value,
                          "due": to_iso(due), "created": now.isoformat(), "done_at": None})


OPEN = (TacticStatus.TODO.value, TacticStatus.DOING.value)


def reschedule(store: Store, tactic_ids: list[int], due: When | None, journal: bool = False,
               expected: dict[str, Any] | None = None) -> Change:
    """Give tactics a new deadline (or none); ``expected={"due": ...}``: the deadline the
    person saw, so that one changed elsewhere since is a `Conflict` (see `edit_strategy`)."""
    with store.transaction("reschedule " + " ".join(f"t{t}" for t in tactic_ids), journal) as tx:
        for tactic_id in tactic_ids:
            _edit_tactic(tx, tactic_id, {"due": due}, expected)
    return tx.change


def push(store: Store, tactic_ids: list[int], days: int, journal: bool = False) -> Change:
    """Move deadlines later by ``days`` (counted from today when already overdue),
    from each deadline as the file holds it now."""
    with store.transaction(f"push by {days} days", journal) as tx:
        plan = tx.store.plan
        for tactic_id in tactic_ids:
            due = pushed(tactic_in(plan, tactic_id).due, days, tx.now)
            tx.update("tactics", tactic_id, due=to_iso(due))
    return tx.change


def taken_with(plan: Plan, strategy_id: int) -> tuple[int, int]:
    """How many sub-strategies and tactics deleting the strategy takes with it: what the
    app asks about and the command line wants --yes for."""
    return len(plan.descendants(strategy_id)) - 1, len(plan.tactics_of(strategy_id, deep=True))


def delete_strategy(store: Store, strategy_id: int, journal: bool = False) -> Change:
    """Delete a strategy with everything under it: sub-strategies and their tactics,
    as they are in the file now (a tactic another terminal added a second ago too)."""
    with store.transaction(f"delete strategy s{strategy_id}", journal) as tx:
        plan = tx.store.plan
        tx.change.label = f"delete strategy {strategy_in(plan, strategy_id).title!r}"
        for sid in plan.descendants(strategy_id):
            for tactic in plan.tactics_of(sid):
                tx.remove("tactics", tactic.id)
            for key_result in plan.key_results_of(sid):
                remove_key_result(tx, plan, key_result.id)
            tx.remove("strategies", sid)
    return tx.change


def remove_key_result(tx: Transaction, plan: Plan, keyresult_id: int) -> None:
    """A key result and its values (they go with it, core/file/integrity.py)."""
    for value_id in plan.value_ids(keyresult_id):
        tx.remove("measurements", value_id)
    tx.remove("keyresults", keyresult_id)


def delete_tactic(store: Store, tactic_id: int, journal: bool = False) -> Change:
    with store.transaction(f"delete tactic t{tactic_id}", journal) as tx:
        tx.change.label = f"delete tactic {tactic_in(tx.store.plan, tactic_id).title!r}"
        tx.remove("tactics", tactic_id)
    return tx.change


def move_strategy(store: Store, strategy_id: int, new_parent: int | None,
                  journal: bool = False) -> Change:
    """Put a strategy (with its subtree) under another one, or at the top."""
    with store.transaction(f"move s{strategy_id}", journal) as tx:
        plan = tx.store.plan
        strategy_in(plan, strategy_id)
        if new_parent is not None:
            strategy_in(plan, new_parent)
            if new_parent in plan.descendants(strategy_id):
                raise InputError("A strategy cannot move under itself or one of its sub-strategies "
                                 "(as the plan is now). Nothing was changed.")
        siblings = [s for s in plan.children(new_parent) if s.id != strategy_id]
        tx.update("strategies", strategy_id, parent=new_parent, position=last_position(siblings))
    return tx.change


def move_tactic(store: Store, tactic_id: int, strategy_id: int, journal: bool = False) -> Change:
    """Let a tactic serve another strategy (it goes to the end of that list)."""
    with store.transaction(f"move t{tactic_id}", journal) as tx:
        plan = tx.store.plan
        tactic_in(plan, tactic_id)
        strategy_in(plan, strategy_id)
        siblings = [t for t in plan.tactics_of(strategy_id) if t.id != tactic_id]
        tx.update("tactics", tactic_id, strategy=strategy_id, position=last_position(siblings))
    return tx.change


def reorder_strategy(store: Store, strategy_id: int, offset: int) -> Change:
    """Move a strategy up (-1) or down (+1) among its siblings (as they are now)."""
    return _reorder(store, "strategies", strategy_id, offset,
                    lambda plan: plan.children(strategy_in(plan, strategy_id).parent))


def reorder_tactic(store: Store, tactic_id: int, offset: int) -> Change:
    """Move a tactic up (-1) or down (+1) within its strategy's list as lists show it
    (by deadline, then position), so the place it takes is the one seen."""
    return _reorder(store, "tactics", tactic_id, offset, lambda plan: _listed_siblings(plan, tactic_id))


def _listed_siblings(plan: Plan, tactic_id: int) -> list[Tactic]:
    return sorted(plan.tactics_of(tactic_in(plan, tactic_id).strategy), key=deadline_order)


def why_not_reordered(plan: Plan, kind: str, item_id: int, offset: int) -> str | None:
    """Why moving a ``kind`` ("strategy" or "tactic") ``offset`` places would change
    nothing a list shows, in words; None when it moves. A tactic changes places only
    with one due at the same moment: lists sort by deadline first."""
    if kind == "strategy":
        siblings: list[Strategy] | list[Tactic] = plan.children(strategy_in(plan, item_id).parent)
    else:
        siblings = _listed_siblings(plan, item_id)
    index = [item.id for item in siblings].index(item_id)
    if not 0 <= index + offset < len(siblings):
        return f"Already the {'first' if offset < 0 else 'last'} {kind} here: nothing moved."
    if kind == "tactic" and due_order(siblings[index + offset].due) != due_order(siblings[index].due):
        return ("Tactics are sorted by deadline: only those due at the same time change places. "
                "d changes the deadline. Nothing moved.")
    return None


def _reorder(store: Store, table: str, doc_id: int, offset: int, siblings_in) -> Change:
    with store.transaction(f"reorder {table[0]}{doc_id}") as tx:
        ids = [item.id for item in siblings_in(tx.store.plan)]
        index = ids.index(doc_id)
        target = max(0, min(len(ids) - 1, index + offset))
        ids.insert(target, ids.pop(index))
        for position, item_id in enumerate(ids):
            tx.update(table, item_id, position=position)
    return tx.change
