"""Exit 2 for bad input with nothing written; exit 1 when the plan file cannot be used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner_tui.cli import launch, main
from planner_tui.cli.commands import run


@pytest.fixture
def base(ok):
    """s1 'Get a good job', s2 'Get fit', s3 'Run'; t1 serves s1."""
    ok("strategy", "add", "Get a good job")
    ok("strategy", "add", "Get fit")
    ok("strategy", "add", "Run")
    ok("add", "Step", "--to", "s1", "--due", "fri")


def folder_state(folder) -> dict[str, bytes]:
    """Every file next to the plan (backups included) with its bytes; lock files ignored."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def refused(cli, plan_path, *args: str):
    before = folder_state(plan_path.parent)
    mtime = plan_path.stat().st_mtime_ns if plan_path.exists() else None
    result = cli(*args)
    assert result.code == 2, result
    assert result.out == "", result
    assert result.err.startswith(("Error: ", "Usage: ")), result
    assert "Traceback" not in result.err
    assert folder_state(plan_path.parent) == before
    assert (plan_path.stat().st_mtime_ns if plan_path.exists() else None) == mtime
    return result


# -- exit 2: bad input, nothing written ---------------------------------------------------

USAGE = [
    ["bogus"],
    ["add", "Step"],                                  # --to is required
    ["add"],
    ["done"], ["start"], ["drop"],
    ["due", "t1"],
    ["due"],
    ["list", "--nope"],
    ["today", "extra"],
    ["strategy", "add"],
    ["strategy", "add", "x", "--review-every", "often"],
    ["add", "Step", "--to", "s1", "--db", "other.json"],  # --db goes before the command
]
EMPTY_TITLE = [["add", "", "--to", "s1"], ["add", "  \n ", "--to", "s1"], ["strategy", "add", ""],
               ["strategy", "add", "   "], ["add", "x" * 501, "--to", "s1"]]
UNKNOWN = [
    ["add", "x", "--to", "s99"], ["add", "x", "--to", "no such goal"], ["add", "x", "--to", "t1"],
    ["strategy", "add", "x", "--under", "s99"],
    ["done", "t99"], ["done", "t1", "t99"], ["start", "t1", "t99"], ["drop", "t99", "t1"],
    ["done", "s1"], ["done", "1"], ["due", "t99", "fri"],
]
BAD_DATE = [
    ["add", "x", "--to", "s1", "--due", "someday"],
    ["add", "x", "--to", "s1", "--due", "2026-02-30"],
    ["add", "x", "--to", "s1", "--due", "fri 25:00"],
    ["add", "x", "--to", "s1", "--due", ""],
    ["strategy", "add", "x", "--by", "soon"],
    ["due", "t1", "the day after"],
    ["due", "t1", "2026-13-01"],
]
BAD_RULE = [["add", "x", "--to", "s1", "--repeat", "fortnightly"],
            ["add", "x", "--to", "s1", "--repeat", "0d"],
            ["add", "x", "--to", "s1", "--repeat", "3x"]]
BAD_NUMBER = [["strategy", "add", "x", "--review-every", "0"],
              ["strategy", "add", "x", "--review-every", "-3"]]


@pytest.mark.parametrize("args", USAGE + EMPTY_TITLE + UNKNOWN + BAD_DATE + BAD_RULE + BAD_NUMBER,
                         ids=lambda args: " ".join(args)[:40])
def test_bad_input_is_exit_2_and_nothing_written(cli, plan_path, base, args):
    refused(cli, plan_path, *args)


def test_bad_input_on_a_missing_file_creates_nothing(cli, plan_path):
    for args in (["add", "x", "--to", "s1"], ["done", "t1"], ["strategy", "add", " "],
                 ["strategy", "add", "x", "--by", "soon"]):
        refused(cli, plan_path, *args)
    assert list(plan_path.parent.iterdir()) == []


@pytest.mark.parametrize("args", [["strategy", "add", "x", "--by", "notadate"], ["add", "t", "--to", "s1"],
                                  ["strategy", "add", " "], ["done", "t1"], ["due", "t1", "fri"]],
                         ids=lambda args: " ".join(args))
