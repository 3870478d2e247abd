"""`planner restore [DATE]`: put a backup back in place of the plan.

Thin, like the other commands: core/file/restore.py chooses the backup, checks it
and writes it; core/file/backups.py keeps the file as it was.
"""

from __future__ import annotations

import click

from planner_tui.cli.group import Context, answering, pass_context, planner
from planner_tui.core.file import undo_journal
from planner_tui.core.file import restore as restoring
from planner_tui.core.user_text import visible


@planner.command(epilog="""\b
Examples:
  planner restore              the newest backup that holds a plan
  planner restore 2026-11-27   the plan as it was at the start of that day
\b
The plan file as it is now is kept in the backups folder first, even an
empty one. `planner undo` takes a restore of up to 2000 items back (a
bigger one it refuses). Ids never go back: the next `add` gets an id that
no backup or undo has used.""")
@click.argument("day", metavar="[DATE]", required=False)
@pass_context
def restore(context: Context, day: str | None) -> None:
    """Put the plan back from its backups (after the file was emptied, or a change went wrong)."""
    context.refuse_emptied = False
    with answering():
        source = restoring.choose(context.store.path, day)
        result = restoring.restore(context.store, source, journal=True)
    lines = [f"Restored {result.summary()} from {source}."]
    if result.backup is not None:
        lines.append(f"The plan file as it was is kept in {result.backup}.")
    if result.journaled:
        lines.append("`planner undo` takes the restore back.")
    else:
        lines.append(f"`planner undo` cannot take this restore back: "
                     f"{undo_journal.too_big_reason(len(result.change.forward))}.")
    click.echo(visible(" ".join(lines)))
