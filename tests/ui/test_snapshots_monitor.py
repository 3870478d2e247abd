"""SVG snapshots of the check-in, its history heat map and the review (fixed size and clock).

The plan has 20 weeks of history, made in one transaction relative to the frozen
day, so the pictures are the same on any day in any time zone. Update after a
deliberate change with
`pytest tests/ui/test_snapshots_monitor.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

import pytest

from planner_tui.core import actions
from planner_tui.core.examples import add_history, add_reviews
from planner_tui.ui.app import PlannerApp
from ui_helpers import no_blink, type_text


def settle(*keys: str, text: str = ""):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if text:
            await type_text(pilot, text)
        no_blink(pilot.app)
        await pilot.pause()

    return run_before


@pytest.fixture
def lived_in(examples, now):
    """The example plans with 20 weeks of check-ins and work done."""
    add_history(examples, now)
    return examples


@pytest.fixture
def due_reviews(examples, now):
    """Two example strategies made 45 days ago and last reviewed 31 days ago."""
    add_reviews(examples, now, ("on-track", "at-risk", "off-track"), "Fix [/] later")
    return examples


def test_check_in_half_way(snap_compare, lived_in):
    assert snap_compare(PlannerApp(lived_in, start="checkin"), terminal_size=(100, 30),
                        run_before=settle("x", "p", "s", "r", text="fri"))


def test_check_in_80x24(snap_compare, examples):
    assert snap_compare(PlannerApp(examples, start="checkin"), terminal_size=(80, 24),
                        run_before=settle("x", "j"))


def test_check_in_calm_day(snap_compare, store):
    actions.add_strategy(store, "Rest well")
    assert snap_compare(PlannerApp(store, start="checkin"), terminal_size=(100, 30),
                        run_before=settle(text="read a book"))


def test_check_in_history_heat_map(snap_compare, lived_in):
    assert snap_compare(PlannerApp(lived_in, start="history"), terminal_size=(100, 40),
                        run_before=settle())


def test_review_screen(snap_compare, due_reviews):
    assert snap_compare(PlannerApp(due_reviews, start="review"), terminal_size=(100, 30),
                        run_before=settle())


def test_review_after_picking(snap_compare, due_reviews):
    assert snap_compare(PlannerApp(due_reviews, start="review"), terminal_size=(100, 30),
                        run_before=settle("2", text="Hiring is slow [again]"))


def test_review_nothing_due_light_theme(snap_compare, examples):
    app = PlannerApp(examples, start="review")

    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


