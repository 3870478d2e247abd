"""May a change be taken back now? The one rule for `planner undo` and the app's undo/redo.

A change is taken back by id, on top of whatever the plan holds now: another
process, git, a sync tool or a hand edit may have changed it since. Taking it
back is refused (`refusal` says why) when

- the plan no longer shows what the change did (a document it wrote was edited
  or deleted since): taking it back would overwrite or resurrect someone's work
  (the ``modified`` stamp aside: another field edited since is not this change's,
  core/file/modified.py);
- it would remove a document that another one still names (a tactic added since
  under the strategy it would remove);
- it would write a document naming one that will not exist (a tactic brought
  back under a strategy deleted since);
- it would put a strategy under one that is now below it (a redo of a move after
  another window moved the other way): a loop of parents, which no view can show.

What the undo writes itself counts as it will be afterwards: undoing the delete
of a strategy together with its tactics brings all of them back at once.

Redo is the undo of the undo: ``refusal(change.undone(), table)``.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from planner_tui.core.file.changes import Change, Op, Patch, Put, Remove
from planner_tui.core.file.modified import FIELD as MODIFIED
from planner_tui.core.model import CHECKIN_LISTS


class Reference(NamedTuple):
    """A field of ``table``'s documents that names a document of ``target`` by its id
    (``many``: a list of ids)."""

    table: str
    field: str
    target: str
    many: bool = False
    history: bool = False  # a record of the past: it may name what was deleted since


# Every field that names another document, in one place: undo's checks here, and
# merging's renumbering (core/file/renumber.py), which must follow every reference
# to an id it changes. A new table or field that names documents is added here.
REFERENCES: tuple[Reference, ...] = (
    Reference("strategies", "parent", "strategies"),
    Reference("tactics", "strategy", "strategies"),
    Reference("reviews", "strategy", "strategies", history=True),
    *(Reference("checkins", name, "tactics", many=True, history=True) for name in CHECKIN_LISTS),
    Reference("keyresults", "strategy", "strategies"),
    Reference("measurements", "keyresult", "keyresults"),  # a key result's values go with it: not history
)
# The references that must name a document in the plan: (table, field, named table).
# Check-ins and reviews are history: they outlive what they mention, as they
# outlive a deletion, so they are not among them.
Link = tuple[str, str, str]  # (table, field, named table)
LINKS: tuple[Link, ...] = tuple((r.table, r.field, r.target) for r in REFERENCES if not r.history)
SINGULAR = {"strategies": "strategy", "tactics": "tactic", "checkins": "check-in", "reviews": "review",
            "away": "time away", "keyresults": "key result", "measurements": "value"}

Tables = Callable[[str], dict[str, dict[str, Any]]]  # a table as stored: documents by id as text
Key = tuple[str, int]
Doc = dict[str, Any]


class Refusal(NamedTuple):
    """Why a change cannot be taken back, and what the person can do about it."""

    reason: str  # reads after "the plan has changed since"
    fix: str


def refusal(change: Change, table: Tables) -> Refusal | None:
    """Why taking ``change`` back now would be wrong, or None when it is fine.
    ``table(name)`` reads a table as stored."""
    return _changed_since(change, table) or _broken_link(change, table) or _parent_loop(change, table)


def _changed_since(change: Change, table: Tables) -> Refusal | None:
    """Does every document ``change`` wrote still read as it left it?"""
    expected: dict[Key, Doc | None] = {}
    for op in change.forward:
        key = (op.table, op.id)
        if isinstance(op, Put):
            expected[key] = dict(op.doc)
        elif isinstance(op, Remove):
            expected[key] = None
        elif isinstance(op, Patch):
            expected[key] = {**(expected.get(key) or {}), **op.fields}
    for (name, doc_id), wanted in expected.items():
        doc = table(name).get(str(doc_id))
        if wanted is None and doc is not None:
            what = "was brought back"
        elif wanted is not None and doc is None:
            what, doc = "was deleted", wanted
        elif wanted is not None and any(doc.get(k) != v for k, v in wanted.items() if k != MODIFIED):
            what = "was edited"
        else:
            continue
        return Refusal(f"{_name(name, doc_id, doc)} {what}", "make the change by hand if you still want it")
    return None


def _broken_link(change: Change, table: Tables) -> Refusal | None:
    """Would taking ``change`` back leave a document naming one that is not there?"""
    after, written = _after(change.inverse, table)
    for link in LINKS:
        found = _dangling(link, after, written, table) or _orphaned(link, after, table)
        if found:
            return found
    return None


def _dangling(link: Link, after: dict[Key, Doc | None], written: dict[Key, set[str]],
              table: Tables) -> Refusal | None:
    """Does a reference the undo writes name a document that will not exist?"""
    name, field, target = link
    for key, doc in after.items():
        named = doc.get(field) if doc is not None and key[0] == name and field in written[key] else None
        if named is not None and not _exists(after, table, (target, named)):
            return Refusal(f"{_name(target, named)} is gone, and this would put {_name(name, key[1], doc)} "
                           "back under it", "make the change by hand if you still want it")
    return None


def _orphaned(link: Link, after: dict[Key, Doc | None], table: Tables) -> Refusal | None:
    """Does a document (as it will be) name one that the undo removes?"""
    name, field, target = link
    gone = {doc_id for (t, doc_id), doc in after.items() if t == target and doc is None and str(doc_id) in table(t)}
    for doc_id, stored in table(name).items() if gone else ():
        if stored.get(field) not in gone:
            continue  # (a reference the undo writes to what it removes: _dangling's)
        doc = after.get((name, int(doc_id)), stored)
        if doc is not None and doc.get(field) in gone:
            referrer, parent = _name(name, int(doc_id), doc), doc[field]
            return Refusal(f"{referrer} is now under {_name(target, parent, table(target)[str(parent)])}, "
                           "which this would remove", f"move or delete {referrer} first, then try again")
    return None


def _parent_loop(change: Change, table: Tables) -> Refusal | None:
    """Would taking ``change`` back put a strategy under one that is (now) below it?"""
    after, written = _after(change.inverse, table)
    for key, doc in after.items():
        if key[0] != "strategies" or doc is None or "parent" not in written[key]:
            continue
        parent = doc.get("parent")
        if parent is not None and key[1] in _ancestry(parent, after, table):
            mover, above = _name("strategies", key[1], doc), _name("strategies", parent, _doc(after, table, parent))
            return Refusal(f"{above} is now under {mover}, so this would put {mover} under {above}: a loop",
                           f"move {above} out from under {mover} first, then try again")
    return None


def _ancestry(strategy_id: int, after: dict[Key, Doc | None], table: Tables) -> set[int]:
    """``strategy_id`` and the strategies above it, as they will be (stops at a loop already there)."""
    seen: set[int] = set()
    current: int | None = strategy_id
    while current is not None and current not in seen:
        seen.add(current)
        current = (_doc(after, table, current) or {}).get("parent")
    return seen


def _doc(after: dict[Key, Doc | None], table: Tables, strategy_id: Any) -> Doc | None:
    key = ("strategies", strategy_id)
    return after[key] if key in after else table("strategies").get(str(strategy_id))


def _after(ops: list[Op], table: Tables) -> tuple[dict[Key, Doc | None], dict[Key, set[str]]]:
    """The documents ``ops`` touch as they will read once applied (None: not there),
    and which fields each op wrote. A Patch of a missing document is skipped, as the
    store skips it (`Transaction.apply` with ``strict=False``)."""
    after: dict[Key, Doc | None] = {}
    written: dict[Key, set[str]] = {}
    for op in ops:
        key = (op.table, op.id)
        doc = after[key] if key in after else table(op.table).get(str(op.id))
        if isinstance(op, Put):
            after[key], fields = dict(op.doc), set(op.doc)
        elif isinstance(op, Patch):
            after[key], fields = ({**doc, **op.fields}, set(op.fields)) if doc is not None else (None, set())
        else:
            after[key], fields = None, set()
        written[key] = written.get(key, set()) | fields
    return after, written


def _exists(after: dict[Key, Doc | None], table: Tables, key: Key) -> bool:
    return after[key] is not None if key in after else str(key[1]) in table(key[0])


def _name(table: str, doc_id: int, doc: Doc | None = None) -> str:
    """`tactic 7 'Run'` (the title when known)."""
    title = (doc or {}).get("title")
    return f"{SINGULAR.get(table, table)} {doc_id}" + (f" {title!r}" if title else "")
