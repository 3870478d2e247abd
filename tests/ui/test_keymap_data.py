"""core/keymap.py knows the app's keys without Textual: here, with Textual, it is held to
them. Every binding with an id is in its list with its screen and default keys, the keys
without an id are among its fixed ones, and it names keys as Textual does."""

from __future__ import annotations

from hypothesis import given, strategies as st
from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from planner_tui.core import keymap
from planner_tui.ui.screens.burnup import BurnupScreen
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen
from planner_tui.ui.screens.digest import DigestScreen
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.checkin_list import CheckinList
from planner_tui.ui.widgets.health_picker import HealthPicker
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable

SCREENS = {
    "main": (PlanScreen, StrategyTree, TacticTable),
    "checkin": (CheckinScreen, CheckinList),
    "history": (CheckinHistoryScreen,),
    "review": (ReviewScreen, HealthPicker),
    "burnup": (BurnupScreen,),
    "digest": (DigestScreen,),
}


def bindings(*classes) -> list[Binding]:
    return [binding for cls in classes for binding in cls.BINDINGS if isinstance(binding, Binding)]


def test_every_binding_with_an_id_is_in_the_data_with_its_screen_and_keys():
    found = {(b.id, screen, b.key) for screen, classes in SCREENS.items() for b in bindings(*classes) if b.id}
    assert found == {(b.id, b.screen, b.keys) for b in keymap.BINDINGS}


def test_the_keys_without_an_id_are_fixed_ones():
    for screen, classes in SCREENS.items():
        loose = {key for b in bindings(*classes) if not b.id for key in b.key.split(",")}
        assert loose <= keymap.FIXED[screen], (screen, loose - keymap.FIXED[screen])


def test_the_named_keys_are_textual_s():
    named = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
    assert keymap.NAMED <= named
    assert named - keymap.NAMED <= {"return", "ctrl-at"}  # an alias of enter, and no key a person types


@given(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")))
def test_a_character_is_named_as_textual_names_it_and_its_name_is_read_back(character):
    named = _character_to_key(character)
    assert keymap.key_for_character(character) == named
    assert keymap.normal_key(named if len(named) > 1 else character) == named
