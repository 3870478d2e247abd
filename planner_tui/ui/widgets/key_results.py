"""A strategy's key results as the detail pane shows them: a bar, the value against its
target, a sparkline of the values, the pace verdict.

One line each, beside the strategy's own detail (ui/widgets/panes.py mounts the
section). The screen reads the key results from core (`readings`,
`key_result_pace`, `value_series`) and hands them here as `KeyResultLine`s; this
only draws. The sparkline is drawn into the line (eight block heights), not a
Sparkline widget per key result: one Static for the whole section repaints
without a layout pass as the cursor moves.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.widgets import Static

from planner_tui.core.amounts import SYMBOLS, shown
from planner_tui.core.keyresults import Reading
from planner_tui.core.pace import VERDICT_WORDS, ReviewPace
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

BLOCKS = "▁▂▃▄▅▆▇█"
BAR_CELLS = 8
SPARK_CELLS = 12
GOOD = ("on-pace", "complete")


class KeyResultLine(NamedTuple):
    """One key result as the pane shows it: as it reads now, its pace, its last values."""

    reading: Reading
    pace: ReviewPace
    series: list[float]


def sparkline(values: list[float], cells: int = SPARK_CELLS) -> str:
    """`▁▃▄▆█`: the last ``cells`` values, lowest to highest of them (flat: all low)."""
    values = values[-cells:]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(BLOCKS[round((value - low) / span * (len(BLOCKS) - 1)) if span else 0] for value in values)


def progress_cells(share: float, palette: render.Palette, cells: int = BAR_CELLS) -> Text:
    """`▰▰▰▱▱▱▱▱ 38%`: the share of the way from start to target."""
    filled = round(share * cells)
    bar = Text("▰" * filled, style=render.style(palette, "bar"))
    bar.append("▱" * (cells - filled), style=render.style(palette, "bar-empty"))
    bar.append(f" {round(share * 100):>3}%")
    return bar


def amounts(reading: Reading) -> str:
    """`19 → 40 applications`, `$1.9M → $5M`, `not measured → 10 interviews`."""
    key_result = reading.key_result
    if not reading.measured:
        return f"not measured → {shown(key_result.target, key_result.unit)}"
    return from_to(reading.value, key_result.target, key_result.unit)


def from_to(first: float, second: float, unit: str) -> str:
    """`19 → 40 applications`, `$1.9M → $5M`, `8% → 3%`: a word unit said once, at the end."""
    return f"{shown(first, unit if unit in SYMBOLS else '')} → {shown(second, unit)}"


def key_result_lines(line: KeyResultLine, palette: render.Palette = render.DEFAULT_PALETTE) -> list[Text]:
    """Two lines: the title (the person's text) and its pace; then the bar, the value
    against the target and a sparkline of the last values."""
    reading = line.reading
    title = render.literal(reading.key_result.title, render.style(palette, "heading"))
    title.append(" · ")
    title.append(VERDICT_WORDS[line.pace.verdict],
                 style=render.style(palette, "done" if line.pace.verdict in GOOD else "soon"))
    detail = Text("  ")
    detail.append_text(progress_cells(reading.progress, palette))
    detail.append(f" {amounts(reading)}", style=render.style(palette, "" if reading.measured else "muted"))
    if len(line.series) >= 2:
        detail.append(" ")
        detail.append(sparkline(line.series), style=render.style(palette, "bar"))
    return [title, detail]


def section_text(lines: list[KeyResultLine], palette: render.Palette = render.DEFAULT_PALETTE) -> Text:
    """Two lines per key result, in their order (a short pane shows the first ones)."""
    return Text("\n").join([part for line in lines for part in key_result_lines(line, palette)])


class KeyResultsSection(Static):
    """The section; hidden for a strategy without key results, and for a tactic.

    Its size is the pane's, whatever it shows: updated without a layout pass (a
    relayout of the screen is a frame's work on every cursor move), and repainted only
    when the text changed; only showing or hiding it moves the pane's text."""

    def show(self, lines: list[KeyResultLine]) -> None:
        if not lines:
            self.show_nothing()
            return
        text = section_text(lines, palette_of(self))
        if text != self.content:
            self.update(text, layout=False)
        self.display = True

    def show_nothing(self) -> None:
        self.display = False
