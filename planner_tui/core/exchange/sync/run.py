"""`sync`: one two-way sync of the plan with a CalDAV task list, returning a `SyncReport`.

The order makes an interrupted sync safe to run again:

1. list what changed on the server (its sync token), read those to-dos;
2. decide each to-do three ways (reconcile.py), nothing written yet;
3. write the server's side, one conditional request at a time (server.py),
   saving the sync state after each: a to-do whose change must also reach
   the plan keeps its old base and an unknown ETag until the plan has it, so
   a crash here makes the next sync read it again, never lose or repeat it;
4. write the plan's side in one journaled transaction (plan_side.py);
5. once more (steps 1-3), for what the plan's side made: a new tactic's
   parent, a repeating tactic's next occurrence, the Inbox.

Any failure stops the sync with a `SyncError` before step 4: the plan is
untouched, byte for byte. No Textual here: the app can run `sync` in a worker
thread and show the report (``progress`` is told each step, in words).
"""

from __future__ import annotations

import dataclasses
import time
from typing import Callable, NamedTuple

from planner_tui.core.dates import from_iso
from planner_tui.core.exchange.sync import plan_side, state as sync_state
from planner_tui.core.exchange.sync.items import STRATEGY, TACTIC, Item, ServerCopy, plan_items, server_copy
from planner_tui.core.exchange.sync.reconcile import Decision, Side, decide, what_changed
from planner_tui.core.exchange.sync.rule import plan_modified
from planner_tui.core.exchange.sync.password import password_for
from planner_tui.core.exchange.sync.server import Server, SyncError
from planner_tui.core.exchange.sync.state import Entry, SyncState
from planner_tui.core.exchange.export import PRODID
from planner_tui.core.exchange.vtodo import fill_strategy, fill_tactic, strategy_todo, tactic_todo, uid
from planner_tui.core.file.store import Store
from planner_tui.core.model import Strategy, Tactic
from planner_tui.core.settings import CalDavSettings
from planner_tui.core.exchange.sync.plan_side import STRATEGY_STATUSES, TACTIC_STATUSES
from planner_tui.core.user_text import counted

ROUNDS = 2
SAVE_EVERY = 1.0  # seconds between saves of the sync state during the server's writes
Progress = Callable[[str], None]


class Line(NamedTuple):
    """One to-do in the report: its plan key (or UID), title, and what became of it."""

    key: str
    title: str
    what: str


@dataclasses.dataclass
class SyncReport:
    """What a sync did (or, dry, would do) on each side, and what it decided in conflicts."""

    list_url: str = ""
    dry_run: bool = False
    to_plan: list[Line] = dataclasses.field(default_factory=list)
    to_server: list[Line] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    plan_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.to_plan or self.to_server)

    def lines(self, list_name: str) -> list[str]:
        """The report in lines (`planner sync`, the app's notification): a heading, then
        each side's changes, then the conflicts decided."""
        if not self.changed and not self.notes:
            return [f"Nothing to sync: the plan and the list {list_name!r} agree."]
        verb = "Would change" if self.dry_run else "Changed"
        lines = [f"Dry run: nothing was written. ({self.list_url})" if self.dry_run
                 else f"Synced with the list {list_name!r} ({self.list_url})."]
        for heading, changes in ((f"{verb} in the plan", self.to_plan), (f"{verb} on the server", self.to_server)):
            if changes:
                lines.append(f"{heading} ({len(changes)}):")
                width = max(len(line.key) for line in changes)
                lines.extend(f"  {line.key:<{width}}  {line.what}: {line.title}" for line in changes)
        if self.notes:
            lines.append("Decided:")
            lines.extend(f"  {note}" for note in self.notes)
        return lines


def sync(store: Store, config: CalDavSettings, dry_run: bool = False, progress: Progress = lambda _message: None,
         password: str | None = None) -> SyncReport:
    """Sync the plan in ``store`` with the task list ``config`` names; a `SyncError` when it stops.

    ``password``: None takes it from where the settings say (password.py).
    """
    report = SyncReport(dry_run=dry_run)
    try:
        _sync(store, config, report, progress, password)
    except SyncError as error:
        raise type(error)(f"{error} {_what_became_of_the_plan(report)}") from None
    return report


