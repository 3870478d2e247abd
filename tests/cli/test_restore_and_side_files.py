"""The command line in the wild: an emptied plan refused, `planner restore` bringing it back
with its ids, a broken undo journal set aside, a backups folder that is a link refused."""

from __future__ import annotations

import json
import os
import shlex

from planner_tui.core.file.store import backup_folder

DAY = "2026-11-28"  # the frozen day (tests/cli/conftest.py)


def test_an_emptied_plan_is_refused_then_restored_with_ids_intact(ok, cli, plan_path, read):
    ok("strategy", "add", "Get a good job")
    ok("strategy", "add", "Get fit")  # the day's second change: the file with s1 is backed up first
    ok("add", "Run 5k", "--to", "s2")
    backup = backup_folder(plan_path) / f"plan-{DAY}.json"
    plan_path.write_bytes(b"")  # a truncation, a sync tool's placeholder

    refused = cli("strategy", "add", "X")
    assert refused.code == 1 and refused.out == ""
    assert f"The plan file {plan_path} is empty" in refused.err and str(backup) in refused.err
    assert f"`planner --db {shlex.quote(str(plan_path))} restore` puts it back" in refused.err
    assert plan_path.read_bytes() == b""

    restored = ok("restore")
    kept = [p for p in backup_folder(plan_path).iterdir() if p.name.startswith("plan.before-restore-")]
    assert restored.out == (f"Restored 1 strategy and 0 tactics from {backup}. The plan file as it was is kept "
                            f"in {kept[0]}. `planner undo` takes the restore back.\n")
    assert kept[0].read_bytes() == b""
    assert {k: s["title"] for k, s in read()["strategies"].items()} == {"1": "Get a good job"}
    # s2 and t1 are still meant by the undo journal: never handed out again
    assert ok("strategy", "add", "X").lines == ["s3"]
    assert ok("add", "Y", "--to", "s3").lines == ["t2"]


def test_restore_of_a_day_and_its_mistakes(ok, cli, plan_path):
    ok("strategy", "add", "Goal")
    ok("strategy", "add", "Other")
    assert ok("restore", DAY).out.startswith(f"Restored 1 strategy and 0 tactics from {backup_folder(plan_path)}")
    missing = cli("restore", "2026-01-01")
    assert missing.code == 2 and f"There is no backup of 2026-01-01. Daily backups are kept of {DAY}" in missing.err
    bad = cli("restore", "someday")
    assert bad.code == 2 and "DATE must be a day like 2026-11-27" in bad.err


def test_restore_with_nothing_to_restore_is_exit_2(cli, plan_path):
    result = cli("restore")
    assert result.code == 2 and "Nothing to restore" in result.err
    assert not plan_path.exists()


def test_undo_answers_after_a_malformed_journal_entry_and_says_what_was_set_aside(ok, cli, plan_path, read):
    ok("strategy", "add", "Goal")
    journal = plan_path.with_name("plan.json.undo.json")
    entries = json.loads(journal.read_text())
    journal.write_text(json.dumps(entries + [{"label": "half written", "forward": [{"op": "put"}]}]))

    first = cli("undo")
    assert first.code == 2 and "Nothing to undo" in first.err
    aside = list(plan_path.parent.glob("plan.json.undo.json.broken-*"))
    assert len(aside) == 1
    assert f"Warning: The undo journal {journal} cannot be used (change 2 of 2 has a malformed" in first.err
    assert f"set aside as {aside[0].name}" in first.err

    again = cli("undo")
    assert again.code == 2 and "Warning" not in again.err  # said once; undo works from here on
    ok("strategy", "add", "Next")
    assert ok("undo").lines == ["Undone: add strategy 'Next'"]
    assert list(read()["strategies"]) == ["1"]


def test_a_command_that_sets_the_journal_aside_still_does_its_work(cli, ok, plan_path, read):
    ok("strategy", "add", "Goal")
    plan_path.with_name("plan.json.undo.json").write_text("[1, 2")
    added = cli("strategy", "add", "Next")
    assert added.code == 0 and added.out == "s2\n"
    assert "Warning: The undo journal" in added.err and "`planner undo` starts afresh" in added.err
    assert ok("undo").lines == ["Undone: add strategy 'Next'"]


def test_a_backups_folder_that_is_a_dangling_link_names_the_folder(ok, cli, plan_path, tmp_path):
    ok("strategy", "add", "Goal")
    folder = backup_folder(plan_path)
    os.symlink(tmp_path / "gone", folder)
    before = plan_path.read_bytes()
    result = cli("strategy", "add", "Next")
    assert result.code == 1
    assert result.err.startswith(f"Error: Not saved: the backups folder {folder} is a symbolic link")
    assert "File exists" not in result.err and plan_path.read_bytes() == before
    folder.unlink()
    assert ok("strategy", "add", "Next").lines == ["s2"]
