"""Files beside the plan, as safe as the plan: links planted at every temp name, at the side
files and at the backups folder write nothing outside it; every file the program creates
is no more readable than the plan (under umask 022 and 077); broken side files are set aside.

Everything runs the real writers (commits, backups, imports, restores, the journal, the
view state, exports, settings) on real files; the "other user" is a folder outside the
plan's folder holding a file that must never change.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from planner_tui.core import actions

from planner_tui.core.file import backups, undo_journal as journal, restore, side_files, storage

from planner_tui.core.exchange import importing
from planner_tui.core.file import store as store_module
from planner_tui.core.file.changes import Patch
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.export import export_store, write_export
from planner_tui.core.settings import remember_theme
from planner_tui.core.file.store import SCHEMA, SaveError, Store, backup_folder
from planner_tui.ui.state import UiState


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def tree(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` with what it holds: a file's bytes and mode, a link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            found[str(path)] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[str(path)] = (path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_mtime_ns)
        else:
            found[str(path)] = ("folder", stat.S_IMODE(info.st_mode))
    return found


@pytest.fixture
def outside(tmp_path) -> Path:
    """Another user's folder, with a file the plan's writers must never touch."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim").write_text("someone else's file\n")
    return folder


@pytest.fixture
def plan_path(tmp_path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder / "plan.json"


@pytest.fixture
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def every_writer(plan_path: Path, moving, export_to: Path, settings: Path) -> Store:
    """Make every file the program writes: the plan (its first commit), the lock, the
    journal, a day's backup, the copies before an import and a restore, the view state,
    an export and the settings."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career", journal=True).new_ids[0]
    moving.at = moving.at.add(days=1)
    actions.add_tactic(store, "Ship", goal, journal=True)
    importing.import_json(store, export_store(store, "json", moving.at), mode="replace")
    moving.at = moving.at.add(seconds=1)
    restore.restore(store, restore.choose(plan_path))
    UiState(expanded={goal}).save(plan_path)
    write_export(store, export_to, moving.at)
    assert remember_theme("nord", settings) is None
    return store


# -- links planted at temp names and side files ------------------------------------------


def test_a_link_planted_at_every_temp_name_is_never_followed(plan_path, outside, moving, tmp_path, monkeypatch):
    victim = outside / "victim"
    asked: list[str] = []
    real_names = storage.temp_names

    def planted_first(path):
        """Before each write, plant a link at the first name it will try."""
        name = os.path.join(path.parent, storage.temp_prefix(path) + "planted")
        if not os.path.lexists(name):
            os.symlink(victim, name)
        asked.append(Path(path).name)
        yield name
        yield from real_names(path)

    monkeypatch.setattr(storage, "temp_names", planted_first)
    before = tree(outside)
    settings = tmp_path / "config" / "settings.toml"

    store = every_writer(plan_path, moving, tmp_path / "plan.md", settings)

    assert tree(outside) == before
    day = moving.at.date()
    assert {"plan.json", "plan.json.undo.json", "plan.json.ui.json", f"plan-{day.isoformat()}.json",
            "plan.md", "settings.toml"} <= set(asked)
    assert any(name.startswith("plan.before-import-") for name in asked)
    assert any(name.startswith("plan.before-restore-") for name in asked)
    assert [t.title for t in Store(plan_path).plan.tactics.values()] == ["Ship"]
    assert store.warnings == []


def test_the_old_predictable_temp_names_are_not_used(plan_path, outside, moving, tmp_path, now):
    """`.plan-DATE.json.tmp` in the backups and `.plan.json.ui.json.<pid>.tmp` were followed."""
    victim = outside / "victim"
    folder = backup_folder(plan_path)
    folder.mkdir(mode=0o700)
    for day in (now, now.add(days=1)):
        os.symlink(victim, folder / f".plan-{day.date().isoformat()}.json.tmp")
    os.symlink(victim, plan_path.with_name(f".plan.json.ui.json.{os.getpid()}.tmp"))
    before = tree(outside)

    every_writer(plan_path, moving, tmp_path / "plan.md", tmp_path / "settings.toml")

    assert tree(outside) == before
    assert (folder / f"plan-{moving.at.date().isoformat()}.json").is_file()


def test_a_link_at_a_side_files_own_name_is_replaced_not_followed(plan_path, outside, moving, now):
    victim = outside / "victim"
    plan_path.parent.joinpath("plan.json.undo.json").symlink_to(victim)
    plan_path.parent.joinpath("plan.json.ui.json").symlink_to(victim)
    folder = backup_folder(plan_path)
    folder.mkdir(mode=0o700)
    (folder / f"plan-{now.add(days=1).date().isoformat()}.json").symlink_to(victim)
    before = tree(outside)

    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career", journal=True).new_ids[0]
    moving.at = now.add(days=1)
    actions.add_tactic(store, "Ship", goal, journal=True)
    UiState(expanded={goal}).save(plan_path)

    assert tree(outside) == before
    for side in (journal.journal_path(plan_path), UiState.path_for(plan_path),
                 backups.daily_path(plan_path, moving.at.date())):
        assert stat.S_ISREG(os.lstat(side).st_mode), side
    assert [e["label"] for e in journal.read(plan_path)] == ["add strategy 'Career'", "add tactic 'Ship'"]
    assert UiState.load(plan_path).expanded == {goal}
    # the journal link was read as a broken side file: set aside, and said
    assert len(store.warnings) == 1 and "is a symbolic link" in store.warnings[0]
    assert list(plan_path.parent.glob("plan.json.undo.json.broken-*"))


def test_a_link_planted_at_the_lock_file_is_refused_naming_it(plan_path, outside, clock):
    victim = outside / "victim"
    lock = plan_path.with_name("plan.json.lock")
    lock.symlink_to(victim)
    before = tree(outside)
    with pytest.raises(SaveError, match=f"cannot use the lock file {lock}"):
        actions.add_strategy(Store(plan_path, clock=clock), "Career")
    assert tree(outside) == before and not plan_path.exists()


# -- the backups folder ---------------------------------------------------------------------


def plant_link_to_outside(folder: Path, outside: Path) -> None:
    folder.symlink_to(outside, target_is_directory=True)


def plant_dangling_link(folder: Path, outside: Path) -> None:
    folder.symlink_to(outside / "not-yet")


def plant_file(folder: Path, outside: Path) -> None:
    folder.write_text("not a folder")


@pytest.mark.parametrize("plant, problem", [
    (plant_link_to_outside, "is a symbolic link (to "),
    (plant_dangling_link, "is a symbolic link (to "),
    (plant_file, "is not a folder"),
])
def test_a_backups_folder_that_is_not_a_real_folder_is_refused_naming_it(
        plan_path, outside, moving, now, plant, problem):
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career").new_ids[0]
    folder = backup_folder(plan_path)
    plant(folder, outside)
    before, outside_before = plan_path.read_bytes(), tree(outside)

    moving.at = now.add(days=1)  # the day's first change keeps a backup first
    with pytest.raises(SaveError) as refused:
        actions.add_tactic(store, "Ship", goal)

    message = str(refused.value)
    assert message.startswith(f"Not saved: the backups folder {folder} {problem}")
    assert "the plan file was not changed" in message and "Could not save" not in message
    assert plan_path.read_bytes() == before and tree(outside) == outside_before
    assert store.plan.tactics == {}


def test_the_dangling_link_case_once_blamed_the_plan(plan_path, outside, moving, now):
    """It said "Could not save plan.json: File exists"; it now names the folder, and once
    the link is gone the save goes through."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career").new_ids[0]
    plant_dangling_link(backup_folder(plan_path), outside)
    moving.at = now.add(days=1)
    with pytest.raises(SaveError, match="backups folder .* is a symbolic link"):
        actions.add_tactic(store, "Ship", goal)
    backup_folder(plan_path).unlink()
    actions.add_tactic(store, "Ship", goal)
    assert backups.daily_path(plan_path, moving.at.date()).is_file()
    assert not (outside / "not-yet").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="a folder of another user can only be made by root")
