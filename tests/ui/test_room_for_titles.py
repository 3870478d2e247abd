"""Room for titles at 80, 100 and 120 columns; health that reads without colour.

A plan of long titles: a strategy with a long why, reviewed at risk, with a
sub-strategy; tactics whose titles run past any column, one repeating. Pilot
tests assert what a person reads (plain text, no colour); the snapshots keep
how it looks at 80x24, 100x30 and 120x40.
"""

from __future__ import annotations

import pytest

from planner_tui.core import actions, review
from planner_tui.core.model import Health, TacticStatus
from planner_tui.ui import render
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.panes import DetailPane
from test_snapshots import settle
from ui_helpers import running, screen_text

LONG = "Coffee with the head of the design department about the open junior role"
LONG_REPEATING = "Weekly call with my mentor about the applications and the portfolio"
SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.fixture
def long_titles(store, moving, now):
    """`Get a good job in my field within five years` (reviewed at risk, due again)
    > `Build a portfolio people can see`; tactics with long titles."""
    store.clock = moving
    moving.at = now.subtract(days=30)
    job = actions.add_strategy(store, "Get a good job in my field within five years", horizon=now.date().add(years=5),
                               why="A job where I design things people use every day", review_every=14).new_ids[0]
    moving.at = now.subtract(days=20)
    review.record_review(store, job, Health.AT_RISK, "few applications out")
    moving.at = now
    portfolio = actions.add_strategy(store, "Build a portfolio people can see", parent=job,
                                     horizon=now.date().add(years=1)).new_ids[0]
    today = now.date()
    ids = {"job": job, "portfolio": portfolio}
    ids["long"] = actions.add_tactic(store, LONG, job, due=today.add(days=1)).new_ids[0]
    ids["repeating"] = actions.add_tactic(store, LONG_REPEATING, job, due=today.add(days=2),
                                          repeat="weekly").new_ids[0]
    ids["late"] = actions.add_tactic(store, "Rewrite the case study on the data visualisation project", portfolio,
                                     due=today.subtract(days=15)).new_ids[0]
    ids["later"] = actions.add_tactic(store, "Publish the site", portfolio, due=today.add(days=40)).new_ids[0]
    ids["doing"] = actions.add_tactic(store, "Read the five key papers on portfolio design and critique", job,
                                      due=today.add(days=9)).new_ids[0]
    actions.set_status(store, [ids["doing"]], TacticStatus.DOING)
    ids["undated"] = actions.add_tactic(store, "Ask two alumni for a coffee chat about their first year", job).new_ids[0]
    return ids


def title_shown(text: str, title: str) -> int:
    """How many leading characters of ``title`` the screen shows (cut with an ellipsis or not)."""
    return max(n for n in range(len(title) + 1) if title[:n] in text)


@pytest.mark.parametrize(("size", "at_least"), [((80, 24), 24), ((100, 30), 30), ((120, 40), 50)])
async def test_tactic_titles_get_the_room(store, long_titles, size, at_least):
    async with running(store, size) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert title_shown(shown, LONG) >= at_least, shown
        row = next(line for line in shown.splitlines() if LONG_REPEATING[:12] in line)
        assert "↻" in row  # the repeat mark survives the cut
        assert "tomorrow" in next(line for line in shown.splitlines() if LONG[:12] in line)
        assert "2w over" in shown and "◐" in shown and "doing" not in shown.split("╰")[0]


async def test_the_tree_shows_health_as_a_shape_pace_in_a_word_and_keeps_room_for_the_title(store, long_titles):
    async with running(store, (100, 30)) as (app, pilot):
        tree_row = next(line for line in screen_text(app).splitlines() if line.startswith("│") and "Get a good job" in line)
        tree_row = tree_row.split("││")[0]
        assert "△" in tree_row and "◷" in tree_row  # at risk, and due for review again
        assert "stalled" in tree_row  # nothing done in four weeks: said in a word
        assert title_shown(tree_row, "Get a good job in my field within five years") >= render.TITLE_ROOM - 1  # and "…"


async def test_the_detail_pane_shows_health_on_a_24_row_terminal(store, long_titles):
    async with running(store, (80, 24)) as (app, pilot):
        detail = app.screen.query_one(DetailPane)
        shown = screen_text(app)
        assert "health" in shown and "△ at risk at the last review" in shown
        assert "momentum" in shown
        assert detail.size.height < 7  # the short pane, not a tall one


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen_with_long_titles(snap_compare, long_titles, store, size):
    assert snap_compare(PlannerApp(store), terminal_size=size, run_before=settle())
