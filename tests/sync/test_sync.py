"""`planner sync` against a real Radicale: both ways, conflicts, interruptions, refusals."""

from __future__ import annotations

import datetime as dt
import json

import pendulum
import pytest

from planner_tui.core import actions
from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus
from tests.conftest import frozen_now

pytestmark = pytest.mark.slow


@pytest.fixture
def plan(plan_path):
    """Two strategies (one nested), a timed deadline in New York, a done and a repeating tactic."""
    store = Store(plan_path)
    career = actions.add_strategy(store, "Career").new_ids[0]
    site = actions.add_strategy(store, "Portfolio site", parent=career).new_ids[0]
    actions.add_tactic(store, "Write the about page", site, due=pendulum.date(2026, 12, 4))
    actions.add_tactic(store, "Call the mentor", career,
                       due=pendulum.datetime(2026, 12, 4, 9, 0, tz="America/New_York"), notes="ask about\nreferences")
    done = actions.add_tactic(store, "Buy a domain", site).new_ids[0]
    actions.set_status(store, [done], TacticStatus.DONE)
    actions.add_tactic(store, "Weekly review", career, due=pendulum.date(2026, 12, 1), repeat="1w")
    return store


def reopened(plan_path) -> Store:
    return Store(plan_path)


def test_the_first_sync_uploads_the_plan_as_a_tree(plan, plan_path, planner, phone):
    before = plan_path.read_bytes()
    result = planner("sync")
    assert result.code == 0, result.err
    assert "Changed on the server (6)" in result.out
    assert plan_path.read_bytes() == before  # nothing came back
    todos = phone().todos()
    assert set(todos) == {"s1@planner-tui", "s2@planner-tui", "t1@planner-tui", "t2@planner-tui",
                          "t3@planner-tui", "t4@planner-tui"}
    assert "RELATED-TO" not in todos["s1@planner-tui"]
    assert str(todos["s2@planner-tui"]["RELATED-TO"]) == "s1@planner-tui"
    assert todos["t1@planner-tui"]["RELATED-TO"].params["RELTYPE"] == "PARENT"
    assert str(todos["t1@planner-tui"]["RELATED-TO"]) == "s2@planner-tui"
    call = todos["t2@planner-tui"]
    assert call["DUE"].params["TZID"] == "America/New_York"
    assert call.decoded("DUE") == pendulum.datetime(2026, 12, 4, 9, 0, tz="America/New_York")
    assert str(call["DESCRIPTION"]) == "ask about\nreferences"
    assert str(todos["t3@planner-tui"]["STATUS"]) == "COMPLETED"
    assert todos["t3@planner-tui"].decoded("COMPLETED") == frozen_now()
    assert todos["t4@planner-tui"]["RRULE"].to_ical() == b"FREQ=WEEKLY"
    state = plan_path.with_name("plan.json.sync.json")
    assert state.stat().st_mode & 0o777 == plan_path.stat().st_mode & 0o777
    assert planner("sync").out.startswith("Nothing to sync")


def test_a_task_completed_on_the_phone_comes_back_done(plan, plan_path, planner, phone):
    planner("sync")
    at = frozen_now().subtract(hours=2)
    phone().complete("t1@planner-tui", at)
    result = planner("sync")
    assert result.code == 0, result.err
    assert "t1  done: Write the about page" in result.out
    tactic = reopened(plan_path).plan.tactics[1]
    assert tactic.status is TacticStatus.DONE and tactic.done_at == at
    assert planner("undo").code == 0
    assert reopened(plan_path).plan.tactics[1].status is TacticStatus.TODO


