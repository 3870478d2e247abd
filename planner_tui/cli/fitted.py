"""A listing's rows fitted to a terminal (cli/listing.py prints them).

Ids right-aligned; the title wrapped to the room left (a long word folded,
later lines hanging under the title, past its status mark); the aside cut
with … in a column of its own; the facts right-aligned; colours. Without an
aside each row's facts take only their own room: a tactic's `in 3 days`
leaves its title more than a strategy's progress and horizon. Nothing is
written after the last cell (no trailing spaces).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from planner_tui.cli.rows import Heading, Line, Row, plain
from planner_tui.cli.screen import Piece, Screen

MIN_BODY = 16  # cells a title keeps however narrow the terminal
ASIDE_STYLE = "dim italic"


class Columns:
    """The column widths of one listing on one terminal, and its rows as lines."""

    def __init__(self, screen: Screen, rows: list[Line], aside_width: int):
        entries = [row for row in rows if row.__class__ is Row]
        self.screen = screen
        self.key = max((len(row.key) for row in entries), default=0)
        widest_aside = max((cells(row.aside) for row in entries), default=0)
        self.aside = min(aside_width, screen.width // 5, widest_aside)
        self.facts = max((cells(plain(facts)) for facts in {row.facts for row in entries}), default=0)
        self.body = screen.width - self.key - 1 - _with_gap(self.aside) - _with_gap(self.facts)
        if self.body < MIN_BODY:  # a narrow terminal: the aside and the facts give way
            short = MIN_BODY - self.body
            self.aside, short = _give(self.aside, short)
            self.facts, short = _give(self.facts, short)
            self.body = MIN_BODY - short
        self._painted: dict[tuple, tuple[str, int]] = {}  # listings repeat their facts and marks

    def lines(self, row: Line) -> list[str]:
        if row.__class__ is Heading:
            return [" " * (self.key + 1) + self.screen.paint(row.text, row.style)]
        lead, lead_cells = self._paint((row.lead,))
        indent = min(2 * row.depth, self.body // 2)  # a deep tree still shows its titles
        facts, facts_cells = self._facts(row.facts)
        # With an aside the facts keep their column; without, only this row's room.
        facts_room = self.facts if self.aside else facts_cells
        room = max(MIN_BODY // 4, self.screen.width - self.key - 1 - indent - lead_cells
                   - _with_gap(self.aside) - _with_gap(facts_room))
        body, used = self._body(row.body, room)
        first = f"{self.screen.paint(row.key.rjust(self.key), 'dim')} {' ' * indent}{lead}{body[0]}"
        right = self._right(row.aside, facts, facts_room - facts_cells)
        if right:
            first += " " * (room - used) + right
        hanging = " " * (self.key + 1 + indent + lead_cells)
        return [first] + [hanging + line for line in body[1:]]

    def _body(self, pieces: tuple[Piece, ...], room: int) -> tuple[list[str], int]:
        """The body's lines, painted, and the cells its first one takes."""
        painted, used = self._paint(pieces, remember=False)
        if used <= room:
            return [painted], used
        wrapped = self.screen.wrap(Text.assemble(*pieces), room)
        return [self.screen.rendered(line) for line in wrapped], wrapped[0].cell_len

    def _right(self, aside: str, facts: str, facts_pad: int) -> str:
        """The aside and the facts, each in its column; nothing after the last one (no trailing spaces)."""
        if not facts and not aside:
            return ""
        right = ""
        if self.aside:
            cut = _cut(aside, self.aside)
            right += " " + self.screen.paint(cut, ASIDE_STYLE)
            if facts:
                right += " " * (self.aside - cells(cut))
        return right + (" " + " " * facts_pad + facts if facts else "")

    def _facts(self, facts: tuple[Piece, ...]) -> tuple[str, int]:
        """The facts painted (cut with … on a narrow terminal) and their width in cells."""
        painted, width = self._paint(facts)
        if width > self.facts:
            cut = _cut(plain(facts), self.facts)
            return cut, cells(cut)
        return painted, width

    def _paint(self, pieces: tuple[Piece, ...], remember: bool = True) -> tuple[str, int]:
        """Pieces with their colours, and their width in cells."""
        found = self._painted.get(pieces) if remember else None
        if found is None:
            paint = self.screen.paint
            found = ("".join(paint(text, style) for text, style in pieces), cells(plain(pieces)))
            if remember:
                self._painted[pieces] = found
        return found


def cells(text: str) -> int:
    """Cells ``text`` takes on a terminal: its length when it is ASCII (nearly always)."""
    return len(text) if text.isascii() else cell_len(text)


def _with_gap(width: int) -> int:
    return width + 1 if width else 0


def _give(width: int, short: int) -> tuple[int, int]:
    """Shrink a column by up to ``short`` cells (keeping 4); what is still missing."""
    given = min(short, max(0, width - 4))
    return width - given, short - given


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut with … when longer."""
    if cells(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"
