"""Two copies of a plan and their common base in, one plan out: document by document, field by field.

The steps (docs/MERGING.md says why each is so):

1. their ids: what both copies added under one id is told apart, theirs renumbered
   with every reference followed (core/file/renumber.py);
2. every document: one side's change is taken; a field both sides changed is
   decided by the rule (core/file/merge.py) and reported; a document deleted on
   one side and edited on the other is kept with the edits; one deleted on one
   side and unchanged on the other is deleted;
3. some fields merge their own way (`FIELD_RULES`, `GROUPS`): a check-in's
   decisions tactic by tactic (each tactic's latest), its note and a review's note
   kept from both sides, a review's progress from the day's first look, a
   ``created`` time the earlier of the two, a check-in's ``finished`` the later;
4. what the two sides' changes make invalid together is repaired by a stated
   rule (core/file/merge_repair.py), and the result is checked like every write
   (core/file/validation.py): a merge never writes what may not be in a plan;
5. the id counters end past every id either side has handed out.

Without a common base (``base`` None) every difference is decided by the rule,
and a document on one side only is kept: a delete cannot be told from an add.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from planner_tui.core.file import validation
from planner_tui.core.file.merge import ABSENT, OURS, THEIRS, UNKNOWN, decide, joined, resolve
from planner_tui.core.file.merge_repair import Deleted, repair
from planner_tui.core.file.merge_report import PREFIX, Report, name_of, without_stamp
from planner_tui.core.file.modified import FIELD as MODIFIED, instant
from planner_tui.core.file.plan_copy import Copy
from planner_tui.core.file.renumber import KEYS, Ids, Tables
from planner_tui.core.file.store import SCHEMA
from planner_tui.core.model import CHECKIN_LISTS


class Sides(NamedTuple):
    """One field of one document, as each side has it."""

    name: str  # the document, as the report names it
    field: str
    base: Any  # ABSENT: not in the base's document (or no such document); UNKNOWN: no base
    ours: Any
    theirs: Any
    ours_modified: Any
    theirs_modified: Any
    report: Report


class Merge:
    """One merge: `run` gives the merged copy; ``report`` says what was decided."""

    def __init__(self, base: Copy | None, ours: Copy, theirs: Copy, report: Report | None = None):
        self.base, self.ours, self.theirs = base, ours, theirs
        self.report = report or Report()
        self.deleted: dict[tuple[str, int], Deleted] = {}

    def run(self) -> Copy:
        ids = Ids(self.base.tables if self.base else None, self.ours.tables, self.theirs.tables, self._handed())
        ids.decide()
        their = ids.their_tables()
        self._tell_ids(ids)
        base = self.base.tables if self.base else None
        names = sorted({*self.ours.tables, *their, *(base or {})})
        tables = {table: self._table(table, base, their) for table in names}
        repair(tables, base, self.deleted, self.report)
        merged = Copy(tables, self._meta(tables, ids))
        _check(merged)
        return merged

    def _tell_ids(self, ids: Ids) -> None:
        """Each of their ids that changed, each mention of theirs left out (core/file/renumber.py)."""
        ours, theirs = self.report.sides
        for moved in (m for m in ids.renumbered if m.table in PREFIX):  # (a check-in's id is no one's to type)
            self.report.renumbered.append(f"{name_of(moved.table, moved.old, moved.doc)} of {theirs} "
                                          f"is now {_typed_id(moved.table, moved.new)}")
        for table, doc_id, doc, ref, ghosts in ids.left_out:
            named = ", ".join(_typed_id(ref.target, n) for n in ghosts)
            what = "that mention was left out" if ref.many else "left out"
            self.report.repaired.append(f"{name_of(table, doc_id, doc)} of {theirs} named {named}, deleted there, "
                                        f"an id {ours} uses for something else: {what}")

    def _handed(self) -> dict[str, dict[str, int]]:
        return {"base": self.base.handed() if self.base else {}, "ours": self.ours.handed(),
                "theirs": self.theirs.handed()}

    def _table(self, table: str, base: Tables | None, their: Tables) -> dict[int, dict[str, Any]]:
        ours, theirs = self.ours.tables.get(table, {}), their.get(table, {})
        base_docs = None if base is None else base.get(table, {})
        merged = {}
        for doc_id in sorted({*ours, *theirs, *(base_docs or {})}):
            was = UNKNOWN if base_docs is None else base_docs.get(doc_id)
            doc = self._document(table, doc_id, was, ours.get(doc_id), theirs.get(doc_id))
            if doc is not None:
                merged[doc_id] = doc
        return merged

    def _document(self, table: str, doc_id: int, base: Any, ours: dict | None, theirs: dict | None) -> dict | None:
        """The merged document (None: not in the merge)."""
        if ours is None or theirs is None:
            return self._one_side(table, doc_id, base, ours, theirs)
        if ours == theirs:
            return ours
        if base is not UNKNOWN and base is not None:
            if ours == base:
                return theirs
            if theirs == base:
                return ours
        return self._fields(table, doc_id, base, ours, theirs)

    def _one_side(self, table: str, doc_id: int, base: Any, ours: dict | None, theirs: dict | None) -> dict | None:
        """A document one side holds and the other does not: added, or deleted over an edit, or deleted."""
        present, holder = (ours, OURS) if theirs is None else (theirs, THEIRS)
        if present is None or base is None or base is UNKNOWN:
            return present  # in neither; added on one side; or no base to tell an add from a delete
        deleter = THEIRS if holder == OURS else OURS
        if without_stamp(present) == without_stamp(base):
            self.deleted[(table, doc_id)] = Deleted(present, deleter)
            return None
        self.report.kept.append(f"{name_of(table, doc_id, present)}: deleted on {self.report.side(deleter)}, "
                                f"edited on {self.report.side(holder)}: kept, with the edits")
        return present

    def _fields(self, table: str, doc_id: int, base: Any, ours: dict, theirs: dict) -> dict[str, Any]:
        """A document both sides changed, field by field."""
        known = base if isinstance(base, dict) else None
        name = name_of(table, doc_id, known or ours)
        merged: dict[str, Any] = {}
        grouped = {field for fields, _ in GROUPS.get(table, ()) for field in fields}
        for key in sorted({*ours, *theirs, *(known or {})} - grouped - {MODIFIED}):
            sides = Sides(name, key, _value(base, key), ours.get(key, ABSENT), theirs.get(key, ABSENT),
                          ours.get(MODIFIED), theirs.get(MODIFIED), self.report)
            rule = FIELD_RULES.get((table, key)) or FIELD_RULES.get((None, key)) or by_the_rule
            value = rule(sides)
            if value is not ABSENT:
                merged[key] = value
        for _, group in GROUPS.get(table, ()):
            merged.update(group(name, base, ours, theirs, self.report))
        stamp = max((ours.get(MODIFIED), theirs.get(MODIFIED)), key=instant)
        if stamp is not None:
            merged[MODIFIED] = stamp
        if table in KEYS and base is None:  # a day's check-in, a review: made on both sides, now one
            self.report.combined.append(f"{name}: made on both sides, combined into one")
        return merged

    def _meta(self, tables: Tables, ids: Ids) -> dict[str, Any]:
        """Ours' meta, the counters past every id either side handed out (never reused)."""
        handed = self._handed()
        counters = {}
        for table in sorted({*tables, *(t for side in handed.values() for t in side), *ids.mapping}):
            held = max(tables.get(table, {}), default=0)
            given = max(ids.mapping.get(table, {}).values(), default=0)
            highest = max([side.get(table, 0) for side in handed.values()] + [held, given])
            if highest:
                counters[table] = highest
        return {**{k: v for k, v in self.ours.meta.items() if k != "undo"}, "schema": SCHEMA, "ids": counters}


