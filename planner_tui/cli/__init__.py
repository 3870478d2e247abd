"""The `planner` command: a thin front door into core/.

Exit codes: 0 done; 2 bad input (nothing written); 1 the plan file cannot be
used or saved.
"""

from __future__ import annotations

import sys

import click

from planner_tui.cli.main import planner

# Sub-commands register themselves on the group when their module is imported.
from planner_tui.cli import plan_commands  # noqa: F401,E402
from planner_tui.cli import exchange  # noqa: F401,E402
from planner_tui.cli import config_commands  # noqa: F401,E402
from planner_tui.cli import monitor  # noqa: F401,E402


def main(argv: list[str] | None = None) -> int:
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
