"""Keys typed faster than the app draws (a fast typist, tmux, a paste of keystrokes) land
where the person meant: the letters after a tab go to the next field, not the one left.

Each key is posted to the app at once, as a terminal delivers a burst, and only then is
the app let run: the order of the queue is all that decides where each letter goes."""

from __future__ import annotations

from textual import events

from planner_tui.ui.dialogs.forms import FormDialog
from ui_helpers import reopen, running


async def burst(app, text: str) -> None:
    for char in text:
        key = {"\t": "tab", "\n": "enter"}.get(char, char)
        app.post_message(events.Key(key, None if key in ("tab", "enter") else char))


async def test_letters_typed_right_after_tab_go_to_the_next_field(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab", "a")  # a new tactic for Alpha
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await burst(app, "Write the report\ttomorrow")
        await pilot.pause()
        fields = [field.value for field in app.screen.query("Input")]
        assert fields[:2] == ["Write the report", "tomorrow"], fields
        await pilot.press("enter")
        await pilot.pause()
    added = [t for t in reopen(store).tactics.values() if t.title == "Write the report"]
    assert len(added) == 1 and added[0].due == store.clock().date().add(days=1)


async def test_keys_typed_right_after_tab_go_to_the_tactics(store, small):
    """tab then x at once: x marks the highlighted tactic, not the strategy left behind."""
    async with running(store) as (app, pilot):
        await burst(app, "\tx")
        await pilot.pause()
    plan = reopen(store)
    assert plan.tactics[small["one"]].status.value == "done"
    assert plan.strategies[small["goal"]].status.value == "active"
