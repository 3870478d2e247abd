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
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner_tui.core.checkin import Decision
from planner_tui.core.dates import describe
from planner_tui.core.model import Tactic
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

DECISION_MARK = {Decision.DONE: ("✓ done", "done"), Decision.START: ("◐ started", "doing"),
                 Decision.PUSH: ("→ pushed", "soon"), Decision.RESCHEDULE: ("↷ moved", "soon"),
                 Decision.DROP: ("✗ dropped", "dropped"), Decision.SKIP: ("· skipped", "muted")}
MARK_WIDTH = 10
DEADLINE_WIDTH = 15
OWNER_WIDTH = 22
NARROW = 60  # below this the strategy column goes


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
        Binding("enter", "select", "finish", tooltip="Finish the check-in"),
    ]

    @dataclass
    class Finished(Message):
        """Enter: the person is done deciding in ``checkin_list``."""

        checkin_list: CheckinList

        @property
        def control(self) -> CheckinList:
            return self.checkin_list

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.now: DateTime | None = None
        self.soon_days = render.SOON_DAYS
        self.rows: dict[int, CheckinRow] = {}
        self._fitted = 0
        self._deadline_width = DEADLINE_WIDTH

    def show(self, groups: list[tuple[str, list[CheckinRow], int]], now: DateTime,
             soon_days: int = render.SOON_DAYS) -> None:
        """Replace every row; the cursor goes to the first undecided tactic.

        Each group is its title, the rows to show and how many there are in all;
        a deadline within ``soon_days`` is coloured soon.
        """
        self.now, self.soon_days = now, soon_days
        self._fitted = self._line_width()
        self.rows = {row.tactic.id: row for _, rows, _ in groups for row in rows}
        self._deadline_width = min(DEADLINE_WIDTH, max(
            (len(describe(row.tactic.due, now)) for row in self.rows.values() if row.tactic.due), default=1))
        options: list[Option] = []
        for title, rows, total in groups:
            options.append(Option(self._heading(title, len(rows), total), disabled=True))
            options.extend(Option(self._prompt(row), id=f"t{row.tactic.id}") for row in rows)
        self.set_options(options)
        first = next((row for _, rows, _ in groups for row in rows if row.decision is None), None)
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
        self.post_message(self.Finished(self))

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked

    # -- drawing -----------------------------------------------------------------------

    def _heading(self, title: str, shown: int, total: int) -> Text:
        palette = palette_of(self)
        heading = Text()
        heading.append(title, style=render.style(palette, "heading"))
        more = f" · the {shown} most pressing here, all of them in the plan" if total > shown else ""
        heading.append(f"  {total:,}{more}", style=render.style(palette, "label"))
        return heading

    def _prompt(self, row: CheckinRow) -> Text:
        """One line fitted to the list's width: mark, title, deadline, strategy.

        Plain `Text` cut to width (not a table): the list measures every option,
        and a check-in on a big plan has hundreds.
        """
        palette, tactic, width = palette_of(self), row.tactic, self._line_width()
        owner_width = min(OWNER_WIDTH, width // 5) if width >= NARROW else 0
        deadline = render.deadline_cell(tactic, self.now, palette, self.soon_days)
        deadline.truncate(self._deadline_width)
        deadline.pad_left(self._deadline_width - deadline.cell_len)
        title = self._title(tactic, palette)
        title.truncate(max(8, width - MARK_WIDTH - self._deadline_width - owner_width - 3),
                       overflow="ellipsis", pad=True)
        mark = self._mark(row.decision, palette)
        mark.truncate(MARK_WIDTH, pad=True)
        line = Text.assemble(mark, " ", title, " ", deadline, no_wrap=True, end="")
        if owner_width:
            owner = render.literal(row.owner, render.style(palette, "label"))
            owner.truncate(owner_width, overflow="ellipsis")
            line.append(" ")
            line.append_text(owner)
        return line

    def _line_width(self) -> int:
        """The width options are drawn in (guessed from the screen before the first layout)."""
        width = self.scrollable_content_region.width
        return width if width > 0 else max(40, self.app.size.width - 5)

    def on_resize(self) -> None:
        """Fit the lines again when the width changed (the terminal was resized)."""
        width = self._line_width()
        if width != self._fitted:
            self._fitted = width
            for row in self.rows.values():
                self.replace_option_prompt(f"t{row.tactic.id}", self._prompt(row))

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
