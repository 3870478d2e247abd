"""The `planner` command: a thin front door into core/.

Exit codes: 0 done; 2 bad input (nothing written); 1 the plan file cannot be
used or saved.
"""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line (or, with no command, the app) and return its exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
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
    return run(args)
