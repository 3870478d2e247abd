"""SVG snapshots of the main screens (pytest-textual-snapshot; fixed size and clock).

Update after a deliberate change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from planner_tui.core.model import Health
from planner_tui.core.review import record_review
from planner_tui.ui.app import PlannerApp
from ui_helpers import no_blink, type_text


def settle(*keys: str, theme: str | None = None, text: str = ""):
    """A run_before: press keys, type text, stop the cursor blinking."""

    async def run_before(pilot) -> None:
        if theme:
            pilot.app.theme = theme
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if text:
            await type_text(pilot, text)
        no_blink(pilot.app)
        await pilot.pause()

    return run_before


def test_populated_plan(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle("space", "j"))


def test_tactics_pane_focused(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30),
                        run_before=settle("j", "space", "l", "j", "j"))


def test_empty_plan_welcome(snap_compare, store):
    assert snap_compare(PlannerApp(store), terminal_size=(100, 30), run_before=settle())


def test_edit_dialog_with_deadline_preview(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30),
                        run_before=settle("space", "j", "a", text="Email the supervisor\tfri"))


def test_help_screen(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle("question_mark"))


def test_small_terminal_80x24(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(80, 24), run_before=settle("space", "j", "tab"))


def test_light_theme(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30),
                        run_before=settle("space", theme="textual-light"))


def test_overview(snap_compare, examples):
    """The strategic overview: two strategies reviewed at risk and off track come first."""
    roots = examples.plan.roots()
    record_review(examples, roots[1].id, Health.OFF_TRACK, "Buyers went quiet")
    record_review(examples, examples.plan.children(roots[0].id)[0].id, Health.AT_RISK, None)
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle("O"))


def test_detail_pane_with_key_results(snap_compare, examples):
    """The first example strategy measures applications sent and interviews had."""
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle())


def test_record_value_dialog_with_preview(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle("v", "enter", text="25"))


def test_burnup_chart(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=settle("B"))


def test_burnup_chart_80x24(snap_compare, examples):
    assert snap_compare(PlannerApp(examples), terminal_size=(80, 24), run_before=settle("B"))


def test_digest_screen(snap_compare, examples):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.action_digest("strategic")
        await settle()(pilot)

    assert snap_compare(PlannerApp(examples), terminal_size=(100, 30), run_before=run_before)
