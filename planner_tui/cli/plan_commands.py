"""Sub-commands that add to and change the plan, and show it."""

from __future__ import annotations

import click
from pendulum import DateTime

from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.listing import print_rows
from planner_tui.cli.output import agenda_rows, as_read, due_phrase, plan_rows, print_json
from planner_tui.cli.screen import Piece, Screen
from planner_tui.core import actions
from planner_tui.core.checkin import agenda_ids
from planner_tui.core.dates import DAY_ONLY, When, as_day, long_date, parse_when
from planner_tui.core.examples import add_examples
from planner_tui.core.model import TacticStatus
from planner_tui.core.exchange.records import TacticRecords, strategy_record, tree_walk
from planner_tui.core.review import parse_cadence
from planner_tui.core.user_text import visible
from planner_tui.core.views import Rollup, tactic_ids_in_order

CLEAR_WORDS = ("none", "never", "clear", "-")


def _when(context: Context, text: str | None, clear_ok: bool = False) -> When | None:
    if text is None or (clear_ok and text.strip().lower() in CLEAR_WORDS):
        return None
    return parse_when(text, context.now, context.settings.week_start_day)


def _strategy_id(context: Context, text: str | None) -> int | None:
    return context.store.plan.find_strategy(text).id if text is not None else None


def _tactic_ids(context: Context, keys: tuple[str, ...]) -> list[int]:
    return [context.store.plan.find_tactic(key).id for key in keys]


def _tell(key: str, understood: tuple[Piece, ...]) -> None:
    """The id of what was added or changed; on a terminal, with what was understood
    (`t22 due Fri 4 Dec 17:00 (in 6 days)`). In a pipe the id alone: scripts read it."""
    screen = Screen()
    if screen.is_terminal and understood:
        screen.say((f"{key} ", ""), *understood)
    else:
        click.echo(key)


@planner.group(epilog="""\b
Example:
  planner strategy add "Get fit" --by 1y --why "Energy for the rest"
""")
def strategy() -> None:
    """Long-term goals: add them (tactics serve them)."""


@strategy.command("add", epilog="""\b
Examples:
  planner strategy add "Get a good job" --by 5y --why "Work I care about"
  planner strategy add "Portfolio" --under s1 --by eoy --review-every 2w""")
@click.argument("title")
@click.option("--under", metavar="S", help="Parent strategy: id (s3), title or unique prefix.")
@click.option("--by", "by", metavar="WHEN", help="Horizon: 5y, eoy, 2031-06-30, ...")
@click.option("--why", default="", help="The vision this serves.")
@click.option("--review-every", metavar="EVERY",
              help="Review cadence: 30 (days), 2w, 1m, 1y, none (default: default_review_every setting).")
@pass_context
def strategy_add(context: Context, title: str, under: str | None, by: str | None,
                 why: str, review_every: str | None) -> None:
    """Add a strategy; prints its new id.

    On a terminal, with the horizon as read: `s3 by Thu 31 Dec (in 4 weeks)`."""
    with answering():
        horizon = _horizon(context, by)
        cadence = (parse_cadence(review_every) if review_every is not None
                   else context.settings.default_review_every)
        change = actions.add_strategy(context.store, title, parent=_strategy_id(context, under),
                                      why=why, horizon=horizon, review_every=cadence, journal=True)
    _tell(f"s{change.new_ids[0]}", (("by ", ""), as_read(horizon, context.now)) if horizon else ())


def _horizon(context: Context, text: str | None) -> When | None:
    """A horizon is a day: a time typed with it is left out, and said so (on stderr,
    so that scripts still read the new id alone on stdout)."""
    when = _when(context, text)
    if isinstance(when, DateTime):
        day = as_day(when, context.now)
        click.echo(f"Note: {DAY_ONLY} ({text.strip()!r} is kept as {long_date(day, context.now)}).", err=True)
        return day
    return when


@planner.command("add", epilog="""\b
Examples:
  planner add "Finish the portfolio site" --to s2 --due fri
  planner add "Weekly review" --to "get a good" --due sun --repeat 1w""")
@click.argument("title")
@click.option("--to", "to", required=True, metavar="S", help="The strategy it serves: id, title or prefix.")
@click.option("--due", metavar="WHEN", help="Deadline: today, fri, +3d, eom, 2026-12-31, fri 17:00 ...")
@click.option("--notes", default="", help="Free text.")
@click.option("--repeat", metavar="RULE", help="Repeat rule: 1d, 1w, 2w, 1m, 1y, weekdays.")
@pass_context
def add(context: Context, title: str, to: str, due: str | None, notes: str, repeat: str | None) -> None:
    """Add a tactic to a strategy; prints its new id.

    On a terminal, with the deadline as read: `t22 due Fri 4 Dec 17:00 (in 6 days)`."""
    with answering():
        change = actions.add_tactic(context.store, title, _strategy_id(context, to),
                                    due=_when(context, due), notes=notes, repeat=repeat, journal=True)
    tactic = context.store.plan.tactics[change.new_ids[0]]
    _tell(tactic.key, due_phrase(tactic, context.now) if tactic.due else ())


