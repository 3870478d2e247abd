"""What the CLI prints about a plan: rows for the listings, messages, JSON.

A title such as `[bold]x[/]` is a person's words: it goes into a row or a
message as a piece of plain text, with a style beside it, never parsed, and
with its control characters as visible escapes (`user_text.visible`).
How they reach the screen (fitted to a terminal, plain in a pipe) is
cli/screen.py's and cli/listing.py's business.
"""

from __future__ import annotations

import sys
from typing import Any

import orjson
import pendulum

from planner_tui.cli.rows import Heading, Line, Row
from planner_tui.cli.screen import Piece, write
from planner_tui.core.amounts import SYMBOLS, shown
from planner_tui.core.checkin import group_title
from planner_tui.core.day import Day
from planner_tui.core.dates import Urgency, When, describe, from_iso, local_date, short_date, time_left, urgency
from planner_tui.core.exchange.records import tree_walk
from planner_tui.core.filters import Selection, kept
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.keyresults import Reading, readings
from planner_tui.core.outcomes import StrategyProgress, standings
from planner_tui.core.plan import Plan, due_order_reader
from planner_tui.core.user_text import json_safe, visible
from planner_tui.core.rollup import Rollup
from planner_tui.core.views import OPEN_STATUSES as OPEN, tactic_ids_in_order

URGENCY_STYLE = {Urgency.OVERDUE: "bold red", Urgency.TODAY: "bold yellow",
                 Urgency.SOON: "yellow", Urgency.LATER: "", Urgency.NONE: "dim"}
STATUS_MARK = {TacticStatus.TODO.value: ("[ ] ", "cyan"), TacticStatus.DOING.value: ("[~] ", "cyan"),
               TacticStatus.DONE.value: ("[x] ", "cyan"), TacticStatus.DROPPED.value: ("[-] ", "cyan")}
TODO = TacticStatus.TODO.value
STRATEGY_STYLE = {StrategyStatus.ACTIVE: "bold", StrategyStatus.PAUSED: "dim", StrategyStatus.ACHIEVED: "green",
                  StrategyStatus.DROPPED: "dim strike"}
LABEL_STYLE = "magenta"


def print_json(data: Any) -> None:
    """Indented JSON, UTF-8 as is (orjson: a 10k-tactic listing in milliseconds), with
    what a terminal would obey escaped (`json_safe`; an ASCII document holds none)."""
    document = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    text = document.decode()
    write(sys.stdout, (text if document.isascii() else json_safe(text)) + "\n")


# -- pieces of a row -----------------------------------------------------------------


def bar_pieces(ratio: float, cells: int = 5) -> tuple[Piece, ...]:
    filled = round(ratio * cells)
    return ("▰" * filled, "green"), ("▱" * (cells - filled), "dim")


def standing_pieces(standing: StrategyProgress) -> tuple[Piece, ...]:
    """`▰▰▱▱▱ 2/5`; where key results decide the bar, its share first: `▰▰▱▱▱ 40% · 2/5`
    (the cookie always counts tactics)."""
    share = (f" {standing.percent}% ·", "") if standing.measured else ("", "")
    return *bar_pieces(standing.ratio), share, (f" {standing.tactics.cookie}", "")


def key_result_facts(reading: Reading) -> tuple[Piece, ...]:
    """`$1.2M → $5M ▰▱▱▱▱ 17%`, `19 → 40 applications ▰▰▱▱▱ 48%` (a word's unit said once),
    `not measured → $5M` before the first value."""
    key_result = reading.key_result
    unit = key_result.unit
    value = shown(reading.value, unit if unit in SYMBOLS else "") if reading.measured else "not measured"
    return ((f"{value} → {shown(key_result.target, unit)} ", "" if reading.measured else "dim"),
            *bar_pieces(reading.progress), (f" {round(reading.progress * 100)}%", ""))


