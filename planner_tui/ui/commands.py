"""The command palette (ctrl+p): every action of the main screen, the commands only
the palette has (the digests: ui/keys.py PALETTE_ONLY), and "go to" any strategy or
tactic by title.

Titles are the person's text: prompts are built as `Content` from plain
strings (control characters as escapes, as everywhere: `user_text.visible`)
and highlighted by offsets, never through `Matcher.highlight`, which parses
markup.

The provider knows the screen it serves only as a `PlanView` (what it calls),
so the screen can name the provider without the two importing each other.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Iterable, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from planner_tui.core.plan import Plan
from planner_tui.core.user_text import visible
from planner_tui.core.views import find_titles, strategy_path
from planner_tui.ui.app_settings import app_settings
from planner_tui.ui.keys import PALETTE_ONLY, SCREEN_BINDINGS, display_keys

GOTO_LIMIT = 40


class PlanView(Protocol):
    """What the palette needs of the screen it is opened on (ui/screens/plan.py)."""

    @property
    def plan(self) -> Plan: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...

    async def run_action(self, action: str) -> Any: ...

    def go_to(self, strategy_id: int, tactic_id: int | None = None) -> None: ...

    def show_view(self, name: str) -> None: ...


def safe_highlight(matcher: Matcher, text: str) -> Content:
    """Like `Matcher.highlight`, but the text stays literal (control characters
    as escapes, as `render.literal` shows them)."""
    text = visible(text)
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(keys: str) -> Content:
    return Content(f"key: {keys}" if keys else "from the palette")


class PlanCommands(Provider):
    """Actions that apply right now, plus go-to hits for strategies and tactics."""

    @property
    def plan_screen(self) -> PlanView:
        return cast(PlanView, self.screen)

    def _actions(self) -> Iterable[tuple[str, str, str]]:
        """(title, action, keys) for each action the screen allows now."""
        screen = self.plan_screen
        keymap = app_settings(self.screen).keys
        for binding in SCREEN_BINDINGS:
            name, _, _ = binding.action.partition("(")
            if screen.check_action(name, ()) and binding.tooltip:
                yield binding.tooltip, binding.action, display_keys(binding, keymap)
        for title, action in PALETTE_ONLY:
            if screen.check_action(action.partition("(")[0], ()):
                yield title, action, ""

    def _views(self) -> Iterable[tuple[str, Any]]:
        """(title, callback) for each named view of the settings ([views.NAME])."""
        for name in app_settings(self.screen).views:
            yield f"View: {visible(name)}", partial(self.plan_screen.show_view, name)

    async def discover(self) -> Hits:
        for title, action, keys in self._actions():
            yield DiscoveryHit(Content(title), partial(self.plan_screen.run_action, action),
                               text=title, help=_help(keys))
        for title, show in self._views():
            yield DiscoveryHit(Content(title), show, text=title, help=Content("a view of the settings; esc leaves it"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, keys in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, title),
                          partial(self.plan_screen.run_action, action), text=title, help=_help(keys))
        for title, show in self._views():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, safe_highlight(matcher, title), show, text=title,
                          help=Content("a view of the settings; esc leaves it"))
        for hit in self._goto_hits(matcher, query):
            yield hit

    def _goto_hits(self, matcher: Matcher, query: str) -> Iterable[Hit]:
        """Strategies and tactics whose title contains the query (fast on big plans)."""
        if not query.strip():
            return
        screen = self.plan_screen
        plan = screen.plan
        strategies, tactics = find_titles(plan, query.strip(), GOTO_LIMIT)
        for strategy in strategies:
            yield Hit(matcher.match(strategy.title) or 0.5,
                      Content("Go to strategy: ") + safe_highlight(matcher, strategy.title),
                      partial(screen.go_to, strategy.id), text=f"Go to strategy: {visible(strategy.title)}",
                      help=Content(visible(strategy_path(plan, strategy.id))))
        for tactic in tactics:
            yield Hit(matcher.match(tactic.title) or 0.5,
                      Content("Go to tactic: ") + safe_highlight(matcher, tactic.title),
                      partial(screen.go_to, tactic.strategy, tactic.id),
                      text=f"Go to tactic: {visible(tactic.title)}",
                      help=Content(visible(strategy_path(plan, tactic.strategy))))