def test_bad_input_in_a_missing_folder_leaves_no_folder(cli, tmp_path, args):
    """The plan's folder comes with the first write: a refused command leaves no trace."""
    result = cli(*args, db=tmp_path / "new" / "plan.json")
    assert result.code == 2, result
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["today"], ["today", "--json"], ["list"], ["list", "--json"], ["streak"],
                                  ["review", "--due"], ["export"], ["undo"]],
                         ids=lambda args: " ".join(args))
def test_reading_a_missing_plan_makes_nothing(cli, tmp_path, args):
    """An empty plan, and no folder, lock file, backups or journal made to show it."""
    result = cli(*args, db=tmp_path / "missing" / "dir" / "plan.json")
    assert result.code in (0, 2) and "Traceback" not in result.err, result  # undo: nothing to undo
    assert list(tmp_path.iterdir()) == []


def test_the_first_add_makes_the_folder_and_the_file(ok, read, tmp_path):
    path = tmp_path / "new" / "deeper" / "plan.json"
    assert ok("strategy", "add", "Goal", db=path).lines == ["s1"]
    assert read(path)["strategies"]["1"]["title"] == "Goal"
    assert ok("add", "Step", "--to", "s1", db=path).lines == ["t1"]
    assert ok("undo", db=path).lines == ["Undone: add tactic 'Step'"]


@pytest.mark.parametrize("args", [["add", "x", "--to", ""], ["strategy", "add", "x", "--under", " "]])
def test_empty_strategy_name_is_refused(cli, plan_path, ok, args):
    ok("strategy", "add", "The only goal")
    refused(cli, plan_path, *args)


def test_usage_error_says_how(cli, plan_path, base):
    err = refused(cli, plan_path, "add", "Step").err
    assert "Missing option '--to'" in err and "planner add --help" in err


def test_empty_title_message(cli, plan_path, base):
    assert "title cannot be empty" in refused(cli, plan_path, "add", " ", "--to", "s1").err


@pytest.mark.parametrize("args, names", [
    (["done", "t1", "t99"], "t99"),
    (["add", "x", "--to", "s99"], "s99"),
    (["add", "x", "--to", "no such goal"], "no such goal"),
])
def test_unknown_id_message_names_it(cli, plan_path, base, args, names):
    assert f"'{names}'" in refused(cli, plan_path, *args).err


@pytest.mark.parametrize("args", [["add", "x", "--to", "get"], ["strategy", "add", "x", "--under", "GET"]])
def test_ambiguous_name_lists_the_candidates(cli, plan_path, base, args):
    err = refused(cli, plan_path, *args).err
    assert "matches several strategies" in err
    assert "s1 'Get a good job'" in err and "s2 'Get fit'" in err
    assert "s3" not in err
    assert "Use the id" in err


@pytest.mark.parametrize("args, typed", [
    (["add", "x", "--to", "s1", "--due", "someday"], "someday"),
    (["due", "t1", "2026-02-30"], "2026-02-30"),
    (["strategy", "add", "x", "--by", "soon"], "soon"),
])
def test_unreadable_date_quotes_it_and_shows_examples(cli, plan_path, base, args, typed):
    err = refused(cli, plan_path, *args).err
    assert f"Cannot read '{typed}' as a date" in err
    assert "Try one of:" in err and "tomorrow" in err and "2026-12-31" in err


def test_bad_repeat_rule_shows_examples(cli, plan_path, base):
    err = refused(cli, plan_path, "add", "x", "--to", "s1", "--repeat", "fortnightly").err
    assert "'fortnightly'" in err and "1w" in err and "weekdays" in err


# -- exit 1: the file cannot be used ------------------------------------------------------

COMMANDS = [
    ["list"], ["list", "--json"], ["today"], ["today", "--json"],
    ["strategy", "add", "x"], ["add", "x", "--to", "s1"], ["done", "t1"], ["start", "t1"],
    ["drop", "t1"], ["due", "t1", "fri"], ["undo"], ["demo"],
]
CORRUPT = b'{"strategies": {"1": {"title": "Goal", "parent": null,\n  "status": "active"\n'


