"""The check-in session in core: decisions through core actions, one record a day,
the summary, and the heat map of the history. The clock is injected and moved by hand."""

from __future__ import annotations

import json

import pendulum
import pytest

from planner_tui.core import actions, checkin
from planner_tui.core.checkin import Decision
from planner_tui.core.dates import Urgency, urgency
from planner_tui.core.day import Day
from planner_tui.core.plan import deadline_order
from planner_tui.core.errors import InputError
from planner_tui.core.history import History
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store


@pytest.fixture
def shop(plan_path, moving, now):
    """One strategy with tactics overdue, due today, in progress, next week, later."""
    store = Store(plan_path, clock=moving)
    today = now.date()
    goal = actions.add_strategy(store, "Open a shop").new_ids[0]
    ids = {"goal": goal}
    for name, due in [("late", today.subtract(days=2)), ("today", today), ("soon", today.add(days=3)),
                      ("later", today.add(days=30)), ("doing", None)]:
        ids[name] = actions.add_tactic(store, name, goal, due=due).new_ids[0]
    actions.set_status(store, [ids["doing"]], TacticStatus.DOING)
    return store, ids


def raw(store: Store) -> dict:
    return json.loads(store.path.read_text("utf-8"))


def records(store: Store) -> list[dict]:
    return list(raw(store).get("checkins", {}).values())


def fresh(store: Store):
    return Store(store.path, clock=store.clock).plan


# -- what is listed ---------------------------------------------------------------------------------

def test_groups_are_the_agenda_with_empty_groups_left_out(shop, now):
    store, ids = shop
    found = checkin.groups(store.plan, Day(now))
    assert [name for name, _ in found] == ["overdue", "today", "doing", "upcoming"]
    assert [[t.title for t in items] for _, items in found] == [["late"], ["today"], ["doing"], ["soon"]]
    actions.set_status(store, [ids["late"]], TacticStatus.DROPPED)
    assert [name for name, _ in checkin.groups(store.plan, Day(now))] == ["today", "doing", "upcoming"]


def test_nothing_due_means_no_groups(store, now):
    assert checkin.groups(store.plan, Day(now)) == []


def test_tactics_closed_earlier_today_come_back_in_their_own_group(shop, now):
    store, ids = shop
    checkin.decide(store, now.date(), ids["late"], Decision.DONE)
    found = dict(checkin.groups(store.plan, Day(now)))
    assert [t.id for t in found["earlier"]] == [ids["late"]]
    assert ids["late"] not in [t.id for t in found.get("overdue", [])]


# -- decisions --------------------------------------------------------------------------------------

def test_nothing_is_written_before_the_first_decision(shop):
    store, _ = shop
    assert records(store) == []


@pytest.mark.parametrize("decision, status, listed", [
    (Decision.DONE, "done", "done"),
    (Decision.START, "doing", "started"),
    (Decision.DROP, "dropped", "dropped"),
    (Decision.SKIP, "todo", "skipped"),
])
def test_each_decision_changes_the_tactic_and_is_recorded(shop, now, decision, status, listed):
    store, ids = shop
    checkin.decide(store, now.date(), ids["today"], decision)
    saved = raw(store)
    assert saved["tactics"][str(ids["today"])]["status"] == status
    [record] = records(store)
    assert record["date"] == now.date().isoformat()
    assert record[listed] == [ids["today"]]
    assert all(record[name] == [] for name in checkin.LISTS if name != listed)


def test_push_makes_an_overdue_tactic_due_tomorrow_and_a_later_one_a_day_later(shop, now):
    store, ids = shop
    checkin.decide(store, now.date(), ids["late"], Decision.PUSH)
    checkin.decide(store, now.date(), ids["soon"], Decision.PUSH)
    checkin.decide(store, now.date(), ids["doing"], Decision.PUSH)
    tactics = fresh(store).tactics
    assert tactics[ids["late"]].due == now.date().add(days=1)
    assert tactics[ids["soon"]].due == now.date().add(days=4)
    assert tactics[ids["doing"]].due == now.date().add(days=1)  # no deadline: tomorrow
    assert records(store)[0]["pushed"] == [ids["late"], ids["soon"], ids["doing"]]


