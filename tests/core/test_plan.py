"""Plan queries: the tree, progress roll-up, agenda, streak, finding strategies."""

from __future__ import annotations

import inspect
import re

import pytest

from planner_tui.core import plan as plan_module
from planner_tui.core.file.changes import Patch, Put, Remove
from planner_tui.core.errors import InputError
from planner_tui.core.checkin import agenda_groups
from planner_tui.core.day import Day
from planner_tui.core.model import Tactic
from planner_tui.core.plan import AmbiguousName, Plan, UnknownName, deadline_order
from planner_tui.core.rollup import Progress
from planner_tui.core.file.validation import Invalid


def strategy(title, parent=None, position=0, status="active"):
    return {"title": title, "parent": parent, "position": position, "status": status}


def tactic(title, strategy_id, status="todo", due=None, position=0):
    return {"title": title, "strategy": strategy_id, "status": status, "due": due,
            "position": position}


def make_plan(strategies: dict[int, dict], tactics: dict[int, dict] = (),
              checkins: list[str] = ()) -> Plan:
    """A Plan from documents, as the store would load them from the file."""
    return Plan.from_tables({
        "strategies": {str(k): v for k, v in strategies.items()},
        "tactics": {str(k): v for k, v in dict(tactics).items()},
        "checkins": {str(i): {"date": d} for i, d in enumerate(checkins, 1)},
    })


@pytest.fixture
def tree() -> Plan:
    """Goal (1) > Part (2) > Leaf (3); Other (4) at the top; positions out of id order."""
    return make_plan(
        {1: strategy("Goal", position=1), 2: strategy("Part", 1), 3: strategy("Leaf", 2),
         4: strategy("Other", position=0), 5: strategy("Second part", 1, position=-1)},
        {10: tactic("goal own done", 1, "done"), 11: tactic("goal own todo", 1),
         20: tactic("part done", 2, "done"), 21: tactic("part dropped", 2, "dropped"),
         30: tactic("leaf done", 3, "done", position=2), 31: tactic("leaf doing", 3, "doing", position=1),
         32: tactic("leaf dropped", 3, "dropped"), 40: tactic("other todo", 4)},
    )


def titles(items) -> list[str]:
    return [item.title for item in items]


def test_children_follow_position_then_id(tree):
    assert titles(tree.roots()) == ["Other", "Goal"]
    assert titles(tree.children(1)) == ["Second part", "Part"]
    assert tree.children(3) == []


def test_descendants_ancestors_and_depth(tree):
    assert tree.descendants(1) == [1, 5, 2, 3]
    assert titles(tree.ancestors(3)) == ["Goal", "Part"]
    assert [tree.depth(sid) for sid in (1, 2, 3, 4)] == [0, 1, 2, 0]


def test_tactics_of_in_order_and_deep(tree):
    assert titles(tree.tactics_of(3)) == ["leaf dropped", "leaf doing", "leaf done"]
    assert [t.id for t in tree.tactics_of(1)] == [10, 11]
    assert [t.id for t in tree.tactics_of(1, deep=True)] == [10, 11, 20, 21, 32, 31, 30]
    assert tree.tactics_of(5, deep=True) == []


@pytest.mark.parametrize("sid, done, total", [
    (3, 1, 2),   # leaf: done + doing; the dropped one does not count
    (2, 2, 3),   # part: its own done (dropped excluded) + leaf
    (1, 3, 5),   # goal: its own 1/2 + part's 2/3, three levels rolled up
    (5, 0, 0), (4, 0, 1),
])
def test_progress_rolls_up_three_levels_without_dropped(tree, sid, done, total):
    assert tree.progress(sid) == Progress(done, total)


def test_progress_cookie_and_ratio():
    assert Progress(3, 5).cookie == "3/5"
    assert Progress(3, 4).ratio == 0.75
    assert Progress(0, 0).ratio == 0.0
    assert Progress(1, 2) + Progress(2, 3) == Progress(3, 5)


