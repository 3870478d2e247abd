"""What people type on the command line, read one way for every command: dates, horizons,
strategies, tactics, owners; and the id said back once something was added or changed."""

from __future__ import annotations

import click
from pendulum import DateTime

from planner_tui.cli.group import Context
from planner_tui.cli.screen import Piece, Screen
from planner_tui.core.dates import DAY_ONLY, When, as_day, long_date, parse_when
from planner_tui.core.labels import clean_owner, whose

CLEAR_WORDS = ("none", "never", "clear", "-")


def when(context: Context, text: str | None, clear_ok: bool = False) -> When | None:
    """A deadline as typed (`fri 17:00`); with ``clear_ok``, `none` is no deadline."""
    if text is None or (clear_ok and text.strip().lower() in CLEAR_WORDS):
        return None
    day = context.day
    return parse_when(text, day.now, day.week_start)


def horizon(context: Context, text: str | None, clear_ok: bool = False) -> When | None:
    """A horizon is a day: a time typed with it is left out, and said so (on stderr,
    so that scripts still read the id alone on stdout)."""
    typed = when(context, text, clear_ok)
    if isinstance(typed, DateTime):
        day = as_day(typed, context.now)
        click.echo(f"Note: {DAY_ONLY} ({text.strip()!r} is kept as {long_date(day, context.now)}).", err=True)
        return day
    return typed


def strategy_id(context: Context, text: str | None) -> int | None:
    return context.store.plan.find_strategy(text).id if text is not None else None


def tactic_ids(context: Context, keys: tuple[str, ...]) -> list[int]:
    return [context.store.plan.find_tactic(key).id for key in keys]


def owner(context: Context, text: str | None) -> str | None:
    """An owner as typed, clean; `me` is the settings' owner (an InputError when none is set)."""
    return whose(clean_owner(text), context.settings.owner)


def tell(key: str, understood: tuple[Piece, ...]) -> None:
    """The id of what was added or changed; on a terminal, with what was understood
    (`t22 due Fri 4 Dec 17:00 (in 6 days)`). In a pipe the id alone: scripts read it."""
    screen = Screen()
    if screen.is_terminal and understood:
        screen.say((f"{key} ", ""), *understood)
    else:
        click.echo(key)
