"""Every change a person can make to a plan, with its rules.

The app and the CLI both call these; each validates what the person typed
(raising `InputError` before anything is written), commits one change to the
store and returns the `Change`, which the caller may keep for undo.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable

from planner_tui.core.changes import Change
from planner_tui.core.dates import When, from_iso, pushed, to_iso
from planner_tui.core.errors import InputError
from planner_tui.core.model import StrategyStatus, Tactic, TacticStatus
from planner_tui.core.repeat import next_due, validate_rule
from planner_tui.core.store import NotFound, Store, Transaction

MAX_TITLE = 500


def clean_title(title: str) -> str:
    """Titles are one line of text; an empty one is refused.

    Control characters (ESC, BEL, ...) are dropped: printed by the CLI they
    would be terminal commands, not text.
    """
    printable = "".join(ch for ch in title if unicodedata.category(ch) != "Cc" or ch.isspace())
    cleaned = " ".join(printable.split())
    if not cleaned:
        raise InputError("A title cannot be empty.")
    if len(cleaned) > MAX_TITLE:
        raise InputError(f"A title is at most {MAX_TITLE} characters.")
    return cleaned


def _check_review_every(days: int | None) -> int | None:
    if days is not None and not 1 <= days <= 3650:
        raise InputError("Review every N days takes a number from 1 to 3650.")
    return days


def _need_strategy(store: Store, strategy_id: int) -> None:
    if strategy_id not in store.plan.strategies:
        raise InputError(f"No strategy s{strategy_id}.")


def _need_tactic(store: Store, tactic_id: int) -> None:
    if tactic_id not in store.plan.tactics:
        raise InputError(f"No tactic t{tactic_id}.")


def _last_position(siblings: Iterable[Any]) -> int:
    return max((item.position for item in siblings), default=-1) + 1


def add_strategy(store: Store, title: str, parent: int | None = None, why: str = "",
                 horizon: When | None = None, review_every: int | None = None,
                 journal: bool = False) -> Change:
    """A new strategy at the end of its siblings; its id is ``change.new_ids[0]``."""
    title = clean_title(title)
    if parent is not None:
        _need_strategy(store, parent)
    doc = {"title": title, "parent": parent, "why": why.strip(), "horizon": to_iso(horizon),
           "status": StrategyStatus.ACTIVE.value,
           "position": _last_position(store.plan.children(parent)),
           "review_every": _check_review_every(review_every),
           "created": store.clock().isoformat()}
    with store.transaction(f"add strategy {title!r}", journal) as tx:
        tx.insert("strategies", doc)
    return tx.change


def add_tactic(store: Store, title: str, strategy: int, due: When | None = None,
               notes: str = "", repeat: str | None = None, journal: bool = False) -> Change:
    """A new tactic at the end of its strategy's list; its id is ``change.new_ids[0]``."""
    title = clean_title(title)
    _need_strategy(store, strategy)
    doc = {"title": title, "strategy": strategy, "status": TacticStatus.TODO.value,
           "due": to_iso(due), "notes": notes.strip(), "repeat": validate_rule(repeat),
           "position": _last_position(store.plan.tactics_of(strategy)),
           "created": store.clock().isoformat(), "done_at": None}
    with store.transaction(f"add tactic {title!r}", journal) as tx:
        tx.insert("tactics", doc)
    return tx.change


def edit_strategy(store: Store, strategy_id: int, journal: bool = False, **fields: Any) -> Change:
    """Change title, why, horizon, review cadence or status."""
    _need_strategy(store, strategy_id)
    doc = _strategy_fields(fields)
    with store.transaction(f"edit s{strategy_id}", journal) as tx:
        _update(tx, "strategies", strategy_id, doc)
    return tx.change


