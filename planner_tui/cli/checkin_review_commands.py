"""Sub-commands for the two routines: the daily check-in (and its streak and
history) and the periodic strategy review.

`planner checkin` and `planner review` open the app straight into their screen
(and print the summary when it closes); with decisions given as options
(`--done t4`, `--health at-risk`) they write them without the app
(cli/decisions.py). `planner streak` and `planner review --due` only read the
file, so they are fast enough for a shell prompt.
"""

from __future__ import annotations

import click

from planner_tui.cli import decisions, launch
from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.listing import print_rows
from planner_tui.cli.output import print_json
from planner_tui.cli.rows import Row
from planner_tui.cli.screen import Screen
from planner_tui.core import history_text
from planner_tui.core.checkin import day_notes, heat_map, streak_status, streak_words, tally
from planner_tui.core.model import Health
from planner_tui.core.review import due_for_review, health_words, latest_reviews, next_review
from planner_tui.core.user_text import visible

HEALTH_STYLE = {"on-track": "green", "at-risk": "yellow", "off-track": "red"}


def open_screen(context: Context, start: str, strategies: list[int] | None = None) -> int:
    """Run the app straight into the check-in, its history or the review (cli/launch.py:
    it refuses without a terminal); it prints what the screen summed up."""
    return launch.run_app(context.store, start, strategies)


@planner.command(epilog="""\b
Keys: x done · i start · p push to tomorrow · r reschedule · X drop · s skip
      enter finish (with a note for the day) · h history · esc leave
Each decision is saved at once. A repeating tactic (↻1w) done here comes back
with its deadline one step after the old one (moved past today if the series
fell behind); dropping it ends the series.
\b
Without the app (a script, a phone over ssh):
  planner checkin --done t4 --done t7 --push t9 --note "Good day"
  planner checkin --reschedule t3=fri --drop t5
  planner checkin --finish               a calm day: nothing decided
  planner checkin --date yesterday --done t4     forgot last night
The same decisions, in the same records, as the app's check-in; applied
in the order done, start, push, reschedule, drop, skip. `planner undo`
takes it all back.""")
@click.option("--history", is_flag=True,
              help="The history instead (heat map and notes): a screen, or text without a terminal.")
@click.option("--text", is_flag=True, help="With --history: print it as text, on a terminal too.")
@click.option("--done", metavar="T", multiple=True, help="Mark done (again for more, or t1,t2).")
@click.option("--start", metavar="T", multiple=True, help="Start (in progress).")
@click.option("--push", metavar="T", multiple=True, help="Push to tomorrow (a day later than its deadline).")
@click.option("--reschedule", metavar="T=WHEN", multiple=True, help="A new deadline: t4=fri, t4=none.")
@click.option("--drop", metavar="T", multiple=True, help="Drop (ends a repeating series).")
@click.option("--skip", metavar="T", multiple=True, help="Leave as it is, but decided.")
@click.option("--note", metavar="TEXT", help="The note for the day.")
@click.option("--date", "on", metavar="DAY", help="The day to check in for: yesterday, 2026-11-27 (default: today).")
@click.option("--finish", is_flag=True, help="Check in without deciding anything (a calm day counts).")
@click.option("--json", "as_json", is_flag=True, help="Without the app: print the day's record as JSON.")
@pass_context
def checkin(context: Context, history: bool, text: bool, as_json: bool, **options) -> None:
    """The daily check-in: decide about each tactic due, note the day."""
    decided = decisions.Decided(**options)
    if text and not history:
        raise BadInput("--text goes with --history (the check-in itself is a screen).")
    if history and decided:
        raise BadInput("--history shows the check-ins; the decisions go without it.")
    if decided:
        decisions.check_in(context, decided, as_json)
        return
    if as_json:
        raise BadInput("--json goes with the decisions (--done, --note, --finish ...): the check-in itself is a screen.")
    if history and (text or launch.without_terminal()):
        print_history(context)
        return
    click.get_current_context().exit(open_screen(context, "history" if history else "checkin"))


HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")  # by level, as the map's plain colours


