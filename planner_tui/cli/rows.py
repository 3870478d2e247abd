"""The rows of a listing: what `planner list`, `planner today` and `planner review --due`
print, as plain data (cli/listing.py writes them to a pipe, cli/fitted.py to a terminal)."""

from __future__ import annotations

from typing import NamedTuple, Union

from planner_tui.cli.screen import Piece


class Row(NamedTuple):
    key: str
    body: tuple[Piece, ...]
    facts: tuple[Piece, ...] = ()
    aside: str = ""  # one short text between the body and the facts (a strategy's title)
    depth: int = 0  # the body is indented by two cells per level
    lead: Piece = ("", "")  # before the body, not repeated when it wraps (a status mark)


class Heading(NamedTuple):
    text: str
    style: str = "bold underline"


Line = Union[Row, Heading]


def plain(pieces: tuple[Piece, ...]) -> str:
    if len(pieces) == 1:  # a title, a deadline: most cells (called twice a row, 10k rows)
        return pieces[0][0]
    return "".join([text for text, _ in pieces])
