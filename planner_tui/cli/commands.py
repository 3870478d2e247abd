"""The whole command line: the `planner` group with every sub-command registered.

Sub-commands register themselves on the group when their module is imported,
so importing this module is what makes `planner add`, `planner export`... exist.
"""

from __future__ import annotations

import sys

import click

from planner_tui.cli.group import planner

from planner_tui.cli import plan_commands  # noqa: F401,E402
from planner_tui.cli import exchange  # noqa: F401,E402
from planner_tui.cli import config_commands  # noqa: F401,E402
from planner_tui.cli import monitor  # noqa: F401,E402
from planner_tui.cli import restore  # noqa: F401,E402

__all__ = ["planner", "run"]


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises for bad input)."""
    try:
        # Without standalone mode, click returns (not raises) the code of `ctx.exit(code)`.
        code = planner.main(args=argv, prog_name="planner", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return code if isinstance(code, int) else 0
