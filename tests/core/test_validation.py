"""What may be in a plan (core/file/validation.py): every field, ids, the tree, and the commit gate."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_tui.core import actions

from planner_tui.core.file import validation
from planner_tui.core.file.changes import Patch, Put, Remove
from planner_tui.core.errors import InputError
from planner_tui.core.model import Away, CheckIn, KeyResult, Measurement, Review, Strategy, Tactic
from planner_tui.core.file.validation import (LARGEST, MAX_AMOUNT, MAX_DEPTH, MAX_TITLE, MAX_UNIT, Invalid,
                                              check_document, check_tables)

STRATEGY = {"title": "Get fit", "parent": None, "why": "", "horizon": "2027-06-30", "status": "active",
            "position": 0, "review_every": 14, "created": "2026-11-28T10:30:00+13:00", "owner": "ana",
            "tags": ["launch", "q3"], "paused_until": None}
TACTIC = {"title": "Run", "strategy": 1, "status": "todo", "due": "2026-12-04T17:00:00+13:00", "notes": "",
          "repeat": "1w", "position": 0, "created": "2026-11-28T10:30:00+13:00", "done_at": None, "owner": "bo",
          "tags": ["launch"], "modified": "2026-11-29T08:00:00.250000+13:00"}
CHECKIN = {"date": "2026-11-28", "done": [1], "pushed": [], "started": [], "note": "", "rescheduled": [],
           "dropped": [], "skipped": [], "finished": None}
REVIEW = {"strategy": 1, "date": "2026-11-28", "health": "at-risk", "note": "", "at": None, "done": 1,
          "total": 3, "expected": 0.5, "suggested": "on-track"}
AWAY = {"start": "2026-12-20", "end": "2027-01-03", "note": "Holidays"}
KEYRESULT = {"strategy": 1, "title": "Churn", "start": 8, "target": 3.5, "unit": "%", "start_date": "2026-09-01",
             "position": 0, "created": "2026-11-28T10:30:00+13:00"}
MEASUREMENT = {"keyresult": 1, "date": "2026-11-01", "value": 6.5, "note": "after the price change"}
VALID = {"strategies": STRATEGY, "tactics": TACTIC, "checkins": CHECKIN, "reviews": REVIEW, "away": AWAY,
         "keyresults": KEYRESULT, "measurements": MEASUREMENT}
MODELS = {"strategies": Strategy, "tactics": Tactic, "checkins": CheckIn, "reviews": Review, "away": Away,
          "keyresults": KeyResult, "measurements": Measurement}


def tables(**changes) -> dict:
    """A valid file's tables (one document each), with ``table=fields`` merged in."""
    data = {name: {"1": copy.deepcopy(doc)} for name, doc in VALID.items()}
    for name, fields in changes.items():
        data[name]["1"].update(fields)
    return data


def refused(data, *where: str) -> Invalid:
    with pytest.raises(Invalid) as caught:
        check_tables(data)
    for part in where:
        assert part in str(caught.value), caught.value
    return caught.value


def test_a_valid_plan_passes_and_missing_optional_fields_take_their_defaults():
    check_tables(tables())
    check_tables({"strategies": {"1": {"title": "S"}}, "tactics": {"1": {"title": "T", "strategy": 1}},
                  "checkins": {"1": {"date": "2026-11-28"}}, "reviews": {"1": {"strategy": 1, "date": "2026-11-28"}}})
    check_tables({})