def _strategy_fields(fields: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            doc["title"] = clean_title(value)
        elif name == "why":
            doc["why"] = value.strip()
        elif name == "horizon":
            doc["horizon"] = to_iso(value)
        elif name == "review_every":
            doc["review_every"] = _check_review_every(value)
        elif name == "status":
            doc["status"] = StrategyStatus(value).value
        else:
            raise TypeError(f"strategies have no field {name!r}")
    return doc


def edit_tactic(store: Store, tactic_id: int, journal: bool = False, **fields: Any) -> Change:
    """Change title, deadline, notes or repeat rule."""
    _need_tactic(store, tactic_id)
    doc: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            doc["title"] = clean_title(value)
        elif name == "notes":
            doc["notes"] = value.strip()
        elif name == "due":
            doc["due"] = to_iso(value)
        elif name == "repeat":
            doc["repeat"] = validate_rule(value)
        else:
            raise TypeError(f"tactics have no field {name!r}")
    with store.transaction(f"edit t{tactic_id}", journal) as tx:
        _update(tx, "tactics", tactic_id, doc)
    return tx.change


def _update(tx: Transaction, table: str, doc_id: int, fields: dict[str, Any]) -> None:
    try:
        tx.update(table, doc_id, **fields)
    except NotFound:
        raise InputError(f"{table[0]}{doc_id} was deleted (perhaps in another window).") from None


def set_status(store: Store, tactic_ids: list[int], status: TacticStatus,
               journal: bool = False) -> Change:
    """Mark tactics todo / doing / done / dropped.

    Done stamps ``done_at``; a done repeating tactic gets its next occurrence
    (the done one stays in history). Dropping a repeating tactic ends the series.
    """
    for tactic_id in tactic_ids:
        _need_tactic(store, tactic_id)
    label = f"{status.value} " + " ".join(f"t{t}" for t in tactic_ids)
    now = store.clock()
    with store.transaction(label, journal) as tx:
        for tactic_id in tactic_ids:
            _set_one(tx, tactic_id, status, now)
    return tx.change


def _set_one(tx: Transaction, tactic_id: int, status: TacticStatus, now) -> None:
    doc = tx.get("tactics", tactic_id)
    if doc is None:
        raise InputError(f"t{tactic_id} was deleted (perhaps in another window).")
    was_done = doc.get("status") == TacticStatus.DONE.value
    done_at = now.isoformat() if status is TacticStatus.DONE else None
    if was_done and status is TacticStatus.DONE:
        return
    tx.update("tactics", tactic_id, status=status.value, done_at=done_at)
    if status is TacticStatus.DONE and doc.get("repeat"):
        _next_occurrence(tx, doc, now)


def _next_occurrence(tx: Transaction, doc: dict[str, Any], now) -> None:
    """The repeating tactic's next copy, due one rule-step later (rolled past today).

    Not when that copy is already waiting: done, back to todo, done again must
    not leave two copies of the next occurrence.
    """
    due = next_due(from_iso(doc.get("due")), doc["repeat"], now)
    if any(_same_occurrence(tactic, doc, due) for tactic in tx.store.plan.tactics.values()):
        return
    tx.insert("tactics", {**doc, "status": TacticStatus.TODO.value, "due": to_iso(due),
                          "created": now.isoformat(), "done_at": None})


def _same_occurrence(tactic: Tactic, doc: dict[str, Any], due: When) -> bool:
    return (tactic.status.is_open and tactic.due == due and tactic.title == doc["title"]
            and tactic.strategy == doc["strategy"] and tactic.repeat == doc["repeat"])


def reschedule(store: Store, tactic_ids: list[int], due: When | None, journal: bool = False) -> Change:
    """Give tactics a new deadline (or none)."""
    for tactic_id in tactic_ids:
        _need_tactic(store, tactic_id)
    with store.transaction("reschedule " + " ".join(f"t{t}" for t in tactic_ids), journal) as tx:
        for tactic_id in tactic_ids:
            _update(tx, "tactics", tactic_id, {"due": to_iso(due)})
    return tx.change


def push(store: Store, tactic_ids: list[int], days: int, journal: bool = False) -> Change:
    """Move deadlines later by ``days`` (counted from today when already overdue)."""
    now = store.clock()
    for tactic_id in tactic_ids:
        _need_tactic(store, tactic_id)
    with store.transaction(f"push by {days} days", journal) as tx:
        for tactic_id in tactic_ids:
            due = pushed(store.plan.tactics[tactic_id].due, days, now)
            _update(tx, "tactics", tactic_id, {"due": to_iso(due)})
    return tx.change


def delete_strategy(store: Store, strategy_id: int, journal: bool = False) -> Change:
    """Delete a strategy with everything under it: sub-strategies and their tactics."""
    _need_strategy(store, strategy_id)
    plan = store.plan
    doomed = plan.descendants(strategy_id)
    title = plan.strategies[strategy_id].title
    with store.transaction(f"delete strategy {title!r}", journal) as tx:
        for sid in doomed:
            for tactic in plan.tactics_of(sid):
                tx.remove("tactics", tactic.id)
            tx.remove("strategies", sid)
    return tx.change


def delete_tactic(store: Store, tactic_id: int, journal: bool = False) -> Change:
    _need_tactic(store, tactic_id)
    title = store.plan.tactics[tactic_id].title
    with store.transaction(f"delete tactic {title!r}", journal) as tx:
        tx.remove("tactics", tactic_id)
    return tx.change


def move_strategy(store: Store, strategy_id: int, new_parent: int | None,
                  journal: bool = False) -> Change:
    """Put a strategy (with its subtree) under another one, or at the top."""
    _need_strategy(store, strategy_id)
    if new_parent is not None:
        _need_strategy(store, new_parent)
        if new_parent in store.plan.descendants(strategy_id):
            raise InputError("A strategy cannot move under itself or one of its sub-strategies.")
    position = _last_position(store.plan.children(new_parent))
    with store.transaction(f"move s{strategy_id}", journal) as tx:
        _update(tx, "strategies", strategy_id, {"parent": new_parent, "position": position})
    return tx.change


def move_tactic(store: Store, tactic_id: int, strategy_id: int, journal: bool = False) -> Change:
    """Let a tactic serve another strategy (it goes to the end of that list)."""
    _need_tactic(store, tactic_id)
    _need_strategy(store, strategy_id)
    position = _last_position(store.plan.tactics_of(strategy_id))
    with store.transaction(f"move t{tactic_id}", journal) as tx:
        _update(tx, "tactics", tactic_id, {"strategy": strategy_id, "position": position})
    return tx.change


def reorder_strategy(store: Store, strategy_id: int, offset: int) -> Change:
    """Move a strategy up (-1) or down (+1) among its siblings."""
    _need_strategy(store, strategy_id)
    siblings = store.plan.children(store.plan.strategies[strategy_id].parent)
    return _reorder(store, "strategies", siblings, strategy_id, offset)


def reorder_tactic(store: Store, tactic_id: int, offset: int) -> Change:
    """Move a tactic up (-1) or down (+1) within its strategy's list."""
    _need_tactic(store, tactic_id)
    siblings = store.plan.tactics_of(store.plan.tactics[tactic_id].strategy)
    return _reorder(store, "tactics", siblings, tactic_id, offset)


def _reorder(store: Store, table: str, siblings: list[Any], doc_id: int, offset: int) -> Change:
    ids = [item.id for item in siblings]
    index = ids.index(doc_id)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    with store.transaction(f"reorder {table[0]}{doc_id}") as tx:
        for position, item_id in enumerate(ids):
            _update(tx, table, item_id, {"position": position})
    return tx.change
