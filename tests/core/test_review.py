"""Strategy reviews in core: due for review, what changed since, pace and health at the edges."""

from __future__ import annotations

import json

import pendulum
import pytest

from planner_tui.core import actions, pace, review
from planner_tui.core.errors import InputError
from planner_tui.core.model import Health, Strategy, StrategyStatus, TacticStatus
from planner_tui.core.rollup import Progress
from planner_tui.core.file.store import Store


@pytest.fixture
def clock(moving):
    return moving


@pytest.fixture
def store(plan_path, clock):
    return Store(plan_path, clock=clock)


def strategy(now, created_days_ago: int | None = 100, horizon_days: int | None = 100,
             review_every: int | None = 30) -> Strategy:
    return Strategy(1, "Goal", horizon=now.date().add(days=horizon_days) if horizon_days is not None else None,
                    review_every=review_every,
                    created=now.subtract(days=created_days_ago) if created_days_ago is not None else None)


def made(store, clock, now, days_ago: int, **kwargs) -> int:
    """A strategy created ``days_ago``."""
    clock.at = now.subtract(days=days_ago)
    sid = actions.add_strategy(store, kwargs.pop("title", "Goal"), **kwargs).new_ids[0]
    clock.at = now
    return sid


def reviewed(store, clock, now, sid: int, days_ago: int, health=Health.ON_TRACK, note="") -> None:
    clock.at = now.subtract(days=days_ago)
    review.record_review(store, sid, health, note)
    clock.at = now


# -- due for review -----------------------------------------------------------------------------------

@pytest.mark.parametrize("age, due", [(29, False), (30, True), (45, True)])
def test_never_reviewed_counts_from_creation(store, clock, now, age, due):
    sid = made(store, clock, now, age, review_every=30)
    assert [s.id for s in review.due_for_review(store.plan, now)] == ([sid] if due else [])


def test_a_review_resets_the_clock(store, clock, now):
    sid = made(store, clock, now, 90, review_every=30)
    reviewed(store, clock, now, sid, 10)
    assert review.due_for_review(store.plan, now) == []
    assert review.next_review(store.plan.strategies[sid], review.last_review(store.plan, sid), now) \
        == now.date().add(days=20)
    reviewed(store, clock, now, sid, 31)  # an older review does not count over the newer one
    assert review.due_for_review(store.plan, now) == []


def test_no_cadence_never_due_and_only_active_strategies(store, clock, now):
    made(store, clock, now, 400, title="No cadence")
    done = made(store, clock, now, 400, title="Achieved", review_every=7)
    actions.edit_strategy(store, done, status=StrategyStatus.ACHIEVED)
    assert review.due_for_review(store.plan, now) == []


def test_a_hand_written_strategy_without_created_is_due(store, now):
    with store.transaction("hand") as tx:
        tx.insert("strategies", {"title": "Old", "parent": None, "review_every": 30, "status": "active"})
    assert [s.title for s in review.due_for_review(store.plan, now)] == ["Old"]


def test_due_strategies_come_in_tree_order(store, clock, now):
    top = made(store, clock, now, 60, title="Top", review_every=30)
    other = made(store, clock, now, 60, title="Other", review_every=30)
    child = made(store, clock, now, 60, title="Child", parent=top, review_every=30)
    assert [s.id for s in review.due_for_review(store.plan, now)] == [top, child, other]


def test_review_marks_for_the_tree(store, clock, now):
    due = made(store, clock, now, 60, title="Due", review_every=30)
    fine = made(store, clock, now, 60, title="Fine", review_every=30)
    quiet = made(store, clock, now, 60, title="Quiet")
    reviewed(store, clock, now, fine, 3, Health.AT_RISK)
    marks = review.review_marks(store.plan, now)
    assert marks[due] == review.ReviewMark(True, None)
    assert marks[fine] == review.ReviewMark(False, Health.AT_RISK)
    assert quiet not in marks


def test_health_series_oldest_first(store, clock, now):
    sid = made(store, clock, now, 200)
    for days, health in [(90, Health.ON_TRACK), (60, Health.AT_RISK), (30, Health.OFF_TRACK), (1, Health.ON_TRACK)]:
        reviewed(store, clock, now, sid, days, health)
    assert review.health_series(store.plan, sid) == [3.0, 2.0, 1.0, 3.0]
    assert review.health_series(store.plan, sid, limit=2) == [1.0, 3.0]


# -- pace and health at the edges -----------------------------------------------------------------------

def test_expected_progress_is_elapsed_over_creation_to_horizon(now):
    assert pace.expected_progress(strategy(now, 25, 75), now) == pytest.approx(0.25)
    assert pace.expected_progress(strategy(now, 0, 100), now) == 0.0
    assert pace.expected_progress(strategy(now, 100, -10), now) == 1.0   # passed: capped
    assert pace.expected_progress(strategy(now, 5, -5), now) == 1.0      # horizon before creation
    assert pace.expected_progress(strategy(now, 0, 0), now) == 1.0       # created on the horizon
    assert pace.expected_progress(strategy(now, None, 10), now) is None
    assert pace.expected_progress(strategy(now, 10, None), now) is None


