"""`planner undo` is exact or refuses: a change too big for the undo journal is not
skipped over to take back an older, unrelated one."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner_tui.core.file import undo_journal as journal

BIG = journal.LIMIT + 1  # tactics in the outline: one more than the journal keeps


@pytest.fixture
def outline(tmp_path):
    """A Markdown outline of one heading and BIG task items."""
    path = tmp_path / "big.md"
    path.write_text("# Imported goal\n" + "".join(f"- [ ] task {n}\n" for n in range(BIG)))
    return path


def test_undo_after_an_import_too_big_to_journal_refuses_and_changes_nothing(ok, cli, read, plan_path, outline):
    ok("strategy", "add", "Mine")
    ok("add", "Typed by hand", "--to", "s1")
    imported = ok("import", str(outline)).out
    kept = plan_path.parent / "plan.json.backups" / "plan.before-import-"  # + the time in UTC
    assert imported.startswith(f"Added 1 strategy and {BIG} tactics from {outline}. `planner undo` cannot take "
                               f"this import back: it changed {BIG + 1:,} documents, more than the undo journal "
                               f"keeps ({journal.LIMIT:,}). The plan as it was is kept in {kept}")
    copy = Path(imported.split("is kept in ")[1].strip().rstrip("."))
    assert "Typed by hand" in copy.read_text()
    before = plan_path.read_bytes()
    for _ in range(2):  # and again: it never reaches the older change behind it
        refused = cli("undo")
        assert refused.code == 2
        assert refused.err == (f"Error: Cannot undo 'import (merge) of 1 strategies, {BIG} tactics': it changed "
                               f"{BIG + 1:,} documents, more than the undo journal keeps ({journal.LIMIT:,}). "
                               "Nothing was changed.\n")
        assert plan_path.read_bytes() == before
    assert "Typed by hand" in [t["title"] for t in read()["tactics"].values()]


def test_a_change_after_the_big_one_is_undone_and_then_undo_stops_at_it_again(ok, cli, read, plan_path, outline):
    ok("strategy", "add", "Mine")
    ok("add", "Typed by hand", "--to", "s1")
    ok("import", str(outline))
    ok("add", "After the import", "--to", "s1")
    assert ok("undo").out == "Undone: add tactic 'After the import'\n"
    assert cli("undo").code == 2
    assert "Typed by hand" in [t["title"] for t in read()["tactics"].values()]


def test_a_journaled_import_still_says_undo_takes_it_back(ok, tmp_path):
    small = tmp_path / "small.md"
    small.write_text("# Goal\n- [ ] one\n")
    assert ok("import", str(small)).out == f"Added 1 strategy and 1 tactic from {small}. `planner undo` takes the import back.\n"
    assert ok("undo").out.startswith("Undone: import (merge)")


def test_restore_after_a_big_import_reads_past_the_marker_and_says_undo_cannot(ok, cli, read, plan_path, outline):
    ok("strategy", "add", "Mine")
    ok("add", "Typed by hand", "--to", "s1")
    ok("import", str(outline))
    restored = ok("restore").out
    removed, put = 2 + 1 + BIG, 2  # both strategies and every tactic go, the backup's two come back
    assert f"`planner undo` cannot take this restore back: it changed {removed + put:,} documents" in restored
    assert [t["title"] for t in read()["tactics"].values()] == ["Typed by hand"]
    assert cli("undo").code == 2