BAD_FIELDS = [
    ("strategies", "title", None, "is null, not text"),
    ("strategies", "title", "   ", "is empty"),
    ("strategies", "title", "x" * (MAX_TITLE + 1), f"at most {MAX_TITLE}"),
    ("strategies", "parent", [1], "is a list, not an id"),
    ("strategies", "parent", "1", "is '1', not an id"),
    ("strategies", "parent", True, "is true, not an id"),
    ("strategies", "horizon", "2026-12-04T17:00:00+13:00", "without a time"),
    ("strategies", "horizon", "20261204", "not a date"),
    ("strategies", "horizon", "9999-12-31", "after 2999-12-31, the last day a plan can hold"),
    ("strategies", "horizon", "1899-12-31", "before 1900-01-01, the first day"),
    ("strategies", "status", "someday", "not one of: achieved, active, dropped, paused"),
    ("strategies", "owner", "Ana", "is 'Ana', not an owner"),
    ("strategies", "owner", "@ana", "not an owner"),
    ("strategies", "owner", "x" * 33, "not an owner"),
    ("strategies", "owner", ["ana"], "not an owner"),
    ("strategies", "tags", "launch", "not a list of tags"),
    ("strategies", "tags", ["launch", "launch"], "holds a tag twice"),
    ("strategies", "paused_until", "2027-01-15T09:00:00+00:00", "without a time"),
    ("strategies", "position", "1", "is '1', not a position"),
    ("strategies", "position", 1.0, "is 1.0, not a position"),
    ("strategies", "position", LARGEST + 1, "not a position"),
    ("strategies", "review_every", 100_000_000, "not a number of days from 1 to 3650"),
    ("strategies", "review_every", 0, "not a number of days"),
    ("strategies", "created", "yesterday", "not a time"),
    ("strategies", "created", "9999-12-31T23:00:00-12:00", "after 2999-12-31"),
    ("tactics", "title", 7, "is 7, not text"),
    ("tactics", "strategy", None, "is null, not an id"),
    ("tactics", "strategy", 0, "is 0, not an id"),
    ("tactics", "status", ["todo"], "is a list, not one of"),
    ("tactics", "due", "9999-12-31", "after 2999-12-31"),
    ("tactics", "due", "2999-12-31T23:00:00+00:00x", "not a deadline"),
    ("tactics", "due", 20261204, "not a deadline"),
    ("tactics", "repeat", 7, "is 7, not a repeat rule"),
    ("tactics", "repeat", "0d", "is '0d', not a repeat rule"),
    ("tactics", "repeat", "weekly", "is 'weekly', not a repeat rule"),  # stored as 1w
    ("tactics", "notes", {"a": 1}, "is an object, not text"),
    ("tactics", "done_at", 5, "not a time"),
    ("tactics", "owner", "a b", "not an owner"),
    ("tactics", "owner", 7, "not an owner"),
    ("tactics", "tags", ["#launch"], "holds '#launch', not a tag"),
    ("tactics", "tags", [f"t{n}" for n in range(21)], "at most 20"),
    ("tactics", "reopen_as", "done", "not one of: doing, todo"),
    ("checkins", "date", "2026-11-28T10:00:00+00:00", "without a time"),
    ("checkins", "date", None, "is null, not a date"),
    ("checkins", "done", [1, "t2"], "holds 't2', not an id"),
    ("checkins", "pushed", "1", "not a list of ids"),
    ("checkins", "finished", [], "not a time"),
    ("reviews", "date", "2026-11-28 09:00", "without a time"),
    ("reviews", "strategy", -3, "not an id"),
    ("reviews", "health", "great", "not one of"),
    ("reviews", "total", -1, "not a count"),
    ("reviews", "expected", "half", "not a number"),
    ("reviews", "suggested", 1, "not one of"),
    ("away", "start", None, "is null, not a date"),
    ("away", "end", "2026-12-19", "is before its start"),
    ("away", "note", 3, "not text"),
    ("keyresults", "strategy", "s1", "is 's1', not an id"),
    ("keyresults", "title", "", "is empty"),
    ("keyresults", "start", "8%", "is '8%', not a number"),
    ("keyresults", "start", True, "is true, not a number"),
    ("keyresults", "target", float("inf"), "is inf, not a number"),
    ("keyresults", "target", MAX_AMOUNT + 1, "not a number (at most 1,000,000,000,000,000 either way)"),
    ("keyresults", "target", 8, "is 8, the same as the start"),
    ("keyresults", "unit", "u" * (MAX_UNIT + 1), f"a unit holds at most {MAX_UNIT}"),
    ("keyresults", "unit", 3, "is 3, not text"),
    ("keyresults", "start_date", "2026-09-01T00:00:00+00:00", "without a time"),
    ("keyresults", "position", None, "not a position"),
    ("measurements", "keyresult", None, "is null, not an id"),
    ("measurements", "date", "yesterday", "not a date"),
    ("measurements", "value", None, "is null, not a number"),
    ("measurements", "value", -float("inf"), "not a number"),
    ("measurements", "note", ["x"], "is a list, not text"),
]


