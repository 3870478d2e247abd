"""`planner kr add | set | list | show | edit | rm`, and key results in `list` and `today`.

The frozen day is Saturday 28 November 2026 (tests/cli/conftest.py).
"""

from __future__ import annotations

import pytest

from tests.conftest import HOSTILE

RECORD_KEYS = {"kind", "id", "title", "strategy", "strategy_title", "unit", "start", "target", "start_date",
               "value", "measured", "progress", "pace", "expected", "owner", "tags"}


@pytest.fixture
def goal(ok):
    """s1 Grow revenue (by 2028-11-28); k1 ARR $400k → $5M since 1 June."""
    ok("strategy", "add", "Grow revenue", "--by", "2y")
    assert ok("kr", "add", "s1", "ARR", "--from", "400k", "--to", "5M", "--unit", "$",
              "--since", "2026-06-01").out == "k1\n"


def unchanged(cli, plan_path, *args: str, message: str) -> None:
    """The command exits 2 with ``message`` on stderr and the file is as it was."""
    before = plan_path.read_bytes()
    result = cli(*args)
    assert result.code == 2, result
    assert message in result.err, result.err
    assert result.out == ""
    assert plan_path.read_bytes() == before


# -- kr add ----------------------------------------------------------------------------


def test_kr_add_prints_the_id_and_stores_the_key_result(goal, read):
    doc = read()["keyresults"]["1"]
    assert {k: doc[k] for k in ("strategy", "title", "start", "target", "unit", "start_date", "position")} == {
        "strategy": 1, "title": "ARR", "start": 400_000, "target": 5_000_000, "unit": "$",
        "start_date": "2026-06-01", "position": 0}


def test_kr_add_on_a_terminal_says_what_it_understood(ok, terminal):
    ok("strategy", "add", "Keep customers")
    assert ok("kr", "add", "keep", "Churn", "--from", "8%", "--to", "3.5%").seen == [
        "k1 Churn from 8% to 3.5%, since Sat 28 Nov"]


def test_the_unit_comes_from_the_amounts_and_negative_numbers_are_values(ok, read):
    ok("strategy", "add", "S")
    ok("kr", "add", "s1", "Churn", "--from", "8%", "--to", "3%")
    ok("kr", "add", "s1", "Balance", "--from", "-$20k", "--to", "$0")
    ok("kr", "add", "s1", "Temperature", "--from", "-3", "--to", "-10", "--unit", "°C")
    docs = read()["keyresults"]
    assert [(d["start"], d["target"], d["unit"]) for d in docs.values()] == [
        (8, 3, "%"), (-20_000, 0, "$"), (-3, -10, "°C")]


@pytest.mark.parametrize("args, message", [
    (("kr", "add", "s1", "Flat", "--from", "3", "--to", "3"), "The target is the start (3)"),
    (("kr", "add", "s1", "Bad", "--from", "lots", "--to", "3"), "--from: Cannot read 'lots' as a number"),
    (("kr", "add", "s1", "Bad", "--from", "1", "--to", "1e9"), "--to: Cannot read '1e9' as a number"),
    (("kr", "add", "s1", "Mixed", "--from", "3%", "--to", "$5"), "different units ($, %): give one --unit"),
    (("kr", "add", "s9", "Lost", "--from", "0", "--to", "1"), "No strategy 's9'"),
    (("kr", "add", "s1", "  ", "--from", "0", "--to", "1"), "A title cannot be empty"),
    (("kr", "add", "s1", "Wide", "--from", "0", "--to", "1", "--unit", "u" * 30), "A unit is at most 24"),
    (("kr", "add", "s1", "When", "--from", "0", "--to", "1", "--since", "someday"), "Cannot read 'someday' as a date"),
    (("kr", "set", "k1", "1.2.3"), "VALUE: Cannot read '1.2.3' as a number"),
    (("kr", "set", "k1", "12%"), "k1 counts $, not %"),
    (("kr", "set", "k1", "1", "--on", "tomorrow"), "2026-11-29 is still ahead"),
    (("kr", "set", "k7", "1"), "No key result 'k7'"),
    (("kr", "set", "s1", "1"), "No key result 's1'"),
    (("kr", "edit", "k1", "--to", "400k"), "The target is the start ($400k)"),
    (("kr", "edit", "k1"), "Nothing to change"),
    (("kr", "rm", "k2"), "No key result 'k2'"),
    (("kr", "list", "nothing like it"), "No strategy 'nothing like it'"),
])
def test_bad_input_exits_2_and_writes_nothing(cli, plan_path, goal, args, message):
    unchanged(cli, plan_path, *args, message=message)


