"""What an unexpected error leaves behind: its traceback in a log file, one short line on screen.

Textual's own handler fills the screen with the traceback and the locals of
every frame (titles, notes, the plan itself), and Python's prints the error's
message, which can quote a title. Instead the full traceback goes to a file
only this user can read, in the platform's log folder
(`~/.local/state/planner-tui/log/` on Linux), and the screen says what happened
and where that file is: the error's type, never text from the plan. The app
(ui/app.py) and the command line (cli/__init__.py) both report this way.
"""

from __future__ import annotations

import contextlib
import os
import platform
import tempfile
import time
import traceback
from pathlib import Path

from planner_tui.core.user_text import visible

APP_NAME = "planner-tui"
KEEP = 20  # crash logs kept; older ones are removed when a new one is written


def log_folder() -> Path:
    """The platform's log folder for planner-tui (XDG_STATE_HOME on Linux)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def report(error: BaseException) -> str:
    """Log ``error`` with its traceback; the message to show instead of it (two
    lines, the log's path alone on the second, whole, to copy)."""
    try:  # paths come from the environment (XDG_STATE_HOME): shown, never obeyed (core/user_text.py)
        where = f"Details, to include when you report it: {visible(str(write_log(error)))}"
    except OSError as problem:
        where = f"Its details could not be written to {visible(str(log_folder()))} ({problem.strerror or problem})."
    return (f"planner stopped on an unexpected error ({type(error).__name__}). The plan file keeps every "
            f"change made before it.\n{where}")


def write_log(error: BaseException) -> Path:
    """A new log file holding the traceback; OSError when it cannot be written.

    mkstemp: a name nobody can guess or plant a link at, created 0600.
    """
    folder = log_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f"crash-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".log", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(_header())
        file.writelines(traceback.format_exception(error))
    _prune(folder)
    return Path(name)


def _header() -> str:
    """Where and when: what a bug report needs besides the traceback."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version(APP_NAME)
    except PackageNotFoundError:
        ours = "unknown"
    return (f"{APP_NAME} {ours}, Python {platform.python_version()}, {platform.platform()}\n"
            f"{time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n")


def _prune(folder: Path) -> None:
    """Keep the newest `KEEP` crash logs (names sort by time)."""
    for old in sorted(folder.glob("crash-*.log"))[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