@pytest.mark.parametrize("table, field, value, problem", BAD_FIELDS,
                         ids=[f"{t}.{f}={v!r}"[:50] for t, f, v, _ in BAD_FIELDS])
def test_every_field_has_its_rule_and_the_message_says_where_and_what(table, field, value, problem):
    error = refused(tables(**{table: {field: value}}), f'{table} 1', f'field "{field}"', problem)
    assert (error.table, str(error.doc_id), error.field) == (table, "1", field)


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_document_that_is_not_an_object_is_refused(table):
    data = tables()
    data[table]["1"] = "just a string"
    refused(data, f"{table} 1", "not a document")


@pytest.mark.parametrize("table, field", [("strategies", "title"), ("tactics", "title"),
                                          ("tactics", "strategy"), ("checkins", "date"), ("reviews", "date"),
                                          ("away", "start"), ("away", "end"),
                                          ("keyresults", "strategy"), ("keyresults", "title"),
                                          ("keyresults", "start"), ("keyresults", "target"),
                                          ("measurements", "keyresult"), ("measurements", "date"),
                                          ("measurements", "value")])
def test_required_fields_must_be_there(table, field):
    data = tables()
    del data[table]["1"][field]
    refused(data, f'field "{field}": is missing')


@pytest.mark.parametrize("key", ["01", "0", "-1", " 1", "1_0", "+1", "١", "1.0", "", str(LARGEST + 1)])
def test_ids_are_plain_positive_whole_numbers(key):
    data = tables()
    data["checkins"] = {key: CHECKIN}
    refused(data, "checkins", f"{key!r} is not an id")


def test_a_table_or_the_meta_that_is_not_an_object_is_refused():
    refused({**tables(), "tactics": [TACTIC]}, "tactics: is a list, not an object of documents")
    refused({**tables(), "meta": {"1": {"schema": 1, "ids": {"tactics": "9"}}}}, 'meta 1, field "ids"')


# -- the shape of the whole ---------------------------------------------------------


def chain(depth: int) -> dict:
    """Strategies 1..depth, each under the one before."""
    return {str(n): {"title": f"level {n}", "parent": n - 1 if n > 1 else None} for n in range(1, depth + 1)}


def test_nesting_is_bounded_at_max_depth():
    check_tables({"strategies": chain(MAX_DEPTH)})
    refused({"strategies": chain(MAX_DEPTH + 1)}, f"strategies {MAX_DEPTH + 1}", f"{MAX_DEPTH + 1} levels deep")


@pytest.mark.parametrize("parents, loop", [({1: 1}, "s1 → s1"), ({1: 2, 2: 1}, "s1 → s2 → s1"),
                                           ({1: None, 2: 3, 3: 4, 4: 2}, "s2 → s3 → s4 → s2")])
def test_a_loop_of_parents_is_refused_and_named(parents, loop):
    strategies = {str(k): {"title": f"S{k}", "parent": p} for k, p in parents.items()}
    refused({"strategies": strategies}, f"makes a loop of parents: {loop}")


def test_a_missing_parent_or_strategy_is_refused_but_history_may_name_what_is_gone():
    refused({"strategies": {"1": {"title": "A", "parent": 5}}}, 'strategies 1', '"parent": names strategy s5')
    refused(tables(tactics={"strategy": 9}), 'tactics 1', '"strategy": names strategy s9, which is not in the plan')
    refused(tables(keyresults={"strategy": 9}), 'keyresults 1', '"strategy": names strategy s9, which is not in')
    refused(tables(measurements={"keyresult": 4}), 'measurements 1', '"keyresult": names key result k4, which')
    check_tables(tables(reviews={"strategy": 9}, checkins={"done": [99], "skipped": [42]}))