def file_refused(cli, plan_path, *args: str):
    before = plan_path.read_bytes()
    result = cli(*args)
    assert result.code == 1, result
    assert result.out == ""
    assert "Traceback" not in result.err
    assert plan_path.read_bytes() == before
    assert sorted(p.name for p in plan_path.parent.iterdir()
                  if not p.name.endswith(".lock")) == [plan_path.name]
    return result


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_corrupt_file_is_exit_1_and_left_untouched(cli, plan_path, args):
    plan_path.write_bytes(CORRUPT)
    err = file_refused(cli, plan_path, *args).err
    assert str(plan_path) in err
    assert "not valid JSON" in err and "line 3" in err
    assert "No backup of it has been kept yet." in err and ".backups" not in err  # no folder there


def test_json_that_is_not_a_plan_is_exit_1(cli, plan_path):
    plan_path.write_text("[1, 2, 3]\n")
    assert str(plan_path) in file_refused(cli, plan_path, "list").err


def test_malformed_document_is_exit_1(cli, plan_path):
    plan_path.write_text(json.dumps({"tactics": {"1": {"title": "x", "strategy": 1, "status": "bogus"}}}))
    assert str(plan_path) in file_refused(cli, plan_path, "today").err


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_newer_schema_is_exit_1_and_left_untouched(cli, plan_path, args):
    plan_path.write_text(json.dumps({
        "meta": {"1": {"schema": 99}},
        "strategies": {"1": {"title": "From the future", "parent": None, "status": "active"}},
        "tactics": {"1": {"title": "x", "strategy": 1, "status": "todo"}},
    }, indent=1))
    err = file_refused(cli, plan_path, *args).err
    assert str(plan_path) in err
    assert "newer" in err and "schema 99" in err


