"""Your own keys, read without Textual: a remap is kept, a swap too; an unknown id, a key
Textual cannot name and a clash are told, and that binding keeps its default."""

from __future__ import annotations

import pytest

from planner_tui.core.keymap import BY_ID, FIXED, read_keymap, normal_key
from planner_tui.core.settings import load_settings


@pytest.mark.parametrize("typed, named", [
    ("d", "d"), ("D", "D"), ("?", "question_mark"), ("/", "slash"), ("ctrl+/", "ctrl+slash"),
    ("Ctrl+Shift+Up", "ctrl+shift+up"), ("shift+ctrl+x", "ctrl+shift+x"), ("F5", "f5"), ("Escape", "escape"),
    ("question_mark", "question_mark"), ("less_than_sign", "less_than_sign"), ("é", "é"), (" ", "space"),
    ("+", "plus"), ("ctrl+plus", "ctrl+plus"), ("alt+.", "alt+full_stop"),
])
def test_keys_are_kept_as_textual_names_them(typed, named):
    assert normal_key(typed) == named


@pytest.mark.parametrize("typed, problem", [
    ("ctrl+", "ends without a key"), ("hyper+super+", "ends without a key"), ("cmd+x", "not a modifier"),
    ("hyperspace", "not a key Textual can name"), ("\x07", "not a key"), ("f25", "not a key Textual can name"),
])
def test_what_textual_cannot_name_is_refused(typed, problem):
    with pytest.raises(ValueError, match=problem):
        normal_key(typed)


def test_a_remap_is_kept_in_textual_s_form():
    keymap = read_keymap({"deadline": "t", "search": ["/", "ctrl+f2"], "help": "?"})
    assert keymap == ({"deadline": "t", "search": "slash,ctrl+f2", "help": "question_mark"}, ())


def test_two_bindings_may_swap_keys():
    assert read_keymap({"done": "i", "start": "x"}).keys == {"done": "i", "start": "x"}


def test_a_clash_is_told_and_that_binding_keeps_its_default():
    keymap = read_keymap({"done": "d", "edit": "o"})
    assert keymap.keys == {"edit": "o"}
    (problem,) = keymap.problems
    assert problem.id == "done"
    assert problem.message == ("[keys] done = 'd': d is already the key of deadline (Set the deadline) on that "
                               "screen; done keeps its default (x)")


def test_a_key_that_moves_the_cursor_is_taken():
    (problem,) = read_keymap({"help": "j"}).problems
    assert "j is already a key that moves the cursor" in problem.message
    assert "j" in FIXED["main"]


def test_the_same_key_on_another_screen_is_fine():
    assert read_keymap({"checkin-note": "a"}).keys == {"checkin-note": "a"}  # a adds a tactic, on the main screen


def test_a_clash_among_two_remaps_drops_both_back_to_defaults_when_each_takes_the_other_s():
    keymap = read_keymap({"done": "o", "start": "o"})
    assert keymap.keys == {"done": "o"} and [p.id for p in keymap.problems] == ["start"]


def test_an_unknown_id_is_told_with_the_nearest_one():
    keymap = read_keymap({"dnoe": "x", "frobnicate": "y", "done": 7})
    assert keymap.keys == {}
    assert [p.message for p in keymap.problems] == [
        "[keys] 'dnoe' is not the id of a key (did you mean 'done'?); ignored (`planner settings --keys` lists them)",
        "[keys] 'frobnicate' is not the id of a key; ignored (`planner settings --keys` lists them)",
        "[keys] done is 7, not a key or a list of keys; it keeps its default (x)"]


def test_the_settings_file_says_where_each_problem_is_and_the_rest_is_used(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('soon_days = 3\n\n[keys]\ndeadline = "t"\ndone = "e"\nundoo = "z"\n')
    loaded = load_settings(path)
    assert loaded.settings.keys == {"deadline": "t"} and loaded.settings.soon_days == 3
    assert loaded.problems == (
        "line 6: [keys] 'undoo' is not the id of a key (did you mean 'undo'?); ignored "
        "(`planner settings --keys` lists them)",
        "line 5: [keys] done = 'e': e is already the key of edit (Edit) on that screen; done keeps its default (x)")
    assert set(BY_ID) >= {"deadline", "done", "edit", "undo"}
