"""`planner merge` on a sync folder's conflict copies: the common base from the
plan's backups, the merge written through the store, taken back by `planner undo`."""

from __future__ import annotations

import json
import shutil

import pytest

from planner_tui.core import actions
from planner_tui.core.file import undo_journal
from planner_tui.core.file.merge_base import conflict_copies
from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus

from plan_copies import Ticking, titles

SYNCTHING = "plan.sync-conflict-20261128-101010-ABCDEFG.json"


@pytest.fixture
def folder(tmp_path, plan_path, now):
    """The sync folder: yesterday's plan (s1 Career: t1 'Call Ana', t2 'Send CV'), and
    this morning's first change, which kept yesterday's plan as today's backup. The
    other device (``tmp_path / "phone"``) has the plan as it was then."""
    clock = Ticking(now.subtract(days=1))
    store = Store(plan_path, clock=clock)
    career = actions.add_strategy(store, "Career").new_ids[0]
    actions.add_tactic(store, "Call Ana", career)
    actions.add_tactic(store, "Send CV", career)
    phone = tmp_path / "phone"
    phone.mkdir()
    shutil.copyfile(plan_path, phone / "plan.json")
    clock.at = now
    return Folder(plan_path, phone / "plan.json", clock)


class Folder:
    def __init__(self, plan, phone, clock):
        self.plan, self.phone, self.clock = plan, phone, clock
        self.copy = plan.parent / SYNCTHING

    def laptop_store(self) -> Store:
        return Store(self.plan, clock=self.clock)

    def phone_store(self) -> Store:
        return Store(self.phone, clock=self.clock)

    def synced(self) -> None:
        """The sync tool found both changed: the phone's version lands beside the plan."""
        shutil.copyfile(self.phone, self.copy)


def test_a_conflict_copy_is_merged_with_the_base_from_the_backups(folder, ok, read):
    actions.edit_tactic(folder.laptop_store(), 2, title="Send the CV to Ana")
    actions.add_tactic(folder.laptop_store(), "Laptop: book dentist", 1)
    actions.set_status(folder.phone_store(), [2], TacticStatus.DONE)
    actions.add_tactic(folder.phone_store(), "Phone: call the bank", 1)
    folder.synced()

    merged = ok("merge")

    data = read()
    assert (data["tactics"]["2"]["title"], data["tactics"]["2"]["status"]) == ("Send the CV to Ana", "done")
    assert titles(data) == {"1": "Call Ana", "2": "Send the CV to Ana", "3": "Laptop: book dentist",
                            "4": "Phone: call the bank"}
    assert merged.lines == [
        f"Merged {SYNCTHING} into plan.json.",
        "Common base: the backup plan-2026-11-28.json.",
        "New ids (1):",
        "  t3 'Phone: call the bank' of the copy is now t4",
        "`planner undo` takes the merge back.",
        f"{SYNCTHING} is kept: delete it once the plan looks right (a second merge of it changes nothing)."]
    assert folder.copy.exists()


def test_a_second_merge_of_the_same_copy_changes_nothing(folder, ok, plan_path):
    actions.add_tactic(folder.laptop_store(), "Laptop", 1)
    actions.add_tactic(folder.phone_store(), "Phone", 1)
    folder.synced()
    ok("merge", str(plan_path), str(folder.copy))
    once = plan_path.read_bytes()
    again = ok("merge", str(plan_path), str(folder.copy))
    assert again.lines[0] == f"plan.json already holds everything in {SYNCTHING}: nothing to merge."
    assert plan_path.read_bytes() == once


def test_undo_takes_the_merge_back_byte_for_byte(folder, ok, plan_path):
    actions.add_tactic(folder.laptop_store(), "Laptop", 1)
    actions.edit_tactic(folder.phone_store(), 1, title="Call Ana at 5")
    folder.synced()
    before = plan_path.read_bytes()
    ok("merge", str(folder.copy))
    assert plan_path.read_bytes() != before
    assert ok("undo").out == f"Undone: merge {SYNCTHING}\n"
    assert plan_path.read_bytes() == before


