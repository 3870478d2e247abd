"""Model objects as `rich.text.Text`: the one place user text meets the screen.

Every title, note and path a person typed goes through `literal` into
`Text(...)`, which never parses markup, so `Fix [/] parser` and
`[@click=app.quit]q[/]` are shown as typed and do nothing, and its control
characters are shown as escapes (`user_text.visible`: `\x1b`), so they are
not terminal commands either. Colours come from a
palette (name -> style) that widgets build from their component classes, so
the theme decides them (see planner.tcss).
"""

from __future__ import annotations

from typing import Iterator, Mapping, Union

from pendulum import Date, DateTime
from rich.style import Style
from rich.text import Text

from planner_tui.core.dates import (Urgency, compact_deadline, describe, long_date, short_date, time_left,
                                    urgency)
from planner_tui.core.model import Health, Review, Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.outcomes import StrategyProgress
from planner_tui.core.plan import Progress
from planner_tui.core.review import ReviewMark, health_words
from planner_tui.core.settings import Settings
from planner_tui.core.user_text import visible
from planner_tui.core.views import Momentum

StyleType = Union[Style, str]
Palette = Mapping[str, StyleType]

STYLE_NAMES = ("overdue", "today", "soon", "later", "nodate", "todo", "doing", "done",
               "dropped", "achieved", "wish", "bar", "bar-empty", "muted", "heading", "label")

DEFAULT_PALETTE: dict[str, StyleType] = {
    "overdue": "bold red", "today": "bold yellow", "soon": "yellow", "later": "",
    "nodate": "dim", "todo": "", "doing": "cyan", "done": "green", "dropped": "dim",
    "achieved": "green", "wish": "yellow", "bar": "green", "bar-empty": "dim",
    "muted": "dim", "heading": "bold", "label": "dim",
}

STATUS_MARK = {TacticStatus.TODO: "○", TacticStatus.DOING: "◐",
               TacticStatus.DONE: "●", TacticStatus.DROPPED: "✗"}
STRATEGY_MARK = {StrategyStatus.ACHIEVED: "✓", StrategyStatus.DROPPED: "✗"}
WISH_MARK = "◌"
PAUSED_MARK = "‖"  # on hold: a shape, so it reads without colour
URGENCY_NAME = {Urgency.OVERDUE: "overdue", Urgency.TODAY: "today", Urgency.SOON: "soon",
                Urgency.LATER: "later", Urgency.NONE: "nodate"}
BAR_CELLS = 5
REVIEW_DUE_MARK = "◷"  # due for review
# The last review's health as a shape, so it reads without colour too (and coloured).
# The overview's shapes (ui/widgets/standings_table.py): ▲ off track, △ at risk.
HEALTH_MARK = {Health.ON_TRACK: "◆", Health.AT_RISK: "△", Health.OFF_TRACK: "▲"}
TITLE_ROOM = 20  # cells a tree row's title keeps before the progress bar gives way
# A tree row says the momentum in words when it asks for attention (keeping up says nothing).
MOMENTUM_MARK = {"too-slow": "too slow", "stalled": "stalled"}
HEALTH_STYLE = {Health.ON_TRACK: "done", Health.AT_RISK: "soon", Health.OFF_TRACK: "overdue"}
SPARK = {1.0: "▁", 2.0: "▄", 3.0: "█"}
SPARK_STYLE = {1.0: "overdue", 2.0: "soon", 3.0: "done"}
SOON_DAYS = Settings().soon_days  # callers pass the person's own (settings.toml)


def style(palette: Palette, name: str) -> StyleType:
    return palette.get(name, DEFAULT_PALETTE.get(name, ""))


def literal(text: str, style_: StyleType = "", lines: bool = False) -> Text:
    """User text, shown as typed: never markup, control characters as escapes
    (``lines`` keeps newlines and tabs: notes and whys)."""
    return Text(visible(text, lines), style=style_, no_wrap=True, end="")


# -- tactics ---------------------------------------------------------------------

def status_cell(status: TacticStatus, palette: Palette = DEFAULT_PALETTE, compact: bool = False) -> Text:
    """`○ todo`, `◐ doing`, `● done`, `✗ dropped` (just the glyph when compact)."""
    label = STATUS_MARK[status] if compact else f"{STATUS_MARK[status]} {status.value}"
    return Text(label, style=style(palette, status.value))


