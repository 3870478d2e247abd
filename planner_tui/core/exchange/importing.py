"""Bring plans in: a JSON export (restore or merge) and a Markdown outline.

Everything is read and checked before the file is touched, then written in
one store transaction, so an import is all or nothing: a bad document, a
newer schema or a full disk leaves the plan as it was. Bad input raises
`InputError` (the CLI's exit 2) naming what is wrong and where.

Files come from the wild: only regular files are read (a named pipe would
block, `/dev/zero` never ends), at most `MAX_IMPORT_BYTES` of them, and a file
with nothing recognisable in it is refused, saying what would have been.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pendulum

from planner_tui.core.file import backups, validation
from planner_tui.core.file import undo_journal
from planner_tui.core.actions import clean_title
from planner_tui.core.file.changes import Change, Put
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.markdown_outline import Outline, OutlineKeyResult, OutlineStrategy, parse_outline
from planner_tui.core.dates import to_iso
from planner_tui.core.model import CHECKIN_LISTS, Measurement, StrategyStatus
from planner_tui.core.plan import MODEL_OF, Plan
from planner_tui.core.file.store import ID_TABLES, META_ID, MIGRATIONS, SCHEMA, Store, Transaction
from planner_tui.core.user_text import many_lines, one_line
from planner_tui.core.file.validation import MAX_TITLE

# A plan of 100k tactics exports to about 30 MB of JSON.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
EXPECTED = ("a planner-tui JSON export or plan file, or a Markdown outline "
            "with `#` headings and `- [ ]` tasks")
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFDIR: "a folder", stat.S_IFSOCK: "a socket"}

__all__ = ["ImportResult", "Snapshot", "import_json", "import_markdown", "parse_outline", "read_json",
           "read_file", "read_stream"]


@dataclass
class ImportResult:
    """What an import did: its change (for undo), counts, and the copy kept on --replace."""

    change: Change
    mode: str  # "restore", "merge" or "replace"
    counts: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    journaled: bool = False  # False when asked for but too big: `planner undo` refuses it (core/file/undo_journal.py)

    def summary(self) -> str:
        """`3 strategies, 12 tactics, 2 check-ins and 1 review`."""
        words = {"strategies": ("strategy", "strategies"), "tactics": ("tactic", "tactics"),
                 "checkins": ("check-in", "check-ins"), "reviews": ("review", "reviews"),
                 "away": ("time away", "times away"), "keyresults": ("key result", "key results"),
                 "measurements": ("value", "values")}
        parts = [f"{n} {words[name][n != 1]}" for name, n in self.counts.items()
                 if n or name in ("strategies", "tactics")]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# -- files -------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> str:
    """The text of a file to import; `InputError` for anything but a regular
    file of UTF-8 text up to `MAX_IMPORT_BYTES`.

    Opened without blocking and checked on the open file, so a named pipe put
    where the file was answers at once instead of waiting for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror or error}. Nothing was written.") from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise InputError(f"{path} is {kind}: planner import reads a regular file, {EXPECTED}. "
                             "Nothing was written.")
        if info.st_size > MAX_IMPORT_BYTES:
            raise InputError(_too_big(path))
        return read_stream(stream, path)


