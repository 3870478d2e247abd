"""An `Input` that never draws a control character raw.

What it edits may hold what one line cannot show: a note's line breaks (typed
in the CLI, imported from Markdown) or, from an old or hand-edited file, an
escape character. Drawn raw they would move the terminal's cursor or be
obeyed. Each is drawn as one visible character (`user_text.one_cell`), so
the cursor stays on the character it is on, and the value itself is kept
exactly: editing a tactic's title does not flatten its notes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from planner_tui.core.user_text import one_cell


class LineInput(Input):
    """`Input` with its value drawn through `one_cell`."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(one_cell(self.value), no_wrap=True, overflow="ignore", end="")
