"""`planner import` with files from the wild: what it cannot use is refused at
once (exit 2, nothing written, a message saying what it expected), and the
deepest outline it takes works in every command.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from planner_tui.core.day import Day
from planner_tui.cli.listing import print_rows
from planner_tui.cli.output import plan_rows
from planner_tui.cli.screen import Screen
from planner_tui.core.exchange import importing
from planner_tui.core.file.changes import Put
from planner_tui.core.model import MAX_DEPTH
from planner_tui.core.plan import Plan

EXPECTED = "a Markdown outline with `#` headings and `- [ ]` tasks"


def snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def outline(levels: int) -> str:
    """Headings `#` … `#`×levels, each under the one before, a task at the bottom."""
    lines = [f"{'#' * level} Level {level}" for level in range(1, levels + 1)]
    return "\n".join([*lines, "- [ ] The deepest task — *due 2026-12-04*", ""])


@pytest.fixture
def before(ok, plan_path):
    """A plan with one strategy; returns its file's bytes, to show nothing was written."""
    ok("strategy", "add", "Already here")
    return snapshot(plan_path)


# -- what is not an outline or an export ---------------------------------------------------


@pytest.mark.parametrize("name, content", [
    ("notes.txt", "Just a paragraph of prose.\n\nAnd another, with a [link](x)."),
    ("empty.md", ""),
    ("blank.md", "\n  \n\t\n"),
    ("quote.md", "> only a quote\n"),
    ("front.md", "---\ntitle: front matter only\n---\n"),
    ("data.csv", "title,due\nx,2026-12-04\n"),
])
def test_unrecognised_content_exits_2_and_says_what_it_expected(cli, before, plan_path, tmp_path, name, content):
    source = tmp_path / name
    source.write_text(content)
    result = cli("import", str(source))
    assert result.code == 2, result
    assert "Found no `#` heading and no `- [ ]` task" in result.err and EXPECTED in result.err
    assert "planner-tui JSON export or plan file" in result.err
    assert snapshot(plan_path) == before


def test_unrecognised_standard_input_exits_2_too(cli, before, plan_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"hello\n")))
    result = cli("import", "-")
    assert result.code == 2 and EXPECTED in result.err
    assert snapshot(plan_path) == before


# -- what is not a regular file ---------------------------------------------------------------


def test_a_named_pipe_is_refused_at_once(before, plan_path, tmp_path):
    """A FIFO with no writer: opening it to read would wait forever. Run as a real
    process, with a time limit, so a regression fails instead of hanging the suite
    (a generous one: a busy machine starts Python slowly, a hang never ends)."""
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "planner_tui", "--db", str(plan_path), "import", str(fifo)],
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result
    assert f"{fifo} is a named pipe: planner import reads a regular file" in result.stderr
    assert snapshot(plan_path) == before


def test_a_device_is_refused_without_reading_it(cli, before, plan_path):
    """/dev/zero never ends: reading it would fill the memory."""
    result = cli("import", "/dev/zero", "--format", "json")
    assert result.code == 2 and "/dev/zero is a device: planner import reads a regular file" in result.err
    assert snapshot(plan_path) == before


# -- what is too big -------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(cli, before, plan_path, tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as sparse:  # no disk used: a hole the size of the limit, and one byte
        sparse.truncate(importing.MAX_IMPORT_BYTES + 1)
    result = cli("import", str(big))
    assert result.code == 2, result
    assert f"{big} is larger than 50 MB, the most planner import reads" in result.err
    assert snapshot(plan_path) == before


def test_reading_stops_past_the_limit(cli, before, plan_path, monkeypatch):
    """Standard input has no size to look at first (and a file may grow): the read
    itself stops one byte past the limit."""
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1000)
    stream = io.BytesIO(b"# A\n" + b"- [ ] x\n" * 10_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    result = cli("import", "-")
    assert result.code == 2 and "standard input is larger than 0 MB" in result.err
    assert stream.tell() < 10_000  # read up to the limit (and a buffer), not to the end
    assert snapshot(plan_path) == before


# -- how deep ---------------------------------------------------------------------------------------


def test_a_5000_level_outline_is_refused_naming_the_line(cli, before, plan_path, tmp_path):
    deep = tmp_path / "deep.md"
    deep.write_text(outline(5000))
    result = cli("import", str(deep))
    assert result.code == 2, result
    assert (f"Line {MAX_DEPTH + 1}: a heading nested {MAX_DEPTH + 1} levels deep; "
            f"a plan keeps strategies at most {MAX_DEPTH} levels deep. Nothing was written.") in result.err
    assert snapshot(plan_path) == before


def test_the_deepest_outline_allowed_works_in_every_command(ok, read, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    deep = tmp_path / "deep.md"
    deep.write_text(outline(MAX_DEPTH))
    assert f"Added {MAX_DEPTH} strategies and 1 tactic" in ok("import", str(deep)).out
    listed = ok("list").out
    assert "Level 1" in listed and f"Level {MAX_DEPTH}" in listed and "The deepest task" in listed
    records = json.loads(ok("list", "--json").out)
    assert max(r.get("depth", 0) for r in records) == MAX_DEPTH - 1
    assert "The deepest task" in ok("today").out  # due within the week
    markdown = ok("export").out
    assert f"{'#' * MAX_DEPTH} Level {MAX_DEPTH}\n" in markdown
    calendar = icalendar.Calendar.from_ical(ok("export", "--format", "ics").out)
    assert [str(c["summary"]) for c in calendar.walk("VTODO")] == ["The deepest task"]
    assert len(json.loads(ok("export", "--format", "json").out)["tables"]["strategies"]) == MAX_DEPTH
    again = tmp_path / "again.md"
    again.write_text(markdown)
    ok("import", str(again), db=tmp_path / "again.json")
    assert len(read(tmp_path / "again.json")["strategies"]) == MAX_DEPTH


def test_the_plan_listing_draws_a_tree_of_any_depth(frozen, terminal, monkeypatch):
    """Deeper than a plan file may hold (it is refused when opened; this plan is built
    in memory): still a loop, and on an 80-column terminal the indent never takes more
    than half the title's column, so every title shows."""
    monkeypatch.setenv("NO_COLOR", "1")
    levels = 2000
    plan = Plan()
    plan.apply([Put("strategies", n, {"title": f"Level {n}", "parent": n - 1 if n > 1 else None})
                for n in range(1, levels + 1)])
    shown = io.StringIO()
    print_rows(Screen(shown), plan_rows(plan, Day(frozen)))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown.getvalue()).splitlines()
    assert len(lines) == levels and lines[-1].split()[:3] == [f"s{levels}", "Level", str(levels)]
    assert max(len(line) for line in lines) <= 80
