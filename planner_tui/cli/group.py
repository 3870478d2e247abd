"""The `planner` group: global options, the plan file, and error handling.

Every sub-command gets a `Context` (``ctx.obj``) that opens the store on first
use and turns core's errors into the CLI's exit codes.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import click
import pendulum

from planner_tui.core.dates import zone_problem
from planner_tui.core.day import Day
from planner_tui.core.errors import InputError
from planner_tui.core.file.changes import Change, merged
from planner_tui.core.settings import Settings, load_settings
from planner_tui.core.file.store import PlanFileError, SaveError, Store, default_path, open_store
from planner_tui.core.user_text import visible

EXIT_BAD_INPUT = 2
EXIT_FILE = 1


class BadInput(click.ClickException):
    """Bad input: exit 2, nothing written."""

    exit_code = EXIT_BAD_INPUT

    def format_message(self) -> str:
        return visible(self.message, lines=True)  # it may quote a title, a path


class FileProblem(click.ClickException):
    """The plan file cannot be used or saved: exit 1."""

    exit_code = EXIT_FILE

    def format_message(self) -> str:
        return visible(self.message, lines=True)


@dataclass
class Context:
    """What every sub-command needs: the plan file and the clock."""

    path: Path
    clock: Callable[[], pendulum.DateTime] = pendulum.now
    refuse_emptied: bool = True  # `planner restore` opens an emptied plan to put it back
    _store: Store | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.path, clock=self.clock, refuse_emptied=self.refuse_emptied)
            except PlanFileError as error:
                raise FileProblem(str(error)) from None
            # The plan lives until the command ends: frozen, collections while a
            # listing makes its rows no longer walk its 10k documents.
            gc.freeze()
            click.get_current_context().call_on_close(self._tell_warnings)
        return self._store

    def _tell_warnings(self) -> None:
        """What the store set aside on the way (a broken undo journal), once the command is done."""
        if self._store is not None:
            for message in self._store.warnings:
                click.echo(visible(f"Warning: {message}", lines=True), err=True)
            self._store.warnings.clear()

    @property
    def now(self) -> pendulum.DateTime:
        return self.clock()

    @property
    def day(self) -> Day:
        """Today as this person sees it (core/day.py): now, by the settings."""
        return Day.of(self.settings, self.now)

    @property
    def checkin_day(self) -> pendulum.Date:
        """The day a check-in made now counts for: the day before until the settings'
        day_starts_at (core/streak.py)."""
        return self.day.checkin_day

    @property
    def settings(self) -> Settings:
        """settings.toml (defaults when there is none); a broken one is said on stderr, once."""
        if self._settings is None:
            loaded = load_settings()
            if loaded.problem:
                click.echo(visible(f"Warning: {loaded.problem}", lines=True), err=True)
            self._settings = loaded.settings
        return self._settings


@contextlib.contextmanager
def answering() -> Iterator[None]:
    """Turn core's errors into exit codes with a clear message."""
    try:
        yield
    except InputError as error:
        raise BadInput(str(error)) from None
    except (SaveError, PlanFileError) as error:
        raise FileProblem(str(error)) from None
    except OSError as error:
        raise FileProblem(f"Cannot save the plan: {error}.") from None


@contextlib.contextmanager
def one_undo(context: Context, label: str) -> Iterator[list[Change]]:
    """The changes appended inside are kept as one entry of the undo journal, so one
    `planner undo` takes back a command made of several commits; also when one of them
    failed: what was written is what undo takes back."""
    changes: list[Change] = []
    try:
        yield changes
    finally:
        context.store.journal(merged(label, *changes))


pass_context = click.make_pass_decorator(Context)


class LazyGroup(click.Group):
    """A group whose sub-commands are imported when first asked for (``modules``:
    command name -> the module that registers it, filled in by cli/commands.py)."""

    modules: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.modules})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.modules:
            importlib.import_module(self.modules[name])
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, invoke_without_command=True, epilog="""\b
Move the plan around:
  planner export -o plan.md      planner export --format ics -o plan.ics
  planner import backup.json     planner import goals.md
  planner merge                  merge a sync folder's conflict copies
  planner merge --install        let git merge the plan (docs/MERGING.md)
\b
Settings (theme, week start, soon days, review cadence):
  planner settings               shows the file and what is in it
\b
Shell completion: planner completion bash|zsh|fish (see its --help), or
  eval "$(_PLANNER_COMPLETE=bash_source planner)"   in ~/.bashrc""",
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88})
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The plan file (default: $PLANNER_DB, else your data folder).")
@click.version_option(package_name="planner-tui", prog_name="planner")
@click.pass_context
def planner(ctx: click.Context, db: Path | None) -> None:
    """Plan on two levels: strategies (long-term goals) and tactics (actions with deadlines).

    Run without a command to open the app.

    \b
    Examples:
      planner strategy add "Get a good job in my field" --by 5y
      planner add "Finish the portfolio site" --to "get a good" --due fri
      planner today
    """
    ctx.obj = Context(path=db or default_path())
    if problem := zone_problem():
        click.echo(f"Warning: {problem}", err=True)
    if ctx.invoked_subcommand is None:
        ctx.exit(open_app(ctx.obj))


def open_app(context: Context) -> int:
    """Open the Textual app on the plan file; its exit status is ours."""
    from planner_tui.cli.launch import run_app

    return run_app(context.store)
