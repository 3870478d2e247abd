"""No control character a plan holds reaches the terminal raw through the CLI.

The plan (`hostile`, tests/conftest.py) holds ESC c, BEL, CSI, OSC 8, RLO,
NEL and NUL in every text field, as a hand-edited file could. Every command
that prints plan text shows them as escapes (`\\x1b`); `--json` keeps them
exactly, as JSON escapes.
"""

from __future__ import annotations

import json

import icalendar
import pytest


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    """Wide enough that no title is folded, so the escapes can be read whole."""
    monkeypatch.setenv("COLUMNS", "300")


def test_list_shows_every_title_with_escapes(ok, hostile):
    hostile.defused(ok("list").out, "Goal", "Part", "Task", whole=True)


def test_today_shows_the_tactic_and_its_strategy_with_escapes(ok, hostile):
    out = ok("today").out
    hostile.defused(out, "Task", whole=True)
    hostile.defused(out, "Part")  # the strategy column is cut to 24 cells


@pytest.mark.parametrize("command", [("list", "--json"), ("today", "--json"), ("review", "--due", "--json")])
def test_json_output_keeps_the_text_exactly_and_prints_nothing_raw(ok, hostile, command):
    out = ok(*command).out
    hostile.defused(out)
    titles = {row["title"] for row in json.loads(out)}
    assert titles & {f"Goal {hostile.text}", f"Task {hostile.text}"}


def test_review_due_shows_the_title_with_escapes(ok, hostile):
    hostile.defused(ok("review", "--due").out, "Goal", whole=True)


def test_markdown_export_on_stdout(ok, hostile):
    out = ok("export").out
    hostile.defused(out)
    assert "Task \\\\x1bc\\\\x07\\\\x1b\\[31mred" in out  # Markdown escapes the backslash and the bracket


def test_ics_export_on_stdout(ok, hostile):
    out = ok("export", "--format", "ics").out
    hostile.defused(out.replace("\r\n", "\n"))
    summaries = [str(c["summary"]) for c in icalendar.Calendar.from_ical(out).walk() if "summary" in c]
    hostile.defused("\n".join(summaries), "Horizon: Goal", "Task", whole=True)


def test_json_export_on_stdout(ok, hostile):
    out = ok("export", "--format", "json").out
    hostile.defused(out)
    assert json.loads(out)["tables"]["strategies"]["1"]["why"] == f"first line\nwhy {hostile.text}"


def test_what_a_change_reports_and_undo_show_escapes(ok, hostile):
    hostile.defused(ok("done", "t1").out, "t1 done: Task", whole=True)
    hostile.defused(ok("undo").out)


def test_an_error_quoting_the_file_shows_escapes(cli, hostile, tmp_path):
    """Error messages quote what a file says (here a strategy id); they are shown safely too."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"strategies": {}, "tactics": {"1": {"title": "x", "strategy": f"s {hostile.text}"}}}))
    result = cli("import", str(bad))
    assert result.code == 2
    hostile.defused(result.err, '"strategy": is \'s')  # quoted as repr does, cut at 60 characters


def test_listings_on_a_terminal_show_escapes_too(ok, hostile, monkeypatch):
    """The terminal's layout (fitted, wrapped) takes the same escaped text; TERM=dumb: no
    colour codes of ours to tell from a raw one (and 80 columns: the escapes wrap)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("TERM", "dumb")
    for command in ("list", "today"):
        out = ok(command).out
        hostile.defused(out)
        assert "".join(out.split()).count("".join(hostile.shown.split())) == (3 if command == "list" else 1)  # today cuts the strategy


def test_checkin_history_as_text_shows_the_notes_with_escapes(ok, hostile):
    hostile.defused(ok("checkin", "--history").out, "day", whole=True)
