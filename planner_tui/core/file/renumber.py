"""Which of their documents keep their ids in a merge, and which are renumbered.

Ids are what people see and type (`t42`), so a merge keeps two promises
(docs/MERGING.md):

- an id never means two things. Documents the two copies added apart under the
  same id are different things, so one of them gets a new id; unless they are
  one document: equal but for their stamps (`same_thing`), or made at the same
  moment (one ``created`` time: made before the copies parted, after the base,
  and changed since on both sides; core/file/three_way.py then merges it field
  by field with no base to tell which side changed what, by the rule);
- an id a person has seen keeps meaning what it meant. Every id of the common
  base stays. Of what both copies added, ours keep their ids; theirs that clash
  with an id ours has handed out are renumbered past every id either copy has
  handed out (ids are never reused), and every reference to them follows: every
  field core/file/integrity.py REFERENCES lists, history included. Their history
  naming something they added and deleted since, under an id ours holds, would
  come to name ours: that reference is left out, and said.

Some documents are the same thing by what they are rather than by their id
(`KEYS`): a check-in is its day's, a review is of its strategy on its day. Theirs
joins ours of the same day, whatever the ids.

A document of theirs that ours already holds under another id (the same copy
merged twice) is matched to it, so a second merge adds nothing twice.

Without a common base (a two-way merge), a document on both sides under one id
is one thing unless both have a ``created`` time and the two differ; one on a
single side keeps its id when the other side does not hold that id.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import orjson

from planner_tui.core.file.integrity import REFERENCES, Reference
from planner_tui.core.file.modified import FIELD as MODIFIED

Tables = dict[str, dict[int, dict[str, Any]]]
Mapping = dict[str, dict[int, int]]  # table -> their id -> the merged id

# What a document is, where its id is not: the fields that make two documents one.
KEYS: dict[str, tuple[str, ...]] = {"checkins": ("date",), "reviews": ("strategy", "date")}
# When a document was made and last changed: two documents differing only there are one.
STAMPS = frozenset({MODIFIED, "created"})


class Renumbered(NamedTuple):
    """One of their documents that got a new id, for the report."""

    table: str
    old: int
    new: int
    doc: dict[str, Any]


def same_thing(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _content(a) == _content(b)


def _content(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in STAMPS}


def _fingerprint(doc: dict[str, Any]) -> bytes:
    return orjson.dumps(_content(doc), option=orjson.OPT_SORT_KEYS)


def handed_out(docs: dict[int, Any], counter: int | None) -> int:
    """The highest id a copy has handed out in a table: its counter, or past it the highest id it holds."""
    return max(counter or 0, max(docs, default=0))


class Ids:
    """Decides, for every document of theirs, the id it has in the merge.

    ``base`` None: no common base. ``handed``: per side ("base", "ours", "theirs"),
    the highest id each table has handed out (`handed_out`).
    """

    def __init__(self, base: Tables | None, ours: Tables, theirs: Tables, handed: dict[str, dict[str, int]]):
        self.base, self.ours, self.theirs, self.handed = base, ours, theirs, handed
        self.mapping: Mapping = {table: {} for table in theirs}
        self.claimed: dict[str, set[int]] = {table: set() for table in theirs}
        self.renumbered: list[Renumbered] = []
        self.left_out: list[tuple[str, int, dict[str, Any], Reference, list[Any]]] = []
        self._pending: dict[str, set[int]] = {table: set() for table in theirs}
        self._next = {table: self._first_free(table) for table in {*ours, *theirs, *(base or {})}}

    def decide(self) -> Mapping:
        """Every one of their ids, mapped (see the module docstring)."""
        for table, docs in self.theirs.items():
            for doc_id in docs:
                if self._shared(table, doc_id) or (table not in KEYS and self._free(table, doc_id)):
                    self._take(table, doc_id, doc_id)
                else:
                    self._pending[table].add(doc_id)
        self._match_pending()
        for table in sorted(self._pending):
            for doc_id in sorted(self._pending[table]):
                if table in KEYS and self._free(table, doc_id):  # a day ours has no check-in of
                    self._take(table, doc_id, doc_id)
        for table in sorted(self._pending):
            for doc_id in sorted(self._pending[table]):
                new = self._new_id(table)
                self._take(table, doc_id, new)
                self.renumbered.append(Renumbered(table, doc_id, new, self.theirs[table][doc_id]))
        return self.mapping

    def _shared(self, table: str, doc_id: int) -> bool:
        """In the base; or, with no base, one thing on both sides under this id."""
        ours = self.ours.get(table, {})
        if self.base is None:
            return doc_id in ours and not _different_things(table, ours[doc_id], self.theirs[table][doc_id])
        return doc_id in self.base.get(table, {})

    def _free(self, table: str, doc_id: int) -> bool:
        """An id ours never handed out (with no base: does not hold), and no other of theirs took."""
        if doc_id in self.claimed[table]:
            return False
        if self.base is None:
            return doc_id not in self.ours.get(table, {})
        return doc_id > self.handed["ours"].get(table, 0)

    def _take(self, table: str, doc_id: int, merged_id: int) -> None:
        self.mapping[table][doc_id] = merged_id
        self.claimed[table].add(merged_id)
        self._pending[table].discard(doc_id)

    def _match_pending(self) -> None:
        """Match pending documents to ours (by key, same id, same content) until
        nothing more matches: a match can let the documents that name it match."""
        index = {table: self._index(table) for table in self._pending}
        progress = True
        while progress:
            progress = False
            for table in sorted(self._pending):
                for doc_id in sorted(self._pending[table]):
                    found = self._match(table, doc_id, index[table])
                    if found is not None:
                        self._take(table, doc_id, found)
                        progress = True

    def _match(self, table: str, doc_id: int, index: dict[Any, list[int]]) -> int | None:
        doc = self._mapped(table, self.theirs[table][doc_id])
        ours, claimed = self.ours.get(table, {}), self.claimed[table]
        if table not in KEYS and doc_id in ours and doc_id not in claimed and (
                same_thing(ours[doc_id], doc) or _made_together(ours[doc_id], doc)):
            return doc_id
        return next((i for i in index.get(_identity(table, doc), ()) if i not in claimed), None)

    def _index(self, table: str) -> dict[Any, list[int]]:
        """Ours' documents by what they are (`_identity`): all of them where a key
        says it, else those not in the base (where a second merge finds what the
        first one added)."""
        base = (self.base or {}).get(table, {}) if table not in KEYS else {}
        index: dict[Any, list[int]] = {}
        for doc_id, doc in sorted(self.ours.get(table, {}).items()):
            if doc_id not in base:
                index.setdefault(_identity(table, doc), []).append(doc_id)
        return index

    def _mapped(self, table: str, doc: dict[str, Any]) -> dict[str, Any]:
        """``doc`` with its references as decided so far (an undecided one names no real id yet)."""
        return rewrite_references(table, doc, lambda target, named: self.mapping.get(target, {}).get(
            named, -named if named in self._pending.get(target, ()) else named))

    def their_tables(self) -> Tables:
        """Their tables under the merged ids (after `decide`), every reference followed.
        A reference of their history to a ghost (`_ghost`) is left out (a document
        whose one reference it is, too) and told in ``left_out``."""
        tables: Tables = {}
        for table, docs in self.theirs.items():
            tables[table] = {}
            for doc_id, doc in docs.items():
                followed = self._followed(table, doc_id, doc)
                if followed is not None:
                    tables[table][self.mapping[table][doc_id]] = followed
        return tables

    def _followed(self, table: str, doc_id: int, doc: dict[str, Any]) -> dict[str, Any] | None:
        followed = dict(doc)
        for ref in REFERENCES:
            value = doc.get(ref.field) if ref.table == table else None
            if value is None:
                continue
            named = value if ref.many and isinstance(value, list) else [value]
            ghosts = [n for n in named if ref.history and self._ghost(ref.target, n)]
            if ghosts:
                self.left_out.append((table, doc_id, doc, ref, ghosts))
                if not ref.many:
                    return None
            kept = [self.mapping.get(ref.target, {}).get(n, n) for n in named if n not in ghosts]
            followed[ref.field] = kept if ref.many and isinstance(value, list) else kept[0]
        return followed

    def _ghost(self, target: str, named: Any) -> bool:
        """An id their history names that theirs gave, after the base, to something
        deleted since, while ours holds a document under it: followed, it would name
        one of ours. (Renumbered, it would be added again by every later merge.)"""
        return (self.base is not None and named not in self.theirs.get(target, {})
                and named not in self.base.get(target, {}) and named in self.ours.get(target, {}))

    def _first_free(self, table: str) -> int:
        return 1 + max(side.get(table, 0) for side in self.handed.values())

    def _new_id(self, table: str) -> int:
        new = self._next.setdefault(table, self._first_free(table))
        self._next[table] = new + 1
        return new


def _different_things(table: str, ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    if table in KEYS:
        return _key(table, ours) != _key(table, theirs)
    return bool(ours.get("created")) and bool(theirs.get("created")) and ours["created"] != theirs["created"]


def _made_together(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """One document made before the copies parted, changed since on both: the same
    ``created`` time (to the microsecond) is no coincidence."""
    return bool(ours.get("created")) and ours.get("created") == theirs.get("created")


def _key(table: str, doc: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(doc.get(field) for field in KEYS[table])


def _identity(table: str, doc: dict[str, Any]) -> Any:
    """What makes two documents of ``table`` one: their key, else their content."""
    return _key(table, doc) if table in KEYS else _fingerprint(doc)


def rewrite_references(table: str, doc: dict[str, Any], new_id) -> dict[str, Any]:
    """``doc`` with every reference it holds (REFERENCES) passed through ``new_id(target, id)``."""
    changed = None
    for ref in REFERENCES:
        if ref.table != table or doc.get(ref.field) is None:
            continue
        value = doc[ref.field]
        if ref.many:
            mapped = [new_id(ref.target, named) for named in value] if isinstance(value, list) else value
        else:
            mapped = new_id(ref.target, value)
        if mapped != value:
            changed = changed if changed is not None else dict(doc)
            changed[ref.field] = mapped
    return doc if changed is None else changed