def test_reschedule_sets_the_deadline_given_or_none(shop, now):
    store, ids = shop
    friday = now.date().add(days=6)
    checkin.decide(store, now.date(), ids["late"], Decision.RESCHEDULE, friday)
    checkin.decide(store, now.date(), ids["today"], Decision.RESCHEDULE, None)
    tactics = fresh(store).tactics
    assert tactics[ids["late"]].due == friday
    assert tactics[ids["today"]].due is None
    assert records(store)[0]["rescheduled"] == [ids["late"], ids["today"]]


def test_one_record_a_day_and_the_latest_decision_wins(shop, now, moving):
    store, ids = shop
    day = now.date()
    checkin.decide(store, day, ids["soon"], Decision.SKIP)
    checkin.decide(store, day, ids["today"], Decision.PUSH)
    moving.at = now.add(hours=6)  # reopened in the evening
    checkin.decide(store, day, ids["soon"], Decision.DONE)
    [record] = records(store)
    assert record["skipped"] == [] and record["done"] == [ids["soon"]]
    assert record["pushed"] == [ids["today"]]


def test_a_decision_on_a_new_day_starts_a_new_record(shop, now, moving):
    store, ids = shop
    checkin.decide(store, now.date(), ids["soon"], Decision.SKIP)
    moving.at = now.add(days=1)
    checkin.decide(store, moving.at.date(), ids["soon"], Decision.SKIP)
    assert sorted(r["date"] for r in records(store)) == [now.date().isoformat(), now.add(days=1).date().isoformat()]


def test_an_unknown_tactic_is_refused_and_nothing_written(shop, now):
    store, _ = shop
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="t999"):
        checkin.decide(store, now.date(), 999, Decision.DONE)
    assert store.path.read_bytes() == before


def test_done_on_a_repeating_tactic_brings_the_next_one_and_drop_ends_the_series(store, now):
    goal = actions.add_strategy(store, "Fit").new_ids[0]
    weekly = actions.add_tactic(store, "Run", goal, due=now.date(), repeat="1w").new_ids[0]
    change = checkin.decide(store, now.date(), weekly, Decision.DONE)
    [again] = [i for i in change.new_ids if i in store.plan.tactics]
    plan = fresh(store)
    assert plan.tactics[weekly].status is TacticStatus.DONE  # stays in history
    assert plan.tactics[again].due == now.date().add(weeks=1)
    checkin.decide(store, now.date(), again, Decision.DROP)
    assert [t for t in fresh(store).tactics.values() if t.status.is_open] == []


def test_one_undo_takes_back_the_tactic_and_the_record(shop, now):
    store, ids = shop
    history = History(store)
    history.record(checkin.decide(store, now.date(), ids["late"], Decision.DONE))
    history.record(checkin.decide(store, now.date(), ids["today"], Decision.PUSH))
    history.undo()
    plan = fresh(store)
    assert plan.tactics[ids["today"]].due == now.date()
    assert plan.checkin_on(now.date()).pushed == [] and plan.checkin_on(now.date()).done == [ids["late"]]
    history.undo()
    plan = fresh(store)
    assert plan.tactics[ids["late"]].status is TacticStatus.TODO
    assert plan.checkins == {}  # the first decision created the record; undo removes it


# -- finishing and the summary ----------------------------------------------------------------------

def test_finish_saves_the_note_and_creates_the_record_on_a_calm_day(store, now):
    checkin.finish(store, now.date(), "  nothing due,\n  read a book  ")
    [record] = records(store)
    assert record["note"] == "nothing due, read a book"
    assert record["finished"] == now.isoformat()
    assert fresh(store).streak(now.date()) == 1


