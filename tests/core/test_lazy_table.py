"""LazyTable: tactics become objects when first used, and nothing else changes."""

from __future__ import annotations

import pytest

from planner_tui.core.file.changes import Patch, Put, Remove
from planner_tui.core.lazy_table import LazyTable
from planner_tui.core.model import Tactic, TacticStatus
from planner_tui.core.plan import Plan

DOCS = {
    3: {"title": "three", "strategy": 1, "status": "done", "due": "2026-12-01", "position": 2},
    1: {"title": "one", "strategy": 1, "due": "2026-12-02T09:00:00+13:00"},
    2: {"title": "two", "strategy": 2, "status": "dropped", "created": "2026-11-01T08:00:00+00:00"},
}


@pytest.fixture
def table() -> LazyTable[Tactic]:
    return LazyTable(Tactic, DOCS)


def test_nothing_is_built_until_asked_for(table):
    assert table.built == 0 and len(table) == 3 and 3 in table and 4 not in table
    assert list(table) == [3, 1, 2]  # the file's order
    assert table[1] == Tactic.from_doc(1, DOCS[1])
    assert table.built == 1
    assert table[1] is table[1]  # built once, kept


def test_whole_table_questions_build_everything_once(table):
    assert list(table.values()) == [Tactic.from_doc(k, d) for k, d in DOCS.items()]
    assert table.built == 3
    assert dict(table.items()) == {k: Tactic.from_doc(k, d) for k, d in DOCS.items()}
    assert table == {k: Tactic.from_doc(k, d) for k, d in DOCS.items()}


def test_get_set_and_delete(table):
    assert table.get(9) is None and table.get(9, "x") == "x"
    assert table.get(2).title == "two"
    table[9] = Tactic(9, "nine", 1)
    del table[3]
    assert list(table) == [1, 2, 9] and table.built == 2
    with pytest.raises(KeyError):
        table[3]


def test_stored_fields_agree_built_or_not(table):
    raw = sorted(table.stored("strategy", "status"))
    assert table.built == 0
    assert raw == [(1, 1, "todo"), (2, 2, "dropped"), (3, 1, "done")]  # status missing: the default
    list(table.values())
    built = sorted(table.stored("strategy", "status"))
    assert built == raw and isinstance(built[0][2], TacticStatus)


def test_one_stored_field_agrees_built_or_not(table):
    raw = [(table.field(k, "status"), table.field(k, "notes"), table.field(k, "title")) for k in (1, 2, 3)]
    assert table.built == 0
    assert raw[0][0] == "todo" and raw[0][1] == ""  # missing fields: the model's defaults
    list(table.values())
    assert [(table.field(k, "status"), table.field(k, "notes"), table.field(k, "title")) for k in (1, 2, 3)] == raw


def test_a_plan_applies_changes_to_rows_not_built_yet():
    plan = Plan.from_tables({"strategies": {"1": {"title": "S"}, "2": {"title": "T"}},
                             "tactics": {str(k): d for k, d in DOCS.items()}})
    assert plan.tactics.built == 0
    plan.apply([Patch("tactics", 3, {"status": "todo"}), Remove("tactics", 2),
                Put("tactics", 7, {"title": "seven", "strategy": 1})])
    assert plan.tactics[3].status is TacticStatus.TODO and plan.tactics[3].due.isoformat() == "2026-12-01"
    assert 2 not in plan.tactics and plan.tactics[7].title == "seven"
    assert plan.tactics.built == 2  # 3 (patched) and 7 (put); 1 still a document


def _mixed_plan() -> Plan:
    dues = [None, "2026-12-01", "2026-12-01T09:00:00+13:00", "2026-11-30T19:00:00-05:00",
            "2026-12-01T08:00:00+00:00", "2026-11-30", "2027-01-15T23:30:00+05:30", "2026-W49-2",
            "2026-11-30T19:00:00-05:00[America/New_York]",
            "2026-12-01T09:00:00+10:30[Australia/Lord_Howe]"]  # an offset its zone no longer gives
    statuses = ["todo", "doing", "done", "dropped"]
    tactics = {str(n): {"title": f"task {n}" + (" [x] find me" if n % 5 == 0 else ""), "strategy": 1 + n % 3,
                        "status": statuses[n % 4], "due": dues[n % len(dues)], "position": n % 7,
                        "notes": "needle" if n % 6 == 0 else ""} for n in range(1, 60)}
    strategies = {"1": {"title": "A"}, "2": {"title": "B", "parent": 1}, "3": {"title": "C", "parent": 2}}
    return Plan.from_tables({"strategies": strategies, "tactics": tactics})