def print_history(context: Context) -> None:
    """What the history screen shows, as text: the heat map, its numbers, every day's note."""
    plan, day, screen = context.store.plan, context.day, Screen()
    rest = day.rest_weekdays
    heat = heat_map(plan, day)
    screen.say((f"{history_text.TITLE} · {streak_words(plan.streak(day.checkin_day, rest))}", "bold"))
    screen.say((history_text.month_row(heat), "dim"))
    for weekday in range(7):
        days = [week[weekday] for week in heat.weeks]
        screen.say((history_text.day_label(weekday), "dim"),
                   *((history_text.mark(day), HEAT_STYLES[day.level] if day.done or day.checked_in else "dim")
                     for day in days))
    scale = (" " * history_text.LABEL_WIDTH + "less ", "dim"), *(("■ ", style) for style in HEAT_STYLES)
    screen.say(*(scale + (("more   ", "dim"),) if screen.colours else ()), (history_text.key(heat), "dim"))
    screen.say((history_text.numbers(plan, heat, rest), "dim"))
    screen.say(("", ""))
    records = day_notes(plan)
    screen.say((history_text.NOTES if records else history_text.NO_CHECKINS, "bold" if records else "dim"))
    for record in records:
        screen.say((history_text.day_heading(record), "bold"), ("  " + tally(record), "dim"))
        if record.note:  # one line: the check-in keeps a note's words, not its line breaks
            screen.say(("  " + visible(record.note), ""))


@planner.command(epilog="""\b
Examples:
  planner streak               6-day streak · checked in today
  planner streak --short       6✓   (6· when today's check-in is not done)
  planner streak --json""")
@click.option("--short", is_flag=True, help="Just the number and ✓ or · (for a prompt).")
@click.option("--json", "as_json", is_flag=True, help="Print {streak, today} as JSON.")
@pass_context
def streak(context: Context, short: bool, as_json: bool) -> None:
    """The check-in streak and whether today's check-in is done.

    Rest days (rest_days in the settings) and time away (`planner away`) neither
    break nor extend it; until day_starts_at, today is still the day before."""
    status = streak_status(context.store.plan, context.day)
    if as_json:
        print_json({"streak": status.days, "today": status.today})
    elif short:
        click.echo(f"{status.days}{'✓' if status.today else '·'}")
    else:
        click.echo(status.text)


@planner.command(epilog="""\b
Examples:
  planner review             review every strategy that is due, one by one
  planner review s3          review one strategy now
  planner review s3 --health at-risk --note "Hiring is slow"
  planner review --due       list the strategies due for review
  planner review --due --json""")
@click.argument("strategies", nargs=-1, metavar="[S]...")
@click.option("--due", "list_due", is_flag=True, help="List the strategies due for review and exit.")
@click.option("--health", metavar="HEALTH", help="Record the review without the app: on-track, at-risk, off-track.")
@click.option("--note", metavar="TEXT", help="With --health: the review's note.")
@click.option("--json", "as_json", is_flag=True, help="With --due or --health: print JSON.")
@pass_context
def review(context: Context, strategies: tuple[str, ...], list_due: bool, health: str | None,
           note: str | None, as_json: bool) -> None:
    """Review strategies: progress, pace, and a health (on track / at risk / off track)."""
    if note is not None and health is None:
        raise BadInput("--note goes with --health (a review records a health; the note is beside it).")
    if health is not None and (list_due or not strategies):
        raise BadInput("--health goes with the strategies it is for: planner review s3 --health at-risk.")
    if as_json and not (list_due or health):
        raise BadInput("--json goes with --due or --health (the review itself is a screen).")
    if list_due:
        _print_due(context, as_json)
        return
    with answering():
        ids = [context.store.plan.find_strategy(text).id for text in strategies] or None
    if health is not None:
        decisions.review(context, ids, health, note, as_json)
        return
    click.get_current_context().exit(open_screen(context, "review", ids))


def _print_due(context: Context, as_json: bool) -> None:
    plan, now = context.store.plan, context.now
    latest = latest_reviews(plan)
    rows = []
    for strategy in due_for_review(plan, now):
        last = latest.get(strategy.id)
        since = next_review(strategy, last, now)
        rows.append({"id": strategy.key, "title": strategy.title,
                     "last_review": last.date.isoformat() if last else None,
                     "health": last.health.value if last else None,
                     "due_since": since.isoformat() if since else None,
                     "review_every": strategy.review_every})
    if as_json:
        print_json(rows)
    elif not rows:
        Screen().say(("No strategy is due for review.", "green"))
    else:
        print_rows(Screen(), [_due_row(row) for row in rows])


def _due_row(row: dict) -> Row:
    """`s3  Get fit  at risk, 2026-11-02` (or `never reviewed`)."""
    last = ((f"{health_words_of(row['health'])}, {row['last_review']}", HEALTH_STYLE.get(row["health"], ""))
            if row["last_review"] else ("never reviewed", "dim"))
    return Row(row["id"], ((visible(row["title"]), ""),), (last,))


def health_words_of(value: str | None) -> str:
    return health_words(Health(value) if value else None)
