"""A calendar heat map: weeks as columns, Monday to Sunday as rows, one cell a day.

It draws core's `HeatMap` (plain data) and nothing else, with the marks and
month row of core/history_text.py (`planner checkin --history` prints the same
as text): `■` a day with a check-in, `□` work done without one, `-` a rest day
or a day away (the streak steps over it), `·` none of those;
the colour deepens with how much was done. Colours are mixed from the theme's
success colour into the surface, so light themes work too.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.widgets import Static

from planner_tui.core import history_text
from planner_tui.core.checkin import HEAT_LEVELS, HeatDay, HeatMap
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

SHARES = (0.0, 0.35, 0.55, 0.78, 1.0)


def heat_styles(variables: dict[str, str]) -> list[Style]:
    """Level 0..4: the success colour mixed into the surface, deeper with each level."""
    try:
        surface, success = Color.parse(variables["surface"]), Color.parse(variables["success"])
        foreground = Color.parse(variables["foreground"])
    except (ColorParseError, KeyError, ValueError):
        return [Style(dim=True)] + [Style(color="green", bold=level > 2) for level in range(1, 5)]
    zero = Style(color=surface.blend(foreground, 0.45).rich_color.name)
    return [zero] + [Style(color=surface.blend(success, share).rich_color.name) for share in SHARES[1:]]


class HeatMapView(Static):
    """`show(heat)` draws the map with month names above and a legend below."""

    def show(self, heat: HeatMap) -> None:
        self.update(self.draw(heat))

    def draw(self, heat: HeatMap) -> Text:
        app = self.app
        levels = heat_styles(app.theme_variables or app.get_css_variables())
        label = render.style(palette_of(self), "label")
        lines = [Text(history_text.month_row(heat), style=label)]
        for weekday in range(7):
            line = Text()
            line.append(history_text.day_label(weekday), style=label)
            for week in heat.weeks:
                line.append_text(self._cell(week[weekday], levels, label))
            lines.append(line)
        lines.append(self._legend(heat, levels, label))
        return Text("\n").join(lines)

    @staticmethod
    def _cell(day: HeatDay, levels: list[Style], label) -> Text:
        if day.future:
            return Text(history_text.mark(day))
        return Text(history_text.mark(day), style=levels[day.level] if day.done or day.checked_in else label)

    @staticmethod
    def _legend(heat: HeatMap, levels: list[Style], label) -> Text:
        legend = Text()
        legend.append(" " * history_text.LABEL_WIDTH + "less ", style=label)
        for level in range(HEAT_LEVELS + 1):
            legend.append("■ ", style=levels[level])
        legend.append(f"more   {history_text.key(heat)}", style=label)
        return legend