# -- the quick check of tactics agrees with the full one ------------------------------

ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**64, max_value=2**64), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["", " ", "todo", "done", "1w", "0d", "weekdays", "2026-12-04",
                                           "2026-12-04T17:00:00+13:00", "2999-12-31", "3000-01-01",
                                           "1900-01-01T00:00:00+14:00", "9999-12-31", "x" * (MAX_TITLE + 1),
                                           "2026-12-04T17:00:00+13:00[Pacific/Auckland]",
                                           "2026-12-04T09:00:00-05:00[Mars/Base]", "2026-12-04[America/New_York]",
                                           "2026-12-04T09:00:00-05:00[New York]", "2026-12-04T09:00[Etc/GMT+5]",
                                           "2999-12-31T23:00:00-05:00[America/New_York]",
                                           "1900-01-01T00:00:00+14:00[Pacific/Kiritimati]", "ana", "Ana",
                                           "a b", "-x", "é"]),
    st.lists(st.sampled_from(["launch", "q3", "Q3", "#x", "", 3]), max_size=3),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(sorted(TACTIC) + ["other"]), ODD_VALUES, max_size=3),
       dropped=st.sets(st.sampled_from(sorted(TACTIC)), max_size=2))
def test_the_quick_tactic_check_accepts_exactly_what_check_document_accepts(changes, dropped):
    doc = {k: v for k, v in {**TACTIC, **changes}.items() if k not in dropped}
    strategies = {"1": {"title": "S"}}
    try:
        check_document("tactics", 1, doc)
        full = doc.get("strategy") in (1,)
    except Invalid:
        full = False
    try:
        validation._check_tactics({"1": doc}, strategies)
        quick = True
    except Invalid:
        quick = False
    assert quick == full


QUICK = [("keyresults", KEYRESULT, validation._check_key_results, "strategy", {"1": STRATEGY}),
         ("measurements", MEASUREMENT, validation._check_measurements, "keyresult", {"1": KEYRESULT})]


@pytest.mark.parametrize("table, valid, quick_check, field, named", QUICK, ids=[q[0] for q in QUICK])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_quick_checks_of_key_results_and_values_accept_exactly_what_check_document_accepts(
        table, valid, quick_check, field, named, data):
    changes = data.draw(st.dictionaries(st.sampled_from(sorted(valid) + ["other"]), ODD_VALUES, max_size=3))
    dropped = data.draw(st.sets(st.sampled_from(sorted(valid)), max_size=2))
    doc = {k: v for k, v in {**valid, **changes}.items() if k not in dropped}
    try:
        check_document(table, 1, doc)
        full = doc.get(field) in (1,)
    except Invalid:
        full = False
    try:
        quick_check({"1": doc}, named)
        quick = True
    except Invalid:
        quick = False
    assert quick == full


@settings(max_examples=300, deadline=None)
@given(table=st.sampled_from(sorted(VALID)), field=st.text(max_size=3) | st.sampled_from(
    sorted({f for doc in VALID.values() for f in doc})), value=ODD_VALUES)
def test_whatever_the_check_accepts_the_model_builds(table, field, value):
    """A document that passes is one the readers can build (the rest of the
    promise, that every command works on it, is tests/cli/test_fuzz_open.py's)."""
    doc = {**VALID[table], field: value}
    try:
        check_document(table, 1, doc)
    except Invalid:
        return
    MODELS[table].from_doc(1, doc).to_doc()


# -- the commit gate -------------------------------------------------------------------


def test_a_commit_that_writes_a_bad_document_is_refused_and_nothing_is_written(store, plan_path):
    sid = actions.add_strategy(store, "S").new_ids[0]
    before = plan_path.read_bytes()
    for bad in ({"title": None}, {"status": "later"}, {"due": "9999-12-31"}, {"repeat": "0d"}, {"position": "1"}):
        with pytest.raises(InputError, match="Cannot save this change .* Nothing was written"):
            with store.transaction("add") as tx:
                tx.insert("tactics", {"title": "T", "strategy": sid, **bad})
        assert plan_path.read_bytes() == before
    assert not store.plan.tactics