def _typed_id(table: str, doc_id: int) -> str:
    """`t57`, `s4`; `checkins 3` for tables whose ids people do not type."""
    return f"{PREFIX[table]}{doc_id}" if table in PREFIX else f"{table} {doc_id}"


def _value(base: Any, key: str) -> Any:
    if base is UNKNOWN:
        return UNKNOWN
    return base.get(key, ABSENT) if isinstance(base, dict) else ABSENT


def _check(merged: Copy) -> None:
    """The plan's own rule on the result: a merge that would write an invalid plan fails instead."""
    validation.check_tables(merged.file_tables())


# -- how fields merge ---------------------------------------------------------------


def by_the_rule(sides: Sides) -> Any:
    """The rule (core/file/merge.py), a conflict reported."""
    resolved = resolve(sides.field, sides.base, sides.ours, sides.theirs, sides.ours_modified, sides.theirs_modified)
    if resolved.conflict is not None:
        sides.report.conflict(sides.name, resolved.conflict)
    return resolved.value


def earliest(sides: Sides) -> Any:
    """When a thing was made: the earlier of the two (two copies of one thing, silently)."""
    values = [v for v in (sides.ours, sides.theirs) if isinstance(v, str) and v]
    return min(values, key=instant) if values else by_the_rule(sides)


