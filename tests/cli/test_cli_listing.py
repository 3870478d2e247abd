"""The listings' shortcuts say what the plain functions say: a deadline's words read from
its stored text (and a date-time's from its local date) equal those of the built tactic."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings, strategies as st

from planner_tui.core.day import Day
from planner_tui.cli.output import TacticRows, tactic_deadline_piece
from planner_tui.core.model import TacticStatus
from planner_tui.core.plan import Plan

deadlines = st.one_of(
    st.none(),
    st.integers(-800, 800).map(lambda days: ("date", days)),
    st.tuples(st.integers(-800, 800), st.integers(0, 23 * 60 + 59), st.integers(-12 * 4, 14 * 4))
    .map(lambda parts: ("time", *parts)),
)


def stored(deadline, now: pendulum.DateTime) -> str | None:
    """As the file holds it: `2026-12-04`, or a date-time with its offset (quarter hours)."""
    if deadline is None:
        return None
    if deadline[0] == "date":
        return now.date().add(days=deadline[1]).isoformat()
    _, days, minute, quarters = deadline
    zone = pendulum.FixedTimezone(quarters * 15 * 60)
    moment = now.in_tz(zone).start_of("day").add(days=days, minutes=minute)
    return moment.isoformat()


@settings(max_examples=60, deadline=None)
@given(zone=st.timezones(), hour=st.integers(0, 23),
       tactics=st.lists(st.tuples(deadlines, st.sampled_from(list(TacticStatus))), min_size=1, max_size=40))
def test_words_from_the_stored_text_are_the_built_tactics_words(zone, hour, tactics):
    now = pendulum.datetime(2026, 11, 28, hour, 30, tz=pendulum.timezone(zone.key))
    docs = {str(n): {"title": "t", "strategy": 1, "status": status.value, "due": stored(deadline, now)}
            for n, (deadline, status) in enumerate(tactics, start=1)}
    plan = Plan.from_tables({"strategies": {"1": {"title": "s"}}, "tactics": docs})
    rows = TacticRows(plan, Day(now))
    for n, doc in docs.items():
        from_text = rows.deadline(doc["due"], doc["status"] in ("todo", "doing"))
        assert from_text == tactic_deadline_piece(plan.tactics[int(n)], Day(now)), doc
