"""The filter options of `planner list`, `today` and `export`: one set of options, one reading.

`--owner`, `--tag`, `--strategy` (`--deep`), `--status`, `--due-before` and
`--view NAME` (a `[views.NAME]` of the settings, the options given beside it
replacing its own) become a `FilterSpec`, read against the plan by
core/filters.py, which decides what is selected for every command alike.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, NamedTuple

import click

from planner_tui.cli.group import BadInput, Context, answering
from planner_tui.core.filters import FilterSpec, Selection, read_spec, resolve, select


class Asked(NamedTuple):
    """The filter options as given."""

    owner: str | None = None
    tags: tuple[str, ...] = ()
    strategy: str | None = None
    deep: bool = False
    status: tuple[str, ...] = ()
    due_before: str | None = None
    view: str | None = None


OPTIONS = (
    click.option("--owner", metavar="NAME", help="Only this owner's (a tactic without one: its strategy's); "
                                                  "me: the owner of the settings."),
    click.option("--tag", "tags", metavar="TAG", multiple=True,
                 help="Only what carries the tag (its own, or a strategy's above it); again for more."),
    click.option("--strategy", metavar="S", help="Only this strategy's tactics (id, title or prefix)."),
    click.option("--deep", is_flag=True, help="With --strategy: its sub-strategies' too."),
    click.option("--status", metavar="WORD", multiple=True,
                 help="todo, doing, done, open, dropped; or a strategy's: active, paused, achieved."),
    click.option("--due-before", metavar="WHEN", help="Only deadlines (and horizons) on or before WHEN: fri, eom..."),
    click.option("--view", metavar="NAME", help="A view of the settings ([views.NAME]); options given replace its own."),
)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the filter options to a command; it gets them as one ``asked`` (`Asked`)."""

    @functools.wraps(command)
    def with_filters(*args: Any, owner, tags, strategy, deep, status, due_before, view, **kwargs: Any) -> Any:
        return command(*args, asked=Asked(owner, tags, strategy, deep, status, due_before, view), **kwargs)

    for option in reversed(OPTIONS):
        with_filters = option(with_filters)
    return with_filters


def selection(context: Context, asked: Asked) -> Selection | None:
    """What the options select in the plan (None when none was given: everything)."""
    spec = spec_of(context, asked)
    if not spec:
        return None
    plan, day = context.store.plan, context.day
    with answering():
        return select(plan, resolve(spec, plan, day.now, context.settings.owner, day.week_start), day.now)


def spec_of(context: Context, asked: Asked) -> FilterSpec:
    """The options as one spec, on top of the view they name; exit 2 for what cannot be read."""
    if asked.deep and not asked.strategy and not asked.view:
        raise BadInput("--deep goes with --strategy S (the strategy whose sub-strategies to include).")
    with answering():
        typed = read_spec(asked.owner, asked.tags, asked.strategy, asked.deep, asked.status, asked.due_before)
    if asked.view is None:
        return typed
    views = context.settings.views
    if asked.view not in views:
        known = ", ".join(sorted(views)) or "none yet: add [views.NAME] to the settings (see `planner settings`)"
        raise BadInput(f"No view {asked.view!r} in the settings. Views: {known}.")
    return typed.over(views[asked.view])