def test_a_task_created_on_the_phone_becomes_a_tactic(plan, plan_path, planner, phone):
    planner("sync")
    device = phone()
    under_site = device.create("Pick a theme", related_to="s2@planner-tui")
    tagged = device.create("Update the CV", categories=["career"])
    loose = device.create("Buy milk", due=dt.date(2026, 12, 2))
    result = planner("sync")
    assert result.code == 0, result.err
    tactics = {t.title: t for t in reopened(plan_path).plan.tactics.values()}
    strategies = {s.title: s.id for s in reopened(plan_path).plan.strategies.values()}
    assert tactics["Pick a theme"].strategy == strategies["Portfolio site"]
    assert tactics["Update the CV"].strategy == strategies["Career"]
    assert tactics["Buy milk"].strategy == strategies["Inbox"]
    assert tactics["Buy milk"].due == pendulum.date(2026, 12, 2)
    todos = device.todos()  # the phone now shows them in the tree, the Inbox too
    assert str(todos[loose]["RELATED-TO"]) == f"s{strategies['Inbox']}@planner-tui"
    assert str(todos[tagged]["RELATED-TO"]) == f"s{strategies['Career']}@planner-tui"
    assert f"s{strategies['Inbox']}@planner-tui" in todos and under_site in todos
    assert planner("sync").out.startswith("Nothing to sync")
    assert len(reopened(plan_path).plan.tactics) == 7


@pytest.mark.parametrize("later", ["phone", "plan"])
def test_a_rename_on_both_sides_follows_the_later_change(plan, plan_path, planner, phone, later):
    planner("sync")
    plan_time = frozen_now().add(minutes=5)
    with pendulum.travel_to(plan_time, freeze=True):  # the tactic's modified stamp
        actions.edit_tactic(reopened(plan_path), 1, title="About page (plan)")
    phone_time = plan_time.add(minutes=1) if later == "phone" else plan_time.subtract(minutes=1)
    phone().edit("t1@planner-tui", phone_time, summary="About page (phone)")
    result = planner("sync")
    assert result.code == 0, result.err
    kept = f"About page ({later})"
    assert reopened(plan_path).plan.tactics[1].title == kept
    assert str(phone().todos()["t1@planner-tui"]["SUMMARY"]) == kept
    assert "title changed on both sides" in result.out


def test_edits_deletes_and_reschedules_cross_both_ways(plan, plan_path, planner, phone):
    planner("sync")
    device = phone()
    device.delete("t1@planner-tui")
    device.edit("t2@planner-tui", due=dt.date(2026, 12, 10))
    store = reopened(plan_path)
    actions.delete_tactic(store, 3)
    actions.set_status(store, [4], TacticStatus.DOING)
    result = planner("sync")
    assert result.code == 0, result.err
    plan_now = reopened(plan_path).plan
    assert 1 not in plan_now.tactics
    assert plan_now.tactics[2].due == pendulum.date(2026, 12, 10)
    todos = device.todos()
    assert "t3@planner-tui" not in todos and "t1@planner-tui" not in todos
    assert str(todos["t4@planner-tui"]["STATUS"]) == "IN-PROCESS"
    device.edit("t4@planner-tui", status="NEEDS-ACTION")
    actions.set_status(reopened(plan_path), [2], TacticStatus.DONE)
    planner("sync")
    assert reopened(plan_path).plan.tactics[4].status is TacticStatus.TODO
    assert str(device.todos()["t2@planner-tui"]["STATUS"]) == "COMPLETED"


def test_a_delete_against_an_edit_keeps_the_edit(plan, plan_path, planner, phone):
    planner("sync")
    phone().edit("t1@planner-tui", summary="About page, longer")
    actions.delete_tactic(reopened(plan_path), 1)
    result = planner("sync")
    assert "deleted in the plan but changed on the server; the change is kept" in result.out
    assert reopened(plan_path).plan.tactics[1].title == "About page, longer"


