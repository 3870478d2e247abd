"""Owners, tags and views in the app: `@ana` and `#launch` in the search (core/filters.py
`find`), `w` for "my work" (the settings' owner), and the settings' named views from the
palette. A tactic without an owner is its strategy's, as everywhere."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from planner_tui.core import actions
from planner_tui.core.filters import FilterSpec
from planner_tui.core.settings import LoadedSettings, Settings
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import SIZE, notifications, palette_settled, titles, type_text, until


@pytest.fixture
def team(store):
    """Goal (ana) > Alpha (#site: `one` is ana's by inheritance, `two` bob's),
    Beta (bob: `three` is bob's by inheritance, `four` ana's, #launch)."""
    goal = actions.add_strategy(store, "Goal", owner="ana").new_ids[0]
    alpha = actions.add_strategy(store, "Alpha", parent=goal, tags=["site"]).new_ids[0]
    beta = actions.add_strategy(store, "Beta", parent=goal, owner="bob").new_ids[0]
    actions.add_tactic(store, "one", alpha)
    actions.add_tactic(store, "two", alpha, owner="bob")
    actions.add_tactic(store, "three", beta)
    actions.add_tactic(store, "four", beta, owner="ana", tags=["launch"])
    return {"goal": goal, "alpha": alpha, "beta": beta}


def app_with(store, tmp_path, **values) -> PlannerApp:
    return PlannerApp(store, settings=LoadedSettings(Settings(**values), tmp_path / "settings.toml"))


def shown(app) -> dict[str, set[str]]:
    """Each strategy the tree shows, with the tactics its row shows (its own only)."""
    screen = app.screen
    tree, table = screen.query_one(StrategyTree), screen.query_one(TacticTable)
    found = {}
    for sid in tree.strategy_nodes:
        screen.go_to(sid)
        found[screen.plan.strategies[sid].title] = set(titles(table.tactics))
    return found


async def search(app, pilot, query: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, query)
    await pilot.press("enter")


@pytest.mark.parametrize("query, expected", [
    ("@ana", {"Goal": set(), "Alpha": {"one"}, "Beta": {"four"}}),
    ("@bob", {"Goal": set(), "Alpha": {"two"}, "Beta": {"three"}}),
    ("#launch", {"Goal": set(), "Beta": {"four"}}),
    ("#site", {"Goal": set(), "Alpha": {"one", "two"}}),
    ("@ana #site", {"Goal": set(), "Alpha": {"one"}}),
    ("@ana fo", {"Goal": set(), "Beta": {"four"}}),
    ("@nobody", {}),
])
async def test_the_search_reads_owners_and_tags(store, team, tmp_path, query, expected):
    app = app_with(store, tmp_path, owner="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.ui.include_sub = False  # each row its own tactics
        await search(app, pilot, query)
        assert shown(app) == expected


async def test_w_shows_my_work_and_esc_the_whole_plan(store, team, tmp_path):
    app = app_with(store, tmp_path, owner="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.ui.include_sub = False
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "@me"
        assert shown(app) == {"Goal": set(), "Alpha": {"one"}, "Beta": {"four"}}
        await pilot.press("escape")
        assert app.screen.search is None and app.screen.view is None
        assert set(shown(app)) == {"Goal", "Alpha", "Beta"}


async def test_my_work_without_an_owner_in_the_settings_says_how_to_set_one(store, team, tmp_path):
    app = app_with(store, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert any('owner = "your-name"' in message for message in notifications(app))
        assert app.screen.search is None


async def test_a_named_view_from_the_palette_narrows_the_plan_and_the_search_within_it(store, team, tmp_path):
    views = MappingProxyType({"mine": FilterSpec(owner="me"), "launch": FilterSpec(tags=("launch",))})
    app = app_with(store, tmp_path, owner="ana", views=views)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.ui.include_sub = False
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "view: mine")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == {"Goal": set(), "Alpha": {"one"}, "Beta": {"four"}}
        assert "view mine" in str(app.screen.query_one(StrategyTree).border_subtitle)
        await search(app, pilot, "on")  # words within the view
        assert shown(app) == {"Goal": set(), "Alpha": {"one"}}
        await pilot.press("escape")
        assert app.screen.search is None and app.screen.view is None
        assert set(shown(app)) == {"Goal", "Alpha", "Beta"}


async def test_at_me_without_an_owner_is_told_once_and_the_words_are_searched(store, team, tmp_path):
    app = app_with(store, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await search(app, pilot, "@me tw")
        told = [message for message in notifications(app) if "none is set" in message]
        assert len(told) == 1
        assert app.screen.search.tactic_hits == set()  # "@me tw" is in no title
