"""`planner kr`: key results, the measures of a strategy's outcome.

Thin over core: amounts are read by core/amounts.py, days by core/dates.py,
changes made by core/keyresult_actions.py (each one journaled: `planner undo`
takes it back). In a pipe a command prints the key result's id alone; on a
terminal, what it understood (`k3 ARR from $400k to $5M, since Mon 1 Jun`).
"""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.listing import print_rows
from planner_tui.cli.output import key_result_row, print_json
from planner_tui.cli.typed import tell, when as typed_when
from planner_tui.cli.rows import Heading, Line
from planner_tui.cli.screen import Piece, Screen
from planner_tui.core import keyresult_actions as kr_actions
from planner_tui.core.amounts import Amount, parse_amount, shown
from planner_tui.core.dates import as_day, relative_day, short_date
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.records import key_result_record
from planner_tui.core.keyresults import check_unit, reading, readings, values_of
from planner_tui.core.model import KeyResult
from planner_tui.core.outcome_pace import key_result_pace
from planner_tui.core.pace import VERDICT_WORDS
from planner_tui.core.user_text import visible

NEGATIVE_OK = {"ignore_unknown_options": True}  # `planner kr set k3 -2`: a negative value, not an option


@planner.group("kr", epilog="""\b
Examples:
  planner kr add "grow revenue" ARR --from 400k --to 5M --unit '$'
  planner kr add s4 Churn --from 8% --to 3%      (counts down)
  planner kr set k1 1.2M --note "first enterprise deal"
  planner kr list""")
def kr() -> None:
    """Key results: measure a strategy's outcome (progress from start to target)."""


def _amount(text: str, what: str) -> Amount:
    """`parse_amount`, its message saying which value it was."""
    try:
        return parse_amount(text)
    except InputError as error:
        raise InputError(f"{what}: {error}") from None


def _unit(unit: str | None, *amounts: Amount) -> str:
    """The unit given, else the one the amounts were written with (`8%`, `$400k`);
    amounts written with different ones are refused."""
    said = {amount.unit for amount in amounts if amount.unit}
    if len(said) > 1:
        raise BadInput(f"The amounts are in different units ({', '.join(sorted(said))}): give one --unit.")
    return unit if unit is not None else next(iter(said), "")


@kr.command("add", context_settings=NEGATIVE_OK, epilog="""\b
Examples:
  planner kr add s2 ARR --from 400k --to 5M --unit '$'
  planner kr add s4 Churn --from 8% --to 3% --since 2026-09-01
  planner kr add "good job" "Interviews had" --from 0 --to 10""")
@click.argument("strategy", metavar="S")
@click.argument("title", metavar="NAME")
@click.option("--from", "start", required=True, metavar="X", help="The value it starts from: 3, 45k, 1.2M, 8%.")
@click.option("--to", "target", required=True, metavar="Y", help="The target (lower than X counts down).")
@click.option("--unit", default=None, metavar="U", help="What it counts: $, %, applications (default: from X, Y).")
@click.option("--since", metavar="WHEN", help="The day its line starts (default: today).")
@pass_context
def kr_add(context: Context, strategy: str, title: str, start: str, target: str, unit: str | None,
           since: str | None) -> None:
    """Add a key result to a strategy; prints its new id."""
    with answering():
        strategy_id = context.store.plan.find_strategy(strategy).id
        first, last = _amount(start, "--from"), _amount(target, "--to")
        when = typed_when(context, since)
        change = kr_actions.add_key_result(context.store, strategy_id, title, first.value, last.value,
                                           _unit(unit, first, last), since=when, journal=True)
    key_result = context.store.plan.keyresults[change.new_ids[0]]
    tell(key_result.key, _understood(key_result, context))


def _understood(key_result: KeyResult, context: Context) -> tuple[Piece, ...]:
    """`ARR from $400k to $5M, since Mon 1 Jun`."""
    unit = key_result.unit
    since = short_date(key_result.start_date, context.now) if key_result.start_date else "today"
    return ((visible(key_result.title), "bold"),
            (f" from {shown(key_result.start, unit)} to {shown(key_result.target, unit)}, since {since}", ""))


@kr.command("set", context_settings=NEGATIVE_OK, epilog="""\b
Examples:
  planner kr set k1 1.2M
  planner kr set k3 4.5% --on "last fri" --note "after the price change"
  planner undo          takes it back""")
@click.argument("key_result", metavar="K")
@click.argument("value", metavar="VALUE")
@click.option("--on", "on", metavar="WHEN", help="The day it was measured (default: today; not one to come).")
@click.option("--note", default="", help="A line about it.")
@pass_context
def kr_set(context: Context, key_result: str, value: str, on: str | None, note: str) -> None:
    """Record a key result's value; prints its id."""
    with answering():
        found = context.store.plan.find_key_result(key_result)
        amount = _amount(value, "VALUE")
        check_unit(found, amount)
        when = typed_when(context, on)
        kr_actions.record_value(context.store, found.id, amount.value, on=when, note=note, journal=True)
    key_result = context.store.plan.keyresults[found.id]
    tell(found.key, ((visible(key_result.title), "bold"), (" ", ""), *_standing(key_result, context)))


