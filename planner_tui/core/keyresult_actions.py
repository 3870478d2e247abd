"""Changes to key results: add one to a strategy, record a value, edit, delete.

Like every action (core/actions.py), each is one commit decided on the plan as
re-read under the lock, refused with nothing written when it no longer makes
sense, and checked by the file's rule (core/file/validation.py) before it is
written. What a person types arrives already read: amounts by
`core.amounts.parse_amount`, days by `core.dates.parse_when`.
"""

from __future__ import annotations

from typing import Any

from pendulum import Date

from planner_tui.core.actions import clean_title, last_position, present, remove_key_result, strategy_in
from planner_tui.core.amounts import Number, shown
from planner_tui.core.dates import When, as_day, to_iso
from planner_tui.core.errors import InputError
from planner_tui.core.file.changes import Change
from planner_tui.core.file.store import Store, Transaction
from planner_tui.core.file.validation import MAX_UNIT
from planner_tui.core.model import KeyResult, Measurement
from planner_tui.core.plan import Plan
from planner_tui.core.user_text import one_line


def clean_unit(unit: str | None) -> str:
    """A unit is a few characters of one line (`$`, `%`, `applications`), or none."""
    cleaned = one_line(unit or "")
    if len(cleaned) > MAX_UNIT:
        raise InputError(f"A unit is at most {MAX_UNIT} characters ({cleaned!r} has {len(cleaned)}).")
    return cleaned


def _distinct(start: Number, target: Number, unit: str) -> None:
    if start == target:
        raise InputError(f"The target is the start ({shown(start, unit)}): a key result measures a way "
                         "from one value to another, so give a target other than the start.")


def key_result_in(plan: Plan, keyresult_id: int) -> KeyResult:
    return present(plan.keyresults.get(keyresult_id), f"key result k{keyresult_id}")


def add_key_result(store: Store, strategy_id: int, title: str, start: Number, target: Number,
                   unit: str | None = "", since: When | None = None, journal: bool = False) -> Change:
    """A key result at the end of the strategy's; its id is ``change.new_ids[0]``.
    ``since``: the day its line starts (default today; a time of day is left out)."""
    title, unit = clean_title(title), clean_unit(unit)
    _distinct(start, target, unit)
    with store.transaction(f"add key result {title!r}", journal) as tx:
        plan = tx.store.plan
        strategy_in(plan, strategy_id)
        start_date = as_day(since, tx.now) if since is not None else tx.now.date()
        tx.insert("keyresults", {"strategy": strategy_id, "title": title, "start": start, "target": target,
                                 "unit": unit, "start_date": to_iso(start_date),
                                 "position": last_position(plan.key_results_of(strategy_id)),
                                 "created": tx.now.isoformat()})
    return tx.change


def record_value(store: Store, keyresult_id: int, value: Number, on: When | None = None, note: str = "",
                 journal: bool = False) -> Change:
    """A value of the key result measured ``on`` a day (default today; not one still
    to come), with an optional note; the new value's id is ``change.new_ids[0]``."""
    note = one_line(note)
    with store.transaction(f"set k{keyresult_id}", journal) as tx:
        key_result = key_result_in(tx.store.plan, keyresult_id)
        day = _measured_on(on, tx)
        tx.change.label = f"set k{keyresult_id} {key_result.title!r} to {shown(value, key_result.unit)}"
        tx.insert("measurements", Measurement(0, keyresult_id, day, value, note).to_doc())
    return tx.change


def _measured_on(on: When | None, tx: Transaction) -> Date:
    today = tx.now.date()
    day = as_day(on, tx.now) if on is not None else today
    if day > today:
        raise InputError(f"A value is measured on a day that has come; {day.isoformat()} is still ahead. "
                         "Nothing was written.")
    return day


EDITABLE = ("title", "unit", "start", "target", "start_date")


def edit_key_result(store: Store, keyresult_id: int, journal: bool = False, **fields: Any) -> Change:
    """Change its title, unit, start, target or start date (``start_date``: a day)."""
    for name in fields:
        if name not in EDITABLE:
            raise TypeError(f"key results have no field {name!r} to edit")
    with store.transaction(f"edit k{keyresult_id}", journal) as tx:
        key_result = key_result_in(tx.store.plan, keyresult_id)
        wanted = {name: _edited(name, value, tx) for name, value in fields.items()}
        _distinct(wanted.get("start", key_result.start), wanted.get("target", key_result.target),
                  wanted.get("unit", key_result.unit))
        tx.update("keyresults", keyresult_id, **wanted)
    return tx.change


def _edited(name: str, value: Any, tx: Transaction) -> Any:
    """A field as typed, checked and as the file keeps it."""
    if name == "title":
        return clean_title(value)
    if name == "unit":
        return clean_unit(value)
    if name == "start_date":
        return to_iso(as_day(value, tx.now))
    return value


def delete_key_result(store: Store, keyresult_id: int, journal: bool = False) -> Change:
    """A key result with its values (one undo brings them all back)."""
    with store.transaction(f"delete key result k{keyresult_id}", journal) as tx:
        plan = tx.store.plan
        tx.change.label = f"delete key result {key_result_in(plan, keyresult_id).title!r}"
        remove_key_result(tx, plan, keyresult_id)
    return tx.change
