"""What may be in a plan, said once, and checked at every way in.

Many readers use the plan file: the app's screens, `list`, `today`, the
exports, `done`, the review. Each relies on what it reads: a title is text, a
horizon is a day, a date lies in years every date library handles, a repeat
rule steps forward, the strategies form a tree. When one way in (the CLI, the
app, an import, an undo-journal entry, a hand edit) let in what another reader
could not handle, that reader crashed, sometimes far from the cause. So the
rule is here, once, and every way in goes through it:

- opening a file: `check_tables` (called by `Plan.from_tables`) checks every
  document and the shape of the whole; a file that fails is refused;
- every commit: `check_change` (called by `Store.transaction` before anything is
  written) checks the documents the change wrote and the parts of the shape it
  could break; the CLI, the app, imports, undo and redo all commit through it;
- an import: `check_tables` on the file's own tables before anything is
  written, so the message names the file's ids.

Friendly messages for what a person types (`parse_when`, `parse_cadence`,
`validate_rule`, `clean_title`) come first; this is the gate behind them.

A failure is an `Invalid` (an `InputError`) naming the table, the document's
id, the field, and what is wrong.

Check-ins and reviews are history: they may name tactics and strategies
deleted since (core/file/integrity.py), so only the form of such an id is checked
here, never that it points at something.
"""

from __future__ import annotations

import math
from operator import itemgetter
from typing import Any, Callable, Iterable, Mapping

from planner_tui.core.file.changes import Op, Patch
from planner_tui.core.file.modified import FIELD as MODIFIED, UNSTAMPED_TABLES
from planner_tui.core.file.integrity import LINKS, Link
from planner_tui.core.dates import (FIRST_YEAR, LAST_YEAR, out_of_range, parse_stored_day, parse_stored_stamp,
                                    stored_due_as_written)
from planner_tui.core.errors import InputError
from planner_tui.core.labels import owner_problem, tags_problem
from planner_tui.core.model import MAX_DEPTH, Health, StrategyStatus, TacticStatus
from planner_tui.core.repeat import RuleError, validate_rule

MAX_TITLE = 500
MAX_CADENCE = 3650  # review every 1..3650 days
MAX_UNIT = 24  # a key result's unit: `$`, `%`, `applications`, `NPS points`
# The largest amount a key result measures, either way: a quadrillion keeps every
# whole number exact in any JSON reader, and far exceeds any revenue or headcount.
MAX_AMOUNT = 10**15
# The largest whole number every JSON reader keeps exactly (a JavaScript one
# included); a position or id past it also broke writing the file back.
LARGEST = 2**53 - 1
TABLES = ("strategies", "tactics", "checkins", "reviews", "away", "keyresults", "measurements")
_TACTIC_STATUSES = frozenset(s.value for s in TacticStatus)
_QUICK_FIELDS = ("title", "strategy", "status", "due", "notes", "repeat", "position", "created", "done_at")
_TACTIC_FIELDS = itemgetter(*_QUICK_FIELDS)
_KEYRESULT_FIELDS = itemgetter("strategy", "title", "start", "target", "unit", "start_date", "position", "created")
_MEASUREMENT_FIELDS = itemgetter("keyresult", "date", "value")
# The references a document makes besides a strategy's parent (the tree, `_check_tree`'s):
# the one table of them is integrity's (an undo, a merge and this check follow the same).
SERVES: tuple[Link, ...] = tuple(link for link in LINKS if link[0] != link[2])
_LINK_OF = {link[0]: link for link in SERVES}
META_ID = "1"

Rule = Callable[[Any], "str | None"]  # a field's value -> what is wrong with it, or None
MISSING: Any = object()  # the default of a field that must be there
_MEMO_LIMIT = 100_000


