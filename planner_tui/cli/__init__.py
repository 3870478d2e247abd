"""The `planner` command: a thin front door into core/.

Exit codes: 0 done; 2 bad input (nothing written); 1 the plan file cannot be
used or saved.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line (or, with no command, the app) and return its exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    from planner_tui.cli.launch import app_only, open_plan

    only_app, path = app_only(args)
    if only_app:
        return open_plan(path)
    from planner_tui.cli.commands import run

    return run(args)
