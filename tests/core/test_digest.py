"""The digests' data (core/digest.py): periods, then and now, the period's edges in two zones."""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core import actions, checkin
from planner_tui.core.checkin import Decision
from planner_tui.core.digest import period_named, period_since, strategic, tactical
from planner_tui.core.errors import InputError
from planner_tui.core.file.store import Store
from planner_tui.core.keyresult_actions import add_key_result, record_value
from planner_tui.core.model import Health, TacticStatus
from planner_tui.core.review import record_review

from tests.conftest import FROZEN


@pytest.mark.parametrize("text, start, words", [
    ("1w", (2026, 11, 22), "the last week"), ("4w", (2026, 11, 1), "the last 4 weeks"),
    ("1d", (2026, 11, 28), "the last day"), ("30d", (2026, 10, 30), "the last 30 days"),
    ("3m", (2026, 8, 29), "the last 3 months"), (" 1Y ", (2025, 11, 29), "the last year"),
    ("2026-11-01", (2026, 11, 1), "since 2026-11-01"),
])
def test_a_period_back_from_today(now, text, start, words):
    period = period_since(text, now)
    assert (period.start, period.end, period.words) == (pendulum.Date(*start), now.date(), words)
    assert period.before == pendulum.Date(*start).subtract(days=1)


@pytest.mark.parametrize("text", ["", "w", "4 weeks", "0w", "-1w", "99999d", "2026-02-30", "tomorrow", "2026-12-01"])
def test_a_period_that_cannot_be_is_refused(now, text):
    with pytest.raises(InputError):
        period_since(text, now)


@pytest.mark.parametrize("name, week_start, start", [
    ("week", pendulum.MONDAY, (2026, 11, 23)), ("week", pendulum.SUNDAY, (2026, 11, 22)),
    ("month", pendulum.MONDAY, (2026, 11, 1)), ("quarter", pendulum.MONDAY, (2026, 10, 1)),
])
def test_this_period_so_far(now, name, week_start, start):
    period = period_named(name, now, week_start)
    assert (period.start, period.end, period.words) == (pendulum.Date(*start), now.date(), f"this {name} so far")


@pytest.fixture(params=["Pacific/Auckland", "America/New_York"])
def zoned(request, local_zone, tmp_path):
    local_zone(request.param)
    clock = type("Clock", (), {"at": pendulum.datetime(*FROZEN, tz=request.param),
                               "__call__": lambda self: self.at})()
    return clock, Store(tmp_path / "plan.json", clock=clock)


def test_the_period_s_edges_are_local_days(zoned):
    """Done at 23:30 the evening before the period starts is before it; at 00:30 on its first day, in it."""
    clock, store = zoned
    now = clock.at
    period = period_since("1w", now)
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    early, late = (actions.add_tactic(store, title, goal).new_ids[0] for title in ("early", "late"))
    for tactic, moment in ((early, period.before.isoformat() + " 23:30"), (late, period.start.isoformat() + " 00:30")):
        clock.at = pendulum.parse(moment, tz=now.timezone)
        actions.set_status(store, [tactic], TacticStatus.DONE)
    clock.at = now
    [work] = tactical(store.plan, period, now).strategies
    assert [t.title for t in work.done] == ["late"]


def test_strategic_then_and_now_and_health_changes(zoned):
    clock, store = zoned
    now = clock.at
    clock.at = now.subtract(days=60)
    goal = actions.add_strategy(store, "Goal", horizon=now.date().add(days=60)).new_ids[0]
    kr = add_key_result(store, goal, "Users", 0, 100).new_ids[0]
    record_value(store, kr, 10)
    record_review(store, goal, Health.ON_TRACK)
    clock.at = now.subtract(days=10)
    record_value(store, kr, 30)
    record_review(store, goal, Health.AT_RISK, "slow")
    clock.at = now
    record_value(store, kr, 45)
    digest = strategic(store.plan, period_since("4w", now), now)
    [news] = digest.strategies
    assert (news.then.ratio, news.now.ratio) == (0.1, 0.45)
    [kr_news] = news.key_results
    assert (kr_news.then.value, kr_news.now.value, kr_news.expected) == (10, 45, 50)
    assert news.pace.verdict == "on-pace" and news.days_left == 60
    assert news.last_review.note == "slow"
    [change] = digest.changed
    assert (change.was, change.review.health, change.review.date) == (Health.ON_TRACK, Health.AT_RISK,
                                                                      now.date().subtract(days=10))
    assert strategic(store.plan, period_since("1w", now), now).changed == []  # before the period


def test_dropped_strategies_are_left_out_of_the_strategic_digest(store, now):
    kept = actions.add_strategy(store, "Kept").new_ids[0]
    gone = actions.add_strategy(store, "Gone").new_ids[0]
    actions.edit_strategy(store, gone, status=actions.StrategyStatus.DROPPED)
    assert [n.strategy.id for n in strategic(store.plan, period_since("1w", now), now).strategies] == [kept]


def test_tactical_pushes_drops_and_notes_of_the_period(plan_path, moving, now):
    store = Store(plan_path, clock=moving)
    goal = actions.add_strategy(store, "Goal").new_ids[0]
    slow, dropped, gone = (actions.add_tactic(store, t, goal, due=now.date()).new_ids[0]
                           for t in ("slow", "dropped", "gone"))
    for days_ago in (20, 5, 4):
        moving.at = now.subtract(days=days_ago)
        checkin.decide(store, moving.at.date(), slow, Decision.PUSH)
        checkin.finish(store, moving.at.date(), f"note {days_ago}")
    checkin.decide(store, moving.at.date(), gone, Decision.PUSH)
    checkin.decide(store, moving.at.date(), dropped, Decision.DROP)
    actions.delete_tactic(store, gone)
    moving.at = now
    digest = tactical(store.plan, period_since("1w", now), now)
    [work] = digest.strategies
    assert [(m.tactic.id, m.times, m.ever) for m in work.pushed] == [(slow, 2, 3)]
    assert [t.id for t in work.dropped] == [dropped]
    assert [t.id for t, _ in digest.slipping] == [slow]
    assert [record.note for record in digest.notes] == ["note 5", "note 4"]
    assert work.overdue == [] and [t.id for t in work.next_week] == [slow]  # three days later than it was