class Invalid(InputError):
    """Something that may not be in a plan: where (``table``, ``doc_id``,
    ``field``; the field is None for a whole document) and ``problem``."""

    def __init__(self, table: str, doc_id: Any, field: str | None, problem: str,
                 title: Any = None, lead: str = "", end: str = "") -> None:
        self.table, self.doc_id, self.field, self.problem, self.title = table, doc_id, field, problem, title
        super().__init__(f"{lead}{self.where}: {problem}{end}")

    @property
    def where(self) -> str:
        """`tactics 5 ('Run'), field "due"`: the names a person finds in the file."""
        named = f" ({_short(self.title)!r})" if isinstance(self.title, str) and self.title.strip() else ""
        place = f"{self.table} {self.doc_id}{named}" if self.doc_id is not None else self.table
        return f'{place}, field "{self.field}"' if self.field else place

    def told(self, lead: str, end: str = "") -> Invalid:
        """The same problem, said within a sentence (`Cannot save ...`, `... Nothing was written.`)."""
        return Invalid(self.table, self.doc_id, self.field, self.problem, self.title, lead, end)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _shown(value: Any) -> str:
    """A value as a person reads it in a message: `null`, `'2026-12-31'`, `a list`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return _short(repr(value))


# -- the rule of each kind of field --------------------------------------------------


def _title(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"is {_shown(value)}, not text"
    if not value.strip():
        return "is empty: a title is some text"
    if len(value) > MAX_TITLE:
        return f"is {len(value)} characters long; a title holds at most {MAX_TITLE}"
    return None


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, str) else f"is {_shown(value)}, not text"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _reference(value: Any) -> str | None:
    if _whole(value) and 1 <= value <= LARGEST:
        return None
    return f"is {_shown(value)}, not an id (a whole number from 1)"


def _optional_reference(value: Any) -> str | None:
    return None if value is None else _reference(value)


def _position(value: Any) -> str | None:
    if _whole(value) and -LARGEST <= value <= LARGEST:
        return None
    return f"is {_shown(value)}, not a position (a whole number)"


def _count(value: Any) -> str | None:
    if value is None or (_whole(value) and 0 <= value <= LARGEST):
        return None
    return f"is {_shown(value)}, not a count (a whole number from 0)"


def _number(value: Any) -> str | None:
    if value is None or _whole(value) or (isinstance(value, float) and math.isfinite(value)):
        return None
    return f"is {_shown(value)}, not a number"


def _amount(value: Any) -> str | None:
    """What a key result measures: a whole or decimal number, at most MAX_AMOUNT either way."""
    if ((_whole(value) or (isinstance(value, float) and math.isfinite(value)))
            and -MAX_AMOUNT <= value <= MAX_AMOUNT):
        return None
    return f"is {_shown(value)}, not a number (at most {MAX_AMOUNT:,} either way)"


def _unit(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and len(value) <= MAX_UNIT):
        return None
    if not isinstance(value, str):
        return f"is {_shown(value)}, not text"
    return f"is {len(value)} characters long; a unit holds at most {MAX_UNIT}"


def _one_of(values: Iterable[str], optional: bool = False) -> Rule:
    allowed = frozenset(values)
    listing = ", ".join(sorted(allowed))

    def rule(value: Any) -> str | None:
        if (optional and value is None) or (isinstance(value, str) and value in allowed):
            return None
        return f"is {_shown(value)}, not one of: {listing}"

    return rule


def _cadence(value: Any) -> str | None:
    if value is None or (_whole(value) and 1 <= value <= MAX_CADENCE):
        return None
    return f"is {_shown(value)}, not a number of days from 1 to {MAX_CADENCE} (or null)"


_GOOD_RULES: set[str] = set()


def _rule(value: Any) -> str | None:
    """A repeat rule as `validate_rule` stores it (`2w`, `weekdays`), or null."""
    if value is None or (isinstance(value, str) and value in _GOOD_RULES):
        return None
    if not isinstance(value, str):
        return f"is {_shown(value)}, not a repeat rule (1d, 1w, 2w, 1m, 1y, weekdays) or null"
    try:
        stored = validate_rule(value)
    except RuleError:
        stored = None
    if stored != value:
        return f"is {_shown(value)}, not a repeat rule (1d, 1w, 2w, 1m, 1y, weekdays) or null"
    _remember(_GOOD_RULES, value)
    return None


def _remember(memo: set[str], value: str) -> None:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    memo.add(value)


def _year_problem(year: int, value: Any) -> str | None:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return out_of_range(value)


_GOOD_DAYS: set[str] = set()


def _day(value: Any) -> str | None:
    """A plain date (`2026-12-31`), within the days a plan holds."""
    if value.__class__ is str and value in _GOOD_DAYS:
        return None
    if not isinstance(value, str):
        return f"is {_shown(value)}, not a date (YYYY-MM-DD)"
    try:
        day = parse_stored_day(value)
    except ValueError:
        return f"is {_shown(value)}, not a date (YYYY-MM-DD{' without a time' if len(value) > 10 else ''})"
    problem = _year_problem(day.year, day)
    if problem is None and value.__class__ is str:
        _remember(_GOOD_DAYS, value)
    return problem


def _optional_day(value: Any) -> str | None:
    return None if value is None or value == "" else _day(value)


_GOOD_DUES: set[str] = set()


def _when(value: Any) -> str | None:
    """A deadline: a date, or a date and time, with its zone or not (as
    `parse_stored_due` reads them: `stored_due_as_written` raises what it raises,
    for a third of its cost on a zoned one), or null."""
    if value is None or value == "" or (isinstance(value, str) and value in _GOOD_DUES):
        return None
    if not isinstance(value, str):
        return f"is {_shown(value)}, not a deadline (a date, or a date and time) or null"
    try:
        when = stored_due_as_written(value)
    except ValueError:
        return f"is {_shown(value)}, not a deadline (2026-12-31, or 2026-12-31T17:00:00+01:00)"
    problem = _year_problem(when.year, when)
    if problem is None:
        _remember(_GOOD_DUES, value)
    return problem


def _stamp(value: Any) -> str | None:
    """When something happened (`created`, `done_at`...): an ISO date and time, or null."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return f"is {_shown(value)}, not a time (ISO, like 2026-11-28T10:30:00+00:00) or null"
    try:
        moment = parse_stored_stamp(value)
    except ValueError:
        return f"is {_shown(value)}, not a time (ISO, like 2026-11-28T10:30:00+00:00)"
    return _year_problem(moment.year, moment)


