"""A save writes what the person changed (core/conflicts.py), on top of the file as it is now.

`mine` is the app's store, whose dialog opened on the plan as it was; `theirs` is
another terminal (a second Store on the same file) that writes meanwhile.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from planner_tui.core import actions
from planner_tui.core.dates import to_iso
from planner_tui.core.conflicts import Clash, Conflict, Edit, changed_fields
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import Store


def theirs(store: Store) -> Store:
    return Store(store.path, clock=store.clock)


def saved(path) -> dict:
    return json.loads(path.read_text())["tactics"]["1"]


@pytest.fixture
def t1(store, now):
    """Goal (s1) with t1 'Write', due in 6 days, notes 'a', repeat none."""
    sid = actions.add_strategy(store, "Goal").new_ids[0]
    return actions.add_tactic(store, "Write", sid, due=now.date().add(days=6), notes="a").new_ids[0]


def opened(store: Store, tactic_id: int) -> dict:
    """The edit dialog's fields as it opened on the tactic (what the person starts from)."""
    tactic = store.plan.tactics[tactic_id]
    return {"title": tactic.title, "due": tactic.due, "notes": tactic.notes, "repeat": tactic.repeat or ""}


def test_an_untouched_field_keeps_what_another_terminal_wrote_meanwhile(store, plan_path, t1, now):
    started = opened(store, t1)
    far = now.date().add(years=4)
    actions.reschedule(theirs(store), [t1], far)
    actions.edit_tactic(store, t1, expected=started, **{**started, "title": "Write it up"})
    doc = saved(plan_path)
    assert (doc["title"], doc["due"], doc["notes"], doc["repeat"]) == ("Write it up", far.isoformat(), "a", None)


def test_a_field_changed_here_and_elsewhere_is_a_conflict_and_nothing_is_written(store, plan_path, t1, now):
    started = opened(store, t1)
    far = now.date().add(years=4)
    actions.reschedule(theirs(store), [t1], far)
    before = plan_path.read_bytes()
    typed = {**started, "title": "Write it up", "due": now.date().add(days=9)}
    with pytest.raises(Conflict) as raised:
        actions.edit_tactic(store, t1, expected=started, **typed)
    assert plan_path.read_bytes() == before  # not even the title
    assert raised.value.clashes == [Clash("due", started["due"], far, typed["due"])]
    assert str(raised.value) == (
        f"Tactic t1 'Write' was changed elsewhere meanwhile: deadline: you started from "
        f"{started['due'].isoformat()}, it is now {far.isoformat()}, you typed {typed['due'].isoformat()}. "
        "Nothing was saved.")


def test_keep_mine_writes_what_was_typed_over_theirs(store, plan_path, t1, now):
    started = opened(store, t1)
    actions.reschedule(theirs(store), [t1], now.date().add(years=4))
    edit = Edit({**started, "title": "Write it up", "due": now.date().add(days=9)}, started)
    with pytest.raises(Conflict) as raised:
        actions.edit_tactic(store, t1, expected=edit.started, **edit.typed)
    mine = edit.keep_mine(raised.value)
    actions.edit_tactic(store, t1, expected=mine.started, **mine.typed)
    assert (saved(plan_path)["title"], saved(plan_path)["due"]) == ("Write it up", now.date().add(days=9).isoformat())


def test_keep_mine_is_a_conflict_again_when_a_third_change_came_in_between(store, plan_path, t1, now):
    started = opened(store, t1)
    actions.reschedule(theirs(store), [t1], now.date().add(years=4))
    edit = Edit({**started, "due": now.date().add(days=9)}, started)
    with pytest.raises(Conflict) as raised:
        actions.edit_tactic(store, t1, expected=edit.started, **edit.typed)
    actions.reschedule(theirs(store), [t1], now.date().add(years=5))
    mine = edit.keep_mine(raised.value)
    with pytest.raises(Conflict):
        actions.edit_tactic(store, t1, expected=mine.started, **mine.typed)
    assert saved(plan_path)["due"] == now.date().add(years=5).isoformat()


def test_take_theirs_keeps_their_deadline_and_writes_the_rest_of_mine(store, plan_path, t1, now):
    started = opened(store, t1)
    far = now.date().add(years=4)
    actions.reschedule(theirs(store), [t1], far)
    edit = Edit({**started, "title": "Write it up", "due": now.date().add(days=9)}, started)
    with pytest.raises(Conflict) as raised:
        actions.edit_tactic(store, t1, expected=edit.started, **edit.typed)
    rest = edit.take_theirs(raised.value)
    actions.edit_tactic(store, t1, expected=rest.started, **rest.typed)
    assert (saved(plan_path)["title"], saved(plan_path)["due"]) == ("Write it up", far.isoformat())