def _sync(store: Store, config: CalDavSettings, report: SyncReport, progress: Progress, password: str | None) -> None:
    state = sync_state.load(store.path, store.warnings.append)
    source = f"{config.user} at {config.url}, list {config.list}"
    known = state.calendar if state.source == source else None
    server = Server(config.url, config.user, password or password_for(config), config.list, config.timeout, known)
    progress("Finding the task list")
    calendar = server.open_list(create=not report.dry_run)
    report.list_url = calendar or ""
    if calendar is None:  # a dry run before the list exists: everything would be new there
        report.to_server = [Line(key, item.title, "new") for key, (_kind, item) in sorted(plan_items(store.plan).items())]
        return
    if state.calendar != calendar or state.source != source:
        if state.items:
            store.warnings.append(f"The sync state was for another task list ({state.source}); "
                                  "this sync starts afresh, matching to-dos by UID.")
        state = SyncState(calendar=calendar, source=source)
    for _round in range(1 if report.dry_run else ROUNDS):
        if not _Round(store, server, state, report, progress).run():
            break


def _what_became_of_the_plan(report: SyncReport) -> str:
    if not report.plan_changed:
        return "Nothing in the plan was changed; `planner sync` again resumes."
    return ("The plan already has the server's changes (`planner undo` takes them back); "
            "`planner sync` again sends the rest to the server.")


