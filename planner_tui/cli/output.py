"""How the CLI prints plans: Rich renderables built from `Text`, never markup.

A title such as `[bold]x[/]` is a person's words, so every piece of user text
goes into `rich.text.Text` as plain text (`literal`), with its control
characters as visible escapes (`user_text.visible`); styles are applied
around it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pendulum
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planner_tui.core.dates import Urgency, When, describe, short_date, time_left, urgency
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.plan import Plan, Progress
from planner_tui.core.records import tree_walk
from planner_tui.core.user_text import json_safe, visible

URGENCY_STYLE = {Urgency.OVERDUE: "bold red", Urgency.TODAY: "bold yellow",
                 Urgency.SOON: "yellow", Urgency.LATER: "", Urgency.NONE: "dim"}
STATUS_MARK = {TacticStatus.TODO: "[ ]", TacticStatus.DOING: "[~]",
               TacticStatus.DONE: "[x]", TacticStatus.DROPPED: "[-]"}


def console() -> Console:
    """A console on the current stdout (80 columns when it is not a terminal)."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def literal(text: str, style: str = "", lines: bool = False) -> Text:
    """User text as typed, never markup, never a terminal command (``lines``
    keeps its newlines)."""
    return Text(visible(text, lines), style=style)


def progress_bar(progress: Progress, cells: int = 5) -> Text:
    filled = round(progress.ratio * cells)
    bar = Text("▰" * filled, style="green") + Text("▱" * (cells - filled), style="dim")
    return bar + Text(f" {progress.cookie}")


def deadline(when: When | None, now: pendulum.DateTime) -> Text:
    """An open deadline as people say it (`in 3 days`, `2 days overdue`), coloured by urgency."""
    return Text(describe(when, now) if when else "", style=URGENCY_STYLE[urgency(when, now)])


def tactic_deadline(tactic: Tactic, now: pendulum.DateTime) -> Text:
    """A tactic's deadline; once done or dropped it reads `due Wed 25 Nov`, dimmed,
    as in the app: "2 days overdue" would raise an alarm that no longer applies."""
    if tactic.due is not None and not tactic.status.is_open:
        return Text(f"due {short_date(tactic.due, now)}", style="dim")
    return deadline(tactic.due, now)


def due_phrase(tactic: Tactic, now: pendulum.DateTime) -> Text:
    """`due in 3 days`, `due Wed 25 Nov` (closed), `has no deadline now`, after a change."""
    if tactic.due is None:
        return Text("has no deadline now")
    if not tactic.status.is_open:
        return tactic_deadline(tactic, now)  # already `due Wed 25 Nov`
    return Text("due ") + deadline(tactic.due, now)


def tactic_text(tactic: Tactic) -> Text:
    """`[ ] Title`, dimmed when done or dropped."""
    closed = not tactic.status.is_open
    return Text(STATUS_MARK[tactic.status] + " ", style="cyan") + literal(tactic.title, "dim" if closed else "")


def strategy_text(strategy: Strategy, plan: Plan) -> Text:
    """The title, with ✓ when achieved, dim when dropped, and a mark when it is only a wish."""
    style = {StrategyStatus.ACTIVE: "bold", StrategyStatus.ACHIEVED: "green",
             StrategyStatus.DROPPED: "dim strike"}[strategy.status]
    line = literal(strategy.title, style)
    if strategy.status is StrategyStatus.ACHIEVED:
        line.append(" ✓", style="green")
    if plan.is_wish(strategy.id):
        line.append(" · no open tactic", style="italic magenta")
    return line


def strategy_meta(strategy: Strategy, plan: Plan, now: pendulum.DateTime) -> Text:
    meta = progress_bar(plan.progress(strategy.id))
    if strategy.horizon:
        meta.append(f"  by {strategy.horizon.format('MMM YYYY')} · {time_left(strategy.horizon, now)}",
                    style="dim")
    return meta


def key(item: Strategy | Tactic) -> Text:
    return Text(item.key, style="dim")


def grid(*middle: dict) -> Table:
    """An id column, text that may wrap, optional middle columns, and facts on the right."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(overflow="fold", ratio=1, min_width=16)
    for options in middle:
        table.add_column(**options)
    table.add_column(no_wrap=True, justify="right")
    return table


class Indented:
    """Text indented by depth, the indent kept on wrapped lines too; never more
    than half the column, so a deep tree still shows its titles."""

    def __init__(self, text: Text, depth: int) -> None:
        self.text, self.depth = text, depth

    def _padded(self, width: int) -> Padding:
        return Padding(self.text, (0, 0, 0, min(2 * self.depth, width // 2)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._padded(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._padded(options.max_width))


def plan_table(plan: Plan, now: pendulum.DateTime) -> Table:
    """The whole plan: strategies indented by depth, each followed by its tactics."""
    table = grid()
    for strategy, depth in tree_walk(plan):
        table.add_row(key(strategy), Indented(strategy_text(strategy, plan), depth),
                      strategy_meta(strategy, plan, now))
        for tactic in plan.tactics_of(strategy.id):
            table.add_row(key(tactic), Indented(tactic_text(tactic), depth + 1), tactic_deadline(tactic, now))
    return table


AGENDA_TITLES = {"overdue": "Overdue", "today": "Due today", "doing": "In progress",
                 "upcoming": "Next 7 days"}


def agenda_table(plan: Plan, groups: list[tuple[str, list[Tactic]]], now: pendulum.DateTime) -> Table:
    """Each non-empty group under a heading: id, tactic, its strategy, deadline."""
    table = grid({"max_width": 24, "overflow": "ellipsis", "no_wrap": True, "style": "dim italic"})
    for name, tactics in groups:
        if not tactics:
            continue
        table.add_row(Text(""), Text(AGENDA_TITLES[name], style="bold underline"), Text(""), Text(""))
        for tactic in tactics:
            strategy = plan.strategies.get(tactic.strategy)
            table.add_row(key(tactic), tactic_text(tactic), literal(strategy.title if strategy else ""),
                          tactic_deadline(tactic, now))
    return table
