"""The app among its side files: a broken view state does not stop it (it is set aside, and
a notification says so, literally); the theme saved into a settings file that is a link
keeps the link; the view state is never written through a link planted in its place."""

from __future__ import annotations

import os

import pytest

from planner_tui.core import actions
from planner_tui.core.settings import load_settings
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from ui_helpers import SIZE, notifications, running


@pytest.mark.parametrize("content", ['{"expanded": [Infinity]}', '{"expanded": [1], "strategy": "[/]"}'])
async def test_a_broken_view_state_is_set_aside_and_the_app_opens(store, small, content):
    path = UiState.path_for(store.path)
    path.write_text(content)
    async with running(store) as (app, pilot):
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).cursor_node is not None  # the plan is up
        (said,) = [n for n in notifications(app) if "view state" in n]
        aside = list(store.path.parent.glob("plan.json.ui.json.broken-*"))
        assert len(aside) == 1 and aside[0].read_text() == content
        assert said.startswith(f"The app's view state {path} cannot be used")
        assert f"set aside as {aside[0].name}" in said
        await pilot.press("space")  # the view works and is remembered again
        await pilot.pause()
    assert path.is_file() and not path.is_symlink()


@pytest.mark.parametrize("planted", ["before the app opens", "while it runs"])
async def test_the_view_state_is_not_written_through_a_planted_link(store, small, tmp_path, planted):
    victim = tmp_path / "victim"
    victim.write_text("someone else's file")
    path = UiState.path_for(store.path)
    if planted == "before the app opens":
        os.symlink(victim, path)
    async with running(store) as (app, pilot):
        if planted == "while it runs":
            os.symlink(victim, path)
        await pilot.press("space")  # expanding a strategy saves the view
        await pilot.pause()
        warned = any("is a symbolic link" in n for n in notifications(app))
    assert warned == (planted == "before the app opens")  # a link read as the view state is said
    assert victim.read_text() == "someone else's file"
    assert path.is_file() and not path.is_symlink()
    assert UiState.load(store.path).expanded == {small["goal"]}


async def test_the_theme_is_saved_through_a_settings_file_that_is_a_link(store, tmp_path):
    """A dotfiles manager (stow, chezmoi) keeps settings.toml as a link into its repository."""
    actions.add_strategy(store, "Goal")
    real = tmp_path / "dotfiles" / "planner" / "settings.toml"
    real.parent.mkdir(parents=True)
    real.write_text('# mine\nsoon_days = 3\n', "utf-8")
    link = tmp_path / "config" / "planner-tui" / "settings.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)

    app = PlannerApp(store, settings=load_settings(link))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
        assert not [n for n in notifications(app) if "not saved" in n.lower()]

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text("utf-8") == '# mine\nsoon_days = 3\ntheme = "nord"\n'
    assert [p.name for p in link.parent.iterdir()] == ["settings.toml"]  # no temp file left beside the link
    assert sorted(p.name for p in real.parent.iterdir()) == ["settings.toml"]