def test_the_same_change_made_in_both_places_is_no_conflict(store, plan_path, t1, now):
    started = opened(store, t1)
    actions.edit_tactic(theirs(store), t1, title="Write it up")
    actions.edit_tactic(store, t1, expected=started, **{**started, "title": "Write it up", "notes": "b"})
    assert (saved(plan_path)["title"], saved(plan_path)["notes"]) == ("Write it up", "b")


def test_a_timed_deadline_written_with_another_offset_for_the_same_moment_is_the_same(store, plan_path, t1, now):
    timed = now.add(days=2).set(hour=17, minute=0, second=0, microsecond=0)
    actions.reschedule(store, [t1], timed)
    started = opened(store, t1)
    actions.reschedule(theirs(store), [t1], timed.in_tz("Asia/Kolkata"))  # same moment, another offset
    actions.edit_tactic(store, t1, expected=started, **{**started, "due": timed.add(hours=1)})
    assert saved(plan_path)["due"] == to_iso(timed.add(hours=1))


def test_an_untouched_field_is_left_exactly_as_the_file_has_it(store, plan_path, t1):
    """A title written by hand with two spaces is not rewritten by an edit of the notes."""
    data = json.loads(plan_path.read_text())
    data["tactics"]["1"]["title"] = "Write  it"
    plan_path.write_text(json.dumps(data))
    store.refresh()
    started = opened(store, t1)
    actions.edit_tactic(store, t1, expected=started, **{**started, "notes": "b"})
    assert (saved(plan_path)["title"], saved(plan_path)["notes"]) == ("Write  it", "b")


def test_without_expected_every_field_is_written_as_the_command_line_does(store, plan_path, t1, now):
    actions.reschedule(theirs(store), [t1], now.date().add(years=4))
    actions.edit_tactic(store, t1, title="Write", due=now.date(), notes="a", repeat="")
    assert saved(plan_path)["due"] == now.date().isoformat()


def test_deadline_dialog_conflict_and_no_conflict(store, plan_path, t1, now):
    shown = store.plan.tactics[t1].due
    actions.edit_tactic(theirs(store), t1, title="Write it up")  # another field: no conflict
    actions.reschedule(store, [t1], now.date().add(days=2), expected={"due": shown})
    assert (saved(plan_path)["title"], saved(plan_path)["due"]) == ("Write it up", now.date().add(days=2).isoformat())
    actions.reschedule(theirs(store), [t1], None)
    with pytest.raises(Conflict, match="deadline: you started from .*, it is now nothing"):
        actions.reschedule(store, [t1], now.date().add(days=5), expected={"due": now.date().add(days=2)})


# -- keys state intent -----------------------------------------------------------------------------


def test_done_on_a_tactic_the_screen_shows_open_never_reopens_one_done_elsewhere(store, plan_path, t1):
    actions.set_status(theirs(store), [t1], TacticStatus.DONE)
    before = plan_path.read_bytes()
    assert not actions.set_status(store, [t1], TacticStatus.DONE, expected={"status": TacticStatus.TODO})
    assert plan_path.read_bytes() == before


def test_reopen_on_a_tactic_the_screen_shows_done_leaves_one_reopened_elsewhere(store, plan_path, t1):
    actions.set_status(store, [t1], TacticStatus.DONE)
    actions.set_status(theirs(store), [t1], TacticStatus.DOING)
    with pytest.raises(Conflict, match="status: you started from done, it is now doing, you typed todo"):
        actions.set_status(store, [t1], TacticStatus.TODO, expected={"status": TacticStatus.DONE})
    assert saved(plan_path)["status"] == "doing"


def test_done_on_a_tactic_dropped_elsewhere_is_a_conflict(store, plan_path, t1):
    actions.set_status(theirs(store), [t1], TacticStatus.DROPPED)
    with pytest.raises(Conflict) as raised:
        actions.set_status(store, [t1], TacticStatus.DONE, expected={"status": TacticStatus.TODO})
    assert raised.value.clashes == [Clash("status", TacticStatus.TODO, TacticStatus.DROPPED, TacticStatus.DONE)]


