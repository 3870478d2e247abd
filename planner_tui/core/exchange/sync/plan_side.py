"""The plan's side of a sync: every change from the server, in one transaction.

One commit, journaled (`planner undo` takes the plan's side of a sync back),
through the same gate as every other change (core/file/validation.py). It
runs under the plan's lock on the plan as it is now: an item changed in the
plan since the sync read it (the app saved meanwhile) is left for the next
sync, which sees both changes.

A task new on the server becomes a tactic under the strategy its parent
names (a strategy, or a tactic whose strategy it takes: tasks do not nest in
a plan), else under a strategy one of its categories names, else under
"Inbox", made when missing. Status changes go through the plan's own rule
(core/actions.py `set_status_in`): done stamps the time, and a repeating
tactic gets its next occurrence.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pendulum

from planner_tui.core.actions import insert_strategy, insert_tactic, set_status_in
from planner_tui.core.dates import from_iso, to_iso, wall_clock_zone
from planner_tui.core.exchange.sync.items import STRATEGY, TACTIC, Item, plan_items
from planner_tui.core.exchange.sync.reconcile import Decision
from planner_tui.core.file.changes import Change, Put
from planner_tui.core.file.store import Store, Transaction
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.exchange.vtodo import STRATEGY_STATUS, TACTIC_STATUS

INBOX = "Inbox"
TACTIC_STATUSES = {name: status for status, name in TACTIC_STATUS.items()}
# Read back, NEEDS-ACTION is active: a paused strategy shares it on the server (vtodo.py).
STRATEGY_STATUSES = {name: status for status, name in STRATEGY_STATUS.items() if status is not StrategyStatus.PAUSED}
PARENT_DEPTH = 20  # new tasks nested in new tasks, followed at most this deep


class Applied(NamedTuple):
    """What the plan's commit did: the change, the keys of new tactics by UID, and
    the UIDs left for the next sync because the plan changed meanwhile."""

    change: Change
    created: dict[str, str]
    skipped: set[str]


def apply(store: Store, decisions: list[Decision], uids: dict[str, str], label: str) -> Applied:
    """Commit every decision that changes the plan; ``uids`` maps plan keys to UIDs."""
    created: dict[str, str] = {}
    skipped: set[str] = set()
    with store.transaction(label, journal=True) as tx:
        writer = _Writer(tx, uids, decisions)
        for decision in decisions:
            if not writer.still_as_read(decision):
                skipped.add(decision.side.uid)
                continue
            key = writer.write(decision)
            if decision.side.key is None and key is not None:
                created[decision.side.uid] = key
    return Applied(tx.change, created, skipped)


class _Writer:
    """Writes decisions into one transaction, finding strategies for new tasks."""

    def __init__(self, tx: Transaction, uids: dict[str, str], decisions: list[Decision]):
        self.tx = tx
        self.plan = tx.store.plan  # as re-read under the lock
        self.now = tx.now
        self.keys = {uid: key for key, uid in uids.items()}
        self.current = plan_items(self.plan)
        self.new = {d.side.uid: d for d in decisions if d.side.key is None}
        self.made: dict[str, int] = {}  # new task UID -> its tactic id, once written
        self.inbox: int | None = None

    def still_as_read(self, decision: Decision) -> bool:
        key = decision.side.key
        now = self.current.get(key) if key is not None else None
        return (now[1] if now else None) == decision.side.plan

    def write(self, decision: Decision) -> str | None:
        side, result = decision.side, decision.result
        if side.key is None:
            return f"t{self._new_tactic(side.uid)}"
        table, doc_id = ("tactics" if side.kind == TACTIC else "strategies"), int(side.key[1:])
        if result is None:
            self.tx.remove(table, doc_id)
        elif side.plan is None:
            self._put_back(side.kind, doc_id, result, decision)
        elif side.kind == TACTIC:
            self._update_tactic(doc_id, side.plan, result, decision)
        else:
            self._update_strategy(doc_id, side.plan, result)
        return side.key

    # -- tactics ------------------------------------------------------------------

    def _update_tactic(self, tactic_id: int, old: Item, new: Item, decision: Decision) -> None:
        fields: dict[str, Any] = {}
        if new.title != old.title:
            fields["title"] = new.title
        if new.notes != old.notes:
            fields["notes"] = new.notes
        if new.due != old.due and not decision.occurrence_done:
            fields["due"] = _plan_due(new.due)
        if new.repeat != old.repeat and new.is_open:
            fields["repeat"] = new.repeat
        if new.parent != old.parent:
            fields["strategy"] = self._strategy_named(new.parent)
        if fields:
            self.tx.update("tactics", tactic_id, **fields)
        if decision.occurrence_done:
            set_status_in(self.tx, tactic_id, TacticStatus.DONE, self.now, next_due=from_iso(_plan_due(new.due)))
        elif new.status != old.status:
            set_status_in(self.tx, tactic_id, TACTIC_STATUSES[new.status], self.now, done_at=self._done_at(decision))

    def _done_at(self, decision: Decision) -> pendulum.DateTime | None:
        copy = decision.side.copy
        return copy.completed if copy is not None and copy.completed is not None else None

    def _new_tactic(self, uid: str, depth: int = 0) -> int:
        if uid in self.made:
            return self.made[uid]
        decision = self.new[uid]
        item = decision.result
        strategy = self._strategy_for(item.parent, decision, depth)
        self.made[uid] = self._insert_tactic(item, strategy, decision)
        return self.made[uid]

    def _insert_tactic(self, item: Item, strategy: int, decision: Decision) -> int:
        status = TACTIC_STATUSES[item.status]
        done_at = (self._done_at(decision) or self.now) if status is TacticStatus.DONE else None
        return insert_tactic(self.tx, {"title": item.title, "strategy": strategy, "status": status.value,
                                       "due": _plan_due(item.due), "notes": item.notes, "repeat": item.repeat,
                                       "done_at": done_at.isoformat() if done_at else None})

    def _strategy_for(self, parent: str | None, decision: Decision, depth: int) -> int:
        """The strategy a new task goes under: its parent's, a category's, else the Inbox."""
        key = self.keys.get(parent or "")
        if key is not None and key.startswith("s") and int(key[1:]) in self.plan.strategies:
            return int(key[1:])
        if key is not None and key.startswith("t") and int(key[1:]) in self.plan.tactics:
            return self.plan.tactics[int(key[1:])].strategy
        if parent in self.new and parent != decision.side.uid and depth < PARENT_DEPTH:
            tactic_id = self._new_tactic(parent, depth + 1)
            return self.tx.get("tactics", tactic_id)["strategy"]
        copy = decision.side.copy
        for category in copy.categories if copy is not None else ():
            found = [s.id for s in self.plan.strategies.values() if s.title.casefold() == category.casefold()]
            if len(found) == 1:
                return found[0]
        return self._inbox()

    def _strategy_named(self, parent: str | None) -> int:
        key = self.keys.get(parent or "", "")
        return int(key[1:])  # reconcile lets a server's parent through only when it names a strategy

    def _inbox(self) -> int:
        if self.inbox is None:
            found = [s.id for s in self.plan.strategies.values() if s.parent is None and s.title == INBOX]
            self.inbox = min(found) if found else insert_strategy(self.tx, {
                "title": INBOX, "parent": None, "why": "", "horizon": None,
                "status": StrategyStatus.ACTIVE.value, "review_every": None})
        return self.inbox

    # -- strategies and deleted documents -------------------------------------------

    def _update_strategy(self, strategy_id: int, old: Item, new: Item) -> None:
        fields: dict[str, Any] = {}
        if new.title != old.title:
            fields["title"] = new.title
        if new.notes != old.notes:
            fields["why"] = new.notes
        if new.due != old.due:
            fields["horizon"] = new.due
        if new.status != old.status:
            fields["status"] = STRATEGY_STATUSES[new.status].value
        if fields:
            self.tx.update("strategies", strategy_id, **fields)

    def _put_back(self, kind: str, doc_id: int, item: Item, decision: Decision) -> None:
        """A document deleted in the plan but edited on the server comes back under its own id."""
        if kind == STRATEGY:
            parent = self.keys.get(item.parent or "", "")
            doc = {"title": item.title, "parent": int(parent[1:]) if parent.startswith("s") and int(parent[1:])
                   in self.plan.strategies else None, "why": item.notes, "horizon": item.due,
                   "status": STRATEGY_STATUSES[item.status].value, "review_every": None, "position": 0,
                   "created": self.now.isoformat()}
            self.tx.apply(Put("strategies", doc_id, doc))
            return
        status = TACTIC_STATUSES[item.status]
        doc = {"title": item.title, "strategy": self._strategy_for(item.parent, decision, 0),
               "status": status.value, "due": _plan_due(item.due), "notes": item.notes, "repeat": item.repeat,
               "position": 0, "created": self.now.isoformat(),
               "done_at": (self._done_at(decision) or self.now).isoformat() if status is TacticStatus.DONE else None}
        self.tx.apply(Put("tactics", doc_id, doc))


def _plan_due(due: str | None) -> str | None:
    """A server's deadline as the plan keeps it: a UTC time (what many apps write)
    becomes the local wall-clock time, so it keeps its hour across daylight saving."""
    if due is None or len(due) == 10 or due.endswith("]"):
        return due
    local = pendulum.local_timezone()
    return to_iso(from_iso(due).in_tz(local)) if wall_clock_zone(local) else due
