"""A plan file we cannot use is refused with a clear message, and never overwritten."""

from __future__ import annotations

import json
import re

import pytest
from faultkit import seed_plan, tactic_doc, temps_of

from planner_tui.core.file.changes import Patch
from planner_tui.core.file.store import SCHEMA, PlanFileError, SaveError, Store, backup_folder

BAD_JSON = [
    # (content, line, column as the parser reports it)
    ('{\n  "tactics": {\n    "1": {"title": "a",}\n  }\n}\n', 3, 23),
    ('{\n  "tactics": {\n    "1": {"title": "a"', 3, 23),  # cut off by a crash of some other tool
    ("garbage", 1, 1),
    ('{"meta": {}}\n\n<<<<<<< HEAD\n', 3, 1),  # a merge conflict from a sync tool
]


def assert_refused(path, error: pytest.ExceptionInfo, what: str) -> None:
    message = str(error.value)
    assert str(path) in message
    assert what in message
    assert "left untouched" in message
    if backup_folder(path).exists():
        assert f"Backups are in {backup_folder(path)}/ (the newest is " in message
    else:  # never send a person to a folder that is not there
        assert ".backups" not in message and "No backup of it has been kept yet." in message


@pytest.mark.parametrize(("content", "line", "column"), BAD_JSON)
def test_invalid_json_is_refused_naming_file_line_and_column(plan_path, clock, content, line, column):
    plan_path.write_text(content)
    before = plan_path.read_bytes()

    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)

    assert_refused(plan_path, error, "not valid JSON")
    assert f"line {line}, column {column}" in str(error.value)
    assert plan_path.read_bytes() == before
    assert temps_of(plan_path) == [] and not backup_folder(plan_path).exists()


def test_a_refusal_names_the_backups_folder_and_its_newest_when_there_is_one(plan_path, clock, now):
    seed_plan(plan_path, 3, now.isoformat())
    store = Store(plan_path, clock=clock)
    store.replay("change", [Patch("tactics", 1, {"title": "changed"})])  # the day's backup is kept
    kept = {path.name: path.stat().st_mtime_ns for path in backup_folder(plan_path).iterdir()}
    plan_path.write_text("{ broken")
    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)
    assert_refused(plan_path, error, "not valid JSON")
    newest = re.search(r"Backups are in .*/ \(the newest is (.+)\)\.$", str(error.value))[1]
    assert kept[newest] == max(kept.values())


def test_binary_garbage_is_refused(plan_path, clock):
    plan_path.write_bytes(b"\xff\xfe\x00\x01 not text")
    before = plan_path.read_bytes()
    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)
    assert_refused(plan_path, error, "not valid JSON")
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("content", ['[1, 2, 3]', '{"tactics": [1, 2]}', '"just a string"'])
def test_json_that_is_not_a_plan_is_refused(plan_path, clock, content):
    plan_path.write_text(content)
    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)
    assert_refused(plan_path, error, "not a plan")
    assert plan_path.read_text() == content


@pytest.mark.parametrize("bad", [{"status": "finished?"}, {"due": "2026-02-30"}, {"created": "last week"},
                                 {"done_at": 5}])
def test_a_malformed_document_is_refused(plan_path, clock, bad):
    """Refused on open, even though tactics become objects only when first used."""
    plan_path.write_text(json.dumps({"tactics": {"1": {"title": "a", "strategy": 1, **bad}}}))
    before = plan_path.read_bytes()
    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)
    assert_refused(plan_path, error, f'in tactics 1 (\'a\'), field "{next(iter(bad))}"')
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("schema", [SCHEMA + 1, 99])
def test_a_newer_schema_is_refused_and_kept(plan_path, clock, now, schema):
    data = seed_plan(plan_path, 3, now.isoformat())
    data["meta"]["1"]["schema"] = schema
    data["meta"]["1"]["new_feature"] = {"we": "do not know it"}
    plan_path.write_text(json.dumps(data, indent=2))
    before = plan_path.read_bytes()

    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)

    assert_refused(plan_path, error, f"newer planner_tui (schema {schema}; this one knows up to {SCHEMA})")
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("schema", ['"1"', "null", "0", "true"])
def test_a_nonsense_schema_is_refused(plan_path, clock, schema):
    plan_path.write_text(f'{{"meta": {{"1": {{"schema": {schema}}}}}}}')
    before = plan_path.read_bytes()
    with pytest.raises(PlanFileError) as error:
        Store(plan_path, clock=clock)
    assert_refused(plan_path, error, "meta.schema")
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("damage", ['{"tactics": {"1": ', json.dumps({"meta": {"1": {"schema": 7}}})])
def test_a_file_damaged_while_open_is_not_overwritten_by_the_next_commit(plan_path, clock, now, damage):
    seed_plan(plan_path, 3, now.isoformat())
    store = Store(plan_path, clock=clock)
    plan_path.write_text(damage)  # a sync tool or a newer planner_tui, behind our back
    before = plan_path.read_bytes()

    with pytest.raises(PlanFileError) as error:
        store.replay("rename", [Patch("tactics", 1, {"title": "renamed"})])
    with pytest.raises(PlanFileError):
        with store.transaction("add") as tx:
            tx.insert("tactics", tactic_doc("new", now.isoformat()))

    assert str(plan_path) in str(error.value)
    assert plan_path.read_bytes() == before
    assert temps_of(plan_path) == []


def test_a_lock_held_elsewhere_times_out_with_a_save_error(plan_path, clock, now, monkeypatch):
    from filelock import FileLock

    from planner_tui.core.file import store as store_module

    seed_plan(plan_path, 3, now.isoformat())
    store = Store(plan_path, clock=clock)
    before = plan_path.read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.2)
    store._lock.timeout = 0.2
    other = FileLock(str(plan_path) + ".lock")
    other.acquire()  # a separate FileLock object contends like another process
    try:
        with pytest.raises(SaveError, match="locked by another planner"):
            store.replay("rename", [Patch("tactics", 1, {"title": "renamed"})])
    finally:
        other.release()
    assert plan_path.read_bytes() == before
    assert store.plan.tactics[1].title == "seed 1"
    store.replay("rename", [Patch("tactics", 1, {"title": "renamed"})])
    assert store.plan.tactics[1].title == "renamed"
