"""The app's view is a second old; another terminal writes meanwhile. What the app saves
is decided from the file as it is now, and writes what the person changed only.

The second writer is the real command line (`planner --db F ...` in a subprocess, on the
real clock: it only writes absolute dates) or a second Store on the file, as another
app window; the screen has not polled since, as between two of its once-a-second polls.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from rich.text import Text
from textual.widgets import Input, Static

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.core.file.store import Store
from planner_tui.ui.dialogs.conflict import ConflictDialog
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import notifications, plain, reopen, replace_text, running, screen_text, type_text

PLANNER = Path(sys.executable).with_name("planner")
THEIRS = pendulum.date(2031, 1, 15)


def planner(db: Path, *args: str) -> None:
    """The real CLI in another process, as in a second terminal."""
    done = subprocess.run([str(PLANNER), "--db", str(db), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def saved(store: Store, tactic_id: int) -> dict:
    return json.loads(store.path.read_text())["tactics"][str(tactic_id)]


async def open_edit_on_one(app, pilot, small, down: int = 0) -> None:
    await pilot.press("tab", *["j"] * down, "enter")  # t1 'one' (due tomorrow: the first row): enter edits it
    assert isinstance(app.screen, FormDialog) and app.screen.query_one("#title", Input).value == "one"


async def test_a_title_edit_keeps_the_deadline_another_terminal_set_meanwhile(store, small):
    async with running(store) as (app, pilot):
        await open_edit_on_one(app, pilot, small)
        planner(store.path, "due", f"t{small['one']}", THEIRS.isoformat())
        await replace_text(pilot, "one, renamed")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    doc = saved(store, small["one"])
    assert (doc["title"], doc["due"]) == ("one, renamed", THEIRS.isoformat())


async def conflicting_edit(app, pilot, store, small, now) -> None:
    """Title and deadline changed here; the deadline also in another terminal."""
    await open_edit_on_one(app, pilot, small)
    planner(store.path, "due", f"t{small['one']}", THEIRS.isoformat())
    await replace_text(pilot, "one, renamed")
    await pilot.press("tab")
    await replace_text(pilot, "2030-06-01")
    await pilot.press("enter")
    await pilot.pause()


async def test_a_deadline_changed_here_and_in_another_terminal_is_told_with_the_three_values(store, small, now):
    async with running(store) as (app, pilot):
        await conflicting_edit(app, pilot, store, small, now)
        assert isinstance(app.screen, ConflictDialog)
        told = plain(app.screen.query_one(".dialog-question", Static).content)
        started = now.date().add(days=1).isoformat()
        assert told.split() == f"you started from it is now you typed deadline {started} 2031-01-15 2030-06-01".split()
        assert "Tactic t1 'one'" in screen_text(app)
    assert saved(store, small["one"])["title"] == "one"  # nothing written until the person chooses


@pytest.mark.parametrize("key, title, due", [
    ("m", "one, renamed", "2030-06-01"),   # keep mine
    ("t", "one, renamed", "2031-01-15"),   # take theirs: their deadline, my title
], ids=["keep mine", "take theirs"])
async def test_each_way_out_of_the_conflict(store, small, now, key, title, due):
    async with running(store) as (app, pilot):
        await conflicting_edit(app, pilot, store, small, now)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictDialog, FormDialog))
        await pilot.press("u")  # one undo takes back what was saved, leaving theirs
        await pilot.pause()
        doc = saved(store, small["one"])
        assert (doc["title"], doc["due"]) == ("one", "2031-01-15")
        await pilot.press("ctrl+r")
        await pilot.pause()
    doc = saved(store, small["one"])
    assert (doc["title"], doc["due"]) == (title, due)


async def test_back_to_editing_keeps_everything_typed_then_enter_saves_it(store, small, now):
    async with running(store) as (app, pilot):
        await conflicting_edit(app, pilot, store, small, now)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#title", Input).value == "one, renamed"
        assert app.screen.query_one("#due Input", Input).value == "2030-06-01"
        error = plain(app.screen.query_one(".dialog-error", Static).content)
        assert "Changed elsewhere: deadline is now 2031-01-15. Enter saves what you typed" in error
        assert saved(store, small["one"])["title"] == "one"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    doc = saved(store, small["one"])
    assert (doc["title"], doc["due"]) == ("one, renamed", "2030-06-01")


async def test_escape_from_the_conflict_then_escape_leaves_theirs(store, small, now):
    async with running(store) as (app, pilot):
        await conflicting_edit(app, pilot, store, small, now)
        await pilot.press("escape", "escape")
        await pilot.pause()
    doc = saved(store, small["one"])
    assert (doc["title"], doc["due"]) == ("one", "2031-01-15")


async def test_a_timed_deadline_of_another_zone_is_kept_exactly_when_only_the_title_changes(store, small, now):
    timed = pendulum.datetime(2027, 3, 1, 9, 30, 15, tz="Asia/Kolkata")
    actions.reschedule(store, [small["one"]], timed)
    async with running(store) as (app, pilot):
        await open_edit_on_one(app, pilot, small, down=1)  # 'two', in 3 days, comes first now
        await replace_text(pilot, "one, renamed")
        await pilot.press("enter")
        await pilot.pause()
    assert saved(store, small["one"])["due"] == to_iso(timed) == "2027-03-01T09:30:15+05:30[Asia/Kolkata]"


async def test_x_on_a_tactic_the_screen_shows_open_never_reopens_one_done_elsewhere(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab")
        planner(store.path, "done", f"t{small['one']}")
        await pilot.press("x")
        await pilot.pause()
        assert reopen(store).tactics[small["one"]].status.value == "done"
        assert not isinstance(app.screen, ConflictDialog)
        assert app.screen.query_one(TacticTable).tactics[0].status.value == "done"  # the screen caught up


async def test_x_on_a_tactic_dropped_elsewhere_asks(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("tab")
        planner(store.path, "drop", f"t{small['one']}")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("m")
        await pilot.pause()
    assert reopen(store).tactics[small["one"]].status.value == "done"


# -- decisions made under the lock ------------------------------------------------------------------


async def test_deleting_a_strategy_takes_the_tactic_another_terminal_just_added_and_undo_brings_both(store, small):
    async with running(store) as (app, pilot):
        planner(store.path, "add", "Added a second ago", "--to", f"s{small['beta']}")
        late = max(reopen(store).tactics)
        await pilot.press("D", "y")  # the whole plan: Goal with Alpha, Beta and their tactics
        await pilot.pause()
        after = reopen(store)
        assert after.strategies == {} and late not in after.tactics and not after.tactics
        await pilot.press("u")
        await pilot.pause()
    back = reopen(store)
    assert back.tactics[late].strategy == small["beta"] and len(back.strategies) == 3
    listed = subprocess.run([str(PLANNER), "--db", str(store.path), "list", "--json"], capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert "Added a second ago" in listed.stdout


async def test_adding_to_a_strategy_deleted_in_another_window_is_refused_and_the_screen_catches_up(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "j")  # Beta
        actions.delete_strategy(Store(store.path, clock=store.clock), small["beta"])  # another window
        await pilot.press("a")
        await replace_text(pilot, "Orphan")
        await pilot.press("enter")
        await pilot.pause()
        error = plain(app.screen.query_one(".dialog-error", Static).content)
        assert error.startswith(f"No strategy s{small['beta']} in the plan (deleted elsewhere meanwhile?)")
        await pilot.press("escape")
        await pilot.pause()
    assert "Orphan" not in [t.title for t in reopen(store).tactics.values()]


async def test_a_move_refused_because_of_another_window_s_move_says_why(store, small):
    """Alpha goes under Beta here, while another window put Beta under Alpha: refused, no loop."""
    async with running(store) as (app, pilot):
        await pilot.press("space", "j")  # Alpha
        await pilot.press("m")
        await type_text(pilot, "Beta")  # the picker lists Beta: not under Alpha when it opened
        actions.move_strategy(Store(store.path, clock=store.clock), small["beta"], small["alpha"])
        await pilot.press("enter")
        await pilot.pause()
        assert any("cannot move under itself or one of its sub-strategies" in n for n in notifications(app))
    plan = reopen(store)
    assert plan.strategies[small["alpha"]].parent == small["goal"]
    assert plan.strategies[small["beta"]].parent == small["alpha"]


async def test_redo_after_another_window_moved_the_other_way_is_refused_and_nothing_vanishes(store, small, tmp_path):
    """Here Beta goes under Alpha, then u; another window puts Alpha under Beta; U here would loop."""
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "j", "m")  # Beta
        await type_text(pilot, "Alpha")
        await pilot.press("enter")
        await pilot.pause()
        assert reopen(store).strategies[small["beta"]].parent == small["alpha"]
        await pilot.press("u")
        await pilot.pause()
        actions.move_strategy(Store(store.path, clock=store.clock), small["alpha"], small["beta"])
        before = store.path.read_bytes()
        await pilot.press("U")
        await pilot.pause()
        assert notifications(app)[-1] == (
            f"Cannot redo 'move s{small['beta']}': the plan has changed since (strategy {small['alpha']} 'Alpha' "
            f"is now under strategy {small['beta']} 'Beta', so this would put strategy {small['beta']} 'Beta' "
            f"under strategy {small['alpha']} 'Alpha': a loop). Nothing was changed; move strategy "
            f"{small['alpha']} 'Alpha' out from under strategy {small['beta']} 'Beta' first, then try again.")
        assert store.path.read_bytes() == before
    listed = subprocess.run([str(PLANNER), "--db", str(store.path), "list", "--json"], capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL).stdout
    assert {r["title"] for r in json.loads(listed)} == {"Goal", "Alpha", "Beta", "one", "two", "three"}
    exported = tmp_path / "plan.md"
    planner(store.path, "export", "-o", str(exported))
    assert all(title in exported.read_text() for title in ("Goal", "Alpha", "Beta", "one", "two", "three"))
