"""One filter for list, today, export and the search box: owners and tags inherited down
the tree, strategies, statuses, deadlines, and what is shown around what matched."""

from __future__ import annotations

import pytest

from planner_tui.core import actions
from planner_tui.core.errors import InputError
from planner_tui.core.filters import (FilterSpec, inherited, read_spec, resolve, search_terms, select,
                                      tactic_owner, tactic_tags, view_from_table)
from planner_tui.core.model import StrategyStatus


@pytest.fixture
def team(store, now):
    """s1 Company @boss #q3 > s2 Product @ana #launch > s3 Site (no owner)
                          > s4 Sales (no owner, paused) ; s5 Home (nobody's)
    t1 Spec (s2)  t2 Copy @bo (s3)  t3 Deploy #web (s3, done)  t4 Call (s4, due fri)  t5 Rest (s5)"""
    add = actions.add_strategy
    s1 = add(store, "Company", owner="boss", tags=["q3"]).new_ids[0]
    s2 = add(store, "Product", parent=s1, owner="@Ana", tags=["#launch"]).new_ids[0]
    s3 = add(store, "Site", parent=s2).new_ids[0]
    s4 = add(store, "Sales", parent=s1, horizon=now.date().add(days=3)).new_ids[0]
    s5 = add(store, "Home").new_ids[0]
    actions.edit_strategy(store, s4, status=StrategyStatus.PAUSED)
    t1 = actions.add_tactic(store, "Spec", s2).new_ids[0]
    t2 = actions.add_tactic(store, "Copy", s3, owner="bo", due=now.date()).new_ids[0]
    t3 = actions.add_tactic(store, "Deploy", s3, tags=["web"]).new_ids[0]
    t4 = actions.add_tactic(store, "Call", s4, due=now.date().add(days=6)).new_ids[0]
    t5 = actions.add_tactic(store, "Rest", s5).new_ids[0]
    actions.set_status(store, [t3], actions.TacticStatus.DONE)
    return dict(s1=s1, s2=s2, s3=s3, s4=s4, s5=s5, t1=t1, t2=t2, t3=t3, t4=t4, t5=t5)


def chosen(store, now, me=None, **typed):
    found = select(store.plan, resolve(read_spec(**typed), store.plan, now, me), now)
    return sorted(found.tactics), sorted(found.matched), sorted(found.strategies)


def test_owners_and_tags_are_inherited_from_the_nearest_strategy_above(store, team):
    labels = inherited(store.plan)
    assert labels[team["s3"]].owner == "ana" and labels[team["s3"]].tags == {"q3", "launch"}
    assert labels[team["s4"]].owner == "boss" and labels[team["s5"]].owner is None
    plan = store.plan
    assert [tactic_owner(plan, team[t]) for t in ("t1", "t2", "t3", "t4", "t5")] == ["ana", "bo", "ana", "boss", None]
    assert tactic_tags(plan, team["t3"]) == {"q3", "launch", "web"}


def test_owner_selects_its_tactics_and_strategies_and_shows_the_tree_above_them(store, now, team):
    tactics, matched, shown = chosen(store, now, owner="ana")
    assert tactics == [team["t1"], team["t3"]]  # t2 is bo's own
    assert matched == [team["s2"], team["s3"]]
    assert shown == [team["s1"], team["s2"], team["s3"]]  # s1: above them


def test_me_is_the_settings_owner_and_without_one_it_is_refused(store, now, team):
    assert chosen(store, now, me="bo", owner="me")[0] == [team["t2"]]
    with pytest.raises(InputError, match='"me" is the settings\' owner, and none is set'):
        chosen(store, now, owner="me")


def test_tags_must_all_be_there_inherited_or_own(store, now, team):
    assert chosen(store, now, tags=["launch"])[0] == [team["t1"], team["t2"], team["t3"]]
    assert chosen(store, now, tags=["launch", "web"])[0] == [team["t3"]]
    assert chosen(store, now, tags=["q3"])[1] == [team[s] for s in ("s1", "s2", "s3", "s4")]


def test_a_strategy_alone_or_deep(store, now, team):
    assert chosen(store, now, strategy="s2") == ([team["t1"]], [team["s2"]], [team["s1"], team["s2"]])
    assert chosen(store, now, strategy="product", deep=True)[0] == [team["t1"], team["t2"], team["t3"]]
    with pytest.raises(InputError, match="No strategy 'nowhere'"):
        chosen(store, now, strategy="nowhere")


