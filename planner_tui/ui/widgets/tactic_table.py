"""The tactics of the highlighted strategy: a light table drawn line by line.

Why not `DataTable`: it renders every visible cell again after any change
(an `update_cell` or a `clear` invalidates all of its caches), which made
marking a tactic done or moving in the tree cost one to two extra frames on
10k plans. This widget uses Textual's line API: `render_line` builds a row
only when it is on screen, caches it per tactic, and a change to one tactic
redraws one row. The screen hands over every row (filtered and sorted by
core/views, each tactic built when read): a 20k-tactic subtree costs what is on
screen, and `G` reaches its last row as fast as in a small one. Cells come from
`render.tactic_cells`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Mapping, NamedTuple

from pendulum import DateTime
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner_tui.core.dates import COMPACT_CELLS
from planner_tui.core.model import Tactic
from planner_tui.core.views import Rows
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

MIN_TITLE = 12
ROOM_BESIDE_OWNER = 40  # title cells the strategy column must leave: titles come first
OWNER = 18
STATUS = 1  # a glyph: ○ ◐ ● ✗
GAP = 2
HEADER = 1
CACHE_ROWS = 5000


class Layout(NamedTuple):
    """Column widths for a table width: a one-cell status glyph, the title, the
    compact deadline (core/dates.py `compact_deadline`), and the sub-strategy's
    column when the title keeps `ROOM_BESIDE_OWNER` cells beside it (else the
    sub-strategy follows the title, in the room the title leaves)."""

    with_owner: bool
    title: int
    owner: int

    @classmethod
    def fit(cls, width: int, with_owner: bool) -> Layout:
        title = width - 1 - STATUS - COMPACT_CELLS - 2 * GAP  # 1: the row's leading space
        owner = OWNER if with_owner and title - OWNER - GAP >= ROOM_BESIDE_OWNER else 0
        if owner:
            title -= OWNER + GAP
        return cls(with_owner, max(MIN_TITLE, title), owner)

    def widths(self) -> list[int]:
        return [STATUS, self.title, COMPACT_CELLS] + ([self.owner] if self.owner else [])


class TacticTable(ScrollView, can_focus=True):
    """Tactic rows with a cursor; posts `Left` and `Chosen`, the screen does the rest.

    ``cursor_row`` is reactive: the screen watches it to update the detail pane in
    the same frame as the cursor.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tactic-table--header", "tactic-table--cursor", "tactic-table--cursor-blurred"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("ctrl+f,pagedown", "page(1)", "Page down", show=False),
        Binding("ctrl+b,pageup", "page(-1)", "Page up", show=False),
        Binding("h,left", "left", "Strategies", show=False),
        Binding("enter", "choose", "Edit", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)

    @dataclass
    class Left(Message):
        """The person wants to go back from ``table`` to the strategy tree."""

        table: TacticTable

        @property
        def control(self) -> TacticTable:
            return self.table

    @dataclass
    class Chosen(Message):
        """Enter on a row: the person wants to edit ``tactic_id``."""

        table: TacticTable
        tactic_id: int

        @property
        def control(self) -> TacticTable:
            return self.table

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tactics: Rows | list[Tactic] = []
        self._ids: list[int] = []
        self.columns: Layout | None = None
        self._now: DateTime | None = None
        self._owners: Mapping[int, str] | None = None
        self._soon_days = render.SOON_DAYS
        self._rows: dict[int, tuple[Tactic, str | None, Text]] = {}
        self._strips: dict[tuple[int, bool], tuple[Text, Strip]] = {}
        self._base = Style()

    # -- what the screen calls -----------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.tactics)

    @property
    def tactic_id(self) -> int | None:
        """The highlighted tactic's id, or None when the table is empty."""
        return self._id_at(self.cursor_row)

    def show(self, tactics: Rows | list[Tactic], now: DateTime, owners: Mapping[int, str] | None = None,
             keep: int | None = None, soon_days: int = render.SOON_DAYS) -> None:
        """Show these tactics; ``owners`` (tactic id -> strategy title) says which
        sub-strategy each serves; the cursor stays on ``keep`` (a tactic id) or on the
        same row number. Rows of unchanged tactics keep their rendering. A deadline
        within ``soon_days`` is coloured soon. Only rows drawn are read from ``tactics``
        (`Rows` builds a tactic when it is read)."""
        row, before = self.cursor_row, self._ids
        layout = Layout.fit(self._width(), owners is not None)
        same_look = layout == self.columns and (owners is None) == (self._owners is None) and self._now is not None \
            and now.date() == self._now.date() and soon_days == self._soon_days
        if not same_look or len(self._rows) > CACHE_ROWS:
            self._rows.clear()
            self._strips.clear()
        self.columns, self._now, self._owners, self._soon_days = layout, now, owners, soon_days
        self.tactics = tactics
        self._ids = ids = tactics.ids if isinstance(tactics, Rows) else [t.id for t in tactics]
        if keep in ids:
            row = ids.index(keep)
        self.virtual_size = Size(self._width(), len(ids) + HEADER)
        self.move_cursor(max(0, min(row, len(ids) - 1)))
        if same_look and ids == before:
            self._refresh_changed()
        else:
            self.refresh()

    def _refresh_changed(self) -> None:
        """Same rows in the same order: repaint only the rows on screen whose tactic
        (or the sub-strategy it serves) changed. Rows off screen are compared when
        they scroll in (`_row_text`)."""
        top = int(self.scroll_offset.y)
        for index in range(top, min(len(self._ids), top + self.size.height)):
            tactic_id = self._ids[index]
            drawn = self._rows.get(tactic_id)
            if drawn is None or drawn[0] is not self.tactics[index] or drawn[1] != self._owner_of(tactic_id):
                self.refresh_line(index + HEADER)

    def _owner_of(self, tactic_id: int) -> str | None:
        return self._owners.get(tactic_id) if self._owners is not None else None

    def forget_cells(self) -> None:
        """Render every row again (the theme changed)."""
        self._rows.clear()
        self._strips.clear()
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row
        self._scroll_to_cursor()

    # -- rows ----------------------------------------------------------------------------------

    def _row_text(self, tactic: Tactic) -> Text:
        """One row as a line of text, cached while the tactic object is the same
        (the plan replaces a tactic's object when it changes)."""
        cached = self._rows.get(tactic.id)
        owner = self._owner_of(tactic.id)
        if cached is not None and cached[0] is tactic and cached[1] == owner:
            return cached[2]
        layout = self.columns
        cells = render.tactic_cells(tactic, self._now, palette_of(self), owner, owner_column=layout.owner > 0,
                                    width=layout.title, soon_days=self._soon_days)
        text = self._join(cells)
        self._rows[tactic.id] = (tactic, owner, text)
        return text

    def _join(self, cells) -> Text:
        line = Text(" ", no_wrap=True, end="")
        for index, (cell, width) in enumerate(zip(cells, self.columns.widths())):
            if index:
                line.append(" " * GAP)
            cell = cell.copy()
            cell.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        return line

    def _header(self) -> Text:
        names = ["", "tactic", "due", "strategy"]
        return self._join([Text(name) for name in names])

    def render_lines(self, crop):
        """The widget's style, once per paint rather than once per line."""
        self._base = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base
        if self.columns is None:
            return Strip.blank(width, base)
        if y < HEADER:
            header = self._header()
            header.stylize(self.get_component_rich_style("tactic-table--header"))
            return self._strip(header, width, base)
        index = int(self.scroll_offset.y) + y - HEADER
        if index >= len(self.tactics):
            return Strip.blank(width, base)
        tactic = self.tactics[index]
        cursor = index == self.cursor_row
        text = self._row_text(tactic)
        cached = self._strips.get((tactic.id, cursor))
        if cached is not None and cached[0] is text and cached[1].cell_length == width:
            return cached[1]
        shown = text
        if cursor:
            shown = text.copy()
            name = "tactic-table--cursor" if self.has_focus else "tactic-table--cursor-blurred"
            shown.stylize(self.get_component_rich_style(name))
        strip = self._strip(shown, width, base)
        self._strips[(tactic.id, cursor)] = (text, strip)
        return strip

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console, end=""))
        strip = Strip(Segment.apply_style(segments, base), text.cell_len)
        return strip.adjust_cell_length(width, base)

    # -- cursor and scrolling --------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Only the two rows that changed look are drawn again."""
        self._strips.pop((self._id_at(old), True), None)
        self._strips.pop((self._id_at(new), False), None)
        for row in (old, new):
            self.refresh_line(row + HEADER)

    def _id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - HEADER)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    def _width(self) -> int:
        """Our width; before the first layout, what it will be (the screen's width less
        the fixed-width siblings), so the very first frame already shows the rows."""
        if self.size.width or self.parent is None:
            return self.scrollable_content_region.width
        screen = self.app.size
        used = sum(max(int(sibling.styles.width.resolve(screen, screen)),
                       int(sibling.styles.min_width.resolve(screen, screen)) if sibling.styles.min_width else 0)
                   for sibling in self.parent.children
                   if sibling is not self and sibling.styles.width is not None and sibling.display)
        return max(0, screen.width - used - self.styles.gutter.width - 1)

    def on_resize(self, event: events.Resize) -> None:
        """Titles take the room there is: lay the columns out again when the width changes."""
        if self._now is not None and Layout.fit(self._width(), self._owners is not None) != self.columns:
            self.show(self.tactics, self._now, self._owners, self.tactic_id, self._soon_days)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on that row (and focuses the table)."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER:
            return
        row = int(self.scroll_offset.y) + offset.y - HEADER
        if 0 <= row < len(self.tactics):
            self.move_cursor(row)

    # -- keys ------------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.tactics:
            self.move_cursor(max(0, min(len(self.tactics) - 1, self.cursor_row + step)))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - HEADER - 1))

    def action_first(self) -> None:
        self.action_cursor(-len(self.tactics))

    def action_last(self) -> None:
        self.action_cursor(len(self.tactics))

    def action_choose(self) -> None:
        if self.tactic_id is not None:
            self.post_message(self.Chosen(self, self.tactic_id))

    def action_left(self) -> None:
        self.post_message(self.Left(self))
