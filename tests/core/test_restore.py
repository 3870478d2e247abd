"""An emptied plan file is refused beside backups of a real plan; `restore` puts a backup
back with its ids, keeps the file as it was, and never lets an id go backwards."""

from __future__ import annotations

import os

import pytest

from planner_tui.core import actions

from planner_tui.core.file import backups, restore
from planner_tui.core.errors import InputError
from planner_tui.core.file.store import PlanFileError, Store, backup_folder


@pytest.fixture
def lived_in(plan_path, moving, now):
    """Two days of a plan: s1 > t1 on day one; s2 > t2 added on day two (journaled), so
    day two's backup holds s1 and t1, the journal s2 and t2."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career", journal=True).new_ids[0]
    actions.add_tactic(store, "Write the CV", goal, journal=True)
    moving.at = now.add(days=1)
    other = actions.add_strategy(store, "Health", journal=True).new_ids[0]
    actions.add_tactic(store, "Run", other, journal=True)
    return store


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_an_emptied_plan_beside_backups_is_refused_naming_the_newest_and_the_command(
        lived_in, plan_path, moving, content, monkeypatch):
    plan_path.write_bytes(content)
    newest = backups.daily_path(plan_path, moving.at.date())

    with pytest.raises(PlanFileError) as refused:
        Store(plan_path, clock=moving)

    message = str(refused.value)
    assert f"The plan file {plan_path} is empty" in message and str(newest) in message
    assert f"`planner --db {plan_path} restore` puts it back" in message
    assert plan_path.read_bytes() == content
    monkeypatch.setenv("PLANNER_DB", str(plan_path))  # the default plan: no --db to type
    with pytest.raises(PlanFileError, match="`planner restore` puts it back"):
        Store(plan_path, clock=moving)


def test_the_open_store_refuses_the_file_emptied_under_it(lived_in, plan_path):
    plan_path.write_bytes(b"")
    with pytest.raises(PlanFileError, match="is empty, but its backups hold a plan"):
        lived_in.refresh()
    with pytest.raises(PlanFileError):
        actions.add_strategy(lived_in, "Would reuse s1")
    assert plan_path.read_bytes() == b""


def test_an_empty_file_without_backups_of_a_plan_is_a_new_plan(plan_path, clock):
    plan_path.write_bytes(b"")
    assert Store(plan_path, clock=clock).plan.strategies == {}
    folder = backup_folder(plan_path)
    folder.mkdir()
    (folder / "plan-2026-11-27.json").write_text('{"meta": {"1": {"schema": 1}}, "strategies": {}}')
    (folder / "plan.before-restore-20261127-100000.json").write_bytes(b"")
    store = Store(plan_path, clock=clock)
    assert actions.add_strategy(store, "First").new_ids == [1]


def test_restore_brings_the_plan_back_with_its_ids_and_keeps_the_emptied_file(lived_in, plan_path, moving):
    plan_path.write_bytes(b"")
    store = Store(plan_path, clock=moving, refuse_emptied=False)
    source = restore.choose(plan_path)
    assert source == backups.daily_path(plan_path, moving.at.date())

    result = restore.restore(store, source, journal=True)

    reopened = Store(plan_path, clock=moving)
    assert {s.id: s.title for s in reopened.plan.strategies.values()} == {1: "Career"}
    assert {t.id: t.title for t in reopened.plan.tactics.values()} == {1: "Write the CV"}
    assert result.backup.parent == backup_folder(plan_path) and result.backup.read_bytes() == b""
    assert result.backup.name.startswith("plan.before-restore-")
    # the journal still means s2 and t2: the next ids are past them
    assert actions.add_strategy(reopened, "Fresh").new_ids == [3]
    assert actions.add_tactic(reopened, "Fresh", 1).new_ids == [3]


def test_ids_never_go_back_below_any_backup(plan_path, moving, now):
    """A copy kept before an import knows ids that the older daily backup does not."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career").new_ids[0]
    moving.at = now.add(days=1)
    for number in range(5):
        actions.add_tactic(store, f"t{number}", goal)
    backups.keep_copy(plan_path, "plan.before-import-20261129-103000.json")
    plan_path.write_bytes(b"\n")

    fresh = Store(plan_path, clock=moving, refuse_emptied=False)
    restore.restore(fresh, backups.daily_path(plan_path, moving.at.date()))
    assert fresh.plan.tactics == {}
    assert actions.add_tactic(fresh, "next", goal).new_ids == [6]