def test_the_gate_keeps_the_tree_whole(store, plan_path):
    top = actions.add_strategy(store, "Top").new_ids[0]
    below = actions.add_strategy(store, "Below", parent=top).new_ids[0]
    actions.add_tactic(store, "Work", below)
    before = plan_path.read_bytes()
    attempts = [
        ("a loop", [Patch("strategies", top, {"parent": below})], "loop of parents"),
        ("a missing parent", [Patch("strategies", below, {"parent": 99})], "names strategy s99"),
        ("an orphaned tactic", [Remove("strategies", below)], "names strategy s2, which is not in the plan"),
        ("a tactic under nothing", [Put("tactics", 50, {"title": "x", "strategy": 42})], "names strategy s42"),
    ]
    for label, ops, message in attempts:
        with pytest.raises(Invalid, match=message):
            store.replay(label, ops)
        assert plan_path.read_bytes() == before, label


def test_moving_a_subtree_past_max_depth_is_refused(store):
    ids = [actions.add_strategy(store, "0").new_ids[0]]
    for n in range(1, MAX_DEPTH):
        ids.append(actions.add_strategy(store, str(n), parent=ids[-1]).new_ids[0])
    with pytest.raises(InputError, match="levels deep"):
        actions.add_strategy(store, "one too deep", parent=ids[-1])
    other = actions.add_strategy(store, "other").new_ids[0]
    actions.add_strategy(store, "child", parent=other)
    with pytest.raises(InputError, match=f"{MAX_DEPTH + 1} levels deep"):
        actions.move_strategy(store, other, ids[-2])
    assert store.plan.strategies[other].parent is None


def test_a_hand_edited_undo_journal_entry_goes_through_the_gate(store, plan_path):
    """The CLI's journal is a side file anyone can edit: `planner undo` of it is a commit like any other."""
    from planner_tui.core.file import undo_journal as journal

    sid = actions.add_strategy(store, "S").new_ids[0]
    actions.add_tactic(store, "T", sid, journal=True)
    entries = journal.read(plan_path)
    entries[-1]["inverse"] = [{"op": "put", "table": "tactics", "id": 9, "doc": {"title": "x", "strategy": sid,
                                                                                 "repeat": "0d"}}]
    journal.write(plan_path, entries)
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match='"repeat": is \'0d\''):
        store.pop_journal()
    assert plan_path.read_bytes() == before


def test_the_usual_commit_does_not_walk_the_plan(store, monkeypatch):
    """Marking a tactic done checks that tactic, not the tree or the other tactics."""
    sid = actions.add_strategy(store, "S").new_ids[0]
    tid = actions.add_tactic(store, "T", sid).new_ids[0]
    walked = []
    monkeypatch.setattr(validation, "_check_tree", lambda *args: walked.append("tree"))
    monkeypatch.setattr(validation, "_check_served", lambda *args: walked.append("served"))
    actions.set_status(store, [tid], actions.TacticStatus.DONE)
    actions.edit_strategy(store, sid, title="Renamed")
    assert walked == []
    actions.move_strategy(store, actions.add_strategy(store, "Other").new_ids[0], sid)
    assert walked == ["tree", "tree"]  # the add and the move: a strategy's parent was written


def test_the_file_is_refused_at_open_with_where_and_what(plan_path):
    from planner_tui.core.file.store import PlanFileError, Store

    plan_path.write_text(json.dumps(tables(tactics={"position": "1"})))
    with pytest.raises(PlanFileError, match='in tactics 1 .\'Run\'., field "position": is \'1\', not a position'):
        Store(plan_path)


def test_a_redo_that_would_make_a_loop_after_another_window_moved_is_refused(store, plan_path, clock):
    """Issue 10: redo in one window after a move in another made a loop of parents,
    and both subtrees vanished from every view. The undo rule (core/file/integrity.py)
    now says so first; the commit gate behind it would refuse the loop too
    (`test_the_gate_keeps_the_tree_whole`)."""
    from planner_tui.core.history import History
    from planner_tui.core.file.store import Store

    first = actions.add_strategy(store, "First").new_ids[0]
    second = actions.add_strategy(store, "Second").new_ids[0]
    history = History(store)
    history.record(actions.move_strategy(store, second, first))
    history.undo()
    actions.move_strategy(Store(plan_path, clock=clock), first, second)  # the other window
    before = plan_path.read_bytes()
    with pytest.raises(InputError, match="loop"):
        history.redo()
    assert plan_path.read_bytes() == before
    check_tables(json.loads(before))