def test_plan_folder_that_cannot_be_made_is_exit_1(cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the plan's folder should be\n")
    result = cli("strategy", "add", "x", db=blocker / "plan.json")
    assert result.code == 1, result
    assert str(blocker / "plan.json") in result.err and "Traceback" not in result.err
    assert blocker.read_text() == "a file where the plan's folder should be\n"


def test_lock_that_cannot_be_taken_is_exit_1(cli, ok, plan_path):
    ok("strategy", "add", "Goal")
    lock = plan_path.with_name(plan_path.name + ".lock")
    if lock.exists():
        lock.unlink()
    lock.mkdir()  # opening the lock file fails, even for root
    before = plan_path.read_bytes()
    result = cli("add", "x", "--to", "s1")
    assert result.code == 1, result
    assert str(lock) in result.err and "Traceback" not in result.err
    assert plan_path.read_bytes() == before


def test_db_that_is_a_folder_is_refused(cli, tmp_path):
    result = cli("list", db=tmp_path)
    assert result.code == 2 and "is a directory" in result.err


# -- exit status of the app -------------------------------------------------------------------


def test_no_command_opens_the_app_and_returns_its_status(cli, plan_path, monkeypatch):
    opened = []

    def fake_app(store):
        opened.append(store.path)
        return 3

    monkeypatch.setattr(launch, "run_app", fake_app)
    assert cli().code == 3
    assert main([f"--db={plan_path}"]) == 3
    assert opened == [plan_path, plan_path]


def test_the_click_group_without_a_command_opens_the_app_too(plan_path, monkeypatch):
    opened = []
    monkeypatch.setattr(launch, "run_app", lambda store: opened.append(store.path) or 4)
    assert run(["--db", str(plan_path)]) == 4
    assert opened == [plan_path]


@pytest.mark.parametrize("args, expected", [
    ([], (True, None)),
    (["--db", "p.json"], (True, Path("p.json"))),
    (["--db=p.json"], (True, Path("p.json"))),
    (["--db", "p.json", "today"], (False, None)),
    (["--version"], (False, None)),
    (["--db", "--help"], (False, None)),
    (["--db="], (False, None)),
])
def test_only_plain_app_openings_skip_click(args, expected):
    assert launch.app_only(args) == expected


def test_a_folder_as_the_plan_is_left_to_click(tmp_path):
    assert launch.app_only(["--db", str(tmp_path)]) == (False, None)


def test_opening_the_app_does_not_import_the_command_line(plan_path):
    """The reason for the fast path: click and the sub-commands cost ~60 ms of start-up."""
    snippet = (
        "import sys\n"
        "from planner_tui.cli import launch, main\n"
        "launch.run_app = lambda store: print(sorted(m for m in sys.modules if m == 'click'"
        " or m.startswith('planner_tui.cli.') or m.startswith('textual'))) or 0\n"
        f"raise SystemExit(main(['--db', {str(plan_path)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['planner_tui.cli.launch']"


def test_a_broken_plan_file_is_told_before_the_app_starts(plan_path, capsys):
    plan_path.write_text("{ not json")
    assert main(["--db", str(plan_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Cannot use the plan file") and "line 1" in err
    assert plan_path.read_text() == "{ not json"


def test_help_and_version_are_exit_0(cli):
    assert cli("--help").code == 0
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("planner, version ")
    assert os.environ.get("COLUMNS") == "80"


def test_undo_of_a_change_edited_since_is_refused_with_exit_2(ok, cli, plan_path):
    ok("strategy", "add", "Get fit")
    ok("add", "Run", "--to", "s1")
    data = json.loads(plan_path.read_text())
    data["tactics"]["1"]["title"] = "Run 5k"  # a hand edit (or a git pull) after the add
    plan_path.write_text(json.dumps(data))
    before = plan_path.read_bytes()
    result = cli("undo")
    assert result.code == 2
    assert "Cannot undo" in result.err and "changed since" in result.err
    assert plan_path.read_bytes() == before


def test_garbage_collection_is_paused_while_the_app_starts_and_back_after(plan_path, monkeypatch):
    """Start-up runs without collections (they only walk live objects then); the
    collector is back on after the first frame, and after any way out of main()."""
    import gc

    seen = []
    monkeypatch.setattr(launch, "run_app", lambda store: seen.append(gc.isenabled()) or 0)
    assert main(["--db", str(plan_path)]) == 0
    assert seen == [False] and gc.isenabled()
    assert main(["--db", str(plan_path), "today"]) == 0 and gc.isenabled()
    plan_path.write_text("{ not json")
    assert main(["--db", str(plan_path)]) == 1 and gc.isenabled()
    gc.disable()
    try:
        launch.after_first_frame()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


# -- a misplaced --db ---------------------------------------------------------------------------


@pytest.mark.parametrize("args, said", [
    (["list", "--db", "x.json"], "planner --db x.json list"),
    (["list", "--json", "--db=my plan.json"], "planner '--db=my plan.json' list --json"),
    (["add", "Step", "--to", "s1", "--db", "x.json", "--due", "fri"],
     "planner --db x.json add Step --to s1 --due fri"),
    (["today", "--db"], "planner --db FILE today"),
])
def test_db_after_the_command_says_where_it_goes(cli, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    result = cli(*args, db=None)
    assert result.code == 2 and result.out == ""
    assert result.err == f"Error: --db goes before the command: {said}\n"
    assert list(tmp_path.iterdir()) == []  # nothing written, neither x.json nor the default plan


def test_other_unknown_options_keep_clicks_message(cli):
    result = cli("list", "--bogus")
    assert result.code == 2 and "No such option '--bogus'" in result.err and "--db" not in result.err


# -- an unexpected error ------------------------------------------------------------


def test_an_unexpected_error_in_a_command_is_one_line_a_log_and_exit_1(cli, ok, plan_path, tmp_path, monkeypatch):
    ok("strategy", "add", "Sell the company to ACME")
    before = plan_path.read_bytes()

    def broken(plan, strategy, *more):
        title = strategy.title
        raise KeyError(title)

    monkeypatch.setattr("planner_tui.cli.plan_commands.strategy_record", broken)
    result = cli("list", "--json")

    assert (result.code, result.out) == (1, "")
    [log] = (tmp_path / "state" / "planner-tui" / "log").glob("crash-*.log")
    assert result.err == ("Error: planner stopped on an unexpected error (KeyError). The plan file keeps every "
                          f"change made before it.\nDetails, to include when you report it: {log}\n")
    assert "ACME" not in result.err and "Traceback (most recent call last)" in log.read_text()
    assert plan_path.read_bytes() == before


def test_an_unexpected_error_before_the_app_opens_is_told_the_same_way(cli, plan_path, tmp_path, monkeypatch):
    def broken(store):
        raise RuntimeError("no terminal")

    monkeypatch.setattr(launch, "run_app", broken)
    result = cli()
    assert result.code == 1 and result.err.startswith("Error: planner stopped on an unexpected error (RuntimeError).")
