"""Text people type is data, never markup; human output fits an 80-column terminal, and in
a pipe is one line per item, never wrapped or padded."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

MARKUP = "[bold]x[/] [@click=app.quit]"


# -- titles are printed literally ------------------------------------------------------


@pytest.fixture
def marked(ok):
    ok("strategy", "add", MARKUP, "--why", "[red]why[/red]")
    ok("add", MARKUP, "--to", "s1", "--due", "today", "--notes", "[/]")
    ok("add", "plain [x] done", "--to", MARKUP)


def test_markup_is_stored_literally(marked, read):
    data = read()
    assert data["strategies"]["1"]["title"] == MARKUP
    assert data["strategies"]["1"]["why"] == "[red]why[/red]"
    assert data["tactics"]["1"]["title"] == MARKUP
    assert data["tactics"]["1"]["notes"] == "[/]"
    assert data["tactics"]["2"]["title"] == "plain [x] done"


def test_markup_printed_literally_by_list(marked, ok):
    out = ok("list").out
    assert out.count(MARKUP) == 2
    assert "plain [x] done" in out
    assert "\x1b" not in out
    assert json.loads(ok("list", "--json").out)[1]["title"] == MARKUP


def test_markup_printed_literally_by_today(marked, ok):
    out = ok("today").out
    assert f"t1 [ ] {MARKUP}  {MARKUP}  today" in out.splitlines()  # the tactic, its strategy


def test_markup_printed_literally_on_a_terminal(marked, ok, terminal):
    seen = ok("today").seen
    assert any(MARKUP in line for line in seen)
    assert any("[bold]x[/] [@cl…" in line for line in seen)  # its strategy, cut to a fifth of 80
    assert sum(line.count(MARKUP) for line in ok("list").seen) == 2
    today = json.loads(ok("today", "--json").out)[0]
    assert (today["title"], today["strategy_title"]) == (MARKUP, MARKUP)


def test_markup_printed_literally_by_done_start_drop_and_undo(marked, ok):
    assert ok("done", "t1").lines == [f"t1 done: {MARKUP}"]
    assert ok("start", "t1").lines == [f"t1 doing: {MARKUP}"]
    assert ok("drop", "t1", "t2").lines == [f"t1 dropped: {MARKUP}", "t2 dropped: plain [x] done"]
    assert [ok("undo").out for _ in range(3)] == [
        "Undone: dropped t1 t2\n", "Undone: doing t1\n", "Undone: done t1\n"]
    assert ok("undo").lines == ["Undone: add tactic 'plain [x] done'"]


def test_markup_in_error_messages_is_literal(ok, cli):
    ok("strategy", "add", "[bold]Get[/] one")
    ok("strategy", "add", "[bold]Get[/] two")
    result = cli("add", "x", "--to", "[bold]get[/]")
    assert result.code == 2
    assert "s1 '[bold]Get[/] one'" in result.err and "s2 '[bold]Get[/] two'" in result.err


# -- 80 columns --------------------------------------------------------------------------

LONG = ("Write the long-form case study of the data visualisation project for the portfolio, "
        "with screenshots, numbers and a short video")
WORD = "https://example.com/" + "a" * 100


@pytest.fixture
def crowded(ok):
    """Long titles, a 100-character word, wide characters, and strategies six levels deep."""
    ok("strategy", "add", LONG, "--by", "5y")
    parent = "s1"
    for depth in range(1, 6):
        parent = ok("strategy", "add", f"Level {depth} {LONG}", "--under", parent, "--by", "eoy").out.strip()
    ok("add", LONG, "--to", parent, "--due", "fri 17:00")
    ok("add", WORD, "--to", parent, "--due", "yesterday")
    ok("add", "日本語のタイトル " * 8, "--to", "s1", "--due", "today")
    ok("add", "In progress " + LONG, "--to", "s2", "--due", "+3d")
    ok("start", "t4")
    ok("add", "Later", "--to", "s3", "--due", "2028-01-01")


def too_wide(text: str) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > 80]


@pytest.mark.parametrize("args", [["list"], ["today"], ["done", "t1", "t2", "t3"], ["demo"]], ids=" ".join)
def test_human_output_fits_80_columns(crowded, ok, terminal, args):
    seen = ok(*args).seen
    assert seen
    assert [line for line in seen if cell_len(line) > 80] == []
    assert [line for line in seen if line != line.rstrip()] == []


def test_long_titles_wrap_instead_of_being_cut(crowded, ok, terminal):
    seen = ok("list").seen
    words = " ".join(" ".join(seen).split())
    for word in LONG.split():
        assert word in words
    folded = [re.search(r"(https://\S+|a{20,})", line)[0] for line in seen if "aaaaaaaaaaaaaaaaaaaa" in line]
    assert len(folded) > 1 and "".join(folded) == WORD  # folded across lines, every character kept
    assert any("in 6 days" in line for line in seen) and any("5y left" in line for line in seen)
    assert any("1 day overdue" in line for line in seen)


def test_a_wrapped_title_hangs_under_itself(crowded, ok, terminal):
    seen = ok("list").seen
    first = next(i for i, line in enumerate(seen) if line.lstrip().startswith("t1 "))
    start = seen[first].index("[ ] ") + 4
    assert seen[first][start:].startswith("Write the long-form")
    assert seen[first + 1][:start].isspace() and seen[first + 1][start] != " "


# -- a pipe ------------------------------------------------------------------------------

TITLE_300 = " ".join(["a-long-title"] * 23) + " end"  # 302 characters, spaces included


@pytest.mark.parametrize("args", [["list"], ["today"]], ids=" ".join)
def test_piped_listings_are_one_line_per_item_without_padding(crowded, ok, args):
    ok("strategy", "add", TITLE_300, "--review-every", "7")
    ok("add", TITLE_300, "--to", "s7", "--due", "today")
    lines = ok(*args).lines
    assert [line for line in lines if line != line.rstrip()] == []
    whole = [line for line in lines if TITLE_300 in line]
    assert whole, lines  # a 300-character title is never wrapped: grep finds it
    assert "  " not in "".join(line.split("  ", 1)[0] for line in lines if line[:1] == "t")


def test_piped_rows_are_cells_joined_by_two_spaces(plan, ok):
    assert "t2 [ ] Write up the project  Build a portfolio  1 day overdue" in ok("today").lines
    assert "t5   [ ] Book a marathon  in 4 weeks" in ok("list").lines
    assert "\x1b" not in ok("list").out + ok("today").out


@pytest.mark.parametrize("args", [
    [], ["strategy"], ["strategy", "add"], ["add"], ["done"], ["start"], ["drop"], ["due"],
    ["today"], ["list"], ["undo"], ["demo"],
], ids=lambda args: " ".join(args) or "planner")
def test_help_fits_80_columns(ok, args):
    out = ok(*args, "--help").out
    assert out.startswith("Usage: planner")
    assert too_wide(out) == []