def read_stream(stream: BinaryIO, name: str | os.PathLike[str]) -> str:
    """Text read from ``stream`` (a file, standard input), stopping past the size limit."""
    try:
        data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise InputError(f"Cannot read {name}: {error.strerror or error}. Nothing was written.") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError(_too_big(name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name} is not UTF-8 text (byte {error.start}). Nothing was written.") from None


def _too_big(name: str | os.PathLike[str]) -> str:
    return (f"{name} is larger than {MAX_IMPORT_BYTES // 2**20} MB, the most planner import reads. "
            "Nothing was written.")


# -- JSON: reading and checking -----------------------------------------------------


@dataclass
class Snapshot:
    """A checked JSON export: raw documents by table and id, and the id counters."""

    schema: int
    tables: dict[str, dict[int, dict[str, Any]]]
    ids: dict[str, int]

    def count(self) -> dict[str, int]:
        return {name: len(self.tables[name]) for name in ID_TABLES}


def read_json(text: str | bytes) -> Snapshot:
    """Parse and check an export (or a plan file, e.g. a backup); `InputError` when unusable.

    The documents are checked by the plan's own rule (core/file/validation.py), on
    the file's ids, so the message names them as the file does.
    """
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(f"The file is not valid JSON: {error.msg} at line {error.lineno}, "
                         f"column {error.colno}.") from None
    if not isinstance(data, dict):
        raise InputError("The file is JSON but not a planner-tui export (expected an object).")
    if "tables" in data:
        schema, raw_tables, ids = data.get("schema", 1), data["tables"], data.get("ids") or {}
    elif any(name in data for name in ID_TABLES):
        meta = (data.get("meta") or {}).get(str(META_ID)) or {}
        schema, raw_tables, ids = meta.get("schema", 1), data, meta.get("ids") or {}
    else:
        raise InputError("The file is JSON but not a planner-tui export (no strategies or tactics).")
    schema = _check_schema(schema)
    tables = _tables(raw_tables)
    for version in range(schema, SCHEMA):
        MIGRATIONS[version](tables)
    try:
        validation.check_tables(tables)
    except validation.Invalid as error:
        raise error.told("In the file, ", ". Nothing was written.") from None
    by_id = {name: {int(key): doc for key, doc in docs.items()} for name, docs in tables.items()}
    return Snapshot(SCHEMA, by_id, _counters(ids))


def _check_schema(schema: Any) -> int:
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InputError(f"The file's schema is {schema!r}, not a schema number.")
    if schema > SCHEMA:
        raise InputError(f"The file was written by a newer planner-tui (schema {schema}); this one "
                         f"reads schema {SCHEMA} and older. Update planner-tui to import it. "
                         "Nothing was written.")
    return schema


def _tables(raw: Any) -> dict[str, dict[str, Any]]:
    """The tables of the file (empty when absent), as a plan file holds them."""
    if not isinstance(raw, dict):
        raise InputError("The file's tables are not an object of documents.")
    return {name: {} if raw.get(name) is None else raw[name] for name in ID_TABLES}


def _counters(ids: Any) -> dict[str, int]:
    if not isinstance(ids, dict):
        return {}
    return {k: v for k, v in ids.items() if k in ID_TABLES and isinstance(v, int) and not isinstance(v, bool)}


def _normal(table: str, doc_id: int, doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the app writes it, keeping fields this version does not know.

    Titles are cleaned as the app cleans what people type: a control character
    in a title would be a terminal command when the CLI prints it.
    """
    normal = {**doc, **MODEL_OF[table].from_doc(doc_id, doc).to_doc()}
    if table in ("strategies", "tactics", "keyresults"):
        normal["title"] = clean_title(normal["title"])
    return normal


# -- JSON: writing -----------------------------------------------------------------


def import_json(store: Store, text: str | bytes, mode: str | None = None, journal: bool = False) -> ImportResult:
    """Restore or merge an export, in one transaction.

    ``mode``: ``"replace"`` makes the plan the file's (same ids; the plan as it
    was is copied to the backup folder first); ``"merge"`` adds the file's
    items beside the plan's with new ids; ``None`` restores into an empty plan
    and refuses to guess for a plan that has anything in it.
    """
    snapshot = read_json(text)
    if mode is None:
        if not _is_empty(store.plan):
            raise InputError(_choose_mode(store.plan))
        mode = "restore"
    if mode not in ("restore", "replace", "merge"):
        raise ValueError(f"unknown import mode {mode!r}")
    label = f"import ({mode}) of {_describe(snapshot.count())}"
    backup = None
    with store.transaction(label, journal) as tx:
        if mode == "merge":
            _merge(tx, snapshot)
        elif mode == "restore" and not _is_empty(store.plan):  # another process wrote meanwhile
            raise InputError(_choose_mode(store.plan))
        else:
            backup = _keep_before_replace(store) if not _is_empty(store.plan) else None
            replace_plan(tx, snapshot)
        backup = backup or _keep_when_undo_cannot(store, tx.change, journal)
    return ImportResult(tx.change, mode, snapshot.count(), backup, journal and undo_journal.fits(tx.change))


def _keep_when_undo_cannot(store: Store, change: Change, journal: bool) -> Path | None:
    """An import too big for the undo journal keeps a copy of the plan as it was
    instead (the file is not yet written: the transaction writes when it ends)."""
    if not journal or undo_journal.fits(change) or _is_empty(store.plan):
        return None
    return _keep_before_replace(store)


def _is_empty(plan: Plan) -> bool:
    return not any(getattr(plan, name) for name in ID_TABLES)


def _choose_mode(plan: Plan) -> str:
    return (f"The plan already holds {len(plan.strategies)} strategies and {len(plan.tactics)} tactics. "
            "Say what to do: --merge adds the file's items beside them (with new ids), "
            "--replace makes the plan the file's (a copy of the plan as it is is kept). "
            "Nothing was written.")


def _describe(counts: dict[str, int]) -> str:
    return f"{counts.get('strategies', 0)} strategies, {counts.get('tactics', 0)} tactics"


def _keep_before_replace(store: Store) -> Path | None:
    """A copy of the plan file before it is replaced, next to the daily backups."""
    if not store.path.exists():
        return None
    return backups.keep_copy(store.path, backups.copy_name(store.path, "before-import", store.clock()))


def replace_plan(tx: Transaction, snapshot: Snapshot, seen: dict[str, int] | None = None) -> None:
    """The plan becomes the snapshot's, same ids; the counters never go back, not
    even below ``seen`` (the highest ids the backups and the undo journal hold)."""
    _clear(tx)
    _restore(tx, snapshot, seen or {})


def _clear(tx: Transaction) -> None:
    plan = tx.store.plan
    for name in ID_TABLES:
        for doc_id in list(getattr(plan, name)):
            tx.remove(name, doc_id)


def _restore(tx: Transaction, snapshot: Snapshot, seen: dict[str, int]) -> None:
    """Every document with its own id; the counters never go back (ids are never reused)."""
    for name in ID_TABLES:
        for doc_id, doc in sorted(snapshot.tables[name].items()):
            tx.apply(Put(name, doc_id, _normal(name, doc_id, doc)))
    counters = dict(tx.meta().get("ids") or {})
    for name in ID_TABLES:
        highest = max(counters.get(name, 0), snapshot.ids.get(name, 0), max(snapshot.tables[name], default=0),
                      seen.get(name, 0))
        if highest:
            counters[name] = highest
    tx.set_meta(ids=counters)


def _merge(tx: Transaction, snapshot: Snapshot) -> None:
    """Insert everything with new ids, mapping parents, strategies and check-in lists.

    History that names what the file no longer holds (a review of a deleted
    strategy, a check-in's deleted tactic) cannot be joined to the plan's own
    ids, so it is left out.
    """
    plan = tx.store.plan
    strategy_ids = _merge_strategies(tx, snapshot, plan)
    tactic_ids = _merge_named(tx, snapshot, "tactics", "strategy", strategy_ids)
    for old_id, doc in sorted(snapshot.tables["reviews"].items()):
        if doc["strategy"] in strategy_ids:  # of a strategy deleted before the export: nothing to join here
            tx.insert("reviews", {**_normal("reviews", old_id, doc), "strategy": strategy_ids[doc["strategy"]]})
    for old_id, doc in sorted(snapshot.tables["checkins"].items()):
        _merge_checkin(tx, plan, _normal("checkins", old_id, doc), tactic_ids)
    held = {(away.start.isoformat(), away.end.isoformat()) for away in plan.away.values()}
    for old_id, doc in sorted(snapshot.tables["away"].items()):
        if (doc["start"], doc["end"]) not in held:  # the same days away, twice, would only be a copy
            tx.insert("away", _normal("away", old_id, doc))
    keyresult_ids = _merge_named(tx, snapshot, "keyresults", "strategy", strategy_ids)
    _merge_named(tx, snapshot, "measurements", "keyresult", keyresult_ids)


def _merge_named(tx: Transaction, snapshot: Snapshot, table: str, field: str,
                 new_ids: dict[int, int]) -> dict[int, int]:
    """Each document of ``table`` with a new id, naming the new id of what it named; returns old id -> new."""
    mapped: dict[int, int] = {}
    for old_id, doc in sorted(snapshot.tables[table].items()):
        mapped[old_id] = tx.insert(table, {**_normal(table, old_id, doc), field: new_ids[doc[field]]})
    return mapped


def _merge_strategies(tx: Transaction, snapshot: Snapshot, plan: Plan) -> dict[int, int]:
    """Parents before children; the file's top-level strategies go after the plan's."""
    docs = snapshot.tables["strategies"]
    children: dict[int | None, list[int]] = {}
    for doc_id, doc in docs.items():
        children.setdefault(doc.get("parent"), []).append(doc_id)
    position = max((s.position for s in plan.roots()), default=-1) + 1
    new_ids: dict[int, int] = {}
    order = sorted(children.get(None, []), key=lambda i: (docs[i].get("position", 0), i))
    stack = [(doc_id, None, position + n) for n, doc_id in enumerate(order)]
    stack.reverse()
    while stack:
        doc_id, parent, place = stack.pop()
        doc = {**_normal("strategies", doc_id, docs[doc_id]), "parent": parent}
        if place is not None:
            doc["position"] = place
        new_ids[doc_id] = tx.insert("strategies", doc)
        below = sorted(children.get(doc_id, []), key=lambda i: (docs[i].get("position", 0), i))
        stack.extend((child, new_ids[doc_id], None) for child in reversed(below))
    return new_ids


def _merge_checkin(tx: Transaction, plan: Plan, doc: dict[str, Any], tactic_ids: dict[int, int]) -> None:
    """A day's decisions keep their tactics (new ids); a day the plan has already gets them added."""
    mapped = {name: [tactic_ids[i] for i in doc.get(name) or [] if i in tactic_ids] for name in CHECKIN_LISTS}
    existing = plan.checkin_on(pendulum.Date.fromisoformat(doc["date"]))
    if existing is None:
        tx.insert("checkins", {**doc, **mapped})
        return
    fields: dict[str, Any] = {name: list(getattr(existing, name)) + mapped[name] for name in CHECKIN_LISTS}
    note = doc.get("note") or ""
    if note and note not in existing.note:
        fields["note"] = f"{existing.note}\n{note}" if existing.note else note
    tx.update("checkins", existing.id, **fields)


# -- Markdown ----------------------------------------------------------------------


def import_markdown(store: Store, text: str, replace: bool = False, journal: bool = False,
                    loose_title: str = "Imported tasks") -> ImportResult:
    """Add a Markdown outline's headings as strategies and its task items as tactics.

    With ``replace`` the plan becomes the outline (a copy of the file is kept first).
    Text with no heading and no task in it is refused: it is not an outline.
    """
    outline = parse_outline(text, loose_title)
    if not outline.roots:
        raise InputError(f"Found no `#` heading and no `- [ ]` task: planner import reads {EXPECTED}. "
                         "Nothing was written.")
    counts = {"strategies": outline.count_strategies(), "tactics": outline.count_tactics()}
    if outline.count_key_results():
        counts["keyresults"] = outline.count_key_results()
    mode = "replace" if replace else "merge"
    backup = None
    with store.transaction(f"import ({mode}) of {_describe(counts)}", journal) as tx:
        if replace:
            backup = _keep_before_replace(store) if not _is_empty(store.plan) else None
            _clear(tx)
        _add_outline(tx, outline)
        backup = backup or _keep_when_undo_cannot(store, tx.change, journal)
    return ImportResult(tx.change, mode, counts, backup, journal and undo_journal.fits(tx.change))


def _add_outline(tx: Transaction, outline: Outline) -> None:
    """Parents before children (a loop, not recursion: outlines may nest deeply)."""
    position = max((s.position for s in tx.store.plan.roots()), default=-1) + 1
    stack = [(root, None, position + n) for n, root in enumerate(outline.roots)]
    stack.reverse()
    while stack:
        node, parent, place = stack.pop()
        strategy_id = _add_strategy(tx, node, parent, place)
        stack.extend((child, strategy_id, n) for n, child in reversed(list(enumerate(node.children))))


def _add_strategy(tx: Transaction, node: OutlineStrategy, parent: int | None, position: int) -> int:
    now = tx.now.isoformat()
    strategy_id = tx.insert("strategies", {
        "title": _title(node.title), "parent": parent, "why": _keep_long(node.title, node.why),
        "horizon": node.horizon.isoformat() if node.horizon else None,
        "status": (node.status or StrategyStatus.ACTIVE).value, "position": position,
        "review_every": node.review_every, "created": now})
    for place, tactic in enumerate(node.tactics):
        tx.insert("tactics", {
            "title": _title(tactic.title), "strategy": strategy_id, "status": tactic.status.value,
            "due": to_iso(tactic.due), "notes": _keep_long(tactic.title, tactic.notes),
            "repeat": tactic.repeat, "position": place, "created": now, "done_at": None})
    for place, key_result in enumerate(node.key_results):
        _add_key_result(tx, key_result, strategy_id, place)
    return strategy_id


def _add_key_result(tx: Transaction, key_result: OutlineKeyResult, strategy_id: int, position: int) -> None:
    kr_id = tx.insert("keyresults", {
        "strategy": strategy_id, "title": _title(key_result.title), "start": key_result.start,
        "target": key_result.target, "unit": one_line(key_result.unit),
        "start_date": key_result.since.isoformat() if key_result.since else None, "position": position,
        "created": tx.now.isoformat()})
    for day, value, note in key_result.values:
        tx.insert("measurements", Measurement(0, kr_id, day, value, one_line(note)).to_doc())


def _keep_long(title: str, text: str) -> str:
    """The why or notes, led by the whole title when it was too long to keep as one."""
    whole = one_line(title)
    return many_lines(f"{whole}\n\n{text}" if len(whole) > MAX_TITLE else text)


def _title(text: str) -> str:
    """A usable title from any heading or item text: empty ones get a placeholder,
    over-long ones are cut (`_keep_long` keeps the whole text)."""
    cleaned = one_line(text)
    if len(cleaned) > MAX_TITLE:
        cleaned = cleaned[:MAX_TITLE - 1].rstrip() + "…"
    try:
        return clean_title(cleaned)
    except InputError:
        return "(untitled)"