def deadline_cell(tactic: Tactic, now: DateTime, palette: Palette = DEFAULT_PALETTE,
                  soon_days: int = SOON_DAYS, compact: bool = False) -> Text:
    """The deadline as people say it (``compact``: as the table says it, `3d over`,
    `Fri`), coloured by urgency (muted once closed); within ``soon_days``
    (settings.toml's soon_days) it is coloured soon."""
    if tactic.due is None:
        return Text("—", style=style(palette, "nodate"))
    if not tactic.status.is_open:
        # Done or dropped: "2 days overdue" would raise an alarm that no longer applies.
        said = compact_deadline(tactic.due, now, closed=True) if compact else f"due {short_date(tactic.due, now)}"
        return Text(said, style=style(palette, "muted"))
    name = URGENCY_NAME[urgency(tactic.due, now, soon_days)]
    return Text(compact_deadline(tactic.due, now) if compact else describe(tactic.due, now),
                style=style(palette, name))


def title_cell(tactic: Tactic, palette: Palette = DEFAULT_PALETTE, width: int | None = None) -> Text:
    """The title, muted once closed, with its repeat mark (`↻weekly`); fitted to
    ``width`` the title gives way, with an ellipsis, and the mark stays."""
    title = literal(tactic.title)
    if not tactic.status.is_open:
        title.stylize(style(palette, "muted"))
    if not tactic.repeat:
        if width is not None:
            title.truncate(width, overflow="ellipsis")
        return title
    mark = Text(f" ↻{tactic.repeat}", style=style(palette, "label"))
    if width is not None:
        mark.truncate(max(2, min(mark.cell_len, width // 3)), overflow="ellipsis")
        title.truncate(max(1, width - mark.cell_len), overflow="ellipsis")
    return title + mark


MIN_SUFFIX = 8  # cells the sub-strategy after a title needs to be worth showing


def tactic_cells(tactic: Tactic, now: DateTime, palette: Palette = DEFAULT_PALETTE,
                 owner: str | None = None, owner_column: bool = True, width: int | None = None,
                 soon_days: int = SOON_DAYS) -> tuple[Text, ...]:
    """One table row: status glyph, title, compact deadline, and the sub-strategy it
    serves when given: its own column, or after the title in the room the title
    leaves (``width`` fits the title cell; the title comes first)."""
    title = title_cell(tactic, palette, width)
    room = None if width is None else width - title.cell_len
    if owner and not owner_column and (room is None or room >= MIN_SUFFIX):
        suffix = Text(" · ", style=style(palette, "label"))
        suffix.append_text(literal(owner, style(palette, "label")))
        if room is not None:
            suffix.truncate(room, overflow="ellipsis")
        title.append_text(suffix)
    cells = (status_cell(tactic.status, palette, compact=True), title,
             deadline_cell(tactic, now, palette, soon_days, compact=True))
    if owner is not None and owner_column:
        cells += (literal(owner, style(palette, "label")),)
    return cells


# -- strategies ----------------------------------------------------------------------

Shown = Union[Progress, StrategyProgress]  # a strategy's progress as the app shows it (core/outcomes.py)


def progress_bar(progress: Shown, palette: Palette = DEFAULT_PALETTE, cells: int = BAR_CELLS) -> Text:
    """`▰▰▱▱▱ 2/5`: a small bar (key results' progress where they measure the strategy,
    core/outcomes.py) and the org-mode cookie of its tactics."""
    filled = round(progress.ratio * cells)
    bar = Text("▰" * filled, style=style(palette, "bar"))
    bar.append("▱" * (cells - filled), style=style(palette, "bar-empty"))
    bar.append(f" {progress.cookie}", style=style(palette, "label"))
    return bar


def horizon_text(strategy: Strategy, now: DateTime, wide: bool) -> str:
    """`by 2031 · 4y left` (wide) or `4y left`; empty without a horizon."""
    if strategy.horizon is None:
        return ""
    left = time_left(strategy.horizon, now)
    return f"by {strategy.horizon.year} · {left}" if wide else left


def strategy_mark(strategy: Strategy, wish: bool, palette: Palette, today: Date | None = None) -> Text:
    """✓ achieved, ✗ dropped, ‖ paused (as of ``today``), ◌ a wish (no open tactic), else nothing."""
    if today is not None and strategy.is_paused(today):
        return Text(PAUSED_MARK + " ", style=style(palette, "muted"))
    if strategy.status in STRATEGY_MARK:
        name = "achieved" if strategy.status is StrategyStatus.ACHIEVED else "dropped"
        return Text(STRATEGY_MARK[strategy.status] + " ", style=style(palette, name))
    if wish:
        return Text(WISH_MARK + " ", style=style(palette, "wish"))
    return Text("")


def review_glyph(review: ReviewMark | None, palette: Palette = DEFAULT_PALETTE) -> Text:
    """The last health as a shape (`◆ ` on track, `△ ` at risk, `▲ ` off track; green,
    yellow, red), then `◷` when due for review: `△◷ `."""
    if review is None:
        return Text("")
    glyph = Text()
    if review.health is not None:
        glyph.append(HEALTH_MARK[review.health], style=style(palette, HEALTH_STYLE[review.health]))
    if review.due:
        glyph.append(REVIEW_DUE_MARK, style=style(palette, "today"))
    glyph.append(" ")
    return glyph


def momentum_mark(momentum: Momentum | None, palette: Palette = DEFAULT_PALETTE) -> Text:
    """`too slow ` or `stalled ` (words, so it reads without colour); nothing otherwise."""
    word = MOMENTUM_MARK.get(momentum.verdict) if momentum is not None else None
    return Text(f"{word} ", style=style(palette, "soon")) if word else Text("")


def health_sparkline(series: list[float], palette: Palette = DEFAULT_PALETTE) -> Text:
    """`▁▄█`: one cell per review, oldest first (off track, at risk, on track)."""
    line = Text()
    for level in series:
        line.append(SPARK.get(level, "?"), style=style(palette, SPARK_STYLE.get(level, "muted")))
    return line


def strategy_line(strategy: Strategy, progress: Shown, wish: bool, now: DateTime,
                  width: int, palette: Palette = DEFAULT_PALETTE, review: ReviewMark | None = None,
                  momentum: Momentum | None = None) -> Text:
    """A tree row fitted to ``width`` cells: mark, title, then the review mark, the
    momentum when it asks for attention (`too slow`, `stalled`), bar, cookie and horizon
    flush right. The title keeps `TITLE_ROOM` cells (its length, half a narrow
    row): the bar gives way first, then the cookie, then the horizon."""
    mark = strategy_mark(strategy, wish, palette, now.date())
    title = literal(strategy.title)
    wanted = min(title.cell_len, TITLE_ROOM, width // 2)
    said = review_glyph(review, palette) + momentum_mark(momentum, palette)
    for meta in _strategy_metas(strategy, progress, now, width, palette):
        meta = said + meta
        room = width - mark.cell_len - meta.cell_len - 1
        if room >= wanted:
            break
    if strategy.status is StrategyStatus.DROPPED:
        title.stylize(style(palette, "dropped"))
    elif wish:
        title.stylize(style(palette, "wish"))
    title.truncate(max(room, 1), overflow="ellipsis")
    gap = max(1, width - mark.cell_len - title.cell_len - meta.cell_len)
    line = Text.assemble(mark, title, " " * gap, meta, no_wrap=True, end="")
    line.truncate(width)
    if strategy.status is StrategyStatus.DROPPED:
        line.stylize(style(palette, "muted"))
    return line


def _strategy_metas(strategy: Strategy, progress: Shown, now: DateTime, width: int,
                    palette: Palette) -> Iterator[Text]:
    """What follows a tree row's title (after its review mark and momentum), longest
    first: bar and cookie (or `no tactics`) and horizon; the cookie and horizon;
    the horizon; nothing."""
    horizon = Text(horizon_text(strategy, now, wide=width >= 60), style=style(palette, "label"))
    if progress.counts:
        yield _spaced(progress_bar(progress, palette), horizon)
        yield _spaced(Text(progress.cookie, style=style(palette, "label")), horizon)
    elif strategy.status is StrategyStatus.ACTIVE:
        yield _spaced(Text("no tactics", style=style(palette, "wish")), horizon)
    yield Text(horizon_text(strategy, now, False), style=style(palette, "label"))
    yield Text("")


def _spaced(*parts: Text) -> Text:
    return Text("  ").join(part for part in parts if part)


# -- the detail pane ------------------------------------------------------------------

# The momentum's words (core/views.py `Momentum`): never "pace", which is the
# review's expected-against-actual progress (core/pace.py).
MOMENTUM_WORDS = {
    "paused": "paused: on hold, nothing to keep up",
    "no-horizon": "no horizon set, so nothing to keep up with",
    "past-horizon": "the horizon has passed",
    "nothing-open": "nothing planned: add a tactic to move it",
    "stalled": "stalled: nothing done in the last 4 weeks",
    "too-early": "too early to tell: made less than 4 weeks ago, nothing done yet",
    "keeping-up": "keeping up",
    "too-slow": "too slow for the horizon",
}


def momentum_text(result: Momentum, palette: Palette = DEFAULT_PALETTE) -> Text:
    """`keeping up: 4 done in the last 4 weeks, 2 open (~2 weeks of work, 40 weeks left)`."""
    good = result.verdict == "keeping-up"
    text = Text(MOMENTUM_WORDS[result.verdict], style=style(palette, "done" if good else "soon"))
    if result.weeks_needed is not None and result.weeks_left is not None and result.open:
        text.append(f": {result.done_recently} done in the last 4 weeks, {result.open} open"
                    f" (~{result.weeks_needed:.0f} weeks of work, {result.weeks_left:.0f} weeks left)")
    return text


def _field(label: str, value: Text | str, palette: Palette) -> Text:
    line = Text(f"{label:<10}", style=style(palette, "label"))
    line.append_text(value if isinstance(value, Text) else literal(value))
    return line


def strategy_detail(strategy: Strategy, path: str, progress: Shown, result: Momentum,
                    now: DateTime, palette: Palette = DEFAULT_PALETTE, health: list[float] | None = None,
                    last: Review | None = None, next_due: Date | None = None) -> Text:
    """Sections, most telling first, so a short pane (24 rows: five lines) cuts the
    least: the title; how it stands (health, momentum, horizon, progress); what it
    is (why, where it sits, review cadence)."""
    sections = [literal(strategy.title, style(palette, "heading")),
                standing_section(strategy, progress, result, now, palette, health, last),
                about_section(strategy, path, now, palette, last, next_due)]
    return Text("\n").join(section for section in sections if section)


def standing_section(strategy: Strategy, progress: Shown, result: Momentum, now: DateTime,
                     palette: Palette = DEFAULT_PALETTE, health: list[float] | None = None,
                     last: Review | None = None) -> Text:
    """Health (shape and words: `▁▄█ ◆ on track at the last review`), momentum, horizon, progress."""
    lines = []
    if health:
        spark = health_sparkline(health, palette)
        if last is not None:
            spark.append(" ")
            spark.append(HEALTH_MARK[last.health], style=style(palette, HEALTH_STYLE[last.health]))
            spark.append(f" {health_words(last.health)} at the last review", style=style(palette, "label"))
        lines.append(_field("health", spark, palette))
    lines.append(_field("momentum", momentum_text(result, palette), palette))
    if strategy.horizon is not None:
        horizon = f"{long_date(strategy.horizon, now)} ({describe(strategy.horizon, now)})"
        lines.append(_field("horizon", horizon, palette))
    lines.append(_field("progress", _progress_words(progress, palette), palette))
    return Text("\n").join(lines)


def _progress_words(progress: Shown, palette: Palette) -> Text:
    """`▰▰▱▱▱ 2/5`, with `· 45% by key results` when they measure it; `no tactics yet`."""
    if not progress.counts:
        return Text("no tactics yet")
    bar = progress_bar(progress, palette)
    if isinstance(progress, StrategyProgress) and progress.measured:
        bar.append(f" · {progress.percent}% by key results", style=style(palette, "label"))
    return bar


def about_section(strategy: Strategy, path: str, now: DateTime, palette: Palette = DEFAULT_PALETTE,
                  last: Review | None = None, next_due: Date | None = None) -> Text:
    """Why, where it sits (when under another), the review cadence."""
    lines = [_field("why", literal(strategy.why or "—", lines=True), palette)]
    if path != strategy.title:
        lines.append(_field("in", path, palette))
    lines.append(_field("review", _review_text(strategy, now, last, next_due), palette))
    return Text("\n").join(lines)


def _review_text(strategy: Strategy, now: DateTime, last: Review | None, next_due: Date | None) -> str:
    """`every 14 days · last Sunday 8 November · next Sunday 22 November (6 days overdue) · active · s3`."""
    parts = [f"every {strategy.review_every} days" if strategy.review_every else "—"]
    if last is not None:
        parts.append(f"last {long_date(last.date, now)}")
    if next_due is not None:
        parts.append(f"next {long_date(next_due, now)} ({describe(next_due, now)})")
    parts += [strategy.status.value, strategy.key]
    return " · ".join(parts)


def _deadline_detail(tactic: Tactic, now: DateTime, palette: Palette, soon_days: int) -> Text:
    """`Friday 4 December (in 5 days)`; a closed tactic's is only the date (muted): how
    far away it is no longer asks for anything."""
    if not tactic.status.is_open:
        return Text(long_date(tactic.due, now), style=style(palette, "muted"))
    deadline = Text(f"{long_date(tactic.due, now)} (")
    deadline.append_text(deadline_cell(tactic, now, palette, soon_days))
    deadline.append(")")
    return deadline


def tactic_detail(tactic: Tactic, path: str, now: DateTime, palette: Palette = DEFAULT_PALETTE,
                  soon_days: int = SOON_DAYS) -> Text:
    """Status, deadline, notes, repeat and the strategy it serves."""
    lines = [literal(tactic.title, style(palette, "heading"))]
    status = status_cell(tactic.status, palette)
    if tactic.status is TacticStatus.DONE and tactic.done_at is not None:
        status.append(f" {short_date(tactic.done_at, now)}")
    status.append(f" · {tactic.key}", style=style(palette, "label"))
    lines.append(_field("status", status, palette))
    if tactic.due is not None:
        lines.append(_field("deadline", _deadline_detail(tactic, now, palette, soon_days), palette))
    lines.append(_field("notes", literal(tactic.notes or "—", lines=True), palette))
    if tactic.repeat:
        lines.append(_field("repeats", tactic.repeat, palette))
    lines.append(_field("serves", path, palette))
    return Text("\n").join(lines)