def latest(sides: Sides) -> Any:
    """When a day's check-in was finished on both sides: the later (silently)."""
    values = [v for v in (sides.ours, sides.theirs) if isinstance(v, str) and v]
    return max(values, key=instant) if values else by_the_rule(sides)


def both_texts(sides: Sides) -> Any:
    """A note changed on both sides: both kept (`merge.joined`)."""
    resolved = resolve(sides.field, sides.base, sides.ours, sides.theirs, sides.ours_modified, sides.theirs_modified)
    if resolved.conflict is None:
        return resolved.value
    sides.report.combined.append(f"{sides.name}: {sides.field} written on both sides, both kept")
    return joined(_text(sides.ours), _text(sides.theirs), sides.ours_modified, sides.theirs_modified)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def decisions(name: str, base: Any, ours: dict, theirs: dict, report: Report) -> dict[str, list[int]]:
    """A check-in's lists, tactic by tactic: each tactic's decision by the rule (the
    later change wins where the two sides decided differently), in one list only."""
    was = _decided(base) if isinstance(base, dict) else ({} if base is None else None)
    mine, yours = _decided(ours), _decided(theirs)
    final: dict[int, str] = {}
    for tactic in sorted({*mine, *yours, *(was or {})}):
        resolved = resolve(f"t{tactic}", UNKNOWN if was is None else was.get(tactic, ABSENT),
                           mine.get(tactic, ABSENT), yours.get(tactic, ABSENT), ours.get(MODIFIED),
                           theirs.get(MODIFIED))
        if resolved.conflict is not None:
            report.conflict(f"{name}, the decision on", resolved.conflict)
        if resolved.value is not ABSENT:
            final[tactic] = resolved.value
    lists: dict[str, list[int]] = {key: [] for key in CHECKIN_LISTS if key in ours or key in theirs}
    for doc in (ours, theirs):  # ours' order, then what theirs adds
        for key in CHECKIN_LISTS:
            for tactic in doc.get(key) or []:
                if final.get(tactic) == key and tactic not in lists.setdefault(key, []):
                    lists[key].append(tactic)
    return lists


def _decided(doc: dict) -> dict[int, str]:
    """tactic id -> the list it is in (its decision that day)."""
    return {tactic: key for key in CHECKIN_LISTS for tactic in doc.get(key) or []}


FIRST_LOOK = ("at", "done", "total", "expected")


def first_look(name: str, base: Any, ours: dict, theirs: dict, report: Report) -> dict[str, Any]:
    """A review's progress as the day's first look saw it (core/review.py keeps it so
    for a second look the same day): the side whose look came first."""
    mine, yours = ({key: doc.get(key, ABSENT) for key in FIRST_LOOK} for doc in (ours, theirs))
    was = {key: _value(base, key) for key in FIRST_LOOK}
    if mine == yours or was == mine:
        chosen = yours
    elif was == yours:
        chosen = mine
    else:
        at_mine, at_yours = instant(ours.get("at")), instant(theirs.get("at"))
        if at_mine != at_yours:
            chosen = mine if at_mine < at_yours else yours
        else:
            chosen = mine if decide(_plain(mine), _plain(yours), None, None)[0] == OURS else yours
    return {key: value for key, value in chosen.items() if value is not ABSENT}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {key: None if value is ABSENT else value for key, value in values.items()}


Rule = Callable[[Sides], Any]
# Fields that merge their own way, by (table, field); (None, field) for every table.
FIELD_RULES: dict[tuple[str | None, str], Rule] = {
    (None, "created"): earliest,
    ("checkins", "finished"): latest,
    ("checkins", "note"): both_texts,
    ("reviews", "note"): both_texts,
}
# Fields merged together by one rule: (the fields, the rule), by table.
GROUPS: dict[str, tuple[tuple[tuple[str, ...], Callable[..., dict[str, Any]]], ...]] = {
    "checkins": ((CHECKIN_LISTS, decisions),),
    "reviews": ((FIRST_LOOK, first_look),),
}


def merge(base: Copy | None, ours: Copy, theirs: Copy, report: Report | None = None) -> tuple[Copy, Report]:
    """The merged copy and the report (`Merge`); `validation.Invalid` when the result
    would not be a valid plan, which the repairs leave no way to (a bug)."""
    run = Merge(base, ours, theirs, report)
    return run.run(), run.report
