"""`planner away`: days the check-in streak steps over (core/away.py keeps them in the plan)."""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.output import print_json
from planner_tui.cli.screen import Screen
from planner_tui.cli.typed import tell
from planner_tui.core import away as aways
from planner_tui.core.user_text import visible


@planner.command(epilog="""\b
Examples:
  planner away 2026-12-20..2027-01-03 --note Holidays
  planner away fri..+1w
  planner away tomorrow            one day
  planner away                     every time away
  planner away --cancel a2
\b
Days away neither break nor extend the check-in streak, like the rest days
of the settings (rest_days = ["sat", "sun"]). A check-in on one still counts
in the history.""")
@click.argument("days", metavar="[FROM..TO]", required=False)
@click.option("--note", default="", help="Why (a holiday, a week ill).")
@click.option("--cancel", metavar="A", help="Take a time away out again (its id: a2).")
@click.option("--json", "as_json", is_flag=True, help="Print the times away as JSON.")
@pass_context
def away(context: Context, days: str | None, note: str, cancel: str | None, as_json: bool) -> None:
    """Add time away (prints its id), cancel one, or list them."""
    store = context.store
    if days is not None and cancel is not None:
        raise BadInput("Give days to add, or --cancel A: not both.")
    if days is not None:
        with answering():
            start, end = aways.parse_range(days, context.now, context.day.week_start)
            change = aways.add_away(store, start, end, note, journal=True)
        tell(f"a{change.new_ids[0]}", ((f"{start.isoformat()}..{end.isoformat()}", ""),))
        return
    if cancel is not None:
        with answering():
            found = aways.find_away(store.plan, cancel)
            aways.cancel_away(store, found.id, journal=True)
        tell(found.key, ())
        return
    listed = aways.listing(store.plan)
    if as_json:
        print_json([{"id": a.key, "start": a.start.isoformat(), "end": a.end.isoformat(), "note": a.note}
                    for a in listed])
        return
    screen = Screen()
    if not listed:
        screen.say(("No time away. Add some: planner away 2026-12-20..2027-01-03", ""))
    for a in listed:
        screen.say((f"{a.key} {a.start.isoformat()}..{a.end.isoformat()}", ""), *(((f"  {visible(a.note)}", "dim"),)
                                                                                   if a.note else ()))