def test_tactic_words_select_tactics_only_strategy_words_select_strategies_and_their_tactics(store, now, team):
    tactics, matched, _ = chosen(store, now, status=["open"])
    assert tactics == [team[t] for t in ("t1", "t2", "t4", "t5")] and matched == []
    tactics, matched, shown = chosen(store, now, status=["paused"])
    assert (tactics, matched, shown) == ([team["t4"]], [team["s4"]], [team["s1"], team["s4"]])
    assert chosen(store, now, status=["done, paused"])[0] == [team["t3"], team["t4"]]  # one of them
    with pytest.raises(InputError, match="The status 'finished' is not one of: todo, doing, done, dropped, open"):
        read_spec(status=["finished"])


def test_a_pause_whose_day_has_come_is_active_again(store, now, team):
    actions.edit_strategy(store, team["s4"], status=StrategyStatus.PAUSED, paused_until=now.date())
    assert chosen(store, now, status=["paused"])[1] == []
    assert team["s4"] in chosen(store, now, status=["active"])[1]
    assert chosen(store, now.subtract(days=1), status=["paused"])[1] == [team["s4"]]


def test_due_before_keeps_deadlines_and_horizons_on_or_before_the_day(store, now, team):
    tactics, matched, _ = chosen(store, now, due_before="today")
    assert (tactics, matched) == ([team["t2"]], [])
    tactics, matched, _ = chosen(store, now, due_before="fri")  # Friday 4 December: t4 and s4's horizon
    assert (tactics, matched) == ([team["t2"], team["t4"]], [team["s4"]])
    with pytest.raises(InputError, match="Cannot read 'someday'"):
        chosen(store, now, due_before="someday")


def test_criteria_combine(store, now, team):
    assert chosen(store, now, owner="ana", status=["open"])[0] == [team["t1"]]
    assert chosen(store, now, owner="boss", due_before="eow")[0] == []
    assert chosen(store, now, owner="boss", due_before="+1w") == ([team["t4"]], [team["s4"]], [team["s1"], team["s4"]])


def test_a_spec_is_false_when_empty_and_typed_criteria_replace_a_view_s():
    view = read_spec(owner="ana", tags=["launch"], status=["open"])
    assert not FilterSpec() and view
    assert read_spec(owner="bo").over(view) == read_spec(owner="bo", tags=["launch"], status=["open"])
    assert FilterSpec().over(view) == view


@pytest.mark.parametrize("table, problem", [
    ({"colour": "red"}, "has 'colour', not a filter"),
    ({"deep": "yes"}, "deep is 'yes', not true or false"),
    ({"tags": [1]}, r"tags is \[1\], not text"),
    ({"owner": "a b"}, "The owner 'a b' is not a name"),
    ({"status": "later"}, "The status 'later' is not one of"),
    ("launch", "not a table of filters"),
])
def test_a_view_that_cannot_be_used_says_what_is_wrong(table, problem):
    with pytest.raises(ValueError, match=problem):
        view_from_table(table)


def test_a_view_reads_tag_or_tags_as_one_text_or_a_list():
    assert view_from_table({"tag": "Launch", "tags": ["q3"], "status": "open, paused", "deep": True,
                            "strategy": "s2", "due_before": "eom"}) == FilterSpec(
        None, ("q3", "launch"), "s2", True, ("open", "paused"), "eom")


@pytest.mark.parametrize("query, spec, words", [
    ("@ana #launch site", FilterSpec(owner="ana", tags=("launch",)), "site"),
    ("#a #B #a", FilterSpec(tags=("a", "b")), ""),
    ("email @ sales@x.com #", FilterSpec(), "email @ sales@x.com #"),
    ("@a!b plain", FilterSpec(), "@a!b plain"),
])
def test_the_search_box_reads_at_owners_and_hash_tags(query, spec, words):
    assert search_terms(query) == (spec, words)


def test_the_app_s_search_finds_words_among_what_owners_tags_and_a_view_select(store, team, now):
    from planner_tui.core.filters import find

    plan = store.plan
    ana = find(plan, "@me", now, me="ana")
    assert ana.tactic_hits == {team["t1"], team["t3"]}  # Deploy is ana's by inheritance
    assert ana.strategy_hits == {team["s2"], team["s3"]}
    assert team["t2"] not in ana.tactics_under(team["s3"])  # Site is ana's, but Copy is bo's
    assert find(plan, "@ana cop", now).tactic_hits == set()  # Copy is bo's
    assert find(plan, "cop", now, view=FilterSpec(owner="bo")).tactic_hits == {team["t2"]}
    assert find(plan, "@ana spec", now, view=FilterSpec(owner="bo")).tactic_hits == {team["t1"]}  # typed wins
    plain = find(plan, "deploy", now)
    assert plain.tactic_hits == {team["t3"]} and plain.allowed is None
    assert plain.visible == {team["s1"], team["s2"], team["s3"]}
    with pytest.raises(InputError, match="owner"):
        find(plan, "@me", now)
