"""One strategy's review facts as text: progress and its change, done since, overdue,
time left, pace, the last review. Takes core's `ReviewFacts`; computes nothing."""

from __future__ import annotations

from pendulum import DateTime
from rich.text import Text
from textual.widgets import Static

from planner_tui.core.dates import describe, long_date
from planner_tui.core.model import Tactic
from planner_tui.core.review import HEALTH_WORDS, ReviewFacts, ReviewPace
from planner_tui.ui import render
from planner_tui.ui.widgets.health_picker import STYLE_OF
from planner_tui.ui.widgets.palette import palette_of

SHOWN_TITLES = 3
LABEL_WIDTH = 13
PACE_WORDS = {
    "paused": "paused: no pace to keep while it is on hold",
    "no-horizon": "no horizon, so no pace to keep",
    "no-start": "no creation date, so no pace to measure",
    "no-tactics": "no tactics: nothing to measure progress by",
    "no-values": "no key result measured yet",
    "complete": "every tactic is done",
    "passed": "the horizon has passed with work left",
    "behind": "behind by more than a third",
    "on-pace": "on pace",
}


class ReviewCard(Static):
    """`show(facts, where, now)` draws one strategy's review (``where``: the path of
    its parent, empty for a top-level strategy)."""

    def show(self, facts: ReviewFacts, path: str, now: DateTime) -> None:
        self.update(review_text(facts, path, now, palette_of(self)))


def review_text(facts: ReviewFacts, path: str, now: DateTime,
                palette: render.Palette = render.DEFAULT_PALETTE) -> Text:
    strategy = facts.strategy
    title = render.literal(strategy.title, render.style(palette, "heading"))
    cadence = f"every {strategy.review_every} days" if strategy.review_every else "no review cadence"
    title.append(f"  {strategy.key} · {cadence}", style=render.style(palette, "label"))
    lines = [title]
    if path:
        lines.append(_field("under", render.literal(path), palette))
    lines.append(_field("progress", _progress(facts, palette), palette))
    since = f"since {facts.last.date.format('ddd D MMM')}" if facts.last else "since it began"
    done = _titles(facts.done_since, palette)
    done.append(f" ({since})", style=render.style(palette, "label"))
    lines.append(_field("done", done, palette))
    lines.append(_field("overdue", _titles(facts.overdue, palette, now), palette))
    lines.append(_field("time left", _time_left(facts, now, palette), palette))
    lines.append(_field("pace", pace_text(facts.pace, palette), palette))
    lines.append(_field("last review", _last(facts, palette), palette))
    return Text("\n").join(lines)


def _field(label: str, value: Text, palette: render.Palette) -> Text:
    line = Text()  # spans, not a base style: the value keeps its own colours
    line.append(f"{label:<{LABEL_WIDTH}}", style=render.style(palette, "label"))
    line.append_text(value)
    return line


def _progress(facts: ReviewFacts, palette: render.Palette) -> Text:
    if not facts.progress.total:
        return Text("no tactics yet", style=render.style(palette, "wish"))
    text = render.progress_bar(facts.progress, palette)
    text.append(f" ({facts.progress.ratio:.0%})")
    then, change = facts.progress_then, facts.change
    if then is not None and change is not None:
        points = round(change * 100)
        name = "done" if points > 0 else "overdue" if points < 0 else "label"
        text.append(f" · {points:+d} points", style=render.style(palette, name))
        text.append(f" since the last review (was {then.cookie})", style=render.style(palette, "label"))
    elif facts.last is None:
        text.append(" · first review", style=render.style(palette, "label"))
    return text


def _titles(tactics: list[Tactic], palette: render.Palette, now: DateTime | None = None) -> Text:
    if not tactics:
        return Text("none", style=render.style(palette, "muted"))
    text = Text(f"{len(tactics)}: ")
    for index, tactic in enumerate(tactics[:SHOWN_TITLES]):
        if index:
            text.append(", ")
        text.append_text(render.literal(tactic.title))
        if now is not None and tactic.due is not None:
            text.append(f" ({describe(tactic.due, now)})", style=render.style(palette, "overdue"))
    if len(tactics) > SHOWN_TITLES:
        text.append(f" and {len(tactics) - SHOWN_TITLES} more", style=render.style(palette, "label"))
    return text


def _time_left(facts: ReviewFacts, now: DateTime, palette: render.Palette) -> Text:
    horizon = facts.strategy.horizon
    if horizon is None:
        return Text("no horizon set", style=render.style(palette, "muted"))
    name = "overdue" if (facts.days_left or 0) < 0 else "label"
    text = Text(long_date(horizon, now) + " ")
    text.append(f"({describe(horizon, now).replace('overdue', 'ago')})", style=render.style(palette, name))
    return text


def pace_text(pace: ReviewPace, palette: render.Palette = render.DEFAULT_PALETTE) -> Text:
    """`expected 45% by now, actual 40%: on pace` (`actual 40% by key results` when they measure it)."""
    good = pace.verdict in ("on-pace", "complete")
    words = Text(PACE_WORDS[pace.verdict], style=render.style(palette, "done" if good else "soon"))
    if pace.expected is None:
        return words
    by = "" if pace.measured_by == "tactics" else f" by {pace.measured_by}"
    text = Text(f"expected {pace.expected:.0%} by now, actual {pace.actual:.0%}{by}: ")
    text.append_text(words)
    return text


def _last(facts: ReviewFacts, palette: render.Palette) -> Text:
    last = facts.last
    if last is None:
        return Text("never reviewed", style=render.style(palette, "muted"))
    text = Text()
    text.append(HEALTH_WORDS[last.health], style=render.style(palette, STYLE_OF[last.health]))
    text.append(f" on {last.date.format('ddd D MMM YYYY')}", style=render.style(palette, "label"))
    if last.note:
        text.append(" · ")
        text.append_text(render.literal(last.note))
    return text
