"""A save that fails (full disk, read-only folder) changes nothing and loses nothing.

The injected faults run everywhere; the real ones (a 1 MiB tmpfs that fills
up, the same file system remounted read-only, a folder we may not write as
another user) need root on Linux and are skipped elsewhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import orjson
import pytest
from faultkit import seed_plan, tactic_doc, temps_of

from planner_tui.core.file import side_files, storage
from planner_tui.core.file.changes import Patch
from planner_tui.core.file.store import SaveError, Store, backup_folder


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class HalfWriter:
    """A file handle whose write stores half the bytes, then finds the disk full."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, payload):
        self.handle.write(payload[: len(payload) // 2])
        self.handle.flush()
        no_space()

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def half_then_full(real_fdopen):
    return lambda fd, *args, **kwargs: HalfWriter(real_fdopen(fd, *args, **kwargs))


def half_written(real_write):
    """A side file's write (the backup's copy) that fills the disk halfway through."""

    def write(*args, **kwargs):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(storage.os, "fdopen", half_then_full(os.fdopen))
            real_write(*args, **kwargs)

    return write


def snapshot(store: Store) -> dict:
    return {table: {k: v.to_doc() for k, v in getattr(store.plan, table).items()}
            for table in ("strategies", "tactics")}


@pytest.fixture
def opened(plan_path, clock, now):
    """A plan with a backup for today already made, so a commit goes straight to the write."""
    seed_plan(plan_path, 50, now.isoformat())
    store = Store(plan_path, clock=clock)
    store.replay("first of the day", [Patch("tactics", 1, {"notes": "made the backup"})])
    return store


@pytest.mark.parametrize("fault", ["fsync", "write", "backup"])
def test_a_full_disk_is_a_save_error_and_changes_nothing(opened, plan_path, now, monkeypatch, fault):
    store = opened
    if fault == "fsync":
        monkeypatch.setattr(storage.os, "fsync", no_space)
    elif fault == "write":
        monkeypatch.setattr(storage.os, "fdopen", half_then_full(os.fdopen))
    else:  # the day's first change copies the file to the backups first
        for old in backup_folder(plan_path).iterdir():
            old.unlink()
        monkeypatch.setattr(side_files, "atomic_write", half_written(side_files.atomic_write))
    before, plan_before = plan_path.read_bytes(), snapshot(store)

    with pytest.raises(SaveError) as error:
        with store.transaction("add and finish") as tx:
            tx.insert("tactics", tactic_doc("lost to a full disk?", now.isoformat()))
            tx.update("tactics", 2, status="done", done_at=now.isoformat())

    message = str(error.value)
    assert str(plan_path) in message and "No space left on device" in message
    assert "still holds the plan as it was" in message
    assert plan_path.read_bytes() == before
    assert snapshot(store) == plan_before
    assert temps_of(plan_path) == []
    assert not [p for p in backup_folder(plan_path).iterdir() if p.name.startswith(".")]

    monkeypatch.undo()  # the disk has room again: the next commit works and nothing is lost
    with store.transaction("again") as tx:
        new = tx.insert("tactics", tactic_doc("after the fault", now.isoformat()))
    data = orjson.loads(plan_path.read_bytes())
    assert data["tactics"]["1"]["notes"] == "made the backup"
    assert data["tactics"][str(new)]["title"] == "after the fault"
    assert data["tactics"]["2"]["status"] == "todo", "the failed change must not sneak in later"
    assert "lost to a full disk?" not in plan_path.read_text()
    assert len(data["tactics"]) == 51
    assert snapshot(store) == snapshot(Store(plan_path, clock=store.clock))


def test_a_failing_folder_fsync_after_the_rename_is_not_a_failed_save(opened, plan_path, monkeypatch):
    """Once the new file is in place, reporting a failure would make the caller retry a done change."""
    monkeypatch.setattr(storage, "_fsync_folder", no_space)
    opened.replay("rename", [Patch("tactics", 3, {"title": "renamed"})])
    assert orjson.loads(plan_path.read_bytes())["tactics"]["3"]["title"] == "renamed"
    assert opened.plan.tactics[3].title == "renamed"
    assert not opened.changed_on_disk()


# -- real faults (root on Linux) -------------------------------------------------


def _fill(folder: Path, leave: int) -> Path:
    """Fill the file system of ``folder`` until only about ``leave`` bytes are free."""
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


def test_a_really_full_disk(small_fs, clock, now):
    path = small_fs / "plan.json"
    seed_plan(path, 600, now.isoformat())  # about 170 kB
    store = Store(path, clock=clock)
    store.replay("first of the day", [Patch("tactics", 1, {"notes": "made the backup"})])
    filler = _fill(small_fs, leave=path.stat().st_size // 3)
    before, plan_before = path.read_bytes(), snapshot(store)

    with pytest.raises(SaveError, match="No space left on device"):
        store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])

    assert path.read_bytes() == before
    assert snapshot(store) == plan_before
    assert temps_of(path) == []

    filler.unlink()
    store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])
    data = orjson.loads(path.read_bytes())
    assert data["tactics"]["2"]["title"] == "renamed"
    assert data["tactics"]["1"]["notes"] == "made the backup"


