"""Properties of the merge, over random changes made on two copies of a plan
through real stores: the result is always a valid plan; merging is symmetric but
for which side's additions get new ids; a side that changed nothing gives the
other side; and merging the same copy again changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_tui.core import actions
from planner_tui.core.away import add_away, cancel_away
from planner_tui.core.checkin import Decision, decide, finish
from planner_tui.core.errors import InputError
from planner_tui.core.file.plan_copy import Copy, read_copy
from planner_tui.core.file.three_way import merge
from planner_tui.core.file.validation import check_tables
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.plan import Plan
from planner_tui.core.review import record_review
from planner_tui.core.file.store import Store

from plan_copies import Ticking

START = pendulum.datetime(2026, 11, 28, 10, 30, tz="UTC")
KINDS = ("rename", "done", "notes", "add_tactic", "add_strategy", "delete_tactic", "move_tactic",
         "move_strategy", "delete_strategy", "checkin", "note", "review", "tags", "away", "cancel_away")
CHANGES = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 50), st.integers(0, 50)), max_size=8)
PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def _pick(ids, k: int):
    ids = sorted(ids)
    return ids[k % len(ids)] if ids else None


def change(store: Store, side: str, n: int, kind: str, a: int, b: int) -> None:
    """One change of ``kind`` to the plan, on documents picked by ``a`` and ``b``
    (a change the plan refuses, such as a loop, is no change)."""
    plan = store.plan
    tactic, strategy, other = _pick(plan.tactics, a), _pick(plan.strategies, a), _pick(plan.strategies, b)
    day = START.date().add(days=b % 2)
    try:
        if kind == "rename" and tactic:
            actions.edit_tactic(store, tactic, title=f"{side} {n}")
        elif kind == "done" and tactic:
            actions.set_status(store, [tactic], TacticStatus.DONE)
        elif kind == "notes" and tactic:
            actions.edit_tactic(store, tactic, notes=f"{side} note {n}")
        elif kind == "add_tactic" and other:
            actions.add_tactic(store, f"{side} tactic {n}", other)
        elif kind == "add_strategy":
            actions.add_strategy(store, f"{side} strategy {n}", parent=other if b % 3 else None)
        elif kind == "delete_tactic" and tactic:
            actions.delete_tactic(store, tactic)
        elif kind == "move_tactic" and tactic and other:
            actions.move_tactic(store, tactic, other)
        elif kind == "move_strategy" and strategy:
            actions.move_strategy(store, strategy, other if b % 4 else None)
        elif kind == "delete_strategy" and strategy and len(plan.strategies) > 1:
            actions.delete_strategy(store, strategy)
        elif kind == "checkin" and tactic:
            decide(store, day, tactic, list(Decision)[b % len(Decision)], when=day.add(days=3))
        elif kind == "note":
            finish(store, day, f"{side} day note {n}")
        elif kind == "review" and strategy:
            record_review(store, strategy, list(Health)[b % len(Health)], f"{side} review {n}")
        elif kind == "tags" and tactic:
            actions.edit_tactic(store, tactic, tags=[f"{side}-{b % 3}"], owner=side if b % 2 else None)
        elif kind == "away":
            add_away(store, START.date().add(days=a % 5), START.date().add(days=a % 5 + b % 3), f"{side} away {n}")
        elif kind == "cancel_away" and plan.away:
            cancel_away(store, _pick(plan.away, a))
    except InputError:
        pass


def build(folder: Path, base_changes, ours_changes, theirs_changes) -> dict[str, Copy]:
    """base.json (two strategies, three tactics, then ``base_changes``), copied to
    ours.json and theirs.json and changed on each, their changes interleaved in time."""
    clock = Ticking(START)
    paths = {name: folder / f"{name}.json" for name in ("base", "ours", "theirs")}
    base = Store(paths["base"], clock=clock)
    first = actions.add_strategy(base, "Career").new_ids[0]
    second = actions.add_strategy(base, "Health", parent=first).new_ids[0]
    for title, under in (("Call Ana", first), ("Send CV", first), ("Run", second)):
        actions.add_tactic(base, title, under)
    for n, step in enumerate(base_changes):
        change(base, "base", n, *step)
    for name in ("ours", "theirs"):
        shutil.copyfile(paths["base"], paths[name])
    stores = {name: Store(paths[name], clock=clock) for name in ("ours", "theirs")}
    for n in range(max(len(ours_changes), len(theirs_changes))):
        for name, steps in (("ours", ours_changes), ("theirs", theirs_changes)):
            if n < len(steps):
                change(stores[name], name, n, *steps[n])
    return {name: read_copy(path.read_bytes(), name) for name, path in paths.items()}


def canonical(copy: Copy) -> dict:
    """The plan with every id replaced by what the document is (its `created`
    time, unique here; a day's check-in by its day), so two merges that numbered
    their additions differently compare equal. A check-in's mention of a tactic
    neither copy holds, and a review of a strategy neither holds, name nothing and
    are left out: a merge leaves out theirs where the id is one ours uses
    (core/file/renumber.py), and keeps ours."""
    made = {(table, doc_id): doc["created"] for table in ("strategies", "tactics")
            for doc_id, doc in copy.tables.get(table, {}).items()}

    def named(table: str, doc_id) -> str | None:
        return None if doc_id is None else made.get((table, doc_id), "gone")

    out: dict = {"strategies": {}, "tactics": {}, "checkins": {}, "reviews": {}, "away": {}}
    for doc in copy.tables.get("away", {}).values():  # each made once, with a note of its own
        out["away"][doc["note"]] = doc
    for doc in copy.tables.get("strategies", {}).values():
        out["strategies"][doc["created"]] = {**doc, "parent": named("strategies", doc.get("parent"))}
    for doc in copy.tables.get("tactics", {}).values():
        out["tactics"][doc["created"]] = {**doc, "strategy": named("strategies", doc["strategy"])}
    for doc in copy.tables.get("checkins", {}).values():
        out["checkins"][doc["date"]] = {
            key: sorted(n for n in (named("tactics", i) for i in value) if n != "gone") if isinstance(value, list)
            else value for key, value in doc.items()}
    for doc in copy.tables.get("reviews", {}).values():
        if named("strategies", doc["strategy"]) != "gone":
            out["reviews"][(named("strategies", doc["strategy"]), doc["date"])] = {
                **doc, "strategy": named("strategies", doc["strategy"])}
    return out


def valid(merged: Copy) -> None:
    """What the file's check accepts and the plan builds, one check-in a day, one review of a strategy a day."""
    tables = merged.file_tables()
    check_tables(tables)
    Plan.from_tables(json.loads(merged.dumps()))
    days = [doc["date"] for doc in merged.tables.get("checkins", {}).values()]
    looks = [(doc["strategy"], doc["date"]) for doc in merged.tables.get("reviews", {}).values()]
    assert len(days) == len(set(days)) and len(looks) == len(set(looks))


@PROPERTY
@given(base=CHANGES, ours=CHANGES, theirs=CHANGES)
def test_a_merge_is_valid_and_symmetric_but_for_the_new_ids(tmp_path_factory, base, ours, theirs):
    copies = build(tmp_path_factory.mktemp("plans"), base, ours, theirs)
    for common in (copies["base"], None):  # three-way, and two-way (no base found)
        one, _ = merge(common, copies["ours"], copies["theirs"])
        other, _ = merge(common, copies["theirs"], copies["ours"])
        valid(one)
        valid(other)
        assert canonical(one) == canonical(other)


@PROPERTY
@given(base=CHANGES, theirs=CHANGES)
def test_a_side_that_changed_nothing_gives_the_other_side(tmp_path_factory, base, theirs):
    copies = build(tmp_path_factory.mktemp("plans"), base, [], theirs)
    for merged, report in (merge(copies["base"], copies["ours"], copies["theirs"]),
                           merge(copies["base"], copies["theirs"], copies["ours"])):
        # (as the file holds them: an emptied table is not in the file)
        assert {t: d for t, d in merged.tables.items() if d} == {t: d for t, d in copies["theirs"].tables.items() if d}
        assert report.clean


@PROPERTY
@given(base=CHANGES, ours=CHANGES, theirs=CHANGES)
def test_merging_the_same_copy_again_changes_nothing(tmp_path_factory, base, ours, theirs):
    copies = build(tmp_path_factory.mktemp("plans"), base, ours, theirs)
    once, _ = merge(copies["base"], copies["ours"], copies["theirs"])
    twice, report = merge(copies["base"], once, copies["theirs"])
    assert twice.tables == once.tables
    assert report.renumbered == []