@pytest.mark.parametrize("created, horizon, done, total, verdict, health", [
    (50, 50, 5, 10, "on-pace", Health.ON_TRACK),        # exactly on schedule
    (50, 50, 4, 12, "on-pace", Health.ON_TRACK),        # a third short exactly: not yet at risk
    (50, 50, 3, 10, "behind", Health.AT_RISK),          # more than a third short
    (50, 50, 0, 10, "behind", Health.AT_RISK),          # nothing done
    (50, 50, 8, 10, "on-pace", Health.ON_TRACK),        # ahead
    (0, 100, 0, 10, "on-pace", Health.ON_TRACK),        # just created: nothing expected yet
    (100, -1, 9, 10, "passed", Health.OFF_TRACK),       # horizon passed with work left
    (100, -1, 10, 10, "complete", Health.ON_TRACK),     # horizon passed, all done
    (100, 0, 5, 10, "behind", Health.AT_RISK),          # horizon today: expected all
    (50, 50, 0, 0, "no-tactics", Health.AT_RISK),       # half the time gone, nothing to measure
    (10, 90, 0, 0, "no-tactics", Health.ON_TRACK),      # early, nothing planned yet
    (100, None, 0, 10, "no-horizon", Health.ON_TRACK),  # no horizon: no pace
    (None, 50, 0, 10, "no-start", Health.ON_TRACK),     # no creation date
])
def test_pace_and_suggested_health(now, created, horizon, done, total, verdict, health):
    found = pace.review_pace(strategy(now, created, horizon), Progress(done, total), now)
    assert found.verdict == verdict
    assert pace.suggested_health(found) is health


def test_without_a_horizon_overdue_tactics_suggest_at_risk(now):
    found = pace.review_pace(strategy(now, 100, None), Progress(0, 4), now)
    assert pace.suggested_health(found, overdue=0) is Health.ON_TRACK
    assert pace.suggested_health(found, overdue=2) is Health.AT_RISK


def test_shortfall(now):
    found = pace.review_pace(strategy(now, 50, 50), Progress(1, 4), now)
    assert found.expected == pytest.approx(0.5) and found.shortfall == pytest.approx(0.5)
    assert pace.ReviewPace("no-horizon", 0.3).shortfall is None
    assert pace.ReviewPace("on-pace", 0.9, 0.5).shortfall == 0.0


# -- what the review shows ----------------------------------------------------------------------------

@pytest.fixture
def reviewed_once(store, clock, now):
    """Created 60 days ago with a horizon 60 days ahead; 4 tactics; reviewed 30 days ago at 1/4."""
    sid = made(store, clock, now, 60, horizon=now.date().add(days=60), review_every=30)
    clock.at = now.subtract(days=60)
    ids = [actions.add_tactic(store, f"t{i}", sid, due=now.date().add(days=i - 2)).new_ids[0]
           for i in range(4)]
    clock.at = now.subtract(days=40)
    actions.set_status(store, [ids[0]], TacticStatus.DONE)
    reviewed(store, clock, now, sid, 30, Health.AT_RISK, "slow start")
    clock.at = now.subtract(days=2)
    actions.set_status(store, [ids[2]], TacticStatus.DONE)
    clock.at = now
    return sid, ids


def test_facts_since_the_last_review(store, now, reviewed_once):
    sid, ids = reviewed_once
    seen = review.facts(store.plan, sid, now)
    assert seen.progress == Progress(2, 4)
    assert seen.progress_then == Progress(1, 4) and seen.change == pytest.approx(0.25)
    assert [t.id for t in seen.done_since] == [ids[2]]
    assert [t.id for t in seen.overdue] == [ids[1]]   # t0 was due 2 days ago but is done
    assert seen.days_left == 60
    assert seen.pace.verdict == "on-pace" and seen.pace.expected == pytest.approx(0.5)
    assert seen.suggested is Health.ON_TRACK
    assert seen.last.health is Health.AT_RISK and seen.last.note == "slow start"
    assert seen.today is None


def test_first_review_counts_everything_done_since_creation(store, clock, now):
    sid = made(store, clock, now, 10, horizon=now.date().add(days=10))
    tactic = actions.add_tactic(store, "x", sid).new_ids[0]
    actions.set_status(store, [tactic], TacticStatus.DONE)
    seen = review.facts(store.plan, sid, now)
    assert seen.last is None and seen.progress_then is None and seen.change is None
    assert [t.id for t in seen.done_since] == [tactic]


def test_sub_strategies_count(store, clock, now):
    top = made(store, clock, now, 10, title="Top")
    child = made(store, clock, now, 10, title="Child", parent=top)
    actions.add_tactic(store, "late", child, due=now.date().subtract(days=1))
    assert len(review.facts(store.plan, top, now).overdue) == 1


# -- saving ---------------------------------------------------------------------------------------------

def test_record_review_keeps_what_it_saw(store, now, reviewed_once, plan_path):
    sid, _ = reviewed_once
    review.record_review(store, sid, "on-track", "  better\n now ")
    saved = [r for r in json.loads(plan_path.read_text())["reviews"].values() if r["date"] == now.date().isoformat()]
    assert saved == [{"strategy": sid, "date": now.date().isoformat(), "health": "on-track",
                      "note": "better now", "at": now.isoformat(), "done": 2, "total": 4,
                      "expected": pytest.approx(0.5), "suggested": "on-track", "modified": now.isoformat()}]


