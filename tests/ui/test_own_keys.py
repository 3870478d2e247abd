"""Your own keys in the app: the settings' [keys] table (core/keymap.py checks it) moves a
binding, the key bar and the help show the key it has now, and an entry that cannot be used
is told at start while that binding keeps its default."""

from __future__ import annotations

from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus
from planner_tui.core.settings import load_settings
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.key_bar import KeyBar
from ui_helpers import SIZE, notifications, reopen, statics_text


def app_with_keys(store: Store, tmp_path, keys: str) -> PlannerApp:
    """The app with a settings file holding ``keys`` (its [keys] table)."""
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_text(f"[keys]\n{keys}\n")
    return PlannerApp(store, settings=load_settings(path))


def key_bar_text(app) -> str:
    return "".join(piece.text for piece in app.screen.query_one(KeyBar).pieces)


async def test_a_remapped_key_does_the_work_and_the_help_and_key_bar_show_it(store, small, tmp_path):
    app = app_with_keys(store, tmp_path, 'done = "ctrl+d"\nhelp = "f1"')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not notifications(app)
        await pilot.press("tab")  # the tactics, on `one`
        await pilot.press("x")  # no longer `done`
        assert reopen(store).tactics[small["one"]].status is TacticStatus.TODO
        await pilot.press("ctrl+d")
        assert reopen(store).tactics[small["one"]].status is TacticStatus.DONE
        assert "^d done" in key_bar_text(app)
        await pilot.press("question_mark")  # no longer help
        assert "Keys  (esc closes)" not in statics_text(app)
        await pilot.press("f1")
        await pilot.pause()
        shown = statics_text(app)
        assert "ctrl+d" in shown and "Mark done" in shown
        line = next(line for line in shown.splitlines() if "Mark done" in line)
        assert line.split()[0] == "ctrl+d"


async def test_a_clash_is_told_at_start_and_both_keys_keep_their_defaults(store, small, tmp_path):
    app = app_with_keys(store, tmp_path, 'done = "a"\nnot-a-key = "z"')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        told = " ".join(notifications(app))
        assert "[keys] done = 'a': a is already the key of add-tactic" in told
        assert "keeps its default (x)" in told
        assert "'not-a-key' is not the id of a key" in told
        await pilot.press("tab")
        await pilot.press("x")  # done, as by default
        assert reopen(store).tactics[small["one"]].status is TacticStatus.DONE
        await pilot.press("question_mark")
        await pilot.pause()
        line = next(line for line in statics_text(app).splitlines() if "Mark done" in line)
        assert line.split()[0] == "x"
