"""`planner merge`'s merge of whole plans: two copies of a base changed through real
stores, merged field by field (core/file/three_way.py), with the report."""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions
from planner_tui.core.checkin import Decision, decide, finish
from planner_tui.core.file.merge import ABSENT, OURS, THEIRS, UNKNOWN, joined, resolve
from planner_tui.core.file.plan_copy import Copy
from planner_tui.core.file.three_way import merge
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.review import record_review

from plan_copies import Copies, titles

EARLY, LATE = "2026-12-05T10:00:00+01:00", "2026-12-05T09:30:00+00:00"  # LATE is half an hour later


@pytest.fixture
def copies(tmp_path, now):
    copies = Copies(tmp_path, now)
    copies.planned()
    return copies


# -- the rule ------------------------------------------------------------------------


def test_the_rule_takes_a_one_sided_change_and_decides_a_two_sided_one_by_the_later_stamp():
    assert resolve("title", "a", "a", "b", LATE, EARLY).value == "b"  # only theirs changed: theirs, whatever the times
    assert resolve("title", "a", "c", "a", EARLY, LATE).value == "c"
    assert resolve("title", "a", "c", "c", EARLY, LATE) == ("c", None)  # the same change on both sides
    decided = resolve("title", "a", "ours", "theirs", EARLY, LATE)
    assert (decided.value, decided.conflict.winner, decided.conflict.later) == ("theirs", THEIRS, True)
    assert resolve("title", "a", "ours", "theirs", LATE, EARLY).conflict.winner == OURS
    assert resolve("title", "a", "ours", "theirs", None, EARLY).value == "theirs"  # no stamp: older than any


def test_at_the_same_moment_the_values_decide_so_either_side_merging_gets_the_same():
    one = resolve("title", "a", "apple", "pear", EARLY, EARLY)
    other = resolve("title", "a", "pear", "apple", EARLY, EARLY)
    assert one.value == other.value == "pear" and not one.conflict.later


def test_a_missing_field_is_a_value_and_no_base_makes_every_difference_a_conflict():
    assert resolve("notes", ABSENT, ABSENT, "x", EARLY, LATE).value == "x"
    assert resolve("notes", "x", ABSENT, "x", EARLY, LATE).value is ABSENT  # deleted on ours
    assert resolve("notes", UNKNOWN, "old", "new", EARLY, LATE).conflict is not None
    assert resolve("position", 1, 1, True, EARLY, LATE).value is True  # 1 and True are different values


def test_two_texts_are_both_kept_the_earlier_first_and_a_text_holding_the_other_is_kept_whole():
    assert joined("mine", "yours", EARLY, LATE) == "mine\nyours"
    assert joined("mine", "yours", LATE, EARLY) == "yours\nmine"
    assert joined("mine\nyours", "yours", LATE, EARLY) == "mine\nyours"


# -- one document, two sides -----------------------------------------------------------


def test_one_side_renames_the_other_marks_it_done_and_both_land(copies):
    ours, theirs = copies.split()
    actions.edit_tactic(ours, 4, title="Send the CV to Ana")
    actions.set_status(theirs, [4], TacticStatus.DONE)
    data, report = copies.merge()
    tactic = data["tactics"]["4"]
    assert (tactic["title"], tactic["status"]) == ("Send the CV to Ana", "done")
    assert tactic["done_at"] is not None
    assert tactic["modified"] == copies.theirs_stamp(4)  # the later of the two changes
    assert report.clean and report.lines() == []


def test_the_same_field_changed_on_both_sides_goes_to_the_later_change_and_is_reported(copies):
    ours, theirs = copies.split()
    actions.edit_tactic(theirs, 4, title="Theirs: send CV")
    actions.edit_tactic(ours, 4, title="Ours: send CV")  # the later of the two
    data, report = copies.merge()
    assert data["tactics"]["4"]["title"] == "Ours: send CV"
    assert report.conflicts == ["t4 'Send CV' title: 'Ours: send CV' (ours, changed later) "
                                "over 'Theirs: send CV' (theirs)"]
    assert report.lines()[0] == "Conflicts, decided by the later change (1):"


def test_a_delete_against_an_edit_keeps_the_edit_and_says_so(copies):
    ours, theirs = copies.split()
    actions.delete_tactic(ours, 2)
    actions.edit_tactic(theirs, 2, notes="ask Bo for a template")
    actions.delete_tactic(theirs, 3)  # deleted on one side, untouched on the other: gone
    data, report = copies.merge()
    assert data["tactics"]["2"]["notes"] == "ask Bo for a template"
    assert "3" not in data["tactics"]
    assert report.kept == ["t2 'Update CV': deleted on ours, edited on theirs: kept, with the edits"]


