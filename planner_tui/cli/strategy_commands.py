"""`planner strategy ...`: add a strategy, set its status (done, drop, pause, reopen), move it, delete it.

Each is a thin call into the same core/actions functions the app's keys call
(`edit_strategy` for a status, `move_strategy`, `delete_strategy`), journaled
for `planner undo`.
"""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, answering, one_undo, pass_context, planner
from planner_tui.cli.output import as_read, print_json
from planner_tui.cli.screen import Screen
from planner_tui.cli.typed import horizon, strategy_id, tell
from planner_tui.cli.typed import owner as typed_owner
from planner_tui.core import actions
from planner_tui.core.dates import short_date
from planner_tui.core.exchange.records import strategy_record
from planner_tui.core.model import StrategyStatus
from planner_tui.core.review import parse_cadence
from planner_tui.core.user_text import counted
from planner_tui.core.user_text import visible


@planner.group(epilog="""\b
Examples:
  planner strategy add "Get fit" --by 1y --why "Energy for the rest"
  planner strategy done s3           achieved
  planner strategy pause s3 --until 2027-03-01
  planner strategy move s3 --under s1
  planner strategy rm s3 --yes       with what is under it""")
def strategy() -> None:
    """Long-term goals: add them, set their status, move and delete them (tactics serve them)."""


@strategy.command("add", epilog="""\b
Examples:
  planner strategy add "Get a good job" --by 5y --why "Work I care about"
  planner strategy add "Portfolio" --under s1 --by eoy --review-every 2w
  planner strategy add "Launch" --under s1 --owner ana --tag launch""")
@click.argument("title")
@click.option("--under", metavar="S", help="Parent strategy: id (s3), title or unique prefix.")
@click.option("--by", "by", metavar="WHEN", help="Horizon: 5y, eoy, 2031-06-30, ...")
@click.option("--why", default="", help="The vision this serves.")
@click.option("--review-every", metavar="EVERY",
              help="Review cadence: 30 (days), 2w, 1m, 1y, none (default: default_review_every setting).")
@click.option("--owner", metavar="NAME", help="Who owns it (its tactics too, unless they have their own); me: you.")
@click.option("--tag", "tags", metavar="TAG", multiple=True, help="A tag (its tactics carry it too); again for more.")
@pass_context
def strategy_add(context: Context, title: str, under: str | None, by: str | None, why: str,
                 review_every: str | None, owner: str | None, tags: tuple[str, ...]) -> None:
    """Add a strategy; prints its new id.

    On a terminal, with the horizon as read: `s3 by Thu 31 Dec (in 4 weeks)`."""
    with answering():
        by_day = horizon(context, by)
        cadence = (parse_cadence(review_every) if review_every is not None
                   else context.settings.default_review_every)
        change = actions.add_strategy(context.store, title, parent=strategy_id(context, under), why=why,
                                      horizon=by_day, review_every=cadence, journal=True,
                                      owner=typed_owner(context, owner), tags=tags)
    tell(f"s{change.new_ids[0]}", (("by ", ""), as_read(by_day, context.day)) if by_day else ())


def _status_command(name: str, status: StrategyStatus, summary: str) -> None:
    @strategy.command(name, help=f"{summary}\n\n\b\nExample:\n  planner strategy {name} s3")
    @click.argument("strategies", nargs=-1, required=True, metavar="S...")
    @click.option("--json", "as_json", is_flag=True, help="Print the strategies as JSON records.")
    @pass_context
    def command(context: Context, strategies: tuple[str, ...], as_json: bool) -> None:
        _set_status(context, strategies, status, None, as_json)


_status_command("done", StrategyStatus.ACHIEVED, "Mark strategies achieved.")
_status_command("drop", StrategyStatus.DROPPED, "Drop strategies (their tactics stay as they are).")
_status_command("reopen", StrategyStatus.ACTIVE, "Make strategies active again (achieved, dropped or paused).")


@strategy.command("pause", epilog="""\b
Examples:
  planner strategy pause s3                    until reopened
  planner strategy pause s3 --until 2027-03-01 active again on that day""")
@click.argument("strategies", nargs=-1, required=True, metavar="S...")
@click.option("--until", metavar="WHEN", help="The day it becomes active again by itself: eoq, 2027-03-01, 3m...")
@click.option("--json", "as_json", is_flag=True, help="Print the strategies as JSON records.")
@pass_context
def pause(context: Context, strategies: tuple[str, ...], until: str | None, as_json: bool) -> None:
    """Put strategies on hold: out of the pace, the health suggestions and the reviews due."""
    with answering():
        day = horizon(context, until)
    _set_status(context, strategies, StrategyStatus.PAUSED, day, as_json)


