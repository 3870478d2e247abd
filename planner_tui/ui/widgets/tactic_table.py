"""The tactics of the highlighted strategy, one `DataTable` row each.

The screen hands over the rows to show (already filtered, sorted and limited
by core/views); the table turns them into cells with `render.tactic_cells`.
When the same tactics come back in the same order (a status or deadline
changed), only the cells that differ are updated, so marking a tactic done
does not rebuild the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pendulum import DateTime
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from planner_tui.core.model import Tactic
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

MIN_TITLE = 12
PAGE = 60
WIDE = 64


@dataclass(frozen=True)
class Layout:
    """Column widths for a table width: below `WIDE` cells the status is a glyph
    and the sub-strategy goes after the title instead of in its own column."""

    with_owner: bool
    status: int
    title: int
    deadline: int
    owner: int

    @property
    def compact(self) -> bool:
        return self.status < 9

    @classmethod
    def fit(cls, width: int, with_owner: bool, padding: int) -> Layout:
        wide = width >= WIDE
        status, deadline = (9 if wide else 1), 16
        owner = 18 if with_owner and width >= WIDE + 16 else 0
        columns = 3 + bool(owner)
        title = width - status - deadline - owner - 2 * padding * columns - 2
        return cls(with_owner, status, max(MIN_TITLE, title), deadline, owner)


class TacticTable(DataTable):
    """Tactic rows keyed by tactic id; posts `Left` to go back to the tree."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "First", show=False),
        Binding("G,end", "scroll_bottom", "Last", show=False),
        Binding("ctrl+f", "page_down", "Page down", show=False),
        Binding("ctrl+b", "page_up", "Page up", show=False),
        Binding("h,left", "left", "Strategies", show=False),
        Binding("l,right", "noop", show=False),
        Binding("enter", "choose", "Edit", show=False),
    ]

    class Left(Message):
        """The person wants to go back to the strategy tree."""

    class Chosen(Message):
        """Enter on a row: the person wants to edit that tactic."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.tactics: list[Tactic] = []
        self._cells: dict[int, tuple[Text, ...]] = {}
        self._layout: Layout | None = None
        self._now: DateTime | None = None
        self._owners: dict[int, str] | None = None

    @property
    def tactic_id(self) -> int | None:
        """The highlighted tactic's id, or None when the table is empty."""
        if not self.tactics or not 0 <= self.cursor_row < min(len(self.tactics), self.row_count):
            return None
        return self.tactics[self.cursor_row].id

    def show(self, tactics: list[Tactic], now: DateTime, owners: dict[int, str] | None = None,
             keep: int | None = None) -> None:
        """Show these tactics; ``owners`` (tactic id -> strategy title) says which
        sub-strategy each serves; the cursor stays on ``keep`` (a tactic id) or on
        the same row number. Rows are added a page at a time (`PAGE`), the rest as
        the cursor or the scrollbar gets near them, so a swap costs one screenful."""
        row = self.cursor_row
        self._now, self._owners = now, owners
        self._ensure_columns(owners is not None)
        if [t.id for t in tactics] == [t.id for t in self.tactics]:
            self.tactics = list(tactics)
            self._update_changed(self.row_count)
        else:
            self.clear()
            self.tactics, self._cells = list(tactics), {}
            ids = [t.id for t in tactics]
            wanted = ids.index(keep) + 1 if keep in ids else row + 1
            self._add_rows(max(PAGE, wanted + PAGE // 2))
        self._put_cursor(keep, row)

    def forget_cells(self) -> None:
        """The next `show` rebuilds every row (the theme changed)."""
        self.tactics = []

    def _cells_for(self, tactic: Tactic) -> tuple[Text, ...]:
        layout, owners = self._layout, self._owners
        return render.tactic_cells(tactic, self._now, palette_of(self),
                                   owners.get(tactic.id) if owners else None,
                                   owner_column=layout.owner > 0, compact=layout.compact, width=layout.title)

    def _add_rows(self, upto: int) -> None:
        """Add rows until ``upto`` rows are in the table (or all of them are)."""
        for tactic in self.tactics[self.row_count:upto]:
            cells = self._cells[tactic.id] = self._cells_for(tactic)
            self.add_row(*cells, key=str(tactic.id))

    def _update_changed(self, count: int) -> None:
        """Same rows in the same order: update only the cells that differ."""
        keys = [column.key for column in self.ordered_columns]
        for tactic in self.tactics[:count]:
            old, new = self._cells.get(tactic.id, ()), self._cells_for(tactic)
            for key, before, after in zip(keys, old, new):
                if before != after:
                    self.update_cell(str(tactic.id), key, after)
            self._cells[tactic.id] = new

    def _put_cursor(self, keep: int | None, row: int) -> None:
        ids = [t.id for t in self.tactics[:self.row_count]]
        if keep in ids:
            row = ids.index(keep)
        if ids:
            self.move_cursor(row=max(0, min(row, len(ids) - 1)), animate=False)

    # -- more rows as they come near ----------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Near the last added row: add the next page (the message goes on to the screen)."""
        if event.cursor_row >= self.row_count - PAGE // 4:
            self._add_rows(self.row_count + PAGE)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.max_scroll_y - new < PAGE // 4 and self.row_count < len(self.tactics):
            self._add_rows(self.row_count + PAGE)

    def action_scroll_bottom(self) -> None:
        self._add_rows(len(self.tactics))
        super().action_scroll_bottom()

    # -- columns fitted to the width -------------------------------------------------------

    def _ensure_columns(self, with_owner: bool) -> Layout:
        """(Re)make the columns when the owner column comes or goes or the width changed."""
        layout = Layout.fit(self._width(), with_owner, self.cell_padding)
        if layout == self._layout:
            return layout
        self._layout = layout
        self.clear(columns=True)
        self.tactics, self._cells = [], {}
        self.add_column("" if layout.compact else "status", width=layout.status, key="status")
        self.add_column("tactic", width=layout.title, key="title")
        self.add_column("deadline", width=layout.deadline, key="deadline")
        if layout.owner:
            self.add_column("strategy", width=layout.owner, key="strategy")
        return layout

    def _width(self) -> int:
        """Our width; before the first layout, what it will be (the screen's width less
        the fixed-width siblings), so the very first frame already shows the rows."""
        if self.size.width or self.parent is None:
            return self.size.width
        screen = self.app.size
        used = sum(max(int(sibling.styles.width.resolve(screen, screen)),
                       int(sibling.styles.min_width.resolve(screen, screen)) if sibling.styles.min_width else 0)
                   for sibling in self.parent.children
                   if sibling is not self and sibling.styles.width is not None and sibling.display)
        return max(0, screen.width - used - self.styles.gutter.width)

    def on_resize(self, event: events.Resize) -> None:
        """Titles take the room there is: rebuild when the width changes."""
        if self._layout is not None and self._now is not None:
            if Layout.fit(self.size.width, self._layout.with_owner, self.cell_padding) != self._layout:
                tactics, keep = self.tactics, self.tactic_id
                self.tactics = []
                self.show(tactics, self._now, self._owners, keep)

    def action_choose(self) -> None:
        if self.tactic_id is not None:
            self.post_message(self.Chosen())

    def action_left(self) -> None:
        self.post_message(self.Left())

    def action_noop(self) -> None:
        """Right does nothing here (rows are the unit), rather than scroll sideways."""
