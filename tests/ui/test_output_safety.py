"""No control character a plan holds reaches the terminal raw through the app.

The plan (`hostile`, tests/conftest.py) holds ESC c, BEL, CSI, OSC 8, RLO,
NEL and NUL in every text field, as a hand-edited file could. What the
screen shows holds their escapes (`\\x1b`) instead; a line being edited
shows each as one character (␛), so the cursor stays on its character.
"""

from __future__ import annotations

from planner_tui.ui.app import PlannerApp
from planner_tui.ui.dialogs.forms import FormDialog
from ui_helpers import notifications, palette_settled, reopen, running, screen_text, type_text, until

BIG = (200, 50)


async def test_tree_table_and_details_show_escapes(store, hostile):
    async with running(store, BIG) as (app, pilot):
        hostile.defused(screen_text(app), "Goal", "why")  # the tree, the detail pane's why
        await pilot.press("space", "j")
        hostile.defused(screen_text(app), "Part")
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        hostile.defused(shown, "Task", "notes", "tactics · Part")  # the table, the notes, its border
        assert "serves" in shown and f"Goal {hostile.shown[:12]}" in shown  # the strategy's path


async def test_an_edit_dialog_draws_each_control_as_one_character(store, hostile):
    async with running(store, BIG) as (app, pilot):
        await pilot.press("space", "j", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        shown = screen_text(app)
        hostile.defused(shown)
        assert "Edit tactic  Task" in shown  # the heading, then the escapes (wrapped)
        assert "␛]8;;␛\\�evil�end␀" in shown  # the title field, scrolled to its end
        assert "first line␊" in shown and "notes ␛c␇␛[31mred" in shown  # the notes: a line break
        await pilot.press("escape")
    assert reopen(store).tactics[hostile.ids["task"]].title == f"Task {hostile.text}"  # untouched


async def test_notifications_quote_titles_with_escapes(store, hostile):
    async with running(store, BIG) as (app, pilot):
        await pilot.press("space", "j", "enter", "D")
        await pilot.pause()
        said = "\n".join(notifications(app))
        hostile.defused(said, "Deleted Task", whole=True)
        shown = screen_text(app)
        hostile.defused(shown)
        assert "Deleted Task" in shown  # the toast wraps the escapes onto its next lines


async def test_check_in_history_and_review_show_escapes(store, hostile):
    for start, labels in (("checkin", ["Task"]), ("history", ["day"]), ("review", ["Goal", "review"])):
        app = PlannerApp(store, start=start)
        async with app.run_test(size=BIG, notifications=True) as pilot:
            await pilot.pause()
            hostile.defused(screen_text(app), *labels)
            if start == "checkin":  # today's note, in the line being edited
                assert "day ␛c␇␛[31mred" in screen_text(app)


async def test_the_command_palette_shows_escapes(store, hostile):
    async with running(store, BIG) as (app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, "Task")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        hostile.defused(screen_text(app), "Go to tactic: Task")
