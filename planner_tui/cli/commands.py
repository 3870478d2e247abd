"""The whole command line: the `planner` group and where each sub-command lives.

Sub-commands register themselves on the group when their module is imported.
The group imports a module only when one of its commands is run (or listed,
for `--help` and shell completion): `planner streak --short` in a shell prompt
then pays for the streak, not for export, import, settings and restore.
"""

from __future__ import annotations

import shlex
import sys

import click

from planner_tui.cli.group import EXIT_BAD_INPUT, BadInput, planner

# Each sub-command's module; a test checks that it registers exactly these.
MODULES = {
    "planner_tui.cli.plan_commands": ("add", "done", "start", "drop", "due", "today", "list", "undo", "demo"),
    "planner_tui.cli.strategy_commands": ("strategy",),
    "planner_tui.cli.edit_commands": ("edit", "move", "rm", "note"),
    "planner_tui.cli.exchange": ("export", "import"),
    "planner_tui.cli.config_commands": ("settings", "completion"),
    "planner_tui.cli.checkin_review_commands": ("checkin", "streak", "review"),
    "planner_tui.cli.away_command": ("away",),
    "planner_tui.cli.notify_command": ("notify",),
    "planner_tui.cli.restore": ("restore",),
    "planner_tui.cli.sync": ("sync",),
    "planner_tui.cli.merge": ("merge",),
    "planner_tui.cli.keyresults": ("kr",),
    "planner_tui.cli.report": ("report",),
}
planner.modules = {name: module for module, names in MODULES.items() for name in names}

__all__ = ["planner", "run"]


def misplaced_db(argv: list[str]) -> BadInput:
    """`planner list --db x.json`: say where --db goes, with the command as it should be
    typed. (One global option in one place, rather than a --db on every sub-command.)"""
    for index, arg in enumerate(argv):
        if arg.startswith("--db="):
            moved, rest = [arg], argv[:index] + argv[index + 1:]
        elif arg == "--db":
            moved, rest = ["--db", *argv[index + 1:index + 2]], argv[:index] + argv[index + 2:]
        else:
            continue
        if moved == ["--db"]:  # and no file after it
            moved = ["--db", "FILE"]
        return BadInput(f"--db goes before the command: {shlex.join(['planner', *moved, *rest])}")
    return BadInput("--db goes before the command: planner --db FILE COMMAND ...")


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises for bad input)."""
    try:
        # Without standalone mode, click returns (not raises) the code of `ctx.exit(code)`.
        code = planner.main(args=argv, prog_name="planner", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.NoSuchOption as error:
        if error.option_name != "--db":
            error.show()
            return error.exit_code
        misplaced_db(list(sys.argv[1:] if argv is None else argv)).show()
        return EXIT_BAD_INPUT
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