def test_a_strategy_deleted_on_one_side_stays_when_the_other_added_under_it(copies):
    ours, theirs = copies.split()
    actions.delete_strategy(ours, 2)  # with its tactic t5
    actions.add_tactic(theirs, "Swim", 2)
    data, report = copies.merge()
    assert data["strategies"]["2"]["title"] == "Health"
    assert titles(data)["6"] == "Swim" and data["tactics"]["6"]["strategy"] == 2
    assert "5" not in data["tactics"]  # unchanged on theirs: its delete is carried out
    assert report.repaired == ["s2 'Health': deleted on ours, but kept: t6 'Swim' is under it"]


# -- ids --------------------------------------------------------------------------------


def test_both_sides_adding_at_once_never_share_an_id_and_references_follow(copies):
    ours, theirs = copies.split()
    actions.add_tactic(ours, "Ours: book dentist", 2)  # t6 on ours
    learning = actions.add_strategy(theirs, "Learning").new_ids[0]  # s3 on theirs...
    actions.add_strategy(ours, "Family")  # ...and s3 on ours
    actions.add_tactic(theirs, "Theirs: read a book", learning)  # t6 on theirs, under their s3
    actions.add_strategy(theirs, "Languages", parent=learning)  # s4: an id ours never handed out
    data, report = copies.merge()
    assert titles(data, "strategies") == {"1": "Career", "2": "Health", "3": "Family", "4": "Languages",
                                          "5": "Learning"}
    assert titles(data)["6"] == "Ours: book dentist" and titles(data)["7"] == "Theirs: read a book"
    assert data["tactics"]["7"]["strategy"] == 5  # followed its renumbered strategy
    assert data["strategies"]["4"]["parent"] == 5
    assert report.renumbered == ["s3 'Learning' of theirs is now s5", "t6 'Theirs: read a book' of theirs is now t7"]
    assert data["meta"]["1"]["ids"] == {"strategies": 5, "tactics": 7}


def test_ids_theirs_added_past_what_ours_handed_out_keep_their_ids(copies):
    ours, theirs = copies.split()
    actions.add_tactic(theirs, "Only theirs", 1)
    data, report = copies.merge()
    assert titles(data)["6"] == "Only theirs" and report.renumbered == []


def test_an_id_ours_handed_out_and_deleted_is_not_given_to_theirs(copies):
    ours, theirs = copies.split()
    gone = actions.add_tactic(ours, "Added and deleted", 1).new_ids[0]
    actions.delete_tactic(ours, gone)
    actions.add_tactic(theirs, "Theirs", 1)
    data, report = copies.merge()
    assert gone == 6 and "6" not in data["tactics"] and titles(data)["7"] == "Theirs"
    assert data["meta"]["1"]["ids"]["tactics"] == 7


def test_their_history_of_something_they_deleted_never_comes_to_name_ours(copies, now):
    """Theirs added t6, checked it done, deleted it; ours' t6 is another thing. Their
    check-in's mention of t6 is left out (renumbered, every later merge would add it again)."""
    ours, theirs = copies.split()
    actions.add_tactic(ours, "Ours: t6", 1)
    gone = actions.add_tactic(theirs, "Theirs: t6", 1).new_ids[0]
    decide(theirs, now.date(), gone, Decision.DONE)
    decide(theirs, now.date(), 1, Decision.DONE)
    actions.delete_tactic(theirs, gone)
    data, report = copies.merge()
    [checkin] = data["checkins"].values()
    assert checkin["done"] == [1] and titles(data)["6"] == "Ours: t6"
    assert report.repaired == [f"check-in of {now.date()} of theirs named t6, deleted there, an id ours uses "
                               "for something else: that mention was left out"]


def test_the_same_thing_added_on_both_sides_stays_one(copies):
    ours, theirs = copies.split()
    for store in (ours, theirs):
        actions.add_tactic(store, "Buy milk", 2)
    data, report = copies.merge()
    assert list(titles(data).values()).count("Buy milk") == 1 and report.renumbered == []


# -- check-ins and reviews ---------------------------------------------------------------


def test_check_ins_of_the_same_day_from_both_sides_are_combined(copies, now):
    ours, theirs = copies.split()
    day = now.date()
    decide(ours, day, 1, Decision.DONE)
    decide(ours, day, 2, Decision.PUSH)
    finish(ours, day, "laptop: good day")
    decide(theirs, day, 3, Decision.START)
    decide(theirs, day, 2, Decision.SKIP)  # later than ours' push: its decision stands
    finish(theirs, day, "phone: on the train")
    data, report = copies.merge()
    [checkin] = data["checkins"].values()
    assert (checkin["done"], checkin["started"], checkin["skipped"], checkin["pushed"]) == ([1], [3], [2], [])
    assert checkin["note"] == "laptop: good day\nphone: on the train"
    assert data["tactics"]["1"]["status"] == "done" and data["tactics"]["3"]["status"] == "doing"
    assert report.conflicts == [f"check-in of {day}, the decision on t2: 'skipped' (theirs, changed later) "
                                "over 'pushed' (ours)"]
    assert f"check-in of {day}: made on both sides, combined into one" in report.combined


