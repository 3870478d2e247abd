"""The first ten minutes (issue 13): nothing typed is lost without a word, keys do
what they say, and a big change asks first, with one key to say yes.

Each test drives the real app with keys (or the mouse) and reads the plan file back.
"""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import actions
from planner_tui.core.file.store import Store
from planner_tui.core.model import Health, StrategyStatus, TacticStatus
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.commands import PlanCommands
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.dialogs.help import HelpScreen
from planner_tui.ui.keys import NAVIGATION, SCREEN_BINDINGS
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import notifications, plain, reopen, running, screen_text, statics_text, titles, type_text


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog), f"no question asked: {type(app.screen).__name__} on top"
    return plain(app.screen.question)


# -- nothing typed is lost silently ------------------------------------------------------------------

async def test_escape_in_an_untouched_dialog_closes_it_at_once(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


async def test_escape_after_typing_asks_n_keeps_editing_y_discards(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Call the bank")
        await pilot.press("escape")
        assert "Discard what you typed?" in question(app)
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#title").value == "Call the bank"  # still there
        assert app.screen.focused is app.screen.query_one("#title")  # where it was typed
        await pilot.press("escape", "y")
        assert isinstance(app.screen, PlanScreen)
    assert "Call the bank" not in titles(reopen(store).tactics.values())


async def test_escape_twice_keeps_editing(store, small):
    """The question's own escape is its "no": a second Esc never throws the typing away."""
    async with running(store) as (app, pilot):
        await pilot.press("e")  # the strategy's title is there already: change it
        await type_text(pilot, " and more")
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, FormDialog)


async def test_a_click_outside_a_typed_in_dialog_asks_too(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await pilot.click(offset=(1, 1))  # untouched: closes
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("a")
        await type_text(pilot, "Half a thought")
        await pilot.click(offset=(1, 1))
        assert "Discard what you typed?" in question(app)
        await pilot.press("y")
        assert isinstance(app.screen, PlanScreen)


@pytest.mark.parametrize("answer, quits", [("n", False), ("y", True)])
async def test_ctrl_q_with_a_typed_in_dialog_asks_first(store, small, answer, quits):
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Book flights")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "What you typed in 'New tactic for Goal' is not saved. Quit and lose it?" in question(app)
        await pilot.press(answer)
        await pilot.pause()
        assert app._exit is quits
        if not quits:
            assert isinstance(app.screen, FormDialog) and app.screen.query_one("#title").value == "Book flights"


async def test_ctrl_q_with_an_untouched_dialog_quits_at_once(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("a", "ctrl+q")
        await pilot.pause()
        assert app._exit


async def test_a_rewritten_check_in_note_is_not_dropped_by_escape(store, small):
    actions.add_tactic(store, "due today", small["alpha"], due=store.clock().date())
    async with running(store) as (app, pilot):
        await pilot.press("C")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("n")
        await type_text(pilot, "slept badly")
        await pilot.press("escape", "escape")  # out of the note, then out of the check-in
        assert "Discard the note you typed?" in question(app)
        await pilot.press("n")
        assert isinstance(app.screen, CheckinScreen) and app.screen.note.has_focus
        assert app.screen.note.value == "slept badly"
        await pilot.press("enter")  # saved: leaving asks nothing more
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    assert reopen(store).checkin_on(store.clock().date()).note == "slept badly"


async def test_quitting_planner_checkin_with_a_typed_note_asks(store, small):
    actions.add_tactic(store, "due today", small["alpha"], due=store.clock().date())
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "half a note")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert "The note you typed is not saved. Quit and lose it?" in question(app)
        await pilot.press("n")
        await pilot.pause()
        assert not app._exit and isinstance(app.screen, CheckinScreen)


async def test_leaving_a_review_with_a_typed_note_asks(store, small):
    async with running(store) as (app, pilot):
        app.push_screen(ReviewScreen(app.session, [small["goal"], small["alpha"]]))
        await pilot.pause()
        await pilot.press("2")  # at risk, saved at once; the note is next
        await pilot.pause()
        await type_text(pilot, "hiring is slow")
        await pilot.press("escape")
        assert "Discard the note you typed?" in question(app)
        await pilot.press("n")
        assert isinstance(app.screen, ReviewScreen) and app.screen.note.value == "hiring is slow"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    saved = [r for r in reopen(store).reviews.values() if r.strategy == small["goal"]]
    assert [(r.health, r.note) for r in saved] == [(Health.AT_RISK, "")]


# -- l goes to the tactics; space expands; s adds at the top level -----------------------------------

@pytest.mark.parametrize("key", ["l", "right", "enter"])
async def test_l_right_enter_on_a_collapsed_strategy_go_to_its_tactics(store, small, key):
    actions.add_tactic(store, "goal's own", small["goal"])
    async with running(store) as (app, pilot):
        tree, table = app.screen.query_one(StrategyTree), app.screen.query_one(TacticTable)
        assert not tree.strategy_nodes[small["goal"]].is_expanded
        await pilot.press(key)
        assert table.has_focus and "goal's own" in titles(table.tactics)
        assert not tree.strategy_nodes[small["goal"]].is_expanded  # went in; did not expand
        await pilot.press("h", "space")
        assert tree.has_focus and tree.strategy_nodes[small["goal"]].is_expanded


async def test_l_with_no_tactics_shown_says_what_to_do(store, small):
    actions.add_strategy(store, "Nothing yet")
    async with running(store) as (app, pilot):
        await pilot.press("G", "l")
        assert app.screen.query_one(StrategyTree).has_focus
        assert any("a adds one, space expands" in n for n in notifications(app))


async def test_s_adds_a_top_level_strategy_from_a_sub_strategy(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "s")  # on Alpha, under Goal
        await type_text(pilot, "Founder goal")
        await pilot.press("enter")
        await pilot.pause()
    added = next(s for s in reopen(store).strategies.values() if s.title == "Founder goal")
    assert added.parent is None


async def test_footer_help_and_palette_say_the_same_of_s_and_l(store, small):
    s_binding = next(b for b in SCREEN_BINDINGS if b.id == "add-strategy")
    assert "top-level" in s_binding.tooltip and s_binding.description == "+strategy"
    assert any("l" in keys and "go to the strategy's tactics" in what for keys, what in NAVIGATION)
    async with running(store) as (app, pilot):
        assert "s +strategy" in screen_text(app)  # the footer
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = statics_text(app)
        assert "Add a top-level strategy" in shown and "go to the strategy's tactics" in shown
        await pilot.press("escape")
        palette = PlanCommands(app.screen)
        assert any(title == s_binding.tooltip and keys == "s" for title, _, keys in palette._actions())


# -- big changes ask first; one key says yes ---------------------------------------------------------

@pytest.mark.parametrize("key, status", [("x", StrategyStatus.ACHIEVED), ("X", StrategyStatus.DROPPED)])
async def test_achieving_or_dropping_a_strategy_with_open_tactics_asks(store, small, key, status):
    async with running(store) as (app, pilot):
        await pilot.press(key)
        assert "with 3 tactics still open below it?" in question(app)
        await pilot.press("n")
        assert reopen(store).strategies[small["goal"]].status is StrategyStatus.ACTIVE
        await pilot.press(key, "y")
        await pilot.pause()
        assert reopen(store).strategies[small["goal"]].status is status
        assert app.screen.query_one(StrategyTree).has_focus


async def test_achieving_a_strategy_with_nothing_open_asks_nothing(store, small):
    actions.set_status(store, [small["three"]], TacticStatus.DONE)
    async with running(store) as (app, pilot):
        await pilot.press("space", "G", "x")  # Beta: its one tactic done
        assert not isinstance(app.screen, ConfirmDialog)
    assert reopen(store).strategies[small["beta"]].status is StrategyStatus.ACHIEVED


async def test_deleting_a_strategy_with_children_asks_and_y_deletes(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("D")
        assert "with its 2 sub-strategies and 3 tactics?" in question(app)
        await pilot.press("y")
        await pilot.pause()
    assert reopen(store).strategies == {}


async def test_loading_the_examples_into_a_plan_asks_first(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("E")
        assert "to this plan of 3 strategies?" in question(app)
        await pilot.press("n")
        assert len(reopen(store).strategies) == 3
        await pilot.press("E", "y")
        await pilot.pause()
    assert len(reopen(store).strategies) > 3


async def test_loading_the_examples_into_an_empty_plan_asks_nothing(store):
    async with running(store) as (app, pilot):
        await pilot.press("E")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
    assert reopen(store).strategies


# -- reschedule and reorder ---------------------------------------------------------------------------

async def test_check_in_reschedule_with_nothing_typed_keeps_the_deadline(store, small):
    today = store.clock().date()
    weekly = actions.add_tactic(store, "weekly report", small["alpha"], due=today, repeat="1w").new_ids[0]
    async with running(store) as (app, pilot):
        await pilot.press("C")
        assert app.screen.checkin_list.tactic_id == weekly
        await pilot.press("r", "enter")
        await pilot.pause()
        assert any("the deadline stays" in n for n in notifications(app))
        await pilot.press("r")
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await pilot.pause()
    tactic = reopen(store).tactics[weekly]
    assert tactic.due == today.next(pendulum.FRIDAY) and tactic.repeat == "1w"  # Saturday the 28th: next Friday


async def test_reorder_at_the_edge_or_across_deadlines_says_why_nothing_moved(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "K")  # Alpha, first under Goal
        assert any("Already the first strategy here" in n for n in notifications(app))
        await pilot.press("tab", "J")  # one (tomorrow) above two (in 3 days)
        assert any("sorted by deadline" in n for n in notifications(app))
        assert not app.session.can_undo  # nothing invisible to undo
        await pilot.press("shift+tab", "J")  # Alpha below Beta: that moves
        await pilot.pause()
    assert titles(reopen(store).children(small["goal"])) == ["Beta", "Alpha"]


async def test_shift_down_in_the_tree_moves_the_strategy_as_J_does(store, small):
    async with running(store) as (app, pilot):
        await pilot.press("space", "j", "shift+down")  # Alpha below Beta
        await pilot.pause()
        assert app.screen.query_one(StrategyTree).strategy_id == small["alpha"]
        assert titles(reopen(store).children(small["goal"])) == ["Beta", "Alpha"]
        await pilot.press("shift+up")
        await pilot.pause()
    assert titles(reopen(store).children(small["goal"])) == ["Alpha", "Beta"]


# -- the repeating twins ----------------------------------------------------------------------------

async def test_two_identical_repeating_tactics_done_each_get_their_next_one(store, small):
    """Issue 13: completing the second of two identical repeating tactics ended its series."""
    today = store.clock().date()
    for _ in range(2):
        actions.add_tactic(store, "water the plants", small["beta"], due=today, repeat="1w")
    async with running(store) as (app, pilot):
        await pilot.press("space", "G", "tab")
        table = app.screen.query_one(TacticTable)
        assert titles(table.tactics)[:2] == ["water the plants"] * 2
        await pilot.press("x")
        await pilot.pause()
        assert any("Repeats: the next one is on the list." in n for n in notifications(app))
        table.cursor_row = [t.status for t in table.tactics].index(TacticStatus.TODO)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("u")  # undo the second: its next one goes with it, the first's stays
        await pilot.pause()
        await pilot.press("U")
        await pilot.pause()
    series = [t for t in reopen(store).tactics.values() if t.title == "water the plants"]
    assert sorted((t.status.value, str(t.due)) for t in series) == [
        ("done", str(today)), ("done", str(today)), ("todo", str(today.add(weeks=1))),
        ("todo", str(today.add(weeks=1)))]



async def test_a_strategy_just_made_is_too_early_to_tell_not_stalled(plan_path, moving, now):
    """The first strategy a newcomer adds, with a tactic and nothing done: the details say it is
    too early to tell; four weeks on with still nothing done, they say stalled."""
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Get a good job", horizon=now.date().add(years=5)).new_ids[0]
    actions.add_tactic(store, "Finish the portfolio site", goal, due=now.date().add(days=6))
    async with running(store) as (app, pilot):
        assert "momentum  too early to tell" in screen_text(app)
        assert "stalled" not in screen_text(app)
    moving.at = now.add(weeks=4)
    async with running(store) as (app, pilot):
        assert "momentum  stalled: nothing done in the last 4 weeks" in screen_text(app)
