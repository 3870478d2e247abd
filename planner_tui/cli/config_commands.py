"""`planner settings` and `planner completion`: fitting the planner to its person.

The settings file itself is read by core/settings.py (never raising); these
commands show where it is and what it says, create a commented one, and
print the shell's completion script (click writes it).
"""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, FileProblem, pass_context, planner
from planner_tui.cli.output import print_json
from planner_tui.core.settings import HELP, Settings, load_settings, save_settings, settings_path
from planner_tui.core.user_text import visible

SHELLS = ("bash", "zsh", "fish")


@planner.command(epilog="""\b
Examples:
  planner settings              where the file is, what it sets
  planner settings --init       write a commented file with the defaults
  planner settings --json
\b
Keys: theme, week_start (monday ... sunday), soon_days (1-365),
default_review_every (days; new strategies get it), and a [caldav]
table for `planner sync` (url, user, list, password_cmd or keyring).""")
@click.option("--init", is_flag=True, help="Create the settings file with every key explained.")
@click.option("--json", "as_json", is_flag=True, help="Print the settings in use as JSON.")
@pass_context
def settings(context: Context, init: bool, as_json: bool) -> None:
    """Show the settings file and the settings in use."""
    path = settings_path()
    if init:
        if path.exists():
            raise BadInput(f"{path} exists already; edit it, or delete it to start afresh.")
        if problem := save_settings(Settings(), path):
            raise FileProblem(problem)
        click.echo(f"Wrote {path}.")
        return
    loaded = load_settings(path)
    values = {name: getattr(loaded.settings, name) for name in HELP}
    if as_json:
        print_json({"path": str(path), "problem": loaded.problem,
                    **{name: value._asdict() if hasattr(value, "_asdict") else value for name, value in values.items()}})
        return
    there = "" if path.exists() else " (no file yet: defaults; `planner settings --init` writes one)"
    click.echo(f"{path}{there}")
    for name, value in values.items():
        parts = value._asdict().items() if hasattr(value, "_asdict") else [(None, value)]
        for part, shown in parts:
            label = f"{name}.{part}" if part else name
            click.echo(visible(f"  {label} = {'(none)' if shown is None else shown}"))
    if loaded.problem:
        click.echo(visible(f"Warning: {loaded.problem}", lines=True), err=True)


@planner.command(epilog="""\b
Examples:
  eval "$(planner completion bash)"        in ~/.bashrc
  eval "$(planner completion zsh)"         in ~/.zshrc
  planner completion fish > ~/.config/fish/completions/planner.fish""")
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish."""
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)
    script = complete(planner, {}, "planner", "_PLANNER_COMPLETE").source()
    click.echo(script)
