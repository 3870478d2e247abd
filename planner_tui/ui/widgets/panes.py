"""The small read-only panes: header line and detail pane.

They take plain data from the screen and build their text with render.py; the
detail pane's key results section draws itself (ui/widgets/key_results.py).
"""

from __future__ import annotations


from pendulum import Date, DateTime
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from planner_tui.core.model import Review, Strategy, Tactic
from planner_tui.core.views import DayCounts, Momentum
from planner_tui.ui import render
from planner_tui.ui.widgets.key_results import KeyResultLine, KeyResultsSection
from planner_tui.ui.widgets.palette import palette_of


class PlanHeader(Widget):
    """`planner plan.json   Sat 28 Nov 2026   2 overdue · 1 due today · ✓ 3-day streak`.

    The streak ends with ✓ when today's check-in is done, ○ while it is not.
    One widget drawing three parts (file, date centred, counts on the right),
    not three Statics in a row: each widget is styled before the first frame."""

    DATE_WIDTH = 17

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parts: tuple[Text, Text, Text] = (Text(), Text(), Text())

    def show(self, file_name: str, now: DateTime, counts: DayCounts, unsaved: int = 0,
             streak: int = 0, checked_in: bool = False) -> None:
        palette = palette_of(self)
        title = Text("planner ", style=render.style(palette, "heading"))
        title.append_text(render.literal(file_name, render.style(palette, "label")))
        line = self._counts(counts, unsaved, palette)
        line.append(" · ")
        line.append_text(self._streak(streak, checked_in, palette))
        parts = (title, Text(now.format("ddd D MMM YYYY")), line)
        if parts != self.parts:  # repaint only on change, and never a layout pass
            self.parts = parts
            self.refresh()

    @property
    def counts(self) -> Text:
        return self.parts[2]

    def render(self) -> Text:
        """The file takes a third of what the date leaves, the counts the rest."""
        width = self.content_region.width
        rest = max(0, width - self.DATE_WIDTH)
        title, date, counts = (part.copy() for part in self.parts)
        title.truncate(rest // 3, overflow="ellipsis", pad=True)
        date.align("center", min(self.DATE_WIDTH, width))
        counts.align("right", rest - rest // 3)
        return Text.assemble(title, date, counts, no_wrap=True, end="")

    @staticmethod
    def _counts(counts: DayCounts, unsaved: int, palette: render.Palette) -> Text:
        parts = []
        if unsaved:
            parts.append(Text(f"{unsaved} unsaved · ctrl+s", style=render.style(palette, "overdue")))
        parts.append(Text(f"{counts.overdue} overdue",
                          style=render.style(palette, "overdue" if counts.overdue else "muted")))
        parts.append(Text(f"{counts.today} due today",
                          style=render.style(palette, "today" if counts.today else "muted")))
        return Text(" · ").join(parts)


    @staticmethod
    def _streak(days: int, checked_in: bool, palette: render.Palette) -> Text:
        """`✓ 3-day streak` once today's check-in is done; `○ 3-day streak` until then."""
        words = f"{days}-day streak" if days else "no streak"
        if checked_in:
            return Text(f"✓ {words}", style=render.style(palette, "done"))
        return Text(f"○ {words}", style=render.style(palette, "soon" if days else "muted"))


class DetailText(Static):
    """The detail pane's text: the strategy's health, momentum, horizon and why, or the tactic's notes."""


class DetailPane(Widget):
    """The highlighted strategy's health, momentum, horizon and why, or the tactic's notes; beside a
    strategy's, its key results (a section of their own, hidden without any).

    Updated without a layout pass (`layout=False`): the pane has a fixed size, and a
    relayout of the screen cost a second frame (~25 ms) on every cursor move.
    """

    def compose(self) -> ComposeResult:
        yield DetailText(classes="detail-text")
        yield KeyResultsSection()

    @property
    def content(self):
        """What the text part shows (the key results section has its own)."""
        return self.query_one(DetailText).content

    def _show(self, text: Text, key_results: list[KeyResultLine] | None = None) -> None:
        detail = self.query_one(DetailText)
        if text != detail.content:
            detail.update(text, layout=False)
        self.query_one(KeyResultsSection).show(key_results or [])

    def show_strategy(self, strategy: Strategy, path: str, progress: render.Shown, momentum: Momentum,
                      now: DateTime, health: list[float] | None = None, last: Review | None = None,
                      next_due: Date | None = None, key_results: list[KeyResultLine] | None = None) -> None:
        self._show(render.strategy_detail(strategy, path, progress, momentum, now, palette_of(self),
                                          health, last, next_due), key_results)

    def show_tactic(self, tactic: Tactic, path: str, now: DateTime, soon_days: int = render.SOON_DAYS) -> None:
        """A deadline within ``soon_days`` is coloured soon."""
        self._show(render.tactic_detail(tactic, path, now, palette_of(self), soon_days))

    def show_nothing(self) -> None:
        self._show(Text("Nothing selected.", style="dim"))