def test_finishing_again_the_same_day_edits_the_note(shop, now, moving):
    store, ids = shop
    checkin.decide(store, now.date(), ids["late"], Decision.DONE)
    checkin.finish(store, now.date(), "first")
    moving.at = now.add(hours=3)
    checkin.finish(store, now.date(), "second thoughts")
    [record] = records(store)
    assert record["note"] == "second thoughts" and record["done"] == [ids["late"]]


def test_summary_counts_each_kind_and_the_streak(shop, now):
    store, ids = shop
    day = now.date()
    for name, decision in [("late", Decision.DONE), ("today", Decision.DONE), ("doing", Decision.DONE),
                           ("soon", Decision.PUSH)]:
        checkin.decide(store, day, ids[name], decision)
    assert checkin.summary(store.plan.checkin_on(day), 6) == "3 done, 1 pushed · 6-day streak"


@pytest.mark.parametrize("lists, said", [
    ({}, "nothing changed · 1-day streak"),
    ({"skipped": [1, 2]}, "nothing changed · 1-day streak"),
    ({"started": [1], "rescheduled": [2], "dropped": [3]}, "1 started, 1 rescheduled, 1 dropped · 1-day streak"),
])
def test_summary_words(lists, said, now):
    from planner_tui.core.model import CheckIn

    assert checkin.summary(CheckIn(1, now.date(), **lists), 1) == said


def test_streak_words():
    assert checkin.streak_words(0) == "no streak yet"
    assert checkin.streak_words(1) == "1-day streak"


# -- the history ------------------------------------------------------------------------------------

def test_heat_map_is_20_weeks_from_monday_to_today(store, now):
    heat = checkin.heat_map(store.plan, Day(now))
    assert len(heat.weeks) == 20 and all(len(week) == 7 for week in heat.weeks)
    assert heat.first.isoweekday() == 1
    assert heat.last == now.date().end_of("week")
    today = [d for week in heat.weeks for d in week if d.day == now.date()][0]
    assert not today.future
    assert [d.future for d in heat.weeks[-1]] == [d.day > now.date() for d in heat.weeks[-1]]
    assert heat.checkins == 0 and heat.busiest == 0


def test_heat_map_counts_done_per_local_day_and_marks_check_ins(shop, now, moving):
    store, ids = shop
    yesterday = now.subtract(days=1)
    moving.at = yesterday
    checkin.decide(store, yesterday.date(), ids["late"], Decision.DONE)
    checkin.decide(store, yesterday.date(), ids["soon"], Decision.DONE)
    moving.at = now
    actions.set_status(store, [ids["today"]], TacticStatus.DONE)  # done outside a check-in
    heat = checkin.heat_map(store.plan, Day(now))
    cells = {d.day: d for week in heat.weeks for d in week}
    assert (cells[yesterday.date()].done, cells[yesterday.date()].checked_in) == (2, True)
    assert (cells[now.date()].done, cells[now.date()].checked_in) == (1, False)
    assert cells[yesterday.date()].level == 4 and cells[now.date()].level == 2
    assert heat.busiest == 2 and heat.done == 3 and heat.checkins == 1


def test_heat_map_leaves_out_what_is_older_than_20_weeks(shop, now, moving):
    store, ids = shop
    moving.at = now.subtract(weeks=25)
    checkin.decide(store, moving.at.date(), ids["late"], Decision.DONE)
    moving.at = now
    heat = checkin.heat_map(store.plan, Day(now))
    assert heat.checkins == 0 and heat.done == 0


def test_heat_map_counts_a_record_done_list_even_without_done_at(store, now):
    """A hand-written record (or tactics reopened since) still shows the day's work."""
    with store.transaction("hand") as tx:
        tx.insert("checkins", {"date": now.date().isoformat(), "done": [7, 8], "note": ""})
    cells = {d.day: d for week in checkin.heat_map(store.plan, Day(now)).weeks for d in week}
    assert cells[now.date()].done == 2 and cells[now.date()].checked_in


