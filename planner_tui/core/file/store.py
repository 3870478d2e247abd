"""The plan file: open it, lock it, commit changes to it, notice others' changes.

Every commit takes a lock on ``plan.json.lock`` (a separate file, because the
data file itself is replaced on each write), re-reads the file if another
process changed it, applies its changes by id, and writes once, atomically.
The in-memory `Plan` is then updated with the same changes, so a commit costs
one write, not a reload.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import pendulum
from tinydb import TinyDB

from planner_tui.core.file import backups, integrity, modified, side_files, validation
from planner_tui.core.file import undo_journal
from planner_tui.core.file.backups import backup_folder  # noqa: F401  (callers and tests import it from here)
from planner_tui.core.file.changes import Change, Op, Patch, Put, Remove
from planner_tui.core.dates import with_local_zone
from planner_tui.core.errors import InputError, SaveError
from planner_tui.core.plan import Plan
from planner_tui.core.file.storage import AtomicJSONStorage, UnreadableFile, remove_stale_temps

if TYPE_CHECKING:
    from filelock import FileLock

SCHEMA = 5


def _zone_timed_deadlines(tables: dict[str, Any]) -> None:
    """Schema 1 -> 2: a timed deadline keeps its zone (`2026-12-04T09:00:00-05:00[America/New_York]`,
    core/dates.py), so it keeps its wall-clock time across daylight-saving changes.
    Schema 1 kept only the offset: the local zone is attached where it had that offset."""
    for doc in (tables.get("tactics") or {}).values():
        if isinstance(doc, dict) and "due" in doc:
            doc["due"] = with_local_zone(doc["due"])


def _owners_tags_pauses_away(tables: dict[str, Any]) -> None:
    """Schema 2 -> 3: owners and tags (strategies, tactics), paused strategies
    (`paused`, `paused_until`) and time away (the `away` table). A schema-2 file has
    none of them, so nothing is converted; the number says that a schema-2 planner
    must not open a file that has them (it would refuse `paused` without saying
    why, and drop the `away` table from its exports)."""
def _key_results(tables: dict[str, Any]) -> None:
    """Schema 4 -> 5: strategies may have key results (the `keyresults` and `measurements`
    tables, core/keyresults.py). Nothing older needs changing; the number keeps older
    versions out, which would export a plan without them and leave them behind when
    a strategy is deleted."""


def _stamp_every_write(tables: dict[str, Any]) -> None:
    """Schema 3 -> 4: every write stamps each document it changes with ``modified``
    (core/file/modified.py), which merging decides by. Nothing in the file changes: a
    document without a stamp counts as changed before any stamped change. The number
    moves so that an older planner_tui, which would change documents without
    stamping them, refuses the file instead of leaving stamps that lie."""


# Upgrades of the raw tables from schema N to N + 1, applied in order on open
# (and to an older JSON export on import).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {1: _zone_timed_deadlines, 2: _owners_tags_pauses_away,
                                                          3: _stamp_every_write, 4: _key_results}
LOCK_TIMEOUT = 15.0
LOCK_POLL = 0.01  # seconds between tries while another process holds the lock
ID_TABLES = ("strategies", "tactics", "checkins", "reviews", "away", "keyresults", "measurements")
META_ID = 1

Clock = Callable[[], pendulum.DateTime]


class PlanFileError(Exception):
    """The plan file cannot be used; the message says which, why and where backups are."""


class StaleUndo(InputError):
    """An undo or redo the plan no longer allows (core/file/integrity.py): nothing was written."""


class UndoRefused(StaleUndo):
    """The app's undo or redo, refused (`Store.revert`): the plan changed since."""


class NotFound(LookupError):
    """A change names a document that is not (or no longer) in the file."""


def _cannot(verb: str, label: str, refused: integrity.Refusal) -> str:
    return f"Cannot {verb} {label!r}: the plan has changed since ({refused.reason})."


def default_path() -> Path:
    """``PLANNER_DB`` if set, else the platform's data folder (DESIGN.md)."""
    if env := os.environ.get("PLANNER_DB"):
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("planner-tui") / "plan.json"


