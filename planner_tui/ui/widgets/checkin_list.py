"""The check-in's list: tactics under group headings, each with today's decision.

The screen hands over the groups (plain model objects and the decision already
made about each); the list draws them and moves its cursor. Headings are
disabled options, so the cursor skips them. Enter posts `Finished`; a click
only moves the cursor (finishing is never an accident).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pendulum import DateTime
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner_tui.core.checkin import GROUP_TITLES, Decision
from planner_tui.core.model import Tactic
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

DECISION_MARK = {Decision.DONE: ("✓ done", "done"), Decision.START: ("◐ started", "doing"),
                 Decision.PUSH: ("→ pushed", "soon"), Decision.RESCHEDULE: ("↷ moved", "soon"),
                 Decision.DROP: ("✗ dropped", "dropped"), Decision.SKIP: ("· skipped", "muted")}
MARK_WIDTH = 10
OWNER_WIDTH = 22


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One tactic as the list shows it: the tactic, the strategy it serves, today's decision."""

    tactic: Tactic
    owner: str
    decision: Decision | None = None


class CheckinList(OptionList):
    """Rows keyed `t<id>`; `tactic_id` is the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class Finished(Message):
        """Enter: the person is done deciding."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.now: DateTime | None = None
        self.rows: dict[int, CheckinRow] = {}

    def show(self, groups: list[tuple[str, list[CheckinRow]]], now: DateTime) -> None:
        """Replace every row; the cursor goes to the first undecided tactic."""
        self.now = now
        self.rows = {row.tactic.id: row for _, rows in groups for row in rows}
        options: list[Option] = []
        for name, rows in groups:
            options.append(Option(self._heading(name, len(rows)), disabled=True))
            options.extend(Option(self._prompt(row), id=f"t{row.tactic.id}") for row in rows)
        self.set_options(options)
        first = next((row for _, rows in groups for row in rows if row.decision is None), None)
        if first is not None:
            self.highlighted = self.get_option_index(f"t{first.tactic.id}")

    def update_row(self, row: CheckinRow) -> None:
        """Redraw one tactic after a decision (its title, deadline or mark changed)."""
        self.rows[row.tactic.id] = row
        self.replace_option_prompt(f"t{row.tactic.id}", self._prompt(row))

    @property
    def tactic_id(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id is None or option.disabled:
            return None
        return int(option.id[1:])

    def advance(self) -> bool:
        """Move to the next tactic; False when the highlighted one was the last."""
        if self.highlighted is None:
            return False
        for index in range(self.highlighted + 1, self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return True
        return False

    def action_select(self) -> None:
        self.post_message(self.Finished())

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked

    # -- drawing -----------------------------------------------------------------------

    def _heading(self, name: str, count: int) -> Text:
        palette = palette_of(self)
        heading = Text()
        heading.append(GROUP_TITLES[name], style=render.style(palette, "heading"))
        heading.append(f"  {count}", style=render.style(palette, "label"))
        return heading

    def _prompt(self, row: CheckinRow) -> Table:
        palette, tactic = palette_of(self), row.tactic
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=MARK_WIDTH, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(width=OWNER_WIDTH, no_wrap=True, overflow="ellipsis")
        grid.add_row(self._mark(row.decision, palette), self._title(tactic, palette),
                     render.deadline_cell(tactic, self.now, palette),
                     render.literal(row.owner, render.style(palette, "label")))
        return grid

    @staticmethod
    def _mark(decision: Decision | None, palette: render.Palette) -> Text:
        if decision is None:
            return Text("")
        words, name = DECISION_MARK[decision]
        return Text(words, style=render.style(palette, name))

    @staticmethod
    def _title(tactic: Tactic, palette: render.Palette) -> Text:
        line = render.status_cell(tactic.status, palette, compact=True)
        line.append(" ")
        line.append_text(render.title_cell(tactic, palette))
        return line