def _status_command(name: str, status: TacticStatus, summary: str) -> None:
    @planner.command(name, help=f"{summary}\n\n\b\nExample:\n  planner {name} t4 t7")
    @click.argument("tactics", nargs=-1, required=True, metavar="T...")
    @pass_context
    def command(context: Context, tactics: tuple[str, ...]) -> None:
        with answering():
            ids = _tactic_ids(context, tactics)
            change = actions.set_status(context.store, ids, status, journal=True)
        _report_status(context, ids, status, change.new_ids)


_status_command("done", TacticStatus.DONE, "Mark tactics done (a repeating one comes back).")
_status_command("start", TacticStatus.DOING, "Mark tactics as in progress.")
_status_command("drop", TacticStatus.DROPPED, "Drop tactics (ends a repeating series).")


def _report_status(context: Context, ids: list[int], status: TacticStatus, new_ids: list[int]) -> None:
    plan, now, screen = context.store.plan, context.now, Screen()
    for tactic_id in ids:
        screen.say((f"t{tactic_id} {status.value}: ", ""), (visible(plan.tactics[tactic_id].title), ""))
    for tactic_id in new_ids:
        screen.say((f"next: t{tactic_id} ", ""), *due_phrase(plan.tactics[tactic_id], now))


@planner.command(epilog="""\b
Examples:
  planner due t4 fri
  planner due t4 "in 2 weeks"
  planner due t4 none        (no deadline)""")
@click.argument("tactic", metavar="T")
@click.argument("when", metavar="WHEN")
@pass_context
def due(context: Context, tactic: str, when: str) -> None:
    """Reschedule a tactic (WHEN `none` removes the deadline).

    Prints its id; on a terminal, with the deadline as read."""
    with answering():
        tactic_id = context.store.plan.find_tactic(tactic).id
        new_due = _when(context, when, clear_ok=True)
        actions.reschedule(context.store, [tactic_id], new_due, journal=True)
    _tell(f"t{tactic_id}", due_phrase(context.store.plan.tactics[tactic_id], context.now))


@planner.command(epilog="\b\nExamples:\n  planner today\n  planner today --json | jq '.[].title'")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead.")
@pass_context
def today(context: Context, as_json: bool) -> None:
    """The agenda: overdue, due today, in progress, due soon.

    Soon is the next 7 days, or soon_days in the settings (`planner settings`).
    """
    plan, now, soon_days = context.store.plan, context.now, context.settings.soon_days
    groups = agenda_ids(plan, now, soon_days)
    if as_json:
        records = TacticRecords(plan, now)
        print_json([{**records.record(tactic_id), "group": name} for name, ids in groups for tactic_id in ids])
        return
    screen = Screen()
    if not any(ids for _, ids in groups):
        screen.say(("Nothing due, nothing overdue, nothing in progress. A calm day.", "green"))
        return
    screen.say((f"{now.strftime('%A')} {now.day} {now.strftime('%B %Y')}", "bold"))
    print_rows(screen, agenda_rows(plan, groups, now, soon_days))


@planner.command("list", epilog="\b\nExamples:\n  planner list\n  planner list --json")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (strategies and tactics).")
@pass_context
def list_plan(context: Context, as_json: bool) -> None:
    """The whole plan as a tree, with progress, horizons and deadlines."""
    plan, now = context.store.plan, context.now
    if as_json:
        rows, rollup, own, tactics = [], Rollup(plan), tactic_ids_in_order(plan), TacticRecords(plan, now)
        for strategy, depth in tree_walk(plan):
            rows.append(strategy_record(plan, strategy, now, rollup.progress(strategy.id), depth))
            rows.extend(tactics.record(tactic_id) for tactic_id in own.get(strategy.id, ()))
        print_json(rows)
        return
    if not plan.strategies:
        Screen().say(('No strategies yet. Add one: planner strategy add "Your long-term goal" --by 5y', ""))
        return
    print_rows(Screen(), plan_rows(plan, now))


@planner.command(epilog="""\b
Example:
  planner done t4
  planner undo          t4 is open again""")
@pass_context
def undo(context: Context) -> None:
    """Undo the last change made from the command line."""
    with answering():
        change = context.store.pop_journal()
    if change is None:
        raise BadInput("Nothing to undo: no change made from the command line is left.")
    Screen().say(("Undone: " + visible(change.label.removeprefix("undo ")), ""))


@planner.command(epilog="""\b
Examples:
  planner --db /tmp/try.json demo     try them in a file of their own
  planner --db /tmp/try.json          and open the app on it""")
@pass_context
def demo(context: Context) -> None:
    """Add the three example plans (a student, a founder, a company)."""
    with answering():
        change = add_examples(context.store, journal=True)
    strategies = sum(op.table == "strategies" for op in change.forward)
    tactics = sum(op.table == "tactics" for op in change.forward)
    Screen().say((f"Added {strategies} strategies and {tactics} tactics. "
                  "See them with `planner list`; `planner undo` takes them back.", ""))