def _set_status(context: Context, strategies: tuple[str, ...], status: StrategyStatus, until, as_json: bool) -> None:
    """Each strategy's status through `edit_strategy` (what the app's keys call), one
    commit each, one `planner undo` for all."""
    with answering():
        ids = [strategy_id(context, text) for text in strategies]
        fields = {"status": status, **({"paused_until": until} if status is StrategyStatus.PAUSED else {})}
        with one_undo(context, f"{status.value} " + " ".join(f"s{sid}" for sid in ids)) as changes:
            for sid in ids:
                changes.append(actions.edit_strategy(context.store, sid, **fields))
    _report(context, ids, as_json)


def _report(context: Context, ids: list[int], as_json: bool) -> None:
    plan, now = context.store.plan, context.now
    if as_json:
        print_json([strategy_record(plan, plan.strategies[sid], context.day) for sid in ids])
        return
    screen = Screen()
    for sid in ids:
        strategy_ = plan.strategies[sid]
        status = strategy_.status_on(now.date())
        until = f" until {short_date(strategy_.paused_until, now)}" if status is StrategyStatus.PAUSED and \
            strategy_.paused_until else ""
        screen.say((f"s{sid} {status.value}{until}: ", ""), (visible(strategy_.title), ""))


@strategy.command("move", epilog="""\b
Examples:
  planner strategy move s4 --under s1     last among s1's sub-strategies
  planner strategy move s4 --top          a top-level strategy""")
@click.argument("moving", metavar="S")
@click.option("--under", metavar="S", help="The strategy to put it under: id, title or prefix.")
@click.option("--top", is_flag=True, help="Make it a top-level strategy.")
@click.option("--json", "as_json", is_flag=True, help="Print the strategy as a JSON record.")
@pass_context
def strategy_move(context: Context, moving: str, under: str | None, top: bool, as_json: bool) -> None:
    """Move a strategy, with everything under it, under another one or to the top."""
    if (under is not None) != top:
        with answering():
            sid, parent = strategy_id(context, moving), strategy_id(context, under)
            actions.move_strategy(context.store, sid, parent, journal=True)
        if as_json:
            print_json([strategy_record(context.store.plan, context.store.plan.strategies[sid], context.day)])
        else:
            tell(f"s{sid}", ())
        return
    raise BadInput("Say where it goes: --under S, or --top (not both).")


@strategy.command("rm", epilog="""\b
Examples:
  planner strategy rm s4          one with nothing under it
  planner strategy rm s4 --yes    with what is under it
  planner undo                    brings them all back""")
@click.argument("removing", metavar="S")
@click.option("--yes", is_flag=True,
              help="Also when it has sub-strategies, tactics or key results: they go with it.")
@click.option("--json", "as_json", is_flag=True, help="Print the ids deleted as JSON.")
@pass_context
def strategy_rm(context: Context, removing: str, yes: bool, as_json: bool) -> None:
    """Delete a strategy with everything under it."""
    with answering():
        sid = strategy_id(context, removing)
        title = context.store.plan.strategies[sid].title
        subs, tactics = actions.taken_with(context.store.plan, sid)
        measures = sum(len(context.store.plan.key_results_of(s)) for s in context.store.plan.descendants(sid))
        parts = [counted(subs, "sub-strategy", "sub-strategies"), counted(tactics, "tactic", "tactics")]
        parts += [counted(measures, "key result", "key results")] if measures else []
        with_it = ", ".join(parts[:-1]) + " and " + parts[-1]
        if (subs or tactics or measures) and not yes:
            raise BadInput(f"s{sid} {title!r} has {with_it}; they would be deleted with it. "
                           "Add --yes to delete them all (`planner undo` brings them back). Nothing was deleted.")
        change = actions.delete_strategy(context.store, sid, journal=True)
    # the ids people see: a key result's values go with it, unnamed
    gone = [f"{op.table[0]}{op.id}" for op in change.forward if op.table != "measurements"]
    if as_json:
        print_json({"deleted": gone})
        return
    extra = f" with {with_it}" if subs or tactics or measures else ""
    Screen().say((f"Deleted s{sid} ", ""), (visible(title), ""), (f"{extra}. `planner undo` brings it back.", ""))