def test_a_second_look_the_same_day_edits_and_keeps_the_first_progress(store, clock, now, reviewed_once):
    sid, ids = reviewed_once
    review.record_review(store, sid, Health.ON_TRACK)
    clock.at = now.add(hours=2)
    actions.set_status(store, [ids[3]], TacticStatus.DONE)
    review.record_review(store, sid, Health.AT_RISK, "second thoughts")
    todays = [r for r in review.reviews_of(store.plan, sid) if r.date == now.date()]
    assert len(todays) == 1
    assert (todays[0].health, todays[0].note, todays[0].done, todays[0].at) == \
        (Health.AT_RISK, "second thoughts", 2, now)
    seen = review.facts(store.plan, sid, clock())
    assert seen.today.id == todays[0].id and seen.last.note == "slow start"


def test_bad_input_is_refused_and_nothing_written(store, clock, now, plan_path):
    sid = made(store, clock, now, 10)
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match="on-track"):
        review.record_review(store, sid, "fine")
    with pytest.raises(InputError, match="s99"):
        review.record_review(store, 99, Health.ON_TRACK)
    assert plan_path.read_bytes() == before


def test_set_review_note(store, clock, now):
    sid = made(store, clock, now, 10)
    review.record_review(store, sid, Health.ON_TRACK)
    [rid] = store.plan.reviews
    review.set_review_note(store, rid, "a note")
    assert store.plan.reviews[rid].note == "a note"


def test_review_summary():
    assert review.review_summary([]) == "No strategy reviewed."
    assert review.review_summary([Health.AT_RISK]) == "Reviewed 1 strategy: 1 at risk"
    assert review.review_summary([Health.ON_TRACK, Health.AT_RISK, Health.ON_TRACK]) == \
        "Reviewed 3 strategies: 2 on track, 1 at risk"


def test_old_review_records_still_read(store, now):
    with store.transaction("old") as tx:
        sid = tx.insert("strategies", {"title": "S", "parent": None, "status": "active"})
        tx.insert("reviews", {"strategy": sid, "date": now.date().subtract(days=3).isoformat(),
                              "health": "at-risk", "note": ""})
    seen = review.facts(store.plan, sid, now)
    assert seen.last.health is Health.AT_RISK and seen.progress_then is None and seen.last.at is None


# -- the cadence people type (the app's dialogs and the CLI) ------------------------------------


@pytest.mark.parametrize("text, days", [
    ("", None), ("none", None), ("30", 30), ("14d", 14), ("2w", 14), ("1m", 30), ("1y", 365), ("10y", 3650),
])
def test_parse_cadence(text, days):
    assert review.parse_cadence(text) == days


@pytest.mark.parametrize("text", ["soon", "0", "99y", "11y", "w", "-3", "1.5w", "²"])
def test_parse_cadence_refuses_with_examples(text):
    with pytest.raises(InputError, match="Try: 30"):
        review.parse_cadence(text)


# -- paused strategies -----------------------------------------------------------------------------------

def test_a_paused_strategy_is_not_due_for_review_until_its_pause_ends(store, clock, now):
    sid = made(store, clock, now, 90, review_every=30)
    actions.edit_strategy(store, sid, status=StrategyStatus.PAUSED, paused_until=now.date().add(days=10))
    assert review.due_for_review(store.plan, now) == []
    assert review.review_marks(store.plan, now) == {}
    on_the_day = now.add(days=10)
    assert [s.id for s in review.due_for_review(store.plan, on_the_day)] == [sid]  # resumed by itself
    assert store.plan.strategies[sid].status is StrategyStatus.PAUSED  # read so, never written
    actions.edit_strategy(store, sid, status=StrategyStatus.PAUSED, paused_until=None)
    assert review.due_for_review(store.plan, now.add(years=5)) == []  # paused with no end: until reopened


def test_a_paused_strategy_has_no_pace_and_suggests_nothing_worse_than_on_track(now):
    behind = strategy(now, 100, -1)
    behind.status, behind.paused_until = StrategyStatus.PAUSED, now.date().add(days=1)
    found = pace.review_pace(behind, Progress(1, 10), now)
    assert (found.verdict, found.expected) == ("paused", None)
    assert pace.suggested_health(found, overdue=5) is Health.ON_TRACK
    assert pace.review_pace(behind, Progress(1, 10), now.add(days=1)).verdict == "passed"


def test_a_review_of_a_paused_strategy_keeps_no_expected_progress(store, clock, now):
    sid = made(store, clock, now, 50, horizon=now.date().add(days=50))
    actions.edit_strategy(store, sid, status=StrategyStatus.PAUSED)
    review.record_review(store, sid, Health.AT_RISK, "on hold")
    kept = review.last_review(store.plan, sid)
    assert (kept.health, kept.suggested, kept.expected) == (Health.AT_RISK, Health.ON_TRACK, None)