def test_progress_follows_applied_changes(tree):
    tree.apply([Patch("tactics", 11, {"status": "done"}), Remove("tactics", 40),
                Put("tactics", 50, tactic("new", 5))])
    assert tree.progress(1) == Progress(4, 6)
    assert tree.progress(4) == Progress(0, 0)
    assert tree.progress(5) == Progress(0, 1)


def test_open_tactics_and_wishes(tree):
    assert tree.open_tactics(3) == 1
    assert tree.is_wish(5)
    assert not tree.is_wish(1)
    assert not tree.is_wish(2)  # its leaf has a tactic in progress


def test_a_loop_of_parents_in_a_hand_edited_file_is_refused():
    with pytest.raises(Invalid, match="loop of parents: s1 → s2 → s1"):
        make_plan({1: strategy("A", 2), 2: strategy("B", 1)})


# -- agenda ----------------------------------------------------------------------

@pytest.fixture
def week(now) -> Plan:
    """One tactic per bucket edge, relative to the frozen today."""
    def due(days):
        return now.date().add(days=days).isoformat()

    return make_plan({1: strategy("S")}, {
        1: tactic("long overdue", 1, due=due(-30)), 2: tactic("yesterday", 1, due=due(-1)),
        3: tactic("today", 1, due=due(0)), 4: tactic("doing today", 1, "doing", due(0)),
        5: tactic("doing, no date", 1, "doing"), 6: tactic("doing later", 1, "doing", due(30)),
        7: tactic("tomorrow", 1, due=due(1)), 8: tactic("in 7 days", 1, due=due(7)),
        9: tactic("in 8 days", 1, due=due(8)), 10: tactic("no date", 1),
        11: tactic("done overdue", 1, "done", due(-2)), 12: tactic("dropped today", 1, "dropped", due(0)),
        13: tactic("done soon", 1, "done", due(2)),
    })


def agenda(plan: Plan, day: Day) -> dict[str, list[Tactic]]:
    return dict(agenda_groups(plan, day))


def test_agenda_buckets(week, now):
    found = agenda(week, Day(now))
    assert titles(found["overdue"]) == ["long overdue", "yesterday"]
    assert titles(found["today"]) == ["today", "doing today"]
    assert titles(found["doing"]) == ["doing later", "doing, no date"]
    assert titles(found["upcoming"]) == ["tomorrow", "in 7 days"]
    assert list(found) == ["overdue", "today", "doing", "upcoming"]


def test_agenda_window_is_the_days_soon_days(week, now):
    assert titles(agenda(week, Day(now, soon_days=1))["upcoming"]) == ["tomorrow"]
    assert "in 8 days" in titles(agenda(week, Day(now, soon_days=8))["upcoming"])


def test_agenda_of_another_day(week, now):
    later = agenda(week, Day(now.add(days=8)))
    assert "in 7 days" in titles(later["overdue"])
    assert titles(later["today"]) == ["in 8 days"]


def test_deadline_order_compares_date_times_as_moments(now):
    """09:00 in Auckland is the evening before 08:00 in New York."""
    plan = make_plan({1: strategy("S")}, {
        1: tactic("no date", 1), 2: tactic("new york 08:00", 1, due="2026-12-01T08:00:00-05:00"),
        3: tactic("auckland 09:00", 1, due="2026-12-01T09:00:00+13:00"),
        4: tactic("plain date", 1, due="2026-11-30"),
    })
    order = titles(sorted(plan.tactics.values(), key=deadline_order))
    assert order.index("auckland 09:00") < order.index("new york 08:00")
    assert order[-1] == "no date"


# -- streak ---------------------------------------------------------------------