def _ids(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list):
        return f"is {_shown(value)}, not a list of ids"
    wrong = [item for item in value if _reference(item)]
    return f"holds {_shown(wrong[0])}, not an id" if wrong else None


def _counters(value: Any) -> str | None:
    """meta's id counters: `{"tactics": 42, ...}`."""
    if not isinstance(value, dict):
        return f"is {_shown(value)}, not an object of id counters"
    wrong = [name for name, count in value.items() if count is None or _count(count)]
    return f'holds {_shown(value[wrong[0]])} for "{wrong[0]}", not a count' if wrong else None


def _schema(value: Any) -> str | None:
    return None if _whole(value) and value >= 1 else f"is {_shown(value)}, not a schema number"


# A closed tactic's status before (core/actions.py `set_status_in`): an open one.
_REOPEN_AS = _one_of((s.value for s in TacticStatus if s.is_open), optional=True)

# Every field the app reads, its rule, and its value when absent (MISSING: it
# must be there). Other fields are kept as they are (DESIGN.md: add fields freely).
FIELDS: dict[str, tuple[tuple[str, Rule, Any], ...]] = {
    "strategies": (
        ("title", _title, MISSING), ("parent", _optional_reference, None), ("why", _text, None),
        ("horizon", _optional_day, None), ("status", _one_of(s.value for s in StrategyStatus), "active"),
        ("position", _position, 0), ("review_every", _cadence, None), ("created", _stamp, None),
        ("owner", owner_problem, None), ("tags", tags_problem, None), ("paused_until", _optional_day, None),
    ),
    "tactics": (
        ("title", _title, MISSING), ("strategy", _reference, MISSING),
        ("status", _one_of(s.value for s in TacticStatus), "todo"), ("due", _when, None), ("notes", _text, None),
        ("repeat", _rule, None), ("position", _position, 0), ("created", _stamp, None), ("done_at", _stamp, None),
        ("owner", owner_problem, None), ("tags", tags_problem, None), ("reopen_as", _REOPEN_AS, None),
    ),
    "checkins": (
        ("date", _day, MISSING), ("done", _ids, None), ("pushed", _ids, None), ("started", _ids, None),
        ("note", _text, None), ("rescheduled", _ids, None), ("dropped", _ids, None), ("skipped", _ids, None),
        ("finished", _stamp, None),
    ),
    "reviews": (
        ("strategy", _reference, MISSING), ("date", _day, MISSING),
        ("health", _one_of(h.value for h in Health), "on-track"), ("note", _text, None), ("at", _stamp, None),
        ("done", _count, None), ("total", _count, None), ("expected", _number, None),
        ("suggested", _one_of((h.value for h in Health), optional=True), None),
    ),
    "away": (("start", _day, MISSING), ("end", _day, MISSING), ("note", _text, None)),
    "keyresults": (
        ("strategy", _reference, MISSING), ("title", _title, MISSING), ("start", _amount, MISSING),
        ("target", _amount, MISSING), ("unit", _unit, None), ("start_date", _optional_day, None),
        ("position", _position, 0), ("created", _stamp, None),
    ),
    "measurements": (
        ("keyresult", _reference, MISSING), ("date", _day, MISSING), ("value", _amount, MISSING),
        ("note", _text, None),
    ),
    "meta": (("schema", _schema, 1), ("ids", _counters, {})),
}


