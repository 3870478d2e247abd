"""Sub-commands that add tactics, change their status and deadline, and show the plan."""

from __future__ import annotations

import click

from planner_tui.cli.filtering import Asked, filter_options, selection
from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.listing import print_rows
from planner_tui.cli.output import agenda_rows, due_phrase, key_result_row, plan_rows, print_json
from planner_tui.cli.rows import Heading
from planner_tui.cli.screen import Screen
from planner_tui.cli.typed import owner as typed_owner
from planner_tui.cli.typed import strategy_id, tactic_ids, tell, when
from planner_tui.core import actions
from planner_tui.core.checkin import agenda_ids
from planner_tui.core.examples import add_demo
from planner_tui.core.filters import kept
from planner_tui.core.model import TacticStatus
from planner_tui.core.exchange.records import TacticRecords, key_result_record, strategy_record, tree_walk
from planner_tui.core.keyresults import STALE_GROUP, STALE_TITLE, reading, stale
from planner_tui.core.outcomes import standings
from planner_tui.core.user_text import visible
from planner_tui.core.views import tactic_ids_in_order

@planner.command("add", epilog="""\b
Examples:
  planner add "Finish the portfolio site" --to s2 --due fri
  planner add "Weekly review" --to "get a good" --due sun --repeat 1w""")
@click.argument("title")
@click.option("--to", "to", required=True, metavar="S", help="The strategy it serves: id, title or prefix.")
@click.option("--due", metavar="WHEN", help="Deadline: today, fri, +3d, eom, 2026-12-31, fri 17:00 ...")
@click.option("--notes", default="", help="Free text.")
@click.option("--repeat", metavar="RULE", help="Repeat rule: 1d, 1w, 2w, 1m, 1y, weekdays.")
@click.option("--owner", metavar="NAME", help="Who does it (default: its strategy's owner); me: yours.")
@click.option("--tag", "tags", metavar="TAG", multiple=True, help="A tag; again for more (--tag a --tag b).")
@pass_context
def add(context: Context, title: str, to: str, due: str | None, notes: str, repeat: str | None,
        owner: str | None, tags: tuple[str, ...]) -> None:
    """Add a tactic to a strategy; prints its new id.

    On a terminal, with the deadline as read: `t22 due Fri 4 Dec 17:00 (in 6 days)`."""
    with answering():
        change = actions.add_tactic(context.store, title, strategy_id(context, to),
                                    due=when(context, due), notes=notes, repeat=repeat, journal=True,
                                    owner=typed_owner(context, owner), tags=tags)
    tactic = context.store.plan.tactics[change.new_ids[0]]
    tell(tactic.key, due_phrase(tactic, context.day) if tactic.due else ())


def _status_command(name: str, status: TacticStatus, summary: str) -> None:
    @planner.command(name, help=f"{summary}\n\n\b\nExample:\n  planner {name} t4 t7")
    @click.argument("tactics", nargs=-1, required=True, metavar="T...")
    @pass_context
    def command(context: Context, tactics: tuple[str, ...]) -> None:
        with answering():
            ids = tactic_ids(context, tactics)
            change = actions.set_status(context.store, ids, status, journal=True)
        _report_status(context, ids, status, change.new_ids)


_status_command("done", TacticStatus.DONE, "Mark tactics done (a repeating one comes back).")
_status_command("start", TacticStatus.DOING, "Mark tactics as in progress.")
_status_command("drop", TacticStatus.DROPPED, "Drop tactics (ends a repeating series).")


def _report_status(context: Context, ids: list[int], status: TacticStatus, new_ids: list[int]) -> None:
    plan, day, screen = context.store.plan, context.day, Screen()
    for tactic_id in ids:
        screen.say((f"t{tactic_id} {status.value}: ", ""), (visible(plan.tactics[tactic_id].title), ""))
    for tactic_id in new_ids:
        screen.say((f"next: t{tactic_id} ", ""), *due_phrase(plan.tactics[tactic_id], day))


@planner.command(epilog="""\b
Examples:
  planner due t4 fri
  planner due t4 "in 2 weeks"
  planner due t4 none        (no deadline)""")
