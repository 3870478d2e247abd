"""What the CLI prints about a plan: rows for the listings, messages, JSON.

A title such as `[bold]x[/]` is a person's words: it goes into a row or a
message as a piece of plain text, with a style beside it, never parsed.
How they reach the screen (fitted to a terminal, plain in a pipe) is
cli/screen.py's and cli/listing.py's business.
"""

from __future__ import annotations

import sys
from typing import Any

import orjson
import pendulum

from planner_tui.cli.listing import Heading, Line, Row
from planner_tui.cli.screen import Piece, write
from planner_tui.core.checkin import group_title
from planner_tui.core.dates import Urgency, When, describe, local_date, short_date, time_left, urgency
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.plan import Plan, Progress

URGENCY_STYLE = {Urgency.OVERDUE: "bold red", Urgency.TODAY: "bold yellow",
                 Urgency.SOON: "yellow", Urgency.LATER: "", Urgency.NONE: "dim"}
STATUS_MARK = {TacticStatus.TODO: "[ ] ", TacticStatus.DOING: "[~] ",
               TacticStatus.DONE: "[x] ", TacticStatus.DROPPED: "[-] "}
STRATEGY_STYLE = {StrategyStatus.ACTIVE: "bold", StrategyStatus.ACHIEVED: "green",
                  StrategyStatus.DROPPED: "dim strike"}


def print_json(data: Any) -> None:
    """Indented JSON, UTF-8 as is (orjson: a 10k-tactic listing in milliseconds)."""
    write(sys.stdout, orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


# -- pieces of a row -----------------------------------------------------------------


def progress_pieces(progress: Progress, cells: int = 5) -> tuple[Piece, ...]:
    filled = round(progress.ratio * cells)
    return ("▰" * filled, "green"), ("▱" * (cells - filled), "dim"), (f" {progress.cookie}", "")


def deadline_piece(when: When | None, now: pendulum.DateTime) -> Piece:
    """An open deadline as people say it (`in 3 days`, `2 days overdue`), coloured by urgency."""
    return (describe(when, now) if when else "", URGENCY_STYLE[urgency(when, now)])


def tactic_deadline_piece(tactic: Tactic, now: pendulum.DateTime) -> Piece:
    """A tactic's deadline; once done or dropped it reads `due Wed 25 Nov`, dimmed,
    as in the app: "2 days overdue" would raise an alarm that no longer applies."""
    if tactic.due is not None and not tactic.status.is_open:
        return (f"due {short_date(tactic.due, now)}", "dim")
    return deadline_piece(tactic.due, now)


def tactic_row(tactic: Tactic, now: pendulum.DateTime, depth: int = 0, aside: str = "") -> Row:
    """`[ ] Title` and its deadline; the title dimmed when done or dropped."""
    return Row(tactic.key, ((tactic.title, "" if tactic.status.is_open else "dim"),),
               (tactic_deadline_piece(tactic, now),), aside, depth, (STATUS_MARK[tactic.status], "cyan"))


def strategy_pieces(strategy: Strategy, plan: Plan) -> tuple[Piece, ...]:
    """The title, with ✓ when achieved, dim when dropped, and a mark when it is only a wish."""
    pieces = [(strategy.title, STRATEGY_STYLE[strategy.status])]
    if strategy.status is StrategyStatus.ACHIEVED:
        pieces.append((" ✓", "green"))
    if plan.is_wish(strategy.id):
        pieces.append((" · no open tactic", "italic magenta"))
    return tuple(pieces)


def strategy_facts(strategy: Strategy, plan: Plan, now: pendulum.DateTime) -> tuple[Piece, ...]:
    facts = progress_pieces(plan.progress(strategy.id))
    if strategy.horizon:
        facts += ((f"  by {strategy.horizon.format('MMM YYYY')} · {time_left(strategy.horizon, now)}", "dim"),)
    return facts


# -- the listings --------------------------------------------------------------------


def plan_rows(plan: Plan, now: pendulum.DateTime) -> list[Line]:
    """The whole plan: strategies indented by depth, each followed by its tactics."""
    rows: list[Line] = []

    def add(strategy: Strategy, depth: int) -> None:
        rows.append(Row(strategy.key, strategy_pieces(strategy, plan), strategy_facts(strategy, plan, now),
                        depth=depth))
        rows.extend(tactic_row(tactic, now, depth + 1) for tactic in plan.tactics_of(strategy.id))
        for child in plan.children(strategy.id):
            add(child, depth + 1)

    for root in plan.roots():
        add(root, 0)
    return rows


def agenda_rows(plan: Plan, groups: list[tuple[str, list[Tactic]]], now: pendulum.DateTime,
                soon_days: int) -> list[Line]:
    """Each non-empty group under its heading (as the check-in names it): id, tactic,
    its strategy, deadline."""
    rows: list[Line] = []
    for name, tactics in groups:
        if tactics:
            rows.append(Heading(group_title(name, soon_days)))
        for tactic in tactics:
            strategy = plan.strategies.get(tactic.strategy)
            rows.append(tactic_row(tactic, now, aside=strategy.title if strategy else ""))
    return rows


# -- messages ------------------------------------------------------------------------


def as_read(when: When, now: pendulum.DateTime) -> Piece:
    """A deadline as the command line read it: `Fri 4 Dec 17:00 (in 6 days)`."""
    relative = describe(local_date(when, now), now)  # the clock is said once, before it
    return f"{short_date(when, now, clock=True)} ({relative})", URGENCY_STYLE[urgency(when, now)]


def due_phrase(tactic: Tactic, now: pendulum.DateTime) -> tuple[Piece, ...]:
    """`due Fri 4 Dec 17:00 (in 6 days)`, `due Wed 25 Nov` (closed), `has no deadline now`."""
    if tactic.due is None:
        return (("has no deadline now", ""),)
    if not tactic.status.is_open:
        return (tactic_deadline_piece(tactic, now),)  # `due Wed 25 Nov`: no alarm any more
    return ("due ", ""), as_read(tactic.due, now)