# Fields the file holds only when set (absent reads as null): a plan that uses no
# owners, tags or pauses reads as it did before they existed, and taking back an
# edit that set one gives back the document as it was, byte for byte
# (`Transaction.update` removes such a field written empty).
SPARSE: dict[str, frozenset[str]] = {
    "strategies": frozenset(("owner", "tags", "paused_until")),
    "tactics": frozenset(("owner", "tags", "reopen_as")),
}
# Every document's `modified` stamp (core/file/modified.py): when it was last
# changed, for merging. None on a document older than stamps, and a sparse field:
# undoing a document's first stamp leaves no `"modified": null` behind.
for _table in FIELDS.keys() - UNSTAMPED_TABLES:
    FIELDS[_table] += ((MODIFIED, _stamp, None),)
    SPARSE[_table] = SPARSE.get(_table, frozenset()) | {MODIFIED}


def _away_in_order(doc: dict[str, Any]) -> tuple[str, str] | None:
    """Time away ends on or after the day it starts (both are checked days by then)."""
    return ("end", "is before its start") if doc["end"] < doc["start"] else None


def _distinct_target(doc: dict[str, Any]) -> tuple[str, str] | None:
    """A key result's target differs from its start: otherwise no value is any way along."""
    if doc["target"] == doc["start"]:
        return "target", f"is {_shown(doc['target'])}, the same as the start: a target is somewhere else"
    return None


# Rules about a document as a whole, after each of its fields passed (field, problem).
WHOLE: dict[str, Callable[[dict[str, Any]], "tuple[str, str] | None"]] = {"away": _away_in_order,
                                                                         "keyresults": _distinct_target}


# -- documents ---------------------------------------------------------------------


def check_document(table: str, doc_id: Any, doc: Any) -> None:
    """Every field of one document of ``table`` (strategies, tactics, checkins,
    reviews, meta); `Invalid` naming the first wrong one."""
    if not isinstance(doc, dict):
        raise Invalid(table, doc_id, None, f"is {_shown(doc)}, not a document (an object of fields)")
    for name, rule, default in FIELDS[table]:
        value = doc.get(name, default)
        problem = "is missing" if value is MISSING else rule(value)
        if problem:
            raise Invalid(table, doc_id, name, problem, doc.get("title"))
    if table in WHOLE and (found := WHOLE[table](doc)):
        raise Invalid(table, doc_id, found[0], found[1], doc.get("title"))


def _check_documents(table: str, docs: dict[str, Any]) -> None:
    for key, doc in docs.items():
        check_document(table, key, doc)