@pytest.mark.parametrize("tz", ["Pacific/Auckland", "America/New_York", "UTC"])
@pytest.mark.parametrize("options", [{}, {"hide_done": True}, {"query": "find"}, {"query": "NEEDLE"},
                                     {"hide_done": True, "query": "task", "limit": 5}, {"deep": False}])
def test_the_table_rows_are_the_same_from_documents_as_from_objects(tz, options):
    """The table sorts and filters unbuilt tactics from their documents: it must
    give exactly what the objects give, in every zone (local wall-clock order)."""
    import pendulum

    from planner_tui.core.rollup import Rollup
    from planner_tui.core.views import tactic_rows

    with pendulum.travel_to(pendulum.datetime(2026, 11, 29, 12, tz=tz), freeze=True):
        pendulum.set_local_timezone(pendulum.timezone(tz))
        try:
            kwargs = {"deep": True, **options}
            lazy = _mixed_plan()
            from_docs = tactic_rows(lazy, 1, rollup=Rollup(lazy), **kwargs)
            built_by_sorting = lazy.tactics.built
            built = _mixed_plan()
            list(built.tactics.values())
            from_objects = tactic_rows(built, 1, rollup=Rollup(built), **kwargs)
            without_rollup = tactic_rows(built, 1, **kwargs)
        finally:
            pendulum.set_local_timezone()
    assert [t.id for t in from_docs.rows] == [t.id for t in from_objects.rows] == [t.id for t in without_rollup.rows]
    assert from_docs.total == from_objects.total
    assert built_by_sorting == 0  # sorting and filtering read the documents
    assert lazy.tactics.built == len(from_docs.rows)  # only the rows read became objects


def test_rows_build_a_tactic_only_when_it_is_read():
    from planner_tui.core.rollup import Rollup
    from planner_tui.core.views import tactic_rows

    plan = _mixed_plan()
    rows = tactic_rows(plan, 1, deep=True, rollup=Rollup(plan)).rows
    assert len(rows) == 59 and plan.tactics.built == 0
    assert rows[3].id == rows.ids[3] and [t.id for t in rows[:2]] == rows.ids[:2]
    assert plan.tactics.built == 3


@pytest.mark.parametrize("tz", ["Pacific/Auckland", "America/New_York", "UTC"])
def test_the_day_counts_pace_and_owners_are_the_same_from_documents_as_from_objects(tz):
    """The header's counts, the detail pane's momentum and the table's owner column read
    unbuilt tactics from their documents: they must agree with the objects."""
    import pendulum

    from planner_tui.core.rollup import Rollup
    from planner_tui.core.views import DayTally, Owners, momentum

    strategies = {"1": {"title": "A", "horizon": "2027-06-30"}, "2": {"title": "B", "parent": 1},
                  "3": {"title": "C", "parent": 2}}

    def plan_with_history() -> Plan:
        plan = _mixed_plan()
        tables = {"strategies": strategies, "tactics": {
            str(t): {**doc, "done_at": f"2026-11-{10 + t % 19:02d}T{t % 24:02d}:30:00+0{t % 3}:00"
                     if doc["status"] == "done" else None}
            for t, doc in ((t, plan.tactics.document(t)) for t in plan.tactics)}}
        return Plan.from_tables(tables)

    now = pendulum.datetime(2026, 12, 1, 12, tz=tz)
    pendulum.set_local_timezone(pendulum.timezone(tz))
    try:
        lazy, built = plan_with_history(), plan_with_history()
        list(built.tactics.values())
        for plan in (lazy, built):
            plan.answers = (DayTally(plan, now).counts, momentum(plan, 1, now, Rollup(plan)),
                            Owners(plan, list(plan.tactics), 2))
    finally:
        pendulum.set_local_timezone()
    assert lazy.answers == built.answers
    assert lazy.answers[0].overdue and lazy.answers[0].today and lazy.answers[1].done_recently
    assert lazy.tactics.built == 0