def test_a_backups_folder_of_another_user_is_refused(plan_path, moving, now):
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career").new_ids[0]
    folder = backup_folder(plan_path)
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    moving.at = now.add(days=1)
    with pytest.raises(SaveError, match=r"backups folder .* belongs to another user \(uid 65534\)"):
        actions.add_tactic(store, "Ship", goal)
    assert list(folder.iterdir()) == []


def test_a_backups_folder_of_ours_wider_than_the_plan_is_narrowed(plan_path, moving, now):
    """Versions before this one made it 0755 beside a 0600 plan: others could read every copy."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career").new_ids[0]
    folder = backup_folder(plan_path)
    folder.mkdir()
    os.chmod(folder, 0o777)
    moving.at = now.add(days=1)
    actions.add_tactic(store, "Ship", goal)
    assert mode_of(folder) == 0o700
    os.chmod(plan_path, 0o640)
    os.chmod(folder, 0o777)
    moving.at = now.add(days=2)
    actions.add_tactic(store, "Ship again", goal)
    assert mode_of(folder) == 0o750  # group may read the plan, so its backups too: no more


# -- modes of everything the program creates -----------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077], indirect=True, ids=["umask022", "umask077"])
def test_every_file_created_is_no_wider_than_the_plan(plan_path, moving, tmp_path, umask):
    export_to, settings = tmp_path / "plan.md", tmp_path / "config" / "settings.toml"
    every_writer(plan_path, moving, export_to, settings)
    folder = backup_folder(plan_path)

    assert mode_of(plan_path) == 0o600  # the first commit of a new plan
    assert mode_of(plan_path.with_name("plan.json.lock")) == 0o600
    assert mode_of(journal.journal_path(plan_path)) == 0o600
    assert mode_of(UiState.path_for(plan_path)) == 0o600
    assert mode_of(folder) == 0o700
    copies = sorted(folder.iterdir())
    assert [p.name.split("-")[0] for p in copies] == ["plan", "plan.before", "plan.before"]
    assert {p.name: mode_of(p) for p in copies} == {p.name: 0o600 for p in copies}
    assert mode_of(settings) == 0o600
    assert mode_of(export_to) == 0o666 & ~umask  # the person's own file: their umask decides
    assert set(os.listdir(plan_path.parent)) == {"plan.json", "plan.json.lock", "plan.json.undo.json",
                                                  "plan.json.ui.json", "plan.json.backups"}


@pytest.mark.parametrize("umask", [0o022, 0o077], indirect=True, ids=["umask022", "umask077"])
def test_side_files_follow_a_plan_made_group_readable(plan_path, moving, now, umask):
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Career", journal=True).new_ids[0]
    os.chmod(plan_path, 0o640)
    moving.at = now.add(days=1)
    actions.add_tactic(store, "Ship", goal, journal=True)
    UiState().save(plan_path)

    group = 0o640 & ~umask
    assert mode_of(plan_path) == 0o640  # kept as the person set it
    assert mode_of(backup_folder(plan_path)) == 0o750 & ~umask
    assert mode_of(backups.daily_path(plan_path, moving.at.date())) == group
    assert mode_of(journal.journal_path(plan_path)) == group
    assert mode_of(UiState.path_for(plan_path)) == group


@pytest.mark.parametrize("umask", [0o022, 0o077], indirect=True, ids=["umask022", "umask077"])
def test_the_copy_kept_before_a_migration_is_no_wider_than_the_plan(plan_path, clock, monkeypatch, umask):
    store = Store(plan_path, clock=clock)
    actions.add_strategy(store, "Career")
    monkeypatch.setattr(store_module, "SCHEMA", SCHEMA + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, SCHEMA: lambda data: None})
    Store(plan_path, clock=clock)
    copy = backup_folder(plan_path) / f"plan.schema{SCHEMA}.json"
    assert (mode_of(copy), mode_of(copy.parent)) == (0o600, 0o700)


# -- broken side files are set aside -----------------------------------------------------------


def journal_entry(label: str = "rename") -> dict:
    return {"label": label, "forward": [{"op": "patch", "table": "strategies", "id": 1, "fields": {"title": "b"}}],
            "inverse": [{"op": "patch", "table": "strategies", "id": 1, "fields": {"title": "a"}}]}


@pytest.mark.parametrize("content, problem", [
    (b"{ not json", "cannot be used"),
    (b'{"label": "x"}', "not a list of changes"),
    (orjson.dumps([journal_entry(), {"label": "x"}]), "change 2 of 2 has a malformed 'forward' list"),
    (orjson.dumps([{**journal_entry(), "inverse": [{"op": "patch", "table": "tactics", "id": True}]}]),
     "malformed 'inverse' list"),
    (orjson.dumps([{"forward": [], "inverse": []}]), "change 1 of 1 has no label"),
    (orjson.dumps([{**journal_entry(), "forward": [{"op": "drop", "table": "tactics", "id": 1}]}]),
     "malformed 'forward' list"),
])
def test_a_broken_journal_is_set_aside_and_undo_answers(store, plan_path, content, problem):
    actions.add_strategy(store, "Career")
    path = journal.journal_path(plan_path)
    path.write_bytes(content)

    assert store.pop_journal() is None  # it answers: nothing to undo, instead of a traceback

    assert not path.exists()
    aside = list(plan_path.parent.glob("plan.json.undo.json.broken-*"))
    assert [p.read_bytes() for p in aside] == [content]
    (warning,) = store.warnings
    assert f"The undo journal {path}" in warning and problem in warning and aside[0].name in warning


def test_after_setting_aside_the_journal_undo_works_again(store, plan_path, clock):
    goal = actions.add_strategy(store, "Career").new_ids[0]
    journal.journal_path(plan_path).write_text('[{"label": 1}]')
    store.replay("rename", [Patch("strategies", goal, {"title": "Calling"})], journal=True)
    assert len(store.warnings) == 1
    assert Store(plan_path, clock=clock).pop_journal().label == "undo rename"
    assert Store(plan_path, clock=clock).plan.strategies[goal].title == "Career"


def test_a_good_journal_is_read_as_it_was(plan_path):
    entries = [journal_entry("one"), journal_entry("two")]
    journal.journal_path(plan_path).write_bytes(orjson.dumps(entries))
    warnings: list[str] = []
    assert journal.read(plan_path, warnings.append) == entries and warnings == []


@pytest.mark.parametrize("content", [
    b'{"expanded": [Infinity]}',  # crashed the app at start: OverflowError
    b'{"expanded": [1e999]}',
    b'{"expanded": ["x"]}',
    b'{"expanded": 3}',
    b'{"strategy": [1]}',
    b"[1, 2]",
    b"\xff\xfe",
])
def test_a_broken_view_state_is_set_aside_with_a_warning(plan_path, content):
    path = UiState.path_for(plan_path)
    path.write_bytes(content)
    warnings: list[str] = []

    assert UiState.load(plan_path, warnings.append) == UiState()

    (warning,) = warnings
    assert warning.startswith(f"The app's view state {path} cannot be used")
    assert "set aside as plan.json.ui.json.broken-" in warning
    assert not path.exists() and len(list(plan_path.parent.glob("plan.json.ui.json.broken-*"))) == 1


def test_a_good_view_state_and_none_give_no_warning(plan_path):
    warnings: list[str] = []
    assert UiState.load(plan_path, warnings.append) == UiState()
    UiState(expanded={3, 1}, hide_done=True, strategy=3).save(plan_path)
    assert UiState.load(plan_path, warnings.append) == UiState(expanded={1, 3}, hide_done=True, strategy=3)
    assert warnings == []


def test_two_broken_files_in_the_same_second_are_both_kept(plan_path):
    path = UiState.path_for(plan_path)
    for content in (b"first", b"second"):
        path.write_bytes(content)
        UiState.load(plan_path)
    assert sorted(p.read_bytes() for p in plan_path.parent.glob("plan.json.ui.json.broken-*")) == [b"first", b"second"]


def test_a_fifo_in_place_of_a_side_file_does_not_block(plan_path):
    os.mkfifo(UiState.path_for(plan_path))
    warnings: list[str] = []
    assert UiState.load(plan_path, warnings.append) == UiState()
    assert "is not a regular file" in warnings[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="a file of another user can only be made by root")
def test_another_users_journal_is_not_trusted(store, plan_path):
    goal = actions.add_strategy(store, "Career").new_ids[0]
    path = journal.journal_path(plan_path)
    path.write_bytes(orjson.dumps([journal_entry()]))
    os.chown(path, 65534, 65534)
    assert store.pop_journal() is None
    assert "belongs to another user (uid 65534)" in store.warnings[0]
    assert store.plan.strategies[goal].title == "Career"


# -- the one writer -----------------------------------------------------------------------


def test_a_failed_side_write_leaves_no_temp_file(plan_path, monkeypatch):
    plan_path.write_text("{}")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        side_files.write(plan_path.with_name("plan.json.ui.json"), b"{}", plan_path)
    assert sorted(os.listdir(plan_path.parent)) == ["plan.json"]


# -- links kept as links: the person's own files ---------------------------------------------


@pytest.fixture
def linked(tmp_path):
    """``(link, target)``: a link in one folder to a file in another (a synced or dotfiles folder)."""
    target = tmp_path / "synced" / "calendar.ics"
    target.parent.mkdir()
    target.write_text("old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "here" / "calendar.ics"
    link.parent.mkdir()
    link.symlink_to(target)
    return link, target


def test_an_export_to_a_link_writes_its_target_and_keeps_the_link(store, now, linked):
    link, target = linked
    actions.add_strategy(store, "Career")
    write_export(store, link, now)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "BEGIN:VCALENDAR" in target.read_text() and mode_of(target) == 0o640
    assert os.listdir(link.parent) == ["calendar.ics"] and os.listdir(target.parent) == ["calendar.ics"]


def test_an_export_to_a_dangling_link_writes_the_file_it_names(store, now, linked):
    """Chosen: written through, as an editor would; the link then points at a file again."""
    link, target = linked
    target.unlink()
    write_export(store, link, now, fmt="json")
    assert link.is_symlink() and orjson.loads(target.read_bytes())["schema"] == store_module.SCHEMA


def test_an_export_to_a_link_into_a_missing_folder_names_that_folder(store, now, linked, tmp_path):
    link, _ = linked
    link.unlink()
    link.symlink_to(tmp_path / "gone" / "calendar.ics")
    with pytest.raises(InputError, match=f"Cannot write {link}: the folder {tmp_path / 'gone'} does not exist"):
        write_export(store, link, now)
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_the_theme_is_saved_through_a_settings_link(linked):
    link, target = linked
    target.write_text("# my own comment\nweek_start = \"sunday\"\n")
    assert remember_theme("nord", link) is None
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == '# my own comment\nweek_start = "sunday"\ntheme = "nord"\n'
    assert mode_of(target) == 0o640
