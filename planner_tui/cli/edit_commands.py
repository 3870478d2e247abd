"""`planner edit`, `move`, `rm` and `note`: change any part of the plan from a script.

Thin calls into the core/actions functions the app's dialogs and keys call
(`edit_tactic`, `edit_strategy`, `move_tactic`, `delete_tactic`), journaled for
`planner undo`. `edit` takes a tactic (`t4`) or a strategy (`s2`, or its title).
"""

from __future__ import annotations

from typing import Any

import click

from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.output import print_json
from planner_tui.cli.screen import Screen
from planner_tui.cli.typed import CLEAR_WORDS, horizon, strategy_id, tell, when
from planner_tui.cli.typed import owner as typed_owner
from planner_tui.core import actions
from planner_tui.core.exchange.records import strategy_record, tactic_record
from planner_tui.core.model import Strategy, Tactic
from planner_tui.core.review import parse_cadence
from planner_tui.core.user_text import visible

TACTIC_ONLY = {"repeat": "--repeat"}
STRATEGY_ONLY = {"review_every": "--review-every"}


def find(context: Context, text: str) -> Strategy | Tactic:
    """A tactic by id (`t4`), else a strategy by id, title or prefix."""
    plan = context.store.plan
    key = text.strip().lower()
    if key.startswith("t") and key[1:].isdigit():
        return plan.find_tactic(text)
    return plan.find_strategy(text)


def record(context: Context, item: Strategy | Tactic) -> dict[str, Any]:
    """The item as `planner list --json` shows it, as it is now."""
    plan, day = context.store.plan, context.day
    if isinstance(item, Tactic):
        return tactic_record(plan, plan.tactics[item.id], day)
    return strategy_record(plan, plan.strategies[item.id], day)


@planner.command(epilog="""\b
Examples:
  planner edit t4 --title "Run 10k" --due "sat 8:00"
  planner edit t4 --owner bo --tag training --tag outdoor
  planner edit t4 --repeat none --no-tags
  planner edit s2 --by eoy --review-every 2w --why "Energy for the rest"
\b
A tactic's notes are its --notes (--why is the same option); a strategy's
horizon is its --by (--due is the same option). `none` clears a date, a
repeat rule, a cadence or the owner.""")
@click.argument("target", metavar="T|S")
@click.option("--title", help="The new title.")
@click.option("--notes", "--why", "notes", help="A tactic's notes, a strategy's why (replaced; see `planner note`).")
@click.option("--due", "--by", "due", metavar="WHEN", help="A tactic's deadline, a strategy's horizon (none: clear).")
@click.option("--repeat", metavar="RULE", help="A tactic's repeat rule: 1d, 1w, 2w, 1m, 1y, weekdays, none.")
@click.option("--review-every", metavar="EVERY", help="A strategy's review cadence: 30, 2w, 1m, none.")
@click.option("--owner", metavar="NAME", help="The owner (none: its strategy's again); me: you.")
@click.option("--tag", "tags", metavar="TAG", multiple=True, help="The tags become these; again for more.")
@click.option("--no-tags", is_flag=True, help="Take every tag off.")
@click.option("--json", "as_json", is_flag=True, help="Print the item as a JSON record afterwards.")
@pass_context
def edit(context: Context, target: str, as_json: bool, **typed: Any) -> None:
    """Change any field of a tactic or a strategy; prints its id."""
    with answering():
        item = find(context, target)
        fields = _fields(context, item, typed)
        if isinstance(item, Tactic):
            actions.edit_tactic(context.store, item.id, journal=True, **fields)
        else:
            actions.edit_strategy(context.store, item.id, journal=True, **fields)
    if as_json:
        print_json(record(context, item))
    else:
        tell(item.key, ())


