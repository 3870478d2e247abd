"""Where the CLI prints: a terminal (a width, maybe colours) or a pipe or file (plain lines).

`Screen` is the one place that tells them apart, so every command prints the
same way and a test can switch. Rich decides, as for everything it prints: stdout
being a tty, or TTY_COMPATIBLE=1 / FORCE_COLOR set (a terminal however it is
reached), TTY_COMPATIBLE=0 (never), NO_COLOR and TERM=dumb (no colour), COLUMNS
(the width). When none of those is set and stdout is no tty, Rich is not even
imported (~15 ms that a script piping `planner today` would pay for nothing).

In a pipe a line is never wrapped, padded or coloured: `planner list | grep x`
finds every title whole. On a terminal lines fit its width.

What is printed comes as pieces, ``(text, Rich style)`` pairs: the text is a
person's words and is never read as markup.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

Piece = tuple[str, str]  # text, Rich style
MARK = "\0"


class Screen:
    """stdout as the CLI sees it: ``width`` is None in a pipe; `paint` colours on a terminal."""

    def __init__(self, file: TextIO | None = None):
        self.file = file or sys.stdout
        self.console: Console | None = None if _surely_a_pipe(self.file) else _console(self.file)
        self.is_terminal = self.console is not None and self.console.is_terminal
        self.width: int | None = self.console.width if self.is_terminal else None
        self._codes: dict[str, tuple[str, str]] = {}
        self._system = None
        if self.is_terminal and self.console.color_system:
            from rich.console import COLOR_SYSTEMS

            self._system = COLOR_SYSTEMS[self.console.color_system]

    def paint(self, text: str, style: str) -> str:
        """``text`` in ``style`` (a Rich style such as "bold red"): escape codes only on a
        colour terminal, worked out once per style."""
        if not style or self._system is None or not text:
            return text
        codes = self._codes.get(style)
        if codes is None:
            from rich.style import Style

            parsed = Style.parse(style)
            if self.console.no_color:
                parsed = parsed.without_color
            start, _, end = parsed.render(MARK, color_system=self._system).partition(MARK)
            codes = self._codes[style] = (start, end)
        return f"{codes[0]}{text}{codes[1]}"

    @property
    def colours(self) -> bool:
        return self._system is not None

    def say(self, *pieces: Piece) -> None:
        """One message: wrapped at the width on a terminal, one plain line in a pipe;
        never with trailing spaces."""
        if self.is_terminal:
            from rich.text import Text

            lines = self.wrap(Text.assemble(*pieces), self.width)
            write(self.file, "".join(self.rendered(line) + "\n" for line in lines))
        else:
            write(self.file, "".join(text for text, _ in pieces).rstrip() + "\n")

    def write_lines(self, lines: list[str]) -> None:
        if lines:
            write(self.file, "\n".join(lines) + "\n")

    def wrap(self, text: Text, width: int) -> list[Text]:
        """``text`` broken into lines of at most ``width`` cells (a long word is folded),
        without the spaces they were broken at."""
        lines = list(text.wrap(self.console, width, overflow="fold"))
        for line in lines:
            line.rstrip()
        return lines

    def rendered(self, text: Text) -> str:
        """``text`` with its styles as escape codes (plain when colour is off)."""
        return "".join(self.paint(part.text, str(part.style or "")) for part in text.render(self.console))


def write(file: TextIO, text: str) -> None:
    """Write; when the reader has gone (`planner list | head -1`), stop quietly with
    exit 0: what was asked for was read. What is still buffered goes to /dev/null."""
    try:
        file.write(text)
        file.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), file.fileno())
        raise click.exceptions.Exit(0) from None


def _surely_a_pipe(file: TextIO) -> bool:
    """What Rich would call no terminal, told without importing it: none of its
    overrides is set and the file is no tty."""
    if os.environ.get("TTY_COMPATIBLE") in ("0", "1") or "FORCE_COLOR" in os.environ:
        return os.environ.get("TTY_COMPATIBLE") == "0"
    isatty = getattr(file, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # closed
        return True


def _console(file: TextIO) -> Console:
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=False)