def test_a_strategy_status_key_states_intent_too(store, plan_path, t1):
    actions.edit_strategy(theirs(store), 1, status=StrategyStatus.ACHIEVED)
    before = plan_path.read_bytes()
    actions.edit_strategy(store, 1, expected={"status": StrategyStatus.ACTIVE}, status=StrategyStatus.ACHIEVED)
    assert plan_path.read_bytes() == before
    with pytest.raises(Conflict):
        actions.edit_strategy(store, 1, expected={"status": StrategyStatus.ACTIVE}, status=StrategyStatus.DROPPED)


def test_a_strategy_edit_writes_only_the_changed_fields(store, plan_path, t1, now):
    strategy = store.plan.strategies[1]
    started = {"title": strategy.title, "why": strategy.why, "horizon": strategy.horizon,
               "review_every": strategy.review_every}
    actions.edit_strategy(theirs(store), 1, horizon=now.date().add(years=3))
    actions.edit_strategy(store, 1, expected=started, **{**started, "why": "Because"})
    doc = json.loads(plan_path.read_text())["strategies"]["1"]
    assert (doc["why"], doc["horizon"]) == ("Because", now.date().add(years=3).isoformat())


# -- the rule itself, for any three values -----------------------------------------------------------


@given(started=st.integers(0, 3), now=st.integers(0, 3), typed=st.integers(0, 3))
def test_the_three_way_rule(started, now, typed):
    """Written when the person changed it and the file did not (or agrees); a conflict when both
    changed it differently; nothing when the person left it."""
    run = lambda: changed_fields("x", {"f": typed}, {"f": started}, lambda _: now, lambda _, v: v)  # noqa: E731
    if typed == started:
        assert run() == {}
    elif now in (started, typed):
        assert run() == {"f": typed}
    else:
        with pytest.raises(Conflict) as raised:
            run()
        assert raised.value.clashes == [Clash("f", started, now, typed)]


# -- the check-in and the review -------------------------------------------------------------------


def test_a_check_in_note_written_in_two_windows_is_a_conflict_not_an_overwrite(store, plan_path, t1, now):
    from planner_tui.core import checkin

    day = now.date()
    checkin.finish(theirs(store), day, "theirs")
    before = plan_path.read_bytes()
    edit = Edit({"note": "mine"}, {"note": ""})  # the note field was empty when the check-in opened
    with pytest.raises(Conflict, match="The check-in of .* note: you started from nothing, it is now 'theirs', "
                                       "you typed 'mine'"):
        checkin.finish(store, day, edit.typed["note"], expected=edit.started)
    assert plan_path.read_bytes() == before
    rest = edit.take_theirs(Conflict("x", [Clash("note", "", "theirs", "mine")]))
    checkin.finish(store, day, rest.typed.get("note"), expected=rest.started)
    record = Store(plan_path).plan.checkin_on(day)
    assert record.note == "theirs" and record.finished is not None


def test_an_untouched_check_in_note_keeps_the_other_window_s(store, plan_path, t1, now):
    from planner_tui.core import checkin

    checkin.finish(theirs(store), now.date(), "theirs")
    checkin.finish(store, now.date(), "", expected={"note": ""})
    assert Store(plan_path).plan.checkin_on(now.date()).note == "theirs"


def test_a_check_in_decision_on_a_tactic_dropped_elsewhere_is_a_conflict_with_no_record(store, plan_path, t1, now):
    from planner_tui.core import checkin
    from planner_tui.core.checkin import Decision

    shown = {"status": TacticStatus.TODO, "due": store.plan.tactics[t1].due}
    actions.set_status(theirs(store), [t1], TacticStatus.DROPPED)
    with pytest.raises(Conflict):
        checkin.decide(store, now.date(), t1, Decision.DONE, expected=shown)
    assert Store(plan_path).plan.checkin_on(now.date()) is None
    checkin.decide(store, now.date(), t1, Decision.DROP, expected=shown)  # what the file says already: fine
    assert Store(plan_path).plan.checkin_on(now.date()).dropped == [t1]


def test_a_review_note_written_in_two_windows_is_a_conflict(store, plan_path, t1):
    from planner_tui.core import review
    from planner_tui.core.model import Health

    review.record_review(theirs(store), 1, Health.AT_RISK, "theirs")
    with pytest.raises(Conflict, match="note: you started from nothing, it is now 'theirs', you typed 'mine'"):
        review.record_review(store, 1, Health.ON_TRACK, "mine", expected={"note": ""})
    review.record_review(store, 1, Health.ON_TRACK, None, expected={"note": ""})  # theirs kept
    [kept] = Store(plan_path).plan.reviews.values()
    assert (kept.health, kept.note) == (Health.ON_TRACK, "theirs")
