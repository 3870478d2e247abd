"""`planner settings` and `planner completion`: fitting the planner to its person.

The settings file itself is read by core/settings.py (never raising); these
commands show where it is and what it says, create a commented one, and
print the shell's completion script (click writes it).
"""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, FileProblem, pass_context, planner
from planner_tui.cli.output import print_json
from planner_tui.core.settings import HELP, Settings, load_settings, save_settings, settings_path, shown_value
from planner_tui.core.user_text import visible

SHELLS = ("bash", "zsh", "fish")


@planner.command(epilog="""\b
Examples:
  planner settings              where the file is, what it sets
  planner settings --init       write a commented file with the defaults
  planner settings --json
  planner settings --keys       every key of the app, its id, and yours
\b
Keys: theme, week_start (monday ... sunday), soon_days (1-365),
default_review_every (days; new strategies get it), owner (you: --owner me),
day_starts_at ("04:00"), rest_days (["sat", "sun"]), digest_at, nudge_at
("08:00", "20:00", false: none); tables [caldav] for `planner sync` (url,
user, list, password_cmd or keyring), [views.NAME] (filters for --view)
and [keys] (binding id = "key").""")
@click.option("--init", is_flag=True, help="Create the settings file with every key explained.")
@click.option("--json", "as_json", is_flag=True, help="Print the settings in use as JSON.")
@click.option("--keys", "list_keys", is_flag=True, help="List the app's keys: id, screen, keys in use, what each does.")
@pass_context
def settings(context: Context, init: bool, as_json: bool, list_keys: bool) -> None:
    """Show the settings file and the settings in use."""
    path = settings_path()
    if list_keys:
        _print_keys(load_settings(path).settings, as_json)
        return
    if init:
        if path.exists():
            raise BadInput(f"{path} exists already; edit it, or delete it to start afresh.")
        if problem := save_settings(Settings(), path):
            raise FileProblem(problem)
        click.echo(f"Wrote {path}.")
        return
    loaded = load_settings(path)
    if as_json:
        print_json({"path": str(path), "problem": loaded.problem, **loaded.settings.plain()})
        return
    there = "" if path.exists() else " (no file yet: defaults; `planner settings --init` writes one)"
    click.echo(f"{path}{there}")
    for name in HELP:
        value = getattr(loaded.settings, name)
        parts = value._asdict().items() if hasattr(value, "_asdict") else [(None, value)]  # [caldav]: each key
        for part, shown in parts:
            click.echo(visible(f"  {f'{name}.{part}' if part else name} = {shown_value(shown)}"))
    if loaded.problem:
        click.echo(visible(f"Warning: {loaded.problem}", lines=True), err=True)


def _print_keys(settings: Settings, as_json: bool) -> None:
    """Every binding that may be moved: its id, screen, keys in use (yours marked), what it does."""
    from planner_tui.core.keymap import listing

    rows = [{"id": binding.id, "screen": binding.screen, "keys": keys, "default": binding.keys,
             "does": binding.does} for binding, keys in listing(settings.keys)]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        mine = "" if row["keys"] == row["default"] else f"  (default {row['default']})"
        click.echo(f"{row['screen']:<8} {row['id']:<19} {row['keys']:<22} {row['does']}{mine}")


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
