"""One validation for every way in (issue 10), as a person meets it on the command line.

What the CLI accepts, every other command (and the app) can use; what a hand
edit, an import or another tool puts in the file either opens everywhere or is
refused when the file is opened (exit 1, saying where and what, the file
untouched); an import that holds what the CLI would refuse is refused the same way.
"""

from __future__ import annotations

import json

import pytest

FAR = ["9999-12-31", "+999y", "3000-01-01", "1899-12-31", "in 999 years"]


@pytest.fixture
def base(ok):
    ok("strategy", "add", "Get fit")
    ok("add", "Run", "--to", "s1", "--due", "fri")


def test_a_horizon_typed_with_a_time_is_kept_as_its_day_and_said_so(cli, ok, read):
    result = cli("strategy", "add", "Launch", "--by", "fri 17:00", "--review-every", "1d")
    assert (result.code, result.out) == (0, "s1\n")
    assert "a horizon is a day: the time is left out ('fri 17:00' is kept as Friday 4 December)" in result.err
    assert read()["strategies"]["1"]["horizon"] == "2026-12-04"
    assert "s1 Launch" in ok("list").out
    assert json.loads(ok("list", "--json").out)[0]["due"] == "2026-12-04"
    assert json.loads(ok("review", "--due", "--json").out) == []  # created today: due tomorrow


def test_the_review_cadence_reads_the_forms_the_app_reads(ok, read):
    for typed, days in (("2w", 14), ("1m", 30), ("30", 30), ("1y", 365), ("none", None)):
        ok("strategy", "add", f"every {typed}", "--review-every", typed)
        assert read()["strategies"][str(len(read()["strategies"]))]["review_every"] == days


@pytest.mark.parametrize("args", [
    ["add", "x", "--to", "s1", "--due", "{far}"], ["due", "t1", "{far}"],
    ["strategy", "add", "x", "--by", "{far}"],
])
@pytest.mark.parametrize("far", FAR)
def test_a_date_past_the_range_a_plan_holds_is_refused_clearly(cli, base, plan_path, args, far):
    before = plan_path.read_bytes()
    result = cli(*[arg.format(far=far) for arg in args])
    assert result.code == 2 and "day a plan can hold" in result.err and "Traceback" not in result.err, result
    assert plan_path.read_bytes() == before


def test_the_last_days_of_the_range_work_in_every_command(cli, ok, base, read, tmp_path):
    ok("strategy", "add", "Far", "--by", "2999-12-31")
    ok("add", "Last day", "--to", "s2", "--due", "2999-12-31")
    ok("add", "Last evening", "--to", "s2", "--due", "2999-12-31 23:30")
    ok("add", "Weekly, far", "--to", "s2", "--due", "2999-12-25", "--repeat", "1w")
    ok("add", "Long ago", "--to", "s2", "--due", "1900-01-01", "--repeat", "1d")
    for args in (["today"], ["today", "--json"], ["list"], ["list", "--json"], ["review", "--due"], ["streak"]):
        ok(*args)
    for fmt in ("ics", "md", "json"):
        assert ok("export", "--format", fmt, "-o", str(tmp_path / f"export.{fmt}")).code == 0
    done = ok("done", "t2", "t3", "t4", "t5")
    assert "next: t6" in done.out and "t7" not in done.out  # the far weekly one ends: no 3000-01-01
    assert read()["tactics"]["6"]["due"] == "2026-11-29"  # a daily series from 1900: tomorrow
    assert ok("list").code == 0


WRONG = [
    ("strategies", "1", {"title": None}, "title"),
    ("strategies", "1", {"title": ""}, "title"),
    ("strategies", "1", {"position": "1"}, "position"),
    ("strategies", "1", {"parent": [1]}, "parent"),
    ("strategies", "1", {"horizon": "2026-12-04T17:00:00+00:00"}, "horizon"),
    ("strategies", "1", {"horizon": "9999-12-31"}, "horizon"),
    ("strategies", "1", {"review_every": 100000000}, "review_every"),
    ("strategies", "1", {"parent": 1}, "parent"),  # a loop
    ("strategies", "1", {"status": "someday"}, "status"),
    ("tactics", "1", {"repeat": 7}, "repeat"),
    ("tactics", "1", {"repeat": "0d"}, "repeat"),
    ("tactics", "1", {"strategy": 9}, "strategy"),  # under a missing strategy
    ("tactics", "1", {"due": "9999-12-31"}, "due"),
    ("tactics", "1", {"title": ["Run"]}, "title"),
    ("tactics", "1", {"done_at": "soon"}, "done_at"),
    ("checkins", "1", {"date": "2026-11-27T09:00:00+00:00"}, "date"),
    ("checkins", "1", {"done": "t1"}, "done"),
    ("reviews", "1", {"date": "2026-11-27 09:00"}, "date"),
    ("reviews", "1", {"health": None}, "health"),
]


@pytest.mark.parametrize("table, key, fields, field", WRONG,
                         ids=[f"{t}.{next(iter(f))}={next(iter(f.values()))!r}"[:40] for t, _, f, _ in WRONG])
def test_a_hand_edited_field_of_the_wrong_kind_is_refused_at_open(cli, base, plan_path, table, key, fields, field):
    data = json.loads(plan_path.read_text())
    data.setdefault("checkins", {})["1"] = {"date": "2026-11-27", "done": [1]}
    data.setdefault("reviews", {})["1"] = {"strategy": 1, "date": "2026-11-27", "health": "on-track"}
    data[table][key].update(fields)
    plan_path.write_text(json.dumps(data))
    before = plan_path.read_bytes()
    for args in (["list"], ["today"], ["add", "x", "--to", "s1"], ["done", "t1"], ["export", "-f", "ics"]):
        result = cli(*args)
        assert result.code == 1 and result.out == "", result
        assert f'in {table} {key}' in result.err and f'field "{field}"' in result.err, result.err
        assert "It was left untouched" in result.err and "Traceback" not in result.err
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("payload, says", [
    ({"strategies": {"1": {"title": "A"}}, "tactics": {"1": {"title": "B", "strategy": 1, "repeat": "0d"}}},
     'tactics 1 (\'B\'), field "repeat"'),
    ({"strategies": {"1": {"title": "A", "review_every": 100000000}}}, 'strategies 1 (\'A\'), field "review_every"'),
    ({"strategies": {"1": {"title": "A"}}, "reviews": {"1": {"strategy": 1, "date": "2026-01-01T10:00:00"}}},
     'reviews 1, field "date"'),
    ({"strategies": {"1": {"title": "A", "parent": 2}, "2": {"title": "B", "parent": 1}}}, "loop of parents"),
])
@pytest.mark.parametrize("mode", [[], ["--merge"], ["--replace"]])
def test_an_import_holding_what_the_cli_refuses_is_refused(cli, base, plan_path, tmp_path, payload, says, mode):
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"tables": payload}))
    before = plan_path.read_bytes()
    result = cli("import", str(source), *mode)
    assert result.code == 2 and says in result.err and "Nothing was written" in result.err, result
    assert plan_path.read_bytes() == before
