"""`planner` with no command: open the app without loading the command line.

Opening the app is what people do most, and it should feel instant. Click and
every sub-command's module (export, import, check-in, settings...) cost about
60 ms of imports that the app never uses, so a bare `planner` or
`planner --db FILE` comes here instead; anything else goes through click
(planner_tui/cli/commands.py), which also opens the app the same way.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner_tui.core.file.store import Store

COMPLETION_VARIABLE = "_PLANNER_COMPLETE"  # click's, for `prog_name="planner"`
EXIT_NO_TERMINAL = 2  # as for any input the command cannot take
NO_TERMINAL = ("the app needs a terminal, and {which}: it would wait for keys that never come. From a "
               "script or cron, use the commands that print: planner today, planner list, planner review "
               "--due, planner checkin --history.")


def app_only(args: list[str]) -> tuple[bool, Path | None]:
    """Whether ``args`` only ask to open the app, and on which file (None: the default).

    Only the plain forms: no arguments, ``--db FILE`` or ``--db=FILE`` naming
    something that is not a folder. Everything else, including mistakes, is
    left to click so that its messages stay the same.
    """
    if os.environ.get(COMPLETION_VARIABLE):
        return False, None  # the shell asks click for completions
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        value = args[1]
    elif len(args) == 1 and args[0].startswith("--db="):
        value = args[0].removeprefix("--db=")
    else:
        return False, None
    if not value or value.startswith("-") or os.path.isdir(value):
        return False, None
    return True, Path(value)


def open_plan(path: Path | None) -> int:
    """Open the store, then the app; a file that cannot be used is said as click would."""
    from planner_tui.core.file.store import PlanFileError, default_path, open_store
    from planner_tui.core.user_text import visible

    try:
        store = open_store(path or default_path())
    except PlanFileError as error:
        print(visible(f"Error: {error}", lines=True), file=sys.stderr)
        return 1
    return run_app(store)


def run_app(store: Store, start: str | None = None, strategies: list[int] | None = None) -> int:
    """Run the Textual app on an open store, straight into the check-in, its history or
    the review when ``start`` says so, and print what that screen summed up; its exit
    status is ours.

    Without a terminal (a script, cron, `< /dev/null`) it refuses at once: a
    full-screen app there never exits and spins a core.
    """
    which = without_terminal()
    if which:
        print("Error: " + NO_TERMINAL.format(which=which), file=sys.stderr)
        return EXIT_NO_TERMINAL
    from planner_tui.ui.app import PlannerApp

    app = PlannerApp(store, start=start, start_strategies=strategies)
    # What exists now (modules, the plan's documents) lives as long as the app:
    # frozen, the collector stops walking it on every collection. On a 10k plan
    # that halved the cost of building the first tactics shown (23 -> 10 ms),
    # and it keeps collections short at 100k. Collection itself stays off (see
    # cli/__init__.py) until the first frame is out.
    gc.freeze()
    app.call_after_refresh(after_first_frame)
    said = app.run()
    if isinstance(said, str) and said:
        from planner_tui.core.user_text import visible

        print(visible(said, lines=True))
    return app.return_code or 0


def without_terminal() -> str | None:
    """Which of stdin and stdout is not a terminal (None when both are): the one place
    that decides whether the app can run, so tests can stand in for a terminal."""
    missing = [name for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)) if not _is_tty(stream)]
    if len(missing) == 2:
        return "neither stdin nor stdout is one"
    return f"{missing[0]} is not one" if missing else None


def _is_tty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # replaced by something without isatty, or closed
        return False


def after_first_frame() -> None:
    """After the first frame: what start-up built stays; collect from here on."""
    gc.freeze()
    gc.enable()