def _labels_pass(doc: dict[str, Any]) -> bool:
    """A tactic's sparse fields (owner, tags, the status to reopen as) pass their rules
    (the quick check's part for the few that have them)."""
    return owner_problem(doc.get("owner")) is None and tags_problem(doc.get("tags")) is None \
        and _REOPEN_AS(doc.get("reopen_as")) is None


def _check_tactics(docs: dict[str, Any], strategies: dict[str, Any]) -> None:
    """`check_document` for every tactic, and that each serves a strategy in
    ``strategies``, at a fraction of the cost: opening a plan checks them all
    (10k in a few ms), and they are most of a plan.

    A quick test passes the usual document: every field present and of the usual
    type, its strategy in the plan, dates through the same functions and bounds
    as `check_document`. Any other gets `check_document` itself, which says what
    is wrong; so what is accepted is exactly what `check_document` accepts
    (tests/core/test_validation.py holds the two together).
    """
    known = set(map(int, strategies))
    statuses, longest, largest, smallest = _TACTIC_STATUSES, MAX_TITLE, LARGEST, -LARGEST
    rules, dues, rule, when = _GOOD_RULES, _GOOD_DUES, _rule, _when
    read_stamp, first, last = parse_stored_stamp, FIRST_YEAR, LAST_YEAR
    plain = len(_QUICK_FIELDS)  # a document of just these has no owner or tags to check
    for key, doc in docs.items():
        try:
            title, strategy, status, due, notes, repeat, position, created, done_at = _TACTIC_FIELDS(doc)
            stamp = doc.get(MODIFIED)
            if (title.__class__ is str and 0 < len(title) <= longest and not title.isspace()
                    and strategy.__class__ is int and strategy in known
                    and position.__class__ is int and smallest <= position <= largest
                    and status in statuses and (notes is None or notes.__class__ is str)
                    and (due is None or due in dues or when(due) is None)
                    and (repeat is None or repeat in rules or rule(repeat) is None)
                    and (created is None or first <= read_stamp(created).year <= last)
                    and (done_at is None or first <= read_stamp(done_at).year <= last)
                    and (stamp is None or first <= read_stamp(stamp).year <= last)
                    and (len(doc) == plain + (stamp is not None) or _labels_pass(doc))):
                continue
        except (KeyError, TypeError, AttributeError, ValueError):
            pass  # a missing field, an unhashable or unreadable value, not a document: the full check says
        check_document("tactics", key, doc)
        if doc["strategy"] not in known:
            raise _unknown("tactics", int(key), "strategy", doc["strategy"], docs)


def _check_key_results(docs: dict[str, Any], strategies: dict[str, Any]) -> None:
    """`check_document` for every key result and that each measures a strategy in
    ``strategies``, quickly, as `_check_tactics` does (and held to the same
    promise by tests/core/test_validation.py)."""
    known = set(map(int, strategies))
    longest, largest, most, longest_unit = MAX_TITLE, LARGEST, MAX_AMOUNT, MAX_UNIT
    days, day, read_stamp, first, last = _GOOD_DAYS, _day, parse_stored_stamp, FIRST_YEAR, LAST_YEAR
    for key, doc in docs.items():
        try:
            strategy, title, start, target, unit, start_date, position, created = _KEYRESULT_FIELDS(doc)
            stamp = doc.get(MODIFIED)
            if (strategy.__class__ is int and strategy in known
                    and title.__class__ is str and 0 < len(title) <= longest and not title.isspace()
                    and (start.__class__ is int or start.__class__ is float) and -most <= start <= most
                    and (target.__class__ is int or target.__class__ is float) and -most <= target <= most
                    and start != target
                    and (unit is None or (unit.__class__ is str and len(unit) <= longest_unit))
                    and (start_date is None or start_date in days or day(start_date) is None)
                    and position.__class__ is int and -largest <= position <= largest
                    and (created is None or first <= read_stamp(created).year <= last)
                    and (stamp is None or first <= read_stamp(stamp).year <= last)):
                continue
        except (KeyError, TypeError, AttributeError, ValueError):
            pass  # the full check says what is wrong
        check_document("keyresults", key, doc)
        _check_served({key: doc}, strategies, _LINK_OF["keyresults"])