def key_result_row(reading: Reading, depth: int = 0, aside: str = "") -> Row:
    """`k3  ◆ ARR  $1.2M → $5M ▰▱▱▱▱ 17%`."""
    return Row(reading.key_result.key, ((visible(reading.key_result.title), ""),), key_result_facts(reading),
               aside, depth, KEY_RESULT_MARK)


KEY_RESULT_MARK = ("◆ ", "magenta")


def deadline_piece(when: When | None, day: Day) -> Piece:
    """An open deadline as people say it (`in 3 days`, `2 days overdue`), coloured by
    urgency (soon: within the day's soon_days, as in the app)."""
    return (describe(when, day.now) if when else "", URGENCY_STYLE[urgency(when, day.now, day.soon_days)])


def tactic_deadline_piece(tactic: Tactic, day: Day) -> Piece:
    """A tactic's deadline; once done or dropped it reads `due Wed 25 Nov`, dimmed,
    as in the app: "2 days overdue" would raise an alarm that no longer applies."""
    return _deadline_piece(tactic.due, tactic.status.is_open, day)


def _deadline_piece(due: When | None, is_open: bool, day: Day) -> Piece:
    if due is not None and not is_open:
        return (f"due {short_date(due, day.now)}", "dim")
    return deadline_piece(due, day)


class TacticRows:
    """Rows of tactics at one `now`, read from their stored documents when they
    are not built yet (`LazyTable`), each deadline's words worked out once: a
    plan repeats its deadlines, and `planner list` shows 10k tactics.

    A stored date-time is read with the standard library (`due_order_reader`,
    ~1 µs against ~20 µs through pendulum) and, unless it is an open deadline of
    today or tomorrow (said with its time), takes the words of its local date:
    `describe`, `urgency` and `short_date` say the same of both (tested)."""

    def __init__(self, plan: Plan, day: Day):
        now = day.now
        self.table, self.day, self.now = plan.tactics, day, now
        self._deadlines: dict[tuple[object, bool], Piece] = {}
        self._local = due_order_reader(now.timezone)
        self._timed_days = {now.date().isoformat(), now.date().add(days=1).isoformat()}

    def row(self, tactic_id: int, depth: int = 0, aside: str = "") -> Row:
        """`[ ] Title` and its deadline; the title dimmed when done or dropped."""
        doc = self.table.document(tactic_id)
        if doc is None:
            tactic = self.table[tactic_id]
            title, status, due, owner, tags = tactic.title, tactic.status.value, tactic.due, tactic.owner, tactic.tags
        else:
            title, status, due = doc.get("title", ""), doc.get("status", TODO), doc.get("due")
            owner, tags = doc.get("owner"), doc.get("tags")
        is_open = status in OPEN
        deadline = self._deadlines.get((due, is_open)) or self.deadline(due, is_open)
        body = ((visible(title), "" if is_open else "dim"), *label_pieces(owner, tags))
        return Row(f"t{tactic_id}", body, (deadline,), aside, depth, STATUS_MARK[status])

    def deadline(self, due: When | str | None, is_open: bool) -> Piece:
        """`tactic_deadline_piece` of a deadline as stored (ISO text) or built; remembered
        under what was given and under the date it says the words of."""
        key = (due, is_open)
        if isinstance(due, str) and len(due) > 10:
            day = self._local(due)[1]
            if not (is_open and day in self._timed_days):
                due = day  # a date-time says what its local date says
        elif isinstance(due, pendulum.DateTime):
            day = local_date(due, self.now)
            if not (is_open and day.isoformat() in self._timed_days):
                due = day
        found = self._deadlines.get((due, is_open))
        if found is None:
            when = from_iso(due) if isinstance(due, str) else due
            found = self._deadlines[(due, is_open)] = _deadline_piece(when, is_open, self.day)
        self._deadlines[key] = found
        return found