def test_repeat_rules_round_trip_as_rrule(plan_path, planner, phone):
    store = Store(plan_path)
    strategy = actions.add_strategy(store, "Habits").new_ids[0]
    rules = ["1d", "3d", "1w", "2w", "1m", "1y", "weekdays"]
    for rule in rules:
        actions.add_tactic(store, f"every {rule}", strategy, due=pendulum.date(2026, 12, 1), repeat=rule)
    planner("sync")
    device = phone()
    todos = device.todos()
    expected = {"1d": b"FREQ=DAILY", "3d": b"FREQ=DAILY;INTERVAL=3", "1w": b"FREQ=WEEKLY",
                "2w": b"FREQ=WEEKLY;INTERVAL=2", "1m": b"FREQ=MONTHLY", "1y": b"FREQ=YEARLY",
                "weekdays": b"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}
    for number, rule in enumerate(rules, 1):
        assert todos[f"t{number}@planner-tui"]["RRULE"].to_ical() == expected[rule]
    device.edit("t1@planner-tui", rrule={"FREQ": "MONTHLY", "INTERVAL": 2})
    planner("sync")
    assert reopened(plan_path).plan.tactics[1].repeat == "2m"


def test_a_repeating_task_ticked_off_on_the_phone_moves_on(plan, plan_path, planner, phone):
    planner("sync")
    device = phone()
    device.edit("t4@planner-tui", due=dt.date(2026, 12, 8))  # Tasks.org: DUE moves to the next occurrence
    result = planner("sync")
    assert result.code == 0, result.err
    plan_now = reopened(plan_path).plan
    assert plan_now.tactics[4].status is TacticStatus.DONE
    following = [t for t in plan_now.tactics.values() if t.title == "Weekly review" and t.status.is_open]
    assert [t.due for t in following] == [pendulum.date(2026, 12, 8)]
    todos = device.todos()
    assert str(todos["t4@planner-tui"]["STATUS"]) == "COMPLETED" and "RRULE" not in todos["t4@planner-tui"]
    nxt = todos[f"{following[0].key}@planner-tui"]
    assert nxt["RRULE"].to_ical() == b"FREQ=WEEKLY" and nxt.decoded("DUE") == dt.date(2026, 12, 8)
    assert planner("sync").out.startswith("Nothing to sync")


def test_a_dry_run_writes_nothing(plan, plan_path, planner, phone):
    planner("sync")
    phone().complete("t1@planner-tui", frozen_now())
    actions.edit_tactic(reopened(plan_path), 2, title="Call the mentor today")
    before, state_before = plan_path.read_bytes(), plan_path.with_name("plan.json.sync.json").read_bytes()
    result = planner("sync", "--dry-run")
    assert result.code == 0, result.err
    assert "Would change in the plan (1):\n  t1  done: Write the about page" in result.out
    assert "Would change on the server (1):\n  t2  renamed: Call the mentor today" in result.out
    assert plan_path.read_bytes() == before
    assert plan_path.with_name("plan.json.sync.json").read_bytes() == state_before
    assert str(phone().todos()["t2@planner-tui"]["SUMMARY"]) == "Call the mentor"


def test_a_wrong_password_is_a_clear_message(plan, plan_path, planner, settings_file):
    settings_file.write_text(settings_file.read_text().replace("echo secret", "echo wrong"))
    before = plan_path.read_bytes()
    result = planner("sync")
    assert result.code == 1
    assert "refused the user name or password" in result.err
    assert plan_path.read_bytes() == before
    assert not plan_path.with_name("plan.json.sync.json").exists()


def test_a_failing_password_command_is_said(plan, planner, settings_file):
    settings_file.write_text(settings_file.read_text().replace("echo secret", "exit 3"))
    result = planner("sync")
    assert result.code == 1 and "The password command (exit 3) failed (exit 3)" in result.err


def test_no_caldav_settings_is_bad_input(plan, planner, settings_file):
    settings_file.write_text('theme = "textual-dark"\n')
    result = planner("sync")
    assert result.code == 2 and "No CalDAV server to sync with" in result.err


# The sync's requests here: the login, the listing, reading what changed, reading the
# to-do to edit, five writes, the plan's commit, then the follow-up pass: a listing,
# a read, two writes (the new task's place under the Inbox, the Inbox itself).
BEFORE_THE_PLAN = [0, 1, 2, 3, 5, 8]
AFTER_THE_PLAN = [9, 10, 11]


@pytest.mark.parametrize("stop_after", BEFORE_THE_PLAN + AFTER_THE_PLAN)
def test_a_server_stopped_mid_sync_leaves_the_plan_and_the_next_sync_finishes(
        plan, plan_path, planner, phone, proxy, radicale, stop_after):
    planner("sync")
    device = phone()
    device.complete("t1@planner-tui", frozen_now())
    new_on_phone = device.create("Renew the passport")
    store = reopened(plan_path)
    for number in range(4):
        actions.add_tactic(store, f"Plan task {number}", 1)
    actions.edit_tactic(store, 2, title="Call the mentor soon")
    before = plan_path.read_bytes()

    def stop(number: int, method: str) -> None:
        if number == stop_after + 1:
            radicale.stop()
    proxy.count = 0
    proxy.before = stop
    result = planner("sync")
    proxy.before = lambda number, method: None
    assert result.code == 1, result.out
    assert "Sync stopped: Could not reach" in result.err
    if stop_after in BEFORE_THE_PLAN:
        assert "Nothing in the plan was changed" in result.err
        assert plan_path.read_bytes() == before
    else:
        assert "The plan already has the server's changes" in result.err
        assert reopened(plan_path).plan.tactics[1].status is TacticStatus.DONE

    radicale.start()
    result = planner("sync")
    assert result.code == 0, result.err
    plan_now = reopened(plan_path).plan
    assert plan_now.tactics[1].status is TacticStatus.DONE
    assert [t.title for t in plan_now.tactics.values()].count("Renew the passport") == 1
    todos = phone().todos()
    titles = [str(todo["SUMMARY"]) for todo in todos.values()]
    assert sorted(titles) == sorted([*(t.title for t in plan_now.tactics.values()),
                                     *(s.title for s in plan_now.strategies.values())])
    assert str(todos["t2@planner-tui"]["SUMMARY"]) == "Call the mentor soon"
    assert new_on_phone in todos
    assert planner("sync").out.startswith("Nothing to sync")


def test_a_to_do_changed_during_the_sync_stops_it_with_nothing_written(plan, plan_path, planner, phone, proxy):
    planner("sync")
    device = phone()
    actions.edit_tactic(reopened(plan_path), 2, title="Call the mentor soon")
    before = plan_path.read_bytes()

    def meddle(number: int, method: str) -> None:
        if method == "PUT" and not meddle.done:
            meddle.done = True
            device.edit("t2@planner-tui", summary="Call her on Friday")
    meddle.done = False
    proxy.before = meddle
    result = planner("sync")
    proxy.before = lambda number, method: None
    assert result.code == 1
    assert "changed during the sync" in result.err
    assert plan_path.read_bytes() == before
    result = planner("sync")
    assert result.code == 0, result.err
    assert "title changed on both sides" in result.out


def test_the_state_is_beside_the_plan_never_in_it(plan, plan_path, planner):
    planner("sync")
    assert "etag" not in plan_path.read_text().lower()
    state = json.loads(plan_path.with_name("plan.json.sync.json").read_text())
    assert state["items"]["t1@planner-tui"]["key"] == "t1"


def test_moving_a_task_or_renaming_a_strategy_on_the_phone(plan, plan_path, planner, phone):
    planner("sync")
    device = phone()
    device.edit("t1@planner-tui", related_to="s1@planner-tui")  # under another strategy
    device.edit("s2@planner-tui", summary="Portfolio", status="COMPLETED")
    device.edit("t2@planner-tui", related_to="t1@planner-tui")  # under a task: no place in a plan
    result = planner("sync")
    assert result.code == 0, result.err
    plan_now = reopened(plan_path).plan
    assert plan_now.tactics[1].strategy == 1
    assert plan_now.strategies[2].title == "Portfolio" and plan_now.strategies[2].status.value == "achieved"
    assert plan_now.tactics[2].strategy == 1
    assert str(device.todos()["t2@planner-tui"]["RELATED-TO"]) == "s1@planner-tui"  # put back under its strategy
    assert planner("sync").out.startswith("Nothing to sync")


def test_a_paused_strategy_syncs_as_to_do_and_stays_paused_with_its_owner_and_tags(plan, plan_path, planner, phone):
    from planner_tui.core.model import StrategyStatus

    actions.edit_strategy(plan, 2, status=StrategyStatus.PAUSED, paused_until=pendulum.date(2027, 1, 15),
                          owner="ana", tags=("web",))
    assert planner("sync").code == 0
    assert str(phone().todos()["s2@planner-tui"]["STATUS"]) == "NEEDS-ACTION"
    phone().edit("s2@planner-tui", frozen_now().add(minutes=1), summary="Portfolio")
    result = planner("sync")
    assert result.code == 0, result.err
    site = reopened(plan_path).plan.strategies[2]
    assert (site.title, site.status, site.paused_until) == ("Portfolio", StrategyStatus.PAUSED, pendulum.date(2027, 1, 15))
    assert (site.owner, site.tags) == ("ana", ("web",))