def test_restore_of_a_day_and_the_days_kept(lived_in, plan_path, now):
    day_one = backups.daily_path(plan_path, now.date())
    assert restore.choose(plan_path, now.date().isoformat()) == day_one
    restore.restore(lived_in, day_one)
    assert [s.title for s in lived_in.plan.strategies.values()] == ["Career"] and lived_in.plan.tactics == {}
    with pytest.raises(InputError, match=r"no backup of 2026-11-27\. Daily backups are kept of "
                                         r"2026-11-28, 2026-11-29; `planner restore` without a date"):
        restore.choose(plan_path, "2026-11-27")
    with pytest.raises(InputError, match=r"DATE must be a day like 2026-11-27, not 'last week'"):
        restore.choose(plan_path, "last week")


def test_nothing_to_restore_is_said(plan_path):
    with pytest.raises(InputError, match="Nothing to restore: no backup of .*plan.json has been kept yet"):
        restore.choose(plan_path)  # and no folder is named: there is none
    backups.backup_folder(plan_path).mkdir()
    with pytest.raises(InputError, match="Nothing to restore: .*plan.json.backups/ holds no backup"):
        restore.choose(plan_path)


def test_a_restore_is_taken_back_by_undo(lived_in, plan_path, moving):
    before = {s.title for s in lived_in.plan.strategies.values()}
    restore.restore(lived_in, restore.choose(plan_path), journal=True)
    assert {s.title for s in lived_in.plan.strategies.values()} == {"Career"}
    undone = Store(plan_path, clock=moving).pop_journal()
    assert undone.label.startswith("undo restore plan-")
    assert {s.title for s in Store(plan_path, clock=moving).plan.strategies.values()} == before


def test_an_unusable_backup_is_refused_and_nothing_written(lived_in, plan_path, moving):
    folder = backup_folder(plan_path)
    bad = folder / "plan-2026-12-01.json"
    bad.write_text('{"strategies": {"1": {"title": ""}}}')
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match=f"The backup {bad} cannot be used"):
        restore.restore(lived_in, restore.choose(plan_path, "2026-12-01"))
    assert plan_path.read_bytes() == before
    assert not list(folder.glob("plan.before-restore-*"))


def test_a_daily_backup_is_not_made_of_an_empty_file(plan_path, moving, now):
    """It would push a real day out of the last seven."""
    store = Store(plan_path, clock=moving)
    actions.add_strategy(store, "Career")
    copy = backups.keep_copy(plan_path, "plan.before-import-20261128-103000.json")
    plan_path.write_bytes(b"")
    moving.at = now.add(days=1)
    restore.restore(Store(plan_path, clock=moving, refuse_emptied=False), copy)
    assert not backups.daily_path(plan_path, moving.at.date()).exists()
    assert [s.title for s in Store(plan_path, clock=moving).plan.strategies.values()] == ["Career"]


def test_seen_ids_reads_backups_and_the_journal(lived_in, plan_path):
    folder = backup_folder(plan_path)
    (folder / "plan.before-import-x.json").write_text('{"meta": {"1": {"ids": {"reviews": 9}}}, "checkins": {"4": {}}}')
    (folder / "plan.schema1.json").write_text("not json")
    os.symlink("/etc/passwd", folder / "plan.schema0.json")
    warnings: list[str] = []
    assert restore.seen_ids(plan_path, warnings.append) == {"strategies": 2, "tactics": 2, "checkins": 4,
                                                              "reviews": 9}
    assert warnings == []