@pytest.mark.parametrize("days, expected", [
    ([], 0), ([0], 1), ([0, -1, -2], 3), ([-1, -2], 2), ([0, -2, -3], 1),
    ([-2, -3], 0), ([1, 0, -1], 2),
])
def test_streak(days, expected, now):
    today = now.date()
    plan = make_plan({}, checkins=[today.add(days=d).isoformat() for d in days])
    assert plan.streak(today) == expected


def test_checkin_on(now):
    plan = make_plan({}, checkins=[now.date().isoformat()])
    assert plan.checkin_on(now.date()).date == now.date()
    assert plan.checkin_on(now.date().add(days=1)) is None


# -- finding strategies -------------------------------------------------------------

@pytest.fixture
def named() -> Plan:
    return make_plan({1: strategy("Grow revenue"), 2: strategy("Grow the team"),
                      3: strategy("Hire"), 4: strategy("Hire an engineer"),
                      5: strategy("Ship v2"), 6: strategy("ship v2")})


@pytest.mark.parametrize("text, found", [
    ("s3", 3), ("S4", 4), (" s1 ", 1), ("hire", 3), ("HIRE AN ENGINEER", 4),
    ("Grow r", 1), ("grow  the", 2), ("hire a", 4),
])
def test_find_strategy(named, text, found):
    assert named.find_strategy(text).id == found


@pytest.mark.parametrize("text, candidates", [
    ("grow", [1, 2]), ("Ship v2", [5, 6]), ("sh", [5, 6]),
])
def test_find_strategy_ambiguous_lists_candidates(named, text, candidates):
    with pytest.raises(AmbiguousName) as caught:
        named.find_strategy(text)
    assert [s.id for s in caught.value.candidates] == candidates
    message = str(caught.value)
    assert all(f"s{sid}" in message for sid in candidates)
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize("text", ["s99", "nothing like it", "", "   ", "t1"])
def test_find_strategy_unknown(named, text):
    with pytest.raises(UnknownName) as caught:
        named.find_strategy(text)
    assert isinstance(caught.value, InputError)


def test_find_tactic(tree):
    assert tree.find_tactic("t31").title == "leaf doing"
    with pytest.raises(UnknownName, match="t99"):
        tree.find_tactic("t99")
    with pytest.raises(UnknownName):
        tree.find_tactic("s1")


def test_days_left(now):
    plan = make_plan({1: {**strategy("Horizon"), "horizon": now.date().add(days=40).isoformat()},
                      2: strategy("Open-ended")})
    assert plan.days_left(1, now) == 40
    assert plan.days_left(2, now) is None


def test_a_change_rebuilds_only_the_indexes_of_the_tables_it_touched(tree):
    before = {name: tree._cached(name, build) for name, build in (
        ("children", tree._children_index), ("tactics", tree._tactics_index),
        ("values", tree._values_index), ("keyresults", tree._key_results_index))}
    rollup = tree.rollup()
    tree.apply([Put("keyresults", 7, {"strategy": 1, "title": "Users", "start": 0, "target": 10}),
                Put("measurements", 8, {"keyresult": 7, "date": "2026-11-01", "value": 4})])
    assert tree._index["tactics"] is before["tactics"] and tree._index["children"] is before["children"]
    assert tree.rollup() is rollup  # read from tactics and strategies only: kept
    assert [kr.id for kr in tree.key_results_of(1)] == [7] and tree.value_ids(7) == [8]
    tree.apply([Patch("tactics", 11, {"status": "done"})])
    assert tree.progress(1) == Progress(4, 5)  # built again from the tactics
    assert tree.value_ids(7) == [8] and "values" in tree._index
    tree.apply([Patch("strategies", 3, {"parent": 4})])  # Leaf moves under Other
    assert titles(tree.children(4)) == ["Leaf"] and tree.progress(4) == Progress(1, 3)


def test_every_index_names_the_tables_it_is_read_from():
    cached = set(re.findall(r'_cached\("(\w+)"', inspect.getsource(plan_module)))
    assert cached == set(plan_module.INDEX_TABLES)
