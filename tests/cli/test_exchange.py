"""`planner export`, `planner import`, `planner settings`, `planner completion`, and
the settings the other commands follow. Exit codes: 2 bad input with nothing
written, 1 an unusable plan file.
"""

from __future__ import annotations

import io
import json
import sys

import icalendar
import pytest
from rich.cells import cell_len

from planner_tui.cli import main
from planner_tui.cli.commands import planner
from planner_tui.core.exchange import export
from planner_tui.core.file.store import SCHEMA, Store


@pytest.fixture
def settings_file(tmp_path):
    """Write the settings file where conftest's XDG_CONFIG_HOME puts it."""

    def write(text: str):
        path = tmp_path / "config" / "planner-tui" / "settings.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def snapshot(path):
    return path.read_bytes() if path.exists() else None


# -- export -------------------------------------------------------------------------------


def test_export_prints_markdown_by_default(ok, plan, plan_path, frozen):
    out = ok("export").out
    assert out == export.to_markdown(Store(plan_path).plan, frozen)
    assert out.startswith("<!-- planner-tui plan, exported 2026-11-28.")
    assert "# Get a good job\n" in out and "- [ ] Finish the site — *due 2026-12-04 · in progress*" in out


@pytest.mark.parametrize("name, fmt, start", [
    ("plan.md", "markdown", b"<!-- planner-tui"), ("plan.ics", "ics", b"BEGIN:VCALENDAR"),
    ("out.json", "json", b"{\n  \"exported\""), ("plan.txt", "markdown", b"<!-- planner-tui"),
])
def test_export_to_a_file_takes_the_format_from_its_name(cli, plan, tmp_path, name, fmt, start):
    target = tmp_path / name
    result = cli("export", "-o", str(target))
    assert (result.code, result.err) == (0, "")
    assert result.out == f"Wrote {target} ({fmt}).\n"
    assert target.read_bytes().startswith(start)


def test_export_format_wins_over_the_name(ok, plan, tmp_path):
    target = tmp_path / "feed.txt"
    ok("export", "--format", "ics", "-o", str(target))
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(calendar.walk("VTODO")) == 5 and len(calendar.walk("VEVENT")) == 2


def test_ics_export_on_stdout_is_a_calendar(ok, plan):
    out = ok("export", "-f", "ics", "--namespace", "home").out
    calendar = icalendar.Calendar.from_ical(out)
    assert {str(t["UID"]) for t in calendar.walk("VTODO")} == {
        "t1.home@planner-tui", "t2.home@planner-tui", "t3.home@planner-tui",
        "t4.home@planner-tui", "t5.home@planner-tui"}


def test_ics_events_for_calendars_without_to_dos(ok, plan):
    calendar = icalendar.Calendar.from_ical(ok("export", "-f", "ics", "--events").out)
    assert calendar.walk("VTODO") == [] and len(calendar.walk("VEVENT")) == 7


def test_export_of_a_missing_plan_writes_no_plan_file(ok, plan_path):
    assert ok("export", "-f", "json").out.startswith("{")
    assert not plan_path.exists()