def _fields(context: Context, item: Strategy | Tactic, typed: dict[str, Any]) -> dict[str, Any]:
    """The fields the options give, in the form the actions take; exit 2 for an option
    that is not the item's, or for none at all."""
    is_tactic = isinstance(item, Tactic)
    wrong = (STRATEGY_ONLY if is_tactic else TACTIC_ONLY)
    for name, option in wrong.items():
        if typed.get(name) is not None:
            raise BadInput(f"{option} is a {'strategy' if is_tactic else 'tactic'}'s; {item.key} is a "
                           f"{'tactic' if is_tactic else 'strategy'}.")
    if typed["tags"] and typed["no_tags"]:
        raise BadInput("--tag and --no-tags say opposite things: give one.")
    fields: dict[str, Any] = {}
    if typed["title"] is not None:
        fields["title"] = typed["title"]
    if typed["notes"] is not None:
        fields["notes" if is_tactic else "why"] = typed["notes"]
    if typed["due"] is not None:
        fields["due" if is_tactic else "horizon"] = (when if is_tactic else horizon)(context, typed["due"], True)
    if typed["repeat"] is not None:
        fields["repeat"] = typed["repeat"]
    if typed["review_every"] is not None:
        fields["review_every"] = parse_cadence(typed["review_every"])
    if typed["owner"] is not None:
        fields["owner"] = None if typed["owner"].strip().lower() in CLEAR_WORDS else typed_owner(context, typed["owner"])
    if typed["tags"] or typed["no_tags"]:
        fields["tags"] = typed["tags"]
    if not fields:
        raise BadInput("Nothing to change: give --title, --notes, --due, --repeat, --review-every, --owner "
                       "or --tag (see `planner edit --help`).")
    return fields


@planner.command(epilog="""\b
Example:
  planner move t4 --to s2       t4 now serves s2 (last in its list)
\b
A strategy moves with `planner strategy move S --under S`.""")
@click.argument("moving", metavar="T")
@click.option("--to", "to", required=True, metavar="S", help="The strategy it will serve: id, title or prefix.")
@click.option("--json", "as_json", is_flag=True, help="Print the tactic as a JSON record afterwards.")
@pass_context
def move(context: Context, moving: str, to: str, as_json: bool) -> None:
    """Let a tactic serve another strategy; prints its id."""
    with answering():
        tactic = context.store.plan.find_tactic(moving)
        actions.move_tactic(context.store, tactic.id, strategy_id(context, to), journal=True)
    if as_json:
        print_json(record(context, tactic))
    else:
        tell(tactic.key, ())


@planner.command(epilog="""\b
Examples:
  planner rm t4
  planner undo        brings it back
\b
A strategy is deleted with `planner strategy rm S`.""")
@click.argument("removing", metavar="T")
@click.option("--json", "as_json", is_flag=True, help="Print the ids deleted as JSON.")
@pass_context
def rm(context: Context, removing: str, as_json: bool) -> None:
    """Delete a tactic."""
    with answering():
        tactic = context.store.plan.find_tactic(removing)
        actions.delete_tactic(context.store, tactic.id, journal=True)
    if as_json:
        print_json({"deleted": [tactic.key]})
    else:
        Screen().say((f"Deleted {tactic.key} ", ""), (visible(tactic.title), ""), (". `planner undo` brings it back.", ""))


@planner.command(epilog="""\b
Examples:
  planner note t4 "Called them; waiting for the quote"   (a new line)
  planner note t4 "Only this now" --replace
  planner note s2 "Still the right goal?"                 a strategy's why""")
@click.argument("target", metavar="T|S")
@click.argument("text")
@click.option("--replace", is_flag=True, help="Replace the notes instead of adding a line to them.")
@click.option("--json", "as_json", is_flag=True, help="Print the item as a JSON record afterwards.")
@pass_context
def note(context: Context, target: str, text: str, replace: bool, as_json: bool) -> None:
    """Add a line to a tactic's notes (a strategy's why); prints its id.

    Written on top of the notes as they are now: a change made elsewhere since this
    command read them is told (exit 2), never overwritten."""
    with answering():
        item = find(context, target)
        name = "notes" if isinstance(item, Tactic) else "why"
        current = getattr(item, name)
        new = text if replace or not current.strip() else f"{current.rstrip()}\n{text}"
        edit_item = actions.edit_tactic if isinstance(item, Tactic) else actions.edit_strategy
        edit_item(context.store, item.id, journal=True, expected={name: current}, **{name: new})
    if as_json:
        print_json(record(context, item))
    else:
        tell(item.key, ())