@click.argument("tactic", metavar="T")
@click.argument("new", metavar="WHEN")
@pass_context
def due(context: Context, tactic: str, new: str) -> None:
    """Reschedule a tactic (WHEN `none` removes the deadline).

    Prints its id; on a terminal, with the deadline as read."""
    with answering():
        tactic_id = context.store.plan.find_tactic(tactic).id
        new_due = when(context, new, clear_ok=True)
        actions.reschedule(context.store, [tactic_id], new_due, journal=True)
    tell(f"t{tactic_id}", due_phrase(context.store.plan.tactics[tactic_id], context.day))


@planner.command(epilog="""\b
Examples:
  planner today
  planner today --owner me          your own work (owner in the settings)
  planner today --tag launch --json | jq '.[].title'""")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead.")
@filter_options
@pass_context
def today(context: Context, as_json: bool, asked: Asked) -> None:
    """The agenda: overdue, due today, in progress, due soon, and key results not measured for a week.

    Soon is the next 7 days, or soon_days in the settings (`planner settings`).
    """
    plan, day = context.store.plan, context.day
    now = day.now
    chosen = selection(context, asked)
    groups = [(name, kept(ids, chosen)) for name, ids in agenda_ids(plan, day)]
    unmeasured = [reading(plan, key_result) for key_result in stale(plan, now.date())
                  if chosen is None or key_result.strategy in chosen.matched]
    if as_json:
        records = TacticRecords(plan, day)
        print_json([{**records.record(tactic_id), "group": name} for name, ids in groups for tactic_id in ids]
                   + [{**key_result_record(plan, found, now), "group": STALE_GROUP} for found in unmeasured])
        return
    screen = Screen()
    if not any(ids for _, ids in groups) and not unmeasured:
        screen.say(("Nothing due, nothing overdue, nothing in progress" + (" that matches" if chosen else "")
                    + ". A calm day.", "green"))
        return
    screen.say((f"{now.strftime('%A')} {now.day} {now.strftime('%B %Y')}", "bold"))
    rows = agenda_rows(plan, groups, day)
    if unmeasured:
        rows.append(Heading(STALE_TITLE))
        rows.extend(key_result_row(found, aside=visible(plan.strategies[found.key_result.strategy].title))
                    for found in unmeasured)
    print_rows(screen, rows)


@planner.command("list", epilog="""\b
Examples:
  planner list
  planner list --owner ana --status open
  planner list --strategy s2 --deep --due-before eom
  planner list --view launch --json""")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (strategies and tactics).")
@filter_options
@pass_context
def list_plan(context: Context, as_json: bool, asked: Asked) -> None:
    """The whole plan as a tree, with progress, horizons and deadlines.

    With filters: the tactics they select under their strategies (and the
    strategies they select); progress stays the strategy's own."""
    plan, day = context.store.plan, context.day
    chosen = selection(context, asked)
    if as_json:
        rows, rollup, own, tactics = [], plan.rollup(), tactic_ids_in_order(plan), TacticRecords(plan, day)
        progress = standings(plan, rollup)
        for strategy, depth in tree_walk(plan, chosen):
            rows.append(strategy_record(plan, strategy, day, rollup.progress(strategy.id), depth, tactics.labels,
                                        progress[strategy.id]))
            rows.extend(tactics.record(tactic_id) for tactic_id in kept(own.get(strategy.id, ()), chosen))
        print_json(rows)
        return
    if not plan.strategies:
        Screen().say(('No strategies yet. Add one: planner strategy add "Your long-term goal" --by 5y', ""))
        return
    rows = plan_rows(plan, day, chosen)
    if not rows:
        Screen().say(("Nothing matches.", ""))
        return
    print_rows(Screen(), rows)


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
    """Add the three example plans (a student, a founder, a company), with a few weeks' past."""
    with answering():
        change = add_demo(context.store, journal=True)
    added = {table: sum(op.table == table for op in change.forward)
             for table in ("strategies", "tactics", "keyresults")}
    Screen().say((f"Added {added['strategies']} strategies with {added['keyresults']} key results and "
                  f"{added['tactics']} tactics. See them with `planner list` and `planner report --strategic`; "
                  "`planner undo` takes them back.", ""))
