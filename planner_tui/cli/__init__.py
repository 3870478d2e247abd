"""The `planner` command: a thin front door into core/.

Exit codes: 0 done; 2 bad input (nothing written); 1 the plan file cannot be
used or saved.
"""

from __future__ import annotations

import gc
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line (or, with no command, the app) and return its exit code.

    An unexpected error is logged with its traceback and told in one line, exit 1
    (core/crash_log.py): Python's own report could quote a title.
    """
    try:
        return _main(sys.argv[1:] if argv is None else list(argv), program=argv is None)
    except Exception as error:  # noqa: BLE001 - everything expected was handled below
        from planner_tui.core import crash_log

        print(f"Error: {crash_log.report(error)}", file=sys.stderr)
        return 1


def _main(args: list[str], program: bool) -> int:
    """`main` without its net; ``program``: run as the program, not called by a test."""
    # Start-up builds a lot and frees almost nothing (modules, classes, the plan),
    # so collections while it runs only walk live objects: ~10 ms of a start. The
    # app turns collection back on after its first frame, the CLI once it is loaded.
    gc.disable()
    from planner_tui.cli.launch import app_only, open_plan

    only_app, path = app_only(args)
    if only_app:
        try:
            return open_plan(path)
        finally:
            gc.enable()
    from planner_tui.cli.commands import run

    gc.enable()
    code = run(args)
    if program and "textual" not in sys.modules:
        exit_now(code)
    return code


def exit_now(code: int) -> None:
    """End the program without tearing the interpreter down: freeing a 10k-tactic
    plan's objects one by one costs ~10 ms of every command, and a command that
    ran no app has nothing left to do at exit but flush what it printed (done
    here). Only for the program itself: a test calling `main(argv)` gets its code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader has gone, or the stream is closed
            pass
    os._exit(code)
