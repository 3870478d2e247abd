"""Owners and tags are stored one way, whatever way they were typed."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from planner_tui.core.errors import InputError
from planner_tui.core.labels import MAX_NAME, clean_owner, clean_tags, owner_problem, tags_problem


@pytest.mark.parametrize("typed, stored", [
    ("ana", "ana"), ("@Ana", "ana"), ("  ANA ", "ana"), ("ana.m", "ana.m"), ("r2-d2_x", "r2-d2_x"),
    ("Zoë", "zoë"), ("Zoe\u0308", "zoë"),  # the same name typed with a combining mark
    ("", None), ("none", None), ("-", None), (None, None),
])
def test_an_owner_is_kept_in_lower_case_without_its_at(typed, stored):
    assert clean_owner(typed) == stored


@pytest.mark.parametrize("typed", ["a b", "@", "-ana", ".ana", "_ana", "ana!", "x" * (MAX_NAME + 1), "#ana"])
def test_what_cannot_be_a_name_is_refused_saying_what_a_name_holds(typed):
    with pytest.raises(InputError, match=r"The owner .* is not a name: use letters, digits"):
        clean_owner(typed)


def test_tags_are_split_at_commas_and_spaces_kept_once_in_the_order_given():
    assert clean_tags(["#Launch, q3", "launch", "web  Q3"]) == ("launch", "q3", "web")
    assert clean_tags([]) == ()
    with pytest.raises(InputError, match="The tag 'la!' is not a name"):
        clean_tags(["la!"])
    with pytest.raises(InputError, match="At most 20 tags, not 21"):
        clean_tags([f"t{n}" for n in range(21)])


@given(st.text(max_size=40))
def test_whatever_is_accepted_is_what_the_file_may_hold_and_cleaning_it_again_changes_nothing(text):
    try:
        owner = clean_owner(text)
    except InputError:
        return
    assert owner_problem(owner) is None
    assert clean_owner(owner) == owner
    if owner is not None:
        assert tags_problem([owner]) is None