def test_a_really_full_disk_on_the_days_first_change(small_fs, clock, now):
    path = small_fs / "plan.json"
    seed_plan(path, 600, now.isoformat())
    store = Store(path, clock=clock)
    filler = _fill(small_fs, leave=path.stat().st_size // 3)
    before = path.read_bytes()

    with pytest.raises(SaveError, match="No space left on device"):
        store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])

    assert path.read_bytes() == before
    assert sorted(p.name for p in small_fs.iterdir()) == ["filler", "plan.json", "plan.json.backups",
                                                          "plan.json.lock"]
    assert list(backup_folder(path).iterdir()) == []
    filler.unlink()
    store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])
    assert orjson.loads(path.read_bytes())["tactics"]["2"]["title"] == "renamed"
    assert orjson.loads((backup_folder(path) / "plan-2026-11-28.json").read_bytes()) == orjson.loads(before)


def test_a_read_only_file_system(small_fs, clock, now):
    path = small_fs / "plan.json"
    seed_plan(path, 20, now.isoformat())
    store = Store(path, clock=clock)
    store.replay("first of the day", [Patch("tactics", 1, {"notes": "made the backup"})])
    before = path.read_bytes()
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], capture_output=True, text=True)
    if remount.returncode:
        pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
    try:
        with pytest.raises(SaveError, match="Read-only file system"):
            store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])
        assert Store(path, clock=clock).plan.tactics[2].title == "seed 2"  # reading still works
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_fs)], check=True)
    assert path.read_bytes() == before
    store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])
    assert store.plan.tactics[2].title == "renamed"


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0,
                    reason="root ignores folder permissions; this test drops to another user, which needs root")
@pytest.mark.parametrize("lock_exists", [False, True], ids=["no-lock-file", "lock-file-writable"])
def test_a_folder_we_may_not_write_is_a_save_error(now, lock_exists):
    """Drop to user `nobody` in a forked child: a real EACCES, root's permission bypass gone."""
    folder = Path(tempfile.mkdtemp(prefix="planner-ro-"))
    try:
        os.chmod(folder, 0o755)  # others may read and enter, not write
        path = folder / "plan.json"
        seed_plan(path, 5, now.isoformat())
        os.chmod(path, 0o666)  # even a writable file cannot be replaced in a read-only folder
        if lock_exists:
            lock = folder / "plan.json.lock"
            lock.touch()
            os.chmod(lock, 0o666)
        before = path.read_bytes()

        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            outcome = b"nothing raised"
            try:
                os.setgid(65534)
                os.setuid(65534)
                store = Store(path, clock=lambda: now)
                try:
                    store.replay("rename", [Patch("tactics", 2, {"title": "renamed"})])
                except SaveError as error:
                    unchanged = store.plan.tactics[2].title == "seed 2"
                    outcome = f"SaveError {unchanged} {error}".encode()
            except BaseException as error:  # noqa: BLE001 - report anything to the parent
                outcome = f"{type(error).__name__}: {error}".encode()
            finally:
                os.write(write_end, outcome)
                os._exit(0)
        os.close(write_end)
        os.waitpid(pid, 0)
        outcome = b""
        while chunk := os.read(read_end, 4096):
            outcome += chunk
        os.close(read_end)

        message = outcome.decode()
        assert message.startswith("SaveError True "), message
        assert str(path) in message and "Permission denied" in message
        assert path.read_bytes() == before
        assert temps_of(path) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)