def test_a_merge_too_big_for_the_journal_keeps_the_plan_as_it_was(folder, ok, cli, plan_path, monkeypatch):
    monkeypatch.setattr(undo_journal, "LIMIT", 1)
    actions.add_tactic(folder.phone_store(), "Phone one", 1)
    actions.add_tactic(folder.phone_store(), "Phone two", 1)
    folder.synced()
    before = plan_path.read_bytes()
    merged = ok("merge")
    assert "`planner undo` cannot take this merge back: it changed 2 documents" in merged.out
    kept = next((plan_path.parent / "plan.json.backups").glob("plan.before-merge-*.json"))
    assert kept.read_bytes() == before
    assert cli("undo").code == 2 and plan_path.read_bytes() != before


def test_without_a_common_backup_the_merge_is_two_way_and_says_so(folder, ok, read, plan_path):
    shutil.rmtree(plan_path.parent / "plan.json.backups")
    actions.delete_tactic(folder.laptop_store(), 1)  # (this change keeps today's backup again...)
    shutil.rmtree(plan_path.parent / "plan.json.backups")  # (...gone too)
    actions.edit_tactic(folder.phone_store(), 2, notes="from the phone")
    folder.synced()
    merged = ok("merge", "--remove-copy")
    assert "No backup is a common base of the two: merged by the stamps alone." in merged.out
    assert titles(read())["1"] == "Call Ana"  # a delete cannot be told from an add: kept
    assert read()["tactics"]["2"]["notes"] == "from the phone"
    assert merged.lines[-1] == f"Deleted {SYNCTHING}." and not folder.copy.exists()


def test_a_copy_that_is_not_a_plan_is_refused_and_nothing_is_written(folder, cli, plan_path):
    folder.copy.write_text("{ not json")
    before = plan_path.read_bytes()
    refused = cli("merge")
    assert refused.code == 2
    assert refused.err.startswith(f"Error: {folder.copy}: it is not valid JSON")
    assert plan_path.read_bytes() == before and folder.copy.exists()


def test_no_conflict_copy_is_said(ok, folder):
    assert ok("merge").out == "No conflict copy of plan.json beside it: nothing to merge.\n"


def test_the_plan_itself_is_no_copy(cli, folder, plan_path):
    assert cli("merge", str(plan_path), str(plan_path)).code == 2


def test_the_sync_tools_conflict_copies_are_found_beside_the_plan(tmp_path):
    plan = tmp_path / "plan.json"
    names = [SYNCTHING, "plan (Ana's conflicted copy 2026-12-05).json", "plan (conflicted copy 2026-12-05).json",
             "plan (conflicted copy 2026-12-05 101010).json", "plan (Ana's conflicted copy 2026-12-05) (1).json"]
    others = ["plan.json", "plan.json.undo.json", "plans.sync-conflict-20261128-101010-ABCDEFG.json",
              "plan (copy).json", "plan.sync-conflict-20261128-101010-ABCDEFG.md", "other.json"]
    for name in names + others:
        (tmp_path / name).write_text("{}")
    assert sorted(p.name for p in conflict_copies(plan)) == sorted(names)


def test_the_report_shows_titles_as_data(folder, ok):
    """A title with terminal commands in it (a hand edit: the app cleans what people
    type) is shown escaped in the report, never obeyed, and kept as it is in the plan."""
    actions.edit_tactic(folder.laptop_store(), 1, title="Ours")
    with folder.phone_store().transaction("hand edit") as tx:
        tx.update("tactics", 1, title="Theirs \x1b[31mred\x07")
    folder.synced()
    out = ok("merge").out
    assert "\x1b" not in out and "\x07" not in out
    assert "t1 'Call Ana' title: 'Theirs \\x1b[31mred\\x07' (the copy, changed later) over 'Ours' (the plan)" in out
    assert json.loads(folder.plan.read_bytes())["tactics"]["1"]["title"] == "Theirs \x1b[31mred\x07"
