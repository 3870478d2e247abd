"""`planner report`: a digest of a period, strategic (for whoever steers) or tactical (for
whoever does the work). core/digest.py gathers it, core/exchange/digest_formats.py
writes it; this only reads the options and prints."""

from __future__ import annotations

import click

from planner_tui.cli.group import BadInput, Context, answering, pass_context, planner
from planner_tui.cli.output import print_json
from planner_tui.cli.screen import Screen
from planner_tui.core import digest
from planner_tui.core.exchange.digest_formats import FORMATS, render

@planner.command("report", epilog="""\b
Examples:
  planner report --strategic                the last 4 weeks, to steer by
  planner report --tactical                 the last week, of the work
  planner report --tactical --period month  this month so far
  planner report --strategic --since 2026-10-01 --format markdown > d.md
  planner report --tactical --format json | jq '.slipping'""")
@click.option("--strategic", "kind", flag_value="strategic",
              help="Per strategy: progress then and now, key results, pace, last review, time to its horizon.")
@click.option("--tactical", "kind", flag_value="tactical",
              help="Per strategy: done, pushed, dropped, overdue, next week's; what keeps slipping; notes.")
@click.option("--since", metavar="WHEN",
              help="How far back: 4w, 30d, 3m, 1y or a date (default: 4w strategic, 1w tactical).")
@click.option("--period", type=click.Choice(digest.PERIODS), help="This week, month or quarter so far instead.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", help="text (default), markdown or json.")
@pass_context
def report(context: Context, kind: str | None, since: str | None, period: str | None, fmt: str) -> None:
    """A digest of a period: --strategic or --tactical."""
    if kind is None:
        raise BadInput("Say which digest: --strategic (strategies, key results, pace) or --tactical (the work).")
    if since is not None and period is not None:
        raise BadInput("Give --since or --period, not both.")
    day = context.day
    now = day.now
    with answering():
        span = (digest.period_named(period, now, day.week_start) if period is not None
                else digest.period_since(since or digest.DEFAULT_SINCE[kind], now))
    gathered = digest.gather(context.store.plan, kind, span, now)
    written = render(gathered, fmt, now)
    if fmt == "json":
        print_json(written)
    else:
        Screen().write_lines(written.rstrip("\n").split("\n"))
