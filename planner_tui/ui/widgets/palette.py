"""Theme colours for `render.py`, taken from the theme's variables.

Urgency red, progress green and the muted labels come from the current
theme ($text-error, $text-warning, $success, $foreground over $surface...), so
every built-in theme, light ones included, colours the plan its own way.

Why not component classes in planner.tcss: sixteen of them on each themed
widget made every restyle (mount, focus change) compute sixteen extra style
sets per widget, about half of the time to the first frame. One palette per
theme, cached, costs nothing after the first use.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color, ColorParseError
from textual.widget import Widget

from planner_tui.ui.render import Palette

_CACHE: dict[tuple[str, int], Palette] = {}


def palette_of(widget: Widget) -> Palette:
    """Name -> Rich style for the app's current theme."""
    app = widget.app
    key = (app.theme, id(app))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = build_palette(app.theme_variables or app.get_css_variables())
    return _CACHE[key]


def build_palette(variables: dict[str, str]) -> Palette:
    """The styles render.py names, from a theme's CSS variables."""

    def colour(name: str) -> str | None:
        try:
            return Color.parse(variables[name]).rich_color.name if variables.get(name) else None
        except (ColorParseError, KeyError):
            return None

    def faded(share: float) -> str | None:
        """The foreground mixed into the panes' surface: muted, yet readable in any theme."""
        try:
            foreground, surface = Color.parse(variables["foreground"]), Color.parse(variables["surface"])
            return surface.blend(foreground, share).rich_color.name
        except (ColorParseError, KeyError, ValueError):
            return None

    def style(color: str | None, **attributes) -> Style:
        """A faded colour, or dim text where the theme has no colours to mix (ANSI)."""
        return Style(color=color, dim=color is None, **attributes)

    return {
        "overdue": Style(color=colour("text-error"), bold=True),
        "today": Style(color=colour("text-warning"), bold=True),
        "soon": Style(color=colour("text-warning")),
        "later": Style(),
        "nodate": style(faded(0.55)),
        "todo": Style(),
        "doing": Style(color=colour("text-accent")),
        "done": Style(color=colour("text-success")),
        "dropped": style(faded(0.45), strike=True),
        "achieved": Style(color=colour("text-success"), bold=True),
        "wish": Style(color=colour("text-warning"), italic=True),
        "bar": Style(color=colour("success")),
        "bar-empty": style(faded(0.35)),
        "muted": style(faded(0.55)),
        "heading": Style(bold=True),
        "label": style(faded(0.6)),
    }