def label_pieces(owner: str | None, tags) -> tuple[Piece, ...]:
    """` @ana #launch`: an item's own owner and tags (inherited ones are its strategy's to show)."""
    words = ([f"@{owner}"] if owner else []) + [f"#{tag}" for tag in tags or ()]
    return ((" " + " ".join(words), LABEL_STYLE),) if words else ()


def strategy_pieces(strategy: Strategy, rollup: Rollup, now: pendulum.DateTime) -> tuple[Piece, ...]:
    """The title, with ✓ when achieved, dim when dropped or paused (saying until when), its
    owner and tags, and a mark when it is only a wish."""
    status = strategy.status_on(now.date())
    pieces = [(visible(strategy.title), STRATEGY_STYLE[status]), *label_pieces(strategy.owner, strategy.tags)]
    if status is StrategyStatus.ACHIEVED:
        pieces.append((" ✓", "green"))
    if status is StrategyStatus.PAUSED:
        until = f" until {short_date(strategy.paused_until, now)}" if strategy.paused_until else ""
        pieces.append((f" · paused{until}", "italic"))
    if rollup.is_wish(strategy.id):
        pieces.append((" · no open tactic", "italic magenta"))
    return tuple(pieces)


def strategy_facts(strategy: Strategy, standing: StrategyProgress, now: pendulum.DateTime) -> tuple[Piece, ...]:
    facts = standing_pieces(standing)
    if strategy.horizon:
        facts += ((f"  by {strategy.horizon.strftime('%b %Y')} · {time_left(strategy.horizon, now)}", "dim"),)
    return facts


# -- the listings --------------------------------------------------------------------


def plan_rows(plan: Plan, day: Day, selection: Selection | None = None) -> list[Line]:
    """The whole plan (or what ``selection`` shows): strategies indented by depth, each
    followed by its key results and its tactics in their order."""
    rows: list[Line] = []
    now = day.now
    rollup, tactics, own = plan.rollup(), TacticRows(plan, day), tactic_ids_in_order(plan)
    progress = standings(plan, rollup)
    for strategy, depth in tree_walk(plan, selection):
        rows.append(Row(strategy.key, strategy_pieces(strategy, rollup, now),
                        strategy_facts(strategy, progress[strategy.id], now), depth=depth))
        rows.extend(key_result_row(found, depth + 1) for found in readings(plan, strategy.id))
        rows.extend(tactics.row(tactic_id, depth + 1) for tactic_id in kept(own.get(strategy.id, ()), selection))
    return rows


def agenda_rows(plan: Plan, groups: list[tuple[str, list[int]]], day: Day) -> list[Line]:
    """Each non-empty group of `agenda_ids` under its heading (as the check-in names it):
    id, tactic, its strategy, deadline."""
    rows: list[Line] = []
    maker, strategy_of = TacticRows(plan, day), plan.tactics.field
    for name, ids in groups:
        if ids:
            rows.append(Heading(group_title(name, day.soon_days)))
        for tactic_id in ids:
            strategy = plan.strategies.get(strategy_of(tactic_id, "strategy"))
            rows.append(maker.row(tactic_id, aside=visible(strategy.title) if strategy else ""))
    return rows


# -- messages ------------------------------------------------------------------------


def as_read(when: When, day: Day) -> Piece:
    """A deadline as the command line read it: `Fri 4 Dec 17:00 (in 6 days)`."""
    now = day.now
    relative = describe(local_date(when, now), now)  # the clock is said once, before it
    return f"{short_date(when, now, clock=True)} ({relative})", URGENCY_STYLE[urgency(when, now, day.soon_days)]


def due_phrase(tactic: Tactic, day: Day) -> tuple[Piece, ...]:
    """`due Fri 4 Dec 17:00 (in 6 days)`, `due Wed 25 Nov` (closed), `has no deadline now`."""
    if tactic.due is None:
        return (("has no deadline now", ""),)
    if not tactic.status.is_open:
        return (tactic_deadline_piece(tactic, day),)  # `due Wed 25 Nov`: no alarm any more
    return ("due ", ""), as_read(tactic.due, day)