@pytest.mark.parametrize("args, says", [
    (["--format", "pdf"], "Invalid value for '--format'"),
    (["-o", "{tmp}/no/such/folder/plan.md"], "does not exist"),
    (["-o", "{plan}"], "is the plan file itself"),
    (["-o", "{tmp}"], "is a directory"),
])
def test_bad_export_input_exits_2_with_nothing_written(cli, plan, plan_path, tmp_path, args, says):
    before = snapshot(plan_path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = cli("export", *[a.format(tmp=tmp_path, plan=plan_path) for a in args])
    assert result.code == 2 and says in result.err, result
    assert snapshot(plan_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_export_of_an_unusable_plan_file_exits_1(cli, plan_path, tmp_path):
    plan_path.write_text("{ not json")
    result = cli("export", "-o", str(tmp_path / "out.md"))
    assert result.code == 1 and "not valid JSON" in result.err
    assert not (tmp_path / "out.md").exists()


# -- import -------------------------------------------------------------------------------


@pytest.fixture
def backup(ok, plan, tmp_path):
    """The sample plan exported as JSON."""
    target = tmp_path / "backup.json"
    ok("export", "-o", str(target))
    return target


def test_json_restores_into_an_empty_plan_and_then_asks(cli, ok, read, backup, plan_path, tmp_path):
    other = tmp_path / "other.json"
    result = ok("import", str(backup), db=other)
    assert result.out == (f"Restored 3 strategies and 6 tactics from {backup}. "
                          "`planner undo` takes the import back.\n")
    assert read(other)["tactics"] == read(plan_path)["tactics"]
    before = snapshot(other)
    again = cli("import", str(backup), db=other)
    assert again.code == 2 and "--merge" in again.err and "--replace" in again.err
    assert snapshot(other) == before


def test_merge_replace_and_undo(ok, read, backup, plan_path):
    ok("import", str(backup), "--merge")
    assert len(read()["strategies"]) == 6 and len(read()["tactics"]) == 12
    ok("undo")
    assert len(read()["tactics"]) == 6
    ok("strategy", "add", "Extra")
    replaced = ok("import", str(backup), "--replace").out
    assert replaced.startswith(f"Replaced the plan with 3 strategies and 6 tactics from {backup}.")
    assert "The plan as it was is kept in " in replaced
    assert len(read()["strategies"]) == 3
    ok("undo")
    assert len(read()["strategies"]) == 4


def test_a_newer_schema_exits_2_with_nothing_written(cli, backup, plan_path, tmp_path):
    data = json.loads(backup.read_text())
    data["schema"] = SCHEMA + 1
    backup.write_text(json.dumps(data))
    for db in (plan_path, tmp_path / "empty.json"):
        before = snapshot(db)
        result = cli("import", str(backup), "--replace", db=db)
        assert result.code == 2 and "newer planner-tui" in result.err
        assert snapshot(db) == before


def test_markdown_imports_headings_and_tasks(ok, read, tmp_path):
    source = tmp_path / "goals.md"
    source.write_text("# Career\n- [ ] Update the CV — *due 2026-12-04*\n## Network\n- [x] Coffee with Ana\n")
    out = ok("import", str(source)).out
    assert out.startswith(f"Added 2 strategies and 2 tactics from {source}.")
    data = read()
    assert [s["title"] for s in data["strategies"].values()] == ["Career", "Network"]
    assert [(t["title"], t["status"], t["due"]) for t in data["tactics"].values()] == [
        ("Update the CV", "todo", "2026-12-04"), ("Coffee with Ana", "done", None)]


def test_loose_tasks_get_a_strategy_named_after_the_file(ok, read, tmp_path):
    source = tmp_path / "todo.md"
    source.write_text("- [ ] milk\n")
    ok("import", str(source))
    assert [s["title"] for s in read()["strategies"].values()] == ["Imported from todo.md"]


def test_markdown_round_trip_through_the_cli(ok, plan, plan_path, tmp_path):
    exported = tmp_path / "plan.md"
    ok("export", "-o", str(exported))
    other = tmp_path / "other.json"
    ok("import", str(exported), db=other)
    assert ok("export", db=other).out == exported.read_text()


def test_import_reads_stdin_and_looks_inside(ok, read, monkeypatch, backup, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(backup.read_bytes())))
    ok("import", "-", db=tmp_path / "from-stdin.json")
    assert len(read(tmp_path / "from-stdin.json")["tactics"]) == 6
    odd_name = tmp_path / "notes.outline"
    odd_name.write_text("# From an odd name\n")
    ok("import", str(odd_name), db=tmp_path / "odd.json")
    assert [s["title"] for s in read(tmp_path / "odd.json")["strategies"].values()] == ["From an odd name"]


@pytest.mark.parametrize("content, args, says", [
    (None, [], "does not exist"),
    (b"\xff\xfe# A", [], "is not UTF-8 text"),
    (b"{ not json", [], "not valid JSON"),
    (b"# A", ["--format", "json"], "not valid JSON"),
    (b'{"tables": {"tactics": {"1": {"title": "x", "strategy": 9}}}}', [], "names strategy s9, which is not in the plan"),
])
def test_bad_import_input_exits_2_with_nothing_written(cli, plan, plan_path, tmp_path, content, args, says):
    source = tmp_path / "in.json"
    if content is not None:
        source.write_bytes(content)
    before = snapshot(plan_path)
    result = cli("import", str(source), *args)
    assert result.code == 2 and says in result.err, result
    assert snapshot(plan_path) == before


def test_importing_the_plan_file_into_itself_exits_2(cli, plan, plan_path):
    before = snapshot(plan_path)
    result = cli("import", str(plan_path), "--merge")
    assert result.code == 2 and "plan file itself" in result.err
    assert snapshot(plan_path) == before


def test_import_into_an_unusable_plan_file_exits_1(cli, backup, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": {"1": {"schema": 99}}}')
    before = snapshot(broken)
    result = cli("import", str(backup), "--replace", db=broken)
    assert result.code == 1 and "newer planner_tui" in result.err
    assert snapshot(broken) == before


# -- settings the commands follow ------------------------------------------------------------


def test_soon_days_sets_how_far_today_looks(ok, plan, settings_file):
    assert "Book a marathon" not in ok("today").out
    settings_file("soon_days = 30\n")
    assert "Book a marathon" in ok("today").out


def test_week_start_sets_the_end_of_the_week(ok, read, plan, settings_file):
    settings_file('week_start = "sunday"\n')
    ok("due", "t6", "eow")
    assert read()["tactics"]["6"]["due"] == "2026-11-28"  # Saturday: the week began last Sunday
    settings_file("")
    ok("due", "t6", "eow")
    assert read()["tactics"]["6"]["due"] == "2026-11-29"


def test_new_strategies_get_the_default_review_cadence(ok, read, settings_file):
    settings_file("default_review_every = 21\n")
    ok("strategy", "add", "With the default")
    ok("strategy", "add", "With its own", "--review-every", "7")
    assert [s["review_every"] for s in read()["strategies"].values()] == [21, 7]


def test_a_broken_settings_file_warns_and_the_command_still_works(cli, plan, settings_file):
    path = settings_file("soon_days = \n")
    result = cli("today")
    assert result.code == 0 and "Finish the site" in result.out
    assert result.err.startswith("Warning: The settings file ") and str(path) in result.err
    assert "line 1" in result.err


def test_planner_settings_shows_and_creates_the_file(cli, ok, tmp_path):
    path = tmp_path / "config" / "planner-tui" / "settings.toml"
    shown = ok("settings").out
    assert shown.startswith(f"{path} (no file yet") and "  soon_days = 7\n" in shown
    assert ok("settings", "--init").out == f"Wrote {path}.\n"
    assert path.exists()
    again = cli("settings", "--init")
    assert again.code == 2 and "exists already" in again.err
    data = json.loads(ok("settings", "--json").out)
    assert data == {"path": str(path), "problem": None, "theme": "textual-dark", "week_start": "monday",
                    "soon_days": 7, "default_review_every": None, "owner": None, "day_starts_at": "00:00",
                    "rest_days": [], "digest_at": "08:00", "nudge_at": "20:00", "caldav": None, "views": {},
                    "keys": {}}


# -- help and completion ------------------------------------------------------------------------


def all_commands():
    """Every command and sub-command, their modules imported (the group loads them lazily)."""
    found = []
    for name in planner.list_commands(None):
        command = planner.get_command(None, name)
        found.append([name])
        for sub in getattr(command, "commands", {}):
            found.append([name, sub])
    return found


@pytest.mark.parametrize("args", [[]] + all_commands(), ids=lambda args: " ".join(args) or "planner")
def test_every_help_has_examples_and_fits_80_columns(ok, args):
    out = ok(*args, "--help").out
    assert out.startswith("Usage: planner")
    assert [line for line in out.splitlines() if cell_len(line) > 80] == []
    if args != ["checkin"]:  # checkin_review_commands.py: the check-in lists its keys instead
        assert "Example" in out


def test_completion_script(ok):
    assert "_planner_completion" in ok("completion", "bash").out
    assert "compdef" in ok("completion", "zsh").out
    assert "complete --no-files --command planner" in ok("completion", "fish").out


def test_completion_through_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("_PLANNER_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "planner ex")
    monkeypatch.setenv("COMP_CWORD", "1")
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 0
    assert capsys.readouterr().out.split() == ["plain,export"]