def open_store(path: str | os.PathLike[str], clock: Clock = pendulum.now, refuse_emptied: bool = True) -> Store:
    """`Store(path)`, with an OS error (a file it cannot read) told as a
    PlanFileError like every other reason it cannot be used."""
    try:
        return Store(path, clock=clock, refuse_emptied=refuse_emptied)
    except OSError as error:
        raise PlanFileError(f"Cannot use the plan file {path}: {error.strerror or error}.") from None


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load makes its many small objects.

    None of them are garbage, yet each allocation burst triggers a collection
    that walks them all: about a tenth of a 100k-tactic load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Store:
    """One plan file and the `Plan` it holds.

    Opening a missing file (in a missing folder) gives an empty plan and makes
    nothing on disk: the folder, the lock file, the backups and the journal
    come with the first commit, so a read or a refused command leaves no trace.

    An empty file beside backups of a real plan is refused (`refuse_emptied`):
    a truncation or a sync tool's placeholder, not a plan to start afresh in.
    ``warnings`` collects what was set aside on the way (core/file/side_files.py),
    for the front door to show.
    """

    def __init__(self, path: str | os.PathLike[str], clock: Clock = pendulum.now, refuse_emptied: bool = True):
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.clock = clock
        self.refuse_emptied = refuse_emptied
        self.warnings: list[str] = []
        remove_stale_temps(self.path)
        self.storage = AtomicJSONStorage(self.path)
        self.db = TinyDB(self.path, storage=lambda _path: self.storage)
        self._file_lock: FileLock | None = None
        self.plan = Plan()
        self._load()

    # -- reading -------------------------------------------------------------

    def _load(self) -> None:
        """Read, check and migrate the file, then build the `Plan` from it.

        A refused file is forgotten, so that no later commit writes over it
        (each one tries to read it again, and is refused again).
        """
        try:
            with _no_gc():
                self._build()
        except PlanFileError:
            self.storage.invalidate()
            raise

    def _build(self) -> None:
        data = self._read()
        schema = self.schema_of(data)
        self.plan = self._migrate_file() if data and schema < SCHEMA else self._checked_plan(data)

    def _checked_plan(self, data: dict[str, Any]) -> Plan:
        """The plan in ``data``; a PlanFileError saying where and what when it holds
        what may not be in a plan (core/file/validation.py)."""
        try:
            return Plan.from_tables(data)
        except validation.Invalid as error:
            raise PlanFileError(self._explain(UnreadableFile(f"in {error}"))) from None

    def _read(self) -> dict[str, Any]:
        """The file's tables, refusing what we cannot use (bad JSON, a future schema)."""
        try:
            data = self.storage.reload()
        except UnreadableFile as error:
            raise PlanFileError(self._explain(error)) from None
        except OSError as error:
            raise PlanFileError(f"Cannot read {self.path}: {error.strerror or error}.") from None
        if data is None:
            self._check_emptied()
            data = {}
        schema = self.schema_of(data)
        if schema > SCHEMA:
            raise PlanFileError(self._explain(UnreadableFile(
                f"it was written by a newer planner_tui (schema {schema}; this one knows up to {SCHEMA})")))
        return data

    def _migrate_file(self) -> Plan:
        """Upgrade an older file on open: checked, then a copy of it is kept, then it
        is rewritten. A malformed file is refused before anything is written.

        When it cannot be written (a read-only copy, a full disk) the upgrade
        stays in memory and the next commit writes it.
        """
        try:
            with self._locked():
                data = self._read()  # the file as it is now that we hold the lock
                schema = self.schema_of(data)
                if not data or schema == SCHEMA:  # another process got there first
                    return self._checked_plan(data)
                self._migrate(data, schema)
                plan = self._checked_plan(data)
                backups.keep_copy(self.path, f"{self.path.stem}.schema{schema}{self.path.suffix}")
                self.storage.flush()
                return plan
        except (SaveError, OSError):
            data = self._read()
            self._migrate(data, self.schema_of(data))
            return self._checked_plan(data)

    @staticmethod
    def _migrate(data: dict[str, Any], schema: int) -> None:
        for version in range(schema, SCHEMA):
            MIGRATIONS[version](data)
        meta = data.setdefault("meta", {}).setdefault(str(META_ID), {})
        meta["schema"] = SCHEMA

    def _explain(self, error: UnreadableFile) -> str:
        where = f" at line {error.line}, column {error.column}" if error.line else ""
        return (f"Cannot use the plan file {self.path}: {error.reason}{where}. "
                f"It was left untouched. {backups.told(self.path)}")

    def _check_emptied(self) -> None:
        """Refuse an empty file (not a missing one) beside backups of a real plan."""
        if not self.refuse_emptied or not self.path.exists():
            return
        newest = backups.newest_with_plan(self.path)
        if newest is not None:
            raise PlanFileError(
                f"The plan file {self.path} is empty, but its backups hold a plan; the newest is {newest}. "
                f"`{self.restore_command()}` puts it back (the empty file is kept with the backups). "
                "Nothing was written.")

    def restore_command(self) -> str:
        """The command that restores this plan: `planner restore`, with --db unless it is the default."""
        if os.path.realpath(default_path()) == str(self.path):
            return "planner restore"
        return f"planner --db {shlex.quote(str(self.path))} restore"

    def schema_of(self, data: dict[str, Any]) -> int:
        """The file's ``meta.schema`` (1 when absent); a PlanFileError when it is not a number."""
        meta = data.get("meta", {}).get(str(META_ID), {})
        schema = meta.get("schema", 1) if isinstance(meta, dict) else meta
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise PlanFileError(self._explain(UnreadableFile(f"its meta.schema is {schema!r}, not a schema number")))
        return schema

    def changed_on_disk(self) -> bool:
        """Did another process (or a sync tool) replace the file since we read it?"""
        return self.storage.changed_on_disk()

    def refresh(self) -> bool:
        """Reload when the file changed under us; True when it did."""
        if not self.changed_on_disk():
            return False
        self._load()
        return True

    # -- writing -------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, label: str, journal: bool = False) -> Iterator[Transaction]:
        """Lock, catch up with the file, collect changes, write them once.

        ``journal`` also records the change in the undo journal next to the file
        (core/file/undo_journal.py) so that a later process (``planner undo``) can take it back.
        """
        with self._locked():
            self.refresh()
            tx = Transaction(self, Change(label))
            try:
                with self.storage.batch():
                    yield tx
                    if tx.change:
                        self._check_change(tx)
                    if tx.change or self.storage.dirty:  # (a restore may raise only the id counters)
                        self._prepare_write(tx)
            except OSError as error:
                raise SaveError(f"Could not save {self.path}: {error.strerror or error}. "
                                "The file still holds the plan as it was before this change.") from None
            self.plan.apply(tx.change.forward)
            if tx.moved_journal or (journal and tx.change):
                self._journal(tx.moved_journal, [undo_journal.entry(tx.change)] if journal and tx.change else [])

    def _check_change(self, tx: Transaction) -> None:
        """The gate every commit passes (core/file/validation.py): what the change wrote
        may be in a plan, or an `Invalid` (an InputError) says what is wrong and
        nothing is written."""
        try:
            validation.check_change(tx.change.forward, tx._raw)
        except validation.Invalid as error:
            raise error.told(f"Cannot save this change ({tx.change.label}): in ",
                             ". Nothing was written.") from None

    def journal(self, change: Change) -> None:
        """Keep a change made of several commits (a check-in's decisions, a status set on
        several strategies) as one entry of the undo journal: one `planner undo` takes
        it all back, as one undo does in the app."""
        if change:
            self._journal([], [undo_journal.entry(change)])

    def _journal(self, older: list[dict[str, Any]], newer: list[dict[str, Any]]) -> None:
        """Add entries around the undo journal, once the change is saved. The change
        is saved either way: a journal that cannot be written only leaves it out of
        `planner undo`."""
        with contextlib.suppress(OSError):
            undo_journal.write(self.path, older + undo_journal.read(self.path, self.warnings.append) + newer)

    @property
    def _lock(self) -> FileLock:
        """``plan.json.lock``, made on the first commit: filelock's imports cost
        about 15 ms, which the app's first frame does not need to pay."""
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT,
                                       mode=side_files.plan_mode(self.path))
        return self._file_lock

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold ``plan.json.lock``; a SaveError when it cannot be had."""
        from filelock import Timeout

        self._make_folder()
        try:
            self._lock.acquire(poll_interval=LOCK_POLL)
        except Timeout:
            raise SaveError(f"{self.path} is locked by another planner for over {LOCK_TIMEOUT:.0f} s.") from None
        except OSError as error:
            raise SaveError(f"Could not save {self.path}: cannot use the lock file {self._lock.lock_file} "
                            f"({error.strerror or error}). The file still holds the plan as it was.") from None
        try:
            yield
        finally:
            self._lock.release()

    def _make_folder(self) -> None:
        """The plan's folder, made by the first commit (the lock file lives in it)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SaveError(f"Could not save {self.path}: cannot create its folder {self.path.parent} "
                            f"({error.strerror or error}).") from None

    def _prepare_write(self, tx: Transaction) -> None:
        backups.keep_daily(self.path, self.clock().date())
        meta = tx.meta()
        meta["schema"] = SCHEMA
        # Where older versions kept the journal: out of the plan, into the journal once saved.
        tx.moved_journal = meta.pop("undo", [])
        tx._write("meta", META_ID, meta)

    def replay(self, label: str, ops: list[Op], journal: bool = False) -> Change:
        """Commit ready-made changes (undo, redo), their stamps as they are; ones naming
        a vanished document are skipped. Every other write is a `transaction` whose
        changes are made as it goes: "commit" is what both end in."""
        with self.transaction(label, journal) as tx:
            for op in ops:
                tx.apply(op, strict=False)
        return tx.change

    def pop_journal(self) -> Change | None:
        """Take the newest journaled change back (``planner undo``); None when there is none.

        A change the plan no longer allows (edited since, by hand, git or the app, or
        one that would orphan, dangle or loop: core/file/integrity.py) is not taken back: it
        leaves the journal and a `StaleUndo` says so. A change too big for the journal
        (core/file/undo_journal.py) is refused and stays: undo never skips it for an older one.
        """
        self.refresh()
        if not self._journaled():
            return None  # nothing to lock for: a missing plan gets no folder or lock file
        with self._locked():
            self.refresh()
            entries = self._journaled()
            if not entries:
                return None
            if (size := undo_journal.too_big(entries[-1])) is not None:  # stays: undo stops here
                raise StaleUndo(f"Cannot undo {entries[-1].get('label')!r}: {undo_journal.too_big_reason(size)}. "
                                "Nothing was changed.")
            last = Change.from_json(entries.pop())
            refused = integrity.refusal(last, self._table)
            if refused is not None:
                self._move_journal_out_of_meta()
                undo_journal.write(self.path, entries)
                raise StaleUndo(f"{_cannot('undo', last.label, refused)} It was taken off the undo list; "
                                "nothing else changed.")
            change = self.replay(f"undo {last.label}", modified.kept_on_undo(last, self._table))  # (reentrant lock)
            with contextlib.suppress(OSError):
                undo_journal.write(self.path, entries)
        return change

    def revert(self, change: Change, verb: str = "undo", label: str | None = None) -> Change:
        """Commit ``change.inverse`` (the app's undo; its redo passes ``change.undone()``).

        Checked under the lock, on the file as it is now: when the plan no longer
        allows it (core/file/integrity.py) an `UndoRefused` says why and what to do, and
        nothing is written. ``label`` names the change in messages and in the commit.
        """
        label = change.label if label is None else label
        with self._locked():
            self.refresh()
            refused = integrity.refusal(change, self._table)
            if refused is not None:
                raise UndoRefused(f"{_cannot(verb, label, refused)} Nothing was changed; {refused.fix}.")
            return self.replay(f"{verb} {label}", modified.kept_on_undo(change, self._table))  # (reentrant lock)

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        """One table as stored (documents by id as text), for reading only."""
        return (self.storage.read() or {}).get(name, {})

    def _journaled(self) -> list[dict[str, Any]]:
        """The undo entries, oldest first: an older file's meta.undo, then the journal file."""
        return self.plan_meta().get("undo", []) + undo_journal.read(self.path, self.warnings.append)

    def _move_journal_out_of_meta(self) -> None:
        """An older file's meta.undo goes (its entries are in the journal file next)."""
        if "undo" in self.plan_meta():
            with self.transaction("move the undo journal out of the plan") as tx:
                tx._write("meta", META_ID, {k: v for k, v in tx.meta().items() if k != "undo"})

    def plan_meta(self) -> dict[str, Any]:
        """The file's meta document as read (schema, id counters)."""
        return dict((self.storage.read() or {}).get("meta", {}).get(str(META_ID), {}))


