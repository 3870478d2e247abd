"""An unexpected error: the traceback in a private log file, one short line for the person."""

from __future__ import annotations

import os
import stat

import pytest

from planner_tui.core import crash_log

SECRET = "Quit my job at ACME (secret)"


def failing() -> BaseException:
    """An error whose message quotes a title, as a KeyError on a title would."""
    try:
        title = SECRET  # noqa: F841 - a local a traceback with locals would show
        raise RuntimeError(f"cannot place {SECRET!r}")
    except RuntimeError as error:
        return error


def test_the_message_names_the_error_and_the_log_but_quotes_nothing_from_the_plan(tmp_path):
    message = crash_log.report(failing())
    logs = list((tmp_path / "state" / "planner-tui" / "log").glob("crash-*.log"))
    assert len(logs) == 1
    assert message == ("planner stopped on an unexpected error (RuntimeError). The plan file keeps every "
                       f"change made before it.\nDetails, to include when you report it: {logs[0]}")
    assert SECRET not in message


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_log_holds_the_traceback_and_only_its_owner_can_read_it(tmp_path, umask):
    old = os.umask(umask)
    try:
        crash_log.report(failing())
    finally:
        os.umask(old)
    folder = tmp_path / "state" / "planner-tui" / "log"
    log = next(folder.glob("crash-*.log"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 & ~umask
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and 'raise RuntimeError(f"cannot place' in text
    assert text.startswith("planner-tui ")


def test_every_error_gets_its_own_log_even_within_a_second(tmp_path):
    first, second = crash_log.write_log(failing()), crash_log.write_log(KeyError("x"))
    assert first != second and first.parent == second.parent
    assert "KeyError" in second.read_text() and "KeyError" not in first.read_text()


def test_a_log_folder_that_cannot_be_made_is_said(tmp_path, monkeypatch):
    (tmp_path / "state").write_text("a file where the folder should be")
    message = crash_log.report(failing())
    assert message.startswith("planner stopped on an unexpected error (RuntimeError).")
    assert f"could not be written to {tmp_path / 'state' / 'planner-tui' / 'log'}" in message


def test_only_the_newest_logs_are_kept(tmp_path):
    folder = tmp_path / "state" / "planner-tui" / "log"
    folder.mkdir(parents=True)
    for n in range(crash_log.KEEP + 5):
        (folder / f"crash-20200101-0000{n:02d}-abcd.log").write_text("old")
    crash_log.report(failing())
    kept = sorted(path.name for path in folder.glob("crash-*.log"))
    assert len(kept) == crash_log.KEEP and kept[0] == "crash-20200101-000006-abcd.log"
    assert not kept[-1].startswith("crash-2020")  # the new one
