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
from planner_tui.ui.widgets.palette import PALETTE_CLASSES, palette_of

MIN_TITLE = 12
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

    COMPONENT_CLASSES: ClassVar[set[str]] = set(PALETTE_CLASSES)
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
        if not self.tactics or not 0 <= self.cursor_row < len(self.tactics):
            return None
        return self.tactics[self.cursor_row].id

    def show(self, tactics: list[Tactic], now: DateTime, owners: dict[int, str] | None = None,
             keep: int | None = None) -> None:
        """Show these tactics; ``owners`` (tactic id -> strategy title) says which
        sub-strategy each serves; the cursor stays on ``keep`` (a tactic id) or on
        the same row number."""
        row = self.cursor_row
        self._now, self._owners = now, owners
        layout = self._ensure_columns(owners is not None)
        palette = palette_of(self)
        cells = {t.id: render.tactic_cells(t, now, palette, owners.get(t.id) if owners else None,
                                           owner_column=layout.owner > 0, compact=layout.compact,
                                           width=layout.title)
                 for t in tactics}
        if [t.id for t in tactics] == [t.id for t in self.tactics] and self.row_count == len(tactics):
            self._update_changed(cells)
        else:
            self.clear()
            self.add_rows_keyed(tactics, cells)
        self.tactics, self._cells = list(tactics), cells
        self._put_cursor(keep, row)

    def forget_cells(self) -> None:
        """The next `show` rebuilds every row (the theme changed)."""
        self.tactics = []

    def add_rows_keyed(self, tactics: list[Tactic], cells: dict[int, tuple[Text, ...]]) -> None:
        for tactic in tactics:
            self.add_row(*cells[tactic.id], key=str(tactic.id))

    def _update_changed(self, cells: dict[int, tuple[Text, ...]]) -> None:
        keys = [column.key for column in self.ordered_columns]
        for tactic_id, new in cells.items():
            old = self._cells.get(tactic_id, ())
            for key, before, after in zip(keys, old, new):
                if before != after:
                    self.update_cell(str(tactic_id), key, after)

    def _put_cursor(self, keep: int | None, row: int) -> None:
        ids = [t.id for t in self.tactics]
        if keep in ids:
            row = ids.index(keep)
        if self.tactics:
            self.move_cursor(row=max(0, min(row, len(ids) - 1)), animate=False)

    # -- columns fitted to the width -------------------------------------------------------

    def _ensure_columns(self, with_owner: bool) -> Layout:
        """(Re)make the columns when the owner column comes or goes or the width changed."""
        layout = Layout.fit(self.size.width, with_owner, self.cell_padding)
        if layout == self._layout:
            return layout
        self._layout = layout
        self.clear(columns=True)
        self.tactics = []
        self.add_column("" if layout.compact else "status", width=layout.status, key="status")
        self.add_column("tactic", width=layout.title, key="title")
        self.add_column("deadline", width=layout.deadline, key="deadline")
        if layout.owner:
            self.add_column("strategy", width=layout.owner, key="strategy")
        return layout

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
