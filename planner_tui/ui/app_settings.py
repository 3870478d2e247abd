"""The settings a screen or widget goes by: the running app's, so tests and the app agree.

`PlannerApp` reads settings.toml once (tests hand it their own); nothing in
the UI reads the file again. A widget tried out in a bare Textual app gets the
defaults.
"""

from __future__ import annotations

from pendulum import DateTime
from textual.dom import DOMNode

from planner_tui.core.day import Day
from planner_tui.core.settings import Settings


def app_settings(node: DOMNode) -> Settings:
    """``node.app.settings``, or the defaults when the app has none."""
    settings = getattr(node.app, "settings", None)
    return settings if isinstance(settings, Settings) else Settings()


def app_day(node: DOMNode, now: DateTime) -> Day:
    """Today as the person sees it at ``now`` (core/day.py), by the app's settings: the
    one value the screens judge deadlines, the agenda and the streak by."""
    return Day.of(app_settings(node), now)