def test_day_notes_are_newest_first(store, now, moving):
    for days_ago, note in [(3, "three"), (0, "today"), (1, "one")]:
        moving.at = now.subtract(days=days_ago)
        checkin.finish(store, moving.at.date(), note)
    assert [c.note for c in checkin.day_notes(store.plan)] == ["today", "one", "three"]


def test_an_old_record_without_the_new_fields_still_reads(store, now):
    with store.transaction("old") as tx:
        tx.insert("checkins", {"date": now.date().isoformat(), "done": [1], "pushed": [], "started": [],
                               "note": "old"})
    record = fresh(store).checkin_on(now.date())
    assert record.rescheduled == [] and record.finished is None
    assert checkin.summary(record, 1) == "1 done · 1-day streak"


# -- the fast agenda and the cap ----------------------------------------------------------------

@pytest.mark.parametrize("tz", ["Pacific/Auckland", "America/New_York", "UTC"])
def test_agenda_groups_follow_urgency_and_deadline_order(store, now, tz):
    """Dates and timed deadlines around midnight, in the zone of the clock, all statuses:
    the agenda read from stored documents buckets as `urgency` judges each built tactic."""
    import random

    rng = random.Random(4)
    goal = actions.add_strategy(store, "Big").new_ids[0]
    local = now.in_tz(tz)
    with store.transaction("many") as tx:
        for index in range(400):
            roll = rng.random()
            if roll < 0.4:
                due = local.date().add(days=rng.randint(-10, 12)).isoformat()
            elif roll < 0.8:
                due = local.start_of("day").add(days=rng.randint(-3, 9), minutes=rng.choice([1, 30, 1439])) \
                    .in_tz(rng.choice(["UTC", "Asia/Tokyo", tz])).isoformat()
            else:
                due = None
            tx.insert("tactics", {"title": f"t{index}", "strategy": goal, "due": due,
                                  "status": rng.choice(["todo", "todo", "doing", "done", "dropped"]),
                                  "position": index, "notes": "", "repeat": None})
    unbuilt, half_built = fresh(store), fresh(store)
    for tactic_id in list(half_built.tactics)[::2]:
        half_built.tactics[tactic_id]  # noqa: B018  (built: the agenda reads its object, not its document)
    expected = _agenda_by_urgency(store.plan, local)
    day = Day(local)
    for plan in (unbuilt, half_built, store.plan):
        assert [(name, [t.id for t in items]) for name, items in checkin.agenda_groups(plan, day)] == expected
    assert unbuilt.tactics.built == sum(len(ids) for _, ids in expected) > 100  # only the listed ones
    untouched = fresh(store)
    assert checkin.agenda_ids(untouched, day) == expected and untouched.tactics.built == 0


def _agenda_by_urgency(plan, now) -> list[tuple[str, list[int]]]:
    """The agenda's rule said the plain way, tactic by tactic (the oracle)."""
    found: dict[str, list[int]] = {"overdue": [], "today": [], "doing": [], "upcoming": []}
    for tactic in sorted(plan.tactics.values(), key=deadline_order):
        level = urgency(tactic.due, now, 7)
        if not tactic.status.is_open:
            continue
        if level is Urgency.OVERDUE:
            found["overdue"].append(tactic.id)
        elif level is Urgency.TODAY:
            found["today"].append(tactic.id)
        elif tactic.status is TacticStatus.DOING:
            found["doing"].append(tactic.id)
        elif level is Urgency.SOON:
            found["upcoming"].append(tactic.id)
    return list(found.items())


def test_capped_keeps_the_most_pressing_and_the_full_count(shop, now):
    store, ids = shop
    found = checkin.groups(store.plan, Day(now))
    assert checkin.capped(found, 1) == [(name, items[:1], len(items)) for name, items in found]
    big = [("overdue", list(range(250)))]
    assert checkin.capped(big) == [("overdue", list(range(100)), 250)]