def _check_measurements(docs: dict[str, Any], keyresults: dict[str, Any]) -> None:
    """`check_document` for every value and that each is of a key result in
    ``keyresults``, quickly (a plan keeps thousands: a few months of values for
    hundreds of key results), as `_check_tactics` does."""
    known = set(map(int, keyresults))
    most, days, day = MAX_AMOUNT, _GOOD_DAYS, _day
    read_stamp, first, last = parse_stored_stamp, FIRST_YEAR, LAST_YEAR
    for key, doc in docs.items():
        try:
            keyresult, date, value = _MEASUREMENT_FIELDS(doc)
            note = doc.get("note")  # left out when empty: most values have none
            stamp = doc.get(MODIFIED)
            if (keyresult.__class__ is int and keyresult in known
                    and (date in days or day(date) is None)
                    and (value.__class__ is int or value.__class__ is float) and -most <= value <= most
                    and (note is None or note.__class__ is str)
                    and (stamp is None or first <= read_stamp(stamp).year <= last)):
                continue
        except (KeyError, TypeError, AttributeError, ValueError):
            pass
        check_document("measurements", key, doc)
        _check_served({key: doc}, keyresults, _LINK_OF["measurements"])


# -- ids and the shape of the whole --------------------------------------------------


def _key_problem(key: Any) -> str | None:
    """Ids as the file holds them: `"42"` (text, no leading zero, no sign or spaces)."""
    if isinstance(key, str) and key.isascii() and key.isdigit() and key[0] != "0" and int(key) <= LARGEST:
        return None
    return f"{key!r} is not an id (a whole number from 1, written plainly)"


def _check_keys(table: str, docs: dict[str, Any]) -> None:
    """Every key an id (`_key_problem`). The usual table is told at C speed: its
    keys joined are ASCII digits, none empty or led by a zero, none long enough
    to pass LARGEST; any other is looked at key by key."""
    framed = f",{','.join(docs)},"
    digits = framed.replace(",", "")
    if (digits.isascii() and digits.isdigit() and ",0" not in framed and ",," not in framed
            and max(map(len, docs)) < len(str(LARGEST))):
        return
    for key in docs:
        if problem := _key_problem(key):
            raise Invalid(table, None, None, f"has a document whose id {problem}")


def _check_tree(strategies: dict[str, Any]) -> None:
    """Every parent is a strategy in the plan, no strategy is its own ancestor,
    and none sits more than MAX_DEPTH levels deep (one walk up per strategy,
    each level walked once)."""
    parents = {int(key): doc.get("parent") for key, doc in strategies.items()}
    levels: dict[int | None, int] = {None: 0}
    for start in parents:
        chain: list[int] = []
        current: int | None = start
        while current not in levels:
            if current not in parents:
                raise _unknown("strategies", chain[-1], "parent", current, strategies)
            if current in chain:
                loop = " → ".join(f"s{sid}" for sid in chain[chain.index(current):] + [current])
                raise Invalid("strategies", current, "parent", f"makes a loop of parents: {loop}",
                              strategies[str(current)].get("title"))
            chain.append(current)
            current = parents[current]
        level = levels[current]
        for sid in reversed(chain):
            level += 1
            levels[sid] = level
            if level > MAX_DEPTH:
                raise Invalid("strategies", sid, "parent", f"puts it {level} levels deep; "
                              f"strategies nest at most {MAX_DEPTH} levels", strategies[str(sid)].get("title"))


# What each referenced table's ids look like to people, for messages.
_KEY = {"strategies": ("strategy", "s"), "keyresults": ("key result", "k")}


def _unknown(table: str, doc_id: int, field: str, named: Any, docs: dict[str, Any],
             target: str = "strategies") -> Invalid:
    title = docs[str(doc_id)].get("title")
    noun, prefix = _KEY[target]
    return Invalid(table, doc_id, field, f"names {noun} {prefix}{named}, which is not in the plan", title)