class Transaction:
    """The changes of one commit, applied by id to the tables TinyDB's storage holds.

    What it writes anew (`insert`, `update`) is stamped with the time of the
    commit (core/file/modified.py); what it puts back (`apply`: undo, redo, a
    restore, a merge) keeps the stamps it carries.

    Changes go straight into the storage's cached tables (the same dicts, in
    TinyDB's file format) rather than through ``tinydb.Table``, whose every
    operation rebuilds the whole table twice: at 100k tactics that was most of
    a commit's time. The storage writes them all at once when the commit ends,
    or drops them if it fails.
    """

    def __init__(self, store: Store, change: Change):
        self.store = store
        self.change = change
        self.moved_journal: list[dict[str, Any]] = []  # meta.undo of an older file, see _prepare_write
        self._stamp: str | None = None

    @property
    def now(self) -> pendulum.DateTime:
        return self.store.clock()

    def _stamped(self, table: str, fields: dict[str, Any]) -> dict[str, Any]:
        """``fields`` with the commit's ``modified`` stamp: one time for the whole commit."""
        if table in modified.UNSTAMPED_TABLES:
            return fields
        if self._stamp is None:
            self._stamp = self.now.isoformat()
        return {**fields, modified.FIELD: self._stamp}

    def _raw(self, name: str) -> dict[str, Any]:
        return (self.store.storage.read() or {}).get(name, {})

    def _write(self, table: str, doc_id: int, doc: dict[str, Any] | None) -> None:
        """Set (or, for None, delete) one document, to be saved with the commit."""
        storage = self.store.storage
        data = storage.read()
        if data is None:
            data = {}
        if doc is None:
            docs = data.get(table, {})
            docs.pop(str(doc_id), None)
            if not docs:  # a table is in the file while it holds documents: an undo leaves no trace
                data.pop(table, None)
        else:
            data.setdefault(table, {})[str(doc_id)] = doc
        storage.write(data)

    def get(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """A copy of the document as it is in this transaction, or None.

        A copy, so that what the caller does with it cannot touch the stored
        one (whose old values undo needs).
        """
        doc = self._raw(table).get(str(doc_id))
        return dict(doc) if doc is not None else None

    def documents(self, table: str) -> Iterable[dict[str, Any]]:
        """Every document of ``table`` as it is in this transaction, so far (to read:
        not copies; the plan, `store.plan`, is as it was before the transaction)."""
        return self._raw(table).values()

    def meta(self) -> dict[str, Any]:
        return dict(self.get("meta", META_ID) or {})

    def set_meta(self, **fields: Any) -> None:
        self._write("meta", META_ID, {**self.meta(), **fields})

    def _next_id(self, table: str) -> int:
        """Ids are never reused: a counter in meta, also past any id found in the file."""
        counters = self.meta().get("ids", {})
        raw = self._raw(table)
        candidate = counters.get(table) or max(map(int, raw), default=0)
        candidate += 1
        while str(candidate) in raw:
            candidate += 1
        self.set_meta(ids={**counters, table: candidate})
        return candidate

    def insert(self, table: str, doc: dict[str, Any]) -> int:
        doc_id = self._next_id(table)
        self._put(table, doc_id, self._stamped(table, doc))
        self.change.new_ids.append(doc_id)
        return doc_id

    def _put(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        old = self.get(table, doc_id)
        self._write(table, doc_id, dict(doc))
        self._record(Put(table, doc_id, dict(doc)), Put(table, doc_id, old) if old else Remove(table, doc_id))

    def update(self, table: str, doc_id: int, **fields: Any) -> None:
        """Set ``fields`` of a document, and stamp it when any of them changes. A
        `validation.SPARSE` field written empty (null, no tags) leaves the document
        instead, as if it had never been set: a stamp of null is no stamp."""
        self._patch(table, doc_id, fields, stamp=True)

    def _patch(self, table: str, doc_id: int, fields: dict[str, Any], stamp: bool) -> None:
        old = self.get(table, doc_id)
        if old is None:
            raise NotFound(f"{table} {doc_id} does not exist")
        sparse = validation.SPARSE.get(table, frozenset())
        fields = {k: None if k in sparse and v in (None, [], ()) else v for k, v in fields.items()}
        changed = {k: v for k, v in fields.items() if old.get(k) != v or (k not in old and k not in sparse)}
        if not changed:
            return
        if stamp:
            changed = self._stamped(table, changed)
        doc = {**old, **changed}
        for key in sparse.intersection(changed):
            if doc[key] is None:
                del doc[key]
        self._write(table, doc_id, doc)
        self._record(Patch(table, doc_id, changed), Patch(table, doc_id, {k: old.get(k) for k in changed}))

    def remove(self, table: str, doc_id: int) -> None:
        old = self.get(table, doc_id)
        if old is None:
            raise NotFound(f"{table} {doc_id} does not exist")
        self._write(table, doc_id, None)
        self._record(Remove(table, doc_id), Put(table, doc_id, old))

    def apply(self, op: Op, strict: bool = True) -> None:
        """Apply a stored change, its stamps as they are; with ``strict=False`` a
        vanished document is skipped."""
        exists = self.get(op.table, op.id) is not None
        if not strict and not exists and not isinstance(op, Put):
            return
        if isinstance(op, Put):
            self._put(op.table, op.id, op.doc)
        elif isinstance(op, Patch):
            self._patch(op.table, op.id, op.fields, stamp=False)
        else:
            self.remove(op.table, op.id)

    def _record(self, forward: Op, inverse: Op) -> None:
        self.change.forward.append(forward)
        self.change.inverse.insert(0, inverse)
