"""A strategy's burn-up chart: its progress over time against the line to its horizon.

core/burnup.py gives the data (the progress on each day something changed, by
the tree's own rule; the line the pace is judged against; today); this draws
it with plotext through textual-plotext, today marked with a vertical line,
and says the pace above it in words (core/outcome_pace.py `strategy_pace`). A
terminal too small for a readable chart (below `MIN_PLOT`) gets the same
numbers as lines of text instead. `v` records a value of one of the strategy's
key results from here too, and the chart redraws; so does any other change the
session publishes.
"""

from __future__ import annotations

from typing import ClassVar

from pendulum import Date
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static
from textual_plotext import PlotextPlot

from planner_tui.core.burnup import Burnup, burnup
from planner_tui.core.outcome_pace import strategy_pace
from planner_tui.core.pace import VERDICT_WORDS
from planner_tui.ui import render
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.palette import palette_of

MIN_PLOT = (40, 10)  # cells below which a chart says too little to be read: text instead
TICKS = 4
FALLBACK_POINTS = 8  # the last days shown when there is no room for the chart


class BurnupScreen(MonitorScreen):
    """Read-only but for `v`; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,B", "leave", "back", id="burnup-back", tooltip="Back to the plan"),
        Binding("v", "record_value", "value", id="burnup-value",
                tooltip="Record a value of one of the strategy's key results"),
    ]

    def __init__(self, session: Session, strategy_id: int) -> None:
        super().__init__(session, id="burnup")
        self.strategy_id = strategy_id
        self.data: Burnup | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(id="burnup-title")
            yield Static(Text(self.now.format("dddd D MMMM YYYY")), classes="corner")
        yield Static(id="burnup-pace", classes="burnup-pace")
        yield PlotextPlot(classes="burnup-chart")
        yield Static(id="burnup-fallback", classes="burnup-fallback")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_chart()
        self.session.changed_signal.subscribe(self, lambda _session: self.show_chart())

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def show_chart(self) -> None:
        """The data as the plan is now, drawn (or written, when the terminal is small)."""
        plan = self.store.plan
        if self.strategy_id not in plan.strategies:
            self.close(None)
            return
        self.now = self.store.clock()
        strategy = plan.strategies[self.strategy_id]
        self.data = burnup(plan, self.strategy_id, self.now)
        palette = palette_of(self)
        title = Text("Burn-up · ", style="bold")
        title.append_text(render.literal(strategy.title, "bold"))
        self.query_one("#burnup-title", Static).update(title)
        self.query_one("#burnup-pace", Static).update(self._pace_words(palette))
        self._draw(self.data)
        self.query_one("#burnup-fallback", Static).update(fallback_text(self.data, palette))
        self._fit(self.size.width, self.size.height)

    def _pace_words(self, palette: render.Palette) -> Text:
        """`48% now, 52% expected by today · on pace · by key results`."""
        pace = strategy_pace(self.store.plan, self.strategy_id, self.now)
        text = Text(f"{pace.actual:.0%} now")
        if pace.expected is not None:
            text.append(f", {pace.expected:.0%} expected by today")
        text.append(" · ")
        good = pace.verdict in ("on-pace", "complete")
        text.append(VERDICT_WORDS[pace.verdict], style=render.style(palette, "done" if good else "soon"))
        text.append(f" · by {pace.measured_by}", style=render.style(palette, "label"))
        return text

    def _draw(self, data: Burnup) -> None:
        """Progress (%) by day: the actual steps, the expected line, today."""
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        first = chart_start(data)
        days = lambda points: [(day - first).days for day, _ in points]  # noqa: E731
        shares = lambda points: [round(share * 100, 1) for _, share in points]  # noqa: E731
        if data.expected:
            plt.plot(days(data.expected), shares(data.expected), label="expected", color="gray", marker="dot")
        plt.plot(days(data.actual), shares(data.actual), label="progress", color="green", marker="braille")
        today = (data.today - first).days
        plt.vertical_line(today, color="orange")
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        last = chart_end(data)
        ticks = sorted({round(i * (last - first).days / TICKS) for i in range(TICKS + 1)})
        plt.xticks(ticks, [first.add(days=tick).format("D MMM YY") for tick in ticks])
        plot.refresh()

    def _fit(self, width: int, height: int) -> None:
        """The chart when there is room for one, else the numbers as text."""
        room = width >= MIN_PLOT[0] and height - 3 >= MIN_PLOT[1]  # the header, the pace, the key bar
        self.query_one(PlotextPlot).display = room
        self.query_one("#burnup-fallback").display = not room

    @work
    async def action_record_value(self) -> None:
        from planner_tui.ui.flows import key_results

        await key_results.record_value(self.session, self.strategy_id, self.store.clock(),
                                       lambda change, strategy=None, tactic=None: self.show_chart())

    def action_leave(self) -> None:
        self.close(None)


def chart_start(data: Burnup) -> Date:
    return min([day for day, _ in data.actual + data.expected] + [data.today])


def chart_end(data: Burnup) -> Date:
    return max([day for day, _ in data.actual + data.expected] + [data.today])


def fallback_text(data: Burnup, palette: render.Palette) -> Text:
    """The chart's numbers as lines: too small a terminal for the chart."""
    lines = [Text("Too small a window for the chart; the last days:", style=render.style(palette, "label"))]
    for day, share in data.actual[-FALLBACK_POINTS:]:
        lines.append(_point_line(day, share, data.today))
    if data.horizon is not None:
        lines.append(Text(f"horizon {data.horizon.format('ddd D MMM YYYY')}", style=render.style(palette, "label")))
    return Text("\n").join(lines)


def _point_line(day: Date, share: float, today: Date) -> Text:
    text = Text(f"{day.format('ddd D MMM YY')}  {share:>4.0%}")
    if day == today:
        text.append("  today")
    return text