def _check_served(docs: dict[str, Any], targets: dict[str, Any], link: Link = _LINK_OF["tactics"]) -> None:
    """Every document of ``link``'s table names one of ``targets`` (each tactic serves a
    strategy in the plan...): one set, then a look for the culprit."""
    name, field, target = link
    named = {doc.get(field) for doc in docs.values()}
    missing = {doc_id for doc_id in named if str(doc_id) not in targets}
    if missing:
        key = next(key for key, doc in docs.items() if doc.get(field) in missing)
        raise _unknown(name, int(key), field, docs[key].get(field), docs, target)


# -- the two gates -------------------------------------------------------------------

_QUICK = ("tactics", "keyresults", "measurements")  # checked with what they name, quickly


def check_tables(data: Mapping[str, Any]) -> None:
    """A file's tables (`{"tactics": {"1": {...}}, ...}`): every document, every id,
    and the shape of the whole; `Invalid` at the first problem."""
    meta = data.get("meta")
    if meta is not None:
        if not isinstance(meta, dict):
            raise Invalid("meta", None, None, f"is {_shown(meta)}, not an object of documents")
        if META_ID in meta:
            check_document("meta", META_ID, meta[META_ID])
    for table in TABLES:
        docs = data.get(table)
        if docs is None:
            continue
        if not isinstance(docs, dict):
            raise Invalid(table, None, None, f"is {_shown(docs)}, not an object of documents")
        _check_keys(table, docs)
        if table not in _QUICK:  # after what they name
            _check_documents(table, docs)
    strategies = data.get("strategies") or {}
    _check_tree(strategies)
    _check_tactics(data.get("tactics") or {}, strategies)
    keyresults = data.get("keyresults") or {}
    _check_key_results(keyresults, strategies)
    _check_measurements(data.get("measurements") or {}, keyresults)


def check_change(ops: Iterable[Op], table: Callable[[str], dict[str, Any]]) -> None:
    """Before a commit is written: the documents ``ops`` wrote, as ``table(name)``
    now holds them, and what of the shape those ops could break.

    Cheap on the usual commit (a few documents): the strategies' tree is walked
    only when a strategy was added, removed or moved, and a table is searched for
    documents left naming nothing (tactics, key results, their values) only when
    a document they name (a strategy, a key result) was removed.
    """
    written: dict[str, set[int]] = {}
    tree_changed = False
    for op in ops:
        written.setdefault(op.table, set()).add(op.id)
        if op.table == "strategies" and not (isinstance(op, Patch) and "parent" not in op.fields):
            tree_changed = True
    for name, ids in written.items():
        if name in TABLES:
            _check_written(name, ids, table(name))
    if tree_changed:
        _check_tree(table("strategies"))
    for link in SERVES:
        _check_references(link, written, table)
    meta = table("meta").get(META_ID)
    if meta is not None:
        check_document("meta", META_ID, meta)


def _check_references(link: Link, written: dict[str, set[int]], table: Callable[[str], dict[str, Any]]) -> None:
    """What ``link`` says still holds after a change: each document it wrote names one
    that is there, and none is left naming one it removed."""
    name, field, target = link
    targets = table(target)
    if any(str(doc_id) not in targets for doc_id in written.get(target, ())):
        _check_served(table(name), targets, link)
    docs = table(name)
    for doc_id in written.get(name, ()):
        doc = docs.get(str(doc_id))
        if doc is not None and str(doc[field]) not in targets:
            raise _unknown(name, doc_id, field, doc[field], docs, target)


def _check_written(name: str, ids: set[int], docs: dict[str, Any]) -> None:
    for doc_id in ids:
        doc = docs.get(str(doc_id))
        if doc is None:
            continue
        problem = _key_problem(str(doc_id)) if _whole(doc_id) else f"{doc_id!r} is not an id"
        if problem:
            raise Invalid(name, None, None, f"would get a document whose id {problem}")
        check_document(name, doc_id, doc)