def _standing(key_result: KeyResult, context: Context) -> tuple[Piece, ...]:
    """`now $1.2M (17% of the way) · behind its line`."""
    plan, now = context.store.plan, context.now
    found = reading(plan, key_result)
    pace = key_result_pace(found, plan.strategies[key_result.strategy], now)
    return ((f"now {shown(found.value, key_result.unit)} ({round(found.progress * 100)}% of the way) · ", ""),
            (VERDICT_WORDS[pace.verdict], "green" if pace.verdict in ("on-pace", "complete") else "yellow"))


@kr.command("list", epilog="""\b
Examples:
  planner kr list
  planner kr list "grow revenue"
  planner kr list --json | jq '.[] | {id, value, progress}'""")
@click.argument("strategy", required=False, metavar="[S]")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, with each one's values.")
@pass_context
def kr_list(context: Context, strategy: str | None, as_json: bool) -> None:
    """Key results with their latest value and progress (of S and the strategies under it)."""
    plan, now = context.store.plan, context.now
    with answering():
        ids = (plan.descendants(plan.find_strategy(strategy).id) if strategy is not None
               else [sid for root in plan.roots() for sid in plan.descendants(root.id)])
    if as_json:
        print_json([key_result_record(plan, found, now, values=True) for sid in ids for found in readings(plan, sid)])
        return
    rows: list[Line] = []
    for sid in ids:
        found = readings(plan, sid)
        if found:
            rows.append(Heading(f"{plan.strategies[sid].key} {visible(plan.strategies[sid].title)}"))
            rows.extend(key_result_row(one) for one in found)
    if not rows:
        Screen().say(("No key results yet. Add one: planner kr add S NAME --from X --to Y", ""))
        return
    print_rows(Screen(), rows)


@kr.command("show", epilog="\b\nExample:\n  planner kr show k1")
@click.argument("key_result", metavar="K")
@pass_context
def kr_show(context: Context, key_result: str) -> None:
    """A key result's line and every value recorded, oldest first."""
    plan, now, screen = context.store.plan, context.now, Screen()
    with answering():
        found = plan.find_key_result(key_result)
    screen.say((f"{found.key} ", "dim"), *_understood(found, context))
    screen.say(("  ", ""), *_standing(found, context))
    for value in values_of(plan, found.id):
        note = f"  {visible(value.note)}" if value.note else ""
        screen.say((f"  {short_date(value.date, now)} ({relative_day(value.date, now)})  ", "dim"),
                   (shown(value.value, found.unit), "bold"), (note, ""))


@kr.command("edit", context_settings=NEGATIVE_OK, epilog="""\b
Examples:
  planner kr edit k1 --to 6M
  planner kr edit k3 --name "Monthly churn" --since 2026-10-01""")
@click.argument("key_result", metavar="K")
@click.option("--name", "title", default=None, help="A new name.")
@click.option("--from", "start", default=None, metavar="X", help="A new start value.")
@click.option("--to", "target", default=None, metavar="Y", help="A new target.")
@click.option("--unit", default=None, metavar="U", help="A new unit ('' for none).")
@click.option("--since", default=None, metavar="WHEN", help="A new start day.")
@pass_context
def kr_edit(context: Context, key_result: str, title: str | None, start: str | None, target: str | None,
            unit: str | None, since: str | None) -> None:
    """Change a key result's name, start, target, unit or start day; prints its id."""
    with answering():
        found = context.store.plan.find_key_result(key_result)
        fields = {"title": title, "unit": unit,
                  "start": _amount(start, "--from").value if start is not None else None,
                  "target": _amount(target, "--to").value if target is not None else None,
                  "start_date": as_day(typed_when(context, since), context.now) if since is not None else None}
        wanted = {name: value for name, value in fields.items() if value is not None}
        if not wanted:
            raise BadInput("Nothing to change: give --name, --from, --to, --unit or --since.")
        kr_actions.edit_key_result(context.store, found.id, journal=True, **wanted)
    tell(found.key, _understood(context.store.plan.keyresults[found.id], context))


@kr.command("rm", epilog="\b\nExample:\n  planner kr rm k3       (planner undo brings it back, values and all)")
@click.argument("key_result", metavar="K")
@pass_context
def kr_rm(context: Context, key_result: str) -> None:
    """Delete a key result and its values."""
    with answering():
        found = context.store.plan.find_key_result(key_result)
        kr_actions.delete_key_result(context.store, found.id, journal=True)
    Screen().say((f"Deleted {found.key} ", ""), (visible(found.title), ""),
                 (" and its values. `planner undo` brings them back.", ""))
