"""`planner sync`: the plan and a CalDAV task list, both ways (core/exchange/sync/ does the work).

Exit codes as everywhere: 0 synced (or nothing to sync), 2 no [caldav]
settings to sync with, 1 the sync stopped (server unreachable, password
refused, a to-do changed meanwhile): the plan is then untouched.
"""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, FileProblem, answering, pass_context, planner
from planner_tui.core.settings import settings_path
from planner_tui.core.user_text import visible


@planner.command("sync", epilog="""\b
Examples:
  planner sync                 both ways, then what changed on each side
  planner sync --dry-run       what would change, nothing written
\b
Settings (settings.toml, `planner settings --init` writes an example):
  [caldav]
  url = "https://dav.example.com/"
  user = "me"
  list = "Plan"                        the task list (made if missing)
  password_cmd = "pass show caldav"    or: keyring = true
\b
`planner undo` takes back the plan's side of the last sync.""")
@click.option("--dry-run", is_flag=True, help="Show what would change on each side; write nothing.")
@pass_context
def sync_command(context: Context, dry_run: bool) -> None:
    """Sync the plan with a CalDAV task list (a phone's to-dos), both ways."""
    from planner_tui.core.exchange.sync.run import sync
    from planner_tui.core.exchange.sync.server import SyncError

    config = context.settings.caldav
    if config is None:
        raise BadInput(f"No CalDAV server to sync with: add a [caldav] table to {settings_path()} "
                       "(`planner settings --init` writes one to fill in; see `planner sync --help`).")
    store = context.store
    with answering():
        try:
            report = sync(store, config, dry_run=dry_run)
        except SyncError as error:
            raise FileProblem(f"Sync stopped: {error}") from None
    for line in report_lines(report, config.list):
        click.echo(visible(line))


def report_lines(report, list_name: str) -> list[str]:
    """The report's lines, and how to take the plan's side back."""
    lines = report.lines(list_name)
    if report.plan_changed:
        lines.append("`planner undo` takes back the plan's side.")
    return lines
