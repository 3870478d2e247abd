"""Every write stamps the documents it changes with `modified`; what puts a document
back (undo, redo, `planner undo`) keeps the stamp it had, so the file comes back
byte for byte (core/file/modified.py)."""

from __future__ import annotations

import json
import math

import orjson
import pendulum
import pytest

from planner_tui.core import actions
from planner_tui.core.file import modified
from planner_tui.core.file.store import SCHEMA, Store
from planner_tui.core.file.storage import DUMP_OPTIONS
from planner_tui.core.model import TacticStatus

LATER = {"hours": 2, "microseconds": 250}


def read(path) -> dict:
    return json.loads(path.read_bytes())


@pytest.fixture
def planned(plan_path, moving):
    """A store on a moving clock with one strategy and one tactic (t1, under s1)."""
    store = Store(plan_path, clock=moving)
    sid = actions.add_strategy(store, "Career").new_ids[0]
    actions.add_tactic(store, "Call Ana", sid)
    return store


def test_insert_and_update_stamp_with_the_time_of_the_commit_and_meta_is_not_stamped(planned, plan_path, moving):
    first = moving.at.isoformat()
    assert read(plan_path)["tactics"]["1"]["modified"] == first
    moving.at = moving.at.add(**LATER)
    actions.edit_tactic(planned, 1, title="Call Ana back")
    data = read(plan_path)
    assert data["tactics"]["1"]["modified"] == moving.at.isoformat() != first
    assert data["strategies"]["1"]["modified"] == first  # untouched documents keep theirs
    assert "modified" not in data["meta"]["1"]


def test_a_write_that_changes_nothing_stamps_nothing(planned, plan_path, moving):
    before = plan_path.read_bytes()
    moving.at = moving.at.add(**LATER)
    with planned.transaction("same title") as tx:
        tx.update("tactics", 1, title="Call Ana")
    assert plan_path.read_bytes() == before


def test_one_commit_writes_one_stamp(planned, plan_path, moving):
    moving.at = moving.at.add(**LATER)
    actions.set_status(planned, [1], TacticStatus.DONE)
    actions.add_tactic(planned, "Second", 1)
    with planned.transaction("several") as tx:
        moving.at = moving.at.add(seconds=5)  # the clock moves while the commit runs
        tx.update("tactics", 1, notes="n")
        tx.update("tactics", 2, notes="m")
        tx.update("strategies", 1, why="w")
    stamps = {doc["modified"] for name in ("tactics", "strategies") for doc in read(plan_path)[name].values()}
    assert len(stamps) == 1


def test_undo_and_redo_give_the_file_back_byte_for_byte_stamps_included(planned, plan_path, moving):
    before = plan_path.read_bytes()
    moving.at = moving.at.add(**LATER)
    change = actions.edit_tactic(planned, 1, title="Renamed", notes="with notes")
    after = plan_path.read_bytes()
    moving.at = moving.at.add(**LATER)  # undo at yet another time: it stamps nothing
    planned.revert(change)
    assert plan_path.read_bytes() == before
    planned.revert(change.undone(), verb="redo")
    assert plan_path.read_bytes() == after


def test_planner_undo_of_a_delete_brings_the_document_back_with_its_stamp(planned, plan_path, moving):
    before = plan_path.read_bytes()
    moving.at = moving.at.add(**LATER)
    actions.delete_tactic(planned, 1, journal=True)
    moving.at = moving.at.add(**LATER)
    Store(plan_path, clock=moving).pop_journal()
    assert plan_path.read_bytes() == before


def test_undoing_the_first_stamp_of_a_document_from_before_stamps_removes_it_again(plan_path, moving):
    """A document written before stamps existed has none; the undo of its first
    change must not leave `"modified": null` behind."""
    old = {"meta": {"1": {"schema": SCHEMA, "ids": {"strategies": 1, "tactics": 1}}},
           "strategies": {"1": {"title": "Old", "parent": None, "position": 0}},
           "tactics": {"1": {"title": "Old task", "strategy": 1, "status": "todo", "due": None, "notes": "",
                             "repeat": None, "position": 0, "created": None, "done_at": None}}}
    plan_path.write_bytes(orjson.dumps(old, option=DUMP_OPTIONS))
    before = plan_path.read_bytes()
    store = Store(plan_path, clock=moving)
    change = actions.edit_tactic(store, 1, title="New task")
    assert read(plan_path)["tactics"]["1"]["modified"] == moving.at.isoformat()
    store.revert(change)
    assert plan_path.read_bytes() == before


def test_an_undo_after_another_field_changed_elsewhere_keeps_the_later_stamp(planned, plan_path, moving):
    """The undo is allowed (its own field is as it left it); the document still holds
    the other change, so it keeps that change's time."""
    moving.at = moving.at.add(**LATER)
    change = actions.edit_tactic(planned, 1, title="Renamed")
    moving.at = moving.at.add(**LATER)
    elsewhere = Store(plan_path, clock=moving)
    actions.edit_tactic(elsewhere, 1, notes="written in another window")
    later = moving.at.isoformat()
    moving.at = moving.at.add(**LATER)
    planned.revert(change)
    doc = read(plan_path)["tactics"]["1"]
    assert (doc["title"], doc["notes"], doc["modified"]) == ("Call Ana", "written in another window", later)


def test_an_edit_elsewhere_of_the_same_field_still_refuses_the_undo(planned, plan_path, moving):
    change = actions.edit_tactic(planned, 1, title="Renamed")
    actions.edit_tactic(Store(plan_path, clock=moving), 1, title="Renamed again")
    with pytest.raises(Exception, match="was edited"):
        planned.revert(change)


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/New_York"])
def test_stamps_compare_as_moments_whatever_their_offset(zone):
    here = pendulum.datetime(2026, 12, 5, 10, 0, tz=zone)
    utc_a_second_later = here.in_tz("UTC").add(seconds=1)
    assert modified.instant(here.isoformat()) < modified.instant(utc_a_second_later.isoformat())
    assert modified.instant("2026-12-05T10:00:00") == modified.instant("2026-12-05T10:00:00+00:00")  # naive: UTC
    for never in (None, "", "not a time", 5):
        assert modified.instant(never) == -math.inf < modified.instant(here.isoformat())


def test_a_schema_3_file_opens_as_it_was_with_the_new_number_and_its_copy_kept(plan_path, clock):
    old = {"meta": {"1": {"schema": 3, "ids": {"strategies": 1}}},
           "strategies": {"1": {"title": "Old", "parent": None, "position": 0}}}
    plan_path.write_bytes(orjson.dumps(old, option=DUMP_OPTIONS))
    Store(plan_path, clock=clock)
    data = read(plan_path)
    assert data["meta"]["1"]["schema"] == SCHEMA
    assert data["strategies"] == old["strategies"]  # no stamp invented: it reads as older than any
    assert (plan_path.parent / "plan.json.backups" / "plan.schema3.json").exists()
