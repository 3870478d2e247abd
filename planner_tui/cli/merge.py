"""`planner merge`: two copies of a plan made one (git's merge driver, a sync folder's conflict copies).

Thin, like the other commands: core/file/merging.py does the work,
core/file/three_way.py the merge, core/file/git_driver.py the set-up for git.

Exit codes: 0 merged (conflicts included: they are decided and reported); 1 a
file that cannot be read as a plan (as a git merge driver, git then marks the
plan conflicted and leaves its own conflict in place) or a plan that cannot be
saved; 2 bad input (nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner_tui.cli.group import BadInput, Context, FileProblem, answering, pass_context, planner
from planner_tui.core.file import git_driver, merge_base, merging, undo_journal
from planner_tui.core.file.merge_report import Report
from planner_tui.core.file.plan_copy import Unreadable
from planner_tui.core.file.validation import Invalid
from planner_tui.core.user_text import visible


@planner.command("merge", epilog="""\b
Examples:
  planner merge                   merge the sync folder's conflict copies
                                  of the plan (Syncthing, Dropbox, Nextcloud)
  planner merge plan.json "plan.sync-conflict-20261205-101010-ABCDEFG.json"
  planner merge --install         make git merge the plan with this command
  planner merge BASE OURS THEIRS -o OUT    three files (git's form)
\b
A field changed on one side is taken; one changed on both sides goes to
the later change, and is reported. Ids never clash: what both sides
added under one id, theirs gets a new id (reported). `planner undo`
takes a merge of a conflict copy back; the copy is kept unless
--remove-copy. See docs/MERGING.md.""")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path), metavar="[FILES]...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="OUT",
              help="Three files: write the merge to OUT (default: standard output).")
@click.option("--name", default=None, metavar="PATH", help="Three files: the plan's name in the report (git's %P).")
@click.option("--install", is_flag=True, help="Set up git's merge driver for the plan's repository.")
@click.option("--remove-copy", is_flag=True, help="Delete a conflict copy once it is merged.")
@pass_context
def merge_command(context: Context, files: tuple[Path, ...], output: Path | None, name: str | None,
                  install: bool, remove_copy: bool) -> None:
    """Merge two copies of a plan, field by field."""
    if (output is not None or name is not None) and len(files) != 3:
        raise BadInput("-o and --name go with three files: planner merge BASE OURS THEIRS -o OUT.")
    if install:
        if files:
            raise BadInput("planner merge --install takes no files: it sets up the plan given by --db.")
        _install(context)
    elif len(files) == 3:
        _three_files(*files, output, name)
    elif len(files) > 3:
        raise BadInput("planner merge takes a conflict copy (PLAN COPY, or COPY), or three files BASE OURS THEIRS.")
    else:
        if len(files) == 2:
            context.path = files[0]
        copies = list(files[-1:]) or merge_base.conflict_copies(context.store.path)
        if not copies:
            click.echo(visible(f"No conflict copy of {context.store.path.name} beside it: nothing to merge."))
        for copy in copies:
            _copy(context, copy, remove_copy)


def _install(context: Context) -> None:
    with answering():
        done = git_driver.install(context.path)
    lines = [f"git merges {done.pattern} with planner merge in {done.repository}.",
             f"Set in .git/config: merge.planner.driver = {done.driver}"]
    if done.written:
        lines.append(f"Added lines to {' and '.join(done.written)}: commit them; every other clone runs "
                     "`planner merge --install` once too.")
    click.echo(visible("\n".join(lines), lines=True))


def _three_files(base: Path, ours: Path, theirs: Path, output: Path | None, name: str | None) -> None:
    """Git's form: report on stderr (git shows it), exit 1 on what cannot be read."""
    try:
        merged, report = merging.merge_files(base, ours, theirs)
    except (Unreadable, Invalid) as error:
        raise FileProblem(f"Cannot merge {name or ours}: {error} Left for git to mark as a conflict."
                          if name else f"Cannot merge: {error} Nothing was written.") from None
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(merged.dumps())
        sys.stdout.buffer.flush()
    else:
        try:
            merging.write_merged(output, merged)
        except OSError as error:
            raise FileProblem(f"Cannot write {output}: {error.strerror or error}.") from None
    _tell(f"Merged {name or ours}" + (": clean." if report.clean else "."), report, err=True)


def _copy(context: Context, copy: Path, remove: bool) -> None:
    store = context.store
    with answering():
        done = merging.merge_copy(store, copy, journal=True, remove=remove)
    if not done.change:
        _tell(f"{store.path.name} already holds everything in {copy.name}: nothing to merge.", done.report)
    else:
        _tell(f"Merged {copy.name} into {store.path.name}.", done.report)
        click.echo(visible("`planner undo` takes the merge back." if done.journaled else
                           f"`planner undo` cannot take this merge back: "
                           f"{undo_journal.too_big_reason(len(done.change.forward))}; the plan as it was is "
                           f"kept in {done.backup}."))
    click.echo(visible(f"Deleted {copy.name}." if done.removed else
                       f"{copy.name} is kept: delete it once the plan looks right (a second merge of it changes "
                       "nothing)."))


def _tell(first: str, report: Report, err: bool = False) -> None:
    click.echo(visible("\n".join([first, *report.lines()]), lines=True), err=err)