# -- kr set, undo -----------------------------------------------------------------------


def test_kr_set_records_a_value_today_or_on_a_past_day_with_a_note(ok, read, goal):
    assert ok("kr", "set", "k1", "1.2M", "--note", "first enterprise deal").out == "k1\n"
    ok("kr", "set", "k1", "900k", "--on", "2026-11-01")
    ok("kr", "set", "K1", "$1,000,000", "--on", "-1d")
    values = sorted(read()["measurements"].values(), key=lambda v: v["date"])
    assert [(v["date"], v["value"], v.get("note", "")) for v in values] == [
        ("2026-11-01", 900_000, ""), ("2026-11-27", 1_000_000, ""), ("2026-11-28", 1_200_000, "first enterprise deal")]


def test_kr_set_on_a_terminal_says_where_it_stands(ok, goal, terminal):
    """A fifth of the time from 1 June to the horizon has gone: 17% of the way is on pace, 2% behind."""
    assert ok("kr", "set", "k1", "1.2M").seen == ["k1 ARR now $1.2M (17% of the way) · on pace"]
    assert ok("kr", "set", "k1", "500k").seen == ["k1 ARR now $500k (2% of the way) · behind pace"]


def test_planner_undo_takes_back_a_kr_set(ok, read, goal):
    ok("kr", "set", "k1", "1.2M")
    assert ok("undo").out == "Undone: set k1 'ARR' to $1.2M\n"
    assert not read().get("measurements")
    assert read()["keyresults"]["1"]["title"] == "ARR"


def test_a_negative_value_is_a_value(ok, read):
    ok("strategy", "add", "Cash")
    ok("kr", "add", "s1", "Burn", "--from", "-50k", "--to", "-10k")
    ok("kr", "set", "k1", "-30k")
    assert list(read()["measurements"].values())[0]["value"] == -30_000


# -- kr list, show ------------------------------------------------------------------------


@pytest.fixture
def measured(ok, goal):
    ok("strategy", "add", "Enterprise", "--under", "s1")
    ok("kr", "add", "s2", "Deals", "--from", "0", "--to", "10")
    ok("strategy", "add", "Other")
    ok("kr", "add", "s3", "NPS", "--from", "20", "--to", "50")
    ok("kr", "set", "k1", "1.2M", "--on", "2026-11-01", "--note", "first deal")
    ok("kr", "set", "k1", "2.7M")
    ok("kr", "set", "k2", "3")


def test_kr_list_in_a_pipe_one_line_each_under_its_strategy(ok, measured):
    assert ok("kr", "list").lines == [
        "s1 Grow revenue",
        "k1 ◆ ARR  $2.7M → $5M ▰▰▱▱▱ 50%",
        "s2 Enterprise",
        "k2 ◆ Deals  3 → 10 ▰▰▱▱▱ 30%",
        "s3 Other",
        "k3 ◆ NPS  not measured → 50 ▱▱▱▱▱ 0%",
    ]
    assert ok("kr", "list", "grow").lines[1:] == ["k1 ◆ ARR  $2.7M → $5M ▰▰▱▱▱ 50%", "s2 Enterprise",
                                                   "k2 ◆ Deals  3 → 10 ▰▰▱▱▱ 30%"]


def test_kr_list_json_shape(ok, measured):
    import json

    records = json.loads(ok("kr", "list", "--json").out)
    assert [r["id"] for r in records] == ["k1", "k2", "k3"]
    for record in records:
        assert set(record) == RECORD_KEYS | {"values"}
    first = records[0]
    assert {k: first[k] for k in ("strategy", "unit", "value", "measured", "progress", "pace")} == {
        "strategy": "s1", "unit": "$", "value": 2_700_000, "measured": "2026-11-28", "progress": 0.5,
        "pace": "on-pace"}
    assert first["values"] == [{"date": "2026-11-01", "value": 1_200_000, "note": "first deal"},
                               {"date": "2026-11-28", "value": 2_700_000, "note": ""}]
    assert records[2]["measured"] is None and records[2]["value"] == 20 and records[2]["pace"] == "no-horizon"