def test_a_day_has_one_check_in_whatever_ids_the_two_sides_gave_theirs(copies, now):
    """Ours' check-in of the 29th is c1; theirs' of the 28th is c1 and of the 29th c2,
    an id ours never handed out: theirs of the 29th still joins ours."""
    ours, theirs = copies.split()
    day, next_day = now.date(), now.date().add(days=1)
    finish(ours, next_day, "ours")
    finish(theirs, day, "theirs, the 28th")
    finish(theirs, next_day, "theirs, the 29th")
    data, report = copies.merge()
    assert sorted((c["date"], c["note"]) for c in data["checkins"].values()) == [
        (str(day), "theirs, the 28th"), (str(next_day), "ours\ntheirs, the 29th")]


def test_reviews_of_the_same_strategy_and_day_are_combined_like_a_second_look(copies):
    ours, theirs = copies.split()
    record_review(ours, 1, Health.AT_RISK, "slow start")
    actions.set_status(theirs, [1], TacticStatus.DONE)
    record_review(theirs, 1, Health.ON_TRACK, "caught up")
    data, report = copies.merge()
    [review] = data["reviews"].values()
    assert review["health"] == "on-track"  # the later look's
    assert review["note"] == "slow start\ncaught up"
    assert review["done"] == 0 and review["at"] < review["modified"]  # the first look's progress


# -- what the two sides make invalid together -------------------------------------------------


def test_two_moves_that_make_a_loop_are_repaired_the_earlier_move_undone(copies):
    base = copies.store("base")
    actions.add_strategy(base, "Job search", parent=1)  # s3 under s1
    ours, theirs = copies.split()
    actions.move_strategy(ours, 1, 2)  # Career under Health (the earlier move)
    actions.move_strategy(theirs, 2, 3)  # Health under Job search, which is under Career
    data, report = copies.merge()
    parents = {key: doc["parent"] for key, doc in data["strategies"].items()}
    assert parents == {"1": None, "2": 3, "3": 1}
    assert report.repaired == ["s1 'Career' and s2 'Health' and s3 'Job search' were moved under each other on "
                               "the two sides (a loop): s1 'Career' went back to the top level "
                               "(its move was the earliest)"]


# -- without a base ------------------------------------------------------------------------------


def test_without_a_base_everything_either_side_holds_is_kept_and_differences_go_by_the_stamps(copies):
    ours, theirs = copies.split()
    actions.delete_tactic(ours, 5)
    actions.edit_tactic(theirs, 1, title="Call Ana today")
    copies.path["base"].write_bytes(b"")  # as git gives no base for a file added on both branches
    data, report = copies.merge()
    assert titles(data)["5"] == "Run" and titles(data)["1"] == "Call Ana today"
    assert report.base.startswith("No common base: merged by the stamps alone.")


def test_merging_a_copy_with_an_unchanged_side_gives_the_other_side(copies):
    ours, theirs = copies.split()
    actions.add_tactic(theirs, "New", 2)
    actions.delete_tactic(theirs, 1)
    data, report = copies.merge()
    assert data == json.loads(copies.path["theirs"].read_bytes()) and report.clean


def test_a_copy_as_loaded_merges_with_itself_to_itself():
    plan = Copy({"strategies": {1: {"title": "A", "parent": None, "modified": EARLY}}},
                {"schema": 3, "ids": {"strategies": 1}})
    merged, report = merge(plan, plan, plan)
    assert merged.tables == plan.tables and report.clean


# -- key results ---------------------------------------------------------------------------


def test_two_copies_each_recording_a_value_keep_both_and_new_key_results_keep_their_values(copies):
    """Values are documents of their own (core/keyresults.py): the same day's values from two
    copies are both kept, and a key result renumbered because both added one takes its values along."""
    from planner_tui.core.keyresult_actions import add_key_result, record_value

    base = copies.store("base")
    arr = add_key_result(base, 1, "Offers", 0, 3).new_ids[0]
    ours, theirs = copies.split()
    record_value(ours, arr, 1, note="from the meetup")
    record_value(theirs, arr, 2, note="after the interview")
    mine = add_key_result(ours, 2, "Resting pulse", 70, 60).new_ids[0]
    record_value(ours, mine, 66)
    yours = add_key_result(theirs, 2, "Weekly runs", 0, 4).new_ids[0]
    record_value(theirs, yours, 2)
    data, report = copies.merge()
    assert mine == yours == arr + 1  # both copies handed out the same id
    values = {(v["keyresult"], v["value"], v.get("note", "")) for v in data["measurements"].values()}
    titles_by_id = {int(k): doc["title"] for k, doc in data["keyresults"].items()}
    assert {(titles_by_id[kr], value, note) for kr, value, note in values} == {
        ("Offers", 1, "from the meetup"), ("Offers", 2, "after the interview"),
        ("Resting pulse", 66, ""), ("Weekly runs", 2, "")}
    assert "  k2 'Weekly runs' of theirs is now k3" in report.lines()  # as people type its id
