"""The plan file as DESIGN.md promises it: format, ids, permissions, backups, reloads.

Every test works on a real file in a temporary folder, with the clock frozen
by the `now`/`clock` fixtures, so they pass on any day in any time zone.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import orjson
import pendulum
import pytest

from planner_tui.core.file import undo_journal as journal
from planner_tui.core.file import store as store_module
from planner_tui.core.file.changes import Patch
from planner_tui.core.file.storage import temp_prefix
from planner_tui.core.file.store import SCHEMA, PlanFileError, SaveError, StaleUndo, Store, backup_folder

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")


def add_strategy(store: Store, title: str = "Career", parent: int | None = None, **extra) -> int:
    doc = {"title": title, "parent": parent, "why": "", "horizon": None, "status": "active",
           "position": 0, "review_every": None, "created": store.clock().isoformat(), **extra}
    with store.transaction(f"add strategy {title}") as tx:
        return tx.insert("strategies", doc)


def add_tactic(store: Store, strategy: int, title: str = "Do it", **extra) -> int:
    doc = {"title": title, "strategy": strategy, "status": "todo", "due": None, "notes": "",
           "repeat": None, "position": 0, "created": store.clock().isoformat(), "done_at": None, **extra}
    with store.transaction(f"add tactic {title}") as tx:
        return tx.insert("tactics", doc)


def remove(store: Store, table: str, doc_id: int) -> None:
    with store.transaction("remove") as tx:
        tx.remove(table, doc_id)


def read(path) -> dict:
    return json.loads(path.read_text())


# -- a new file ------------------------------------------------------------------


def test_opening_a_missing_file_writes_nothing_and_the_first_commit_creates_it(plan_path, clock):
    store = Store(plan_path, clock=clock)
    assert not plan_path.exists()
    assert store.plan.tactics == {} and store.plan.strategies == {}

    sid = add_strategy(store)

    assert plan_path.exists()
    data = read(plan_path)
    assert data["meta"]["1"]["schema"] == SCHEMA
    assert data["strategies"] == {str(sid): data["strategies"][str(sid)]}
    assert store.plan.strategies[sid].title == "Career"


def test_missing_folders_are_created(tmp_path, clock):
    path = tmp_path / "a" / "b" / "plan.json"
    store = Store(path, clock=clock)
    add_strategy(store)
    assert read(path)["strategies"]


def test_reading_a_missing_file_makes_nothing_on_disk(tmp_path, clock):
    """Not the folder, nor the lock file, backups or journal: those come with the first commit."""
    store = Store(tmp_path / "a" / "b" / "plan.json", clock=clock)
    assert store.plan.strategies == {} and not store.refresh()
    assert store.pop_journal() is None
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_fails_the_commit_cleanly(tmp_path, clock):
    store = Store(tmp_path / "new" / "plan.json", clock=clock)
    blocker = tmp_path / "new"
    blocker.write_text("not a folder\n")  # made after opening: the commit finds it in the way
    with pytest.raises(SaveError, match="cannot create its folder"):
        add_strategy(store)
    assert blocker.read_text() == "not a folder\n"


# -- ids -------------------------------------------------------------------------


def test_the_id_of_a_deleted_last_tactic_is_never_reused(store):
    sid = add_strategy(store)
    first, last = add_tactic(store, sid, "a"), add_tactic(store, sid, "b")
    remove(store, "tactics", last)

    new = add_tactic(store, sid, "c")

    assert new > last > first
    assert set(store.plan.tactics) == {first, new}


def test_deleting_everything_does_not_reset_the_ids(store):
    sid = add_strategy(store)
    tid = add_tactic(store, sid)
    remove(store, "tactics", tid)
    remove(store, "strategies", sid)

    assert add_strategy(store) > sid
    assert add_tactic(store, add_strategy(store)) > tid


def test_a_second_store_continues_from_the_counter(store, plan_path, clock):
    sid = add_strategy(store)
    last = add_tactic(store, sid)
    remove(store, "tactics", last)

    other = Store(plan_path, clock=clock)
    assert add_tactic(other, sid) == last + 1
    # and the first store, whose TinyDB table saw none of that, continues after both
    assert add_tactic(store, sid) == last + 2


def test_a_hand_written_file_without_counters_continues_from_the_highest_id(plan_path, clock):
    plan_path.write_text(json.dumps({
        "strategies": {"7": {"title": "By hand", "parent": None, "status": "active"}},
        "tactics": {"3": {"title": "a", "strategy": 7}, "41": {"title": "b", "strategy": 7}},
    }))
    store = Store(plan_path, clock=clock)

    assert add_strategy(store) == 8
    assert add_tactic(store, 7) == 42
    assert read(plan_path)["meta"]["1"]["ids"] == {"strategies": 8, "tactics": 42}


def test_a_counter_behind_the_ids_present_does_not_overwrite_a_document(plan_path, clock):
    plan_path.write_text(json.dumps({
        "meta": {"1": {"schema": 1, "ids": {"tactics": 2}}},
        "strategies": {"1": {"title": "s", "parent": None}},
        "tactics": {"3": {"title": "pasted in by hand", "strategy": 1}},
    }))
    store = Store(plan_path, clock=clock)

    assert add_tactic(store, 1) == 4
    assert store.plan.tactics[3].title == "pasted in by hand"


# -- the file format -------------------------------------------------------------


def test_the_file_has_the_designed_tables_fields_and_iso_dates(store, plan_path, now):
    sid = add_strategy(store, horizon=now.add(years=2).date().isoformat(), review_every=30)
    add_tactic(store, sid, "dated", due=now.add(days=3).date().isoformat())
    add_tactic(store, sid, "timed", due=now.add(days=1).set(hour=17, minute=0).isoformat())
    with store.transaction("check in") as tx:
        tx.insert("checkins", {"date": now.date().isoformat(), "done": [], "pushed": [], "started": [],
                               "note": ""})
        tx.insert("reviews", {"strategy": sid, "date": now.date().isoformat(), "health": "on-track",
                              "note": ""})

    data = read(plan_path)

    assert {"meta", "strategies", "tactics", "checkins", "reviews"} <= set(data)
    assert data["meta"]["1"]["schema"] == SCHEMA
    for table in ("strategies", "tactics", "checkins", "reviews"):  # when each was last changed
        assert all(DATETIME_WITH_OFFSET.match(doc["modified"]) for doc in data[table].values())
    strategy = data["strategies"][str(sid)]
    assert {"title", "parent", "why", "horizon", "status", "position", "review_every", "created"} <= set(strategy)
    assert DATE.match(strategy["horizon"]) and DATETIME_WITH_OFFSET.match(strategy["created"])
    dated, timed = data["tactics"].values()
    assert {"title", "strategy", "status", "due", "notes", "repeat", "position", "created",
            "done_at"} <= set(dated)
    assert dated["strategy"] == sid and dated["status"] == "todo"
    assert DATE.match(dated["due"]) and dated["due"] == now.add(days=3).date().isoformat()
    assert DATETIME_WITH_OFFSET.match(timed["due"])
    assert DATETIME_WITH_OFFSET.match(dated["created"])
    assert DATE.match(next(iter(data["checkins"].values()))["date"])
    assert next(iter(data["reviews"].values()))["strategy"] == sid


def test_the_file_is_sorted_indented_one_field_per_line(store, plan_path):
    sid = add_strategy(store)
    add_tactic(store, sid, "b", notes="zz")
    raw = plan_path.read_text()

    assert raw.endswith("}\n")
    assert raw == json.dumps(json.loads(raw), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert '\n      "status": "todo",\n      "strategy": 1,\n' in raw


def test_two_writes_of_the_same_plan_are_byte_identical(store, plan_path, clock, tmp_path):
    sid = add_strategy(store)
    tid = add_tactic(store, sid, "Ünïcode ✓ [bold]x[/]")
    first = plan_path.read_bytes()

    store.replay("no-op rewrite", [Patch("tactics", tid, {"title": "other"})])
    store.replay("and back", [Patch("tactics", tid, {"title": "Ünïcode ✓ [bold]x[/]"})])
    assert plan_path.read_bytes() == first

    # a second store writing the same plan into another file gives the same bytes
    copy = tmp_path / "copy.json"
    copy.write_bytes(first)
    other = Store(copy, clock=clock)
    other.replay("touch", [Patch("tactics", tid, {"notes": "x"})])
    other.replay("untouch", [Patch("tactics", tid, {"notes": ""})])
    assert copy.read_bytes() == first


# -- the file as a file ----------------------------------------------------------


def test_permissions_are_kept(store, plan_path):
    sid = add_strategy(store)
    os.chmod(plan_path, 0o640)
    add_tactic(store, sid)
    assert plan_path.stat().st_mode & 0o777 == 0o640
    os.chmod(plan_path, 0o604)
    add_tactic(store, sid)
    assert plan_path.stat().st_mode & 0o777 == 0o604


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_the_owner_is_kept_when_root_edits_someone_elses_file(store, plan_path):
    sid = add_strategy(store)
    os.chown(plan_path, 65534, 65534)
    add_tactic(store, sid)
    assert (plan_path.stat().st_uid, plan_path.stat().st_gid) == (65534, 65534)


def test_a_symlinked_plan_stays_a_symlink_and_its_target_is_updated(tmp_path, clock):
    target = tmp_path / "synced" / "real-plan.json"
    target.parent.mkdir()
    link = tmp_path / "plan.json"
    link.symlink_to(target)

    store = Store(link, clock=clock)
    add_tactic(store, add_strategy(store))
    add_strategy(store, "Another")

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(read(target)["strategies"]) == 2
    assert not list(tmp_path.glob(".plan.json.tmp-*"))
    assert Store(link, clock=clock).plan.strategies.keys() == store.plan.strategies.keys()


def test_stale_temp_files_of_dead_writers_are_removed_at_open(plan_path, clock):
    add_strategy(Store(plan_path, clock=clock))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = plan_path.with_name(f".{plan_path.name}.tmp-{dead_pid}-abc123")
    stale.write_text('{"half": ')
    mine = plan_path.with_name(temp_prefix(plan_path) + "live")  # our own pid: a writer still alive
    mine.write_text("{")
    unrelated = plan_path.with_name("notes.txt")
    unrelated.write_text("keep")

    Store(plan_path, clock=clock)

    assert not stale.exists()
    assert mine.exists() and unrelated.exists()


def test_a_stale_temp_file_is_removed_even_when_its_pid_was_reused(plan_path, clock):
    add_strategy(Store(plan_path, clock=clock))
    old = plan_path.with_name(temp_prefix(plan_path) + "from-before-a-reboot")  # our pid, reused
    old.write_text("{")
    an_hour_ago = pendulum.now().subtract(hours=1).timestamp()
    os.utime(old, (an_hour_ago, an_hour_ago))

    Store(plan_path, clock=clock)

    assert not old.exists()


# -- backups ---------------------------------------------------------------------


def test_the_file_as_it_was_before_the_days_first_change_is_backed_up(plan_path, now):
    day = [now]
    store = Store(plan_path, clock=lambda: day[0])
    sid = add_strategy(store)  # creates the file: nothing to back up yet
    assert not list(backup_folder(plan_path).glob("*.json"))

    before = plan_path.read_bytes()
    add_tactic(store, sid, "first of the day")
    add_tactic(store, sid, "second of the day")
    backup = backup_folder(plan_path) / f"plan-{now.date().isoformat()}.json"
    assert backup.read_bytes() == before

    day[0] = now.add(days=1)
    before = plan_path.read_bytes()
    add_tactic(store, sid, "next day")
    assert (backup_folder(plan_path) / f"plan-{day[0].date().isoformat()}.json").read_bytes() == before
    assert backup.exists()


def test_only_the_last_seven_backups_are_kept(plan_path, now):
    day = [now]
    store = Store(plan_path, clock=lambda: day[0])
    sid = add_strategy(store)
    for offset in range(10):
        day[0] = now.add(days=offset)
        add_tactic(store, sid, f"day {offset}")

    names = sorted(p.name for p in backup_folder(plan_path).iterdir())
    assert names == [f"plan-{now.add(days=offset).date().isoformat()}.json" for offset in range(3, 10)]
    # the oldest kept one is the file as it was before day 3's change: days 0..2 in it
    assert len(read(backup_folder(plan_path) / names[0])["tactics"]) == 3


# -- other processes' commits ----------------------------------------------------


def test_refresh_and_changed_on_disk_see_another_stores_commit(store, plan_path, clock):
    sid = add_strategy(store)
    assert not store.changed_on_disk()
    assert store.refresh() is False

    other = Store(plan_path, clock=clock)
    tid = add_tactic(other, sid, "from the CLI")

    assert store.changed_on_disk()
    assert tid not in store.plan.tactics
    assert store.refresh() is True
    assert store.plan.tactics[tid].title == "from the CLI"
    assert not store.changed_on_disk() and store.refresh() is False


def test_a_commit_catches_up_with_another_stores_commit_first(store, plan_path, clock):
    sid = add_strategy(store)
    other = Store(plan_path, clock=clock)
    theirs = add_tactic(other, sid, "theirs")
    mine = add_tactic(store, sid, "mine")

    assert mine > theirs
    assert {theirs, mine} <= set(store.plan.tactics)
    assert {theirs, mine} <= set(Store(plan_path, clock=clock).plan.tactics)


def test_an_in_place_rewrite_that_keeps_size_and_mtime_is_still_noticed(store, plan_path):
    """rsync --inplace and some sync tools rewrite the same inode and copy the mtime back."""
    sid = add_strategy(store, "abc")
    info = plan_path.stat()
    with open(plan_path, "r+b") as handle:
        changed = handle.read().replace(b'"abc"', b'"xyz"')
        handle.seek(0)
        handle.write(changed)
    os.utime(plan_path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (plan_path.stat().st_ino, plan_path.stat().st_size) == (info.st_ino, info.st_size)

    assert store.refresh() is True
    assert store.plan.strategies[sid].title == "xyz"


def test_a_transaction_that_fails_half_way_writes_nothing(store, plan_path, now):
    sid = add_strategy(store)
    tid = add_tactic(store, sid, "keep")
    before, plan_before = plan_path.read_bytes(), dict(store.plan.tactics)

    with pytest.raises(RuntimeError):
        with store.transaction("half") as tx:
            tx.insert("tactics", {"title": "half-made", "strategy": sid})
            tx.update("tactics", tid, title="half-renamed")
            tx.remove("strategies", sid)
            raise RuntimeError("the person's input was wrong after all")

    assert plan_path.read_bytes() == before
    assert store.plan.tactics == plan_before and sid in store.plan.strategies
    add_strategy(store, "next")  # the next commit carries none of the half-made changes
    data = read(plan_path)
    assert data["tactics"][str(tid)]["title"] == "keep"
    assert "half-made" not in plan_path.read_text() and str(sid) in data["strategies"]


def test_our_own_commit_is_not_a_change_on_disk(store):
    add_tactic(store, add_strategy(store))
    assert not store.changed_on_disk()


# -- migrations ------------------------------------------------------------------


def test_an_older_schema_is_migrated_on_open_and_a_copy_kept(plan_path, clock, monkeypatch):
    Store(plan_path, clock=clock)
    store = Store(plan_path, clock=clock)
    sid = add_strategy(store)
    add_tactic(store, sid, "old")
    old_bytes = plan_path.read_bytes()

    def add_effort(data):
        for doc in data.get("tactics", {}).values():
            doc.setdefault("effort", 1)

    monkeypatch.setattr(store_module, "SCHEMA", SCHEMA + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, SCHEMA: add_effort})

    migrated = Store(plan_path, clock=clock)

    data = read(plan_path)
    assert data["meta"]["1"]["schema"] == SCHEMA + 1
    assert [doc["effort"] for doc in data["tactics"].values()] == [1]
    assert (backup_folder(plan_path) / f"plan.schema{SCHEMA}.json").read_bytes() == old_bytes
    assert not migrated.changed_on_disk()
    # opening again does not migrate twice
    Store(plan_path, clock=clock)
    assert read(plan_path) == data


def test_a_migration_that_cannot_be_written_stays_in_memory_until_the_next_commit(
        plan_path, clock, monkeypatch):
    sid = add_strategy(Store(plan_path, clock=clock))
    monkeypatch.setattr(store_module, "SCHEMA", SCHEMA + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, SCHEMA: lambda data: None})

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr("planner_tui.core.file.storage.atomic_write", refuse)
        store = Store(plan_path, clock=clock)
    assert read(plan_path)["meta"]["1"]["schema"] == SCHEMA

    add_tactic(store, sid)
    assert read(plan_path)["meta"]["1"]["schema"] == SCHEMA + 1


# -- the CLI's undo journal ------------------------------------------------------


def test_a_journaled_commit_is_taken_back_by_pop_journal_in_another_process(store, plan_path, clock):
    sid = add_strategy(store)
    tid = add_tactic(store, sid, "keep")
    store.replay("rename", [Patch("tactics", tid, {"title": "renamed", "notes": "n"})], journal=True)
    with store.transaction("add", journal=True) as tx:
        added = tx.insert("tactics", {"title": "added", "strategy": sid})
    assert len(journal.read(plan_path)) == 2

    later = Store(plan_path, clock=clock)  # `planner undo` is a new process
    undone = later.pop_journal()
    assert undone.label == "undo add"
    assert added not in later.plan.tactics and added not in read(plan_path)["tactics"]

    undone = Store(plan_path, clock=clock).pop_journal()
    assert undone.label == "undo rename"
    tactic = read(plan_path)["tactics"][str(tid)]
    assert (tactic["title"], tactic.get("notes")) == ("keep", "")
    assert Store(plan_path, clock=clock).pop_journal() is None
    assert not journal.journal_path(plan_path).exists()


def test_the_journal_stays_out_of_the_plan_file(store, plan_path):
    """So `planner add` changes only the lines of what it added (git diffs, merges)."""
    sid = add_strategy(store)
    before = plan_path.read_text().splitlines()
    store.replay("rename", [Patch("strategies", sid, {"title": "renamed"})], journal=True)
    after = plan_path.read_text().splitlines()
    assert "undo" not in read(plan_path)["meta"]["1"]
    changed = [line for line in after if line not in before]
    assert changed == ['      "title": "renamed",']
    assert journal.journal_path(plan_path).name == "plan.json.undo.json"


def test_commits_without_journal_are_not_journaled(store, plan_path):
    add_tactic(store, add_strategy(store))
    assert journal.read(plan_path) == []
    assert store.pop_journal() is None


def test_a_change_edited_since_is_not_undone(store, plan_path, clock):
    sid = add_strategy(store)
    tid = add_tactic(store, sid, "first")
    store.replay("rename", [Patch("tactics", tid, {"title": "second"})], journal=True)
    store.replay("edit by hand", [Patch("tactics", tid, {"title": "third"})])  # not journaled
    before = plan_path.read_bytes()
    with pytest.raises(StaleUndo, match="'rename'.*changed since"):
        Store(plan_path, clock=clock).pop_journal()
    assert plan_path.read_bytes() == before
    assert journal.read(plan_path) == []  # taken off the list: the next undo goes further back


def older_file_with_a_journaled_rename(store, plan_path, title: str = "renamed") -> int:
    """A strategy renamed through the journal, kept in meta.undo as versions
    before the journal file wrote it; ``title`` is what the file says now."""
    sid = add_strategy(store)
    store.replay("rename", [Patch("strategies", sid, {"title": "renamed"})], journal=True)
    entries = journal.read(plan_path)
    journal.journal_path(plan_path).unlink()
    data = read(plan_path)
    data["meta"]["1"]["undo"] = entries
    data["strategies"][str(sid)]["title"] = title
    plan_path.write_text(json.dumps(data))
    return sid


def test_a_journal_in_the_meta_of_an_older_file_is_moved_out_and_still_undoes(store, plan_path, clock):
    sid = older_file_with_a_journaled_rename(store, plan_path)
    later = Store(plan_path, clock=clock)
    assert later.pop_journal().label == "undo rename"
    assert later.plan.strategies[sid].title != "renamed"
    assert "undo" not in read(plan_path)["meta"]["1"] and journal.read(plan_path) == []


def test_an_unreadable_journal_means_nothing_to_undo(store, plan_path):
    add_strategy(store)
    journal.journal_path(plan_path).write_text("{ not json")
    assert store.pop_journal() is None


def test_the_journal_keeps_only_the_newest_entries(store, plan_path):
    sid = add_strategy(store)
    for number in range(journal.DEPTH + 5):
        store.replay(f"rename {number}", [Patch("strategies", sid, {"title": f"t{number}"})], journal=True)
    labels = [entry["label"] for entry in journal.read(plan_path)]
    assert labels == [f"rename {n}" for n in range(5, journal.DEPTH + 5)]


# -- the clock -------------------------------------------------------------------


@pytest.mark.parametrize("tz", ["Pacific/Auckland", "America/Los_Angeles", "UTC"])
def test_backups_are_named_after_the_clocks_local_date(plan_path, tz):
    late = pendulum.datetime(2026, 11, 28, 23, 30, tz=tz)
    store = Store(plan_path, clock=lambda: late)
    add_tactic(store, add_strategy(store))
    assert [p.name for p in backup_folder(plan_path).iterdir()] == ["plan-2026-11-28.json"]
    assert orjson.loads(plan_path.read_bytes())["tactics"]["1"]["created"] == late.isoformat()


def test_a_stale_entry_in_an_older_files_meta_is_dropped_once(store, plan_path, clock):
    sid = older_file_with_a_journaled_rename(store, plan_path, title="edited by hand")
    with pytest.raises(StaleUndo):
        Store(plan_path, clock=clock).pop_journal()
    assert "undo" not in read(plan_path)["meta"]["1"]
    assert read(plan_path)["strategies"][str(sid)]["title"] == "edited by hand"
    assert Store(plan_path, clock=clock).pop_journal() is None


def test_a_malformed_old_file_is_refused_before_the_migration_writes_anything(plan_path, clock, monkeypatch):
    plan_path.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA}},
                                     "tactics": {"1": {"title": "x", "strategy": 1, "status": "bogus"}}}))
    before = plan_path.read_bytes()
    monkeypatch.setattr(store_module, "SCHEMA", SCHEMA + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, SCHEMA: lambda data: None})

    with pytest.raises(PlanFileError, match="status.*left untouched"):
        Store(plan_path, clock=clock)

    assert plan_path.read_bytes() == before
    assert not (backup_folder(plan_path) / f"plan.schema{SCHEMA}.json").exists()