def test_an_empty_kr_list(ok):
    assert ok("kr", "list").lines == ["No key results yet. Add one: planner kr add S NAME --from X --to Y"]
    assert ok("kr", "list", "--json").out == "[]\n"


def test_kr_show_gives_the_line_and_every_value(ok, measured):
    assert ok("kr", "show", "k1").lines == [
        "k1 ARR from $400k to $5M, since Mon 1 Jun",
        "  now $2.7M (50% of the way) · on pace",
        "  Sun 1 Nov (3 weeks ago)  $1.2M  first deal",
        "  Sat 28 Nov (today)  $2.7M",
    ]


# -- kr edit, rm ----------------------------------------------------------------------------


def test_kr_edit_changes_what_is_given(ok, read, goal):
    assert ok("kr", "edit", "k1", "--name", "Revenue", "--to", "6M", "--since", "2026-07-01").out == "k1\n"
    doc = read()["keyresults"]["1"]
    assert (doc["title"], doc["start"], doc["target"], doc["unit"], doc["start_date"]) == (
        "Revenue", 400_000, 6_000_000, "$", "2026-07-01")
    ok("undo")
    assert read()["keyresults"]["1"]["target"] == 5_000_000


def test_kr_rm_takes_the_values_and_undo_brings_them_back(ok, read, measured):
    before = read()
    assert ok("kr", "rm", "k1").out == "Deleted k1 ARR and its values. `planner undo` brings them back.\n"
    assert "1" not in read()["keyresults"]
    assert not any(v["keyresult"] == 1 for v in read()["measurements"].values())
    ok("undo")
    assert read()["keyresults"] == before["keyresults"] and read()["measurements"] == before["measurements"]


# -- key results in list and today ------------------------------------------------------------


def test_planner_list_shows_key_results_and_the_progress_they_make(ok, measured):
    lines = ok("list").lines
    assert lines[:3] == [
        "s1 Grow revenue · no open tactic  ▰▰▱▱▱ 50% · 0/0  by Nov 2028 · 2y left",
        "k1   ◆ ARR  $2.7M → $5M ▰▰▱▱▱ 50%",
        "s2   Enterprise · no open tactic  ▰▰▱▱▱ 30% · 0/0",
    ]


def test_list_json_gives_each_strategy_its_progress_and_key_results(ok, measured):
    import json

    rows = json.loads(ok("list", "--json").out)
    top = rows[0]
    assert (top["progress"], top["measured"], [k["id"] for k in top["key_results"]]) == (0.5, True, ["k1"])
    assert set(top["key_results"][0]) == RECORD_KEYS


def test_today_asks_for_key_results_not_measured_for_a_week(ok, measured):
    lines = ok("today").lines
    assert lines[-2:] == ["Key results not measured for a week", "k3 ◆ NPS  Other  not measured → 50 ▱▱▱▱▱ 0%"]
    import json

    records = json.loads(ok("today", "--json").out)
    assert [(r["id"], r["group"]) for r in records] == [("k3", "measure")]


# -- user text is data ------------------------------------------------------------------------


def test_key_result_titles_and_notes_print_with_visible_escapes(ok, cli, plan_path, goal, hostile_store):
    with hostile_store.transaction("hand-edited") as tx:
        tx.update("keyresults", 1, title=f"ARR {HOSTILE}")
        tx.insert("measurements", {"keyresult": 1, "date": "2026-11-27", "value": 5, "note": f"note {HOSTILE}"})
    from tests.conftest import Hostile

    shown = Hostile({})
    for args in (("kr", "list"), ("kr", "show", "k1"), ("list",)):
        shown.defused(ok(*args).out, "ARR", whole=True)
    shown.defused(ok("kr", "show", "k1").out, "note", whole=True)


@pytest.fixture
def hostile_store(plan_path):
    from planner_tui.core.file.store import Store

    return Store(plan_path)
