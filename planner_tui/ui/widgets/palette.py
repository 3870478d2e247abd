"""Theme colours for `render.py`, taken from component classes.

Each widget that draws plan data declares these component classes and gets
the `themed` CSS class; planner.tcss maps them to theme variables ($error,
$warning, $success...), so every built-in theme colours urgency its own way.
"""

from __future__ import annotations

from textual.widget import Widget

from planner_tui.ui.render import STYLE_NAMES, Palette

PALETTE_CLASSES = {f"pl--{name}" for name in STYLE_NAMES}


def palette_of(widget: Widget) -> Palette:
    """Name -> Rich style, as the current theme and stylesheet say."""
    return {name: widget.get_component_rich_style(f"pl--{name}", partial=True)
            for name in STYLE_NAMES}