class _Round:
    """One pass of steps 1-4; `run` says whether the plan changed (so another pass may follow)."""

    def __init__(self, store: Store, server: Server, state: SyncState, report: SyncReport, progress: Progress):
        self.store, self.server, self.state, self.report, self.progress = store, server, state, report, progress
        self.copies: dict[str, tuple[ServerCopy, str, str | None, bytes]] = {}  # uid -> copy, href, etag, data
        self.saved = time.monotonic()

    def run(self) -> bool:
        self.store.refresh()
        listing = self._read_server()
        decisions = self._decide()
        self._tell(decisions)
        if self.report.dry_run:
            return False
        put = self._write_server(decisions)
        changed = self._write_plan([d for d in decisions if d.to_plan], put)
        self._settle([d for d in decisions if not d.to_plan], put)
        self.state.token = listing.token
        self._save()
        return changed

    # -- 1. the server's side -------------------------------------------------------

    def _read_server(self):
        self.progress("Listing the to-dos")
        listing = self.server.listing(self.state.token)
        by_href = {entry.href: key for key, entry in self.state.items.items() if entry.href}
        gone = set(listing.deleted) | ({href for href in by_href if href not in listing.etags} if listing.full else set())
        wanted = {href for href, etag in listing.etags.items()
                  if etag is None or href not in by_href or self.state.items[by_href[href]].etag != etag}
        wanted |= {entry.href for entry in self.state.items.values()
                   if entry.href and entry.etag is None and entry.href not in gone}
        if wanted:
            self.progress(f"Reading {counted(len(wanted), 'to-do')}")
        fetched = self.server.fetch(sorted(wanted))
        gone |= wanted - {f.href for f in fetched}
        self.gone = {by_href[href] for href in gone if href in by_href}
        for found in fetched:
            self._keep(found.href, found.etag, found.data)
        return listing

    def _keep(self, href: str, etag: str | None, data: bytes) -> None:
        """Remember a to-do read from the server (events and the like in the list are left alone)."""
        import icalendar

        try:
            calendar = icalendar.Calendar.from_ical(data)
        except ValueError:
            self.report.notes.append(f"{href} could not be read as iCalendar; it was left alone.")
            return
        todos = [c for c in calendar.walk("VTODO") if c.get("uid")]
        masters = [c for c in todos if "recurrence-id" not in c]
        if not masters:
            return
        copy = server_copy(masters[0], [c for c in todos if "recurrence-id" in c])
        self.copies[copy.uid] = (copy, href, etag, data)
        for dropped in copy.dropped:
            self.report.notes.append(f"{copy.uid} {copy.item.title!r}: the plan cannot hold {dropped}; "
                                     "the server keeps it.")

    # -- 2. deciding ------------------------------------------------------------------

    def _decide(self) -> list[Decision]:
        plan = self.store.plan
        self.items = plan_items(plan)
        self.uids = {key: uid(key) for key in self.items}
        known = self.state.uid_of()
        self.uids.update({key: found for key, found in known.items() if key in self.items})
        self.keys = keys = {found: key for key, found in self.uids.items()}
        raw = self.store.storage.read() or {}
        self.file_time = plan_modified(None, self.store.path)
        everyone = set(self.state.items) | set(self.copies) | set(keys)
        return [d for d in (self._decision(found, raw) for found in sorted(everyone)) if d.to_plan or d.to_server
                or self._unsettled(d)]

    def _decision(self, found: str, raw: dict) -> Decision:
        entry = self.state.items.get(found)
        key = entry.key if entry is not None else self.keys.get(found)
        if key is not None and key not in self.items and entry is None:
            key = None
        kind, plan_item = self.items.get(key, (TACTIC if key is None or key.startswith("t") else STRATEGY, None))
        copy = self.copies.get(found, (None,))[0]
        if copy is not None:
            server_item = copy.item
        elif entry is not None and found not in self.gone:
            server_item = entry.base
        else:
            server_item = None
        table = "tactics" if kind == TACTIC else "strategies"
        doc = (raw.get(table) or {}).get(key[1:]) if key else None
        plan_time = plan_modified(doc, self.store.path) if doc and "modified" in doc else self.file_time
        side = Side(found, key, kind, plan_item, entry.base if entry else None, server_item, copy, plan_time)
        return decide(side, self._names_strategy)

    def _names_strategy(self, parent: str | None) -> bool:
        key = self.keys.get(parent or "")
        return key is not None and key.startswith("s") and key in self.items

    def _unsettled(self, decision: Decision) -> bool:
        """In agreement, but the state does not say so yet (a first sync, a to-do read again)."""
        entry = self.state.items.get(decision.side.uid)
        held = self.copies.get(decision.side.uid)
        if decision.result is None:
            return entry is not None  # gone from both sides: the state forgets it
        return entry is None or entry.base != decision.result or (held is not None and entry.etag != held[2])

    def _tell(self, decisions: list[Decision]) -> None:
        for decision in decisions:
            side, result = decision.side, decision.result
            title = (result or side.plan or side.server).title
            name = side.key or side.uid
            if decision.to_plan:
                what = "done (the next occurrence keeps the new deadline)" if decision.occurrence_done \
                    else what_changed(side.plan, result)
                self.report.to_plan.append(Line(name, title, what))
            if decision.to_server:
                self.report.to_server.append(Line(name, title, what_changed(side.server, result)))
            self.report.notes.extend(decision.notes)

    # -- 3. writing the server's side ---------------------------------------------------

    def _write_server(self, decisions: list[Decision]) -> dict[str, tuple[str, str | None]]:
        """Each server write, the state saved after each; uid -> (href, new ETag)."""
        writes = [d for d in decisions if d.to_server]
        self._read_for_editing(writes)
        put: dict[str, tuple[str, str | None]] = {}
        for number, decision in enumerate(writes, 1):
            self.progress(f"Writing to the server: {number} of {len(writes)}")
            found, entry = decision.side.uid, self.state.items.get(decision.side.uid)
            if decision.result is None:
                self.server.delete(entry.href, found, entry.etag)
                del self.state.items[found]
            else:
                put[found] = self._put(decision, entry)
            self._save_now_and_then()
        return put

    def _read_for_editing(self, writes: list[Decision]) -> None:
        """A to-do to edit is edited as the server holds it (a phone's alarms stay): read
        the ones this sync did not read yet, in one request."""
        missing = [self.state.items[d.side.uid].href for d in writes
                   if d.result is not None and d.side.uid not in self.copies and d.side.uid in self.state.items
                   and d.side.uid not in self.gone]
        for found in self.server.fetch(missing):
            self._keep(found.href, found.etag, found.data)
        for d in writes:
            entry, held = self.state.items.get(d.side.uid), self.copies.get(d.side.uid)
            if entry is not None and held is not None and entry.etag is not None and held[2] != entry.etag \
                    and d.side.copy is None:
                raise SyncError(f"The server's copy of {d.side.uid} changed during the sync.")

    def _put(self, decision: Decision, entry: Entry | None) -> tuple[str, str | None]:
        found = decision.side.uid
        held = self.copies.get(found)
        href = held[1] if held else (entry.href if entry and found not in self.gone else None)
        etag = held[2] if held else (entry.etag if entry else None)
        data = self._vtodo(decision, held[3] if held else None)
        href, new_etag = self.server.put(href, found, data, etag)
        entry = self.state.items.setdefault(found, Entry(decision.side.key or ""))
        entry.href = href
        if decision.to_plan:
            entry.etag = None  # not the base until the plan has it too (see the module's step 3)
        else:
            entry.key, entry.etag, entry.base = decision.side.key, new_etag, decision.result
        return href, new_etag

    def _vtodo(self, decision: Decision, data: bytes | None) -> bytes:
        """The to-do to write: the server's copy edited, or a new one; with its time zones."""
        import icalendar

        plan, side = self.store.plan, decision.side
        model = _as_model(plan, side.kind, side.key, decision.result, self.keys)
        now = self.store.clock().in_tz("UTC")
        calendar = icalendar.Calendar.from_ical(data) if data else None
        masters = [c for c in calendar.walk("VTODO") if "recurrence-id" not in c] if calendar else []
        if masters:
            (fill_tactic if side.kind == TACTIC else fill_strategy)(masters[0], plan, model, now)
        else:
            calendar = icalendar.Calendar()
            calendar.add("prodid", PRODID)
            calendar.add("version", "2.0")
            todo = (tactic_todo(plan, model, now, repeats=True) if side.kind == TACTIC
                    else strategy_todo(plan, model, now))
            if todo["uid"] != side.uid:
                todo["uid"] = side.uid
            calendar.add_component(todo)
        calendar.add_missing_timezones()
        return calendar.to_ical()

    # -- 4. the plan's side ------------------------------------------------------------

    def _write_plan(self, decisions: list[Decision], put: dict[str, tuple[str, str | None]]) -> bool:
        if not decisions:
            return False
        self.progress(f"Saving {counted(len(decisions), 'change')} to the plan")
        applied = plan_side.apply(self.store, decisions, self.uids, f"sync with {self.server.list_name}")
        for decision in decisions:
            found = decision.side.uid
            if found in applied.skipped:
                self.report.notes.append(f"{decision.side.key}: changed in the plan during the sync; "
                                         "the next sync takes it up.")
                continue
            if decision.result is None:
                self.state.items.pop(found, None)
                continue
            key = applied.created.get(found, decision.side.key)
            self._agree(found, key, put.get(found), decision.result if found in put else decision.side.server)
        self.report.to_plan = [line._replace(key=f"{applied.created[line.key]} ({line.key})")
                               if line.key in applied.created else line for line in self.report.to_plan]
        self.report.plan_changed = self.report.plan_changed or bool(applied.change)
        return bool(applied.change)

    def _settle(self, decisions: list[Decision], put: dict[str, tuple[str, str | None]]) -> None:
        """Record agreement where only the server changed, or nothing did but the state was behind."""
        for decision in decisions:
            found = decision.side.uid
            if found in put:
                continue
            if decision.result is None:
                self.state.items.pop(found, None)
                continue
            self._agree(found, decision.side.key, None, decision.result)

    def _agree(self, found: str, key: str | None, written: tuple[str, str | None] | None, base: Item | None) -> None:
        """Both sides now hold ``base``: the state says so, with the server copy's href and ETag."""
        held = self.copies.get(found)
        entry = self.state.items.setdefault(found, Entry(key or ""))
        entry.key = key or entry.key
        if written is not None:
            entry.href, entry.etag = written
        elif held is not None:
            entry.href, entry.etag = held[1], held[2]
        entry.base = base

    def _save(self) -> None:
        sync_state.save(self.store.path, self.state)
        self.saved = time.monotonic()

    def _save_now_and_then(self) -> None:
        """The state, saved at most every `SAVE_EVERY` seconds while writing to the server.

        Enough to resume a long first upload near where it stopped. A write the
        state missed is still safe: its UID is fixed and every write conditional,
        so the next sync reads it back (its ETag is new) and finds it agrees.
        Saving after each of a thousand writes rewrote the growing file a thousand times.
        """
        if time.monotonic() - self.saved >= SAVE_EVERY:
            self._save()


def _as_model(plan, kind: str, key: str | None, item: Item, keys: dict[str, str]) -> Tactic | Strategy:
    """The plan's document with the decided fields, for the VTODO builder."""
    doc_id = int(key[1:])
    if kind == TACTIC:
        tactic = plan.tactics[doc_id]
        parent = keys.get(item.parent or "", "")
        strategy = int(parent[1:]) if parent.startswith("s") else tactic.strategy
        return dataclasses.replace(tactic, title=item.title, status=TACTIC_STATUSES[item.status],
                                   due=from_iso(item.due), notes=item.notes,
                                   repeat=item.repeat if item.is_open else tactic.repeat, strategy=strategy)
    strategy = plan.strategies[doc_id]
    return dataclasses.replace(strategy, title=item.title, status=STRATEGY_STATUSES[item.status],
                               horizon=from_iso(item.due), why=item.notes)
