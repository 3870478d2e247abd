"""`planner export` and `planner import`: the plan to and from other tools.

Both are thin: core/exchange/export.py and core/exchange/importing.py do the work. Output files
are written atomically (a calendar app reading a feed mid-write sees the old
file or the new one), and an import writes the plan in one transaction.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from planner_tui.cli.filtering import Asked, filter_options, selection
from planner_tui.cli.group import BadInput, Context, FileProblem, answering, pass_context, planner
from planner_tui.core.exchange import export as exporting
from planner_tui.core.exchange import importing
from planner_tui.core.file import undo_journal
from planner_tui.core.user_text import visible

FORMATS = ("markdown", "md", "ics", "json")


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


@planner.command("export", epilog="""\b
Examples:
  planner export                          Markdown on stdout
  planner export -o plan.md               format from the name
  planner export --format ics -o ~/cal/plan.ics
  planner export --format json -o backup.json
  planner export --owner ana -o ~/cal/ana.ics     one person's calendar
\b
The .ics holds a to-do per open tactic with a deadline and an all-day
event per strategy horizon; a calendar subscribed to the file updates
its entries on each export (UIDs such as t42@planner-tui never change).""")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="markdown (default), ics or json; -o FILE.ics etc. picks it too.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              default=None, metavar="FILE", help="Write to FILE instead of stdout.")
@click.option("--namespace", metavar="NAME", default=None,
              help="ics: UIDs t42.NAME@planner-tui, to keep two plans apart.")
@click.option("--events", is_flag=True,
              help="ics: tactics as events, for calendars that skip to-dos.")
@filter_options
@pass_context
def export_command(context: Context, fmt: str | None, output: Path | None, namespace: str | None,
                   events: bool, asked: Asked) -> None:
    """Export the plan as Markdown, iCalendar (.ics) or JSON.

    Filters (Markdown and .ics) export what they select: in a calendar, the
    tactics and the horizons of the strategies they match."""
    chosen = selection(context, asked)
    if output is None or str(output) == "-":
        with answering():
            payload = exporting.export_store(context.store, exporting.format_for(None, fmt), context.now,
                                             namespace, events, chosen)
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    store = context.store
    with answering():
        try:
            written, fmt = exporting.write_export(store, output, context.now, fmt, namespace, events, chosen)
        except OSError as error:
            raise FileProblem(f"Cannot write {output}: {error.strerror or error}.") from None
    click.echo(visible(f"Wrote {written} ({fmt})."))


@planner.command("import", epilog=f"""\b
Examples:
  planner import backup.json              restore into an empty plan
  planner import backup.json --merge      add beside the plan (new ids)
  planner import backup.json --replace    the plan becomes the file's
  planner import goals.md                 headings -> strategies,
                                          - [ ] / - [x] items -> tactics
\b
Nothing is written when the file cannot be used (exit 2): not a regular
file, over {importing.MAX_IMPORT_BYTES // 2**20} MB, or neither an export nor an outline with a
heading or a task. `planner undo` takes an import of up to 2000 items
back; after a bigger one it refuses (never undoing an older change
instead), and a copy of the plan as it was is kept in the backup folder,
as --replace always does.""")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
                metavar="FILE")
@click.option("--merge/--replace", "merge", default=None,
              help="Add beside the plan, or replace it (JSON into a non-empty plan needs one).")
@click.option("--format", "-f", "fmt", type=click.Choice(("markdown", "md", "json")), default=None,
              help="json or markdown when the file name does not say.")
@pass_context
def import_command(context: Context, source: Path, merge: bool | None, fmt: str | None) -> None:
    """Import a JSON export (restore or merge) or a Markdown outline."""
    if str(source) != "-" and _same_file(source, context.path):
        raise BadInput(f"{source} is the plan file itself.")
    with answering():
        text = (importing.read_stream(sys.stdin.buffer, "standard input") if str(source) == "-"
                else importing.read_file(source))
    fmt = exporting.format_for(None, fmt) if fmt else exporting.SUFFIXES.get(source.suffix.lower())
    if fmt not in ("json", "markdown"):  # stdin, or a name that does not say: look inside
        fmt = "json" if text.lstrip().startswith("{") else "markdown"
    store = context.store
    with answering():
        if fmt == "json":
            mode = None if merge is None else ("merge" if merge else "replace")
            result = importing.import_json(store, text, mode, journal=True)
        else:
            loose = f"Imported from {source.name}" if str(source) != "-" else "Imported tasks"
            result = importing.import_markdown(store, text, replace=merge is False, journal=True,
                                               loose_title=loose)
    _report(result, source)


def _report(result: importing.ImportResult, source: Path) -> None:
    verbs = {"restore": "Restored", "merge": "Added", "replace": "Replaced the plan with"}
    lines = [f"{verbs[result.mode]} {result.summary()} from {source}."]
    if result.journaled:
        lines.append("`planner undo` takes the import back.")
    else:
        lines.append(f"`planner undo` cannot take this import back: "
                     f"{undo_journal.too_big_reason(len(result.change.forward))}.")
    if result.backup is not None:
        lines.append(f"The plan as it was is kept in {result.backup}.")
    click.echo(visible(" ".join(lines)))
