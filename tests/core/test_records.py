"""The JSON records of a whole plan read from the stored documents are the records of the
built tactics, in the order of `Plan.tactics_of`."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings, strategies as st

from planner_tui.core.day import Day
from planner_tui.core.model import TacticStatus
from planner_tui.core.plan import Plan
from planner_tui.core.exchange.records import TacticRecords, strategy_record, tactic_record, tree_walk
from planner_tui.core.rollup import Rollup
from planner_tui.core.views import tactic_ids_in_order

deadlines = st.one_of(
    st.none(),
    st.integers(-800, 800).map(lambda days: ("date", days)),
    st.tuples(st.integers(-800, 800), st.integers(0, 1439), st.integers(-48, 56)).map(lambda p: ("time", *p)),
)
tactics = st.tuples(deadlines, st.sampled_from(list(TacticStatus)), st.integers(1, 4), st.integers(0, 5),
                    st.sampled_from(["", "some notes"]), st.sampled_from([None, "1w"]),
                    st.fixed_dictionaries({}, optional={"owner": st.sampled_from(["ana", "bo"]),
                                                        "tags": st.sampled_from([["web"], ["a", "web"]])}))


def stored(deadline, now: pendulum.DateTime) -> str | None:
    if deadline is None:
        return None
    if deadline[0] == "date":
        return now.date().add(days=deadline[1]).isoformat()
    _, days, minute, quarters = deadline
    return now.in_tz(pendulum.FixedTimezone(quarters * 900)).start_of("day").add(days=days, minutes=minute).isoformat()


def plan_of(rows, now) -> dict:
    strategies = {"1": {"title": "Top", "parent": None, "position": 0, "owner": "cy", "tags": ["q3"]},
                  "2": {"title": "Under", "parent": 1, "tags": ["web"]},
                  "3": {"title": "Other", "parent": None, "position": 1}, "4": {"title": "Deep", "parent": 2}}
    docs = {str(n): {"title": f"t{n}", "strategy": strategy, "status": status.value, "due": stored(due, now),
                     "position": position, "notes": notes, "repeat": repeat, **labels}
            for n, (due, status, strategy, position, notes, repeat, labels) in enumerate(rows, start=1)}
    return {"strategies": strategies, "tactics": docs}


def built_records(plan: Plan, now) -> list[dict]:
    """`planner list --json` as it was: every tactic built, Plan's own progress and depth."""
    rows = []
    for strategy in plan.tree_order():
        rows.append(strategy_record(plan, strategy, Day(now)))
        rows.extend(tactic_record(plan, t, Day(now)) for t in plan.tactics_of(strategy.id))
    return rows


@settings(max_examples=50, deadline=None)
@given(zone=st.timezones(), rows=st.lists(tactics, max_size=30))
def test_records_from_the_documents_are_the_built_tactics_records(zone, rows):
    now = pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.timezone(zone.key))
    tables = plan_of(rows, now)
    stored_plan, built_plan = Plan.from_tables(tables), Plan.from_tables(tables)
    rollup, own, records = Rollup(stored_plan), tactic_ids_in_order(stored_plan), TacticRecords(stored_plan, Day(now))
    from_documents = []
    for strategy, depth in tree_walk(stored_plan):
        from_documents.append(strategy_record(stored_plan, strategy, Day(now), rollup.progress(strategy.id), depth))
        from_documents.extend(records.record(tactic_id) for tactic_id in own.get(strategy.id, ()))
    assert stored_plan.tactics.built == 0
    assert from_documents == built_records(built_plan, now)
