"""Listings (`planner list`, `planner today`, `planner review --due`) printed a row at a time.

Rich lays out a `Table` by measuring every cell of every row: about 2 s for
the 2,500 rows of a big agenda. A listing's columns are simple (an id, a title,
maybe the strategy it serves, a few facts on the right), so they are measured
once and each row is written as it comes:

- in a pipe or a file (here): one line per row, cells joined by two spaces,
  never padded, wrapped or coloured, so that grep and awk see each row whole;
- on a terminal (cli/fitted.py): columns fitted to the width.
"""

from __future__ import annotations

from planner_tui.cli.rows import Heading, Line, plain
from planner_tui.cli.screen import Screen

CHUNK = 1000  # rows per write


def print_rows(screen: Screen, rows: list[Line], aside_width: int = 24) -> None:
    """Every row, fitted to the terminal or one plain line each. The aside takes
    at most ``aside_width`` cells, and a fifth of the terminal."""
    if screen.width is None:
        for start in range(0, len(rows), CHUNK):
            screen.write_lines([_plain_line(row) for row in rows[start:start + CHUNK]])
        return
    from planner_tui.cli.fitted import Columns

    lines = Columns(screen, rows, aside_width).lines
    for start in range(0, len(rows), CHUNK):
        screen.write_lines([line for row in rows[start:start + CHUNK] for line in lines(row)])


def _plain_line(row: Line) -> str:
    """`t4   [ ] Title  its strategy  in 3 days`: cells joined by two spaces."""
    if row.__class__ is Heading:
        return row.text
    line = f"{row.key} {'  ' * row.depth}{row.lead[0]}{plain(row.body)}"
    if row.aside:
        line += "  " + row.aside
    facts = plain(row.facts)
    return f"{line}  {facts}" if facts else line
