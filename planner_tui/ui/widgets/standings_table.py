"""Strategies' standings as a table: progress, pace, health, horizon, reviews.

The strategic overview (ui/screens/overview.py) lists every strategy with it,
and the review (ui/screens/review.py) a parent's sub-strategies. The rows are
core's `Standing`s (core/overview.py), in the order given; this only draws them.
The first cell is the attention a strategy needs as a shape (never colour
alone), and every cell that is a reason for attention says it in words, in
that reason's colour.
"""

from __future__ import annotations

from pendulum import DateTime
from rich.text import Text
from textual.widgets import DataTable

from planner_tui.core import overview
from planner_tui.core.dates import short_date, time_left
from planner_tui.core.overview import Standing
from planner_tui.core.pace import VERDICT_WORDS
from planner_tui.core.plan import Plan
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

TITLE_CELLS = 16  # at least; the title takes what the other columns leave (a long one ends in …)
PACE_CELLS = 14
COLUMNS = (("", 1), ("strategy", 0), ("done", 4), ("pace", PACE_CELLS), ("health", 12), ("horizon", 9),
           ("next review", 11), ("reviewed", 10))  # the least needed last: cut first on a narrow screen
FRAME_CELLS = 2 * len(COLUMNS) + 3  # cell padding, the border and the scroll bar
ATTENTION_STYLE = {overview.OFF_TRACK: "overdue", overview.AT_RISK: "soon", overview.REVIEW_DUE: "today",
                   overview.UNJUDGED: "label", overview.FINE: "done", overview.PAUSED: "muted",
                   overview.ACHIEVED: "achieved"}
ATTENTION_MARK = {overview.OFF_TRACK: "▲", overview.AT_RISK: "△", overview.REVIEW_DUE: "◷",
                  overview.UNJUDGED: "?", overview.FINE: "·", overview.PAUSED: "‖", overview.ACHIEVED: "✓"}
LEGEND = "▲ off track · △ at risk · ◷ review due · ? nothing to judge by yet · ‖ paused · ✓ achieved"
GOOD_PACE = ("on-pace", "complete")


class StandingsTable(DataTable[Text]):
    """One row per `Standing`; `strategy_id` is the highlighted one's."""

    DEFAULT_CSS = "StandingsTable { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.shown: list[int] = []  # strategy ids, row by row
        self.title_cells = TITLE_CELLS

    @property
    def strategy_id(self) -> int | None:
        return self.shown[self.cursor_row] if 0 <= self.cursor_row < len(self.shown) else None

    def show(self, rows: list[Standing], plan: Plan, now: DateTime, width: int, parents: bool = True) -> None:
        """Draw ``rows`` fitted to ``width`` cells, each title with its parent's unless
        ``parents`` is False (all under one); the cursor stays on the same strategy."""
        if not self.columns:
            self.title_cells = max(TITLE_CELLS, width - FRAME_CELLS - sum(cells for _, cells in COLUMNS))
            for label, cells in COLUMNS:
                self.add_column(label, width=cells or self.title_cells)
        kept = self.strategy_id
        self.clear()
        palette = palette_of(self)
        for row in rows:
            self.add_row(*standing_cells(row, now, palette, plan if parents else None, self.title_cells),
                         key=str(row.strategy.id))
        self.shown = [row.strategy.id for row in rows]
        if kept in self.shown:
            self.move_cursor(row=self.shown.index(kept))


def standing_cells(row: Standing, now: DateTime, palette: render.Palette, plan: Plan | None,
                   title_cells: int) -> tuple[Text, ...]:
    """One strategy's row: its mark, title (with its parent, from ``plan`` when given),
    progress, pace, health, time to the horizon, next and last review."""
    level = ATTENTION_STYLE[row.attention]
    mark = Text(ATTENTION_MARK[row.attention], style=render.style(palette, level))
    title = render.literal(row.strategy.title)
    parent = plan.strategies.get(row.strategy.parent) if plan is not None else None
    if parent is not None:
        title.append_text(render.literal(f" ‹ {parent.title}", render.style(palette, "label")))
    title.truncate(title_cells, overflow="ellipsis")
    pace = Text(VERDICT_WORDS[row.pace.verdict], style=render.style(palette, _pace_style(row.pace.verdict)))
    pace.truncate(PACE_CELLS, overflow="ellipsis")
    health = Text(overview.health_word(row.health),
                  style=render.style(palette, render.HEALTH_STYLE[row.health] if row.health else "label"))
    due = row.next_review is not None and row.next_review <= now.date()
    return (mark, title, Text(f"{row.progress.percent}%", justify="right"), pace, health,
            Text(time_left(row.strategy.horizon, now) if row.strategy.horizon else "—"),
            Text(_next_review(row, now), style=render.style(palette, "today") if due else ""),
            Text(short_date(row.last_review, now) if row.last_review else "never",
                 style="" if row.last_review else render.style(palette, "label")))


def _pace_style(verdict: str) -> str:
    if verdict in GOOD_PACE:
        return "done"
    return "overdue" if verdict == "passed" else "soon" if verdict == "behind" else "label"


def _next_review(row: Standing, now: DateTime) -> str:
    """`Sat 12 Dec`, `due today`, `3d late`, or — without a cadence."""
    if row.next_review is None:
        return "—"
    late = (now.date() - row.next_review).days
    if late < 0:
        return short_date(row.next_review, now)
    return "due today" if late == 0 else f"{late}d late"
